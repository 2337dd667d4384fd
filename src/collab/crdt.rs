//! The layout of the Loro document and the two projections between it and
//! a [`Map`]: [`write_node`] writes one node's current state from the map,
//! [`read_content`] reads the whole synchronised [`Content`] back.
//!
//! Root containers (Loro maps, keyed by node id unless said otherwise):
//! - `statements`: id → map `{text: Text, title, role, notes: Text, tags,
//!   evidence}`; `tags` and `evidence` are JSON strings (the native format's
//!   shapes), the rest plain strings. Text fields are Loro text, so
//!   concurrent edits of one statement's text merge character by character;
//!   other fields are last-writer-wins each, so an edit of the title and a
//!   concurrent edit of the notes both survive.
//! - `inferences`: id → map `{kind, title, description, scheme, roles,
//!   questions, data, premises, target}`; `roles`, `questions`, `data` and `premises` are
//!   JSON strings.
//! - `positions`: id → value `{x, y, pinned}` (px, canvas coordinates; `x`
//!   and `y` absent for an unplaced pinned node). Kept apart from the content
//!   so layout churn never conflicts with content edits.
//! - `counters`: peer id (decimal) → the map's id counter on that peer; the
//!   shared counter is their maximum.
//! - `base`: `native` → the native file the map was shared from (meta,
//!   sources, tours, evaluation inputs: the parts not yet kept in step),
//!   with statement texts and notes emptied (they are in `statements`).

use std::collections::BTreeMap;

use loro::{Container, LoroDoc, LoroMap, LoroResult, LoroText, LoroValue, ValueOrContainer};

use super::LiveWarning;
use super::content::{Content, LinkedInference, NodePlacement};
use crate::model::ids::is_valid_id;
use crate::model::{Evidence, Inference, InferenceKind, Map, Pos, Role, Statement};

/// Root container of statements.
pub const STATEMENTS: &str = "statements";
/// Root container of inferences.
pub const INFERENCES: &str = "inferences";
/// Root container of placements.
pub const POSITIONS: &str = "positions";
/// Root container of per-peer id counters.
pub const COUNTERS: &str = "counters";
/// Root container of the shared native file.
pub const BASE: &str = "base";

/// Writes node `id` as it is in `map` into `doc` (deleting it there if the
/// map has no such node), touching only fields whose value changed.
pub fn write_node(doc: &LoroDoc, map: &Map, id: &str) -> LoroResult<()> {
    let statements = doc.get_map(STATEMENTS);
    let inferences = doc.get_map(INFERENCES);
    let positions = doc.get_map(POSITIONS);
    let Some(node) = map.node(id) else {
        for root in [&statements, &inferences, &positions] {
            if root.get(id).is_some() {
                root.delete(id)?;
            }
        }
        return Ok(());
    };
    if let Some(s) = node.as_statement() {
        if inferences.get(id).is_some() {
            inferences.delete(id)?;
        }
        let m = child_map(&statements, id)?;
        set_text(&m, "text", &s.text)?;
        set_str(&m, "title", &s.title)?;
        set_str(&m, "role", s.role.as_str())?;
        set_text(&m, "notes", &s.notes)?;
        set_str(&m, "tags", &json(&s.tags))?;
        set_str(&m, "evidence", &json(&s.evidence))?;
    } else if let Some(inf) = node.as_inference() {
        if statements.get(id).is_some() {
            statements.delete(id)?;
        }
        let m = child_map(&inferences, id)?;
        set_str(&m, "kind", inf.kind.as_str())?;
        set_str(&m, "title", &inf.title)?;
        set_str(&m, "description", &inf.description)?;
        set_str(&m, "scheme", &inf.scheme)?;
        set_str(&m, "roles", &json(&inf.roles))?;
        set_str(&m, "questions", &json(&inf.questions))?;
        set_str(&m, "data", &json(&inf.data))?;
        set_str(&m, "premises", &json(&map.premise_ids(id)))?;
        set_str(&m, "target", map.target_id(id).unwrap_or_default())?;
    }
    let placement = NodePlacement {
        pos: node.pos,
        pinned: node.pinned,
    };
    let current = positions.get(id).and_then(|v| match v {
        ValueOrContainer::Value(v) => parse_placement(&v),
        ValueOrContainer::Container(_) => None,
    });
    if placement.is_default() {
        if positions.get(id).is_some() {
            positions.delete(id)?;
        }
    } else if current != Some(placement) {
        positions.insert(id, placement_value(placement))?;
    }
    Ok(())
}

/// Records `next_id` as peer `peer`'s id counter.
pub fn write_counter(doc: &LoroDoc, peer: u64, next_id: u64) -> LoroResult<()> {
    let counters = doc.get_map(COUNTERS);
    let key = peer.to_string();
    let value = i64::try_from(next_id).unwrap_or(i64::MAX);
    let same = matches!(counters.get(&key), Some(ValueOrContainer::Value(LoroValue::I64(v))) if v == value);
    if !same {
        counters.insert(&key, value)?;
    }
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn child_map(parent: &LoroMap, key: &str) -> LoroResult<LoroMap> {
    match parent.get(key) {
        Some(ValueOrContainer::Container(Container::Map(m))) => Ok(m),
        _ => parent.insert_container(key, LoroMap::new()),
    }
}

fn set_str(m: &LoroMap, key: &str, value: &str) -> LoroResult<()> {
    let same = matches!(m.get(key), Some(ValueOrContainer::Value(LoroValue::String(s))) if s.as_str() == value);
    if !same {
        m.insert(key, value)?;
    }
    Ok(())
}

fn set_text(m: &LoroMap, key: &str, value: &str) -> LoroResult<()> {
    let text = match m.get(key) {
        Some(ValueOrContainer::Container(Container::Text(t))) => t,
        _ => m.insert_container(key, LoroText::new())?,
    };
    if text.to_string() != value && text.update(value, Default::default()).is_err() {
        text.delete(0, text.len_unicode())?;
        text.insert(0, value)?;
    }
    Ok(())
}

fn placement_value(p: NodePlacement) -> LoroValue {
    let mut fields: Vec<(String, LoroValue)> = vec![("pinned".to_owned(), p.pinned.into())];
    if let Some(pos) = p.pos {
        fields.push(("x".to_owned(), f64::from(pos.x).into()));
        fields.push(("y".to_owned(), f64::from(pos.y).into()));
    }
    LoroValue::Map(fields.into())
}

fn parse_placement(v: &LoroValue) -> Option<NodePlacement> {
    let LoroValue::Map(m) = v else { return None };
    let pinned = match m.get("pinned") {
        Some(LoroValue::Bool(b)) => *b,
        _ => return None,
    };
    let num = |k: &str| match m.get(k) {
        Some(LoroValue::Double(d)) if d.is_finite() => Some(*d as f32),
        _ => None,
    };
    let pos = match (num("x"), num("y")) {
        (Some(x), Some(y)) => Some(Pos::new(x, y)),
        _ => None,
    };
    Some(NodePlacement { pos, pinned })
}

/// Reads fields of one entity, collecting a warning for each malformed one.
struct Fields<'a> {
    map: &'a BTreeMap<String, LoroValue>,
    id: &'a str,
    warnings: &'a mut Vec<LiveWarning>,
}

impl Fields<'_> {
    fn malformed(&mut self, field: &str) {
        self.warnings.push(LiveWarning::Malformed {
            id: self.id.to_owned(),
            field: field.to_owned(),
        });
    }

    fn string(&mut self, field: &str) -> String {
        match self.map.get(field) {
            Some(LoroValue::String(s)) => s.to_string(),
            _ => {
                self.malformed(field);
                String::new()
            }
        }
    }

    fn json<T: serde::de::DeserializeOwned + Default>(&mut self, field: &str) -> T {
        let text = self.string(field);
        match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(_) => {
                if !text.is_empty() {
                    self.malformed(field);
                }
                T::default()
            }
        }
    }
}

fn entities(
    doc: &LoroDoc,
    root: &str,
    warnings: &mut Vec<LiveWarning>,
) -> Vec<(String, BTreeMap<String, LoroValue>)> {
    let LoroValue::Map(all) = doc.get_map(root).get_deep_value() else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(all.len());
    for (id, value) in all.iter() {
        if let Some(fields) = entity_fields(id, value, root, warnings) {
            out.push((id.clone(), fields));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The fields of entity `id` under `root`, or `None` (with a warning)
/// when its value is not a map or its id is not a valid id.
fn entity_fields(
    id: &str,
    value: &LoroValue,
    root: &str,
    warnings: &mut Vec<LiveWarning>,
) -> Option<BTreeMap<String, LoroValue>> {
    match value {
        LoroValue::Map(fields) if is_valid_id(id) => {
            Some(fields.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        _ => {
            warnings.push(LiveWarning::Malformed {
                id: id.to_owned(),
                field: root.to_owned(),
            });
            None
        }
    }
}

/// The value stored under `id` in root map `root`, deep (containers read
/// as values); `None` when there is none.
fn deep_entry(doc: &LoroDoc, root: &str, id: &str) -> Option<LoroValue> {
    doc.get_map(root).get(id).map(|v| v.get_deep_value())
}

fn statement_from(
    id: &str,
    map: &BTreeMap<String, LoroValue>,
    warnings: &mut Vec<LiveWarning>,
) -> Statement {
    let mut f = Fields { map, id, warnings };
    let role_name = f.string("role");
    let role = Role::parse(&role_name).unwrap_or_else(|| {
        f.malformed("role");
        Role::default()
    });
    Statement {
        text: f.string("text"),
        title: f.string("title"),
        role,
        notes: f.string("notes"),
        tags: f.json::<Vec<String>>("tags"),
        evidence: f.json::<Vec<Evidence>>("evidence"),
    }
}

fn inference_from(
    id: &str,
    map: &BTreeMap<String, LoroValue>,
    warnings: &mut Vec<LiveWarning>,
) -> LinkedInference {
    let mut f = Fields { map, id, warnings };
    let kind_name = f.string("kind");
    let kind = InferenceKind::parse(&kind_name).unwrap_or_else(|| {
        f.malformed("kind");
        InferenceKind::default()
    });
    let inference = Inference {
        kind,
        title: f.string("title"),
        description: f.string("description"),
        scheme: f.string("scheme"),
        roles: f.json("roles"),
        questions: f.json("questions"),
        data: f.json("data"),
    };
    LinkedInference {
        inference,
        premises: f.json("premises"),
        target: f.string("target"),
    }
}

/// A stored placement, `None` when it is the default; a warning when it
/// is malformed.
fn placement_from(
    id: &str,
    value: &LoroValue,
    warnings: &mut Vec<LiveWarning>,
) -> Option<NodePlacement> {
    match parse_placement(value) {
        Some(p) if !p.is_default() => Some(p),
        Some(_) => None,
        None => {
            warnings.push(LiveWarning::Malformed {
                id: id.to_owned(),
                field: POSITIONS.to_owned(),
            });
            None
        }
    }
}

/// What the document holds for one id, unrepaired: the statement, the
/// inference and the placement stored under it (each `None` when absent or
/// unreadable), as [`read_content`] reads them.
#[derive(Debug, Default)]
pub struct Entry {
    /// Under `statements`.
    pub statement: Option<Statement>,
    /// Under `inferences`.
    pub inference: Option<LinkedInference>,
    /// Under `positions` (non-default only).
    pub placement: Option<NodePlacement>,
}

/// Reads everything stored under `id` (a statement, an inference, a
/// placement), with a warning per malformed field, exactly as
/// [`read_content`] reads that id. Cost: that entity only.
pub fn read_entry(doc: &LoroDoc, id: &str, warnings: &mut Vec<LiveWarning>) -> Entry {
    let statement = deep_entry(doc, STATEMENTS, id)
        .and_then(|v| entity_fields(id, &v, STATEMENTS, warnings))
        .map(|fields| statement_from(id, &fields, warnings));
    let inference = deep_entry(doc, INFERENCES, id)
        .and_then(|v| entity_fields(id, &v, INFERENCES, warnings))
        .map(|fields| inference_from(id, &fields, warnings));
    let placement = deep_entry(doc, POSITIONS, id).and_then(|v| placement_from(id, &v, warnings));
    Entry {
        statement,
        inference,
        placement,
    }
}

/// The shared id counter: the largest of the peers' counters.
pub fn read_counter(doc: &LoroDoc) -> u64 {
    let mut next_id = 0;
    if let LoroValue::Map(all) = doc.get_map(COUNTERS).get_deep_value() {
        for value in all.values() {
            if let LoroValue::I64(v) = value {
                next_id = next_id.max(u64::try_from(*v).unwrap_or(0));
            }
        }
    }
    next_id
}

/// Reads the synchronised content from `doc`, unrepaired. Malformed
/// entries (wrong types, bad JSON, invalid ids) are read as far as they go
/// and reported; nothing here panics on any document.
pub fn read_content(doc: &LoroDoc) -> (Content, Vec<LiveWarning>) {
    let mut warnings = Vec::new();
    let mut content = Content::default();
    for (id, map) in entities(doc, STATEMENTS, &mut warnings) {
        let statement = statement_from(&id, &map, &mut warnings);
        content.statements.insert(id, statement);
    }
    for (id, map) in entities(doc, INFERENCES, &mut warnings) {
        let linked = inference_from(&id, &map, &mut warnings);
        content.inferences.insert(id, linked);
    }
    if let LoroValue::Map(all) = doc.get_map(POSITIONS).get_deep_value() {
        for (id, value) in all.iter() {
            if let Some(p) = placement_from(id, value, &mut warnings) {
                content.placements.insert(id.clone(), p);
            }
        }
    }
    content.next_id = read_counter(doc);
    warnings.sort_by_key(|w| w.to_string());
    (content, warnings)
}

/// Stores the native file `text` the map was shared from.
pub fn write_base(doc: &LoroDoc, text: &str) -> LoroResult<()> {
    doc.get_map(BASE).insert("native", text)
}

/// The native file the map was shared from, if the document has one.
pub fn read_base(doc: &LoroDoc) -> Option<String> {
    match doc.get_map(BASE).get("native") {
        Some(ValueOrContainer::Value(LoroValue::String(s))) => Some(s.to_string()),
        _ => None,
    }
}
