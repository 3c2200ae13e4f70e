//! Pair heights: exact for the pairs laid out so far, estimated from byte lengths for the
//! others, in a Fenwick tree so that a row maps to a pair (and back) in O(log n) without
//! walking the document.
//!
//! Pure: must not depend on ratatui, crossterm, or do I/O.

use super::fenwick::Fenwick;
use super::geometry::Columns;
use crate::document::{ByLang, Document, Lang};

/// Source bytes of Arabic per cell, as a ratio: Arabic letters take two bytes and one cell,
/// harakat two bytes and none.
const AR_CELLS_PER_BYTE: (usize, usize) = (10, 18);

/// Wrapping at word boundaries wastes about a tenth of each line.
const WRAP_WASTE: (usize, usize) = (11, 10);

/// The rows of every pair.
#[derive(Debug, Clone, Default)]
#[allow(clippy::len_without_is_empty)] // emptiness is `len() == 0`
pub struct Heights {
    tree: Fenwick,
    /// Whether each pair's height is exact (it was laid out).
    exact: Vec<bool>,
}

impl Heights {
    /// The estimated heights of every pair of `doc` in `columns`.
    pub fn estimated(doc: &Document, columns: &Columns) -> Heights {
        let estimates: Vec<u64> = (0..doc.pairs.len())
            .map(|p| estimate(doc, p, columns) as u64)
            .collect();
        Heights {
            exact: vec![false; estimates.len()],
            tree: Fenwick::new(estimates),
        }
    }

    /// Appends the estimates of the pairs of `doc` from `from` on.
    pub fn extend(&mut self, doc: &Document, from: usize, columns: &Columns) {
        for p in from..doc.pairs.len() {
            self.tree.push(estimate(doc, p, columns) as u64);
            self.exact.push(false);
        }
    }

    /// The exact height of a pair, once it was laid out.
    pub fn exact(&self, p: usize) -> Option<usize> {
        (self.exact.get(p) == Some(&true)).then(|| self.tree.get(p) as usize)
    }

    /// Records the exact height of a pair.
    pub fn set_exact(&mut self, p: usize, height: usize) {
        if self.exact.get(p) == Some(&false) || self.tree.get(p) != height as u64 {
            self.tree.set(p, height as u64);
            if let Some(e) = self.exact.get_mut(p) {
                *e = true;
            }
        }
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.tree.len()
    }

    /// Total rows.
    pub fn total(&self) -> u64 {
        self.tree.total()
    }

    /// Rows above pair `p`.
    pub fn prefix(&self, p: usize) -> u64 {
        self.tree.prefix(p)
    }

    /// The pair holding absolute row `row`, and the row within it.
    pub fn find(&self, row: u64) -> Option<(usize, u64)> {
        self.tree.find(row)
    }
}

/// Estimated rows of a pair from the byte lengths of its paragraphs (no layout): the taller
/// column's, plus the blank row after the pair.
pub fn estimate(doc: &Document, p: usize, columns: &Columns) -> usize {
    let Some(pair) = doc.pairs.get(p) else {
        return 0;
    };
    let mut per_slot = [0usize; 2];
    for lang in Lang::BOTH {
        let Some(slot) = columns.slot_of[lang] else {
            continue;
        };
        let width = columns.width_of(lang);
        let (num, den) = ByLang {
            ar: AR_CELLS_PER_BYTE,
            en: (1, 1),
        }[lang];
        for i in pair.side(lang) {
            let len = doc.paragraphs.of(lang).get(i).map_or(0, |x| x.text.len());
            let cells = len * num / den;
            let wrapped = cells * WRAP_WASTE.0 / WRAP_WASTE.1;
            if let Some(rows) = per_slot.get_mut(slot) {
                *rows += wrapped.div_ceil(width).max(1);
            }
        }
    }
    let content = per_slot[0].max(per_slot[1]);
    if content == 0 { 0 } else { content + 1 }
}
