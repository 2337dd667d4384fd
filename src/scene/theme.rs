//! Colours of the picture: a light theme for print and a dark one for the
//! screen. Every colour is `[u8; 4]` RGBA.

use crate::model::{InferenceKind, Role};

/// Which theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThemeName {
    /// Dark text on light fills: for print and documents.
    #[default]
    Light,
    /// Light text on dark fills: for the screen.
    Dark,
}

impl ThemeName {
    /// The name as typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
        }
    }

    /// Parses `light` or `dark`.
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name {
            "light" => Some(ThemeName::Light),
            "dark" => Some(ThemeName::Dark),
            _ => None,
        }
    }
}

/// The colours of a scene.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// The canvas behind everything.
    pub background: [u8; 4],
    /// Statement text.
    pub text: [u8; 4],
    /// Secondary text (legend notes, appendix sources).
    pub muted_text: [u8; 4],
    /// Outline of statement boxes.
    pub box_stroke: [u8; 4],
    /// Fill of the thesis box.
    pub thesis: [u8; 4],
    /// Fill of claim boxes.
    pub claim: [u8; 4],
    /// Fill of premise boxes.
    pub premise: [u8; 4],
    /// Fill of evidence boxes.
    pub evidence: [u8; 4],
    /// Fill of note boxes.
    pub note: [u8; 4],
    /// Support connectors and their edges.
    pub support: [u8; 4],
    /// Conflict connectors and their edges (rebuttals and undercuts).
    pub conflict: [u8; 4],
    /// Rephrase connectors and their edges.
    pub rephrase: [u8; 4],
    /// Fill of the evidence-count badge.
    pub badge_fill: [u8; 4],
    /// Text of the evidence-count badge.
    pub badge_text: [u8; 4],
}

impl Theme {
    /// The light theme, for print.
    pub fn light() -> Theme {
        Theme {
            name: ThemeName::Light,
            background: [255, 255, 255, 255],
            text: [31, 35, 40, 255],
            muted_text: [87, 96, 106, 255],
            box_stroke: [140, 149, 159, 255],
            thesis: [253, 226, 180, 255],
            claim: [221, 233, 252, 255],
            premise: [243, 245, 247, 255],
            evidence: [222, 242, 227, 255],
            note: [255, 247, 196, 255],
            support: [26, 127, 55, 255],
            conflict: [207, 34, 46, 255],
            rephrase: [120, 128, 138, 255],
            badge_fill: [9, 105, 218, 255],
            badge_text: [255, 255, 255, 255],
        }
    }

    /// The dark theme, for the screen.
    pub fn dark() -> Theme {
        Theme {
            name: ThemeName::Dark,
            background: [27, 29, 33, 255],
            text: [230, 232, 235, 255],
            muted_text: [150, 158, 168, 255],
            box_stroke: [96, 104, 115, 255],
            thesis: [96, 70, 30, 255],
            claim: [38, 53, 84, 255],
            premise: [47, 51, 58, 255],
            evidence: [33, 66, 45, 255],
            note: [82, 75, 30, 255],
            support: [63, 185, 80, 255],
            conflict: [248, 81, 73, 255],
            rephrase: [139, 148, 158, 255],
            badge_fill: [56, 139, 253, 255],
            badge_text: [255, 255, 255, 255],
        }
    }

    /// The theme called `name`.
    pub fn of(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
        }
    }

    /// The fill of a statement box with `role`.
    pub fn role_fill(&self, role: Role) -> [u8; 4] {
        match role {
            Role::Thesis => self.thesis,
            Role::Claim => self.claim,
            Role::Premise => self.premise,
            Role::Evidence => self.evidence,
            Role::Note => self.note,
        }
    }

    /// A strong colour for marking text of a statement with `role` (the
    /// source pane's underline under each quoted passage): at least 3:1
    /// against [`Theme::background`], WCAG 2.1 AA for graphics (checked
    /// in this module's tests), where the pale box fills are not.
    pub fn role_mark(&self, role: Role) -> [u8; 4] {
        let dark = self.name == ThemeName::Dark;
        match (role, dark) {
            (Role::Thesis, false) => [181, 101, 0, 255],
            (Role::Claim, false) => [31, 111, 235, 255],
            (Role::Premise, false) => [101, 109, 118, 255],
            (Role::Evidence, false) => [26, 127, 55, 255],
            (Role::Note, false) => [154, 103, 0, 255],
            (Role::Thesis, true) => [240, 160, 60, 255],
            (Role::Claim, true) => [88, 166, 255, 255],
            (Role::Premise, true) => [160, 168, 178, 255],
            (Role::Evidence, true) => [63, 185, 80, 255],
            (Role::Note, true) => [210, 170, 40, 255],
        }
    }

    /// The colour of connectors and edges of inferences of `kind`.
    pub fn kind_color(&self, kind: InferenceKind) -> [u8; 4] {
        match kind {
            InferenceKind::Support => self.support,
            InferenceKind::Conflict => self.conflict,
            InferenceKind::Rephrase => self.rephrase,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::light()
    }
}

/// WCAG 2.1 contrast ratio of two opaque colours (1–21), after the
/// relative-luminance formula of WCAG 2.1, section 1.4.3.
pub fn contrast_ratio(a: [u8; 4], b: [u8; 4]) -> f32 {
    fn channel(c: u8) -> f32 {
        let c = c as f32 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let lum = |c: [u8; 4]| 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role's mark, every inference colour and the evidence badge
    /// stand out from the background at 3:1 or more in both themes (WCAG
    /// AA for graphics), and the badge's number from the badge.
    #[test]
    fn marks_and_badges_meet_wcag_aa_for_graphics_in_both_themes() {
        for theme in [Theme::light(), Theme::dark()] {
            for role in Role::ALL {
                let r = contrast_ratio(theme.role_mark(role), theme.background);
                assert!(r >= 3.0, "{:?} {role:?} mark: {r:.2}", theme.name);
            }
            let badge = contrast_ratio(theme.badge_fill, theme.background);
            assert!(badge >= 3.0, "{:?} badge: {badge:.2}", theme.name);
            let number = contrast_ratio(theme.badge_text, theme.badge_fill);
            assert!(number >= 3.0, "{:?} badge number: {number:.2}", theme.name);
            for kind in InferenceKind::ALL {
                let k = contrast_ratio(theme.kind_color(kind), theme.background);
                assert!(k >= 3.0, "{:?} {kind:?} connector: {k:.2}", theme.name);
            }
            // The evaluation overlay's label badges and outlines.
            for label in [
                crate::eval::Label::In,
                crate::eval::Label::Out,
                crate::eval::Label::Undec,
            ] {
                let color = super::super::eval_marks::label_color(label);
                let l = contrast_ratio(color, theme.background);
                assert!(l >= 3.0, "{:?} {label:?} badge: {l:.2}", theme.name);
            }
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let r = contrast_ratio([0, 0, 0, 255], [255, 255, 255, 255]);
        assert!((r - 21.0).abs() < 0.01, "{r}");
    }

    #[test]
    fn themes_differ_and_parse() {
        assert_ne!(Theme::light().background, Theme::dark().background);
        for name in [ThemeName::Light, ThemeName::Dark] {
            assert_eq!(ThemeName::parse(name.as_str()), Some(name));
            assert_eq!(Theme::of(name).name, name);
        }
        assert_eq!(ThemeName::parse("blue"), None);
        let t = Theme::light();
        assert_ne!(
            t.kind_color(InferenceKind::Support),
            t.kind_color(InferenceKind::Conflict)
        );
    }
}
