//! Three-way merge of one text field, line by line, through the `diffy`
//! crate (diff3 as git does it: a maintained implementation rather than one
//! of our own).

/// Merges `ours` and `theirs`, both edited from `base`. `Ok` holds the
/// merged text when the changes touch different lines; `Err` when they
/// overlap (the caller keeps both values as a conflict, never markers).
pub(super) fn merge(base: &str, ours: &str, theirs: &str) -> Result<String, ()> {
    diffy::merge(base, ours, theirs).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn changes_to_different_lines_merge() {
        let base = "one\ntwo\nthree\n";
        let ours = "ONE\ntwo\nthree\n";
        let theirs = "one\ntwo\nTHREE\n";
        assert_eq!(merge(base, ours, theirs).unwrap(), "ONE\ntwo\nTHREE\n");
    }

    #[test]
    fn different_changes_to_one_line_conflict() {
        assert!(
            merge(
                "Cars pollute.",
                "Cars pollute a lot.",
                "Cars pollute cities."
            )
            .is_err()
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_clean() {
        assert_eq!(merge("a\n", "b\n", "b\n").unwrap(), "b\n");
    }
}
