//! `argmap eval FILE [--semantics S] [--json] [--explain ID]`: evaluates a
//! map (`.argmap.json`) or an abstract framework (ICCMA `.af`, `.apx`,
//! `.tgf`) and prints labels or strengths. The JSON shape is documented in
//! the README ("How evaluation works") and kept stable.

use std::path::Path;

use serde_json::{Value, json};

use crate::eval::{self, AfFormat, Framework, Label, Method, formats, gradual};
use crate::io::native;
use crate::model::{EvalSemantics, Map, NodeData};

/// Options of `argmap eval`.
pub struct EvalArgs<'a> {
    /// The map or framework file.
    pub file: &'a Path,
    /// The semantics name, or `None` for the map's own (frameworks: grounded).
    pub semantics: Option<&'a str>,
    /// Print JSON.
    pub json: bool,
    /// Print why this node has its label (maps, label semantics).
    pub explain: Option<&'a str>,
    /// Most labellings enumerated.
    pub limit: usize,
}

/// Runs `argmap eval`; false on any error (printed to stderr).
pub fn run(args: &EvalArgs) -> bool {
    match run_inner(args) {
        Ok(out) => {
            outln!("{out}");
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

fn parse_semantics(name: &str) -> anyhow::Result<EvalSemantics> {
    EvalSemantics::parse(name).ok_or_else(|| {
        let all: Vec<&str> = EvalSemantics::ALL.iter().map(|s| s.as_str()).collect();
        anyhow::anyhow!("unknown semantics '{name}' (one of: {})", all.join(", "))
    })
}

fn run_inner(args: &EvalArgs) -> anyhow::Result<String> {
    if let Some(format) = AfFormat::from_path(args.file) {
        let text = std::fs::read_to_string(args.file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
        let af = formats::read(&text, format, Some(&args.file.display().to_string()))?;
        let sem = parse_semantics(args.semantics.unwrap_or("grounded"))?;
        return framework_report(&af, sem, args);
    }
    let loaded = native::load_file(args.file)?;
    let map = loaded.map;
    let sem = match args.semantics {
        Some(s) => parse_semantics(s)?,
        None => map.eval_inputs().options.semantics,
    };
    map_report(&map, sem, args)
}

fn label_str(l: Label) -> &'static str {
    l.as_str()
}

fn framework_report(af: &Framework, sem: EvalSemantics, args: &EvalArgs) -> anyhow::Result<String> {
    match eval::method(sem) {
        Method::Labels(s) => {
            let e = eval::enumerate(af, s, args.limit);
            let acc = eval::solve::acceptance(&e, af.len());
            let extensions: Vec<Vec<&str>> = e
                .labellings
                .iter()
                .map(|l| {
                    eval::solve::extension_of(l)
                        .into_iter()
                        .map(|a| af.name(a))
                        .collect()
                })
                .collect();
            let nodes: Vec<Value> = (0..af.len())
                .map(|a| {
                    let st = standing(&e.labellings, a);
                    json!({
                        "id": af.name(a),
                        "type": "argument",
                        "label": label_str(st),
                        "credulous": acc[a].credulous,
                        "sceptical": acc[a].sceptical,
                    })
                })
                .collect();
            if args.json {
                return Ok(serde_json::to_string_pretty(&json!({
                    "input": "framework",
                    "semantics": sem.as_str(),
                    "kind": "labels",
                    "extension_count": e.labellings.len(),
                    "truncated": e.truncated,
                    "extensions": extensions,
                    "nodes": nodes,
                    "notes": Vec::<String>::new(),
                }))?);
            }
            let mut out = format!(
                "{}: {} extension(s){}\n",
                sem.as_str(),
                e.labellings.len(),
                if e.truncated {
                    " (stopped at the limit)"
                } else {
                    ""
                }
            );
            for ext in &extensions {
                out.push_str(&format!("{{{}}}\n", ext.join(", ")));
            }
            Ok(out.trim_end().to_owned())
        }
        Method::Strengths(g) => {
            let base = 1.0;
            let s = gradual::strengths(&gradual::from_framework(af, base), g)?;
            if args.json {
                let nodes: Vec<Value> = (0..af.len())
                    .map(|a| json!({"id": af.name(a), "type": "argument", "strength": s[a]}))
                    .collect();
                return Ok(serde_json::to_string_pretty(&json!({
                    "input": "framework",
                    "semantics": sem.as_str(),
                    "kind": "strengths",
                    "nodes": nodes,
                    "notes": Vec::<String>::new(),
                }))?);
            }
            let lines: Vec<String> = (0..af.len())
                .map(|a| format!("{:.6}  {}", s[a], af.name(a)))
                .collect();
            Ok(format!("{}:\n{}", sem.as_str(), lines.join("\n")))
        }
    }
}

/// IN/OUT if so in every labelling, else UNDEC.
fn standing(ls: &[eval::Labelling], a: usize) -> Label {
    if !ls.is_empty() && ls.iter().all(|l| l[a] == Label::In) {
        Label::In
    } else if !ls.is_empty() && ls.iter().all(|l| l[a] == Label::Out) {
        Label::Out
    } else {
        Label::Undec
    }
}

fn node_type(map: &Map, id: &str) -> &'static str {
    match map.node(id).map(|n| &n.data) {
        Some(NodeData::Statement(_)) => "statement",
        Some(NodeData::Inference(i)) => i.kind.as_str(),
        None => "argument",
    }
}

fn node_text(map: &Map, id: &str) -> String {
    map.statement(id)
        .map(|s| s.label().to_owned())
        .or_else(|| map.inference(id).map(|i| i.title.clone()))
        .unwrap_or_default()
}

fn map_report(map: &Map, sem: EvalSemantics, args: &EvalArgs) -> anyhow::Result<String> {
    let ids: Vec<String> = map.nodes_sorted().iter().map(|n| n.id.clone()).collect();
    match eval::method(sem) {
        Method::Labels(s) => {
            let e = eval::evaluate(map, s);
            if let Some(id) = args.explain {
                if map.node(id).is_none() {
                    anyhow::bail!("no statement or inference '{id}'");
                }
                return match eval::explain(map, &e, id, 0, eval::explain::DEFAULT_DEPTH) {
                    Some(why) => Ok(eval::render(&why).trim_end().to_owned()),
                    None => Ok(format!(
                        "{id} has no label: {} has no extension",
                        s.as_str()
                    )),
                };
            }
            let standings = e.standings();
            let extensions: Vec<Vec<&str>> = e
                .enumeration
                .labellings
                .iter()
                .map(|l| {
                    ids.iter()
                        .filter(|id| map.statement(id).is_some())
                        .filter(|id| e.translation.arg_of(id).is_some_and(|a| l[a] == Label::In))
                        .map(String::as_str)
                        .collect()
                })
                .collect();
            if args.json {
                let nodes: Vec<Value> = ids
                    .iter()
                    .filter_map(|id| {
                        let st = standings.get(id)?;
                        Some(json!({
                            "id": id,
                            "type": node_type(map, id),
                            "text": node_text(map, id),
                            "label": st.label.as_str(),
                            "credulous": st.credulous,
                            "sceptical": st.sceptical,
                        }))
                    })
                    .collect();
                return Ok(serde_json::to_string_pretty(&json!({
                    "input": "map",
                    "semantics": sem.as_str(),
                    "kind": "labels",
                    "extension_count": e.extension_count(),
                    "truncated": e.enumeration.truncated,
                    "extensions": extensions,
                    "nodes": nodes,
                    "notes": e.translation.notes,
                }))?);
            }
            let mut counts = [0usize; 3];
            let mut lines = Vec::new();
            for id in ids.iter().filter(|id| map.statement(id).is_some()) {
                let Some(st) = standings.get(id) else {
                    continue;
                };
                counts[st.label as usize] += 1;
                lines.push(format!(
                    "{:<5} {id}  {}",
                    st.label.as_str(),
                    node_text(map, id)
                ));
            }
            Ok(format!(
                "{}: {} extension(s); statements {} IN, {} OUT, {} UNDEC\n{}",
                sem.as_str(),
                e.extension_count(),
                counts[0],
                counts[1],
                counts[2],
                lines.join("\n")
            ))
        }
        Method::Strengths(g) => {
            let s = gradual::map_strengths(map, g)?;
            if args.json {
                let nodes: Vec<Value> = ids
                    .iter()
                    .filter_map(|id| {
                        Some(json!({
                            "id": id,
                            "type": node_type(map, id),
                            "text": node_text(map, id),
                            "strength": s.get(id)?,
                        }))
                    })
                    .collect();
                return Ok(serde_json::to_string_pretty(&json!({
                    "input": "map",
                    "semantics": sem.as_str(),
                    "kind": "strengths",
                    "nodes": nodes,
                    "notes": eval::translate(map).notes,
                }))?);
            }
            let lines: Vec<String> = ids
                .iter()
                .filter(|id| map.statement(id).is_some())
                .filter_map(|id| Some(format!("{:.4}  {id}  {}", s.get(id)?, node_text(map, id))))
                .collect();
            Ok(format!("{}:\n{}", sem.as_str(), lines.join("\n")))
        }
    }
}
