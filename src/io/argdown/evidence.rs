//! Evidence as Argdown data on a statement, so that it survives a round
//! trip: `{evidence: [{id: e1, basis: web_page, text: "…", url: "…"}]}`.
//!
//! The keys are the native format's evidence fields (`id`, `basis`, `text`,
//! `url`, `citation`, `date`, `speaker`), written as YAML flow text. An
//! anchor into a source is not written: Argdown carries no sources, so the
//! exporter reports it as lost and the importer reports and drops an
//! `anchor` key it meets.

use super::text::{DataValue, quote_yaml};
use crate::model::Evidence;

/// The evidence fields written, in order, with their values.
fn fields(ev: &Evidence) -> [(&'static str, &str); 7] {
    [
        ("id", ev.id.as_str()),
        ("basis", ev.basis.as_str()),
        ("text", ev.text.as_str()),
        ("url", ev.url.as_str()),
        ("citation", ev.citation.as_str()),
        ("date", ev.date.as_str()),
        ("speaker", ev.speaker.as_str()),
    ]
}

/// One evidence item as a YAML flow mapping, empty fields left out.
/// Strings are double-quoted with [`quote_yaml`], which also keeps comment
/// openers (`<!--`, `//`) out of the line.
pub(super) fn evidence_to_data(ev: &Evidence) -> String {
    let parts: Vec<String> = fields(ev)
        .into_iter()
        .filter(|(k, v)| !v.is_empty() || *k == "text")
        .map(|(k, v)| match k {
            "id" | "basis" => format!("{k}: {v}"),
            _ => format!("{k}: {}", quote_yaml(v)),
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// An evidence item read back from its data. Unknown keys and values that
/// are not scalars are refused with a message naming them; an `anchor` is
/// dropped with a message (`Ok` with the note).
///
/// # Errors
/// A message when the item is not a mapping, or a field is not a plain
/// value, or `basis` is unknown.
pub(super) fn evidence_from_data(value: &DataValue) -> Result<(Evidence, Option<String>), String> {
    let DataValue::Map(pairs) = value else {
        return Err(format!(
            "`{}` is not a mapping of evidence fields",
            value.to_text()
        ));
    };
    let mut ev = Evidence::default();
    let mut note = None;
    for (key, v) in pairs {
        if key == "anchor" {
            note = Some("its anchor into a source is dropped (Argdown carries no sources)".into());
            continue;
        }
        let Some(text) = v.as_scalar() else {
            return Err(format!("evidence field '{key}' is not a plain value"));
        };
        let text = text.to_owned();
        match key.as_str() {
            "id" => ev.id = text,
            "basis" => {
                ev.basis = crate::model::Basis::ALL
                    .into_iter()
                    .find(|b| b.as_str() == text)
                    .ok_or_else(|| format!("unknown evidence basis '{text}'"))?;
            }
            "text" => ev.text = text,
            "url" => ev.url = text,
            "citation" => ev.citation = text,
            "date" => ev.date = text,
            "speaker" => ev.speaker = text,
            other => return Err(format!("unknown evidence field '{other}'")),
        }
    }
    Ok((ev, note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Basis;

    #[test]
    fn evidence_round_trips_through_flow_text() {
        let ev = Evidence {
            id: "e7".into(),
            basis: Basis::WebPage,
            text: "Quoted: \"a, b\" // not a comment <!-- nor this".into(),
            url: "https://example.org/x?a=1&b=2".into(),
            speaker: "Ana".into(),
            ..Evidence::default()
        };
        let text = evidence_to_data(&ev);
        let chars: Vec<char> = text.chars().collect();
        let (pairs, _) = super::super::text::parse_flow_map(
            &format!("{{e: {text}}}").chars().collect::<Vec<_>>(),
            0,
        )
        .unwrap();
        assert!(chars.len() > 10);
        let (back, note) = evidence_from_data(&pairs[0].1).unwrap();
        assert_eq!(back, ev);
        assert_eq!(note, None);
    }

    #[test]
    fn bad_items_are_refused_with_a_reason() {
        let list = DataValue::List(vec![]);
        assert!(evidence_from_data(&list).is_err());
        let bad = DataValue::Map(vec![("basis".into(), DataValue::Scalar("rumour".into()))]);
        assert!(evidence_from_data(&bad).unwrap_err().contains("rumour"));
    }
}
