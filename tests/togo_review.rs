//! The speech map's second pass (issue 17): each finding of the analyst's
//! review, checked by content against the bundled map.

use argmap::bundled;
use argmap::model::{InferenceKind, Map, QuestionStatus};

fn map() -> Map {
    let loaded = bundled::DEFAULT.load().expect("the bundled map loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.map
}

/// The inferences that `premise` is a premise of, as (kind, target id).
fn uses_of(map: &Map, premise: &str) -> Vec<(InferenceKind, String)> {
    let ix = map.index_of(premise).expect(premise);
    map.inferences_from(ix)
        .into_iter()
        .map(|i| {
            let kind = map.node_at(i).unwrap().as_inference().unwrap().kind;
            let target = map.target_of(i).unwrap();
            (kind, map.node_at(target).unwrap().id.clone())
        })
        .collect()
}

/// Whether `from` reaches `to` through support inferences only.
fn supports_up_to(map: &Map, from: &str, to: &str, depth: usize) -> bool {
    from == to
        || depth > 0
            && uses_of(map, from).iter().any(|(kind, target)| {
                *kind == InferenceKind::Support && supports_up_to(map, target, to, depth - 1)
            })
}

fn premise_ids(map: &Map, inference: &str) -> Vec<String> {
    let ix = map.index_of(inference).expect(inference);
    let mut ids: Vec<String> = map
        .premises_of(ix)
        .into_iter()
        .map(|p| map.node_at(p).unwrap().id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn apec_1998_is_the_then_of_the_contrast_behind_the_negative_verdict() {
    let map = map();
    assert!(
        supports_up_to(&map, "apr-apec-1998", "assess-security-not-positive", 3),
        "{:?}",
        uses_of(&map, "apr-apec-1998")
    );
    assert!(!supports_up_to(&map, "apr-apec-1998", "sec-past-record", 1));
    // Then and now in one argument: APEC with the East Asia Summit.
    let contrast = map.index_of("apr-apec-1998").unwrap();
    let linked = map.inferences_from(contrast);
    assert!(linked.iter().any(|&i| {
        map.premises_of(i)
            .iter()
            .any(|&p| map.node_at(p).unwrap().id == "apr-eas-silent")
    }));
    assert!(
        !map.statement("sec-past-record")
            .unwrap()
            .text
            .contains("APEC")
    );
}

#[test]
fn the_ministrys_silence_is_the_authors_criticism_of_the_official_line() {
    let map = map();
    assert_eq!(
        uses_of(&map, "mfa-silence"),
        vec![(InferenceKind::Conflict, "official-line".to_string())]
    );
    let official = map.statement("official-line").unwrap();
    assert!(official.tags.iter().any(|t| t == "implicit"));
    assert!(
        official
            .evidence
            .iter()
            .any(|e| e.text.contains("quiet atmosphere"))
    );
}

#[test]
fn the_2010_view_rests_on_the_passage_about_2010_not_on_the_kunashir_visit() {
    let map = map();
    let view = map.index_of("view-2010-cause").unwrap();
    let supports: Vec<_> = map
        .inferences_into(view)
        .into_iter()
        .filter(|&i| map.node_at(i).unwrap().as_inference().unwrap().kind == InferenceKind::Support)
        .collect();
    assert!(supports.is_empty(), "nothing in the speech argues for it");
    assert!(map.statement("medvedev-kunashir").is_none());
    let st = map.statement("view-2010-cause").unwrap();
    assert!(
        st.evidence
            .iter()
            .any(|e| e.text.contains("autumn in 2010"))
    );
    // The passage on 2010's various reasons answers it.
    assert_eq!(
        uses_of(&map, "causes-2010-secondary"),
        vec![(InferenceKind::Conflict, "view-2010-cause".to_string())]
    );
}

#[test]
fn sechins_gas_plan_sits_with_the_post_disaster_aid() {
    let map = map();
    let gas: Vec<String> = uses_of(&map, "econ-sechin-gas")
        .into_iter()
        .map(|u| u.1)
        .collect();
    let aid: Vec<String> = uses_of(&map, "march11-aid")
        .into_iter()
        .map(|u| u.1)
        .collect();
    assert!(gas.iter().any(|t| aid.contains(t)), "{gas:?} vs {aid:?}");
    assert!(!gas.contains(&"assess-economic-success".to_string()));
}

#[test]
fn every_implicit_position_is_tagged_and_anchored_to_what_answers_it() {
    let map = map();
    for id in [
        "zero-option",
        "japan-hold-out",
        "official-line",
        "view-2010-cause",
        "obj-anti-china",
        "obj-partnership-unneeded",
        "sec-positive-view",
    ] {
        let st = map.statement(id).unwrap();
        assert!(st.tags.iter().any(|t| t == "implicit"), "{id} untagged");
    }
    for node in map.nodes() {
        let Some(st) = node.as_statement() else {
            continue;
        };
        if st.tags.iter().any(|t| t == "implicit") {
            assert!(
                st.evidence.iter().any(|e| e.anchor.is_some()),
                "{} is implicit but anchored nowhere",
                node.id
            );
        }
    }
    // The objection's premise is the author's concession, not his advice.
    let premise = map.statement("japan-us-china").unwrap();
    assert!(!premise.text.contains("must"), "{}", premise.text);
}

#[test]
fn the_frame_and_the_crossroads_follow_the_speech() {
    let map = map();
    assert!(
        !uses_of(&map, "frame-three-tracks")
            .iter()
            .any(|u| u.1 == "tracks-in-parallel"),
        "a description does not support a norm"
    );
    assert!(
        premise_ids(&map, "arg-crossroads").contains(&"assess-territorial-failure".to_string())
    );
}

#[test]
fn every_statement_has_a_short_unique_title() {
    let map = map();
    let mut titles = Vec::new();
    for node in map.nodes() {
        if let Some(st) = node.as_statement() {
            assert!(!st.title.is_empty(), "{} has no title", node.id);
            assert!(st.title.chars().count() <= 48, "{}: {}", node.id, st.title);
            titles.push(st.title.clone());
        }
    }
    let n = titles.len();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), n, "titles repeat");
    // Attack titles say what they attack, and differ.
    let a = map.inference("att-hold-out").unwrap().title.clone();
    let b = map.inference("att-zero-option").unwrap().title.clone();
    assert_ne!(a, b);
}

#[test]
fn outside_facts_in_notes_are_marked_unverified() {
    let map = map();
    for id in ["note-heiligendamm", "note-speaker-role"] {
        let st = map.statement(id).unwrap();
        assert!(st.text.contains("Unverified"), "{id}: {}", st.text);
    }
}

fn label(map: &Map, id: &str) -> argmap::eval::Label {
    argmap::eval::evaluate(map, argmap::eval::Semantics::Grounded)
        .standing(id)
        .unwrap()
        .label
}

/// What the README says the map concludes under grounded semantics, and its
/// two worked what-ifs.
#[test]
fn grounded_labels_are_what_the_readme_says() {
    use argmap::eval::Label::{In, Out};
    use argmap::model::AcceptanceOverride::Rejected;
    let map = map();
    assert_eq!(label(&map, "thesis"), In);
    assert_eq!(label(&map, "path-expansion"), In);
    assert_eq!(label(&map, "path-reduction"), Out);
    let objections_out = map
        .nodes()
        .filter_map(|n| n.as_statement().map(|s| (n, s)))
        .filter(|(_, s)| s.tags.iter().any(|t| t == "objection"))
        .all(|(n, _)| label(&map, &n.id) == Out);
    assert!(objections_out, "every implicit objection is OUT");
    // What-if 1: without the failed negotiations there is no crossroads,
    // and the thesis's practical argument loses its goal.
    let mut what_if = map.clone();
    what_if
        .set_acceptance_override("assess-territorial-failure", Rejected)
        .unwrap();
    for id in ["decade-review", "diagnosis-crossroads", "thesis"] {
        assert_eq!(label(&what_if, id), Out, "{id}");
    }
    assert_eq!(label(&what_if, "path-expansion"), In);
    // What-if 2: reject both costs of reduction and the cap on its benefit,
    // and reduction wins.
    let mut what_if = map.clone();
    for id in ["red-mistrust", "red-security", "red-econ-capped"] {
        what_if.set_acceptance_override(id, Rejected).unwrap();
    }
    assert_eq!(label(&what_if, "path-reduction"), In);
    assert_eq!(label(&what_if, "thesis"), Out);
}

/// `argmap check --lint` finds nothing but the critical questions left open
/// on purpose (seminar material): no unbound role, no unevidenced fact.
#[test]
fn the_lint_lists_only_open_questions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["check", "--lint", "maps/togo-japan-russia.argmap.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("0 coverage warnings"), "{text}");
    let other: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("warning:") && !l.contains("open-question"))
        .collect();
    assert!(other.is_empty(), "{other:#?}");
    assert!(text.contains("open-question"), "open questions are listed");
}

/// The six inferences whose reading is deductive or a plain contradiction
/// rather than a presumptive scheme, with the catalogue entry each names:
/// the two linked summaries are conjunctions, the three bare contradictions
/// conflicts from incompatibility, and "other ties suffice" the pragmatic
/// argument from alternatives. Each description names its scheme.
const NON_PRESUMPTIVE: [(&str, &str, &str); 6] = [
    ("arg-decade-review", "conjunction", "conjunction"),
    ("arg-hashimoto-principles", "conjunction", "conjunction"),
    (
        "arg-other-partners",
        "alternatives",
        "argument from alternatives",
    ),
    ("att-obj-unneeded", "incompatibility", "incompatibility"),
    ("att-reduction-thesis", "incompatibility", "incompatibility"),
    ("att-sec-positive", "incompatibility", "incompatibility"),
];

#[test]
fn every_inference_has_a_catalogue_scheme_with_every_role_bound() {
    let map = map();
    let catalogue = argmap::io::schemes::bundled();
    let mut with_scheme = 0;
    for node in map.nodes() {
        let Some(inf) = node.as_inference() else {
            continue;
        };
        if let Some((_, scheme, word)) = NON_PRESUMPTIVE.iter().find(|(id, ..)| *id == node.id) {
            assert_eq!(&inf.scheme, scheme, "{}", node.id);
            assert!(
                inf.description.to_lowercase().contains(word),
                "{} should name its reading ({word}): {}",
                node.id,
                inf.description
            );
        }
        let scheme = map
            .scheme_of(&node.id, catalogue)
            .unwrap_or_else(|| panic!("{} has no catalogue scheme ({:?})", node.id, inf.scheme));
        assert!(
            map.unbound_roles(&node.id, catalogue).is_empty(),
            "{}: {} roles unbound",
            node.id,
            scheme.id
        );
        // One premise in several roles is the speech leaving a general
        // premise unstated: the description must say how the premise fills
        // them.
        let mut bound: Vec<&String> = inf.roles.values().collect();
        bound.sort();
        bound.dedup();
        if bound.len() < inf.roles.len() {
            assert!(
                !inf.description.is_empty(),
                "{} binds one premise to several roles without saying why",
                node.id
            );
        }
        // Answers name statements, raised questions the conflicts the map has.
        for (q, status) in &inf.questions {
            assert!(scheme.question(q).is_some(), "{}: no question {q}", node.id);
            match status {
                QuestionStatus::Answered { by } => {
                    assert!(map.statement(by).is_some(), "{}: {q} by {by}", node.id)
                }
                QuestionStatus::Raised { objection } => assert_eq!(
                    map.inference(objection).map(|i| i.kind),
                    Some(InferenceKind::Conflict),
                    "{}: {q} raised by {objection}",
                    node.id
                ),
                _ => {}
            }
        }
        with_scheme += 1;
    }
    assert_eq!(
        with_scheme, 56,
        "every inference of the speech map has a scheme"
    );
}

fn scheme_and_roles(map: &Map, id: &str) -> (String, Vec<(String, String)>) {
    let inf = map.inference(id).unwrap();
    let roles = inf
        .roles
        .iter()
        .map(|(r, p)| (r.clone(), p.clone()))
        .collect();
    (inf.scheme.clone(), roles)
}

fn status(map: &Map, id: &str, question: &str) -> QuestionStatus {
    map.inference(id).unwrap().question_status(question)
}

#[test]
fn the_schemes_follow_the_speechs_arguments() {
    let map = map();
    let pair = |r: &str, p: &str| (r.to_string(), p.to_string());
    // The author's own rule (all tracks together) applied to the diverged
    // balance sheet yields the crossroads.
    assert_eq!(
        scheme_and_roles(&map, "arg-tracks-diverged"),
        (
            "established_rule".to_string(),
            vec![
                pair("applies", "decade-review"),
                pair("rule", "tracks-in-parallel")
            ]
        )
    );
    // "The principal cause ... is a failure of negotiations": cause to effect.
    assert_eq!(
        map.inference("arg-crossroads").unwrap().scheme,
        "cause_to_effect"
    );
    // 1997 as the precedent for expansion, still accepted: Sechin quoted it.
    assert_eq!(
        map.inference("arg-hashimoto-foundation").unwrap().scheme,
        "precedent"
    );
    assert_eq!(
        status(&map, "arg-hashimoto-foundation", "still_good"),
        QuestionStatus::Answered {
            by: "principles-shared".into()
        }
    );
    // The two pieces of closing advice are the costs of the two hard-line
    // positions: each advice attacks its position by negative consequences,
    // and raises the "bad consequences too" question of the position's
    // case against the rethink.
    for (position_attack, advice_attack) in [
        ("att-hold-out", "att-advice-japan"),
        ("att-zero-option", "att-advice-russia"),
    ] {
        assert_eq!(
            map.inference(position_attack).unwrap().scheme,
            "positive_consequences"
        );
        assert_eq!(
            map.inference(advice_attack).unwrap().scheme,
            "negative_consequences"
        );
        assert_eq!(
            status(&map, position_attack, "bad_too"),
            QuestionStatus::Raised {
                objection: advice_attack.into()
            }
        );
    }
    // The official line is the ministry's word; the speech's charge that the
    // ministry is silent on the failure is raised against its honesty.
    assert_eq!(
        map.inference("att-official-line").unwrap().scheme,
        "position_to_know"
    );
    assert_eq!(
        status(&map, "att-official-line", "honest"),
        QuestionStatus::Raised {
            objection: "att-mfa-silence".into()
        }
    );
    // 2010 against 2009: two rival explanations of the impasse.
    for id in ["att-2010-secondary", "att-2010-view"] {
        assert_eq!(
            map.inference(id).unwrap().scheme,
            "best_explanation",
            "{id}"
        );
    }
    // The friendship saying carried over to states is an analogy, and
    // whether states differ from friends is left to the seminar.
    assert_eq!(map.inference("uc-many-friends").unwrap().scheme, "analogy");
    let open: Vec<String> = map
        .question_states("uc-many-friends", argmap::io::schemes::bundled())
        .into_iter()
        .filter(|q| q.open)
        .map(|q| q.question.id)
        .collect();
    assert!(open.contains(&"difference".to_string()), "{open:?}");
}
