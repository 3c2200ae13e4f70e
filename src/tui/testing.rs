//! Documents for the reader's unit tests: paragraphs paired one to one, in order.

use crate::document::{Document, Pair, Paragraph};

/// A document whose Arabic and English paragraphs are paired one to one, in order (a side
/// with fewer paragraphs leaves the last pairs one-sided).
pub fn paired(ar: &[&str], en: &[&str]) -> Document {
    let para = |text: &&str| Paragraph {
        text: (*text).into(),
        heading: false,
        line: 1,
        source: 0,
    };
    let mut d = Document::default();
    d.paragraphs.ar = ar.iter().map(para).collect();
    d.paragraphs.en = en.iter().map(para).collect();
    d.pairs = (0..ar.len().max(en.len()))
        .map(|i| Pair {
            ar: (i < ar.len()).then_some(i).into_iter().collect(),
            en: (i < en.len()).then_some(i).into_iter().collect(),
            score: 1.0,
        })
        .collect();
    d
}
