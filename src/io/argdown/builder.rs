//! The parsed document → a [`Map`], following the mapping in the module
//! documentation. Every construct that cannot be carried becomes a located
//! warning.

use std::collections::{HashMap, HashSet};

mod relations;

use super::lexer::Lexed;
use super::parser::{At, Doc, PcsItem};
use super::text::{DataValue, Head};
use super::{ArgdownImportOptions, GROUP_TAG_PREFIX, ImportReport};
use crate::io::{Location, Warning};
use crate::model::{Evidence, Inference, InferenceKind, Map, MapMeta, Pos, Role, Statement};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Ref {
    Stmt(usize),
    Arg(usize),
}

#[derive(Default)]
struct StmtDraft {
    title: String,
    text: String,
    tags: Vec<String>,
    notes: Vec<String>,
    role: Option<Role>,
    evidence: Vec<Evidence>,
    pos: Option<Pos>,
    pinned: bool,
}

#[derive(Default)]
struct ArgDraft {
    title: String,
    description: String,
    tags: Vec<String>,
    pcs: Option<usize>,
    at: At,
    /// Node that stands for the argument as a premise of further relations.
    source_node: Option<String>,
    /// The argument's inference node.
    node: Option<String>,
    conclusion: Option<usize>,
}

struct Builder<'a> {
    lexed: &'a Lexed,
    map: Map,
    warnings: Vec<Warning>,
    stmts: Vec<StmtDraft>,
    by_title: HashMap<String, usize>,
    args: Vec<ArgDraft>,
    arg_by_title: HashMap<String, usize>,
    refs: Vec<Option<Ref>>,
    next_inference: usize,
}

/// Builds the map; the report counts what the Argdown text held.
pub(super) fn build(
    doc: Doc,
    lexed: &Lexed,
    options: &ArgdownImportOptions<'_>,
) -> (Map, Vec<Warning>, ImportReport) {
    let mut b = Builder {
        lexed,
        map: Map::new(
            options
                .title
                .clone()
                .unwrap_or_else(|| "Imported Argdown".into()),
        ),
        warnings: Vec::new(),
        stmts: Vec::new(),
        by_title: HashMap::new(),
        args: Vec::new(),
        arg_by_title: HashMap::new(),
        refs: Vec::new(),
        next_inference: 1,
    };
    for &(file, line, column, ref message) in &lexed.problems {
        let at = At { file, line, column };
        b.warn(at, message.clone());
    }
    for (at, message) in &doc.problems {
        b.warn(*at, message.clone());
    }
    b.meta();
    b.elements(&doc);
    let mut report = ImportReport {
        statements: b.stmts.len(),
        ..ImportReport::default()
    };
    b.add_statements();
    b.pcs(&doc);
    report.arguments = b.args.len();
    report.relations = b.relations(&doc);
    b.roles();
    (b.map, b.warnings, report)
}

impl Builder<'_> {
    fn warn(&mut self, at: At, message: String) {
        let file = self.lexed.files.get(at.file).cloned().flatten();
        self.warnings.push(Warning {
            at: Some(Location {
                file,
                line: Some(at.line),
                column: Some(at.column),
                json_path: None,
            }),
            message,
        });
    }

    fn meta(&mut self) {
        let mut meta = MapMeta {
            title: self.map.meta().title.clone(),
            ..MapMeta::default()
        };
        for (key, value, line) in self.lexed.front_matter.clone() {
            let at = At {
                file: 0,
                line,
                column: 1,
            };
            match key.to_lowercase().as_str() {
                "title" if !value.trim().is_empty() => meta.title = value.replace('\n', " "),
                "author" | "authors" => {
                    let listed = value.contains('\n') || value.trim_start().starts_with("- ");
                    let parts: Vec<String> = if listed {
                        value
                            .lines()
                            .map(|l| {
                                super::lexer::unquote(l.trim().trim_start_matches("- ").trim())
                            })
                            .collect()
                    } else {
                        value
                            .trim_matches(|c| c == '[' || c == ']')
                            .split(',')
                            .map(|a| super::lexer::unquote(a.trim()))
                            .collect()
                    };
                    meta.authors
                        .extend(parts.into_iter().filter(|a| !a.trim().is_empty()));
                }
                "description" | "subtitle" | "abstract" => {
                    if !meta.description.is_empty() {
                        meta.description.push('\n');
                    }
                    meta.description.push_str(&value.replace('\n', " "));
                }
                "date" => meta.created = value,
                _ => self.warn(
                    at,
                    format!("front matter key '{key}' has no place in the map; dropped"),
                ),
            }
        }
        // The title is checked non-empty above, so this cannot fail.
        let _ = self.map.set_meta(meta);
    }

    fn elements(&mut self, doc: &Doc) {
        for elem in &doc.elems {
            let c = &elem.content;
            let mut tags = c.tags.clone();
            // A group holds what is defined under its heading, not what is
            // merely referred to there.
            let defines = match &c.head {
                Head::Statement { text, .. } | Head::Argument { text, .. } => !text.is_empty(),
            };
            if let (Some(g), true) = (&elem.group, defines) {
                tags.push(format!("{GROUP_TAG_PREFIX}{g}"));
            }
            let r = match &c.head {
                Head::Statement { title, text, .. } if title.is_empty() && text.is_empty() => {
                    self.warn(elem.at, "an empty statement; ignored".into());
                    None
                }
                Head::Statement { title, text, .. } => {
                    let ix = if title.is_empty() {
                        None
                    } else {
                        self.by_title.get(title).copied()
                    };
                    let ix = ix.unwrap_or_else(|| {
                        self.stmts.push(StmtDraft {
                            title: title.clone(),
                            ..StmtDraft::default()
                        });
                        let ix = self.stmts.len() - 1;
                        if !title.is_empty() {
                            self.by_title.insert(title.clone(), ix);
                        }
                        ix
                    });
                    let draft = &mut self.stmts[ix];
                    if draft.text.is_empty() {
                        draft.text = text.clone();
                    } else if !text.is_empty() && *text != draft.text {
                        draft.notes.push(format!("Also stated as: {text}"));
                    }
                    merge_tags(&mut draft.tags, &tags);
                    for (k, v) in &c.data {
                        self.statement_data(ix, k, v, elem.at);
                    }
                    Some(Ref::Stmt(ix))
                }
                Head::Argument { title, text, .. } => {
                    let ix = match self.arg_by_title.get(title) {
                        Some(&ix) => ix,
                        None => {
                            self.args.push(ArgDraft {
                                title: title.clone(),
                                at: elem.at,
                                ..ArgDraft::default()
                            });
                            self.arg_by_title.insert(title.clone(), self.args.len() - 1);
                            self.args.len() - 1
                        }
                    };
                    let draft = &mut self.args[ix];
                    if draft.description.is_empty() {
                        draft.description = text.clone();
                    } else if !text.is_empty() && *text != draft.description {
                        draft.description.push_str("\n\n");
                        draft.description.push_str(text);
                    }
                    merge_tags(&mut draft.tags, &tags);
                    if !c.data.is_empty() {
                        let keys: Vec<&str> = c.data.iter().map(|(k, _)| k.as_str()).collect();
                        self.warn(
                            elem.at,
                            format!(
                                "data on an argument ({}) has no place in the map; dropped",
                                keys.join(", ")
                            ),
                        );
                    }
                    Some(Ref::Arg(ix))
                }
            };
            self.refs.push(r);
        }
    }

    /// One `key: value` of a statement's data: `role`, `notes`, `evidence`
    /// (a list of evidence maps, as the exporter writes them), `pos`
    /// (`[x, y]`) and `pinned` have fields; any other key is kept in the
    /// notes as `key: value`.
    fn statement_data(&mut self, ix: usize, key: &str, value: &DataValue, at: At) {
        let draft = &mut self.stmts[ix];
        match (key, value.as_scalar()) {
            ("notes", Some(v)) => draft.notes.push(v.to_owned()),
            ("role", Some(v)) if Role::parse(v).is_some() => draft.role = Role::parse(v),
            ("pinned", Some(v)) => draft.pinned = v == "true",
            ("pos", _) => match data_pos(value) {
                Some(p) => draft.pos = Some(p),
                None => self.warn(
                    at,
                    format!("data 'pos: {}' is not [x, y]; dropped", value.to_text()),
                ),
            },
            ("evidence", _) => {
                let items = match value {
                    DataValue::List(items) => items.as_slice(),
                    other => std::slice::from_ref(other),
                };
                for item in items {
                    match super::evidence::evidence_from_data(item) {
                        Ok((ev, note)) => {
                            if let Some(note) = note {
                                self.warn(at, format!("evidence '{}': {note}", ev.id));
                            }
                            self.stmts[ix].evidence.push(ev);
                        }
                        Err(problem) => {
                            self.warn(at, format!("an evidence item is not kept: {problem}"))
                        }
                    }
                }
            }
            _ => draft.notes.push(format!("{key}: {}", value.to_text())),
        }
    }

    /// Gives every evidence item an id that is valid and unused, keeping
    /// the written one where it is.
    fn evidence_ids(&mut self) {
        let mut taken: HashSet<String> = HashSet::new();
        let mut next = 1;
        for k in 0..self.stmts.len() {
            for ev in &mut self.stmts[k].evidence {
                // Statement and inference ids are `s<N>` and `i<N>`.
                let node_like = ev.id.len() > 1
                    && ev.id.starts_with(['s', 'i'])
                    && ev.id[1..].bytes().all(|b| b.is_ascii_digit());
                let ok =
                    crate::model::ids::is_valid_id(&ev.id) && !node_like && !taken.contains(&ev.id);
                if !ok {
                    loop {
                        let id = format!("e{next}");
                        next += 1;
                        if !taken.contains(&id) {
                            ev.id = id;
                            break;
                        }
                    }
                }
                taken.insert(ev.id.clone());
            }
        }
    }

    fn add_statements(&mut self) {
        self.evidence_ids();
        for k in 0..self.stmts.len() {
            let d = &self.stmts[k];
            let mut st = Statement {
                text: d.text.clone(),
                title: d.title.clone(),
                role: d.role.unwrap_or_default(),
                tags: d.tags.clone(),
                notes: d.notes.join("\n"),
                evidence: d.evidence.clone(),
            };
            let (pos, pinned) = (d.pos, d.pinned);
            let id = Self::stmt_id(k);
            if let Err(e) = self.map.add_statement(&id, st.clone(), pos, pinned) {
                // Only the evidence can be refused (the ids are fresh).
                self.warnings.push(Warning {
                    at: None,
                    message: format!(
                        "statement '{id}' ({}): its evidence is not kept: {e}",
                        st.title
                    ),
                });
                st.evidence.clear();
                self.map
                    .add_statement(&id, st, pos, pinned)
                    .expect("fresh ids, no evidence");
            }
        }
    }

    fn stmt_id(k: usize) -> String {
        format!("s{}", k + 1)
    }

    fn add_inference(
        &mut self,
        inference: Inference,
        premises: &[String],
        target: &str,
        at: At,
    ) -> Option<String> {
        let id = format!("i{}", self.next_inference);
        let refs: Vec<&str> = premises.iter().map(String::as_str).collect();
        match self
            .map
            .add_inference(&id, inference, &refs, target, None, false)
        {
            Ok(_) => {
                self.next_inference += 1;
                Some(id)
            }
            Err(e) => {
                self.warn(at, format!("relation not kept: {e}"));
                None
            }
        }
    }

    /// Premise–conclusion structures become chains of support inferences.
    fn pcs(&mut self, doc: &Doc) {
        for (k, pcs) in doc.pcs.iter().enumerate() {
            let arg = match pcs.argument.and_then(|e| self.refs[e]) {
                Some(Ref::Arg(a)) if self.args[a].pcs.is_none() => a,
                Some(Ref::Arg(a)) => {
                    let title = self.args[a].title.clone();
                    let first = self.args[a].pcs.map_or(0, |p| doc.pcs[p].at.line);
                    self.warn(
                        pcs.at,
                        format!("<{title}> already has a premise–conclusion structure (line {first}); this second one is ignored: its statements are kept, its inferences are not"),
                    );
                    continue;
                }
                _ => self.anonymous(pcs.at),
            };
            self.args[arg].pcs = Some(k);
            self.pcs_steps(arg, &pcs.items, pcs.at);
        }
    }

    fn anonymous(&mut self, at: At) -> usize {
        self.args.push(ArgDraft {
            at,
            ..ArgDraft::default()
        });
        self.args.len() - 1
    }

    fn pcs_steps(&mut self, arg: usize, items: &[PcsItem], at: At) {
        // (statement index, number) and inference lines in order.
        let mut numbered: HashMap<u32, usize> = HashMap::new();
        let mut pending: Vec<usize> = Vec::new();
        let mut previous: Option<usize> = None;
        let mut rule: Option<Rule> = None;
        let mut steps: Vec<Step> = Vec::new();
        let mut saw_inference = false;
        for item in items {
            match item {
                PcsItem::Statement { elem, number } => {
                    let Some(Ref::Stmt(s)) = self.refs[*elem] else {
                        continue;
                    };
                    numbered.insert(*number, s);
                    if let Some((text, data, rule_at)) = rule.take() {
                        let uses: Vec<usize> = data
                            .iter()
                            .find(|(k, _)| k == "uses")
                            .map(|(_, v)| {
                                v.to_text()
                                    .split(|c: char| !c.is_ascii_digit())
                                    .filter_map(|n| n.parse::<u32>().ok())
                                    .filter_map(|n| numbered.get(&n).copied())
                                    .collect()
                            })
                            .unwrap_or_default();
                        let premises = if uses.is_empty() {
                            previous.into_iter().chain(pending.drain(..)).collect()
                        } else {
                            pending.clear();
                            uses
                        };
                        steps.push((premises, s, text, data, rule_at));
                        previous = Some(s);
                    } else {
                        pending.push(s);
                    }
                }
                PcsItem::Inference {
                    rule: text,
                    data,
                    at: line_at,
                } => {
                    saw_inference = true;
                    if let Some((_, _, first_at)) = &rule {
                        self.warn(
                            *first_at,
                            "two inference lines in a row; the first is ignored".into(),
                        );
                    }
                    rule = Some((text.clone(), data.clone(), *line_at));
                }
            }
        }
        if let Some((_, _, rule_at)) = rule {
            self.warn(
                rule_at,
                "a premise–conclusion structure ends with an inference line and no conclusion"
                    .into(),
            );
        }
        if !saw_inference && pending.len() >= 2 {
            self.warn(at, "a premise–conclusion structure without an inference line: its last statement is taken as the conclusion".into());
            let conclusion = pending.pop().expect("two or more");
            steps.push((
                std::mem::take(&mut pending),
                conclusion,
                String::new(),
                Vec::new(),
                at,
            ));
        }
        if steps.is_empty() {
            self.warn(at, "a premise–conclusion structure with no conclusion; its argument stays unreconstructed".into());
            self.args[arg].pcs = None;
            return;
        }
        let last = steps.len() - 1;
        for (k, (premises, conclusion, rule, data, rule_at)) in steps.into_iter().enumerate() {
            let mut premises: Vec<usize> = premises;
            let mut seen = HashSet::new();
            premises.retain(|p| seen.insert(*p) && *p != conclusion);
            if premises.is_empty() {
                self.warn(
                    rule_at,
                    "an inference step with no premises; skipped".into(),
                );
                continue;
            }
            // The rule text names the scheme; a name the catalogue knows
            // becomes its id, any other is kept verbatim.
            let rule = rule.trim();
            let mut inference = Inference {
                scheme: crate::io::schemes::bundled()
                    .find_by_name(rule)
                    .map_or_else(|| rule.to_owned(), |s| s.id.clone()),
                ..Inference::default()
            };
            let (mut pos, mut pinned) = (None, false);
            for (key, value) in &data {
                match key.as_str() {
                    "scheme" => {
                        let value = value.to_text();
                        let value = value.trim();
                        inference.scheme = crate::io::schemes::bundled()
                            .find_by_name(value)
                            .map_or_else(|| value.to_owned(), |s| s.id.clone());
                    }
                    "kind" => match value.as_scalar().and_then(InferenceKind::parse) {
                        Some(kind) => inference.kind = kind,
                        None => self.warn(
                            rule_at,
                            format!(
                                "unknown inference kind '{}'; read as support",
                                value.to_text()
                            ),
                        ),
                    },
                    "uses" => {}
                    "pos" => match data_pos(value) {
                        Some(p) => pos = Some(p),
                        None => self.warn(
                            rule_at,
                            format!(
                                "inference data 'pos: {}' is not [x, y]; dropped",
                                value.to_text()
                            ),
                        ),
                    },
                    "pinned" => pinned = value.as_scalar() == Some("true"),
                    other => {
                        inference.data.insert(other.to_owned(), value.to_text());
                    }
                }
            }
            if k == last {
                let d = &self.args[arg];
                inference.title = d.title.clone();
                inference.description = d.description.clone();
            }
            let premise_ids: Vec<String> = premises.iter().map(|&p| Self::stmt_id(p)).collect();
            let id = self.add_inference(inference, &premise_ids, &Self::stmt_id(conclusion), at);
            if let (Some(id), Some(p)) = (&id, pos) {
                // The id was just made, so this cannot fail.
                let _ = self.map.set_placement(id, Some(p), pinned);
            }
            if k == last {
                self.args[arg].node = id;
                self.args[arg].conclusion = Some(conclusion);
                self.args[arg].source_node = Some(Self::stmt_id(conclusion));
            }
        }
        // Its heading's group is kept on its statements; other tags are lost.
        let lost: Vec<&str> = self.args[arg]
            .tags
            .iter()
            .filter(|t| !t.starts_with(GROUP_TAG_PREFIX))
            .map(String::as_str)
            .collect();
        if !lost.is_empty() {
            let tags = lost.join(", ");
            let at = self.args[arg].at;
            self.warn(
                at,
                format!(
                    "tags of a reconstructed argument ({tags}) have no place in the map; dropped"
                ),
            );
        }
    }
}

/// An inference line waiting for its conclusion: rule text, data, and
/// where the line stands.
type Rule = (String, Vec<(String, DataValue)>, At);

/// One inference step: premises, conclusion, rule text, data.
type Step = (Vec<usize>, usize, String, Vec<(String, DataValue)>, At);

/// `[x, y]` as a position (finite numbers).
pub(super) fn data_pos(value: &DataValue) -> Option<Pos> {
    let DataValue::List(items) = value else {
        return None;
    };
    let [x, y] = items.as_slice() else {
        return None;
    };
    let num = |v: &DataValue| {
        v.as_scalar()?
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|n| n.is_finite() && n.abs() <= 1.0e7)
    };
    Some(Pos::new(num(x)?, num(y)?))
}

fn merge_tags(into: &mut Vec<String>, tags: &[String]) {
    for t in tags {
        if !into.contains(t) {
            into.push(t.clone());
        }
    }
}
