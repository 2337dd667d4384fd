//! [`Command`]: every change to a map, as a value, and [`apply`], the one
//! place where commands change a map. Applying a command returns its
//! inverse, so undo never copies the map: its cost follows the size of the
//! edit, not of the map.

use crate::model::{
    AcceptanceOverride, Anchor, Camera, EvalOptions, Evidence, Focus, Fragment, IdKind, Inference,
    InferenceKind, Map, MapMeta, MergeConflict, ModelError, Overlay, Pos, QuestionStatus, Role,
    Scheme, Source, Statement, StepRef, Tour, TourStep,
};

/// One field of a statement to replace.
#[derive(Clone, Debug, PartialEq)]
pub enum StatementField {
    /// The statement text.
    Text(String),
    /// The short title.
    Title(String),
    /// The role hint.
    Role(Role),
    /// The analyst's notes.
    Notes(String),
    /// The whole tag list.
    Tags(Vec<String>),
}

/// One field of a tour step to replace.
#[derive(Clone, Debug, PartialEq)]
pub enum StepField {
    /// The nodes the step reveals.
    Reveal(Vec<String>),
    /// The nodes the step highlights.
    Highlight(Vec<String>),
    /// The focus node and hop depth.
    Focus(Option<Focus>),
    /// What the camera fits.
    Camera(Camera),
    /// The speaker note.
    Note(String),
    /// The overlay switched on.
    Overlay(Option<Overlay>),
}

impl StepField {
    fn name(&self) -> &'static str {
        match self {
            StepField::Reveal(_) => "reveal",
            StepField::Highlight(_) => "highlight",
            StepField::Focus(_) => "focus",
            StepField::Camera(_) => "camera",
            StepField::Note(_) => "note",
            StepField::Overlay(_) => "overlay",
        }
    }

    /// Puts this value into `step`, returning the field's old value.
    fn swap_into(self, step: &mut TourStep) -> StepField {
        use std::mem::replace;
        match self {
            StepField::Reveal(v) => StepField::Reveal(replace(&mut step.reveal, v)),
            StepField::Highlight(v) => StepField::Highlight(replace(&mut step.highlight, v)),
            StepField::Focus(v) => StepField::Focus(replace(&mut step.focus, v)),
            StepField::Camera(v) => StepField::Camera(replace(&mut step.camera, v)),
            StepField::Note(v) => StepField::Note(replace(&mut step.note, v)),
            StepField::Overlay(v) => StepField::Overlay(replace(&mut step.overlay, v)),
        }
    }
}

/// Where one node sits and whether it is pinned.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// The node.
    pub id: String,
    /// Its position, if placed.
    pub pos: Option<Pos>,
    /// Whether auto-layout must leave it alone.
    pub pinned: bool,
}

/// An edit of a map. Build one, hand it to [`apply`] (or to
/// [`super::History::apply`] to make it undoable).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a statement. With `id: None` a fresh id is allocated; evidence
    /// items with an empty id get fresh ids too.
    AddStatement {
        /// The id to use, or `None` for a fresh one.
        id: Option<String>,
        /// The statement.
        statement: Statement,
        /// Where it goes on the canvas.
        pos: Option<Pos>,
    },
    /// Replace one field of a statement.
    EditStatement {
        /// The statement.
        id: String,
        /// The field and its new value.
        field: StatementField,
    },
    /// Add or remove one tag on a statement.
    Tag {
        /// The statement.
        id: String,
        /// The tag.
        tag: String,
        /// `true` to add it, `false` to remove it.
        on: bool,
    },
    /// Connect premises to a target through a new inference node: support,
    /// attack (conflict on a statement), undercut (conflict on an inference)
    /// or rephrase.
    Connect {
        /// The id of the new inference, or `None` for a fresh one.
        id: Option<String>,
        /// Title, description, scheme and kind of the new inference.
        inference: Inference,
        /// The premises, in co-premise order.
        premises: Vec<String>,
        /// What the inference concludes or attacks.
        target: String,
    },
    /// Add a linked co-premise to an inference.
    AddPremise {
        /// The inference.
        inference: String,
        /// The new co-premise.
        premise: String,
    },
    /// Take a premise off an inference that has others.
    RemovePremise {
        /// The inference.
        inference: String,
        /// The premise to take off.
        premise: String,
    },
    /// Replace an inference's kind, title, description and scheme.
    EditInference {
        /// The inference.
        id: String,
        /// The new details.
        inference: Inference,
    },
    /// Remove statements or inferences (disconnecting is removing an
    /// inference), with everything that cannot stand without them.
    Remove {
        /// The nodes to remove.
        ids: Vec<String>,
    },
    /// Put back what a [`Command::Remove`] took away.
    Restore(Fragment),
    /// Move nodes by hand; moved nodes become pinned.
    Move {
        /// New positions.
        moves: Vec<(String, Pos)>,
    },
    /// Pin or unpin nodes.
    SetPinned {
        /// The nodes.
        ids: Vec<String>,
        /// The new state.
        pinned: bool,
    },
    /// Set exact placements (what undoing a move or a pin gives back).
    Place(Vec<Placement>),
    /// Add evidence to a statement. An empty `evidence.id` gets a fresh id.
    AddEvidence {
        /// The statement.
        statement: String,
        /// Where in its list; `None` for the end.
        index: Option<usize>,
        /// The item.
        evidence: Evidence,
    },
    /// Replace the evidence item with the same id.
    EditEvidence(Evidence),
    /// Remove an evidence item.
    RemoveEvidence {
        /// Its id.
        id: String,
    },
    /// Add a source document. An empty id gets a fresh one.
    AddSource(Source),
    /// Replace the source with the same id.
    EditSource(Source),
    /// Replace a source's text and re-find every anchor on it (see
    /// [`crate::model::anchoring`]): moved quotes follow, changed ones are
    /// re-anchored fuzzily, lost ones are marked orphaned. When the text
    /// changes the source's `path` becomes `None`, since the file no longer
    /// matches. One undoable step; its inverse is a
    /// [`Command::ReplaceSourceText`] that restores the old text, path and
    /// anchors exactly.
    SetSourceText {
        /// The source.
        id: String,
        /// Its new text.
        text: String,
    },
    /// Set a source's text and path and the given evidence anchors exactly,
    /// without re-anchoring (what undoing [`Command::SetSourceText`] does).
    ReplaceSourceText {
        /// The source.
        id: String,
        /// Its text.
        text: String,
        /// Its path.
        path: Option<String>,
        /// New anchors, by evidence id.
        anchors: Vec<(String, Anchor)>,
    },
    /// Remove a source that no evidence quotes.
    RemoveSource {
        /// Its id.
        id: String,
    },
    /// Give an inference a scheme (an id, or a verbatim name; empty for
    /// none). Changing the scheme clears the role bindings and question
    /// statuses, which belonged to the old one. With a `definition` (a
    /// scheme from a catalogue other than the bundled one) the map keeps a
    /// copy of it, so the file opens anywhere.
    SetScheme {
        /// The inference.
        inference: String,
        /// The scheme reference.
        scheme: String,
        /// A definition to keep in the map under the scheme's id.
        definition: Option<Box<Scheme>>,
    },
    /// Bind one of an inference's premises to a role of its scheme, or
    /// unbind the role with `None`.
    BindRole {
        /// The inference.
        inference: String,
        /// The role id.
        role: String,
        /// The premise, or `None` to unbind.
        premise: Option<String>,
    },
    /// Set the status of one critical question of an inference.
    SetQuestion {
        /// The inference.
        inference: String,
        /// The question id.
        question: String,
        /// The new status.
        status: QuestionStatus,
    },
    /// Keep (`Some`) or drop (`None`) a scheme definition in the map.
    EmbedScheme {
        /// The scheme id.
        id: String,
        /// The definition, or `None` to drop it.
        definition: Option<Box<Scheme>>,
    },
    /// Replace title, description and authorship.
    SetMeta(MapMeta),
    /// Set a statement's acceptance override (an evaluation input).
    SetAcceptance {
        /// The statement.
        id: String,
        /// The override; `Default` removes it.
        value: AcceptanceOverride,
    },
    /// Set a statement's base score for gradual semantics.
    SetBaseScore {
        /// The statement.
        id: String,
        /// The score in `0.0..=1.0`, or `None` for the default 0.5.
        score: Option<f64>,
    },
    /// Set the map's evaluation semantics and global option.
    SetEvalOptions(EvalOptions),
    /// Add a tour (its name must be new, its steps valid).
    AddTour {
        /// Where in the list of tours; `None` for the end.
        index: Option<usize>,
        /// The tour, steps and all.
        tour: Tour,
    },
    /// Rename a tour.
    RenameTour {
        /// Its name.
        from: String,
        /// Its new name, not used by another tour.
        to: String,
    },
    /// Delete a tour with all its steps.
    DeleteTour {
        /// Its name.
        name: String,
    },
    /// Add a step to a tour (for example [`TourStep::revealing`] the
    /// current selection).
    AddStep {
        /// The tour's name.
        tour: String,
        /// Where; `None` for the end.
        index: Option<usize>,
        /// The step.
        step: TourStep,
    },
    /// Move a step so that it ends up at index `to`.
    MoveStep {
        /// The tour's name.
        tour: String,
        /// The step's index now.
        from: usize,
        /// Its index afterwards.
        to: usize,
    },
    /// Delete a step.
    DeleteStep {
        /// The tour's name.
        tour: String,
        /// The step's index.
        index: usize,
    },
    /// Replace one field of a step.
    EditStep {
        /// The tour's name.
        tour: String,
        /// The step's index.
        index: usize,
        /// The field and its new value.
        field: StepField,
    },
    /// Replace a whole step (what undoing the removal of nodes named in
    /// steps gives back).
    ReplaceStep {
        /// The tour's name.
        tour: String,
        /// The step's index.
        index: usize,
        /// The step.
        step: TourStep,
    },
    /// Take the merge conflict at `index` off the map's list (the record
    /// only; [`super::conflicts::resolve`] batches it with the edit that
    /// settles the field).
    DropConflict {
        /// Its index in [`Map::conflicts`].
        index: usize,
    },
    /// Put a merge conflict back at `index` (what undoing
    /// [`Command::DropConflict`] does).
    PutConflict {
        /// Where in the list.
        index: usize,
        /// The record.
        conflict: Box<MergeConflict>,
    },
    /// Several commands as one step; all or nothing.
    Batch(Vec<Command>),
}

impl Command {
    /// A command that sets only the map's title.
    pub fn retitle(map: &Map, title: impl Into<String>) -> Command {
        Command::SetMeta(MapMeta {
            title: title.into(),
            ..map.meta().clone()
        })
    }

    /// A support from `premises` to `target`.
    pub fn support(premises: Vec<String>, target: impl Into<String>) -> Command {
        Command::connect(InferenceKind::Support, premises, target)
    }

    /// An attack from `premises` on `target`: a rebuttal when the target is
    /// a statement, an undercut when it is an inference.
    pub fn attack(premises: Vec<String>, target: impl Into<String>) -> Command {
        Command::connect(InferenceKind::Conflict, premises, target)
    }

    /// A new inference of `kind` with fresh id.
    pub fn connect(
        kind: InferenceKind,
        premises: Vec<String>,
        target: impl Into<String>,
    ) -> Command {
        Command::Connect {
            id: None,
            inference: Inference::new(kind),
            premises,
            target: target.into(),
        }
    }

    /// What this command changes, when a later command with the same
    /// signature can merge into the same undo step: one node's position,
    /// one field of one statement, one evidence item, one inference, the
    /// map's details. `None` for commands that never merge.
    pub fn merge_signature(&self) -> Option<String> {
        Some(match self {
            Command::Move { moves } => {
                let mut ids: Vec<&str> = moves.iter().map(|(id, _)| id.as_str()).collect();
                ids.sort_unstable();
                format!("move:{}", ids.join(","))
            }
            Command::EditStatement { id, field } => {
                let field = match field {
                    StatementField::Text(_) => "text",
                    StatementField::Title(_) => "title",
                    StatementField::Role(_) => "role",
                    StatementField::Notes(_) => "notes",
                    StatementField::Tags(_) => "tags",
                };
                format!("statement:{id}:{field}")
            }
            Command::EditEvidence(ev) => format!("evidence:{}", ev.id),
            Command::EditInference { id, .. } => format!("inference:{id}"),
            // Typing a scheme name: one undo step, back to the first scheme.
            Command::SetScheme {
                inference,
                definition: None,
                ..
            } => format!("scheme:{inference}"),
            Command::EditSource(source) => format!("source:{}", source.id),
            Command::SetSourceText { id, .. } => format!("source-text:{id}"),
            Command::SetMeta(_) => "meta".to_owned(),
            Command::SetBaseScore { id, .. } => format!("base-score:{id}"),
            Command::EditStep { tour, index, field } => {
                format!("step:{tour}:{index}:{}", field.name())
            }
            _ => return None,
        })
    }

    /// A short human description, for the undo menu and messages.
    pub fn describe(&self) -> String {
        match self {
            Command::AddStatement { .. } => "add statement".into(),
            Command::EditStatement { field, .. } => match field {
                StatementField::Text(_) => "edit text".into(),
                StatementField::Title(_) => "edit title".into(),
                StatementField::Role(_) => "change role".into(),
                StatementField::Notes(_) => "edit notes".into(),
                StatementField::Tags(_) => "edit tags".into(),
            },
            Command::Tag { on: true, .. } => "add tag".into(),
            Command::Tag { on: false, .. } => "remove tag".into(),
            Command::Connect { inference, .. } => format!("connect as {}", inference.kind.as_str()),
            Command::AddPremise { .. } => "add co-premise".into(),
            Command::RemovePremise { .. } => "remove premise".into(),
            Command::EditInference { .. } => "edit inference".into(),
            Command::Remove { ids } if ids.len() == 1 => "delete".into(),
            Command::Remove { ids } => format!("delete {} nodes", ids.len()),
            Command::Restore(_) => "restore".into(),
            Command::Move { .. } => "move".into(),
            Command::SetPinned { pinned: true, .. } => "pin".into(),
            Command::SetPinned { pinned: false, .. } => "unpin".into(),
            Command::Place(_) => "place".into(),
            Command::AddEvidence { .. } => "add evidence".into(),
            Command::EditEvidence(_) => "edit evidence".into(),
            Command::RemoveEvidence { .. } => "remove evidence".into(),
            Command::AddSource(_) => "add source".into(),
            Command::EditSource(_) => "edit source".into(),
            Command::RemoveSource { .. } => "remove source".into(),
            Command::SetSourceText { .. } | Command::ReplaceSourceText { .. } => {
                "edit source text".into()
            }
            Command::SetScheme { scheme, .. } if scheme.is_empty() => "clear scheme".into(),
            Command::SetScheme { .. } => "set scheme".into(),
            Command::BindRole {
                premise: Some(_), ..
            } => "bind role".into(),
            Command::BindRole { premise: None, .. } => "unbind role".into(),
            Command::SetQuestion { status, .. } => match status {
                QuestionStatus::Open => "reopen question".into(),
                QuestionStatus::Answered { .. } => "answer question".into(),
                QuestionStatus::Raised { .. } => "raise question".into(),
                QuestionStatus::Dismissed { .. } => "dismiss question".into(),
            },
            Command::EmbedScheme { .. } => "keep scheme definition".into(),
            Command::SetMeta(_) => "edit map details".into(),
            Command::SetAcceptance { value, .. } => match value {
                AcceptanceOverride::Default => "clear acceptance".into(),
                v => format!("set {}", v.as_str()),
            },
            Command::SetBaseScore { .. } => "set base score".into(),
            Command::SetEvalOptions(_) => "change evaluation options".into(),
            Command::AddTour { .. } => "add tour".into(),
            Command::RenameTour { .. } => "rename tour".into(),
            Command::DeleteTour { .. } => "delete tour".into(),
            Command::AddStep { .. } => "add tour step".into(),
            Command::MoveStep { .. } => "move tour step".into(),
            Command::DeleteStep { .. } => "delete tour step".into(),
            Command::EditStep { field, .. } => format!("edit step {}", field.name()),
            Command::ReplaceStep { .. } => "edit tour step".into(),
            Command::DropConflict { .. } => "resolve merge conflict".into(),
            Command::PutConflict { .. } => "bring back merge conflict".into(),
            Command::Batch(cmds) => cmds
                .first()
                .map(Command::describe)
                .unwrap_or_else(|| "nothing".into()),
        }
    }
}

/// What applying a command did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The command that undoes it.
    pub inverse: Command,
    /// Ids of what it created, in creation order.
    pub created: Vec<String>,
    /// Tour steps that lost references to removed nodes, in tour then step
    /// order (see [`Applied::tour_message`]).
    pub tour_steps_changed: Vec<StepRef>,
}

impl Applied {
    /// What the status bar says when removed nodes were taken out of tour
    /// steps ("removed from 2 tour steps"); `None` when no step changed.
    pub fn tour_message(&self) -> Option<String> {
        match self.tour_steps_changed.len() {
            0 => None,
            1 => Some("removed from 1 tour step".to_owned()),
            n => Some(format!("removed from {n} tour steps")),
        }
    }
}

/// What applying a command produced besides its inverse.
#[derive(Default)]
struct Effects {
    created: Vec<String>,
    tour_steps_changed: Vec<StepRef>,
}

/// Applies `cmd` to `map`. On error nothing has changed.
pub fn apply(map: &mut Map, cmd: Command) -> Result<Applied, ModelError> {
    let mut effects = Effects::default();
    let inverse = apply_inner(map, cmd, &mut effects)?;
    Ok(Applied {
        inverse,
        created: effects.created,
        tour_steps_changed: effects.tour_steps_changed,
    })
}

fn fresh(map: &mut Map, id: Option<String>, kind: IdKind) -> String {
    id.unwrap_or_else(|| map.allocate_id(kind))
}

fn apply_inner(map: &mut Map, cmd: Command, effects: &mut Effects) -> Result<Command, ModelError> {
    use Command as C;
    let created = &mut effects.created;
    Ok(match cmd {
        C::AddStatement {
            id,
            mut statement,
            pos,
        } => {
            let id = fresh(map, id, IdKind::Statement);
            for ev in statement.evidence.iter_mut().filter(|e| e.id.is_empty()) {
                ev.id = map.allocate_id(IdKind::Evidence);
            }
            map.add_statement(&id, statement, pos, false)?;
            created.push(id.clone());
            C::Remove { ids: vec![id] }
        }
        C::EditStatement { id, field } => {
            use StatementField as F;
            let old = match field {
                F::Text(t) => F::Text(map.set_text(&id, t)?),
                F::Title(t) => F::Title(map.set_title(&id, t)?),
                F::Role(r) => F::Role(map.set_role(&id, r)?),
                F::Notes(n) => F::Notes(map.set_notes(&id, n)?),
                F::Tags(t) => F::Tags(map.set_tags(&id, t)?),
            };
            C::EditStatement { id, field: old }
        }
        C::Tag { id, tag, on } => {
            let mut tags = map
                .statement(&id)
                .ok_or_else(|| ModelError::NotAStatement(id.clone()))?
                .tags
                .clone();
            let had = tags.contains(&tag);
            match (on, had) {
                (true, false) => tags.push(tag),
                (false, true) => tags.retain(|t| *t != tag),
                _ => {}
            }
            let old = map.set_tags(&id, tags)?;
            C::EditStatement {
                id,
                field: StatementField::Tags(old),
            }
        }
        C::Connect {
            id,
            inference,
            premises,
            target,
        } => {
            let premise_refs: Vec<&str> = premises.iter().map(String::as_str).collect();
            // Validate before allocating, so a refused connect burns no id.
            if premises.is_empty() {
                return Err(ModelError::NoPremise(id.unwrap_or_default()));
            }
            let id = fresh(map, id, IdKind::Inference);
            map.add_inference(&id, inference, &premise_refs, &target, None, false)?;
            created.push(id.clone());
            C::Remove { ids: vec![id] }
        }
        C::AddPremise { inference, premise } => {
            map.add_premise(&inference, &premise)?;
            C::RemovePremise { inference, premise }
        }
        C::RemovePremise { inference, premise } => {
            let ord = map.remove_premise(&inference, &premise)?;
            // Putting it back at its old place keeps the co-premise order.
            C::Restore(Fragment {
                nodes: vec![],
                links: vec![(premise, inference, crate::model::Link::Premise(ord))],
            })
        }
        C::EditInference { id, inference } => {
            let old = map.set_inference(&id, inference)?;
            C::EditInference { id, inference: old }
        }
        C::Remove { ids } => {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let (fragment, changes) = map.remove_nodes_reporting(&refs)?;
            if changes.is_empty() {
                C::Restore(fragment)
            } else {
                // Undo puts the nodes back, then the steps as they were.
                let mut inverse = vec![C::Restore(fragment)];
                for change in changes {
                    effects.tour_steps_changed.push(change.at.clone());
                    inverse.push(C::ReplaceStep {
                        tour: change.at.tour,
                        index: change.at.step,
                        step: change.before,
                    });
                }
                C::Batch(inverse)
            }
        }
        C::Restore(fragment) => {
            let ids: Vec<String> = fragment.nodes.iter().map(|n| n.id.clone()).collect();
            if ids.is_empty() {
                // Only links: a premise being put back.
                let inverse: Vec<Command> = fragment
                    .links
                    .iter()
                    .map(|(from, to, _)| C::RemovePremise {
                        inference: to.clone(),
                        premise: from.clone(),
                    })
                    .collect();
                map.restore(fragment)?;
                batch_or_single(inverse)
            } else {
                map.restore(fragment)?;
                C::Remove { ids }
            }
        }
        C::Move { moves } => {
            let placements = moves
                .into_iter()
                .map(|(id, pos)| Placement {
                    id,
                    pos: Some(pos),
                    pinned: true,
                })
                .collect();
            place(map, placements)?
        }
        C::SetPinned { ids, pinned } => {
            let mut placements = Vec::with_capacity(ids.len());
            for id in ids {
                let node = map
                    .node(&id)
                    .ok_or_else(|| ModelError::NoSuchNode(id.clone()))?;
                placements.push(Placement {
                    pos: node.pos,
                    id,
                    pinned,
                });
            }
            place(map, placements)?
        }
        C::Place(placements) => place(map, placements)?,
        C::AddEvidence {
            statement,
            index,
            mut evidence,
        } => {
            if map.statement(&statement).is_none() {
                return Err(ModelError::NotAStatement(statement));
            }
            if evidence.id.is_empty() {
                evidence.id = map.allocate_id(IdKind::Evidence);
            }
            let id = evidence.id.clone();
            map.add_evidence(&statement, index.unwrap_or(usize::MAX), evidence)?;
            created.push(id.clone());
            C::RemoveEvidence { id }
        }
        C::EditEvidence(evidence) => C::EditEvidence(map.replace_evidence(evidence)?),
        C::RemoveEvidence { id } => {
            let (statement, index, evidence) = map.remove_evidence(&id)?;
            C::AddEvidence {
                statement,
                index: Some(index),
                evidence,
            }
        }
        C::AddSource(mut source) => {
            if source.id.is_empty() {
                source.id = map.allocate_id(IdKind::Source);
            }
            let id = source.id.clone();
            map.add_source(source)?;
            created.push(id.clone());
            C::RemoveSource { id }
        }
        C::EditSource(source) => C::EditSource(map.replace_source(source)?),
        C::RemoveSource { id } => C::AddSource(map.remove_source(&id)?),
        C::SetSourceText { id, text } => {
            let source = map
                .source(&id)
                .ok_or_else(|| ModelError::NoSuchSource(id.clone()))?;
            let path = if source.text == text {
                source.path.clone()
            } else {
                None
            };
            let anchors = crate::model::anchoring::reanchor_all(map, &id, &text);
            let (text, path, anchors) = map.set_source_text(&id, text, path, anchors)?;
            C::ReplaceSourceText {
                id,
                text,
                path,
                anchors,
            }
        }
        C::ReplaceSourceText {
            id,
            text,
            path,
            anchors,
        } => {
            let (text, path, anchors) = map.set_source_text(&id, text, path, anchors)?;
            C::ReplaceSourceText {
                id,
                text,
                path,
                anchors,
            }
        }
        C::SetScheme {
            inference,
            scheme,
            definition,
        } => {
            let old = map
                .inference(&inference)
                .ok_or_else(|| match map.node(&inference) {
                    Some(_) => ModelError::NotAnInference(inference.clone()),
                    None => ModelError::NoSuchNode(inference.clone()),
                })?
                .clone();
            let mut next = old.clone();
            if next.scheme != scheme {
                next.roles.clear();
                next.questions.clear();
            }
            next.scheme = scheme;
            let embed = match definition {
                Some(def) => {
                    let id = def.id.clone();
                    let before = map.set_embedded_scheme(&id, Some(*def))?;
                    Some(C::EmbedScheme {
                        id,
                        definition: before.map(Box::new),
                    })
                }
                None => None,
            };
            map.set_inference(&inference, next)?;
            let restore = C::EditInference {
                id: inference,
                inference: old,
            };
            match embed {
                Some(embed) => C::Batch(vec![restore, embed]),
                None => restore,
            }
        }
        // The inverses of BindRole and SetQuestion put the whole inference
        // back rather than re-binding or re-setting: the premise or answer
        // they named may have been deleted since (undo runs in reverse, so
        // it is restored only later), and validating it would refuse the
        // undo.
        C::BindRole {
            inference,
            role,
            premise,
        } => {
            let before = map.inference(&inference).cloned();
            map.bind_role(&inference, &role, premise)?;
            C::EditInference {
                id: inference,
                inference: before.unwrap_or_default(),
            }
        }
        C::SetQuestion {
            inference,
            question,
            status,
        } => {
            let before = map.inference(&inference).cloned();
            map.set_question_status(&inference, &question, status)?;
            C::EditInference {
                id: inference,
                inference: before.unwrap_or_default(),
            }
        }
        C::EmbedScheme { id, definition } => {
            let old = map.set_embedded_scheme(&id, definition.map(|d| *d))?;
            C::EmbedScheme {
                id,
                definition: old.map(Box::new),
            }
        }
        C::SetMeta(meta) => C::SetMeta(map.set_meta(meta)?),
        C::SetAcceptance { id, value } => {
            let old = map.set_acceptance_override(&id, value)?;
            C::SetAcceptance { id, value: old }
        }
        C::SetBaseScore { id, score } => {
            let old = map.set_base_score(&id, score)?;
            C::SetBaseScore { id, score: old }
        }
        C::SetEvalOptions(options) => C::SetEvalOptions(map.set_eval_options(options)),
        C::AddTour { index, tour } => {
            let name = tour.name.clone();
            map.insert_tour(index.unwrap_or(usize::MAX), tour)?;
            C::DeleteTour { name }
        }
        C::RenameTour { from, to } => {
            map.rename_tour(&from, &to)?;
            C::RenameTour { from: to, to: from }
        }
        C::DeleteTour { name } => {
            let (index, tour) = map.remove_tour(&name)?;
            C::AddTour {
                index: Some(index),
                tour,
            }
        }
        C::AddStep { tour, index, step } => {
            let index = map.insert_step(&tour, index, step)?;
            C::DeleteStep { tour, index }
        }
        C::MoveStep { tour, from, to } => {
            map.move_step(&tour, from, to)?;
            C::MoveStep {
                tour,
                from: to,
                to: from,
            }
        }
        C::DeleteStep { tour, index } => {
            let step = map.remove_step(&tour, index)?;
            C::AddStep {
                tour,
                index: Some(index),
                step,
            }
        }
        C::EditStep { tour, index, field } => {
            let mut step = map
                .tour(&tour)
                .and_then(|t| t.steps.get(index))
                .cloned()
                .ok_or_else(|| match map.tour(&tour) {
                    None => ModelError::NoSuchTour(tour.clone()),
                    Some(_) => ModelError::NoSuchStep {
                        tour: tour.clone(),
                        step: index,
                    },
                })?;
            let old = field.swap_into(&mut step);
            map.replace_step(&tour, index, step)?;
            C::EditStep {
                tour,
                index,
                field: old,
            }
        }
        C::ReplaceStep { tour, index, step } => {
            let step = map.replace_step(&tour, index, step)?;
            C::ReplaceStep { tour, index, step }
        }
        C::DropConflict { index } => C::PutConflict {
            index,
            conflict: Box::new(map.remove_conflict(index)?),
        },
        C::PutConflict { index, conflict } => C::DropConflict {
            index: map.insert_conflict(index, *conflict),
        },
        C::Batch(cmds) => {
            let mut inverses = Vec::with_capacity(cmds.len());
            for cmd in cmds {
                match apply_inner(map, cmd, effects) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        // All or nothing: roll back what already went through.
                        for inv in inverses.into_iter().rev() {
                            apply_inner(map, inv, &mut Effects::default())
                                .expect("an inverse applies to the state it came from");
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            C::Batch(inverses)
        }
    })
}

fn batch_or_single(mut cmds: Vec<Command>) -> Command {
    if cmds.len() == 1 {
        cmds.pop().expect("one command")
    } else {
        cmds.reverse();
        Command::Batch(cmds)
    }
}

/// Sets placements all or nothing, returning the placements they replaced.
fn place(map: &mut Map, placements: Vec<Placement>) -> Result<Command, ModelError> {
    if let Some(p) = placements.iter().find(|p| map.node(&p.id).is_none()) {
        return Err(ModelError::NoSuchNode(p.id.clone()));
    }
    let mut old = Vec::with_capacity(placements.len());
    for p in placements {
        let (pos, pinned) = map.set_placement(&p.id, p.pos, p.pinned)?;
        old.push(Placement {
            id: p.id,
            pos,
            pinned,
        });
    }
    old.reverse();
    Ok(Command::Place(old))
}
