//! Counting the pages of a PDF that Argmap wrote, for the export and tour
//! hand-out tests (krilla writes uncompressed page dictionaries).

/// The number of pages in `pdf`: its `/Type/Page` objects, checked against
/// the page tree's `/Count`. Panics when the two disagree or there is no
/// page tree.
pub fn pages_in(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let pages = text
        .match_indices("/Type/Page")
        .filter(|(i, _)| !text[i + 10..].starts_with('s'))
        .count();
    let count: usize = text
        .split("/Type/Pages/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("a page tree with a count");
    assert_eq!(pages, count, "page objects and page tree agree");
    pages
}
