//! The reader's index of the translation check's findings: which pairs are flagged, the next
//! and previous flagged pair (binary search), and what a pair's discrepancies say.
//!
//! Pure: document in, lookups out. Must not depend on the terminal.

use crate::document::{Discrepancy, Document};

/// The discrepancies of a document, indexed by pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discrepancies {
    /// The pairs that have a discrepancy, sorted, without repeats.
    flagged: Vec<usize>,
    /// (pair, index into `Document::discrepancies`), sorted.
    by_pair: Vec<(usize, usize)>,
}

impl Discrepancies {
    /// The index of `discrepancies`.
    pub fn new(discrepancies: &[Discrepancy]) -> Discrepancies {
        Discrepancies::of_pairs(discrepancies.iter().map(|d| d.pair))
    }

    /// The index of discrepancies about `pairs` (the pair of each, in the document's order).
    fn of_pairs(pairs: impl Iterator<Item = usize>) -> Discrepancies {
        let mut by_pair: Vec<(usize, usize)> = pairs.enumerate().map(|(i, p)| (p, i)).collect();
        by_pair.sort_unstable();
        let mut flagged: Vec<usize> = by_pair.iter().map(|&(p, _)| p).collect();
        flagged.dedup();
        Discrepancies { flagged, by_pair }
    }

    /// Whether a pair has a discrepancy (a binary search: asked for every row drawn).
    pub fn is_flagged(&self, pair: usize) -> bool {
        self.flagged.binary_search(&pair).is_ok()
    }

    /// Whether no pair has a discrepancy.
    pub fn is_empty(&self) -> bool {
        self.flagged.is_empty()
    }

    /// The flagged pair after (`forward`) or before `current`.
    pub fn neighbour(&self, current: usize, forward: bool) -> Option<usize> {
        neighbour(&self.flagged, current, forward)
    }

    /// The discrepancies of a pair in `doc`, as one line of text.
    pub fn text(&self, doc: &Document, pair: usize) -> Option<String> {
        let from = self.by_pair.partition_point(|&(p, _)| p < pair);
        let details: Vec<&str> = self.by_pair[from..]
            .iter()
            .take_while(|&&(p, _)| p == pair)
            .filter_map(|&(_, d)| doc.discrepancies.get(d))
            .map(|d| d.detail.as_str())
            .collect();
        (!details.is_empty()).then(|| details.join("; "))
    }
}

/// The next (or previous) entry of a sorted list after (before) `current`, found by binary
/// search: O(log n) on a huge document.
pub fn neighbour(list: &[usize], current: usize, forward: bool) -> Option<usize> {
    if forward {
        list.get(list.partition_point(|&p| p <= current)).copied()
    } else {
        let i = list.partition_point(|&p| p < current);
        i.checked_sub(1).and_then(|i| list.get(i)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flagged_pairs_are_found_in_order() {
        let d = Discrepancies::of_pairs([7, 2, 7].into_iter());
        assert_eq!(d.by_pair, [(2, 1), (7, 0), (7, 2)]);
        assert!(d.is_flagged(2) && d.is_flagged(7) && !d.is_flagged(3));
        assert_eq!(d.neighbour(2, true), Some(7));
        assert_eq!(d.neighbour(7, true), None);
        assert_eq!(d.neighbour(7, false), Some(2));
        assert_eq!(d.neighbour(0, false), None);
        assert_eq!(d.text(&Document::default(), 3), None);
        assert!(Discrepancies::new(&[]).is_empty());
    }
}
