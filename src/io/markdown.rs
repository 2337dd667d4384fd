//! Markdown outline export: the seminar handout. The thesis (and every
//! other statement that supports nothing) heads a section; under it its
//! reasons and objections nest as lists, linked co-premises are grouped
//! under one "together" item, undercuts are marked, and evidence is quoted
//! in blockquotes with its source's title and where in the source it sits
//! (character offsets and line number).

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{Exported, Warning};
use crate::model::{Evidence, InferenceKind, Map, NodeIx, Role, char_range_to_bytes};

/// How to write the outline.
#[derive(Clone, Debug)]
pub struct MarkdownOptions {
    /// Quote evidence under each statement.
    pub evidence: bool,
    /// Show tags after each statement.
    pub tags: bool,
    /// When set, mark each statement with its evaluation label, by
    /// statement id (`**[IN]**`, `**[OUT]**`, `**[UNDEC]**` before the text),
    /// as computed by [`crate::eval`].
    pub labels: Option<std::collections::BTreeMap<String, crate::eval::Label>>,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            evidence: true,
            tags: true,
            labels: None,
        }
    }
}

/// Writes `map` as a Markdown outline. The losses name what a handout
/// leaves out: positions, notes, source texts, and anything unreachable.
pub fn export(map: &Map, options: &MarkdownOptions) -> Exported {
    let mut w = Outline {
        map,
        options,
        out: String::with_capacity(map.node_count() * 100),
        written: HashSet::new(),
        inferences: HashSet::new(),
    };
    w.document();
    let mut losses = Vec::new();
    let loss = |m: String| Warning {
        at: None,
        message: m,
    };
    let placed = map.nodes().filter(|n| n.pos.is_some()).count();
    if placed > 0 {
        losses.push(loss(format!("{placed} node positions are not written")));
    }
    let notes = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .filter(|s| !s.notes.is_empty())
        .count();
    if notes > 0 {
        losses.push(loss(format!("{notes} statements' notes are not written")));
    }
    let sources = map.sources().count();
    if sources > 0 {
        losses.push(loss(format!(
            "{sources} source texts are not written (quotes name their source and place)"
        )));
    }
    let missed = map.inference_count() - w.inferences.len();
    if missed > 0 {
        losses.push(loss(format!(
            "{missed} inferences could not be placed in the outline"
        )));
    }
    Exported {
        text: w.out,
        losses,
    }
}

struct Outline<'m> {
    map: &'m Map,
    options: &'m MarkdownOptions,
    out: String,
    written: HashSet<NodeIx>,
    inferences: HashSet<NodeIx>,
}

/// Escapes Markdown and HTML in user text; line breaks stay inside the
/// item by indenting the next line.
fn md(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            out.push('\n');
            out.push_str(indent);
        }
        let line = if k > 0 { line.trim_start() } else { line };
        // What would start a list item or a rule at the start of a line.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if line.starts_with(['-', '+', '='])
            || (digits > 0 && line[digits..].starts_with(['.', ')']))
        {
            let (head, tail) = line.split_at(digits);
            out.push_str(head);
            out.push('\\');
            out.push_str(&tail[..1]);
            push_escaped(&mut out, &tail[1..]);
            continue;
        }
        push_escaped(&mut out, line);
    }
    out
}

fn push_escaped(out: &mut String, line: &str) {
    {
        for c in line.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                    out.push('\\');
                    out.push(c);
                }
                '\r' => {}
                c => out.push(c),
            }
        }
    }
}

impl Outline<'_> {
    fn document(&mut self) {
        let map = self.map;
        let meta = map.meta();
        let _ = writeln!(self.out, "# {}\n", md(&meta.title, ""));
        if !meta.description.is_empty() {
            let _ = writeln!(self.out, "{}\n", md(&meta.description, ""));
        }
        if !meta.authors.is_empty() {
            let _ = writeln!(self.out, "*{}*\n", md(&meta.authors.join(", "), ""));
        }
        let mut roots: Vec<NodeIx> = Vec::new();
        let mut rest: Vec<NodeIx> = Vec::new();
        for n in map.nodes_sorted() {
            let ix = map.index_of(&n.id).expect("listed");
            if n.as_statement().is_none() {
                continue;
            }
            let thesis = n.as_statement().is_some_and(|s| s.role == Role::Thesis);
            if map.inferences_from(ix).is_empty() || thesis {
                roots.push(ix);
            } else {
                rest.push(ix);
            }
        }
        roots.sort_by_key(|&ix| {
            map.graph()[ix].as_statement().map(|s| s.role) != Some(Role::Thesis)
        });
        for ix in roots.into_iter().chain(rest) {
            if self.written.contains(&ix) {
                continue;
            }
            self.section(ix);
        }
    }

    fn section(&mut self, ix: NodeIx) {
        let st = self.map.graph()[ix].as_statement().expect("a statement");
        self.written.insert(ix);
        let label = match st.role {
            Role::Thesis => "Thesis",
            Role::Note => "Note",
            Role::Evidence => "Evidence",
            Role::Claim | Role::Premise => "Claim",
        };
        if st.title.is_empty() {
            let _ = writeln!(self.out, "## {label}\n");
        } else {
            let _ = writeln!(self.out, "## {label}: {}\n", md(&st.title, ""));
        }
        let _ = writeln!(
            self.out,
            "{}{}{}\n",
            self.label(ix),
            md(&st.text, ""),
            self.tags(ix)
        );
        self.evidence(ix, "");
        self.children(ix, "");
        self.out.push('\n');
    }

    /// `**[IN]** ` when labels are asked for, else nothing.
    fn label(&self, ix: NodeIx) -> String {
        let id = &self.map.graph()[ix].id;
        match self.options.labels.as_ref().and_then(|l| l.get(id)) {
            Some(l) => format!("**\\[{}\\]** ", l.as_str()),
            None => String::new(),
        }
    }

    fn tags(&self, ix: NodeIx) -> String {
        let st = self.map.graph()[ix].as_statement().expect("a statement");
        if !self.options.tags || st.tags.is_empty() {
            return String::new();
        }
        let tags: Vec<String> = st
            .tags
            .iter()
            .filter(|t| !t.starts_with("argdown:"))
            .map(|t| format!("#{}", md(t, "")))
            .collect();
        if tags.is_empty() {
            return String::new();
        }
        format!(" *({})*", tags.join(", "))
    }

    /// The text of a statement in a list item, or a pointer when it was
    /// already written.
    fn item_text(&mut self, ix: NodeIx, indent: &str) -> (String, bool) {
        let st = self.map.graph()[ix].as_statement().expect("a statement");
        if self.written.contains(&ix) {
            let label = if st.title.is_empty() {
                &st.text
            } else {
                &st.title
            };
            let short: String = label.chars().take(60).collect();
            return (format!("(see above: {})", md(&short, indent)), false);
        }
        self.written.insert(ix);
        let mut text = self.label(ix);
        if !st.title.is_empty() {
            let _ = write!(text, "**{}:** ", md(&st.title, indent));
        }
        text.push_str(&md(&st.text, indent));
        text.push_str(&self.tags(ix));
        (text, true)
    }

    fn children(&mut self, ix: NodeIx, indent: &str) {
        for inf in self.map.inferences_into(ix) {
            if !self.inferences.insert(inf) {
                continue;
            }
            self.inference(inf, indent);
        }
    }

    fn inference(&mut self, inf: NodeIx, indent: &str) {
        let map = self.map;
        let i = map.graph()[inf].as_inference().expect("an inference");
        let undercut = map.is_undercut(inf);
        let label = match i.kind {
            InferenceKind::Support
                if map
                    .target_of(inf)
                    .is_some_and(|t| !map.graph()[t].is_statement()) =>
            {
                "Reason for the step"
            }
            InferenceKind::Support => "Reason",
            InferenceKind::Conflict if undercut => "Undercut",
            InferenceKind::Conflict if i.scheme == "contradiction" => "Contradiction",
            InferenceKind::Conflict => "Objection",
            InferenceKind::Rephrase => "Rephrase",
        };
        let mut head = format!("**{label}");
        if !i.title.is_empty() {
            let _ = write!(head, " “{}”", md(&i.title, indent));
        }
        head.push_str(":**");
        if undercut {
            head.push_str(" *(objects to the step above, not to its conclusion)*");
        }
        let mut details = Vec::new();
        if !i.description.is_empty() {
            details.push(md(&i.description, indent));
        }
        let catalogue = crate::io::schemes::bundled();
        let node_id = &map.graph()[inf].id;
        if !i.scheme.is_empty() && i.scheme != "contradiction" {
            let name = map
                .resolve_scheme(&i.scheme, catalogue)
                .map_or(i.scheme.as_str(), |s| s.name.as_str());
            details.push(format!("scheme: {}", md(name, indent)));
        }
        // The handout's checklist: the scheme's questions still open.
        let open_questions: Vec<String> = match map.scheme_of(node_id, catalogue) {
            Some(scheme) => {
                let bound = map.bound_texts(node_id);
                map.question_states(node_id, catalogue)
                    .into_iter()
                    .filter(|q| q.open)
                    .map(|q| {
                        format!(
                            "[ ] *{} question:* {}",
                            q.question.kind.as_str(),
                            md(&scheme.fill_question(&q.question, &bound), indent)
                        )
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let inner = format!("{indent}  ");
        let premises = map.premises_of(inf);
        let statement_premises: Vec<NodeIx> = premises
            .iter()
            .copied()
            .filter(|&p| map.graph()[p].is_statement())
            .collect();
        // An imported Argdown argument keeps its description in its one
        // premise: say it once.
        if let [p] = statement_premises[..]
            && map.graph()[p]
                .as_statement()
                .is_some_and(|s| s.text == i.description)
        {
            details.retain(|d| *d != md(&i.description, indent));
        }
        if statement_premises.len() == 1 && details.is_empty() && open_questions.is_empty() {
            let p = statement_premises[0];
            let (text, fresh) = self.item_text(p, &inner);
            let _ = writeln!(self.out, "{indent}- {head} {text}");
            if fresh {
                self.evidence(p, &inner);
                self.children(p, &inner);
            }
        } else {
            let together = if statement_premises.len() > 1 {
                " together:"
            } else {
                ""
            };
            let detail = if details.is_empty() {
                String::new()
            } else {
                format!(" *{}*", details.join("; "))
            };
            let _ = writeln!(self.out, "{indent}- {head}{together}{detail}");
            for p in statement_premises {
                let (text, fresh) = self.item_text(p, &format!("{inner}  "));
                let _ = writeln!(self.out, "{inner}- {text}");
                if fresh {
                    self.evidence(p, &format!("{inner}  "));
                    self.children(p, &format!("{inner}  "));
                }
            }
            for q in &open_questions {
                let _ = writeln!(self.out, "{inner}- {q}");
            }
        }
        // Reasons and objections aimed at this step.
        self.children(inf, &inner);
    }

    fn evidence(&mut self, ix: NodeIx, indent: &str) {
        if !self.options.evidence {
            return;
        }
        let st = self.map.graph()[ix].as_statement().expect("a statement");
        for ev in &st.evidence {
            self.out.push('\n');
            self.quote(ev, indent);
        }
        if !st.evidence.is_empty() {
            self.out.push('\n');
        }
    }

    fn quote(&mut self, ev: &Evidence, indent: &str) {
        let prefix = format!("{indent}> ");
        let text = if let Some(a) = &ev.anchor {
            a.exact.clone()
        } else {
            ev.text.clone()
        };
        let body = md(&text, &prefix);
        let _ = writeln!(self.out, "{prefix}“{body}”");
        let mut source = vec![ev.basis.label().to_owned()];
        if let Some(a) = &ev.anchor {
            match self.map.source(&a.source) {
                Some(s) => {
                    let title = if s.title.is_empty() { &s.id } else { &s.title };
                    let mut where_ = format!("*{}*", md(title, &prefix));
                    let _ = write!(where_, ", characters {}–{}", a.start, a.end);
                    if let Some((start, _)) = char_range_to_bytes(&s.text, a.start, a.start) {
                        let line = s.text[..start].matches('\n').count() + 1;
                        let _ = write!(where_, ", line {line}");
                    }
                    if a.orphaned {
                        where_.push_str(" (no longer found in the source)");
                    }
                    source.push(where_);
                }
                None => source.push(md(&a.source, &prefix)),
            }
        }
        for extra in [&ev.speaker, &ev.citation, &ev.date, &ev.url] {
            if !extra.is_empty() {
                source.push(md(extra, &prefix));
            }
        }
        let _ = writeln!(self.out, "{prefix}— {}", source.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Inference, Source, Statement};

    fn sample() -> Map {
        let mut map = Map::new("Handout <test> & co");
        map.add_source(Source {
            id: "src".into(),
            title: "The letter".into(),
            text: "line one\nthe quoted words here\n".into(),
            ..Source::default()
        })
        .unwrap();
        let mut thesis = Statement::new("We should act.").with_role(Role::Thesis);
        thesis.evidence.push(Evidence {
            id: "e1".into(),
            text: "quoted words".into(),
            anchor: Anchor::from_range("src", "line one\nthe quoted words here\n", 13, 25),
            ..Evidence::default()
        });
        map.add_statement("t", thesis, None, false).unwrap();
        map.add_statement("a", Statement::new("A *first* reason"), None, false)
            .unwrap();
        map.add_statement("b", Statement::new("Linked B"), None, false)
            .unwrap();
        map.add_statement("c", Statement::new("Linked C"), None, false)
            .unwrap();
        map.add_statement("u", Statement::new("An undercutter"), None, false)
            .unwrap();
        map.add_inference(
            "i1",
            Inference::new(InferenceKind::Support),
            &["a"],
            "t",
            None,
            false,
        )
        .unwrap();
        map.add_inference(
            "i2",
            Inference::new(InferenceKind::Conflict),
            &["b", "c"],
            "t",
            None,
            false,
        )
        .unwrap();
        map.add_inference(
            "i3",
            Inference::new(InferenceKind::Conflict),
            &["u"],
            "i1",
            None,
            false,
        )
        .unwrap();
        map
    }

    #[test]
    fn outline_has_reasons_objections_undercuts_and_quotes() {
        let out = export(&sample(), &MarkdownOptions::default());
        let t = &out.text;
        assert!(t.starts_with("# Handout &lt;test&gt; &amp; co\n"), "{t}");
        assert!(t.contains("## Thesis\n"), "{t}");
        assert!(t.contains("- **Reason:** A \\*first\\* reason"), "{t}");
        assert!(
            t.contains("- **Objection:** together:\n  - Linked B\n  - Linked C"),
            "{t}"
        );
        assert!(
            t.contains("  - **Undercut:** *(objects to the step above"),
            "{t}"
        );
        assert!(
            t.contains("> “quoted words”\n> — quote, *The letter*, characters 13–25, line 2"),
            "{t}"
        );
        assert_eq!(out.losses.len(), 1, "{:?}", out.losses);
    }

    #[test]
    fn multi_line_text_stays_in_its_item() {
        let mut map = Map::new("m");
        map.add_statement("t", Statement::new("T"), None, false)
            .unwrap();
        map.add_statement("a", Statement::new("one\n- two"), None, false)
            .unwrap();
        map.add_inference(
            "i",
            Inference::new(InferenceKind::Support),
            &["a"],
            "t",
            None,
            false,
        )
        .unwrap();
        let out = export(&map, &MarkdownOptions::default());
        assert!(
            out.text.contains("- **Reason:** one\n  \\- two"),
            "{}",
            out.text
        );
    }
}
