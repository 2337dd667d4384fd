//! Inline Argdown: the head of an element (`[Title]: text`, `<Title>`, plain
//! text), tags (`#tag`, `#(multi word)`), trailing `{key: value}` data,
//! escapes, and a small reader of YAML flow mappings for that data.

/// What an element line starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Head {
    /// `[Title]: text`, `[Title]` or untitled text: a statement. `defined`
    /// is false for a bare reference `[Title]`.
    Statement {
        /// The title; empty for an untitled statement.
        title: String,
        /// The text (unescaped, tags and data removed).
        text: String,
        /// Whether text was given (a definition, not a reference).
        defined: bool,
    },
    /// `<Title>: description` or `<Title>`: an argument.
    Argument {
        /// The title; never empty.
        title: String,
        /// The description, possibly empty.
        text: String,
        /// Whether written with a colon (`<Title>:`), a definition.
        defined: bool,
    },
}

/// An element's content: its head, tags and data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Content {
    /// Statement or argument.
    pub head: Head,
    /// Tags in order of appearance, without duplicates.
    pub tags: Vec<String>,
    /// `{key: value}` pairs, in order.
    pub data: Vec<(String, DataValue)>,
    /// Something that could not be read, with its char offset.
    pub problems: Vec<(usize, String)>,
}

/// Characters that an Argdown writer escapes with a backslash.
pub(super) fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '[' | ']' | '<' | '>' | '{' | '}' | '#' | '@' | '*' | '_' | '/'
    )
}

/// Escapes `text` for use inside an Argdown line.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if needs_escape(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Removes backslash escapes: `\x` becomes `x` for ASCII punctuation.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// Finds the first unescaped `close` in `chars` from `from`.
fn find_unescaped(chars: &[char], from: usize, close: char) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i] == close {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Reads the content of an element (already joined to one line).
pub(super) fn parse_content(raw: &str) -> Content {
    let chars: Vec<char> = raw.trim().chars().collect();
    let mut problems = Vec::new();
    let (head_kind, title, rest_from, defined) = match chars.first() {
        Some(&open @ ('[' | '<')) => {
            let close = if open == '[' { ']' } else { '>' };
            match find_unescaped(&chars, 1, close) {
                Some(end) => {
                    let title: String = chars[1..end].iter().collect();
                    let after = chars.get(end + 1).copied();
                    if after == Some('(') && open == '[' {
                        // A Markdown link `[text](url)`: plain text.
                        (None, String::new(), 0, true)
                    } else if after == Some('(') {
                        // `<A>(1)`: a statement of an argument by number.
                        problems.push((
                            end + 1,
                            "statements referred to by argument and number (`<A>(1)`) are not supported; kept as text".into(),
                        ));
                        (None, String::new(), 0, true)
                    } else if after == Some(':') {
                        (Some(open), title, end + 2, true)
                    } else {
                        (Some(open), title, end + 1, false)
                    }
                }
                None => (None, String::new(), 0, true),
            }
        }
        _ => (None, String::new(), 0, true),
    };
    let body: String = chars[rest_from.min(chars.len())..].iter().collect();
    let (text, tags, data, body_problems) = split_body(&body);
    problems.extend(body_problems.into_iter().map(|(at, m)| (at + rest_from, m)));
    let title = unescape(title.trim());
    let head = match head_kind {
        Some('<') => Head::Argument {
            title,
            text,
            defined,
        },
        Some(_) => {
            let defined = defined || !text.is_empty();
            Head::Statement {
                title,
                text,
                defined,
            }
        }
        None => Head::Statement {
            title: String::new(),
            text,
            defined: true,
        },
    };
    Content {
        head,
        tags,
        data,
        problems,
    }
}

/// Splits text from its tags and trailing data block, and unescapes it.
/// Tags at the end are removed from the text; tags inside a sentence stay
/// in it as written and are recorded as tags too.
#[allow(clippy::type_complexity)]
pub(super) fn split_body(
    body: &str,
) -> (
    String,
    Vec<String>,
    Vec<(String, DataValue)>,
    Vec<(usize, String)>,
) {
    let chars: Vec<char> = body.chars().collect();
    let mut problems = Vec::new();
    let mut data = Vec::new();
    let mut kept = String::with_capacity(body.len());
    // Char index in `kept` where the trailing run of tags/data started.
    let mut tail_start: Option<usize> = None;
    let mut tags: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            kept.push(c);
            if let Some(&n) = chars.get(i + 1) {
                kept.push(n);
            }
            i += 2;
            tail_start = None;
            continue;
        }
        let at_word_start = i == 0 || chars[i - 1].is_whitespace();
        if c == '#' && at_word_start && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            let (tag, end) = if chars[i + 1] == '(' {
                match find_unescaped(&chars, i + 2, ')') {
                    Some(e) => (chars[i + 2..e].iter().collect::<String>(), e + 1),
                    None => (chars[i + 2..].iter().collect::<String>(), chars.len()),
                }
            } else {
                let mut e = i + 1;
                while e < chars.len() && !chars[e].is_whitespace() {
                    e += 1;
                }
                (chars[i + 1..e].iter().collect::<String>(), e)
            };
            let tag = unescape(tag.trim());
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
            if tail_start.is_none() {
                tail_start = Some(kept.len());
            }
            kept.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if c == '{' && at_word_start {
            match parse_flow_map(&chars, i) {
                Some((pairs, end)) => {
                    data.extend(pairs);
                    if tail_start.is_none() {
                        tail_start = Some(kept.len());
                    }
                    // Data is never part of the text.
                    kept.push('\u{0}');
                    i = end;
                    continue;
                }
                None => problems.push((
                    i,
                    "a `{` data block that does not parse; kept as text".into(),
                )),
            }
        }
        if !c.is_whitespace() {
            tail_start = None;
        }
        kept.push(c);
        i += 1;
    }
    if let Some(start) = tail_start {
        kept.truncate(start);
    }
    let kept: String = kept.replace('\u{0}', " ");
    let text = collapse_spaces(&unescape(&kept));
    (text, tags, data, problems)
}

/// Trims and collapses runs of whitespace to one space.
pub(super) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a YAML flow mapping `{a: 1, b: [x, y], c: {d: e}}` starting at
/// `chars[start] == '{'`. Returns the top-level pairs and the index just
/// past the closing brace.
pub(super) fn parse_flow_map(
    chars: &[char],
    start: usize,
) -> Option<(Vec<(String, DataValue)>, usize)> {
    let mut p = FlowReader { chars, i: start };
    let pairs = p.map()?;
    Some((pairs, p.i))
}

/// A value of Argdown data: a scalar (as written, unquoted), a list or a
/// mapping (pairs in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum DataValue {
    /// A scalar, quotes removed.
    Scalar(String),
    /// `[a, b]`.
    List(Vec<DataValue>),
    /// `{k: v}`.
    Map(Vec<(String, DataValue)>),
}

impl DataValue {
    /// The scalar's text, if this is one.
    pub fn as_scalar(&self) -> Option<&str> {
        match self {
            DataValue::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The value as YAML flow text that reads back as the same value:
    /// scalars are quoted when they hold YAML punctuation.
    pub fn to_text(&self) -> String {
        match self {
            DataValue::Scalar(s) if plain_scalar(s) => s.clone(),
            DataValue::Scalar(s) => quote_yaml(s),
            DataValue::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(DataValue::to_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            DataValue::Map(pairs) => format!(
                "{{{}}}",
                pairs
                    .iter()
                    .map(|(k, v)| format!(
                        "{}: {}",
                        DataValue::Scalar(k.clone()).to_text(),
                        v.to_text()
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Whether `s` can be written as a plain (unquoted) YAML scalar in a flow
/// collection and read back unchanged.
fn plain_scalar(s: &str) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.chars().any(|c| {
            matches!(
                c,
                ',' | ':'
                    | '{'
                    | '}'
                    | '['
                    | ']'
                    | '#'
                    | '"'
                    | '\''
                    | '\\'
                    | '<'
                    | '/'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '%'
                    | '@'
                    | '`'
                    | ';'
            ) || c.is_control()
        })
        && !s.starts_with(['-', '?'])
}

struct FlowReader<'a> {
    chars: &'a [char],
    i: usize,
}

const MAX_FLOW_DEPTH: usize = 32;

impl FlowReader<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.chars.len() && self.chars[self.i].is_whitespace() {
            self.i += 1;
        }
    }

    fn map(&mut self) -> Option<Vec<(String, DataValue)>> {
        self.map_at(0)
    }

    fn map_at(&mut self, depth: usize) -> Option<Vec<(String, DataValue)>> {
        if depth > MAX_FLOW_DEPTH || self.chars.get(self.i) != Some(&'{') {
            return None;
        }
        self.i += 1;
        let mut pairs = Vec::new();
        loop {
            self.skip_ws();
            match self.chars.get(self.i)? {
                '}' => {
                    self.i += 1;
                    return Some(pairs);
                }
                ',' | ';' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            let key = self.scalar(&[':', ',', ';', '}'])?;
            if self.i == before {
                // A key cannot start with `[` or `{`: not a mapping.
                return None;
            }
            self.skip_ws();
            let value = if self.chars.get(self.i) == Some(&':') {
                self.i += 1;
                self.value(depth, &[',', ';', '}'])?
            } else {
                DataValue::Scalar(String::new())
            };
            pairs.push((key, value));
        }
    }

    fn value(&mut self, depth: usize, stops: &[char]) -> Option<DataValue> {
        self.skip_ws();
        match self.chars.get(self.i)? {
            '{' => self.map_at(depth + 1).map(DataValue::Map),
            '[' => {
                if depth > MAX_FLOW_DEPTH {
                    return None;
                }
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.chars.get(self.i)? {
                        ']' => {
                            self.i += 1;
                            return Some(DataValue::List(items));
                        }
                        ',' => self.i += 1,
                        _ => items.push(self.value(depth + 1, &[',', ']'])?),
                    }
                }
            }
            _ => self.scalar(stops).map(DataValue::Scalar),
        }
    }

    fn scalar(&mut self, stops: &[char]) -> Option<String> {
        self.skip_ws();
        let quote = match self.chars.get(self.i)? {
            q @ ('"' | '\'') => Some(*q),
            _ => None,
        };
        let mut out = String::new();
        if let Some(q) = quote {
            self.i += 1;
            loop {
                let c = *self.chars.get(self.i)?;
                self.i += 1;
                if c == '\\' && q == '"' {
                    let n = *self.chars.get(self.i)?;
                    self.i += 1;
                    match n {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'x' => {
                            let hex: String = self.chars.iter().skip(self.i).take(2).collect();
                            self.i += hex.chars().count();
                            match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                Some(c) => out.push(c),
                                None => out.push_str(&hex),
                            }
                        }
                        other => out.push(other),
                    }
                } else if c == q {
                    if q == '\'' && self.chars.get(self.i) == Some(&'\'') {
                        out.push('\'');
                        self.i += 1;
                    } else {
                        return Some(out);
                    }
                } else {
                    out.push(c);
                }
            }
        }
        while let Some(&c) = self.chars.get(self.i) {
            if stops.contains(&c) || c == '{' || c == '[' {
                break;
            }
            out.push(c);
            self.i += 1;
        }
        Some(out.trim().to_owned())
    }
}

/// Writes `value` as a double-quoted YAML scalar.
pub(super) fn quote_yaml(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    let chars: Vec<char> = value.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // `//` and `/*` would open a comment when read back; `://` in
            // a link never does.
            '/' if matches!(chars.get(i + 1), Some('/' | '*'))
                && (i == 0 || chars[i - 1] != ':') =>
            {
                out.push_str("\\/");
            }
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            // So that no comment opener appears, even inside quotes.
            '<' => out.push_str("\\x3C"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
