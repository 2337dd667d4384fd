//! Every kind of broken map file gets a clear, located error and no panic,
//! from the library and from the real `argmap check`.

use std::path::{Path, PathBuf};
use std::process::Command;

use argmap::io::{LoadErrorKind, native};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// Loads a bad file and returns the error's text after checking it names
/// the file.
fn load_err(path: &Path) -> (LoadErrorKind, String) {
    let err = native::load_file(path).expect_err("a bad file must not load");
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()),
        "error does not name the file: {text}"
    );
    (err.kind, text)
}

fn cli_check(path: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .arg("check")
        .arg(path)
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "check must exit 1 on {}",
        path.display()
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    stderr
}

#[test]
fn truncated_json() {
    let path = fixture("truncated.argmap.json");
    let (kind, text) = load_err(&path);
    assert!(matches!(kind, LoadErrorKind::Syntax(_)), "{text}");
    assert!(text.contains("EOF"), "{text}");
    cli_check(&path);
}

#[test]
fn wrong_schema_version() {
    let path = fixture("wrong-version.argmap.json");
    let (kind, text) = load_err(&path);
    assert_eq!(
        kind,
        LoadErrorKind::FutureVersion {
            found: 99,
            newest: argmap::io::native::SCHEMA_VERSION
        }
    );
    assert!(text.contains(":3:"), "{text}");
    assert!(text.contains("schema_version"), "{text}");
    let (kind, _) = load_err(&fixture("version-not-a-number.argmap.json"));
    assert!(matches!(kind, LoadErrorKind::Schema(_)));
    cli_check(&path);
}

#[test]
fn duplicate_id() {
    let path = fixture("duplicate-id.argmap.json");
    let (kind, text) = load_err(&path);
    assert!(
        matches!(kind, LoadErrorKind::DuplicateId { ref id, .. } if id == "s1"),
        "{text}"
    );
    assert!(text.contains("statements[1].id"), "{text}");
    assert!(text.contains("statements[0].id"), "{text}");
    let stderr = cli_check(&path);
    assert!(stderr.contains("used twice"), "{stderr}");
}

#[test]
fn dangling_edge() {
    let path = fixture("dangling-edge.argmap.json");
    let (kind, text) = load_err(&path);
    assert_eq!(kind, LoadErrorKind::Dangling("s9".into()));
    assert!(text.contains("inferences[0].premises[0]"), "{text}");
    cli_check(&path);
}

#[test]
fn inference_with_no_target() {
    let path = fixture("inference-without-target.argmap.json");
    let (kind, text) = load_err(&path);
    assert!(
        matches!(kind, LoadErrorKind::Schema(ref m) if m.contains("missing field `target`")),
        "{text}"
    );
    assert!(text.contains("inferences[0]"), "{text}");
    let (_, text) = load_err(&fixture("inference-without-premise.argmap.json"));
    assert!(text.contains("at least one premise"), "{text}");
    cli_check(&path);
}

#[test]
fn deep_nesting() {
    let path = fixture("deep-nesting.argmap.json");
    let (kind, text) = load_err(&path);
    // The format has no field that nests: the first nested array is refused
    // at its place, without descending 100k levels.
    assert!(matches!(kind, LoadErrorKind::Schema(_)), "{text}");
    assert!(text.contains(":1:85: at statements[0]"), "{text}");
    cli_check(&path);
    // Where any JSON value is read (the "format" key), the parser's depth
    // limit stops it.
    let deep = format!(
        "{{\"format\": {}{}, \"schema_version\": 1}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = native::from_str(&deep, &native::LoadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn huge_string_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.argmap.json");
    let huge = "x".repeat(50 * 1024 * 1024);
    let text = format!(
        r#"{{"format": "argmap", "schema_version": 1, "meta": {{"title": "Huge"}},
"statements": [{{"id": "s1", "text": "{huge}"}}]}}"#
    );
    std::fs::write(&path, text).unwrap();
    let (kind, text) = load_err(&path);
    assert!(
        matches!(kind, LoadErrorKind::TooLong { len, .. } if len == 50 * 1024 * 1024),
        "{text}"
    );
    assert!(text.contains("statements[0].text"), "{text}");
    assert!(text.len() < 1000, "the error must not quote the string");
    cli_check(&path);
}

#[test]
fn other_broken_rules() {
    for (name, needle) in [
        ("wrong-type.argmap.json", "statements[0].role"),
        ("not-argmap.argmap.json", "not an Argmap map"),
        ("anchor-out-of-range.argmap.json", "outside source"),
        (
            "anchor-to-missing-source.argmap.json",
            "'nowhere' refers to nothing",
        ),
        ("not-utf8.argmap.json", "not valid UTF-8"),
    ] {
        let path = fixture(name);
        let (_, text) = load_err(&path);
        assert!(text.contains(needle), "{name}: {text}");
        cli_check(&path);
    }
}

#[test]
fn missing_file() {
    let (kind, _) = load_err(&fixture("no-such-file.argmap.json"));
    assert!(matches!(kind, LoadErrorKind::Io(_)));
}

mod mutated {
    //! Random damage to a good file never panics the loader: every result is
    //! a map or a located error.
    use argmap::io::native::{self, LoadOptions};
    use proptest::prelude::*;

    const GOOD: &str = include_str!("fixtures/good/anchored.argmap.json");

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn damaged_files_never_panic(
            cut in 0usize..GOOD.len(),
            edits in prop::collection::vec((0usize..GOOD.len(), any::<u8>()), 0..8),
        ) {
            let mut bytes = GOOD.as_bytes()[..cut.max(1)].to_vec();
            bytes.extend_from_slice(&GOOD.as_bytes()[cut..]);
            for (at, b) in edits {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            let text = String::from_utf8_lossy(&bytes);
            if let Err(e) = native::from_str(&text, &LoadOptions::default()) {
                prop_assert!(!e.to_string().is_empty());
            }
        }

        #[test]
        fn the_undamaged_file_loads(_x in 0..1u8) {
            prop_assert!(native::from_str(GOOD, &LoadOptions::default()).is_ok());
        }

        #[test]
        fn truncated_files_never_panic(cut in 0usize..GOOD.len()) {
            let text = &GOOD[..GOOD.floor_char_boundary(cut)];
            let result = native::from_str(text, &LoadOptions::default());
            prop_assert!(result.is_err() || cut >= GOOD.trim_end().len());
        }
    }
}
