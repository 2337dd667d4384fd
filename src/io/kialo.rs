//! Kialo discussion export (plain text): import.
//!
//! Kialo writes one claim per numbered line: `1.` the thesis, `1.1. Pro:`
//! and `1.1.1. Con:` the reasons and objections below it, and `-> See 1.2.`
//! for a claim that also stands under another one. Pros become support
//! inferences, cons conflict inferences; a cross-link adds a support or
//! attack from the referenced claim, not a new statement. Lines that do not
//! start a claim continue the one before (multi-line claims); CRLF line
//! ends and any depth are accepted. Lines that cannot be placed are
//! reported with their line number.

use std::collections::HashMap;

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{IdKind, Inference, InferenceKind, Map, Role, Statement};

/// Files larger than this are refused.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Options for reading a Kialo export.
#[derive(Clone, Debug, Default)]
pub struct KialoImportOptions {
    /// The map's title when the file has no `Discussion Title:` line.
    pub title: Option<String>,
}

/// One numbered line.
struct Claim {
    number: Vec<u32>,
    stance: Option<InferenceKind>,
    text: String,
    line: usize,
}

fn warn(line: usize, message: String) -> Warning {
    Warning {
        at: Some(Location {
            line: Some(line),
            ..Location::default()
        }),
        message,
    }
}

/// Splits `1.2.3. rest` into its number and the rest.
fn numbered(line: &str) -> Option<(Vec<u32>, &str)> {
    let mut number = Vec::new();
    let mut rest = line;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 || rest.as_bytes().get(digits) != Some(&b'.') {
            break;
        }
        number.push(rest[..digits].parse().ok()?);
        rest = &rest[digits + 1..];
    }
    (!number.is_empty() && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (number, rest.trim()))
}

/// Splits `Pro: text` / `Con: text` into stance and text.
fn stance(rest: &str) -> (Option<InferenceKind>, &str) {
    for (prefix, kind) in [
        ("Pro:", InferenceKind::Support),
        ("Con:", InferenceKind::Conflict),
    ] {
        if let Some(text) = rest.strip_prefix(prefix) {
            return (Some(kind), text.trim());
        }
    }
    (None, rest)
}

/// The claim number that a `-> See 1.2.` text refers to.
fn cross_link(text: &str) -> Option<Vec<u32>> {
    let rest = text.strip_prefix("->")?.trim_start();
    let rest = rest.strip_prefix("See")?.trim();
    // `-> See 1.2.`, `-> See 1.2` or `-> See 1.2. (the claim's text)`.
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let number = rest[..digits].trim_end_matches('.');
    numbered(&format!("{number}.")).map(|(n, _)| n)
}

/// Reads a Kialo text export.
pub fn import(text: &str, options: &KialoImportOptions) -> Result<Loaded, LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut title = options.title.clone();
    let mut claims: Vec<Claim> = Vec::new();
    let mut warnings = Vec::new();
    for (k, raw) in text.lines().enumerate() {
        let line_no = k + 1;
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() {
            continue;
        }
        if let Some(t) = line.strip_prefix("Discussion Title:") {
            title = Some(t.trim().to_owned());
            continue;
        }
        if let Some((number, rest)) = numbered(line) {
            let (stance, text) = stance(rest);
            claims.push(Claim {
                number,
                stance,
                text: text.to_owned(),
                line: line_no,
            });
        } else if let Some(last) = claims.last_mut() {
            last.text.push('\n');
            last.text.push_str(line);
        } else {
            warnings.push(warn(
                line_no,
                "text before the first numbered claim; skipped".into(),
            ));
        }
    }
    if claims.is_empty() {
        return Err(LoadError::new(LoadErrorKind::Schema(
            "not a Kialo export: no numbered claim such as \"1. …\"".into(),
        )));
    }
    let mut map = Map::new(title.unwrap_or_else(|| "Kialo import".into()));
    let mut by_number: HashMap<Vec<u32>, String> = HashMap::new();
    let mut links: Vec<&Claim> = Vec::new();
    let mut tree: Vec<(&Claim, String)> = Vec::new();
    for claim in &claims {
        if cross_link(&claim.text).is_some() {
            links.push(claim);
            continue;
        }
        if by_number.contains_key(&claim.number) {
            warnings.push(warn(
                claim.line,
                format!(
                    "claim {} is numbered twice; this one is skipped",
                    dotted(&claim.number)
                ),
            ));
            continue;
        }
        let role = if claim.number.len() == 1 {
            Role::Thesis
        } else {
            Role::Claim
        };
        let id = map.allocate_id(IdKind::Statement);
        map.add_statement(
            &id,
            Statement::new(claim.text.trim()).with_role(role),
            None,
            false,
        )
        .expect("a fresh id");
        by_number.insert(claim.number.clone(), id.clone());
        tree.push((claim, id));
    }
    for (claim, id) in &tree {
        if claim.number.len() == 1 {
            continue;
        }
        place(&mut map, &mut warnings, &by_number, claim, id);
    }
    for claim in links {
        let target = cross_link(&claim.text).expect("checked above");
        match by_number.get(&target) {
            Some(id) => place(&mut map, &mut warnings, &by_number, claim, &id.clone()),
            None => warnings.push(warn(
                claim.line,
                format!(
                    "the cross-link refers to claim {}, which does not exist; skipped",
                    dotted(&target)
                ),
            )),
        }
    }
    Ok(Loaded { map, warnings })
}

/// Ties claim `id` (numbered `claim.number`) to its parent claim.
fn place(
    map: &mut Map,
    warnings: &mut Vec<Warning>,
    by_number: &HashMap<Vec<u32>, String>,
    claim: &Claim,
    id: &str,
) {
    let parent_number = &claim.number[..claim.number.len() - 1];
    if parent_number.is_empty() {
        warnings.push(warn(
            claim.line,
            "a cross-link at the top level has no parent; skipped".into(),
        ));
        return;
    }
    let Some(parent) = by_number.get(parent_number) else {
        warnings.push(warn(
            claim.line,
            format!(
                "claim {} has no parent claim {}; it is kept unconnected",
                dotted(&claim.number),
                dotted(parent_number)
            ),
        ));
        return;
    };
    let kind = claim.stance.unwrap_or_else(|| {
        warnings.push(warn(
            claim.line,
            format!(
                "claim {} is neither Pro nor Con; read as Pro",
                dotted(&claim.number)
            ),
        ));
        InferenceKind::Support
    });
    let inf = map.allocate_id(IdKind::Inference);
    if let Err(e) = map.add_inference(&inf, Inference::new(kind), &[id], parent, None, false) {
        warnings.push(warn(
            claim.line,
            format!("claim {} cannot be linked: {e}", dotted(&claim.number)),
        ));
    }
}

fn dotted(number: &[u32]) -> String {
    number.iter().map(|n| format!("{n}.")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        import(text, &KialoImportOptions::default()).expect("imports")
    }

    #[test]
    fn tree_with_pros_cons_and_cross_link() {
        let text = "Discussion Title: Tax meat?\r\n\r\n1. Meat should be taxed.\r\n1.1. Pro: It harms the climate.\r\n1.1.1. Con: Some farming\r\nstores carbon.\r\n1.2. Con: It hurts the poor.\r\n1.3. Con: -> See 1.1.1.\r\n";
        let got = load(text);
        let map = &got.map;
        assert_eq!(map.meta().title, "Tax meat?");
        assert_eq!(map.statement_count(), 4);
        assert_eq!(map.inference_count(), 4);
        assert_eq!(
            map.statement("s3").unwrap().text,
            "Some farming\nstores carbon."
        );
        let link = map
            .nodes_sorted()
            .into_iter()
            .rfind(|n| !n.is_statement())
            .unwrap()
            .id
            .clone();
        assert_eq!(map.premise_ids(&link), ["s3"]);
        assert_eq!(map.target_id(&link), Some("s1"));
        assert_eq!(map.inference(&link).unwrap().kind, InferenceKind::Conflict);
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    }

    #[test]
    fn deep_and_broken_lines_are_reported_with_line_numbers() {
        let mut text = String::from("intro\n1. Root\n");
        let mut number = String::from("1.");
        for _ in 0..30 {
            number.push_str("1.");
            text.push_str(&format!("{number} Pro: deeper\n"));
        }
        text.push_str("1.7.7. Con: orphan\n1.9. Pro: -> See 4.4.\n");
        let got = load(&text);
        assert_eq!(got.map.statement_count(), 32);
        assert_eq!(got.map.inference_count(), 30);
        let lines: Vec<usize> = got
            .warnings
            .iter()
            .filter_map(|w| w.at.as_ref()?.line)
            .collect();
        assert_eq!(lines, [1, 33, 34]);
    }

    #[test]
    fn not_kialo_is_an_error() {
        assert!(import("", &KialoImportOptions::default()).is_err());
        assert!(import("hello\nworld", &KialoImportOptions::default()).is_err());
    }

    #[test]
    fn numbers_parse() {
        assert_eq!(numbered("1.2.3. Pro: x"), Some((vec![1, 2, 3], "Pro: x")));
        assert_eq!(numbered("1.2 x"), None);
        assert_eq!(numbered("1990s were fine"), None);
        assert_eq!(cross_link("-> See 1.2."), Some(vec![1, 2]));
        assert_eq!(cross_link("-> See 1.2"), Some(vec![1, 2]));
        assert_eq!(cross_link("-> See 1.2. Some claim"), Some(vec![1, 2]));
        assert_eq!(cross_link("-> See nothing"), None);
    }
}
