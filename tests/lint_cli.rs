//! `argmap check --lint` through the real binary: lint findings are
//! printed as warnings and never change the exit status.

mod cli_run;
use cli_run::argmap;

const FIXTURE: &str = "tests/fixtures/lint/coverage.argmap.json";

#[test]
fn lint_prints_each_finding_as_a_warning() {
    let out = argmap(&["check", "--lint", FIXTURE]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: tests/fixtures/lint/coverage.argmap.json: evidence-supports-nothing: statement 'aside', evidence 'ev-aside': evidence 'ev-aside' supports nothing: its statement is not a premise of any inference",
            "warning: tests/fixtures/lint/coverage.argmap.json: fact-without-evidence: statement 'traffic': presents a fact (the figure '33%') but has neither evidence nor reasons",
        ],
        "{stderr}"
    );
    assert!(
        stdout.contains("lint: tests/fixtures/lint/coverage.argmap.json: 2 coverage warnings"),
        "{stdout}"
    );
    assert!(
        stdout.contains("ok: tests/fixtures/lint/coverage.argmap.json"),
        "{stdout}"
    );
}

#[test]
fn without_lint_nothing_is_linted() {
    let out = argmap(&["check", FIXTURE]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("lint:"));
}

#[test]
fn lint_does_not_hide_errors_or_change_the_exit_status() {
    let out = argmap(&[
        "check",
        "--lint",
        "maps/togo-japan-russia.argmap.json",
        "tests/fixtures/bad/dangling-edge.argmap.json",
    ]);
    assert_eq!(out.status.code(), Some(1), "a bad file still fails");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("lint: maps/togo-japan-russia.argmap.json: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("ok: maps/togo-japan-russia.argmap.json"),
        "{stdout}"
    );
}

#[test]
fn help_says_lint_does_not_fail_check() {
    let out = argmap(&["check", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--lint"), "{help}");
    assert!(help.contains("never change the exit status"), "{help}");
}

#[test]
fn an_orphaned_anchor_is_an_error_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(FIXTURE).unwrap().replace(
        "\"prefix\": \"Street fell by a third. \",\n            \"orphaned\": false",
        "\"prefix\": \"Street fell by a third. \",\n            \"orphaned\": true",
    );
    assert!(text.contains("\"orphaned\": true"));
    let file = dir.path().join("orphan.argmap.json");
    std::fs::write(&file, text).unwrap();
    let out = argmap(&["check", "--lint", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("Shops reported steady trade.").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("error: "), "{stderr}");
}

#[test]
fn lint_lists_the_example_maps_open_scheme_question() {
    let out = argmap(&["check", "--lint", "maps/example-car-free.argmap.json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The expert-opinion argument has two of its three roles bound: the
    // third role is unbound and its premise question is open.
    assert!(
        stderr.contains(
            "unbound-role: inference 'arg-expert', role 'field': Argument from expert opinion (support): no premise fills the role 'Field'"
        ),
        "{stderr}"
    );
    let open_premise: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("inference 'arg-expert'") && l.contains("open premise question"))
        .collect();
    assert_eq!(open_premise.len(), 1, "{stderr}");
    assert!(open_premise[0].contains("question 'field'"), "{stderr}");
    // Without --lint the map checks clean.
    let out = argmap(&["check", "maps/example-car-free.argmap.json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).trim().is_empty());
}
