//! Invariants of the document model, the alignment, the layout engine and the entity detector,
//! checked on any input. Shared by the property tests (`tests/prop_*.rs`) and the cargo-fuzz
//! targets (`fuzz/fuzz_targets/*.rs` include this file), so a crash found by one is a failure of
//! the other. Each check panics with what is wrong.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each user needs a subset

use bitext::document::guard::MAX_PARAGRAPH_BYTES;
use bitext::document::{Document, Lang, Pair};
use bitext::layout::{Direction, LayoutOptions, VisualLine};
use unicode_width::UnicodeWidthStr;

/// The pairs take every paragraph of each side exactly once, in order, in consecutive runs;
/// no pair is empty; every score is a number in 0..=1.
pub fn check_alignment(pairs: &[Pair], n_ar: usize, n_en: usize) {
    for (lang, n) in [(Lang::Ar, n_ar), (Lang::En, n_en)] {
        let flat: Vec<usize> = pairs.iter().flat_map(|p| p.side(lang).to_vec()).collect();
        assert_eq!(
            flat,
            (0..n).collect::<Vec<_>>(),
            "{lang} paragraphs not taken once each in order"
        );
    }
    for (i, p) in pairs.iter().enumerate() {
        assert!(!p.ar.is_empty() || !p.en.is_empty(), "pair {i} is empty");
        assert!(
            p.score.is_finite() && (0.0..=1.0).contains(&p.score),
            "pair {i} score {}",
            p.score
        );
    }
}

/// The model of any decoded text: paragraphs neither empty nor longer than the limit, each
/// naming an existing source, and a complete alignment.
pub fn check_document(doc: &Document) {
    for lang in Lang::BOTH {
        for (i, p) in doc.paragraphs.of(lang).iter().enumerate() {
            assert!(!p.text.trim().is_empty(), "{lang} paragraph {i} is blank");
            assert!(
                p.text.len() <= MAX_PARAGRAPH_BYTES,
                "{lang} paragraph {i} has {} bytes",
                p.text.len()
            );
            assert!(
                (p.source as usize) < doc.sources.len(),
                "{lang} paragraph {i} source"
            );
            assert!(p.line >= 1);
        }
    }
    check_alignment(&doc.pairs, doc.paragraphs.ar.len(), doc.paragraphs.en.len());
}

/// Every mention points at its own text: an existing paragraph of its language, char offsets
/// in range, byte range on char boundaries, both giving the mention's text. Discrepancies name
/// existing pairs.
pub fn check_entities(doc: &Document) {
    for (e, entity) in doc.entities.iter().enumerate() {
        assert!(!entity.mentions.is_empty(), "entity {e} has no mention");
        for m in &entity.mentions {
            let p = doc
                .paragraphs
                .of(m.lang)
                .get(m.paragraph)
                .unwrap_or_else(|| panic!("entity {e}: no {} paragraph {}", m.lang, m.paragraph));
            assert!(m.start < m.end, "entity {e}: empty mention {m:?}");
            let by_chars: String = p.text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(by_chars, m.text, "entity {e}: char offsets of {m:?}");
            assert_eq!(
                p.text.get(m.bytes.clone()),
                Some(m.text.as_str()),
                "entity {e}: byte range of {m:?}"
            );
        }
    }
    for d in &doc.discrepancies {
        assert!(d.pair < doc.pairs.len(), "discrepancy on pair {}", d.pair);
    }
}

/// The layout of `text` at `width`: lines tile the source in logical order; each line fits the
/// width, is right-aligned in RTL, and is the sum of its cells; each cell is one or two columns,
/// shows text of exactly that measured width without any control character, and maps back to
/// source bytes on char boundaries inside its line.
pub fn check_layout(
    text: &str,
    dir: Direction,
    width: usize,
    opts: LayoutOptions,
    lines: &[VisualLine],
) {
    let w = width.max(1);
    assert!(!lines.is_empty(), "no line");
    assert_eq!(lines[0].source.start, 0);
    assert_eq!(lines.last().unwrap().source.end, text.len());
    for pair in lines.windows(2) {
        assert_eq!(
            pair[0].source.end, pair[1].source.start,
            "lines do not tile"
        );
    }
    for line in lines {
        assert!(line.width <= w, "line of {} cells at width {w}", line.width);
        let sum: usize = line.cells.iter().map(|c| usize::from(c.width)).sum();
        assert_eq!(sum, line.width, "cells do not add up to the line");
        if dir == Direction::Rtl {
            assert_eq!(line.indent + line.width, w, "RTL line not right-aligned");
        } else {
            assert_eq!(line.indent, 0);
        }
        let mut at = 0u32;
        for cell in &line.cells {
            assert!(
                cell.width == 1 || cell.width == 2,
                "cell width {}",
                cell.width
            );
            assert_eq!(cell.text.start, at, "cells do not tile the line text");
            at = cell.text.end;
            let shown = line.cell_text(cell);
            assert!(!shown.is_empty(), "empty cell");
            assert_eq!(
                shown.width(),
                usize::from(cell.width),
                "measured width of {shown:?}"
            );
            assert!(
                !shown.chars().any(char::is_control),
                "control emitted: {shown:?}"
            );
            if !opts.show_bidi_controls {
                assert!(
                    !shown
                        .chars()
                        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                    "bidi control emitted: {shown:?}"
                );
            }
            assert!(cell.source.start < cell.source.end, "cell without source");
            assert!(
                line.source.start <= cell.source.start && cell.source.end <= line.source.end,
                "cell source outside its line"
            );
            assert!(
                text.get(cell.source.clone()).is_some(),
                "cell source not on char boundaries"
            );
        }
        assert_eq!(at as usize, line.text.len(), "line text not all in cells");
    }
}
