//! A reader of the DOT language (<https://graphviz.org/doc/info/lang.html>)
//! into flat node and edge lists with their attributes resolved.
//!
//! Why our own: the maintained crate `dot-parser` (0.6) follows the
//! grammar, but takes only ASCII unquoted ids and HTML strings without
//! nested tags (`<<b>x</b>>`), both common in hand-written argument maps,
//! and keeps `node [...]` defaults apart from the nodes they apply to. The
//! grammar is small; this reader covers all of it: `strict`, `graph` and
//! `digraph`, keywords in any case, ids (plain, numerals, quoted strings
//! with `\"` escapes, `+` concatenation and backslash-newline
//! continuation, HTML strings with nested `<…>`), `node`/`edge`/`graph`
//! attribute statements scoped to their subgraph, several attribute lists
//! on one statement, `a = b` statements, ports, edge chains and subgraphs
//! as edge ends, `//`, `/* */` and `#` line comments.

use std::collections::BTreeMap;

/// Attributes, by name; later assignments win.
pub(super) type Attrs = BTreeMap<String, String>;

/// A node as the graph finally describes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct DotNode {
    /// Its id, unquoted.
    pub id: String,
    /// Defaults in force where it was first mentioned, then its own.
    pub attrs: Attrs,
    /// 1-based line of its first mention.
    pub line: usize,
    /// Labels (or names) of the clusters and subgraphs it was declared in,
    /// outermost first.
    pub groups: Vec<String>,
}

/// An edge `from -> to`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct DotEdge {
    /// Tail node id.
    pub from: String,
    /// Head node id.
    pub to: String,
    /// Edge defaults in force, then its own attributes.
    pub attrs: Attrs,
    /// 1-based line of the edge statement.
    pub line: usize,
}

/// A parsed graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct DotGraph {
    /// `digraph` rather than `graph`.
    pub directed: bool,
    /// The graph's name, if any.
    pub name: Option<String>,
    /// Graph attributes of the top level (`graph [..]`, `a = b`).
    pub attrs: Attrs,
    /// Nodes in order of first mention.
    pub nodes: Vec<DotNode>,
    /// Edges in order.
    pub edges: Vec<DotEdge>,
}

/// A syntax error: 1-based line and column, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DotSyntaxError {
    /// Line.
    pub line: usize,
    /// Column in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// An id; `true` when it was quoted or HTML (never a keyword).
    Id(String, bool),
    Punct(char),
    /// `->` or `--`.
    EdgeOp,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
    column: usize,
}

/// Deepest nesting of subgraphs accepted.
const MAX_DEPTH: usize = 64;

fn lex(text: &str) -> Result<Vec<Token>, DotSyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let mut line_start = true;
    let err = |line, column, message: &str| DotSyntaxError {
        line,
        column,
        message: message.to_owned(),
    };
    while i < chars.len() {
        let c = chars[i];
        let (tl, tc) = (line, col);
        let advance = |i: &mut usize, line: &mut usize, col: &mut usize, n: usize| {
            for _ in 0..n {
                if chars.get(*i) == Some(&'\n') {
                    *line += 1;
                    *col = 1;
                } else {
                    *col += 1;
                }
                *i += 1;
            }
        };
        if c == '\n' {
            advance(&mut i, &mut line, &mut col, 1);
            line_start = true;
            continue;
        }
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col, 1);
            continue;
        }
        if (c == '#' && line_start) || (c == '/' && chars.get(i + 1) == Some(&'/')) {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col, 1);
            }
            continue;
        }
        line_start = false;
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            advance(&mut i, &mut line, &mut col, 2);
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                advance(&mut i, &mut line, &mut col, 1);
            }
            if i >= chars.len() {
                return Err(err(tl, tc, "a `/*` comment is never closed"));
            }
            advance(&mut i, &mut line, &mut col, 2);
            continue;
        }
        if c == '-' && matches!(chars.get(i + 1), Some('>' | '-')) {
            advance(&mut i, &mut line, &mut col, 2);
            out.push(Token {
                tok: Tok::EdgeOp,
                line: tl,
                column: tc,
            });
            continue;
        }
        if "{}[];,=:+".contains(c) {
            advance(&mut i, &mut line, &mut col, 1);
            out.push(Token {
                tok: Tok::Punct(c),
                line: tl,
                column: tc,
            });
            continue;
        }
        if c == '"' {
            advance(&mut i, &mut line, &mut col, 1);
            let mut s = String::new();
            loop {
                let Some(&d) = chars.get(i) else {
                    return Err(err(tl, tc, "a quoted string is never closed"));
                };
                if d == '\\' && chars.get(i + 1) == Some(&'"') {
                    s.push('"');
                    advance(&mut i, &mut line, &mut col, 2);
                } else if d == '\\' && chars.get(i + 1) == Some(&'\n') {
                    advance(&mut i, &mut line, &mut col, 2);
                } else if d == '\\' && chars.get(i + 1) == Some(&'\r') {
                    advance(&mut i, &mut line, &mut col, 2);
                    if chars.get(i) == Some(&'\n') {
                        advance(&mut i, &mut line, &mut col, 1);
                    }
                } else if d == '"' {
                    advance(&mut i, &mut line, &mut col, 1);
                    break;
                } else {
                    s.push(d);
                    advance(&mut i, &mut line, &mut col, 1);
                }
            }
            out.push(Token {
                tok: Tok::Id(s, true),
                line: tl,
                column: tc,
            });
            continue;
        }
        if c == '<' {
            let mut depth = 0usize;
            let mut s = String::new();
            loop {
                let Some(&d) = chars.get(i) else {
                    return Err(err(tl, tc, "an HTML string `<…>` is never closed"));
                };
                advance(&mut i, &mut line, &mut col, 1);
                match d {
                    '<' => depth += 1,
                    '>' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                s.push(d);
            }
            // Without the outer angle brackets.
            s.remove(0);
            out.push(Token {
                tok: Tok::Id(s, true),
                line: tl,
                column: tc,
            });
            continue;
        }
        let is_id_char = |d: char| d.is_alphanumeric() || d == '_' || d == '.' || !d.is_ascii();
        if is_id_char(c) || c == '-' {
            let mut s = String::new();
            s.push(c);
            advance(&mut i, &mut line, &mut col, 1);
            while let Some(&d) = chars.get(i) {
                if !is_id_char(d) {
                    break;
                }
                s.push(d);
                advance(&mut i, &mut line, &mut col, 1);
            }
            out.push(Token {
                tok: Tok::Id(s, false),
                line: tl,
                column: tc,
            });
            continue;
        }
        return Err(err(tl, tc, &format!("unexpected character '{c}'")));
    }
    Ok(out)
}

/// Defaults in force in one (sub)graph scope.
#[derive(Clone, Default)]
struct Scope {
    node: Attrs,
    edge: Attrs,
    graph: Attrs,
}

struct Parser {
    toks: Vec<Token>,
    at: usize,
    graph: DotGraph,
    /// Node id → index in `graph.nodes` (FxHash: ids are short strings).
    index: rustc_hash::FxHashMap<String, usize>,
    end: (usize, usize),
    /// Every node mention in order (for subgraph membership).
    mentions: Vec<usize>,
}

/// Parses the first graph of `text`.
///
/// # Errors
/// A [`DotSyntaxError`] at the first place the grammar is broken.
pub(super) fn parse(text: &str) -> Result<DotGraph, DotSyntaxError> {
    let toks = lex(text)?;
    let lines = text.lines().count().max(1);
    let mut p = Parser {
        toks,
        at: 0,
        graph: DotGraph::default(),
        index: rustc_hash::FxHashMap::default(),
        end: (lines, 1),
        mentions: Vec::new(),
    };
    p.graph_head()?;
    let mut scope = Scope::default();
    p.stmt_list(&mut scope, 0)?;
    p.graph.attrs = scope.graph;
    p.expect('}')?;
    Ok(p.graph)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.tok)
    }

    fn place(&self) -> (usize, usize) {
        self.toks
            .get(self.at)
            .map_or(self.end, |t| (t.line, t.column))
    }

    fn fail<T>(&self, message: String) -> Result<T, DotSyntaxError> {
        let (line, column) = self.place();
        Err(DotSyntaxError {
            line,
            column,
            message,
        })
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Id(s, false)) if s.eq_ignore_ascii_case(word))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), DotSyntaxError> {
        if self.eat(c) {
            Ok(())
        } else {
            self.fail(format!("expected `{c}`"))
        }
    }

    /// An id, with `"a" + "b"` concatenation.
    fn id(&mut self) -> Result<String, DotSyntaxError> {
        let Some(Tok::Id(s, quoted)) = self.peek().cloned() else {
            return self.fail("expected an id".into());
        };
        self.at += 1;
        let mut s = s;
        while quoted && self.peek() == Some(&Tok::Punct('+')) {
            self.at += 1;
            match self.peek().cloned() {
                Some(Tok::Id(more, true)) => {
                    self.at += 1;
                    s.push_str(&more);
                }
                _ => return self.fail("expected a quoted string after `+`".into()),
            }
        }
        Ok(s)
    }

    fn graph_head(&mut self) -> Result<(), DotSyntaxError> {
        if self.keyword("strict") {
            self.at += 1;
        }
        if self.keyword("digraph") {
            self.graph.directed = true;
        } else if !self.keyword("graph") {
            return self.fail("expected `graph` or `digraph`".into());
        }
        self.at += 1;
        if matches!(self.peek(), Some(Tok::Id(..))) {
            self.graph.name = Some(self.id()?);
        }
        self.expect('{')
    }

    fn stmt_list(&mut self, scope: &mut Scope, depth: usize) -> Result<(), DotSyntaxError> {
        loop {
            match self.peek() {
                None => return self.fail("the graph is never closed with `}`".into()),
                Some(Tok::Punct('}')) => return Ok(()),
                Some(Tok::Punct(';')) => {
                    self.at += 1;
                }
                _ => self.stmt(scope, depth)?,
            }
        }
    }

    fn attr_lists(&mut self) -> Result<Attrs, DotSyntaxError> {
        let mut attrs = Attrs::new();
        while self.eat('[') {
            while !self.eat(']') {
                let key = self.id()?;
                let value = if self.eat('=') {
                    self.id()?
                } else {
                    "true".into()
                };
                attrs.insert(key, value);
                if !self.eat(',') {
                    self.eat(';');
                }
            }
        }
        Ok(attrs)
    }

    fn stmt(&mut self, scope: &mut Scope, depth: usize) -> Result<(), DotSyntaxError> {
        for (word, which) in [("graph", 0), ("node", 1), ("edge", 2)] {
            if self.keyword(word)
                && self.toks.get(self.at + 1).map(|t| &t.tok) == Some(&Tok::Punct('['))
            {
                self.at += 1;
                let attrs = self.attr_lists()?;
                let target = match which {
                    0 => &mut scope.graph,
                    1 => &mut scope.node,
                    _ => &mut scope.edge,
                };
                target.extend(attrs);
                return Ok(());
            }
        }
        let line = self.place().0;
        let first = self.operand(scope, depth)?;
        if let Operand::Id(id) = &first
            && self.eat('=')
        {
            let value = self.id()?;
            scope.graph.insert(id.clone(), value);
            return Ok(());
        }
        let mut ends = vec![first];
        while self.peek() == Some(&Tok::EdgeOp) {
            self.at += 1;
            ends.push(self.operand(scope, depth)?);
        }
        let attrs = self.attr_lists()?;
        if ends.len() == 1 {
            if let Some(Operand::Id(id)) = ends.pop() {
                let k = self.node(&id, scope, line);
                self.graph.nodes[k].attrs.extend(attrs);
            }
            return Ok(());
        }
        let sets: Vec<Vec<String>> = ends
            .into_iter()
            .map(|e| match e {
                Operand::Id(id) => {
                    self.node(&id, scope, line);
                    vec![id]
                }
                Operand::Sub(ids) => ids,
            })
            .collect();
        for pair in sets.windows(2) {
            for from in &pair[0] {
                for to in &pair[1] {
                    let mut all = scope.edge.clone();
                    all.extend(attrs.clone());
                    self.graph.edges.push(DotEdge {
                        from: from.clone(),
                        to: to.clone(),
                        attrs: all,
                        line,
                    });
                }
            }
        }
        Ok(())
    }

    /// A node id (its port skipped) or a subgraph (its node ids).
    fn operand(&mut self, scope: &mut Scope, depth: usize) -> Result<Operand, DotSyntaxError> {
        if self.keyword("subgraph") || self.peek() == Some(&Tok::Punct('{')) {
            if depth >= MAX_DEPTH {
                return self.fail(format!("subgraphs nest more than {MAX_DEPTH} deep"));
            }
            let mut name = None;
            if self.keyword("subgraph") {
                self.at += 1;
                if matches!(self.peek(), Some(Tok::Id(..))) {
                    name = Some(self.id()?);
                }
            }
            self.expect('{')?;
            let mut inner = Scope {
                graph: Attrs::new(),
                ..scope.clone()
            };
            let before = self.mentions.len();
            self.stmt_list(&mut inner, depth + 1)?;
            self.expect('}')?;
            let group = inner
                .graph
                .get("label")
                .cloned()
                .or(name)
                .filter(|g| !g.trim().is_empty());
            let mut inside: Vec<usize> = self.mentions[before..].to_vec();
            inside.sort_unstable();
            inside.dedup();
            let mut mentioned = Vec::with_capacity(inside.len());
            for k in inside {
                let n = &mut self.graph.nodes[k];
                // Inner subgraphs end first: the outer group goes in front.
                if let Some(g) = &group
                    && !n.groups.contains(g)
                {
                    n.groups.insert(0, g.clone());
                }
                mentioned.push(n.id.clone());
            }
            return Ok(Operand::Sub(mentioned));
        }
        let id = self.id()?;
        if self.eat(':') {
            self.id()?;
            if self.eat(':') {
                self.id()?;
            }
        }
        Ok(Operand::Id(id))
    }

    /// The index of node `id`, adding it with the scope's defaults.
    fn node(&mut self, id: &str, scope: &Scope, line: usize) -> usize {
        let k = self.node_index(id, scope, line);
        self.mentions.push(k);
        k
    }

    fn node_index(&mut self, id: &str, scope: &Scope, line: usize) -> usize {
        if let Some(&k) = self.index.get(id) {
            return k;
        }
        self.graph.nodes.push(DotNode {
            id: id.to_owned(),
            attrs: scope.node.clone(),
            line,
            groups: Vec::new(),
        });
        let k = self.graph.nodes.len() - 1;
        self.index.insert(id.to_owned(), k);
        k
    }
}

enum Operand {
    Id(String),
    Sub(Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_in_one_graph() {
        let g = parse(
            "/* c */ STRICT Digraph \"G\" {\n# preprocessor line\n  node [shape=box] [color=red];\n  a [label=<<b>Bold</b> &amp; more>];\n  \"b c\" [label=\"say \\\"hi\\\"\\n\" + \"twice\"];\n  a -> \"b c\":p:n -> {d e} [color=green; penwidth=2]\n  subgraph cluster_x { label=\"Group X\"; node [shape=ellipse]; f; x1 [label=\"cont\\\n inued\"] }\n  rankdir = LR\n  Ünï -- a\n}\n",
        )
        .unwrap();
        assert!(g.directed);
        assert_eq!(g.name.as_deref(), Some("G"));
        let a = &g.nodes[0];
        assert_eq!(a.attrs["label"], "<b>Bold</b> &amp; more");
        assert_eq!(a.attrs["shape"], "box");
        assert_eq!(a.attrs["color"], "red");
        assert_eq!(g.nodes[1].attrs["label"], "say \"hi\"\\ntwice");
        assert_eq!(g.edges.len(), 4);
        assert_eq!(g.edges[1].from, "b c");
        assert_eq!(g.edges[2].to, "e");
        assert_eq!(g.edges[0].attrs["penwidth"], "2");
        let f = g.nodes.iter().find(|n| n.id == "f").unwrap();
        assert_eq!(f.attrs["shape"], "ellipse");
        assert_eq!(f.groups, ["Group X"]);
        let x1 = g.nodes.iter().find(|n| n.id == "x1").unwrap();
        assert_eq!(x1.attrs["label"], "cont inued");
        assert_eq!(g.attrs["rankdir"], "LR");
        assert!(g.nodes.iter().any(|n| n.id == "Ünï"));
        assert_eq!(f.line, 7);
    }

    #[test]
    fn errors_are_located() {
        let e = parse("digraph {\n  a -> ;\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        assert!(parse("digraph { a [label=\"x }").is_err());
        assert!(parse("nothing here").is_err());
        let deep = format!("graph {{ {} }}", "{".repeat(200) + &"}".repeat(200));
        assert!(parse(&deep).unwrap_err().message.contains("nest"));
    }
}
