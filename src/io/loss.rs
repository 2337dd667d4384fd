//! The loss report of text exporters: what a format could not hold,
//! counted by kind and turned into one warning per kind.

use std::collections::BTreeMap;

use super::Warning;

/// Counts what an exporter could not write, by what it is.
#[derive(Default)]
pub(crate) struct Losses(BTreeMap<&'static str, usize>);

impl Losses {
    /// One more thing of `what` that was lost.
    pub(crate) fn add(&mut self, what: &'static str) {
        self.add_n(what, 1);
    }

    /// `n` more things of `what` that were lost.
    pub(crate) fn add_n(&mut self, what: &'static str, n: usize) {
        *self.0.entry(what).or_default() += n;
    }

    /// One warning per kind of loss, sorted.
    pub(crate) fn into_warnings(self, format: &str) -> Vec<Warning> {
        self.0
            .into_iter()
            .map(|(what, n)| Warning {
                at: None,
                message: format!("{format} cannot hold {what}: {n} not written"),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Losses;

    #[test]
    fn losses_are_counted_by_kind_and_sorted() {
        let mut l = Losses::default();
        l.add("notes");
        l.add("evidence");
        l.add_n("notes", 2);
        let w = l.into_warnings("DOT");
        let messages: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "DOT cannot hold evidence: 1 not written",
                "DOT cannot hold notes: 3 not written"
            ]
        );
    }
}
