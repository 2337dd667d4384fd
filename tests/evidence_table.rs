//! Snapshots of the Evidence table exports of the bundled example map.

use argmap::io::evidence_table::{Column, filter_rows, rows, sort_rows, to_csv, to_markdown};

fn example_rows() -> Vec<argmap::io::evidence_table::EvidenceRow> {
    let map = argmap::bundled::EXAMPLE.load().unwrap().map;
    rows(&map)
}

#[test]
fn example_markdown() {
    insta::assert_snapshot!(to_markdown(&example_rows()));
}

#[test]
fn example_csv() {
    let csv = to_csv(&example_rows());
    // insta normalises line ends, so check the CRLFs here.
    assert_eq!(csv.matches("\r\n").count(), example_rows().len() + 1);
    assert_eq!(csv.matches('\n').count(), csv.matches("\r\n").count());
    insta::assert_snapshot!(csv);
}

#[test]
fn example_sorted_by_basis_descending_and_filtered() {
    let mut rows = filter_rows(&example_rows(), "letter");
    sort_rows(&mut rows, Column::Basis, false);
    insta::assert_snapshot!(to_markdown(&rows));
}

#[test]
fn every_example_quote_has_a_location() {
    let rows = example_rows();
    let anchored: Vec<_> = rows.iter().filter(|r| r.location.is_some()).collect();
    assert_eq!(anchored.len(), 4);
    for r in anchored {
        assert!(!r.location.as_ref().unwrap().orphaned);
        assert_eq!(
            r.source,
            "Letter to the editor on closing the old town to cars"
        );
    }
}
