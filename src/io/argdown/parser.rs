//! Lines → a flat document of elements, relations and premise–conclusion
//! structures. Line-based and forgiving: anything it cannot place becomes
//! a located problem, never a failure.

use super::lexer::{Lexed, Line};
use super::text::{Content, DataValue, Head, parse_content, split_body};
use super::yaml::parse_block;

/// A place in the input: file index, 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct At {
    /// Index into the lexer's file list.
    pub file: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// A statement or argument as written at one place.
#[derive(Clone, Debug)]
pub(super) struct Elem {
    /// What was written.
    pub content: Content,
    /// Where.
    pub at: At,
    /// The innermost heading above it.
    pub group: Option<String>,
    /// Raw text so far (continuation lines are joined before reading).
    raw: String,
    /// Data from multi-line `{ … }` blocks under it, added to its content.
    block_data: Vec<(String, DataValue)>,
}

/// The kinds of Argdown relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum RelKind {
    /// `+`: support.
    Support,
    /// `-`: attack.
    Attack,
    /// `_`: undercut.
    Undercut,
    /// `><`: contradiction.
    Contradiction,
}

/// A relation from element `from` to element `to`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Rel {
    /// The element the relation starts at.
    pub from: usize,
    /// The element it is aimed at.
    pub to: usize,
    /// Which relation.
    pub kind: RelKind,
    /// Where it was written.
    pub at: At,
}

/// One line of a premise–conclusion structure.
#[derive(Clone, Debug)]
pub(super) enum PcsItem {
    /// `(n) statement`.
    Statement {
        /// The element.
        elem: usize,
        /// The number written.
        number: u32,
    },
    /// An inference line, with its rule text and data.
    Inference {
        /// Rule text, possibly empty.
        rule: String,
        /// `{key: value}` data of the inference.
        data: Vec<(String, DataValue)>,
        /// Where the inference line starts.
        at: At,
    },
}

/// A premise–conclusion structure and the argument it reconstructs.
#[derive(Clone, Debug)]
pub(super) struct Pcs {
    /// The argument element it belongs to; `None` for an anonymous one.
    pub argument: Option<usize>,
    /// Its lines in order.
    pub items: Vec<PcsItem>,
    /// Where it starts.
    pub at: At,
}

/// The parsed document.
#[derive(Debug, Default)]
pub(super) struct Doc {
    /// Elements in order of appearance.
    pub elems: Vec<Elem>,
    /// Relations in order of appearance.
    pub rels: Vec<Rel>,
    /// Premise–conclusion structures.
    pub pcs: Vec<Pcs>,
    /// Problems, located.
    pub problems: Vec<(At, String)>,
}

struct Parser {
    doc: Doc,
    /// Relation-tree context: (indent, element).
    stack: Vec<(usize, usize)>,
    /// The element continuation lines add to.
    open: Option<usize>,
    /// The open premise–conclusion structure.
    pcs: Option<usize>,
    /// An inference rule spread over lines, started by a lone `--`.
    rule: Option<(String, At)>,
    /// A heading being read (it runs until a blank line): level and text.
    heading: Option<(usize, String)>,
    /// Open headings by level; `None` for one marked `{isGroup: false}`.
    headings: Vec<(usize, Option<String>)>,
    group: Option<String>,
}

const RELATION_SYMBOLS: [(&str, RelKind, bool); 10] = [
    ("+>", RelKind::Support, true),
    ("<+", RelKind::Support, false),
    ("->", RelKind::Attack, true),
    ("<-", RelKind::Attack, false),
    ("_>", RelKind::Undercut, true),
    ("<_", RelKind::Undercut, false),
    ("><", RelKind::Contradiction, true),
    ("+", RelKind::Support, false),
    ("-", RelKind::Attack, false),
    ("_", RelKind::Undercut, false),
];

/// Parses lexed lines.
pub(super) fn parse(lexed: &Lexed) -> Doc {
    let mut p = Parser {
        doc: Doc::default(),
        stack: Vec::new(),
        open: None,
        pcs: None,
        rule: None,
        heading: None,
        headings: Vec::new(),
        group: None,
    };
    let mut k = 0;
    while k < lexed.lines.len() {
        match p.data_block(&lexed.lines, k) {
            Some(last) => k = last + 1,
            None => {
                p.line(&lexed.lines[k]);
                k += 1;
            }
        }
    }
    p.finish_open();
    p.finish_heading();
    if let Some((_, at)) = p.rule.take() {
        p.doc
            .problems
            .push((at, "inference rule `--` is never closed".into()));
    }
    p.doc
}

fn indent_of(s: &str) -> usize {
    s.chars().take_while(|c| *c == ' ').count()
}

impl Parser {
    fn at(line: &Line, column: usize) -> At {
        At {
            file: line.file,
            line: line.line,
            column: column + 1,
        }
    }

    fn line(&mut self, line: &Line) {
        let text = line.text.trim_end();
        let trimmed = text.trim_start();
        let indent = indent_of(text);
        if trimmed.is_empty() {
            self.finish_open();
            self.finish_heading();
            return;
        }
        if let Some((_, text)) = self.heading.as_mut()
            && (!trimmed.starts_with('#') || trimmed.starts_with("#("))
        {
            text.push(' ');
            text.push_str(trimmed);
            return;
        }
        if let Some((rule, at)) = self.rule.as_mut() {
            if trimmed.starts_with("--") {
                let (rule, at) = (std::mem::take(rule), *at);
                self.rule = None;
                let tail = trimmed.trim_start_matches('-').trim();
                let rule = format!("{rule} {tail}");
                self.push_inference(&rule, at);
            } else {
                rule.push(' ');
                rule.push_str(trimmed);
            }
            return;
        }
        if indent == 0 && trimmed.starts_with('#') {
            let hashes = trimmed.chars().take_while(|c| *c == '#').count();
            if trimmed[hashes..].starts_with(' ') {
                self.finish_open();
                self.finish_heading();
                self.stack.clear();
                self.pcs = None;
                self.heading = Some((hashes, trimmed[hashes..].to_owned()));
                return;
            }
        }
        if trimmed.starts_with("--") {
            self.finish_open();
            let at = Self::at(line, indent);
            let dashes_only = trimmed.chars().all(|c| c == '-');
            if dashes_only && trimmed.len() == 2 {
                self.rule = Some((String::new(), at));
            } else if dashes_only {
                self.push_inference("", at);
            } else {
                let inner = trimmed.trim_start_matches('-');
                let closed = inner.trim_end().ends_with("--");
                let inner = inner.trim_end().trim_end_matches('-');
                if closed {
                    self.push_inference(inner, at);
                } else {
                    self.rule = Some((inner.to_owned(), at));
                }
            }
            return;
        }
        if let Some((number, rest_at)) = pcs_number(trimmed) {
            self.finish_open();
            let column = indent + rest_at;
            let elem = self.new_elem(&trimmed[rest_at..], Self::at(line, column));
            if number == 1 {
                // `(1)` always starts a new structure.
                self.pcs = None;
            }
            if self.pcs.is_none() {
                let argument = self.argument_for_pcs();
                self.doc.pcs.push(Pcs {
                    argument,
                    items: Vec::new(),
                    at: Self::at(line, indent),
                });
                self.pcs = Some(self.doc.pcs.len() - 1);
            }
            let pcs = self.pcs.expect("just set");
            self.doc.pcs[pcs]
                .items
                .push(PcsItem::Statement { elem, number });
            self.stack = vec![(indent, elem)];
            self.open = Some(elem);
            return;
        }
        if let Some((kind, outgoing, len)) = relation_symbol(trimmed) {
            self.finish_open();
            let content_at =
                indent + len + (trimmed[len..].len() - trimmed[len..].trim_start().len());
            while self.stack.last().is_some_and(|&(i, _)| i >= indent) {
                self.stack.pop();
            }
            let at = Self::at(line, indent);
            let rest = trimmed[len..].trim();
            if rest.is_empty() {
                self.doc.problems.push((
                    at,
                    "a relation symbol with nothing after it; ignored".into(),
                ));
                return;
            }
            let child = self.new_elem(rest, Self::at(line, content_at));
            match self.stack.last() {
                Some(&(_, parent)) => {
                    let (from, to) = if outgoing {
                        (parent, child)
                    } else {
                        (child, parent)
                    };
                    self.doc.rels.push(Rel {
                        from,
                        to,
                        kind,
                        at,
                    });
                }
                None => self.doc.problems.push((
                    at,
                    "a relation with no statement or argument above it to attach to; kept as an element".into(),
                )),
            }
            self.stack.push((indent, child));
            self.open = Some(child);
            return;
        }
        let item = list_item(trimmed);
        if let (Some(open), None) = (self.open, item) {
            let raw = &mut self.doc.elems[open].raw;
            raw.push(' ');
            raw.push_str(trimmed);
            return;
        }
        // A new element: a list item or a top-level statement or argument.
        self.finish_open();
        let (body, skip) = item.unwrap_or((trimmed, 0));
        let elem = self.new_elem(body, Self::at(line, indent + skip));
        if self.pcs.is_some() {
            self.pcs = None;
        }
        self.stack = vec![(indent, elem)];
        self.open = Some(elem);
    }

    /// The argument a premise–conclusion structure starting now belongs to:
    /// the top-level element of the current block, if it is an argument
    /// (as in Argdown; a structure indented under a relation is an
    /// anonymous argument). An argument that has one already is reported
    /// by the builder.
    fn argument_for_pcs(&self) -> Option<usize> {
        let root = self.stack.first().map(|&(_, e)| e)?;
        let is_arg = matches!(self.doc.elems[root].content.head, Head::Argument { .. });
        is_arg.then_some(root)
    }

    /// A multi-line data block starting at `lines[k]` (a line that opens
    /// `{` and does not close it): reads it up to the line that closes it
    /// and gives it to the open element, or to the inference line just
    /// before. Returns the index of the block's last line, or `None` when
    /// `lines[k]` starts no such block (a one-line block, or one that a
    /// blank line or the end cuts off: those are read as before, as text
    /// with a warning).
    fn data_block(&mut self, lines: &[Line], k: usize) -> Option<usize> {
        if self.heading.is_some() || self.rule.is_some() {
            return None;
        }
        let first = lines[k].text.trim_start();
        if !first.starts_with('{') {
            return None;
        }
        let mut scan = BraceScan::default();
        let mut end = None;
        for (j, line) in lines.iter().enumerate().skip(k) {
            if j > k && (line.text.trim().is_empty() || line.file != lines[k].file) {
                return None;
            }
            if let Some(close) = scan.feed(&line.text) {
                // A one-line block under an open element is read with it;
                // one right after an inference line belongs to that line.
                let after_inference = self.open.is_none()
                    && self
                        .pcs
                        .and_then(|p| self.doc.pcs[p].items.last())
                        .is_some_and(|i| matches!(i, PcsItem::Inference { .. }));
                if j == k && !after_inference {
                    return None;
                }
                end = Some((j, close));
                break;
            }
        }
        let (last, close) = end?;
        self.finish_heading();
        let open_col = indent_of(&lines[k].text);
        let at = Self::at(&lines[k], open_col);
        let mut text = String::new();
        for (j, line) in lines.iter().enumerate().take(last + 1).skip(k) {
            if j == last {
                text.push_str(line.text.get(..close).unwrap_or(&line.text));
            } else {
                text.push_str(&line.text);
                text.push('\n');
            }
        }
        let (from, to) = (lines[k].line, lines[last].line);
        let tail = lines[last].text[close..].trim();
        if !tail.is_empty() {
            self.doc.problems.push((
                Self::at(&lines[last], close),
                format!("text after the data block of lines {from}–{to} (`{tail}`); ignored"),
            ));
        }
        let pairs = match parse_block(&text) {
            Ok(pairs) => pairs,
            Err(problem) => {
                let line = from + problem.line.saturating_sub(1);
                self.doc.problems.push((
                    at,
                    format!(
                        "invalid YAML in the data block of lines {from}–{to}: {} (line {line}, column {}); the block is dropped",
                        problem.message, problem.column
                    ),
                ));
                return Some(last);
            }
        };
        if let Some(e) = self.open {
            self.doc.elems[e].block_data.extend(pairs);
        } else if let Some(PcsItem::Inference { data, .. }) =
            self.pcs.and_then(|p| self.doc.pcs[p].items.last_mut())
        {
            data.extend(pairs);
        } else {
            self.doc.problems.push((
                at,
                format!(
                    "the data block of lines {from}–{to} follows no statement, argument or inference line; dropped"
                ),
            ));
        }
        Some(last)
    }

    fn new_elem(&mut self, raw: &str, at: At) -> usize {
        self.doc.elems.push(Elem {
            content: parse_content(""),
            at,
            group: self.group.clone(),
            raw: raw.to_owned(),
            block_data: Vec::new(),
        });
        self.doc.elems.len() - 1
    }

    /// Reads the open element's joined text.
    fn finish_open(&mut self) {
        if let Some(e) = self.open.take() {
            let elem = &mut self.doc.elems[e];
            elem.content = parse_content(&elem.raw);
            elem.content.data.append(&mut elem.block_data);
            for (_, message) in std::mem::take(&mut elem.content.problems) {
                self.doc.problems.push((elem.at, message));
            }
            elem.raw = String::new();
        }
    }

    /// Ends a heading: it opens a group unless its data says
    /// `isGroup: false`.
    fn finish_heading(&mut self) {
        let Some((level, raw)) = self.heading.take() else {
            return;
        };
        let (name, _, data, _) = split_body(&raw);
        let is_group = !data.iter().any(|(k, v)| {
            k == "isGroup"
                && v.as_scalar()
                    .is_some_and(|v| v.eq_ignore_ascii_case("false"))
        });
        while self.headings.last().is_some_and(|&(l, _)| l >= level) {
            self.headings.pop();
        }
        self.headings
            .push((level, (is_group && !name.is_empty()).then_some(name)));
        self.group = self.headings.iter().rev().find_map(|(_, g)| g.clone());
    }

    fn push_inference(&mut self, rule: &str, at: At) {
        let (rule, _, data, _) = split_body(rule);
        match self.pcs {
            Some(p) => self.doc.pcs[p]
                .items
                .push(PcsItem::Inference { rule, data, at }),
            None => self.doc.problems.push((
                at,
                "an inference line outside a premise–conclusion structure; ignored".into(),
            )),
        }
    }
}

/// Finds where a data block closes: braces and brackets are counted
/// outside YAML quotes, across lines.
#[derive(Default)]
struct BraceScan {
    depth: usize,
    quote: Option<char>,
}

impl BraceScan {
    /// Feeds one line; returns the byte offset just past the `}` that
    /// closes the block, if this line closes it.
    fn feed(&mut self, line: &str) -> Option<usize> {
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match (self.quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => {
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                    }
                }
                (Some(_), _) => {}
                (None, '"' | '\'') => self.quote = Some(c),
                (None, '{' | '[') => self.depth += 1,
                (None, '}' | ']') => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        None
    }
}

/// `(12) rest` → (12, byte offset of rest).
fn pcs_number(trimmed: &str) -> Option<(u32, usize)> {
    let rest = trimmed.strip_prefix('(')?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix(')')?;
    let number = rest[..digits].parse().ok()?;
    let ws = after.len() - after.trim_start().len();
    Some((number, 1 + digits + 1 + ws))
}

/// A relation symbol followed by whitespace: (kind, outgoing, length).
fn relation_symbol(trimmed: &str) -> Option<(RelKind, bool, usize)> {
    RELATION_SYMBOLS.iter().find_map(|&(sym, kind, outgoing)| {
        let rest = trimmed.strip_prefix(sym)?;
        (rest.is_empty() || rest.starts_with(' ')).then_some((kind, outgoing, sym.len()))
    })
}

/// `* item` or `1. item`: the item text and its offset.
fn list_item(trimmed: &str) -> Option<(&str, usize)> {
    if let Some(rest) = trimmed.strip_prefix("* ") {
        let off = trimmed.len() - rest.trim_start().len();
        return Some((rest.trim_start(), off));
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = trimmed[digits..].strip_prefix(". ")
    {
        let off = trimmed.len() - rest.trim_start().len();
        return Some((rest.trim_start(), off));
    }
    None
}
