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
//!
//! Two layouts exist ([`Layout`]). The older one starts with
//! `Discussion Title: …` and has the stance and text on the numbered line.
//! The newer one starts with `Discussion Name:` and the title on the next
//! line, writes `1. Thesis:`, puts the stance (`1.1. Pro:`) and the text on
//! separate indented lines, cites sources with footnote markers `[n]` and
//! lists them under a trailing `Sources:` heading. Sources become web-page
//! evidence on the claims that cite them, never statements. In both layouts
//! backslash escapes are removed and Markdown links `[text](url)` become
//! web-page evidence, the link text staying in the claim ([`markup`]).

use std::collections::HashMap;

mod markup;
#[cfg(test)]
mod tests;

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{Basis, Evidence, IdKind, Inference, InferenceKind, Map, Role, Statement};
use markup::Source;

/// Which of Kialo's text export layouts a file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `Discussion Title: …`; `1.1. Pro: text` on one line.
    Old,
    /// `Discussion Name:`; `1. Thesis:`; stance and text on separate
    /// lines; footnotes `[n]` and a trailing `Sources:` section.
    New,
}

/// Tells the layout of a Kialo export: [`Layout::New`] when it has a
/// `Discussion Name:` header, a `1. Thesis:` line or a numbered line holding
/// only its stance (`1.1. Pro:`); otherwise [`Layout::Old`].
pub fn detect_layout(text: &str) -> Layout {
    let new = text.lines().any(|raw| {
        let line = raw.trim();
        if line.starts_with("Discussion Name:") {
            return true;
        }
        numbered(line).is_some_and(|(number, rest)| {
            (number.len() == 1 && rest.starts_with("Thesis:"))
                || (number.len() > 1 && matches!(rest, "Pro:" | "Con:"))
        })
    });
    if new { Layout::New } else { Layout::Old }
}

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
    let layout = detect_layout(text);
    let mut title = options.title.clone();
    let mut title_next = false;
    let mut claims: Vec<Claim> = Vec::new();
    let mut warnings = Vec::new();
    let mut source_lines: Option<Vec<(usize, &str)>> = None;
    for (k, raw) in text.lines().enumerate() {
        let line_no = k + 1;
        let line = raw.trim_end_matches('\r').trim();
        if let Some(lines) = source_lines.as_mut() {
            lines.push((line_no, line));
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if title_next {
            title = Some(markup::unescape(line));
            title_next = false;
            continue;
        }
        let header = line
            .strip_prefix("Discussion Title:")
            .or_else(|| line.strip_prefix("Discussion Name:"));
        if let Some(t) = header.filter(|_| claims.is_empty()) {
            if t.trim().is_empty() {
                title_next = true;
            } else {
                title = Some(markup::unescape(t.trim()));
            }
            continue;
        }
        if layout == Layout::New && line == "Sources:" {
            source_lines = Some(Vec::new());
            continue;
        }
        if let Some((number, rest)) = numbered(line) {
            let rest = match layout {
                Layout::New if number.len() == 1 => rest.strip_prefix("Thesis:").unwrap_or(rest),
                _ => rest,
            };
            let (stance, text) = stance(rest.trim());
            claims.push(Claim {
                number,
                stance,
                text: text.to_owned(),
                line: line_no,
            });
        } else if let Some(last) = claims.last_mut() {
            if !last.text.is_empty() {
                last.text.push('\n');
            }
            last.text.push_str(line);
        } else {
            warnings.push(warn(
                line_no,
                "text before the first numbered claim; skipped".into(),
            ));
        }
    }
    let sources = markup::sources(source_lines.as_deref().unwrap_or(&[]), &mut warnings);
    if claims.is_empty() {
        return Err(LoadError::new(LoadErrorKind::Schema(
            "not a Kialo export: no numbered claim such as \"1. …\"".into(),
        )));
    }
    let mut map = Map::new(title.unwrap_or_else(|| "Kialo import".into()));
    let mut by_number: HashMap<Vec<u32>, String> = HashMap::new();
    let mut links: Vec<&Claim> = Vec::new();
    let mut tree: Vec<(&Claim, String)> = Vec::new();
    let mut cited: Vec<u32> = Vec::new();
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
        let statement = statement(
            &mut map,
            &mut warnings,
            &sources,
            &mut cited,
            claim,
            role,
            layout,
        );
        map.add_statement(&id, statement, None, false)
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
    for source in &sources {
        if !cited.contains(&source.number) {
            warnings.push(warn(
                source.line,
                format!("source [{}] is cited by no claim; skipped", source.number),
            ));
        }
    }
    warnings.sort_by_key(|w| w.at.as_ref().and_then(|a| a.line));
    Ok(Loaded { map, warnings })
}

/// The statement for `claim`: its text without markup, with one evidence
/// item per cited source (in citing order) and per Markdown link. The
/// numbers of the sources cited are added to `cited`.
fn statement(
    map: &mut Map,
    warnings: &mut Vec<Warning>,
    sources: &[Source],
    cited: &mut Vec<u32>,
    claim: &Claim,
    role: Role,
    layout: Layout,
) -> Statement {
    let marked = markup::mark(&claim.text, &|n| sources.iter().any(|s| s.number == n));
    let mut statement = Statement::new(marked.text.trim()).with_role(role);
    for n in &marked.footnotes {
        let Some(source) = sources.iter().find(|s| s.number == *n) else {
            continue;
        };
        if !cited.contains(n) {
            cited.push(*n);
        }
        let basis = if source.url.is_empty() {
            Basis::Publication
        } else {
            Basis::WebPage
        };
        statement.evidence.push(Evidence {
            id: map.allocate_id(IdKind::Evidence),
            basis,
            text: source.quote.clone(),
            url: source.url.clone(),
            citation: source.citation.clone(),
            ..Evidence::default()
        });
    }
    for link in &marked.links {
        statement.evidence.push(Evidence {
            id: map.allocate_id(IdKind::Evidence),
            basis: Basis::WebPage,
            text: link.text.clone(),
            url: link.url.clone(),
            ..Evidence::default()
        });
    }
    if layout == Layout::New {
        for n in &marked.unknown {
            warnings.push(warn(
                claim.line,
                format!(
                    "claim {} cites [{n}], which is not listed under \"Sources:\"; the marker is kept in the text",
                    dotted(&claim.number)
                ),
            ));
        }
    }
    if statement.text.is_empty() {
        warnings.push(warn(
            claim.line,
            format!("claim {} has no text", dotted(&claim.number)),
        ));
    }
    statement
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
