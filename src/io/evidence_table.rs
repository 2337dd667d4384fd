//! The Evidence table: one row per evidence item in a map, with pure
//! functions to sort and filter the rows and to export them as Markdown or
//! CSV. The app's Evidence panel shows these rows; nothing here touches UI.

use std::cmp::Ordering;

use crate::model::{Basis, Map, Node};

/// Where an anchored quote sits in its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// First quoted char (Unicode scalar offset).
    pub start: usize,
    /// Just past the last quoted char.
    pub end: usize,
    /// The 1-based line of the source on which the quote starts.
    pub line: usize,
    /// Whether the quote was lost when the source changed (the offsets are
    /// then stale).
    pub orphaned: bool,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.orphaned {
            write!(f, "orphaned (was chars {}–{})", self.start, self.end)
        } else {
            write!(f, "line {}, chars {}–{}", self.line, self.start, self.end)
        }
    }
}

/// One evidence item, as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceRow {
    /// The evidence item's id.
    pub evidence_id: String,
    /// The id of the statement it backs.
    pub statement_id: String,
    /// That statement's text.
    pub statement: String,
    /// What kind of backing it is.
    pub basis: Basis,
    /// The quote, or what the evidence says.
    pub text: String,
    /// The title of the quoted source (its id if untitled); empty when the
    /// item has no anchor.
    pub source: String,
    /// Where the quote sits, when anchored.
    pub location: Option<Location>,
    /// Its web address, if any.
    pub url: String,
}

/// A column of the table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The statement's text.
    Statement,
    /// The basis, in [`Basis::ALL`] order.
    Basis,
    /// The evidence text.
    Text,
    /// The source title.
    Source,
    /// The place in the source (source, then offset; unanchored rows last).
    Location,
    /// The URL.
    Url,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 6] = [
        Column::Statement,
        Column::Basis,
        Column::Text,
        Column::Source,
        Column::Location,
        Column::Url,
    ];

    /// The column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Statement => "Statement",
            Column::Basis => "Basis",
            Column::Text => "Evidence",
            Column::Source => "Source",
            Column::Location => "Location",
            Column::Url => "URL",
        }
    }
}

/// Every evidence item of `map`, in statement id order and, within a
/// statement, in its evidence order.
pub fn rows(map: &Map) -> Vec<EvidenceRow> {
    let mut out = Vec::new();
    for node in map.nodes_sorted() {
        let Some(st) = Node::as_statement(node) else {
            continue;
        };
        for ev in &st.evidence {
            let (source, location) = match &ev.anchor {
                None => (String::new(), None),
                Some(a) => {
                    let src = map.source(&a.source);
                    let title = src
                        .map(|s| s.title.trim())
                        .filter(|t| !t.is_empty())
                        .unwrap_or(&a.source);
                    let line = src.map_or(1, |s| line_of(&s.text, a.start));
                    (
                        title.to_owned(),
                        Some(Location {
                            start: a.start,
                            end: a.end,
                            line,
                            orphaned: a.orphaned,
                        }),
                    )
                }
            };
            out.push(EvidenceRow {
                evidence_id: ev.id.clone(),
                statement_id: node.id.clone(),
                statement: st.text.clone(),
                basis: ev.basis,
                text: ev.text.clone(),
                source,
                location,
                url: ev.url.clone(),
            });
        }
    }
    out
}

/// The 1-based line on which char offset `start` of `text` lies.
fn line_of(text: &str, start: usize) -> usize {
    1 + text.chars().take(start).filter(|&c| c == '\n').count()
}

/// Sorts `rows` by `column` (text compared case-insensitively), ascending
/// or descending; ties keep statement id, then evidence id order, so the
/// result is the same whatever order the rows came in.
pub fn sort_rows(rows: &mut [EvidenceRow], column: Column, ascending: bool) {
    rows.sort_by(|a, b| {
        let primary = compare(a, b, column);
        let primary = if ascending {
            primary
        } else {
            primary.reverse()
        };
        primary
            .then_with(|| a.statement_id.cmp(&b.statement_id))
            .then_with(|| a.evidence_id.cmp(&b.evidence_id))
    });
}

fn compare(a: &EvidenceRow, b: &EvidenceRow, column: Column) -> Ordering {
    let text = |x: &str, y: &str| x.to_lowercase().cmp(&y.to_lowercase());
    match column {
        Column::Statement => text(&a.statement, &b.statement),
        Column::Basis => a.basis.cmp(&b.basis),
        Column::Text => text(&a.text, &b.text),
        Column::Source => text(&a.source, &b.source),
        Column::Location => {
            let key = |r: &EvidenceRow| r.location.as_ref().map(|l| (l.start, l.end));
            match (key(a), key(b)) {
                (Some(x), Some(y)) => text(&a.source, &b.source).then(x.cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        Column::Url => text(&a.url, &b.url),
    }
}

/// The rows that match `query`: every whitespace-separated word of it must
/// occur, case-insensitively, in some column (statement id and text, basis,
/// evidence text, source, location or URL). An empty query keeps all rows.
pub fn filter_rows(rows: &[EvidenceRow], query: &str) -> Vec<EvidenceRow> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    rows.iter()
        .filter(|row| {
            let hay =
                cells(row).join("\n").to_lowercase() + "\n" + &row.statement_id.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .cloned()
        .collect()
}

/// A row's cells, in [`Column::ALL`] order, as shown and exported.
pub fn cells(row: &EvidenceRow) -> [String; 6] {
    [
        row.statement.clone(),
        row.basis.label().to_owned(),
        row.text.clone(),
        row.source.clone(),
        row.location
            .as_ref()
            .map(Location::to_string)
            .unwrap_or_default(),
        row.url.clone(),
    ]
}

/// The rows as a GitHub-flavoured Markdown table. In every cell `\` and `|`
/// are backslash-escaped and line breaks become spaces, so no user text
/// can break the table.
pub fn to_markdown(rows: &[EvidenceRow]) -> String {
    let mut out = String::new();
    let headings: Vec<&str> = Column::ALL.iter().map(|c| c.heading()).collect();
    out.push_str(&format!("| {} |\n", headings.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(headings.len())));
    for row in rows {
        let cells: Vec<String> = cells(row).iter().map(|c| markdown_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn markdown_cell(text: &str) -> String {
    let one_line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    one_line.trim().replace('\\', "\\\\").replace('|', "\\|")
}

/// The rows as CSV (RFC 4180): a header line, CRLF line ends, and fields
/// that hold a comma, double quote, CR or LF enclosed in double quotes with
/// inner quotes doubled. The statement id comes first, then
/// [`Column::ALL`].
pub fn to_csv(rows: &[EvidenceRow]) -> String {
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    let mut header = vec!["Statement ID".to_owned()];
    header.extend(Column::ALL.iter().map(|c| c.heading().to_owned()));
    line(header);
    for row in rows {
        let mut fields = vec![row.statement_id.clone()];
        fields.extend(cells(row));
        line(fields);
    }
    out
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
#[path = "evidence_table_tests.rs"]
mod tests;
