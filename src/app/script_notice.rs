//! The one-time notice about scripts no installed font covers: when the
//! open map holds, say, Hebrew and neither egui's bundled fonts nor any
//! system font (see [`crate::scene::fonts`]) can draw it, the status bar
//! names the script once per session instead of letting empty boxes speak.
//! Checked on the whole map when a document opens, then only on the
//! statements each edit touched.

use std::collections::BTreeSet;

use super::ArgmapApp;
use crate::scene::fonts;

/// What the notice has checked and said.
#[derive(Debug, Default)]
pub struct ScriptNotice {
    /// (document generation, history revision) last checked.
    checked: Option<(u64, u64)>,
    /// Scripts already named this session.
    named: BTreeSet<String>,
    /// The last notice given, for tests and the status bar.
    pub last: Option<String>,
}

impl ArgmapApp {
    /// Names, once, the scripts of the map no font covers. Cheap when the
    /// map has not changed since the last call.
    pub fn check_scripts(&mut self) {
        let key = (self.generation, self.doc.history.revision());
        let before = self.script_notice.checked;
        if before == Some(key) {
            return;
        }
        self.script_notice.checked = Some(key);
        let map = &self.doc.map;
        let measurer = super::canvas::shared_measurer();
        let uncovered = match before {
            // Same document: only what changed since.
            Some((generation, revision)) if generation == key.0 => {
                let Some(ids) = self.doc.history.touched_since(revision) else {
                    return self.name_scripts(measurer.uncovered(fonts::map_texts(map)));
                };
                let texts: Vec<&str> = ids
                    .iter()
                    .filter_map(|id| map.statement(id))
                    .flat_map(|s| [s.title.as_str(), s.text.as_str()])
                    .collect();
                measurer.uncovered(texts)
            }
            _ => measurer.uncovered(fonts::map_texts(map)),
        };
        self.name_scripts(uncovered);
    }

    fn name_scripts(&mut self, uncovered: Vec<fonts::Uncovered>) {
        let new: Vec<fonts::Uncovered> = uncovered
            .into_iter()
            .filter(|u| !self.script_notice.named.contains(&u.script))
            .collect();
        if new.is_empty() {
            return;
        }
        self.script_notice
            .named
            .extend(new.iter().map(|u| u.script.clone()));
        let line = fonts::describe(&new);
        let line = format!("{}{}", line[..1].to_uppercase(), &line[1..]);
        self.status = line.clone();
        self.script_notice.last = Some(line);
    }
}
