//! The bundled map of Kazuhiko Togo's speech holds the structure the
//! analysis needs, checked by content rather than by counting boxes.

use argmap::bundled;
use argmap::model::{Basis, InferenceKind, Map, NodeIx, Role, char_slice, verify_anchors};

fn map() -> Map {
    let loaded = bundled::DEFAULT.load().expect("the bundled map loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.map
}

fn tagged<'m>(map: &'m Map, tag: &str) -> Vec<&'m argmap::model::Node> {
    map.nodes_sorted()
        .into_iter()
        .filter(|n| {
            n.as_statement()
                .is_some_and(|s| s.tags.iter().any(|t| t == tag))
        })
        .collect()
}

fn reasons_of(map: &Map, ix: NodeIx, kind: InferenceKind) -> Vec<NodeIx> {
    map.inferences_into(ix)
        .into_iter()
        .filter(|&i| map.node_at(i).unwrap().as_inference().unwrap().kind == kind)
        .collect()
}

/// Whether some premise below `ix` (through supports) carries an anchored quote.
fn backed_by_quotes(map: &Map, ix: NodeIx, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    let has_quote = map
        .node_at(ix)
        .and_then(|n| n.as_statement())
        .is_some_and(|s| {
            s.evidence
                .iter()
                .any(|e| e.basis == Basis::Quote && e.anchor.is_some())
        });
    has_quote
        || reasons_of(map, ix, InferenceKind::Support)
            .into_iter()
            .flat_map(|i| map.premises_of(i))
            .any(|p| backed_by_quotes(map, p, depth - 1))
}

#[test]
fn one_thesis_that_argues_for_expansion() {
    let map = map();
    let theses: Vec<_> = map
        .nodes()
        .filter(|n| n.as_statement().is_some_and(|s| s.role == Role::Thesis))
        .collect();
    assert_eq!(theses.len(), 1);
    let text = &theses[0].as_statement().unwrap().text.to_lowercase();
    assert!(text.contains("expand"), "{text}");
    assert!(!map.meta().title.is_empty() && !map.meta().description.is_empty());
    assert!(!map.meta().authors.is_empty());
}

#[test]
fn the_three_tracks_are_assessed_with_evidence() {
    let map = map();
    for (track, verdict) in [
        ("track:economic", "succe"),
        ("track:security", "cannot be judged positively"),
        ("track:territorial", "failed"),
    ] {
        let assessment = tagged(&map, track)
            .into_iter()
            .find(|n| {
                n.as_statement()
                    .unwrap()
                    .tags
                    .iter()
                    .any(|t| t == "assessment")
            })
            .unwrap_or_else(|| panic!("no assessment of {track}"));
        let st = assessment.as_statement().unwrap();
        assert!(st.text.contains(verdict), "{track}: {}", st.text);
        let ix = map.index_of(&assessment.id).unwrap();
        assert!(
            backed_by_quotes(&map, ix, 4),
            "the assessment of {track} is not backed by quoted facts"
        );
    }
    let frame = map
        .statement("frame-three-tracks")
        .expect("the three-track frame");
    assert!(frame.text.contains("three tracks"));
}

#[test]
fn both_paths_exist_and_have_reasons() {
    let map = map();
    for (tag, word) in [
        ("path:reduction", "reduction"),
        ("path:expansion", "expanding"),
    ] {
        let path = tagged(&map, tag)
            .into_iter()
            .find(|n| {
                let st = n.as_statement().unwrap();
                st.role == Role::Claim && st.text.contains(word)
            })
            .unwrap_or_else(|| panic!("no {tag} claim"));
        let ix = map.index_of(&path.id).unwrap();
        let reasons = map.inferences_into(ix);
        assert!(
            !reasons.is_empty(),
            "{} has no reasons or objections",
            path.id
        );
    }
    // Reduction is argued against, not only for.
    let reduction = map.index_of("path-reduction").unwrap();
    assert!(!reasons_of(&map, reduction, InferenceKind::Conflict).is_empty());
    assert!(!reasons_of(&map, reduction, InferenceKind::Support).is_empty());
    let expansion = map.index_of("path-expansion").unwrap();
    assert!(reasons_of(&map, expansion, InferenceKind::Support).len() >= 3);
}

#[test]
fn hashimotos_principles_are_linked_co_premises() {
    let map = map();
    let principle = |words: &str| {
        map.nodes_sorted()
            .into_iter()
            .find(|n| {
                n.as_statement().is_some_and(|s| {
                    s.role == Role::Premise
                        && s.tags.iter().any(|t| t == "hashimoto")
                        && s.text.to_lowercase().contains(words)
                })
            })
            .map(|n| map.index_of(&n.id).unwrap())
            .unwrap_or_else(|| panic!("no principle about {words}"))
    };
    let trio = [
        principle("built on mutual trust"),
        principle("mutual interests"),
        principle("long-term perspective"),
    ];
    let linked: Vec<NodeIx> = map
        .graph()
        .node_indices()
        .filter(|&i| {
            let node = map.node_at(i).unwrap();
            node.as_inference()
                .is_some_and(|inf| inf.kind == InferenceKind::Support)
                && {
                    let mut premises = map.premises_of(i);
                    premises.sort();
                    let mut want = trio.to_vec();
                    want.sort();
                    premises == want
                }
        })
        .collect();
    assert_eq!(
        linked.len(),
        1,
        "the three principles must be the premises of one support"
    );
    let target = map.target_of(linked[0]).unwrap();
    let doctrine = map.node_at(target).unwrap().as_statement().unwrap();
    assert!(doctrine.text.contains("Hashimoto"), "{}", doctrine.text);
    // And evidence that the principles are shared.
    let shared = map.index_of("principles-shared").unwrap();
    assert!(backed_by_quotes(&map, shared, 3));
}

#[test]
fn attacks_and_undercuts_are_used() {
    let map = map();
    let stats = argmap::model::Stats::of(&map);
    assert!(stats.inferences.conflict >= 5, "{stats:?}");
    assert!(stats.inferences.undercuts >= 1, "{stats:?}");
    assert!(stats.statements >= 45, "{stats:?}");
    // The closing advice goes to each side.
    for id in ["advice-japan", "advice-russia"] {
        let st = map.statement(id).unwrap();
        assert!(!st.evidence.is_empty(), "{id} has no quote");
    }
    // The source itself is critiqued in notes.
    assert!(tagged(&map, "source-critique").len() >= 3);
    assert!(tagged(&map, "strategic").len() >= 3);
}

#[test]
fn every_quote_is_verbatim_at_its_offsets() {
    let map = map();
    let report = verify_anchors(&map);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.checked >= 20);
    let source = map.sources().next().unwrap();
    assert!(source.text.contains("By Kadzuhiko Togo"));
    for node in map.nodes() {
        for ev in node
            .as_statement()
            .map(|s| s.evidence.as_slice())
            .unwrap_or(&[])
        {
            let a = ev
                .anchor
                .as_ref()
                .expect("every evidence item of this map is anchored");
            assert_eq!(
                char_slice(&source.text, a.start, a.end),
                Some(a.exact.as_str())
            );
            assert_eq!(ev.basis, Basis::Quote);
        }
    }
}

#[test]
fn the_source_file_is_the_speech_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = std::fs::read_to_string(
        root.join("maps/sources/togo-prospects-of-japanese-and-russian-relationships.txt"),
    )
    .unwrap();
    let original =
        root.join("../shared/sources/togo-prospects-of-japanese-and-russian-relationships.txt");
    if let Ok(original) = std::fs::read_to_string(original) {
        assert!(
            ours.ends_with(&original),
            "the speech text must be kept verbatim after the header"
        );
    }
    assert!(ours.starts_with("Prospects of Japanese and Russian relationships"));
    assert!(ours.contains("Author: Kazuhiko Togo"));
    assert!(ours.contains("Translation:"));
}

#[test]
fn every_node_is_placed_and_no_boxes_overlap_as_drawn() {
    let map = map();
    assert!(
        map.nodes().all(|n| n.pos.is_some()),
        "every node has a position"
    );
    let measurer = argmap::scene::TextMeasurer::new();
    let scene = argmap::scene::build(&map, &measurer, &argmap::scene::SceneOptions::default());
    for (i, a) in scene.boxes.iter().enumerate() {
        for b in &scene.boxes[i + 1..] {
            assert!(!a.rect.intersects(&b.rect), "{} overlaps {}", a.id, b.id);
        }
    }
    // The conclusion sits at the top, and the two paths side by side below it.
    let y = |id: &str| map.node(id).unwrap().pos.unwrap().y;
    let x = |id: &str| map.node(id).unwrap().pos.unwrap().x;
    assert!(
        map.nodes()
            .filter(|n| n.is_statement())
            .all(|n| n.pos.unwrap().y >= y("thesis"))
    );
    assert!((y("path-reduction") - y("path-expansion")).abs() < 1.0);
    assert!(x("path-reduction") != x("path-expansion"));
}

#[test]
fn the_shipped_argdown_rendering_is_current_and_reads_back() {
    let map = map();
    let exported =
        argmap::io::argdown::export(&map, &argmap::io::argdown::ArgdownExportOptions::default());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read_to_string(root.join("maps/togo-japan-russia.argdown")).unwrap();
    assert_eq!(
        shipped, exported.text,
        "maps/togo-japan-russia.argdown is stale: run `argmap convert maps/togo-japan-russia.argmap.json maps/togo-japan-russia.argdown`"
    );
    let back = argmap::io::argdown::import(
        &shipped,
        &argmap::io::argdown::ArgdownImportOptions::default(),
    )
    .unwrap();
    assert_eq!(back.map.statement_count(), map.statement_count());
}

#[test]
fn the_shipped_outline_is_current() {
    let map = map();
    let exported =
        argmap::io::markdown::export(&map, &argmap::io::markdown::MarkdownOptions::default());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read_to_string(root.join("maps/togo-japan-russia.outline.md")).unwrap();
    assert_eq!(
        shipped, exported.text,
        "maps/togo-japan-russia.outline.md is stale: run `argmap convert maps/togo-japan-russia.argmap.json maps/togo-japan-russia.outline.md`"
    );
}

#[test]
fn the_seminar_tour_follows_the_speech() {
    let map = map();
    let tour = map
        .tour("Seminar")
        .expect("the map has a tour named Seminar");
    assert!(
        (12..=20).contains(&tour.steps.len()),
        "{} steps",
        tour.steps.len()
    );
    let mut revealed = std::collections::HashSet::new();
    for (k, step) in tour.steps.iter().enumerate() {
        map.check_step(step)
            .expect("steps name only existing nodes");
        assert!(
            step.note.split_whitespace().count() >= 12,
            "step {} needs a note a teacher can say aloud",
            k + 1
        );
        for id in &step.reveal {
            assert!(revealed.insert(id.clone()), "{id} revealed twice");
        }
        for id in step
            .highlight
            .iter()
            .chain(step.focus.iter().map(|f| &f.node))
        {
            assert!(
                revealed.contains(id),
                "step {} marks unrevealed {id}",
                k + 1
            );
        }
    }
    // The speech's order: tracks and balance sheet, crossroads, reduction,
    // expansion on Hashimoto's principles, the Asia-Pacific frame, the two
    // pieces of territorial advice, and the thesis last.
    let step_of = |id: &str| {
        tour.steps
            .iter()
            .position(|s| s.reveal.iter().any(|r| r == id))
            .unwrap_or_else(|| panic!("{id} is not in the tour"))
    };
    let order = [
        "frame-three-tracks",
        "decade-review",
        "diagnosis-crossroads",
        "path-reduction",
        "red-mistrust",
        "hashimoto-doctrine",
        "strategic-partnership",
        "advice-russia",
        "advice-japan",
        "thesis",
    ];
    for pair in order.windows(2) {
        assert!(step_of(pair[0]) < step_of(pair[1]), "{pair:?}");
    }
    assert_eq!(step_of("thesis"), tour.steps.len() - 1);
}

#[test]
fn every_inference_has_a_scheme_of_the_bundled_catalogue() {
    let map = map();
    let catalogue = argmap::io::schemes::bundled();
    let mut inferences = 0;
    for node in map.nodes_sorted() {
        if node.as_inference().is_none() {
            continue;
        }
        inferences += 1;
        let scheme = map.scheme_of(&node.id, catalogue);
        assert!(scheme.is_some(), "{} names no catalogue scheme", node.id);
        assert!(
            map.unbound_roles(&node.id, catalogue).is_empty(),
            "{} leaves a role of {} unbound",
            node.id,
            scheme.unwrap().id
        );
    }
    assert_eq!(inferences, 56);
}
