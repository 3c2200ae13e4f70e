//! Invariants of the document model, the alignment, the layout engine and the entity detector,
//! checked on any input. Shared by the property tests (`tests/prop_*.rs`) and the cargo-fuzz
//! targets (`fuzz/fuzz_targets/*.rs` include this file), so a crash found by one is a failure of
//! the other. Each check panics with what is wrong.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each user needs a subset

use bitext::document::guard::MAX_PARAGRAPH_BYTES;
use bitext::document::{Document, Lang, Pair};
use bitext::layout::{Direction, LayoutOptions, VisualLine};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
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

/// A lam-alef ligature (the one cell that may cover two graphemes).
fn is_ligature(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// Whether `src`, without its harakat and prepended signs, holds a lam before an alef (which
/// shaping joins into one ligature).
fn has_lam_alef(src: &str) -> bool {
    let bare: String = src
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0600}'..='\u{0605}'))
        .collect();
    ["لا", "لأ", "لإ", "لآ"].iter().any(|p| bare.contains(p))
}

/// A grapheme the engine may leave without a cell: spaces and tabs (at line ends), line breaks,
/// and clusters made only of invisible format characters.
fn removable(g: &str, show_bidi: bool) -> bool {
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    g.chars()
        .all(|c| matches!(c, ' ' | '\t' | '\u{200C}' | '\u{200D}'))
        || matches!(g, "\n" | "\r" | "\r\n")
        || g.chars().all(|c| {
            matches!(c, '\u{200B}'..='\u{200D}' | '\u{00AD}' | '\u{FEFF}')
                || (bidi(c) && !show_bidi)
        })
}

/// The layout of `text` at `width`: lines tile the source in logical order; each line fits the
/// width, is right-aligned in RTL, and is the sum of its cells; each cell is one or two columns,
/// shows text of exactly that measured width without any control character (nor a bidi control,
/// LRM, RLM or ALM unless they are shown), and maps back to whole graphemes of its line on char
/// boundaries (two only for a lam-alef ligature); every grapheme left without a cell is one the
/// engine may drop (a space or tab after the last drawn cell, a line break, an invisible), and no
/// source is drawn twice.
pub fn check_layout(
    text: &str,
    dir: Direction,
    width: usize,
    opts: LayoutOptions,
    lines: &[VisualLine],
) {
    let w = width.max(1);
    assert!(!lines.is_empty());
    // Lines tile the source in logical order.
    assert_eq!(lines[0].source.start, 0);
    assert_eq!(lines.last().unwrap().source.end, text.len());
    for pair in lines.windows(2) {
        assert_eq!(pair[0].source.end, pair[1].source.start);
    }
    let mut covered: Vec<Range<usize>> = vec![];
    for line in lines {
        // Width, alignment, cells.
        assert!(line.width <= w, "line wider than {w}: {line:?}");
        let sum: usize = line.cells.iter().map(|c| usize::from(c.width)).sum();
        assert_eq!(sum, line.width);
        match dir {
            Direction::Rtl => assert_eq!(line.indent + line.width, w),
            Direction::Ltr => assert_eq!(line.indent, 0),
        }
        let mut at = 0u32;
        for cell in &line.cells {
            assert!(cell.width == 1 || cell.width == 2);
            assert_eq!(cell.text.start, at, "cells tile the line text");
            at = cell.text.end;
            let shown = line.cell_text(cell);
            assert!(!shown.is_empty());
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
                assert!(!shown.chars().any(|c| matches!(c,
                    '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')));
            }
            // A cell covers whole graphemes of its line, two only for a lam-alef ligature.
            assert!(cell.source.start < cell.source.end);
            assert!(line.source.start <= cell.source.start && cell.source.end <= line.source.end);
            let src = text
                .get(cell.source.clone())
                .expect("cell source on char boundaries");
            let graphemes = src.graphemes(true).count();
            // (A ligature unit may show less: the too-wide marker `>` when it does not fit the
            // line, or the two cells a malformed cluster is cut to.)
            let ligature = shown.chars().any(is_ligature) || (opts.shaping && has_lam_alef(src));
            assert!(
                graphemes == 1 || (graphemes == 2 && ligature),
                "cell {shown:?} covers {src:?}"
            );
            if covered.last() != Some(&cell.source) || !src.starts_with('\t') {
                covered.push(cell.source.clone());
            }
        }
        assert_eq!(at as usize, line.text.len());
        // Graphemes of the line without a cell are removable; spaces only after the last cell.
        let last_drawn = line
            .cells
            .iter()
            .map(|c| c.source.end)
            .max()
            .unwrap_or(line.source.start);
        let mut pos = line.source.start;
        for g in text.get(line.source.clone()).unwrap().graphemes(true) {
            let range = pos..pos + g.len();
            pos = range.end;
            let in_cells = line
                .cells
                .iter()
                .any(|c| c.source.start <= range.start && range.end <= c.source.end);
            if !in_cells {
                assert!(removable(g, opts.show_bidi_controls), "grapheme {g:?} lost");
                if g.starts_with([' ', '\t']) {
                    assert!(
                        range.start >= last_drawn,
                        "space {range:?} dropped inside a line"
                    );
                }
            }
        }
    }
    // Every drawn grapheme is in exactly one cell (a tab's cells share one source).
    covered.sort_by_key(|r| r.start);
    for pair in covered.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "source {:?} in two cells",
            pair[1]
        );
    }
}
