//! The scheme section of the inspector, the open-questions badge and the
//! scheme filter, driven through egui_kittest by accessible label: every
//! test acts like a user, checks the model, and undoes.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::eval::{Label, Semantics, evaluate};
use argmap::model::{InferenceKind, QuestionStatus};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

/// The example with inference `id` selected and the inspector drawn.
fn select(id: &str) -> Harness<'static, ArgmapApp> {
    let mut h = harness(example());
    h.state_mut().selection.set(id);
    h.run_steps(3);
    h
}

/// Clicks the `n`-th widget labelled `label`, scrolling it into view
/// first when it is below the inspector's visible part.
fn click_nth(h: &mut Harness<'static, ArgmapApp>, label: &str, n: usize) {
    let node = h
        .get_all_by_label(label)
        .nth(n)
        .unwrap_or_else(|| panic!("no {label} number {n}"));
    if node.rect().bottom() > 860.0 {
        node.scroll_to_me();
        // Scrolling animates: let it settle before reading the new place.
        h.run_steps(20);
    }
    h.get_all_by_label(label).nth(n).unwrap().click();
    h.run_steps(3);
}

fn undo(h: &mut Harness<'static, ArgmapApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
}

/// The index of question `id` in arg-expert's checklist (the scheme's order).
fn expert_question(id: &str) -> usize {
    let s = argmap::io::schemes::bundled()
        .get("expert_opinion")
        .unwrap();
    s.questions.iter().position(|q| q.id == id).unwrap()
}

#[test]
fn pick_a_scheme_by_typing_part_of_its_name_then_undo() {
    let mut h = select("obj-deliveries");
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("obj-deliveries")
            .unwrap()
            .scheme,
        ""
    );
    h.get_by_label("Find a scheme").click();
    h.run_steps(2);
    h.get_by_label("Find a scheme").type_text("negat cons");
    h.run_steps(3);
    h.get_by_label("Argument from negative consequences")
        .click();
    h.run_steps(3);
    let scheme = &h
        .state()
        .doc
        .map
        .inference("obj-deliveries")
        .unwrap()
        .scheme;
    assert_eq!(scheme, "negative_consequences");
    // Its roles are listed as missing, its questions as a checklist.
    assert!(h.query_by_label("missing").is_some());
    assert!(h.query_by_label_contains("Critical questions (").is_some());
    undo(&mut h);
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("obj-deliveries")
            .unwrap()
            .scheme,
        ""
    );
}

#[test]
fn enter_picks_the_best_match() {
    let mut h = select("obj-buses");
    h.get_by_label("Find a scheme").click();
    h.run_steps(2);
    h.get_by_label("Find a scheme").type_text("slippery");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.inference("obj-buses").unwrap().scheme,
        "slippery_slope"
    );
}

#[test]
fn raise_the_trustworthy_question_then_undo() {
    let mut h = select("arg-expert");
    let label = |h: &Harness<'static, ArgmapApp>, id: &str| {
        evaluate(&h.state().doc.map, Semantics::Grounded)
            .standing(id)
            .unwrap()
            .label
    };
    assert_eq!(label(&h, "thesis"), Label::In);
    let before = h.state().doc.map.node_count();
    click_nth(&mut h, "Raise as objection", expert_question("trustworthy"));
    let app = h.state();
    let map = &app.doc.map;
    assert_eq!(map.node_count(), before + 2);
    let status = map
        .inference("arg-expert")
        .unwrap()
        .question_status("trustworthy");
    let QuestionStatus::Raised { objection } = status else {
        panic!("not raised: {status:?}");
    };
    // An undercut: a conflict aimed at the inference itself.
    assert_eq!(
        map.inference(&objection).unwrap().kind,
        InferenceKind::Conflict
    );
    assert_eq!(map.target_id(&objection), Some("arg-expert"));
    // The objection statement is pre-filled, selected and open for editing.
    let statement = app.selection.primary().unwrap().to_owned();
    assert!(
        map.statement(&statement)
            .unwrap()
            .text
            .contains("Dr Ana Ruiz is an air-quality scientist"),
        "filled in from the bound premise"
    );
    assert_eq!(
        app.editing.as_ref().map(|e| e.id.as_str()),
        Some(statement.as_str())
    );
    let at = map.node(&statement).unwrap().pos.unwrap();
    let inference = map.node("arg-expert").unwrap().pos.unwrap();
    assert!(
        at.y > inference.y,
        "the objection sits below what it undercuts"
    );
    // The conclusion's label follows.
    assert_eq!(label(&h, "arg-expert"), Label::Out);
    assert_eq!(label(&h, "thesis"), Label::Out);
    h.key_press(Key::Escape);
    h.run_steps(2);
    undo(&mut h);
    assert_eq!(h.state().doc.map.node_count(), before);
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("arg-expert")
            .unwrap()
            .question_status("trustworthy"),
        QuestionStatus::Open
    );
    assert_eq!(label(&h, "thesis"), Label::In);
}

#[test]
fn answer_with_an_existing_statement_then_undo() {
    let mut h = select("arg-expert");
    let q = expert_question("backing");
    click_nth(&mut h, "Answer with…", q);
    let field = "Answer: search the map's statements or write a new one";
    h.get_by_label(field).click();
    h.run_steps(2);
    h.get_by_label(field).type_text("pilot");
    h.run_steps(3);
    h.get(By::new().label_contains("Use “The Market Street pilot"))
        .click();
    h.run_steps(3);
    let status = h
        .state()
        .doc
        .map
        .inference("arg-expert")
        .unwrap()
        .question_status("backing");
    assert_eq!(
        status,
        QuestionStatus::Answered {
            by: "pilot-representative".into()
        }
    );
    assert!(
        h.query_by_label_contains("answered by “The Market Street")
            .is_some()
    );
    undo(&mut h);
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("arg-expert")
            .unwrap()
            .question_status("backing"),
        QuestionStatus::Open
    );
}

#[test]
fn answer_with_a_new_statement() {
    let mut h = select("arg-expert");
    click_nth(&mut h, "Answer with…", expert_question("backing"));
    let field = "Answer: search the map's statements or write a new one";
    h.get_by_label(field).click();
    h.run_steps(2);
    h.get_by_label(field)
        .type_text("The agency publishes its street measurements.");
    h.run_steps(3);
    h.get_by_label("Answer with new statement").click();
    h.run_steps(3);
    let map = &h.state().doc.map;
    let QuestionStatus::Answered { by } = map
        .inference("arg-expert")
        .unwrap()
        .question_status("backing")
    else {
        panic!("not answered");
    };
    assert_eq!(
        map.statement(&by).unwrap().text,
        "The agency publishes its street measurements."
    );
    assert_eq!(h.state().selection.primary(), Some(by.as_str()));
    // Placed below the inference, not left for the layout to put anywhere.
    let at = map.node(&by).unwrap().pos.unwrap();
    let inference = map.node("arg-expert").unwrap().pos.unwrap();
    assert!(at.y > inference.y, "{at:?} below {inference:?}");
}

#[test]
fn dismiss_with_a_note_then_undo() {
    let mut h = select("arg-expert");
    click_nth(&mut h, "Dismiss", expert_question("consistency"));
    h.get_by_label("Why is the question dismissed?").click();
    h.run_steps(2);
    h.get_by_label("Why is the question dismissed?")
        .type_text("No other agency has studied the street.");
    h.run_steps(2);
    h.get_by_label("Confirm dismissal").click();
    h.run_steps(3);
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("arg-expert")
            .unwrap()
            .question_status("consistency"),
        QuestionStatus::Dismissed {
            note: "No other agency has studied the street.".into()
        }
    );
    undo(&mut h);
    assert_eq!(
        h.state()
            .doc
            .map
            .inference("arg-expert")
            .unwrap()
            .question_status("consistency"),
        QuestionStatus::Open
    );
}

#[test]
fn unbind_a_role_then_undo() {
    let mut h = select("arg-expert");
    assert_eq!(
        h.state().doc.map.bound_premise("arg-expert", "expert"),
        Some("air-expert")
    );
    h.get_by_label("Expert").click();
    h.run_steps(2);
    h.get_by_label("(unbound)").click();
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.bound_premise("arg-expert", "expert"),
        None
    );
    // The role is now shown as missing (Field already was).
    assert_eq!(h.get_all_by_label("missing").count(), 2);
    undo(&mut h);
    assert_eq!(
        h.state().doc.map.bound_premise("arg-expert", "expert"),
        Some("air-expert")
    );
}

#[test]
fn the_badge_counts_open_questions_and_selects_the_inference() {
    let mut h = harness(example());
    // field (unbound premise), trustworthy, consistency, backing.
    let badge = "4 open critical question(s) on arg-expert";
    // The badge is painted in canvas coordinates under the canvas's zoom, so
    // it is clicked through its accessibility node.
    h.get_by_label(badge).click_accesskit();
    h.run_steps(3);
    assert_eq!(h.state().selection.primary(), Some("arg-expert"));
    assert!(
        h.query_by_label_contains("Critical questions (4 open)")
            .is_some()
    );
    // Dismissing one lowers the count on the badge.
    click_nth(&mut h, "Dismiss", expert_question("consistency"));
    h.get_by_label("Confirm dismissal").click();
    h.run_steps(3);
    assert!(h.query_by_label(badge).is_none());
    assert!(
        h.query_by_label("3 open critical question(s) on arg-expert")
            .is_some()
    );
}

#[test]
fn filter_by_scheme_from_the_filter_bar() {
    let mut h = harness(example());
    h.state_mut().nav.filter_bar = true;
    h.run_steps(2);
    h.get_by_label("+ Scheme").click();
    h.run_steps(2);
    h.get_by_label("Argument from expert opinion").click();
    h.run_steps(3);
    let keys: Vec<String> = h
        .state()
        .nav
        .filters
        .keys
        .iter()
        .map(|k| k.label())
        .collect();
    assert_eq!(keys, ["scheme: Argument from expert opinion"]);
    h.get_by_label("+ Scheme").click();
    h.run_steps(2);
    h.get_by_label("has open questions").click();
    h.run_steps(3);
    assert_eq!(h.state().nav.filters.keys.len(), 2);
    assert!(h.query_by_label("has open questions ×").is_some());
}

#[test]
fn the_problems_window_lists_open_questions_and_selects_the_inference() {
    let mut h = harness(example());
    h.state_mut().panels.problems = true;
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("open premise question of Argument from expert opinion")
            .is_some()
    );
    h.get_all_by_label("arg-expert").next().unwrap().click();
    h.run_steps(3);
    assert_eq!(h.state().selection.primary(), Some("arg-expert"));
}

#[test]
fn keyboard_only_s_then_type_then_enter() {
    let mut h = select("obj-buses");
    h.key_press(Key::S);
    h.run_steps(3);
    assert!(h.get_by_label("Find a scheme").is_focused());
    h.get_by_label("Find a scheme").type_text("analogy");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.inference("obj-buses").unwrap().scheme,
        "analogy"
    );
    undo(&mut h);
    assert_eq!(h.state().doc.map.inference("obj-buses").unwrap().scheme, "");
}

#[test]
fn pick_scheme_from_the_palette() {
    let mut h = select("obj-buses");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(3);
    h.get_by_label("Command:").type_text("scheme");
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Pick scheme"),
    )
    .click();
    h.run_steps(3);
    assert!(h.get_by_label("Find a scheme").is_focused());
}

/// A course's own scheme set, in the catalogue format.
const COURSE: &str = include_str!("fixtures/schemes/course-set.json");

#[test]
fn import_a_scheme_set_and_pick_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("course.json");
    std::fs::write(&path, COURSE).unwrap();
    let mut h = select("obj-buses");
    // Where no system file dialog answers, the typed-path dialog does.
    h.state_mut().dialog = Some(argmap::app::state::Dialog::Path {
        purpose: argmap::app::state::PathPurpose::ImportSchemes,
        path: String::new(),
        then: None,
    });
    h.run_steps(2);
    h.get_by_label("File path:").click();
    h.run_steps(1);
    h.get_by_label("File path:")
        .type_text(path.to_str().unwrap());
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert!(h.state().schemes.get("rule_of_thumb").is_some());
    h.get_by_label("Find a scheme").click();
    h.run_steps(2);
    h.get_by_label("Find a scheme").type_text("thumb");
    h.run_steps(2);
    h.get_by_label("Argument from a rule of thumb").click();
    h.run_steps(3);
    let map = &h.state().doc.map;
    assert_eq!(map.inference("obj-buses").unwrap().scheme, "rule_of_thumb");
    // The definition travels with the map, so it opens anywhere.
    assert!(map.embedded_scheme("rule_of_thumb").is_some());
    assert!(
        h.query_by_label_contains("Does “Usually, if F then G” hold?")
            .is_some()
    );
}

#[test]
fn a_broken_scheme_set_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        COURSE.replace(r#""role": "rule""#, r#""role": "rules""#),
    )
    .unwrap();
    let mut h = harness(example());
    h.state_mut().import_schemes(&path);
    h.run_steps(2);
    let Some(argmap::app::state::Dialog::Error { message, .. }) = &h.state().dialog else {
        panic!("no error dialog");
    };
    assert!(message.contains("broken.json:14:"), "{message}");
    assert_eq!(
        h.state().schemes.len(),
        argmap::io::schemes::bundled().len()
    );
}

#[test]
fn the_settings_folder_loads_every_scheme_set() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("course.json"), COURSE).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a catalogue").unwrap();
    let mut app = ArgmapApp::new(example());
    app.load_scheme_folder(dir.path());
    assert!(app.schemes.get("rule_of_thumb").is_some());
    assert!(app.status.is_empty(), "{}", app.status);
    app.load_scheme_folder(&dir.path().join("missing"));
    assert!(app.status.is_empty());
}

#[test]
fn search_finds_inferences_by_scheme_name() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label("Find:").type_text("expert opinion");
    h.run_steps(3);
    assert_eq!(h.state().search.hits, vec!["arg-expert".to_owned()]);
    assert_eq!(h.state().selection.primary(), Some("arg-expert"));
}

#[test]
fn down_arrow_moves_the_pick_to_the_next_hit() {
    let mut h = select("obj-buses");
    h.get_by_label("Find a scheme").click();
    h.run_steps(2);
    h.get_by_label("Find a scheme").type_text("consequences");
    h.run_steps(3);
    let hits =
        argmap::model::search_schemes(argmap::io::schemes::bundled().schemes(), "consequences");
    let second = hits[1].scheme.id.clone();
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.inference("obj-buses").unwrap().scheme,
        second
    );
}
