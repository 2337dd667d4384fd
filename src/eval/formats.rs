//! Readers and writers for abstract argumentation frameworks:
//!
//! - ICCMA 2023 (`.af`, <https://iccma2023.github.io/rules.html>): a header
//!   `p af N`, then one attack `i j` per line with arguments numbered
//!   `1..=N`; lines starting with `#` are comments.
//! - APX (ASPARTIX, `.apx`): facts `arg(a).` and `att(a,b).`; `%` starts a
//!   comment to the end of the line.
//! - TGF (Trivial Graph Format, `.tgf`): one node a line (`id [label]`),
//!   a line `#`, then one edge a line (`from to [label]`); nodes are named
//!   by their id.
//!
//! Bad input is refused with an [`AfFormatError`] naming the line and
//! column (1-based, columns in chars); nothing panics.

use std::fmt::Write as _;

use thiserror::Error;

use super::af::Framework;

/// Frameworks with more arguments than this are refused (the ICCMA header
/// would otherwise let a 10-byte file ask for any amount of memory).
pub const MAX_ARGS: usize = 2_000_000;

/// A framework file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfFormat {
    /// ICCMA 2023 `p af N`.
    Iccma,
    /// ASPARTIX `arg(a).` / `att(a,b).`.
    Apx,
    /// Trivial Graph Format.
    Tgf,
}

impl AfFormat {
    /// The format a file name's extension stands for: `.af`, `.iccma`,
    /// `.i23` → ICCMA; `.apx` → APX; `.tgf` → TGF.
    pub fn from_path(path: &std::path::Path) -> Option<AfFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "af" | "iccma" | "i23" => Some(AfFormat::Iccma),
            "apx" => Some(AfFormat::Apx),
            "tgf" => Some(AfFormat::Tgf),
            _ => None,
        }
    }
}

/// Why a framework file was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}:{line}:{column}: {message}", file.as_deref().unwrap_or("<input>"))]
pub struct AfFormatError {
    /// The file, when known.
    pub file: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in chars.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

fn err(line: usize, column: usize, message: impl Into<String>) -> AfFormatError {
    AfFormatError {
        file: None,
        line,
        column,
        message: message.into(),
    }
}

/// Reads `text` in `format`. `file` is only used in the error.
pub fn read(text: &str, format: AfFormat, file: Option<&str>) -> Result<Framework, AfFormatError> {
    let result = match format {
        AfFormat::Iccma => read_iccma(text),
        AfFormat::Apx => read_apx(text),
        AfFormat::Tgf => read_tgf(text),
    };
    result.map_err(|mut e| {
        e.file = file.map(str::to_owned);
        e
    })
}

/// Writes `af` in `format`. ICCMA numbers arguments in index order (names
/// are lost); APX and TGF keep names (APX quotes nothing, so names must be
/// APX terms: letters, digits and `_`).
pub fn write(af: &Framework, format: AfFormat) -> String {
    let mut s = String::new();
    match format {
        AfFormat::Iccma => {
            let _ = writeln!(s, "p af {}", af.len());
            for (a, b) in af.attack_pairs() {
                let _ = writeln!(s, "{} {}", a + 1, b + 1);
            }
        }
        AfFormat::Apx => {
            for a in 0..af.len() {
                let _ = writeln!(s, "arg({}).", af.name(a));
            }
            for (a, b) in af.attack_pairs() {
                let _ = writeln!(s, "att({},{}).", af.name(a), af.name(b));
            }
        }
        AfFormat::Tgf => {
            for a in 0..af.len() {
                let _ = writeln!(s, "{}", af.name(a));
            }
            s.push_str("#\n");
            for (a, b) in af.attack_pairs() {
                let _ = writeln!(s, "{} {}", af.name(a), af.name(b));
            }
        }
    }
    s
}

/// Column (1-based, chars) of byte offset `at` in `line`.
fn col(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |p| p.chars().count() + 1)
}

/// Whitespace-separated tokens of `line` with their byte offsets.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &line[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

fn read_iccma(text: &str) -> Result<Framework, AfFormatError> {
    let mut af: Option<Framework> = None;
    for (ln, line) in text.lines().enumerate() {
        let ln = ln + 1;
        let toks = tokens(line);
        let Some(&(first_at, first)) = toks.first() else {
            continue;
        };
        if first.starts_with('#') {
            continue;
        }
        if first == "p" {
            if af.is_some() {
                return Err(err(ln, col(line, first_at), "a second 'p af' header"));
            }
            let kind = toks.get(1).map(|t| t.1);
            if kind != Some("af") {
                return Err(err(ln, col(line, first_at), "expected the header 'p af N'"));
            }
            let Some(&(n_at, n_text)) = toks.get(2) else {
                return Err(err(
                    ln,
                    line.chars().count() + 1,
                    "expected the number of arguments after 'p af'",
                ));
            };
            let n: usize = n_text.parse().map_err(|_| {
                err(
                    ln,
                    col(line, n_at),
                    format!("'{n_text}' is not a number of arguments"),
                )
            })?;
            if n > MAX_ARGS {
                return Err(err(
                    ln,
                    col(line, n_at),
                    format!("{n} arguments; at most {MAX_ARGS} are read"),
                ));
            }
            if let Some(&(at, t)) = toks.get(3) {
                return Err(err(
                    ln,
                    col(line, at),
                    format!("unexpected '{t}' after the header"),
                ));
            }
            af = Some(Framework::with_args(n));
            continue;
        }
        let Some(f) = af.as_mut() else {
            return Err(err(
                ln,
                col(line, first_at),
                "expected the header 'p af N' before any attack",
            ));
        };
        if toks.len() != 2 {
            let at = toks
                .get(2)
                .map_or(line.chars().count() + 1, |t| col(line, t.0));
            return Err(err(
                ln,
                at,
                "expected an attack 'i j' (two argument numbers)",
            ));
        }
        let mut pair = [0usize; 2];
        for (k, &(at, t)) in toks.iter().enumerate() {
            let v: usize = t.parse().map_err(|_| {
                err(
                    ln,
                    col(line, at),
                    format!("'{t}' is not an argument number"),
                )
            })?;
            if v == 0 || v > f.len() {
                return Err(err(
                    ln,
                    col(line, at),
                    format!("argument {v} is outside 1..={}", f.len()),
                ));
            }
            pair[k] = v - 1;
        }
        f.add_attack(pair[0], pair[1]);
    }
    let mut af = af.ok_or_else(|| err(1, 1, "no 'p af N' header"))?;
    af.finish();
    Ok(af)
}

/// Where `pos` (a byte offset into `text`) is, as 1-based line and column.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn is_term_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '(' | ')' | ',' | '.' | '%'))
}

fn read_apx(text: &str) -> Result<Framework, AfFormatError> {
    let mut af = Framework::default();
    let mut attacks: Vec<(String, String, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0usize;
    let fail = |pos: usize, msg: String| {
        let (l, c) = line_col(text, pos);
        err(l, c, msg)
    };
    let skip = |mut i: usize| -> usize {
        loop {
            while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'%' {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            } else {
                return i;
            }
        }
    };
    let term = |i: usize| -> (usize, &str) {
        let rest = &text[i..];
        let end = rest.find(|c: char| !is_term_char(c)).unwrap_or(rest.len());
        (i + end, &rest[..end])
    };
    loop {
        i = skip(i);
        if i >= bytes.len() {
            break;
        }
        let (after, word) = term(i);
        let is_arg = match word {
            "arg" => true,
            "att" => false,
            _ => {
                return Err(fail(
                    i,
                    format!(
                        "expected 'arg(…).' or 'att(…,…).', found '{}'",
                        short(&text[i..])
                    ),
                ));
            }
        };
        let start = i;
        i = skip(after);
        if bytes.get(i) != Some(&b'(') {
            return Err(fail(i, format!("expected '(' after '{word}'")));
        }
        let mut names = Vec::new();
        loop {
            i = skip(i + 1);
            let (end, name) = term(i);
            if name.is_empty() {
                return Err(fail(i, "expected an argument name".into()));
            }
            names.push((i, name.to_owned()));
            i = skip(end);
            match bytes.get(i) {
                Some(b',') => continue,
                Some(b')') => break,
                _ => return Err(fail(i, "expected ',' or ')'".into())),
            }
        }
        i = skip(i + 1);
        if bytes.get(i) != Some(&b'.') {
            return Err(fail(i, "expected '.' to end the fact".into()));
        }
        i += 1;
        let want = if is_arg { 1 } else { 2 };
        if names.len() != want {
            return Err(fail(
                start,
                format!(
                    "'{word}' takes {want} argument name(s), found {}",
                    names.len()
                ),
            ));
        }
        if is_arg {
            if af.len() >= MAX_ARGS {
                return Err(fail(start, format!("more than {MAX_ARGS} arguments")));
            }
            af.add_arg(&names[0].1);
        } else {
            attacks.push((names[0].1.clone(), names[1].1.clone(), start));
        }
    }
    for (a, b, at) in attacks {
        let (Some(x), Some(y)) = (af.arg(&a), af.arg(&b)) else {
            let missing = if af.arg(&a).is_none() { a } else { b };
            return Err(fail(
                at,
                format!("attack names '{missing}', which no 'arg({missing}).' declares"),
            ));
        };
        af.add_attack(x, y);
    }
    af.finish();
    Ok(af)
}

fn short(s: &str) -> String {
    s.chars().take_while(|c| *c != '\n').take(20).collect()
}

fn read_tgf(text: &str) -> Result<Framework, AfFormatError> {
    let mut af = Framework::default();
    let mut in_edges = false;
    for (ln, line) in text.lines().enumerate() {
        let ln = ln + 1;
        let toks = tokens(line);
        let Some(&(at, first)) = toks.first() else {
            continue;
        };
        if first == "#" && toks.len() == 1 {
            if in_edges {
                return Err(err(ln, col(line, at), "a second '#' separator"));
            }
            in_edges = true;
            continue;
        }
        if !in_edges {
            if af.arg(first).is_some() {
                return Err(err(
                    ln,
                    col(line, at),
                    format!("node '{first}' is declared twice"),
                ));
            }
            if af.len() >= MAX_ARGS {
                return Err(err(
                    ln,
                    col(line, at),
                    format!("more than {MAX_ARGS} arguments"),
                ));
            }
            af.add_arg(first);
        } else {
            let Some(&(bat, second)) = toks.get(1) else {
                return Err(err(
                    ln,
                    line.chars().count() + 1,
                    "expected an edge 'from to'",
                ));
            };
            let a = af.arg(first).ok_or_else(|| {
                err(
                    ln,
                    col(line, at),
                    format!("edge from '{first}', which is not a node"),
                )
            })?;
            let b = af.arg(second).ok_or_else(|| {
                err(
                    ln,
                    col(line, bat),
                    format!("edge to '{second}', which is not a node"),
                )
            })?;
            af.add_attack(a, b);
        }
    }
    af.finish();
    Ok(af)
}
