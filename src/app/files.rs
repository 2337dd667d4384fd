//! Opening and saving files (native dialogs with an in-app fallback), and
//! copy and paste of parts of a map as native-format text.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ArgmapApp;
use super::state::{AfterSave, Dialog, PathPurpose, Selection};
use crate::io::native;
use crate::model::{IdKind, Map, NodeData, Pos};
use crate::ops::{Command, Placement};

/// A native dialog that returns faster than this found no dialog service
/// (no portal, no zenity): rfd answers `None` at once then.
pub(super) const NO_DIALOG_SERVICE: Duration = Duration::from_millis(150);

/// Whether `path` is one of the maps bundled in the source tree's `maps/`
/// folder, which is never overwritten without Save As.
pub fn is_bundled_path(path: &Path) -> bool {
    let maps = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    match (path.canonicalize(), maps.canonicalize()) {
        (Ok(p), Ok(m)) => p.starts_with(m),
        _ => false,
    }
}

/// Adds the native extension when the user typed a bare name.
pub fn with_extension(path: PathBuf) -> PathBuf {
    if path.to_string_lossy().ends_with(".json") {
        path
    } else {
        PathBuf::from(format!("{}{}", path.display(), native::EXTENSION))
    }
}

impl ArgmapApp {
    /// Shows the open dialog, or the in-app one where there is none.
    pub(super) fn open_dialog(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open map")
            .add_filter("Argmap map", &["json"])
            .pick_file();
        match picked {
            Some(path) => self.open_path(&path),
            None if started.elapsed() < NO_DIALOG_SERVICE => {
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::Open,
                    path: String::new(),
                    then: None,
                });
            }
            None => {}
        }
    }

    /// Saves to the current file, or asks for one. `then` runs after a
    /// successful save (when the save was asked for by a prompt).
    pub(super) fn save(&mut self, then: Option<AfterSave>, ctx: &egui::Context) {
        match self.doc.path.clone() {
            Some(path) if !is_bundled_path(&path) => self.save_to(&path, then, ctx),
            _ => self.save_as(then, ctx),
        }
    }

    /// Asks where to save, then saves.
    pub(super) fn save_as(&mut self, then: Option<AfterSave>, ctx: &egui::Context) {
        let started = Instant::now();
        let name = format!("{}{}", slug(&self.doc.map.meta().title), native::EXTENSION);
        let picked = rfd::FileDialog::new()
            .set_title("Save map as")
            .set_file_name(&name)
            .add_filter("Argmap map", &["json"])
            .save_file();
        match picked {
            Some(path) => self.save_to(&with_extension(path), then, ctx),
            None if started.elapsed() < NO_DIALOG_SERVICE => {
                let dir = std::env::current_dir().unwrap_or_default();
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::Save,
                    path: dir.join(name).display().to_string(),
                    then,
                });
            }
            None => {}
        }
    }

    /// Saves to `path`; on failure says why and keeps everything as it was.
    pub(super) fn save_to(&mut self, path: &Path, then: Option<AfterSave>, ctx: &egui::Context) {
        if is_bundled_path(path) {
            self.dialog = Some(Dialog::Error {
                title: "Choose another location".into(),
                message: format!(
                    "{} is a map bundled with Argmap and is not overwritten. Use Save As to keep your changes elsewhere.",
                    path.display()
                ),
            });
            return;
        }
        match self.doc.save_to(path, &super::document::today()) {
            Ok(()) => {
                self.remember_recent(path);
                self.recovery.clear();
                self.status = format!("Saved {}", path.display());
                if let Some(then) = then {
                    self.proceed(then, ctx);
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot save the map".into(),
                    message: format!("{}: {e}", path.display()),
                });
            }
        }
    }
}

impl ArgmapApp {
    /// Asks for a text or Markdown file and attaches it as a source.
    pub(super) fn attach_source_dialog(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Attach source text")
            .add_filter("Text", &["txt", "md", "markdown"])
            .pick_file();
        match picked {
            Some(path) => self.attach_source(&path),
            None if started.elapsed() < NO_DIALOG_SERVICE => {
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::AttachSource,
                    path: String::new(),
                    then: None,
                });
            }
            None => {}
        }
    }

    /// Adds the text file at `path` as a new source (one undoable step).
    pub fn attach_source(&mut self, path: &Path) {
        let read = std::fs::metadata(path)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                if m.len() as usize > native::MAX_SOURCE_BYTES {
                    Err(format!(
                        "it is {} bytes; sources are limited to {}",
                        m.len(),
                        native::MAX_SOURCE_BYTES
                    ))
                } else {
                    std::fs::read_to_string(path).map_err(|e| e.to_string())
                }
            });
        match read {
            Ok(text) => {
                let title = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let source = crate::model::Source {
                    title,
                    text,
                    ..crate::model::Source::default()
                };
                match self.doc.apply(Command::AddSource(source)) {
                    Ok(applied) => {
                        self.source_pane.shown = applied.created.first().cloned();
                        self.panels.sources = true;
                        self.status = format!("Attached {}", path.display());
                    }
                    Err(e) => self.status = format!("Cannot attach: {e}"),
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot attach the source".into(),
                    message: format!("{}: {e}", path.display()),
                });
            }
        }
    }
}

fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "map".into()
    } else {
        s.chars().take(60).collect()
    }
}

/// The selection as native-format text: the selected statements, the
/// inferences among them, and the sources their quotes need.
pub fn clipboard_text(map: &Map, selection: &Selection) -> Option<String> {
    let chosen: BTreeSet<&str> = selection.0.iter().map(String::as_str).collect();
    let mut part = Map::new(map.meta().title.clone());
    let mut sources = BTreeSet::new();
    for node in map.nodes_sorted() {
        if let NodeData::Statement(st) = &node.data
            && chosen.contains(node.id.as_str())
        {
            for ev in &st.evidence {
                if let Some(a) = &ev.anchor {
                    sources.insert(a.source.clone());
                }
            }
        }
    }
    for id in &sources {
        if let Some(src) = map.source(id) {
            let mut src = src.clone();
            src.path = None;
            part.add_source(src).ok()?;
        }
    }
    for node in map.nodes_sorted() {
        if let NodeData::Statement(st) = &node.data
            && chosen.contains(node.id.as_str())
        {
            part.add_statement(&node.id, st.clone(), node.pos, node.pinned)
                .ok()?;
        }
    }
    if part.statement_count() == 0 {
        return None;
    }
    // Inferences whose premises and target all came along.
    let mut fragment = crate::model::Fragment {
        nodes: Vec::new(),
        links: Vec::new(),
    };
    for node in map.nodes_sorted() {
        let NodeData::Inference(_) = &node.data else {
            continue;
        };
        let premises = map.premise_ids(&node.id);
        let Some(target) = map.target_id(&node.id) else {
            continue;
        };
        if premises.iter().all(|p| chosen.contains(p)) && chosen.contains(target) {
            for (k, p) in premises.iter().enumerate() {
                fragment.links.push((
                    (*p).to_owned(),
                    node.id.clone(),
                    crate::model::Link::Premise(k as u32),
                ));
            }
            fragment.links.push((
                node.id.clone(),
                target.to_owned(),
                crate::model::Link::Target,
            ));
            fragment.nodes.push(node.clone());
        }
    }
    part.restore(fragment).ok()?;
    Some(native::to_string(
        &part,
        &native::SaveOptions {
            inline_sources: true,
        },
    ))
}

/// The command that pastes native-format `text` into `map` with fresh ids,
/// shifted by `offset`; also the new statements' ids.
pub fn paste_command(
    map: &mut Map,
    text: &str,
    offset: f32,
) -> Result<(Command, Vec<String>), String> {
    let loaded = native::from_str(text, &native::LoadOptions::default())
        .map_err(|e| format!("The clipboard holds no Argmap nodes ({e})"))?;
    let part = loaded.map;
    let mut cmds = Vec::new();
    let mut source_ids: HashMap<String, String> = HashMap::new();
    for src in part.sources() {
        match map.source(&src.id) {
            Some(existing) if existing.text == src.text => {
                source_ids.insert(src.id.clone(), src.id.clone());
            }
            _ => {
                let mut copy = src.clone();
                if map.is_id_used(&copy.id) {
                    copy.id = map.allocate_id(IdKind::Source);
                }
                source_ids.insert(src.id.clone(), copy.id.clone());
                cmds.push(Command::AddSource(copy));
            }
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut new_statements = Vec::new();
    let shift = |p: Option<Pos>| p.map(|p| Pos::new(p.x + offset, p.y + offset));
    for node in part.nodes_sorted() {
        let NodeData::Statement(st) = &node.data else {
            continue;
        };
        let id = map.allocate_id(IdKind::Statement);
        ids.insert(node.id.clone(), id.clone());
        let mut st = st.clone();
        for ev in &mut st.evidence {
            ev.id = map.allocate_id(IdKind::Evidence);
            if let Some(a) = &mut ev.anchor {
                a.source = source_ids.get(&a.source).cloned().unwrap_or_default();
            }
        }
        cmds.push(Command::AddStatement {
            id: Some(id.clone()),
            statement: st,
            pos: shift(node.pos),
        });
        new_statements.push(id);
    }
    let mut placements = Vec::new();
    for node in part.nodes_sorted() {
        let NodeData::Inference(inf) = &node.data else {
            continue;
        };
        let id = map.allocate_id(IdKind::Inference);
        ids.insert(node.id.clone(), id.clone());
        placements.push((id, node.id.clone(), inf.clone(), shift(node.pos)));
    }
    for (id, old, inf, pos) in placements {
        let premises = part
            .premise_ids(&old)
            .iter()
            .map(|p| ids[*p].clone())
            .collect();
        let target = ids[part.target_id(&old).unwrap_or_default()].clone();
        cmds.push(Command::Connect {
            id: Some(id.clone()),
            inference: inf,
            premises,
            target,
        });
        cmds.push(Command::Place(vec![Placement {
            id,
            pos,
            pinned: false,
        }]));
    }
    Ok((Command::Batch(cmds), new_statements))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_then_paste_into_another_map() {
        let source = crate::bundled::EXAMPLE.load().unwrap().map;
        let sel = Selection(vec![
            "air".into(),
            "shops".into(),
            "pilot-representative".into(),
            "thesis".into(),
        ]);
        let text = clipboard_text(&source, &sel).unwrap();
        let mut target = Map::new("other");
        let (cmd, ids) = paste_command(&mut target, &text, 30.0).unwrap();
        crate::ops::apply(&mut target, cmd).unwrap();
        assert_eq!(ids.len(), 4);
        assert_eq!(target.statement_count(), 4);
        // The linked argument came along; the objections did not.
        assert_eq!(target.inference_count(), 1);
        assert_eq!(target.sources().count(), 1);
        assert!(crate::model::verify_anchors(&target).problems.is_empty());
        // Pasting again into the same map gives fresh ids.
        let (cmd, again) = paste_command(&mut target, &text, 60.0).unwrap();
        crate::ops::apply(&mut target, cmd).unwrap();
        assert!(again.iter().all(|id| !ids.contains(id)));
        assert_eq!(target.sources().count(), 1);
    }

    /// Pasting a copy onto the map it came from (at offset 0, exactly on
    /// the originals) moves the whole group, in one piece, to where it
    /// covers no box or connector.
    #[test]
    fn a_paste_never_lands_on_what_is_drawn() {
        let mut map = crate::bundled::EXAMPLE.load().unwrap().map;
        let sel = Selection(vec!["air".into(), "shops".into(), "thesis".into()]);
        let text = clipboard_text(&map, &sel).unwrap();
        let measurer = crate::scene::TextMeasurer::new();
        let occupied = crate::app::source_pane::passage::occupied_rects(&map, &measurer);
        let (mut cmd, ids) = paste_command(&mut map, &text, 0.0).unwrap();
        let before = cmd.clone();
        crate::app::editing::place_group_clear_of(&mut cmd, &measurer, &occupied);
        assert_ne!(cmd, before, "the copy sat on its originals and had to move");
        crate::ops::apply(&mut map, cmd).unwrap();
        let rects: Vec<crate::scene::Rect> = ids
            .iter()
            .map(|id| {
                let pos = map.node(id).unwrap().pos.unwrap();
                crate::scene::Rect::from_center_size(
                    pos,
                    measurer.box_size(map.statement(id).unwrap()),
                )
            })
            .collect();
        for r in &rects {
            assert!(occupied.iter().all(|o| !o.intersects(r)), "{r:?}");
        }
        // One offset for all: the pasted boxes keep their arrangement.
        let d = |a: &str, b: &str| {
            let (p, q) = (
                map.node(a).unwrap().pos.unwrap(),
                map.node(b).unwrap().pos.unwrap(),
            );
            (p.x - q.x, p.y - q.y)
        };
        let original = d("air", "shops");
        let pasted = d(&ids[0], &ids[1]);
        assert!((original.0 - pasted.0).abs() < 0.01 && (original.1 - pasted.1).abs() < 0.01);
    }

    #[test]
    fn names_for_files() {
        assert_eq!(slug("Prospects of Japan (2009)"), "prospects-of-japan-2009");
        assert_eq!(
            with_extension(PathBuf::from("/tmp/a")),
            PathBuf::from("/tmp/a.argmap.json")
        );
        assert!(is_bundled_path(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/togo-japan-russia.argmap.json")
        ));
        assert!(!is_bundled_path(Path::new("/tmp/x.argmap.json")));
    }
}
