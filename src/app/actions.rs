//! Every user action, with its label, tooltip and shortcut in one place, so
//! the menus, the command palette and the keyboard cannot drift apart
//! (after rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a new, empty map.
    New,
    /// Open a map file.
    Open,
    /// Save to the current file (asks for one if there is none).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Close the map (asks about unsaved changes).
    Close,
    /// Quit Argmap (asks about unsaved changes).
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Add a new statement in the middle of the view.
    NewStatement,
    /// Edit the selected statement's text in place.
    EditText,
    /// Add a supporting reason under the selection.
    AddReason,
    /// Add an objection under the selection.
    AddObjection,
    /// Add a linked co-premise to the selected reason's inference.
    AddCoPremise,
    /// Focus the scheme picker of the selected inference.
    PickScheme,
    /// Load a catalogue file of argumentation schemes.
    ImportSchemes,
    /// Connect the selected statements: the first ones support the last.
    ConnectSupport,
    /// Connect the selected statements: the first ones attack the last.
    ConnectAttack,
    /// Delete the selection.
    Delete,
    /// Copy the selection.
    Copy,
    /// Cut the selection.
    Cut,
    /// Paste copied statements.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Select every statement.
    SelectAll,
    /// Find in the map.
    Find,
    /// Show the whole map.
    FitMap,
    /// Zoom to 100%.
    ActualSize,
    /// Open the command palette.
    Palette,
    /// Lay the map out automatically.
    AutoLayout,
    /// Show or hide the source pane.
    ToggleSources,
    /// Attach a text or Markdown file as a source document.
    AttachSource,
    /// Import a map from Argdown, AIF or Kialo.
    Import,
    /// Export the map as a diagram or another format.
    Export,
    /// Share the open map live through a server (File > Share live…).
    ShareLive,
    /// Join a map someone shares live (File > Join live…).
    JoinLive,
    /// Show the Problems window: broken anchors and coverage lint.
    Problems,
    /// Show the Evidence table.
    EvidenceTable,
    /// A new statement from the passage selected in the source pane.
    PassageStatement,
    /// Attach the selected passage as evidence to the selected statement.
    PassageEvidence,
    /// A new reason for the selected node from the selected passage.
    PassageReason,
    /// A new objection to the selected node from the selected passage.
    PassageObjection,
    /// Fold or unfold the selected nodes (hide what is below them).
    ToggleFold,
    /// Unfold every folded node.
    UnfoldAll,
    /// Focus on the selection's neighbourhood, or leave focus.
    ToggleFocus,
    /// Show one hop more around the focus.
    FocusDeeper,
    /// Show one hop less around the focus.
    FocusShallower,
    /// Go back to the previous place (selection and focus).
    Back,
    /// Go forward again after going back.
    Forward,
    /// Show or hide the filter bar.
    FilterBar,
    /// Remove every filter.
    ClearFilters,
    /// Show or hide the minimap.
    Minimap,
    /// Present the map step by step along the chosen tour, full screen.
    Present,
    /// Show or hide the Evaluation window.
    Evaluation,
    /// Show or hide the evaluation labels on the canvas and outline.
    EvalOverlay,
    /// Show or hide the Tours window (edit the map's tours).
    Tours,
    /// Move the step selected in the Tours window one place earlier.
    StepEarlier,
    /// Move the step selected in the Tours window one place later.
    StepLater,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Action {
    /// Every action, in palette order.
    pub const ALL: [Action; 56] = [
        Action::New,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Close,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::NewStatement,
        Action::EditText,
        Action::AddReason,
        Action::AddObjection,
        Action::AddCoPremise,
        Action::PickScheme,
        Action::ConnectSupport,
        Action::ConnectAttack,
        Action::Delete,
        Action::Copy,
        Action::Cut,
        Action::Paste,
        Action::Duplicate,
        Action::SelectAll,
        Action::Find,
        Action::FitMap,
        Action::ActualSize,
        Action::Palette,
        Action::AutoLayout,
        Action::ToggleSources,
        Action::AttachSource,
        Action::Import,
        Action::ImportSchemes,
        Action::Export,
        Action::ShareLive,
        Action::JoinLive,
        Action::Problems,
        Action::EvidenceTable,
        Action::PassageStatement,
        Action::PassageEvidence,
        Action::PassageReason,
        Action::PassageObjection,
        Action::ToggleFold,
        Action::UnfoldAll,
        Action::ToggleFocus,
        Action::FocusDeeper,
        Action::FocusShallower,
        Action::Back,
        Action::Forward,
        Action::FilterBar,
        Action::ClearFilters,
        Action::Minimap,
        Action::Present,
        Action::Evaluation,
        Action::EvalOverlay,
        Action::Tours,
        Action::StepEarlier,
        Action::StepLater,
    ];

    /// The menu and palette label.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "New map",
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::Close => "Close map",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::NewStatement => "New statement",
            Action::EditText => "Edit text",
            Action::AddReason => "Add reason",
            Action::AddObjection => "Add objection",
            Action::AddCoPremise => "Add co-premise",
            Action::PickScheme => "Pick scheme…",
            Action::ConnectSupport => "Connect as support",
            Action::ConnectAttack => "Connect as attack",
            Action::Delete => "Delete",
            Action::Copy => "Copy",
            Action::Cut => "Cut",
            Action::Paste => "Paste",
            Action::Duplicate => "Duplicate",
            Action::SelectAll => "Select all",
            Action::Find => "Find…",
            Action::FitMap => "Fit map",
            Action::ActualSize => "Zoom 100%",
            Action::Palette => "Command palette…",
            Action::AutoLayout => "Auto-layout",
            Action::ToggleSources => "Source pane",
            Action::AttachSource => "Attach source text…",
            Action::Import => "Import…",
            Action::ImportSchemes => "Import scheme set…",
            Action::Export => "Export…",
            Action::ShareLive => "Share live…",
            Action::JoinLive => "Join live…",
            Action::Problems => "Problems",
            Action::EvidenceTable => "Evidence table",
            Action::PassageStatement => "New statement from passage",
            Action::PassageEvidence => "Attach passage as evidence",
            Action::PassageReason => "New reason from passage",
            Action::PassageObjection => "New objection from passage",
            Action::ToggleFold => "Fold or unfold",
            Action::UnfoldAll => "Unfold all",
            Action::ToggleFocus => "Focus on selection",
            Action::FocusDeeper => "Focus: one hop more",
            Action::FocusShallower => "Focus: one hop less",
            Action::Back => "Back",
            Action::Forward => "Forward",
            Action::FilterBar => "Filters…",
            Action::ClearFilters => "Clear filters",
            Action::Minimap => "Minimap",
            Action::Present => "Present",
            Action::Evaluation => "Evaluation…",
            Action::EvalOverlay => "Evaluation labels",
            Action::Tours => "Tours…",
            Action::StepEarlier => "Move tour step up",
            Action::StepLater => "Move tour step down",
        }
    }

    /// A one-line explanation for tooltips and the palette.
    pub fn tooltip(self) -> &'static str {
        match self {
            Action::New => "Start a new, empty map",
            Action::Open => "Open an .argmap.json file",
            Action::Save => "Save the map to its file",
            Action::SaveAs => "Save the map to a new file",
            Action::Close => "Close this map and start an empty one",
            Action::Quit => "Close the window and quit (asks about unsaved changes)",
            Action::Undo => "Undo the last change",
            Action::Redo => "Redo the last undone change",
            Action::NewStatement => "Add a statement in the middle of the view",
            Action::EditText => "Edit the selected statement's text in place",
            Action::AddReason => "Add a reason that supports the selected statement",
            Action::AddObjection => "Add an objection that attacks the selected statement",
            Action::AddCoPremise => "Add a premise linked with the selected reason",
            Action::PickScheme => {
                "Name the selected inference's argumentation scheme: type part of its name, Enter picks"
            }
            Action::ConnectSupport => {
                "Select premises, then the conclusion last: the premises support it"
            }
            Action::ConnectAttack => {
                "Select attackers, then the target last: they attack it (an undercut if the target is a connector)"
            }
            Action::Delete => "Delete the selected nodes",
            Action::Copy => "Copy the selected statements",
            Action::Cut => "Cut the selected statements",
            Action::Paste => "Paste copied statements",
            Action::Duplicate => "Duplicate the selected statements",
            Action::SelectAll => "Select every statement",
            Action::Find => "Search text, titles, tags and evidence",
            Action::FitMap => "Zoom to show the whole map",
            Action::ActualSize => "Zoom to 100%",
            Action::Palette => "Search every command",
            Action::AutoLayout => "Arrange the unpinned nodes automatically (pinned nodes stay)",
            Action::ToggleSources => "Show or hide the source text with its highlighted quotes",
            Action::AttachSource => "Add a plain-text or Markdown file as a source document",
            Action::Import => "Open an Argdown, AIF JSON or Kialo file as a new map",
            Action::ImportSchemes => {
                "Load a catalogue of argumentation schemes (JSON, the format of assets/schemes) for the scheme picker"
            }
            Action::Export => {
                "Write the map as SVG, PNG, PDF, Argdown, AIF, GraphML, DOT, Mermaid or Markdown"
            }
            Action::ShareLive => {
                "Edit this map together with others through an argmap serve server: gives an address and a token to send"
            }
            Action::JoinLive => {
                "Open a map someone shares live, from the address and token they sent"
            }
            Action::EvidenceTable => {
                "Every evidence item in one table: sort, filter, export to CSV or Markdown"
            }
            Action::Problems => {
                "Quotes that no longer match their source, facts without evidence, evidence that supports nothing"
            }
            Action::PassageStatement => {
                "Make the passage selected in the source pane a statement quoting it"
            }
            Action::PassageEvidence => {
                "Quote the selected passage as evidence of the selected statement"
            }
            Action::PassageReason => "Make the selected passage a reason for the selected node",
            Action::PassageObjection => {
                "Make the selected passage an objection to the selected node"
            }
            Action::ToggleFold => {
                "Hide or show everything below the selected nodes (saved with the map, not undone)"
            }
            Action::UnfoldAll => "Show every folded branch again",
            Action::ToggleFocus => {
                "Show only the nodes a few hops from the selection; again to leave focus"
            }
            Action::FocusDeeper => "Show one hop more around the focus (up to 5)",
            Action::FocusShallower => "Show one hop less around the focus (down to 1)",
            Action::Back => "Go back to the previous selection or focus",
            Action::Forward => "Go forward again after going back",
            Action::FilterBar => {
                "Dim or hide statements by tag, role, evidence basis, scheme or open critical questions"
            }
            Action::ClearFilters => "Remove every filter",
            Action::Minimap => "Show or hide the small map of where the view is",
            Action::Present => {
                "Full screen, step by step along the tour chosen under Tours (or the first, or a generated one); P opens the presenter view; Esc leaves"
            }
            Action::Evaluation => {
                "Which statements stand: semantics, extensions, what-if changes and what they changed"
            }
            Action::EvalOverlay => {
                "Show IN/OUT/UNDEC (or gradual strength) on every box; inferences that do not apply greyed"
            }
            Action::Tours => {
                "The map's tours: choose the one to present, add the selection as a step, reorder steps, edit notes"
            }
            Action::StepEarlier => "Move the step selected in the Tours window one place up",
            Action::StepLater => "Move the step selected in the Tours window one place down",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Action::New => ctrl(Key::N),
            Action::Open => ctrl(Key::O),
            Action::Save => ctrl(Key::S),
            Action::SaveAs => ctrl_shift(Key::S),
            Action::Close => ctrl(Key::W),
            Action::Quit => ctrl(Key::Q),
            Action::Undo => ctrl(Key::Z),
            Action::Redo => ctrl_shift(Key::Z),
            Action::NewStatement => ctrl(Key::M),
            Action::EditText => plain(Key::F2),
            Action::AddReason => plain(Key::Tab),
            Action::AddObjection => KeyboardShortcut::new(Modifiers::SHIFT, Key::Tab),
            Action::AddCoPremise => ctrl(Key::Enter),
            Action::PickScheme => plain(Key::S),
            Action::ConnectSupport => ctrl(Key::L),
            Action::ConnectAttack => ctrl_shift(Key::L),
            Action::Delete => plain(Key::Delete),
            Action::Copy => ctrl(Key::C),
            Action::Cut => ctrl(Key::X),
            Action::Paste => ctrl(Key::V),
            Action::Duplicate => ctrl(Key::D),
            Action::SelectAll => ctrl(Key::A),
            Action::Find => ctrl(Key::F),
            Action::FitMap => plain(Key::F),
            Action::ActualSize => plain(Key::Num1),
            Action::Palette => ctrl_shift(Key::P),
            Action::AutoLayout => ctrl_shift(Key::A),
            Action::ToggleSources => ctrl_shift(Key::T),
            Action::AttachSource => ctrl_shift(Key::I),
            Action::Import => ctrl(Key::I),
            Action::Export => ctrl(Key::E),
            Action::Problems => ctrl_shift(Key::M),
            Action::EvidenceTable => ctrl_shift(Key::B),
            Action::PassageStatement => ctrl_shift(Key::N),
            Action::PassageEvidence => ctrl_shift(Key::E),
            Action::PassageReason => ctrl_shift(Key::R),
            Action::PassageObjection => ctrl_shift(Key::O),
            Action::ToggleFold => plain(Key::Period),
            Action::UnfoldAll => ctrl_shift(Key::U),
            Action::ToggleFocus => plain(Key::G),
            Action::FocusDeeper => plain(Key::CloseBracket),
            Action::FocusShallower => plain(Key::OpenBracket),
            Action::Back => alt(Key::ArrowLeft),
            Action::Forward => alt(Key::ArrowRight),
            Action::FilterBar => ctrl_shift(Key::H),
            Action::Minimap => ctrl_shift(Key::K),
            Action::Present => plain(Key::F5),
            Action::Evaluation => ctrl_shift(Key::G),
            Action::EvalOverlay => plain(Key::L),
            Action::Tours => ctrl_shift(Key::J),
            Action::StepEarlier => alt(Key::ArrowUp),
            Action::StepLater => alt(Key::ArrowDown),
            Action::ClearFilters | Action::ImportSchemes | Action::ShareLive | Action::JoinLive => {
                return None;
            }
        })
    }

    /// Other shortcuts that do the same (Ctrl+Y for redo, Enter to edit).
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::Redo => Some(ctrl(Key::Y)),
            Action::EditText => Some(plain(Key::Enter)),
            Action::Delete => Some(plain(Key::Backspace)),
            _ => None,
        }
    }

    /// Whether the action works on a selection and needs the canvas to
    /// have keyboard focus (single keys such as Tab and F must not fire
    /// while the user types in a text field).
    pub fn needs_canvas_focus(self) -> bool {
        self.shortcut()
            .is_some_and(|s| s.modifiers.is_none() || s.modifiers == Modifiers::SHIFT)
            || matches!(
                self,
                Action::Copy
                    | Action::Cut
                    | Action::Paste
                    | Action::SelectAll
                    | Action::AddCoPremise
                    | Action::Back
                    | Action::Forward
                    | Action::StepEarlier
                    | Action::StepLater
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            for s in [a.shortcut(), a.alternate_shortcut()].into_iter().flatten() {
                assert!(
                    seen.insert((s.modifiers, s.logical_key)),
                    "{a:?} reuses a shortcut"
                );
            }
        }
    }
}
