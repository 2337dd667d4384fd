//! Unit tests of the Evidence table rows, sorting, filtering and exports.

use super::*;
use crate::model::{Anchor, Evidence, Map, Source, Statement};

fn row(statement_id: &str, statement: &str, basis: Basis, text: &str, url: &str) -> EvidenceRow {
    EvidenceRow {
        evidence_id: format!("ev-{statement_id}"),
        statement_id: statement_id.into(),
        statement: statement.into(),
        basis,
        text: text.into(),
        source: String::new(),
        location: None,
        url: url.into(),
    }
}

fn sample() -> Vec<EvidenceRow> {
    vec![
        row("b", "beta claim", Basis::Statistic, "38% less", ""),
        row(
            "a",
            "Alpha claim",
            Basis::Quote,
            "said | so",
            "https://x.org/a",
        ),
        row(
            "c",
            "alpha claim",
            Basis::WebPage,
            "page",
            "https://x.org/c",
        ),
    ]
}

fn ids(rows: &[EvidenceRow]) -> Vec<&str> {
    rows.iter().map(|r| r.statement_id.as_str()).collect()
}

#[test]
fn rows_carry_source_title_and_line() {
    let mut map = Map::new("t");
    let text = "Первая строка.\nВторая “строка” here.\n";
    map.add_source(Source {
        id: "s".into(),
        title: "Речь".into(),
        text: text.into(),
        ..Source::default()
    })
    .unwrap();
    let start = text.chars().position(|c| c == '“').unwrap();
    let mut st = Statement::new("claim");
    st.evidence.push(Evidence {
        id: "e1".into(),
        text: "“строка”".into(),
        anchor: Anchor::from_range("s", text, start, start + 8),
        ..Evidence::default()
    });
    st.evidence.push(Evidence {
        id: "e2".into(),
        basis: Basis::CommonKnowledge,
        text: "everyone knows".into(),
        ..Evidence::default()
    });
    map.add_statement("st", st, None, false).unwrap();
    let rows = rows(&map);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].source, "Речь");
    let loc = rows[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.start, loc.end), (2, start, start + 8));
    assert_eq!(
        loc.to_string(),
        format!("line 2, chars {start}–{}", start + 8)
    );
    assert_eq!(rows[1].source, "");
    assert_eq!(rows[1].location, None);
}

#[test]
fn orphaned_locations_say_so() {
    let loc = Location {
        start: 3,
        end: 9,
        line: 1,
        orphaned: true,
    };
    assert_eq!(loc.to_string(), "orphaned (was chars 3–9)");
}

#[test]
fn sorting_by_each_column_is_deterministic() {
    let mut rows = sample();
    sort_rows(&mut rows, Column::Statement, true);
    // "Alpha claim" and "alpha claim" tie case-insensitively: id order.
    assert_eq!(ids(&rows), ["a", "c", "b"]);
    sort_rows(&mut rows, Column::Statement, false);
    assert_eq!(ids(&rows), ["b", "a", "c"]);
    sort_rows(&mut rows, Column::Basis, true);
    assert_eq!(ids(&rows), ["a", "b", "c"]);
    sort_rows(&mut rows, Column::Url, true);
    assert_eq!(ids(&rows), ["b", "a", "c"]);
    let mut again = sample();
    again.reverse();
    sort_rows(&mut again, Column::Url, true);
    assert_eq!(again, rows);
}

#[test]
fn filtering_needs_every_word_somewhere() {
    let rows = sample();
    assert_eq!(ids(&filter_rows(&rows, "")), ["b", "a", "c"]);
    assert_eq!(ids(&filter_rows(&rows, "ALPHA")), ["a", "c"]);
    assert_eq!(ids(&filter_rows(&rows, "alpha page")), ["c"]);
    assert_eq!(ids(&filter_rows(&rows, "statistic")), ["b"]);
    assert!(filter_rows(&rows, "nothing-like-this").is_empty());
}

#[test]
fn markdown_escapes_pipes_backslashes_and_breaks() {
    let mut r = row("a", "one\ntwo", Basis::Quote, "a | b \\| c", "");
    r.url = "https://x.org/?q=a|b".into();
    let md = to_markdown(&[r]);
    let body = md.lines().nth(2).unwrap();
    assert_eq!(
        body,
        "| one two | quote | a \\| b \\\\\\| c |  |  | https://x.org/?q=a\\|b |"
    );
    assert_eq!(md.lines().count(), 3);
}

#[test]
fn csv_quotes_per_rfc_4180() {
    let r = row(
        "a",
        "He said \"no\", twice",
        Basis::Quote,
        "line 1\nline 2",
        "plain",
    );
    let csv = to_csv(&[r]);
    assert_eq!(
        csv,
        "Statement ID,Statement,Basis,Evidence,Source,Location,URL\r\n\
         a,\"He said \"\"no\"\", twice\",quote,\"line 1\nline 2\",,,plain\r\n"
    );
}
