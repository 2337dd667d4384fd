//! Entry points for coverage-guided fuzzing (issue 18, part 5).
//!
//! Each [`Target`] is one reader of outside data: the importers of
//! `src/io/` and the ICCMA reader of `src/eval/`. [`run`] feeds it bytes
//! and checks what every reader promises: it never panics, and it answers
//! with a map (whose warnings say something) or an error that says what is
//! wrong. A map that loaded is also written as native JSON and read back,
//! so exporting what an importer made cannot fail either.
//!
//! The harnesses in `fuzz/` (built with `cargo afl`) call [`run`] once per
//! input; `tests/fuzz_corpus.rs` replays their saved corpus and every crash
//! they found through the same function, so a crash stays fixed.

use std::path::Path;

use crate::eval::{AfFormat, formats as af_formats};
use crate::io::formats::{self, Format};

/// A reader that the fuzz harnesses drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The native `.argmap.json` loader (with migrations).
    Native,
    /// Argdown text.
    Argdown,
    /// AIF and xAIF JSON (OVA, AIFdb, the `"AIF"` string wrapper).
    Aif,
    /// Kialo's text exports (both layouts).
    Kialo,
    /// GraphML (yEd and plain data keys).
    Graphml,
    /// Graphviz DOT.
    Dot,
    /// SADFace JSON.
    Sadface,
    /// Argument-graph XML of the argumentative microtext corpus.
    Arggraph,
    /// ICCMA 2023 `p af N` frameworks.
    Iccma,
}

impl Target {
    /// Every target, in the order of the list.
    pub const ALL: [Target; 9] = [
        Target::Native,
        Target::Argdown,
        Target::Aif,
        Target::Kialo,
        Target::Graphml,
        Target::Dot,
        Target::Sadface,
        Target::Arggraph,
        Target::Iccma,
    ];

    /// The harness's name: the binary in `fuzz/` and its corpus folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Native => "native",
            Target::Argdown => "argdown",
            Target::Aif => "aif",
            Target::Kialo => "kialo",
            Target::Graphml => "graphml",
            Target::Dot => "dot",
            Target::Sadface => "sadface",
            Target::Arggraph => "arggraph",
            Target::Iccma => "iccma",
        }
    }

    /// The target named `name` (see [`Target::name`]).
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The file name errors must carry, so that a user learns which file.
const FILE: &str = "fuzz.input";

/// Feeds `bytes` to `target`. Bytes that are not UTF-8 are read lossily,
/// as the CLI reads a file it was told is text.
///
/// # Panics
/// When the reader breaks a promise: an empty warning, an error that does
/// not name the file or says nothing, a loaded map that cannot be written
/// as native JSON and read back, or an ICCMA framework that does not
/// survive writing and reading. (A panic is how a fuzzer sees a crash.)
pub fn run(target: Target, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let format = match target {
        Target::Iccma => return run_iccma(&text),
        Target::Sadface => return check_loaded(crate::io::sadface::import(&text), false),
        Target::Native => Format::Native,
        Target::Argdown => Format::Argdown,
        Target::Aif => Format::Aif,
        Target::Kialo => Format::Kialo,
        Target::Graphml => Format::Graphml,
        Target::Dot => Format::Dot,
        Target::Arggraph => Format::Arggraph,
    };
    let loaded = formats::import_allowing_empty(format, &text, Some(Path::new(FILE)), None);
    check_loaded(loaded, true);
}

/// Checks one import's answer (see [`run`]); `named` says whether the
/// error must name [`FILE`] (the SADFace reader is called without a file).
fn check_loaded(loaded: Result<crate::io::Loaded, crate::io::LoadError>, named: bool) {
    match loaded {
        Ok(loaded) => {
            for w in &loaded.warnings {
                assert!(!w.message.trim().is_empty(), "empty warning: {w:?}");
            }
            let native = formats::export(Format::Native, &loaded.map)
                .expect("the native format is always writable");
            let again = formats::import_allowing_empty(Format::Native, &native.text, None, None);
            if let Err(e) = again {
                panic!("the imported map does not read back from native JSON: {e}");
            }
        }
        Err(e) => {
            let shown = e.to_string();
            if named {
                assert!(shown.contains(FILE), "error without its file: {shown}");
            }
            assert!(shown.trim().len() > FILE.len() + 2, "empty error: {shown}");
        }
    }
}

/// Reads `text` as ICCMA; a framework that loaded must survive writing
/// and reading, and its grounded labelling must exist.
fn run_iccma(text: &str) {
    let Ok(af) = af_formats::read(text, AfFormat::Iccma, Some(FILE)) else {
        return;
    };
    let written = af_formats::write(&af, AfFormat::Iccma);
    let again = af_formats::read(&written, AfFormat::Iccma, None)
        .unwrap_or_else(|e| panic!("written ICCMA does not read back: {e}"));
    assert_eq!(again.len(), af.len(), "argument count changed");
    assert_eq!(again.attack_count(), af.attack_count(), "attacks changed");
    if af.len() <= 10_000 {
        let _ = crate::eval::grounded(&af);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in Target::ALL {
            assert_eq!(Target::from_name(t.name()), Some(t));
        }
        assert_eq!(Target::from_name("mermaid"), None);
    }

    #[test]
    fn every_target_takes_garbage_without_panicking() {
        for t in Target::ALL {
            run(t, b"");
            run(t, b"\xff\xfe{<[\"p af 3\n1 2\n");
        }
    }
}
