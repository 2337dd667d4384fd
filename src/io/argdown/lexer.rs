//! Argdown before parsing: line endings, comments, YAML front matter and
//! `@include`, producing numbered lines that remember their file.

use std::path::{Path, PathBuf};

use super::ArgdownImportOptions;

/// Deepest chain of `@include`s followed.
const MAX_INCLUDE_DEPTH: usize = 32;

/// One line of input, with where it came from.
#[derive(Clone, Debug)]
pub(super) struct Line {
    /// The text, comments blanked out, no line ending.
    pub text: String,
    /// 1-based line number in its file.
    pub line: usize,
    /// Index into [`Lexed::files`].
    pub file: usize,
}

/// A problem found while lexing: file index, line, column, message.
pub(super) type LexProblem = (usize, usize, usize, String);

/// The input, ready for the parser.
#[derive(Debug, Default)]
pub(super) struct Lexed {
    /// All lines, included files spliced in.
    pub lines: Vec<Line>,
    /// Files read: the main one (index 0, maybe without a path) and includes.
    pub files: Vec<Option<PathBuf>>,
    /// Top-level `key: value` pairs of the front matter, in order.
    pub front_matter: Vec<(String, String, usize)>,
    /// Problems found.
    pub problems: Vec<LexProblem>,
}

/// Lexes the main text.
pub(super) fn lex(text: &str, options: &ArgdownImportOptions<'_>) -> Lexed {
    let mut out = Lexed {
        files: vec![options.file.clone()],
        ..Lexed::default()
    };
    let mut stack = Vec::new();
    if let Some(f) = &options.file {
        stack.push(normalise(f));
    }
    lex_file(text, 0, true, options, &mut stack, &mut out);
    out
}

fn normalise(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        let mut out = PathBuf::new();
        for c in path.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    })
}

fn lex_file(
    text: &str,
    file: usize,
    top: bool,
    options: &ArgdownImportOptions<'_>,
    stack: &mut Vec<PathBuf>,
    out: &mut Lexed,
) {
    // Front matter is read before comments are blanked: its quoted values
    // may hold `//` or `<!--`.
    let mut start = 0;
    if top {
        let raw: Vec<&str> = text.split('\n').collect();
        start = front_matter(&raw, out);
    }
    let rest_at: usize = text.split('\n').take(start).map(|l| l.len() + 1).sum();
    let cleaned = blank_comments(&text[rest_at.min(text.len())..]);
    let raw: Vec<&str> = cleaned.split('\n').collect();
    for (k, line) in raw.iter().enumerate() {
        let k = k + start;
        let line_no = k + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("@include") {
            include(rest, file, line_no, options, stack, out);
            continue;
        }
        out.lines.push(Line {
            text: line.replace('\t', "    "),
            line: line_no,
            file,
        });
    }
}

/// Reads `===` front matter at the top; returns the first line after it.
fn front_matter(raw: &[&str], out: &mut Lexed) -> usize {
    let first = raw.iter().position(|l| !l.trim().is_empty());
    let Some(first) = first else { return 0 };
    if raw[first].trim() != "===" {
        return 0;
    }
    let Some(len) = raw[first + 1..].iter().position(|l| l.trim() == "===") else {
        out.problems.push((
            0,
            first + 1,
            1,
            "front matter `===` is never closed; read as text".into(),
        ));
        return 0;
    };
    let end = first + 1 + len;
    let mut last_key: Option<usize> = None;
    for (k, line) in raw.iter().enumerate().take(end).skip(first + 1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if indented || line.trim_start().starts_with("- ") {
            // A nested value of the previous key.
            if let Some(ix) = last_key {
                let entry = &mut out.front_matter[ix];
                if !entry.1.is_empty() {
                    entry.1.push('\n');
                }
                entry.1.push_str(line.trim());
            }
            continue;
        }
        match line.split_once(':') {
            Some((key, value)) => {
                out.front_matter
                    .push((key.trim().to_owned(), unquote(value.trim()), k + 1));
                last_key = Some(out.front_matter.len() - 1);
            }
            None => out.problems.push((
                0,
                k + 1,
                1,
                format!(
                    "front matter line `{}` is not `key: value`; ignored",
                    line.trim()
                ),
            )),
        }
    }
    end + 1
}

/// Removes YAML quotes from a scalar, reading `\"`, `\\`, `\n` and `\t`
/// in double quotes.
pub(super) fn unquote(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let mut out = String::with_capacity(v.len());
        let mut chars = v[1..v.len() - 1].chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('x') => {
                        let hex: String = chars.by_ref().take(2).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => out.push(c),
                            None => out.push_str(&hex),
                        }
                    }
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        return out;
    }
    v.to_owned()
}

fn include(
    rest: &str,
    file: usize,
    line_no: usize,
    options: &ArgdownImportOptions<'_>,
    stack: &mut Vec<PathBuf>,
    out: &mut Lexed,
) {
    let rest = rest.trim();
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    let paths: Vec<String> = inner
        .split(',')
        .map(|p| unquote(p.trim()))
        .filter(|p| !p.is_empty())
        .collect();
    if paths.is_empty() {
        out.problems
            .push((file, line_no, 1, "`@include` names no file".into()));
        return;
    }
    for rel in &paths {
        let base = match (&out.files[file], &options.base_dir) {
            (Some(f), _) if file > 0 => f.parent().map(Path::to_path_buf),
            (_, Some(dir)) => Some(dir.clone()),
            (Some(f), None) => f.parent().map(Path::to_path_buf),
            (None, None) => None,
        };
        let Some(base) = base else {
            out.problems.push((
                file,
                line_no,
                1,
                format!("cannot include '{rel}': no base folder was given"),
            ));
            continue;
        };
        let path = base.join(rel);
        let key = normalise(&path);
        if stack.contains(&key) {
            out.problems.push((
                file,
                line_no,
                1,
                format!("`@include` of '{rel}' is a cycle; skipped"),
            ));
            continue;
        }
        if stack.len() >= MAX_INCLUDE_DEPTH {
            out.problems.push((
                file,
                line_no,
                1,
                format!("`@include` of '{rel}' nests more than {MAX_INCLUDE_DEPTH} deep; skipped"),
            ));
            continue;
        }
        let text = match &options.reader {
            Some(read) => read(&path),
            None => std::fs::read_to_string(&path).map_err(|e| e.to_string()),
        };
        match text {
            Ok(text) => {
                out.files.push(Some(path));
                let ix = out.files.len() - 1;
                stack.push(key);
                lex_file(&text, ix, false, options, stack, out);
                stack.pop();
            }
            Err(e) => out
                .problems
                .push((file, line_no, 1, format!("cannot include '{rel}': {e}"))),
        }
    }
}

/// Replaces `<!-- -->`, `/* */` and `//` comments by spaces, keeping line
/// breaks so that lines and columns stay true. Escaped characters and
/// `://` in links are not comment starts.
pub(super) fn blank_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let starts = |i: usize, pat: &str| {
        pat.chars()
            .enumerate()
            .all(|(k, p)| chars.get(i + k) == Some(&p))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            out.push(c);
            if let Some(&n) = chars.get(i + 1) {
                out.push(n);
            }
            i += 2;
            continue;
        }
        let close = if starts(i, "<!--") {
            Some("-->")
        } else if starts(i, "/*") {
            Some("*/")
        } else {
            None
        };
        if let Some(close) = close {
            let mut j = i;
            while j < chars.len() && !starts(j, close) {
                j += 1;
            }
            let end = (j + close.chars().count()).min(chars.len());
            for &k in &chars[i..end] {
                out.push(if k == '\n' || k == '\r' { k } else { ' ' });
            }
            i = end;
            continue;
        }
        if starts(i, "//") && (i == 0 || chars[i - 1] != ':') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}
