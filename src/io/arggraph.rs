//! Import of the argument-graph XML of the argumentative microtext corpus
//! (Peldszus and Stede, "An annotated corpus of argumentative
//! microtexts", 2016; the `arggraph` DTD of the corpus' `arggraph.dtd`).
//!
//! - `<edu id>` elements hold the text, in order; their texts joined by
//!   single spaces are the map's **source** document.
//! - `<adu id type="pro|opp">` are the statements; an ADU's text is that of
//!   the EDUs segmented into it (`seg` edges, EDU → ADU), in text order.
//!   Each statement gets a quote evidence item anchored at its words in
//!   the source, and the tag `proponent` or `opponent`.
//! - `<edge id src trg type>` between ADUs: `sup` a support, `exa` a
//!   support with the scheme `example`, `reb` a conflict (rebuttal). `und`
//!   (undercut) aims at another edge: a conflict whose target is that
//!   edge's inference. `add` adds its ADU as a linked co-premise to the
//!   inference of the edge it names.
//! - The map's title is the `topic_id` (or the graph `id`); a `stance`
//!   goes to the description.
//!
//! Problems (an edge to nothing, an unknown type) are warnings with the
//! line of the element; XML that is not well-formed, or has no
//! `<arggraph>`, is an error.

use std::collections::HashMap;

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{
    Anchor, Basis, Evidence, Inference, InferenceKind, Map, MapMeta, Source, Statement,
    ids::is_valid_id,
};

/// Files larger than this are refused, in bytes.
pub const MAX_ARGGRAPH_BYTES: usize = 64 * 1024 * 1024;
/// Id of the source document the EDUs make.
pub const SOURCE_ID: &str = "src1";

/// Whether `text` looks like an arggraph document (its root element).
pub fn looks_like_arggraph(text: &str) -> bool {
    let head: String = text.chars().take(2000).collect();
    head.contains("<arggraph")
}

struct Edge {
    id: String,
    src: String,
    trg: String,
    kind: String,
    line: usize,
}

/// Imports arggraph XML `text`.
///
/// # Errors
/// [`LoadErrorKind::TooLarge`]; [`LoadErrorKind::Syntax`] for XML that is
/// not well-formed; [`LoadErrorKind::Invalid`] without an `<arggraph>`.
pub fn import(text: &str) -> Result<Loaded, LoadError> {
    let doc = super::xml::parse(text, MAX_ARGGRAPH_BYTES)?;
    let root = doc.root_element();
    if !root.has_tag_name("arggraph") {
        return Err(LoadError::new(LoadErrorKind::Invalid(format!(
            "expected an <arggraph> root element, found <{}>",
            root.tag_name().name()
        ))));
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of =
        |n: roxmltree::Node<'_, '_>| line_starts.partition_point(|&s| s <= n.range().start);
    let mut warnings = Vec::new();
    let warn = |warnings: &mut Vec<Warning>, line: usize, message: String| {
        warnings.push(Warning {
            at: Some(Location {
                line: Some(line),
                ..Location::default()
            }),
            message,
        });
    };
    // The source: EDU texts in order, with each EDU's char range.
    let mut source = String::new();
    let mut edu_range: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut adus: Vec<(String, String, usize)> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    for (order, el) in root.children().filter(|c| c.is_element()).enumerate() {
        let id = el.attribute("id").unwrap_or("").to_owned();
        match el.tag_name().name() {
            "edu" => {
                let t: String = el
                    .descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect();
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !source.is_empty() {
                    source.push(' ');
                }
                let start = source.chars().count();
                source.push_str(&t);
                edu_range.insert(id, (start, start + t.chars().count(), order));
            }
            "adu" => adus.push((
                id,
                el.attribute("type").unwrap_or("").to_owned(),
                line_of(el),
            )),
            "edge" => edges.push(Edge {
                id,
                src: el.attribute("src").unwrap_or("").to_owned(),
                trg: el.attribute("trg").unwrap_or("").to_owned(),
                kind: el.attribute("type").unwrap_or("").to_owned(),
                line: line_of(el),
            }),
            other => warn(
                &mut warnings,
                line_of(el),
                format!("<{other}> is not part of the arggraph format; ignored"),
            ),
        }
    }
    let mut map = Map::new(
        root.attribute("topic_id")
            .or_else(|| root.attribute("id"))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("Imported microtext")
            .replace('_', " "),
    );
    let mut meta = MapMeta {
        title: map.meta().title.clone(),
        ..MapMeta::default()
    };
    if let Some(stance) = root.attribute("stance") {
        meta.description = format!("Stance: {stance}");
    }
    let _ = map.set_meta(meta);
    let has_source = !source.is_empty();
    if has_source {
        let src = Source {
            id: SOURCE_ID.into(),
            title: root.attribute("id").unwrap_or("microtext").to_owned(),
            text: source.clone(),
            ..Source::default()
        };
        if let Err(e) = map.add_source(src) {
            warn(
                &mut warnings,
                1,
                format!("the source text is not kept: {e}"),
            );
        }
    }
    // ADU → its EDUs in text order.
    let mut segments: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
    for e in edges.iter().filter(|e| e.kind == "seg") {
        match edu_range.get(&e.src) {
            Some(&r) => segments.entry(e.trg.as_str()).or_default().push(r),
            None => warn(
                &mut warnings,
                e.line,
                format!("segment edge '{}' starts at no EDU '{}'", e.id, e.src),
            ),
        }
    }
    // ADU id → map id.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut next_ev = 1;
    for (adu, kind, line) in &adus {
        let mut parts = segments.remove(adu.as_str()).unwrap_or_default();
        parts.sort_by_key(|&(_, _, order)| order);
        if parts.is_empty() {
            warn(
                &mut warnings,
                *line,
                format!("ADU '{adu}' has no text (no seg edge); skipped"),
            );
            continue;
        }
        let chars: Vec<char> = source.chars().collect();
        let text = parts
            .iter()
            .map(|&(s, e, _)| chars[s..e].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let tag = match kind.as_str() {
            "pro" => Some("proponent"),
            "opp" => Some("opponent"),
            _ => None,
        };
        let mut evidence = Vec::new();
        let (first, last) = (parts[0].0, parts[parts.len() - 1].1);
        if has_source && let Some(anchor) = Anchor::from_range(SOURCE_ID, &source, first, last) {
            evidence.push(Evidence {
                id: format!("e{next_ev}"),
                basis: Basis::Quote,
                text: anchor.exact.clone(),
                anchor: Some(anchor),
                ..Evidence::default()
            });
            next_ev += 1;
        }
        let id = if is_valid_id(adu) && !map.is_id_used(adu) {
            adu.clone()
        } else {
            map.allocate_id(crate::model::ids::IdKind::Statement)
        };
        let st = Statement {
            text,
            tags: tag.into_iter().map(str::to_owned).collect(),
            evidence,
            ..Statement::default()
        };
        match map.add_statement(&id, st, None, false) {
            Ok(_) => {
                ids.insert(adu.clone(), id);
            }
            Err(e) => warn(&mut warnings, *line, format!("ADU '{adu}' not kept: {e}")),
        }
    }
    // Edges between ADUs first, then `add` premises, then undercuts (which
    // may aim at undercuts), until nothing more can be placed.
    let mut pending: Vec<&Edge> = edges.iter().filter(|e| e.kind != "seg").collect();
    let mut progress = true;
    while progress && !pending.is_empty() {
        progress = false;
        let mut later = Vec::new();
        for e in pending {
            let placed = match e.kind.as_str() {
                "sup" | "exa" | "reb" => {
                    let (Some(p), Some(t)) = (ids.get(&e.src).cloned(), ids.get(&e.trg).cloned())
                    else {
                        warn(
                            &mut warnings,
                            e.line,
                            format!("edge '{}' joins an unknown ADU; skipped", e.id),
                        );
                        progress = true;
                        continue;
                    };
                    let inference = Inference {
                        kind: if e.kind == "reb" {
                            InferenceKind::Conflict
                        } else {
                            InferenceKind::Support
                        },
                        scheme: if e.kind == "exa" {
                            "example".into()
                        } else {
                            String::new()
                        },
                        ..Inference::default()
                    };
                    add_edge_inference(&mut map, &mut ids, e, inference, p, t, &mut warnings)
                }
                "und" => match (ids.get(&e.src).cloned(), ids.get(&e.trg).cloned()) {
                    (Some(p), Some(t)) if map.inference(&t).is_some() => {
                        let inference = Inference::new(InferenceKind::Conflict);
                        add_edge_inference(&mut map, &mut ids, e, inference, p, t, &mut warnings)
                    }
                    _ => false,
                },
                "add" => match (ids.get(&e.src), ids.get(&e.trg)) {
                    (Some(p), Some(t)) if map.inference(t).is_some() => {
                        if let Err(err) = map.add_premise(t, p) {
                            warn(
                                &mut warnings,
                                e.line,
                                format!("edge '{}' not kept: {err}", e.id),
                            );
                        }
                        true
                    }
                    _ => false,
                },
                other => {
                    warn(
                        &mut warnings,
                        e.line,
                        format!("edge '{}' has the unknown type '{other}'; skipped", e.id),
                    );
                    true
                }
            };
            if placed {
                progress = true;
            } else {
                later.push(e);
            }
        }
        pending = later;
    }
    for e in pending {
        warn(
            &mut warnings,
            e.line,
            format!(
                "edge '{}' ({}) aims at nothing that exists; skipped",
                e.id, e.kind
            ),
        );
    }
    Ok(Loaded { map, warnings })
}

/// Adds the inference for edge `e` and records it under the edge's id.
fn add_edge_inference(
    map: &mut Map,
    ids: &mut HashMap<String, String>,
    e: &Edge,
    inference: Inference,
    premise: String,
    target: String,
    warnings: &mut Vec<Warning>,
) -> bool {
    let id = if is_valid_id(&e.id) && !map.is_id_used(&e.id) {
        e.id.clone()
    } else {
        map.allocate_id(crate::model::ids::IdKind::Inference)
    };
    match map.add_inference(&id, inference, &[&premise], &target, None, false) {
        Ok(_) => {
            ids.insert(e.id.clone(), id);
        }
        Err(err) => warnings.push(Warning {
            at: Some(Location {
                line: Some(e.line),
                ..Location::default()
            }),
            message: format!("edge '{}' not kept: {err}", e.id),
        }),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const MICRO: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t01" topic_id="ferry_all_year" stance="pro">
  <edu id="e1"><![CDATA[The ferry should run all year,]]></edu>
  <edu id="e2"><![CDATA[because islanders need it in winter.]]></edu>
  <edu id="e3"><![CDATA[Admittedly, winter crossings lose money.]]></edu>
  <edu id="e4"><![CDATA[But the council can cover that,]]></edu>
  <edu id="e5"><![CDATA[since tourism taxes rose.]]></edu>
  <edu id="e6"><![CDATA[Other islands do it, for example Fenno.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="opp"/>
  <adu id="a4" type="pro"/>
  <adu id="a5" type="pro"/>
  <adu id="a6" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="e4" trg="a4" type="seg"/>
  <edge id="c5" src="e5" trg="a5" type="seg"/>
  <edge id="c6" src="e6" trg="a6" type="seg"/>
  <edge id="c7" src="a2" trg="a1" type="sup"/>
  <edge id="c8" src="a3" trg="a1" type="reb"/>
  <edge id="c9" src="a4" trg="c8" type="und"/>
  <edge id="c10" src="a5" trg="c9" type="add"/>
  <edge id="c11" src="a6" trg="a1" type="exa"/>
  <edge id="c12" src="a9" trg="a1" type="sup"/>
</arggraph>"#;

    #[test]
    fn adus_edges_roles_and_source() {
        let l = import(MICRO).unwrap();
        let m = &l.map;
        assert_eq!(m.meta().title, "ferry all year");
        assert_eq!(m.statement_count(), 6);
        let a1 = m.statement("a1").unwrap();
        assert_eq!(a1.text, "The ferry should run all year,");
        assert_eq!(a1.tags, ["proponent"]);
        assert_eq!(m.statement("a3").unwrap().tags, ["opponent"]);
        // Each quote is anchored at its words in the source.
        let src = m.source(SOURCE_ID).unwrap();
        let anchor = a1.evidence[0].anchor.as_ref().unwrap();
        assert_eq!(
            anchor.slice(&src.text),
            Some("The ferry should run all year,")
        );
        assert_eq!(m.inference("c7").unwrap().kind, InferenceKind::Support);
        assert_eq!(m.inference("c8").unwrap().kind, InferenceKind::Conflict);
        assert_eq!(m.inference("c11").unwrap().scheme, "example");
        // The undercut aims at the rebuttal's inference, with a linked
        // additional premise.
        assert_eq!(m.target_id("c9"), Some("c8"));
        assert_eq!(m.premise_ids("c9"), ["a4", "a5"]);
        let w = l
            .warnings
            .iter()
            .find(|w| w.message.contains("c12"))
            .unwrap();
        assert_eq!(w.at.as_ref().unwrap().line, Some(26));
    }

    #[test]
    fn broken_files() {
        assert!(import("<arggraph>").is_err());
        assert!(import("<graphml/>").is_err());
        let l = import("<arggraph><adu id=\"a\"/><edge id=\"x\" src=\"a\" trg=\"zz\" type=\"und\"/></arggraph>").unwrap();
        assert_eq!(l.map.statement_count(), 0);
        assert_eq!(l.warnings.len(), 2);
        assert!(looks_like_arggraph(MICRO));
    }
}
