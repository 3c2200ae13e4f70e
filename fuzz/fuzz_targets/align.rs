//! Fuzz target: the aligner on paragraph lists built from the input (each line a paragraph, its
//! language by script); every paragraph must be taken once, in order, with sane scores.

#![no_main]

use bitext::document::{Paragraph, align};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (mut ar, mut en) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let p = Paragraph {
            text: line.to_owned(),
            heading: line.starts_with('#'),
            line: bitext::document::narrow(i + 1),
            source: 0,
        };
        if align::has_arabic(line) {
            ar.push(p);
        } else {
            en.push(p);
        }
    }
    let pairs = if ar.is_empty() || en.is_empty() {
        align::one_sided(ar.len().max(en.len()), !ar.is_empty())
    } else {
        align::align(&ar, &en)
    };
    invariants::check_alignment(&pairs, ar.len(), en.len());
});
