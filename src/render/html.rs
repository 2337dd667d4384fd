//! HTML export (`argmap export MAP OUT.html`): one self-contained web page
//! to explore a map in any current browser, offline and with no network
//! request.
//!
//! The page holds:
//! - the drawing, the same [`crate::scene::Figure`] as the SVG export,
//!   inline (`<svg>` inside the body), its fonts as `@font-face` data URLs
//!   (only the fonts the drawing's text uses, as in the SVG export);
//! - the map's data as JSON ([`super::html_data::PageData`]) in a
//!   `<script type="application/json" id="argmap-data">` block, escaped by
//!   [`script_json`] so no map text can end the element or open markup;
//! - the viewer: `assets/html/viewer.js` and `viewer.css`, small and
//!   hand-written, embedded at build time. The script puts user text into
//!   the page only as text nodes.
//!
//! A Content-Security-Policy meta tag allows nothing but the page's one
//! inline script and one inline style, by SHA-256 hash (CSP Level 3,
//! "hash-source"), and `data:` fonts: no remote source of any kind.

use std::fmt::Write;

use base64::Engine;
use sha2::{Digest, Sha256};

use super::ExportError;
use super::html_data::page_data;
use super::svg::{self, Fonts};
use crate::model::Map;
use crate::scene::{FigureOptions, SceneOptions, TextMeasurer, ThemeName};

/// The viewer script, embedded at build time.
pub const VIEWER_JS: &str = include_str!("../../assets/html/viewer.js");
/// The viewer's style sheet, embedded at build time.
pub const VIEWER_CSS: &str = include_str!("../../assets/html/viewer.css");

/// How to write the page.
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions {
    /// Light (print) or dark (screen) colours of the drawing.
    pub theme: ThemeName,
    /// Draw the evaluation badges for these verdicts, and list the labels
    /// in the side panel. When `None` but a tour step asks for the label
    /// overlay, the page still carries the marks of the map's own
    /// semantics, hidden except at those steps (see [`tour_verdicts`]).
    pub eval: Option<crate::eval::Verdicts>,
    /// Add the legend of colours and symbols below the map.
    pub legend: bool,
}

/// The page of `map` with `options`, as HTML text (UTF-8).
///
/// Errors: [`ExportError::Data`] if the data block cannot be serialised
/// (serde_json fails only on maps with non-string keys, which the data has
/// none of, so this is a guard, not an expected outcome).
pub fn export(
    map: &Map,
    measurer: &TextMeasurer,
    options: &HtmlOptions,
) -> Result<String, ExportError> {
    let eval_shown = options.eval.is_some();
    let verdicts = options.eval.clone().or_else(|| tour_verdicts(map));
    let figure = crate::scene::figure(
        map,
        measurer,
        &FigureOptions {
            scene: SceneOptions {
                theme: options.theme,
                ..SceneOptions::default()
            },
            legend: options.legend,
            evidence_appendix: false,
            eval: verdicts.clone(),
        },
    );
    let mut drawing = String::with_capacity(256 * (figure.scene.boxes.len() + 8) + 600_000);
    let font_css = svg::draw(&mut drawing, &figure, measurer, Fonts::Returned);
    let data = page_data(map, &figure.scene, verdicts.as_ref(), eval_shown);
    let json = serde_json::to_string(&data).map_err(|e| ExportError::Data(e.to_string()))?;
    // Around the drawing, the stage shows the drawing's own background.
    let style = format!(
        "{VIEWER_CSS}\n#stage {{ background: {}; }}\n{font_css}",
        svg::hex(figure.scene.theme.background)
    );
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; font-src data:; \
         base-uri 'none'; form-action 'none'",
        csp_hash(VIEWER_JS),
        csp_hash(&style)
    );
    let title = if map.meta().title.is_empty() {
        "Argument map".to_owned()
    } else {
        map.meta().title.clone()
    };
    let mut out = String::with_capacity(drawing.len() + json.len() + style.len() + 8_000);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\" data-theme=\"{theme}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Argmap {version}\">\n\
         <title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        theme = match options.theme {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
        },
        version = env!("CARGO_PKG_VERSION"),
        title = svg::escape(&title),
    );
    out.push_str(BODY_TOP);
    // Big maps draw node text only when readable and in view (viewer.js).
    out.push_str(if map.node_count() > LOD_MIN_NODES {
        STAGE_LOD
    } else {
        STAGE
    });
    out.push_str(&drawing);
    out.push_str(BODY_BOTTOM);
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"argmap-data\">{}</script>\n<script>{VIEWER_JS}</script>\n</body>\n</html>\n",
        script_json(&json)
    );
    Ok(out)
}

/// The verdicts of the map's own semantics when one of its tour steps
/// asks for the label overlay (`overlay: evaluation_labels`), as present
/// mode shows at such a step; `None` when no step asks, or when the
/// semantics does not converge on the map.
pub fn tour_verdicts(map: &Map) -> Option<crate::eval::Verdicts> {
    let asked = map.tours().iter().any(|t| {
        t.steps
            .iter()
            .any(|s| s.overlay == Some(crate::model::Overlay::EvaluationLabels))
    });
    if !asked {
        return None;
    }
    crate::eval::verdicts(map, map.eval_inputs().options.semantics).ok()
}

/// The page's fixed frame around the drawing: toolbar, outline, stage.
/// Every user string is filled in later by the script, as text.
const BODY_TOP: &str = r#"<header id="bar">
<h1 id="map-title"></h1>
<div class="tools">
<input id="search" type="search" placeholder="Search statements" aria-label="Search statements" autocomplete="off">
<span id="search-count" aria-live="polite"></span>
<button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="fit" title="Fit the map (0)">Fit</button>
</div>
<div id="tour" class="tools" hidden>
<select id="tour-pick" aria-label="Tour"></select>
<button id="tour-start">Start tour</button>
<button id="tour-prev" title="Previous step (←)" aria-label="Previous step" disabled>◀</button>
<span id="tour-pos" aria-live="polite"></span>
<button id="tour-next" title="Next step (→)" aria-label="Next step" disabled>▶</button>
<button id="tour-end" disabled>End tour</button>
</div>
</header>
<main>
<nav id="side" aria-label="Outline and search hits">
<ol id="hits" hidden></ol>
<h2>Outline</h2>
<ul id="outline" class="tree"></ul>
</nav>
"#;

/// The stage holding the drawing.
const STAGE: &str = "<div id=\"stage\" tabindex=\"0\" aria-label=\"Argument map; drag to pan, wheel or + and - to zoom\">\n";
/// The stage of a big map: the viewer hides node text that is too small
/// to read or out of view (level of detail, as on the canvas).
const STAGE_LOD: &str = "<div id=\"stage\" class=\"lod\" tabindex=\"0\" aria-label=\"Argument map; drag to pan, wheel or + and - to zoom\">\n";

/// From how many nodes (statements and inferences) on the page draws node
/// text only where it is readable and in view. Below it every text is
/// drawn from the start; above, the layout of tens of thousands of
/// sub-pixel text elements would hold back the first picture (a
/// 10,000-statement map: 12.5 s to the drawn map with every text, 3.5–5 s
/// with level of detail, in headless Chromium on a busy 2-core machine).
pub const LOD_MIN_NODES: usize = 1_000;

const BODY_BOTTOM: &str = r#"<div id="tour-note" hidden></div>
</div>
<aside id="panel" aria-live="polite"><p class="hint">Click a statement to see its text, evidence, reasons and objections.</p></aside>
</main>
"#;

/// `json` made safe inside a `<script type="application/json">` element:
/// `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no text can
/// close the element (`</script>`) or open a comment (`<!--`) that would
/// change where it ends (HTML's "script data escaped" states); U+2028 and
/// U+2029 become `\u2028`, `\u2029`, so the text is also a valid JavaScript
/// literal. `json` must be serde_json output: these characters occur only
/// inside its strings, where the escapes mean the same characters, so
/// `JSON.parse` returns exactly the original data.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP hash-source of an inline script or style's text:
/// `sha256-` and the base64 of its SHA-256 digest (CSP Level 3 §2.3.1).
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_hides_every_way_out_of_the_element() {
        let text = "</script><!-- <script>x</script> & \u{2028}\u{2029}";
        let json = serde_json::to_string(&serde_json::json!({ "t": text })).unwrap();
        let safe = script_json(&json);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} left in {safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn csp_hash_matches_a_known_digest() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn viewer_cannot_end_its_own_elements() {
        assert!(!VIEWER_JS.to_ascii_lowercase().contains("</script"));
        assert!(!VIEWER_CSS.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn page_has_drawing_data_and_hashed_policy() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let html = export(&map, &TextMeasurer::new(), &HtmlOptions::default()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<?xml"));
        assert_eq!(
            html.matches("class=\"statement\"").count(),
            map.statement_count()
        );
        let csp_at = html.find("Content-Security-Policy").unwrap();
        assert!(csp_at < html.find("<style>").unwrap());
        assert!(html.contains(&csp_hash(VIEWER_JS)));
        // The style's hash is of exactly the text between its tags.
        let style = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
        assert!(html.contains(&csp_hash(style)));
    }

    #[test]
    fn eval_draws_the_overlay_and_lists_the_labels_with_the_legend() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let verdicts = crate::eval::verdicts(&map, crate::model::EvalSemantics::Grounded).unwrap();
        // Every node with a label carries it in the page, but notes (remarks,
        // left unmarked as on the canvas).
        let is_note = |id: &str| {
            map.statement(id)
                .is_some_and(|s| s.role == crate::model::Role::Note)
        };
        let labelled = verdicts.labels.keys().filter(|id| !is_note(id)).count();
        assert!(labelled > 0 && labelled < verdicts.labels.len());
        let options = HtmlOptions {
            eval: Some(verdicts),
            legend: true,
            ..HtmlOptions::default()
        };
        let html = export(&map, &TextMeasurer::new(), &options).unwrap();
        assert!(html.contains("<g id=\"evaluation\" data-semantics=\"grounded\">"));
        assert!(html.contains("<g id=\"legend\">"));
        // The legend's overlay entries sit in the group the page dims while
        // the overlay is off, and only they do.
        let group = html.find("<g class=\"legend-evaluation\">").unwrap();
        let in_entry = html
            .find(">IN: accepted under grounded semantics<")
            .unwrap();
        assert!(group < in_entry);
        assert!(html[..group].contains("support: premises give a reason"));
        assert!(VIEWER_CSS.contains("html[data-overlay=\"none\"] #stage .legend-evaluation"));
        let at = html.find("id=\"argmap-data\">").unwrap() + 17;
        let end = at + html[at..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[at..end]).unwrap();
        assert_eq!(data["semantics"], "grounded");
        let with_label = ["statements", "inferences"]
            .iter()
            .flat_map(|k| data[k].as_array().unwrap())
            .filter(|n| n["label"].is_string())
            .count();
        assert_eq!(with_label, labelled);
    }

    /// The JSON data block of `html`.
    fn data_of(html: &str) -> serde_json::Value {
        let at = html.find("id=\"argmap-data\">").unwrap() + 17;
        let end = at + html[at..].find("</script>").unwrap();
        serde_json::from_str(&html[at..end]).unwrap()
    }

    #[test]
    fn a_tour_step_asking_for_labels_brings_the_overlay_hidden_outside_it() {
        let text = include_str!("../../tests/fixtures/html/tour-overlay.argmap.json");
        let load = |t: &str| {
            crate::io::native::from_str(t, &crate::io::native::LoadOptions::default())
                .unwrap()
                .map
        };
        let map = load(text);
        let html = export(&map, &TextMeasurer::new(), &HtmlOptions::default()).unwrap();
        assert!(html.contains("<g id=\"evaluation\" data-semantics=\"grounded\">"));
        let data = data_of(&html);
        assert_eq!(data["eval_shown"], false);
        assert_eq!(data["semantics"], "grounded");
        let steps = data["tours"][0]["steps"].as_array().unwrap();
        let overlays: Vec<_> = steps.iter().map(|s| s["overlay"].clone()).collect();
        assert_eq!(
            overlays,
            [
                serde_json::Value::Null,
                "evaluation_labels".into(),
                serde_json::Value::Null
            ]
        );
        // Without such a step nothing is evaluated.
        let without = text.replace(",\n     \"overlay\": \"evaluation_labels\"", "");
        assert_ne!(without, text);
        let map = load(&without);
        assert!(tour_verdicts(&map).is_none());
        let plain = export(&map, &TextMeasurer::new(), &HtmlOptions::default()).unwrap();
        assert!(!plain.contains("id=\"evaluation\""));
        assert_eq!(data_of(&plain)["semantics"], serde_json::Value::Null);
    }
}
