//! Turns a parsed document into a [`Map`], checking every rule first so
//! that each problem is reported at its JSON path.

use std::collections::HashMap;

use super::doc::{Doc, InferenceDoc, StatementDoc};
use super::{JsonPath, SourceFiles};
use crate::io::LoadErrorKind;
use crate::model::ids::{is_valid_id, numeric_suffix};
use crate::model::tour::MAX_TOUR_NAME_BYTES;
use crate::model::{
    Fragment, Inference, Link, Map, Node, NodeData, Pos, Source, Statement, Tour, char_slice,
};

/// Longest source text accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 32 * 1024 * 1024;
/// Longest value of any other string field, in bytes.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Largest coordinate accepted.
const MAX_COORD: f32 = 1.0e7;

type Fail = (LoadErrorKind, Option<JsonPath>);
type Warnings = Vec<(String, JsonPath)>;

fn fail(kind: LoadErrorKind, path: JsonPath) -> Fail {
    (kind, Some(path))
}

/// Checks a string's length; the path is only built when it is too long.
fn check_len(value: &str, limit: usize, path: impl FnOnce() -> JsonPath) -> Result<(), Fail> {
    if value.len() > limit {
        let path = path();
        return Err(fail(
            LoadErrorKind::TooLong {
                what: path.to_string(),
                len: value.len(),
                limit,
            },
            path.clone(),
        ));
    }
    Ok(())
}

/// Where an id was declared, kept small (one per id of a big map).
#[derive(Clone, Copy, Debug)]
enum IdPlace {
    Source(usize),
    Statement(usize),
    Evidence(usize, usize),
    Inference(usize),
}

impl IdPlace {
    fn path(self) -> JsonPath {
        let root = JsonPath::root();
        match self {
            IdPlace::Source(i) => root.key("sources").index(i).key("id"),
            IdPlace::Statement(i) => root.key("statements").index(i).key("id"),
            IdPlace::Evidence(i, j) => root
                .key("statements")
                .index(i)
                .key("evidence")
                .index(j)
                .key("id"),
            IdPlace::Inference(i) => root.key("inferences").index(i).key("id"),
        }
    }

    fn is_node(self) -> bool {
        matches!(self, IdPlace::Statement(_) | IdPlace::Inference(_))
    }
}

/// Records ids as they are declared, refusing repeats and bad forms.
struct Ids(HashMap<String, IdPlace>);

impl Ids {
    fn declare(&mut self, id: &str, place: IdPlace) -> Result<(), Fail> {
        let path = || place.path();
        if !is_valid_id(id) {
            return Err(fail(
                LoadErrorKind::Invalid(format!(
                    "'{}' is not a valid id (1-64 characters of A-Z a-z 0-9 _ . : -)",
                    id.chars().take(80).collect::<String>()
                )),
                path(),
            ));
        }
        if let Some(first) = self.0.get(id) {
            return Err(fail(
                LoadErrorKind::DuplicateId {
                    id: id.to_owned(),
                    first: first.path().to_string(),
                },
                path(),
            ));
        }
        self.0.insert(id.to_owned(), place);
        Ok(())
    }
}

fn check_pos(pos: Option<Pos>, path: JsonPath) -> Result<(), Fail> {
    if let Some(p) = pos
        && !(p.x.is_finite() && p.y.is_finite() && p.x.abs() <= MAX_COORD && p.y.abs() <= MAX_COORD)
    {
        return Err(fail(
            LoadErrorKind::Invalid(format!("coordinates must lie within ±{MAX_COORD}")),
            path,
        ));
    }
    Ok(())
}

/// Builds the map, or says what is wrong and where.
pub(super) fn map_from_doc(doc: Doc, files: &dyn SourceFiles) -> Result<(Map, Warnings), Fail> {
    let root = JsonPath::root();
    let meta_path = root.key("meta");
    if doc.meta.title.trim().is_empty() {
        return Err(fail(
            LoadErrorKind::Invalid("the map needs a title".into()),
            meta_path.key("title"),
        ));
    }
    for (name, value) in [
        ("title", &doc.meta.title),
        ("description", &doc.meta.description),
        ("created", &doc.meta.created),
        ("modified", &doc.meta.modified),
    ] {
        check_len(value, MAX_FIELD_BYTES, || meta_path.key(name))?;
    }
    let mut map = Map::new(doc.meta.title.clone());
    map.set_meta(doc.meta.clone())
        .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), meta_path.clone()))?;
    let mut ids = Ids(HashMap::new());
    let mut source_chars: HashMap<String, usize> = HashMap::new();
    let mut warnings = Warnings::new();

    for (i, s) in doc.sources.into_iter().enumerate() {
        let path = root.key("sources").index(i);
        ids.declare(&s.id, IdPlace::Source(i))?;
        for (name, value) in [
            ("title", &s.title),
            ("author", &s.author),
            ("date", &s.date),
            ("url", &s.url),
        ] {
            check_len(value, MAX_FIELD_BYTES, || path.key(name))?;
        }
        let text = match (&s.path, s.text) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(fail(
                    LoadErrorKind::Schema(
                        "a source needs exactly one of \"path\" and \"text\"".into(),
                    ),
                    path,
                ));
            }
            (None, Some(text)) => text,
            (Some(p), None) => files
                .read(p)
                .map_err(|m| fail(LoadErrorKind::Io(m), path.key("path")))?,
        };
        check_len(&text, MAX_SOURCE_BYTES, || path.key("text"))?;
        source_chars.insert(s.id.clone(), text.chars().count());
        let source = Source {
            id: s.id,
            title: s.title,
            author: s.author,
            date: s.date,
            url: s.url,
            text,
            path: s.path,
        };
        map.add_source(source)
            .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), path))?;
    }

    for (i, s) in doc.statements.iter().enumerate() {
        check_statement(s, i, &mut ids, &source_chars)?;
    }
    for (i, inf) in doc.inferences.iter().enumerate() {
        ids.declare(&inf.id, IdPlace::Inference(i))?;
    }
    for (i, inf) in doc.inferences.iter().enumerate() {
        check_inference(inf, root.key("inferences").index(i), &ids)?;
    }

    let mut max_suffix = 0;
    for id in ids.0.keys() {
        if let Some(n) = numeric_suffix(id) {
            max_suffix = max_suffix.max(n);
        }
    }
    map.bump_next_id(doc.next_id.unwrap_or(0).max(max_suffix.saturating_add(1)));

    for (i, s) in doc.statements.into_iter().enumerate() {
        let path = root.key("statements").index(i);
        for (j, ev) in s.evidence.iter().enumerate() {
            if let Some(a) = &ev.anchor
                && !a.orphaned
                && let Some(src) = map.source(&a.source)
                && char_slice(&src.text, a.start, a.end) != Some(a.exact.as_str())
            {
                warnings.push((
                    format!(
                        "the quote of evidence '{}' does not match source '{}' at {}..{}",
                        ev.id, a.source, a.start, a.end
                    ),
                    path.key("evidence").index(j).key("anchor"),
                ));
            }
        }
        let statement = Statement {
            text: s.text,
            title: s.title,
            role: s.role,
            tags: s.tags,
            notes: s.notes,
            evidence: s.evidence,
        };
        map.add_statement(&s.id, statement, s.pos, s.pinned)
            .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), path))?;
    }

    // Inferences may point at each other (an undercut of an undercut), so
    // they go in together as one fragment.
    let mut fragment = Fragment {
        nodes: Vec::with_capacity(doc.inferences.len()),
        links: Vec::new(),
    };
    let evaluation = doc.evaluation;
    for inf in doc.inferences {
        for (ord, p) in inf.premises.iter().enumerate() {
            fragment
                .links
                .push((p.clone(), inf.id.clone(), Link::Premise(ord as u32)));
        }
        fragment
            .links
            .push((inf.id.clone(), inf.target.clone(), Link::Target));
        fragment.nodes.push(Node {
            id: inf.id,
            data: NodeData::Inference(Inference {
                kind: inf.kind,
                title: inf.title,
                description: inf.description,
                scheme: inf.scheme,
                roles: inf.roles,
                questions: inf.questions,
                data: inf.data,
            }),
            pos: inf.pos,
            pinned: inf.pinned,
        });
    }
    map.restore(fragment).map_err(|e| {
        fail(
            LoadErrorKind::Invalid(e.to_string()),
            root.key("inferences"),
        )
    })?;
    for (i, scheme) in doc.schemes.into_iter().enumerate() {
        let path = root.key("schemes").index(i);
        if map.embedded_scheme(&scheme.id).is_some() {
            return Err(fail(
                LoadErrorKind::Invalid(format!("scheme '{}' is defined twice", scheme.id)),
                path.key("id"),
            ));
        }
        if let Err(problem) = crate::io::schemes::check_scheme(&scheme) {
            let at = problem.path_under(&path);
            return Err(fail(LoadErrorKind::Invalid(problem.message), at));
        }
        let id = scheme.id.clone();
        map.set_embedded_scheme(&id, Some(scheme))
            .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), path))?;
    }
    set_evaluation(&mut map, evaluation)?;
    for (i, id) in doc.view.unwrap_or_default().folded.into_iter().enumerate() {
        // A fold of a node that is gone is only a view detail: drop it.
        if map.node(&id).is_some() {
            map.view_mut().folded.insert(id);
        } else {
            warnings.push((
                format!("the view folds '{id}', which is not in the map; ignored"),
                root.key("view").key("folded").index(i),
            ));
        }
    }
    add_tours(&mut map, doc.tours)?;
    for (i, conflict) in doc.conflicts.into_iter().enumerate() {
        map.insert_conflict(i, conflict);
    }
    Ok((map, warnings))
}

/// Adds the tours, naming the JSON path of any dangling node reference,
/// repeated name or malformed step.
fn add_tours(map: &mut Map, tours: Vec<Tour>) -> Result<(), Fail> {
    for (i, tour) in tours.into_iter().enumerate() {
        let path = JsonPath::root().key("tours").index(i);
        check_len(&tour.name, MAX_TOUR_NAME_BYTES, || path.key("name"))?;
        for (k, step) in tour.steps.iter().enumerate() {
            let step_path = path.key("steps").index(k);
            check_len(&step.note, MAX_FIELD_BYTES, || step_path.key("note"))?;
            for (list, ids) in [("reveal", &step.reveal), ("highlight", &step.highlight)] {
                for (j, id) in ids.iter().enumerate() {
                    if map.index_of(id).is_none() {
                        return Err(fail(
                            LoadErrorKind::Dangling(id.clone()),
                            step_path.key(list).index(j),
                        ));
                    }
                }
            }
            if let Some(f) = &step.focus
                && map.index_of(&f.node).is_none()
            {
                return Err(fail(
                    LoadErrorKind::Dangling(f.node.clone()),
                    step_path.key("focus").key("node"),
                ));
            }
            map.check_step(step)
                .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), step_path))?;
        }
        map.insert_tour(usize::MAX, tour)
            .map_err(|e| fail(LoadErrorKind::Invalid(e.to_string()), path.key("name")))?;
    }
    Ok(())
}

fn check_statement(
    s: &StatementDoc,
    i: usize,
    ids: &mut Ids,
    source_chars: &HashMap<String, usize>,
) -> Result<(), Fail> {
    ids.declare(&s.id, IdPlace::Statement(i))?;
    let path = JsonPath::root().key("statements").index(i);
    for (name, value) in [("text", &s.text), ("title", &s.title), ("notes", &s.notes)] {
        check_len(value, MAX_FIELD_BYTES, || path.key(name))?;
    }
    for (k, tag) in s.tags.iter().enumerate() {
        let tag_path = || path.key("tags").index(k);
        check_len(tag, MAX_FIELD_BYTES, tag_path)?;
        if tag.trim().is_empty() || s.tags[..k].contains(tag) {
            return Err(fail(
                LoadErrorKind::Invalid("tags must be non-empty and not repeated".into()),
                tag_path(),
            ));
        }
    }
    check_pos(s.pos, path.key("pos"))?;
    for (j, ev) in s.evidence.iter().enumerate() {
        let ev_path = path.key("evidence").index(j);
        ids.declare(&ev.id, IdPlace::Evidence(i, j))?;
        for (name, value) in [
            ("text", &ev.text),
            ("url", &ev.url),
            ("citation", &ev.citation),
            ("date", &ev.date),
            ("speaker", &ev.speaker),
        ] {
            check_len(value, MAX_FIELD_BYTES, || ev_path.key(name))?;
        }
        if let Some(a) = &ev.anchor {
            let a_path = ev_path.key("anchor");
            check_len(&a.exact, MAX_FIELD_BYTES, || a_path.key("exact"))?;
            check_len(&a.prefix, MAX_FIELD_BYTES, || a_path.key("prefix"))?;
            check_len(&a.suffix, MAX_FIELD_BYTES, || a_path.key("suffix"))?;
            let Some(&chars) = source_chars.get(&a.source) else {
                return Err(fail(
                    LoadErrorKind::Dangling(a.source.clone()),
                    a_path.key("source"),
                ));
            };
            if !a.orphaned && (a.start > a.end || a.end > chars) {
                return Err(fail(
                    LoadErrorKind::Invalid(format!(
                        "the range {}..{} lies outside source '{}' ({chars} characters)",
                        a.start, a.end, a.source
                    )),
                    a_path.key("end"),
                ));
            }
        }
    }
    Ok(())
}

fn check_inference(inf: &InferenceDoc, path: JsonPath, ids: &Ids) -> Result<(), Fail> {
    for (name, value) in [
        ("title", &inf.title),
        ("description", &inf.description),
        ("scheme", &inf.scheme),
    ] {
        check_len(value, MAX_FIELD_BYTES, || path.key(name))?;
    }
    for (key, value) in &inf.data {
        let d_path = || path.key("data").key(key);
        check_len(key, MAX_FIELD_BYTES, d_path)?;
        check_len(value, MAX_FIELD_BYTES, d_path)?;
    }
    for (role, premise) in &inf.roles {
        let r_path = || path.key("roles").key(role);
        check_len(role, MAX_FIELD_BYTES, r_path)?;
        check_len(premise, MAX_FIELD_BYTES, r_path)?;
    }
    for (question, status) in &inf.questions {
        let q_path = || path.key("questions").key(question);
        check_len(question, MAX_FIELD_BYTES, q_path)?;
        if let crate::model::QuestionStatus::Dismissed { note } = status {
            check_len(note, MAX_FIELD_BYTES, q_path)?;
        }
    }
    check_pos(inf.pos, path.key("pos"))?;
    let is_node = |id: &str| ids.0.get(id).is_some_and(|p| p.is_node());
    if inf.premises.is_empty() {
        return Err(fail(
            LoadErrorKind::Invalid(format!("inference '{}' needs at least one premise", inf.id)),
            path.key("premises"),
        ));
    }
    if inf.target.is_empty() {
        return Err(fail(
            LoadErrorKind::Invalid(format!("inference '{}' needs a target", inf.id)),
            path.key("target"),
        ));
    }
    if !is_node(&inf.target) {
        return Err(fail(
            LoadErrorKind::Dangling(inf.target.clone()),
            path.key("target"),
        ));
    }
    if inf.target == inf.id {
        return Err(fail(
            LoadErrorKind::Invalid(format!("inference '{}' targets itself", inf.id)),
            path.key("target"),
        ));
    }
    for (k, p) in inf.premises.iter().enumerate() {
        let p_path = path.key("premises").index(k);
        if !is_node(p) {
            return Err(fail(LoadErrorKind::Dangling(p.clone()), p_path));
        }
        if *p == inf.id {
            return Err(fail(
                LoadErrorKind::Invalid(format!(
                    "'{p}' cannot be a premise of '{}': it is the inference itself",
                    inf.id
                )),
                p_path,
            ));
        }
        if inf.premises[..k].contains(p) {
            return Err(fail(
                LoadErrorKind::Invalid(format!("'{p}' is listed twice as a premise")),
                p_path,
            ));
        }
    }
    Ok(())
}

/// Checks and installs the evaluation inputs: every key must be a
/// statement, every base score in `0..=1`.
fn set_evaluation(map: &mut Map, doc: super::doc::EvaluationDoc) -> Result<(), Fail> {
    let root = JsonPath::root().key("evaluation");
    let mut inputs = crate::model::EvalInputs::default();
    inputs.options.semantics = doc.semantics;
    inputs.options.unsupported_not_accepted = doc.unsupported_not_accepted;
    map.set_eval_inputs(inputs);
    for (id, value) in doc.acceptance {
        map.set_acceptance_override(&id, value).map_err(|e| {
            fail(
                LoadErrorKind::Invalid(e.to_string()),
                root.key("acceptance").key(&id),
            )
        })?;
    }
    for (id, score) in doc.base_scores {
        map.set_base_score(&id, Some(score)).map_err(|e| {
            fail(
                LoadErrorKind::Invalid(e.to_string()),
                root.key("base_scores").key(&id),
            )
        })?;
    }
    Ok(())
}
