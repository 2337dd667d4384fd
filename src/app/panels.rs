//! Which panels and windows the app shows, as one value that can be saved
//! and restored: present mode hides all chrome and later puts back exactly
//! what was shown before (after egui's `wrap_app.rs`, where the app holds
//! one field per panel and a flag for each).

/// The visibility of every panel and window around the canvas.
///
/// `Copy`, so a mode that hides chrome keeps the old value and assigns it
/// back when it ends: `let saved = app.panels; app.panels = PanelVisibility::canvas_only(); … app.panels = saved;`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelVisibility {
    /// The menu bar at the top.
    pub menu_bar: bool,
    /// The status bar at the bottom.
    pub status_bar: bool,
    /// The outline on the left.
    pub outline: bool,
    /// The inspector on the right.
    pub inspector: bool,
    /// The source pane below the canvas.
    pub sources: bool,
    /// The floating Problems window.
    pub problems: bool,
    /// The floating Evidence table window.
    pub evidence: bool,
}

impl Default for PanelVisibility {
    /// What a new window shows: the docked panels and bars, no floating windows.
    fn default() -> Self {
        PanelVisibility {
            menu_bar: true,
            status_bar: true,
            outline: true,
            inspector: true,
            sources: true,
            problems: false,
            evidence: false,
        }
    }
}

impl PanelVisibility {
    /// Only the canvas: every panel, bar and window hidden.
    pub fn canvas_only() -> Self {
        PanelVisibility {
            menu_bar: false,
            status_bar: false,
            outline: false,
            inspector: false,
            sources: false,
            problems: false,
            evidence: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvas_only_hides_everything_and_the_saved_value_restores() {
        let mut shown = PanelVisibility {
            evidence: true,
            ..PanelVisibility::default()
        };
        let saved = shown;
        shown = PanelVisibility::canvas_only();
        assert!(!shown.outline && !shown.menu_bar && !shown.evidence);
        shown = saved;
        assert_eq!(shown, saved);
        assert!(shown.evidence && shown.outline);
    }
}
