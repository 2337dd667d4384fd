//! Map → Argdown: front matter, relation trees from the thesis down, then
//! the reconstructed arguments with their premise–conclusion structures.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::text::quote_yaml;
use super::{CONTRADICTION_SCHEME, GIST_TAG, IMPLICIT_TAG};
use crate::io::{Exported, Warning};
use crate::model::{InferenceKind, Map, NodeIx, Statement};

/// How to write Argdown.
#[derive(Clone, Debug)]
pub struct ArgdownExportOptions {
    /// Write the map's title, description and authors as YAML front matter.
    pub front_matter: bool,
    /// Write evidence items as data on their statements
    /// (`{evidence: [{basis: quote, text: "…"}]}`), which the importer
    /// reads back; anchors into sources are not written.
    pub evidence_data: bool,
    /// Write node positions as data (`{pos: [x, y]}`, and `pinned: true`)
    /// on statements and on the inference lines of arguments, so that a
    /// re-import keeps the layout.
    pub positions: bool,
}

impl Default for ArgdownExportOptions {
    fn default() -> Self {
        ArgdownExportOptions {
            front_matter: true,
            evidence_data: true,
            positions: true,
        }
    }
}

/// Writes `map` as Argdown.
///
/// Plain single-premise supports and objections are written as relation
/// trees (`+`, `-`, `_` for an objection aimed at an inference, `><` for a
/// contradiction pair). Inferences with a title, description or scheme,
/// with several (linked) premises, or of kind rephrase are written as
/// arguments `<Title>` with a premise–conclusion structure; a conflict or
/// rephrase says so with `{kind: …}` on its inference line. Statements
/// written in more than one place need a title: untitled ones get one made
/// from their first words (reported). A chain of untitled support steps
/// whose intermediate conclusions serve only the next step is written as
/// one argument with several inference steps (`(1) (2) ---- (3) ---- (4)`).
/// Evidence, positions and inference data that no field holds are written
/// as Argdown data. The loss report lists what Argdown cannot hold:
/// sources (and so evidence anchors), positions of plain relations, line
/// breaks in texts, empty statements, and linked undercuts.
pub fn export(map: &Map, options: &ArgdownExportOptions) -> Exported {
    let mut w = Writer::new(map, options);
    w.front_matter();
    w.body();
    w.finish()
}

struct Writer<'m> {
    map: &'m Map,
    options: &'m ArgdownExportOptions,
    out: String,
    losses: Vec<Warning>,
    titles: HashMap<NodeIx, String>,
    arg_titles: HashMap<NodeIx, String>,
    defined: HashSet<NodeIx>,
    emitted: HashSet<NodeIx>,
    queue: Vec<NodeIx>,
    generated: usize,
    newlines: usize,
    evidence: usize,
    /// Plain relations written: (premise, target, symbol).
    relations: HashSet<(NodeIx, Option<NodeIx>, &'static str)>,
    repeated: usize,
    /// Earlier inference steps of an argument, by the argument's node, in
    /// the order they are written.
    steps: HashMap<NodeIx, Vec<NodeIx>>,
    /// Every node in [`Writer::steps`]: written by their argument only.
    inner: HashSet<NodeIx>,
    /// Positions written.
    placed: usize,
}

fn loss(message: String) -> Warning {
    Warning { at: None, message }
}

fn tag_text(tag: &str) -> String {
    if tag
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | ':' | '.'))
    {
        format!("#{tag}")
    } else {
        let inner: String = tag
            .chars()
            .flat_map(|c| match c {
                // `/` and `<` are escaped so `/*`, `//` and `<!--` in a tag
                // do not open a comment when the text is read back.
                ')' | '\\' | '/' | '<' => vec!['\\', c],
                '\n' | '\r' | '\t' => vec![' '],
                c => vec![c],
            })
            .collect();
        format!("#({inner})")
    }
}

/// Escapes what would make a line start read as something else.
fn guard_line_start(text: String) -> String {
    let first = text.chars().next();
    match first {
        Some('(' | '+' | '-' | '=' | '>' | '.' | ':' | '"' | '\'' | '|' | '~' | '!') => {
            format!("\\{text}")
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            if text[digits..].starts_with('.') {
                format!("{}\\{}", &text[..digits], &text[digits..])
            } else {
                text
            }
        }
        _ => text,
    }
}

impl<'m> Writer<'m> {
    fn new(map: &'m Map, options: &'m ArgdownExportOptions) -> Self {
        let mut w = Writer {
            map,
            options,
            out: String::with_capacity(map.node_count() * 120),
            losses: Vec::new(),
            titles: HashMap::new(),
            arg_titles: HashMap::new(),
            defined: HashSet::new(),
            emitted: HashSet::new(),
            queue: Vec::new(),
            generated: 0,
            newlines: 0,
            evidence: 0,
            relations: HashSet::new(),
            repeated: 0,
            steps: HashMap::new(),
            inner: HashSet::new(),
            placed: 0,
        };
        w.find_steps();
        w.assign_titles();
        w
    }

    fn statement(&self, ix: NodeIx) -> Option<&'m Statement> {
        self.map.node_at(ix).and_then(|n| n.as_statement())
    }

    fn is_special(&self, ix: NodeIx) -> bool {
        self.statement(ix)
            .is_some_and(|s| s.tags.iter().any(|t| t == GIST_TAG || t == IMPLICIT_TAG))
    }

    fn is_gist(&self, ix: NodeIx) -> bool {
        self.statement(ix)
            .is_some_and(|s| s.tags.iter().any(|t| t == GIST_TAG))
    }

    /// How an inference is written.
    fn shape(&self, inf: NodeIx) -> Shape {
        let node = &self.map.graph()[inf];
        let Some(i) = node.as_inference() else {
            return Shape::Argument;
        };
        let premises = self.map.premises_of(inf);
        let single_statement = premises.len() == 1 && self.statement(premises[0]).is_some();
        // Only a named argument can be the target of further relations.
        let plain = i.title.is_empty()
            && i.description.is_empty()
            && self.map.inferences_into(inf).is_empty();
        if single_statement
            && plain
            && i.kind == InferenceKind::Conflict
            && i.scheme == CONTRADICTION_SCHEME
        {
            return Shape::Contradiction;
        }
        if single_statement && self.is_gist(premises[0]) {
            // The argument itself, or a further relation of it.
            return if plain { Shape::Simple } else { Shape::Gist };
        }
        if single_statement && plain && i.scheme.is_empty() && i.kind != InferenceKind::Rephrase {
            return Shape::Simple;
        }
        // An argument's conclusion cannot be an inference: a named objection
        // to an inference is written as a plain undercut (its name is lost).
        let at_inference = self
            .map
            .target_of(inf)
            .is_some_and(|t| self.statement(t).is_none());
        if single_statement
            && at_inference
            && i.kind != InferenceKind::Rephrase
            && self.map.inferences_into(inf).is_empty()
        {
            return Shape::Simple;
        }
        Shape::Argument
    }

    fn assign_titles(&mut self) {
        let map = self.map;
        let mut used: HashSet<String> = HashSet::new();
        let nodes = map.nodes_sorted();
        // Statements: given titles first (disambiguated), then made ones.
        let mut needs: Vec<NodeIx> = Vec::new();
        for n in &nodes {
            let ix = map.index_of(&n.id).expect("listed");
            let Some(st) = n.as_statement() else { continue };
            if self.is_special(ix) {
                continue;
            }
            if !st.title.is_empty() {
                let title = unique(&st.title, &mut used);
                if title != st.title {
                    self.losses.push(loss(format!(
                        "statement '{}': its title '{}' is used twice; written as '{title}'",
                        n.id, st.title
                    )));
                }
                self.titles.insert(ix, title);
            } else if self.uses(ix) > 1 {
                needs.push(ix);
            }
        }
        for ix in needs {
            let st = self.statement(ix).expect("statement");
            let words: Vec<&str> = st.text.split_whitespace().take(6).collect();
            let base: String = words
                .join(" ")
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                .collect();
            let base = if base.trim().is_empty() {
                map.graph()[ix].id.clone()
            } else {
                base.trim().to_owned()
            };
            let title = unique(&base, &mut used);
            self.generated += 1;
            self.titles.insert(ix, title);
        }
        let mut arg_used: HashSet<String> = HashSet::new();
        for n in &nodes {
            let ix = map.index_of(&n.id).expect("listed");
            let Some(i) = n.as_inference() else { continue };
            if !i.title.is_empty() {
                let title = unique(&i.title, &mut arg_used);
                if title != i.title {
                    self.losses.push(loss(format!(
                        "inference '{}': its title '{}' is used twice; written as '{title}'",
                        n.id, i.title
                    )));
                }
                self.arg_titles.insert(ix, title);
            } else if self.shape(ix) != Shape::Simple
                && self.shape(ix) != Shape::Contradiction
                && (!map.inferences_into(ix).is_empty()
                    || map
                        .target_of(ix)
                        .is_some_and(|t| self.statement(t).is_none())
                    || self.shape(ix) == Shape::Gist)
            {
                let title = unique(&format!("Argument {}", n.id), &mut arg_used);
                self.losses.push(loss(format!(
                    "inference '{}' has no title but must be named in Argdown; written as <{title}>",
                    n.id
                )));
                self.arg_titles.insert(ix, title);
            }
        }
    }

    /// Finds multi-step arguments: an argument's premise that is concluded
    /// by an untitled, undescribed support inference (with statement
    /// premises, nothing aimed at it) and is used by nothing else is an
    /// intermediate conclusion, and that inference an earlier step. Steps
    /// chain back through the first such premise of each step.
    fn find_steps(&mut self) {
        let map = self.map;
        let mut tops: Vec<NodeIx> = map
            .nodes_sorted()
            .into_iter()
            .filter(|n| n.as_inference().is_some())
            .filter_map(|n| map.index_of(&n.id))
            .collect();
        tops.retain(|&ix| self.shape(ix) == Shape::Argument);
        for top in tops {
            if self.inner.contains(&top) {
                continue;
            }
            let mut chain = Vec::new();
            let mut at = top;
            let mut seen = HashSet::from([top]);
            while let Some(step) = self.earlier_step(at) {
                if !seen.insert(step) || self.inner.contains(&step) {
                    break;
                }
                chain.push(step);
                // A step found earlier as an argument of its own brings
                // its own earlier steps along.
                if let Some(before) = self.steps.remove(&step) {
                    chain.extend(before.into_iter().rev());
                    break;
                }
                at = step;
            }
            if chain.is_empty() {
                continue;
            }
            chain.reverse();
            self.inner.extend(chain.iter().copied());
            self.steps.insert(top, chain);
        }
    }

    /// The earlier step concluding one of `inf`'s premises, if any.
    fn earlier_step(&self, inf: NodeIx) -> Option<NodeIx> {
        let map = self.map;
        map.premises_of(inf).into_iter().find_map(|p| {
            self.statement(p)?;
            if map.inferences_from(p) != [inf] {
                return None;
            }
            let into = map.inferences_into(p);
            into.into_iter().find(|&j| {
                let Some(i) = map.graph()[j].as_inference() else {
                    return false;
                };
                i.kind == InferenceKind::Support
                    && i.title.is_empty()
                    && i.description.is_empty()
                    && map.inferences_into(j).is_empty()
                    && map
                        .premises_of(j)
                        .iter()
                        .all(|&q| self.statement(q).is_some() && q != p && !self.is_special(q))
            })
        })
    }

    /// How many places a statement is written at.
    fn uses(&self, ix: NodeIx) -> usize {
        let from = self.map.inferences_from(ix);
        let as_conclusion = self
            .map
            .inferences_into(ix)
            .into_iter()
            .filter(|&i| self.shape(i) == Shape::Argument && !self.inner.contains(&i))
            .count();
        from.len() + as_conclusion + usize::from(from.is_empty())
    }

    fn finish(mut self) -> Exported {
        let map = self.map;
        if self.generated > 0 {
            self.losses.push(loss(format!(
                "{} untitled statements are written in more than one place and were given titles made from their first words",
                self.generated
            )));
        }
        if self.repeated > 0 {
            self.losses.push(loss(format!(
                "{} repeated relations (same premise, target and kind) are written once; Argdown merges them",
                self.repeated
            )));
        }
        if self.newlines > 0 {
            self.losses.push(loss(format!(
                "{} texts had line breaks; Argdown joins lines, so they became spaces",
                self.newlines
            )));
        }
        if self.evidence > 0 {
            let what = if self.options.evidence_data {
                "anchors of evidence items into sources: Argdown has no sources; not written"
            } else {
                "evidence items: not written (evidence data is off)"
            };
            self.losses.push(loss(format!("{} {what}", self.evidence)));
        }
        let placed = map.nodes().filter(|n| n.pos.is_some()).count();
        if placed > self.placed {
            let why = if self.options.positions {
                "positions of plain relations and unreconstructed arguments: Argdown gives them no data; not written"
            } else {
                "node positions: not written (positions are off)"
            };
            self.losses
                .push(loss(format!("{} {why}", placed - self.placed)));
        }
        let sources = map.sources().count();
        if sources > 0 {
            self.losses.push(loss(format!(
                "{sources} sources: Argdown has no source documents; not written"
            )));
        }
        if !map.meta().modified.is_empty() {
            self.losses
                .push(loss("the map's modification date is not written".into()));
        }
        for n in map.nodes_sorted() {
            let ix = map.index_of(&n.id).expect("listed");
            if n.as_inference().is_some() && !self.emitted.contains(&ix) {
                self.losses.push(loss(format!(
                    "inference '{}' could not be written (its premise is not a statement)",
                    n.id
                )));
            }
        }
        let scheme_state = map
            .nodes()
            .filter_map(|n| n.as_inference())
            .filter(|i| !i.roles.is_empty() || !i.questions.is_empty())
            .count();
        if scheme_state > 0 {
            self.losses.push(loss(format!(
                "{scheme_state} inferences have scheme role bindings or critical question statuses: Argdown has no place for them; not written"
            )));
        }
        let embedded = map.embedded_schemes().count();
        if embedded > 0 {
            self.losses.push(loss(format!(
                "{embedded} scheme definitions kept in the map: only their ids are written"
            )));
        }
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        Exported {
            text: self.out,
            losses: self.losses,
        }
    }

    fn front_matter(&mut self) {
        if !self.options.front_matter {
            return;
        }
        let meta = self.map.meta();
        self.out.push_str("===\n");
        let _ = writeln!(self.out, "title: {}", quote_yaml(&meta.title));
        if !meta.description.is_empty() {
            let _ = writeln!(self.out, "description: {}", quote_yaml(&meta.description));
        }
        match meta.authors.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(self.out, "author: {}", quote_yaml(one));
            }
            many => {
                self.out.push_str("author:\n");
                for a in many {
                    let _ = writeln!(self.out, "  - {}", quote_yaml(a));
                }
            }
        }
        if !meta.created.is_empty() {
            let _ = writeln!(self.out, "date: {}", quote_yaml(&meta.created));
        }
        self.out.push_str("===\n\n");
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// One plain statement premise: a relation line.
    Simple,
    /// A contradiction pair: `><`.
    Contradiction,
    /// An unreconstructed argument: `<Title>: gist`.
    Gist,
    /// A reconstructed argument with a premise–conclusion structure.
    Argument,
}

fn unique(base: &str, used: &mut HashSet<String>) -> String {
    let mut title = base.to_owned();
    let mut k = 2;
    while !used.insert(title.clone()) {
        title = format!("{base} ({k})");
        k += 1;
    }
    title
}

mod body;
