//! Property tests of the layout engine over random mixed Arabic/Latin/digit/punctuation text
//! (with harakat, lam-alef, Persian letters, brackets, controls, tabs, bidi controls, CJK and
//! emoji) at widths 1..200: cell coverage of the source, widths, alignment, styles, determinism.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::ops::Range;

use bitext::layout::{Direction, LayoutOptions, StyleSpan, VisualLine, layout_paragraph, restyle};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const PIECES: &[&str] = &[
    // Arabic letters (lam and alef often, for ligatures), Persian and Urdu letters, tatweel
    "ل",
    "ا",
    "أ",
    "إ",
    "آ",
    "ب",
    "ت",
    "ة",
    "ح",
    "د",
    "ر",
    "س",
    "ع",
    "ق",
    "م",
    "ن",
    "ه",
    "و",
    "ي",
    "ى",
    "ء",
    "ئ",
    "پ",
    "چ",
    "ژ",
    "گ",
    "ک",
    "ی",
    "ٹ",
    "ں",
    "ے",
    "ـ",
    "لا",
    "الله",
    // harakat
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{064B}",
    // Latin, digits, Arabic-Indic digits
    "a",
    "b",
    "Z",
    "x",
    "Elon",
    "2019",
    "5",
    "٢",
    "٠",
    "١٩",
    // punctuation, brackets, quotes
    ".",
    ",",
    "،",
    "؛",
    "؟",
    "!",
    ":",
    "-",
    "/",
    "%",
    "#",
    "@",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "‹",
    "›",
    "<",
    ">",
    // spaces (often), tab, NBSP
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\u{00A0}",
    // terminal controls
    "\u{1B}",
    "\u{7F}",
    "\u{85}",
    "\u{0}",
    "\r",
    "\n",
    // bidi controls, ZWJ, ZWNJ, other invisibles
    "\u{200E}",
    "\u{200F}",
    "\u{061C}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200C}",
    "\u{200D}",
    "\u{200B}",
    "\u{00AD}",
    "\u{FEFF}",
    // wide characters and emoji
    "中",
    "文",
    "👍",
    "👨\u{200D}👩\u{200D}👧",
    "❤\u{FE0F}",
    "\u{1F3FB}",
];

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn ltr_paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(
            &[
                "a", "b", "Word", "x", "2019", "5", ".", ",", "!", "-", "/", "(", ")", "\"", " ",
                " ", "  ",
            ][..],
        ),
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (any::<bool>(), any::<bool>(), 1u8..9).prop_map(|(shaping, show, tab_width)| LayoutOptions {
        shaping,
        show_bidi_controls: show,
        tab_width,
    })
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Ltr), Just(Direction::Rtl)]
}

/// Random style spans on char boundaries of `text`.
fn spans_for(text: &str, picks: &[(usize, usize, u8)]) -> Vec<StyleSpan> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    picks
        .iter()
        .map(|&(a, b, bit)| {
            let a = bounds[a % bounds.len()];
            let b = bounds[b % bounds.len()];
            StyleSpan {
                bytes: a.min(b)..a.max(b),
                style: 1 << (bit % 8),
            }
        })
        .collect()
}

fn is_ligature(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
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

fn check_lines(
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
            assert!(
                graphemes == 1 || (graphemes == 2 && shown.chars().next().is_some_and(is_ligature)),
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

proptest! {
    // 2000 cases, or more with PROPTEST_CASES=n.
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_hold(text in paragraph(), width in 1usize..200, dir in direction(), opts in options(),
                       picks in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 0..4)) {
        let spans = spans_for(&text, &picks);
        let lines = layout_paragraph(&text, dir, width, &opts, &spans);
        check_lines(&text, dir, width, opts, &lines);
        // Styles: a cell has a span's bit exactly when its source overlaps the span.
        for line in &lines {
            for cell in &line.cells {
                let want = spans.iter()
                    .filter(|s| s.bytes.start.max(cell.source.start) < s.bytes.end.min(cell.source.end))
                    .fold(0, |acc, s| acc | s.style);
                prop_assert_eq!(cell.style, want);
            }
        }
        // Deterministic, and restyling equals laying out with the new spans.
        let mut again = layout_paragraph(&text, dir, width, &opts, &[]);
        restyle(&mut again, &spans);
        prop_assert_eq!(&again, &lines);
    }

    #[test]
    fn pure_ltr_text_comes_out_unchanged(text in ltr_paragraph(), width in 1usize..200) {
        let lines = layout_paragraph(&text, Direction::Ltr, width, &LayoutOptions::default(), &[]);
        for line in &lines {
            let src = text.get(line.source.clone()).unwrap();
            prop_assert_eq!(line.text.as_str(), src.trim_end_matches(' '));
        }
    }

    #[test]
    fn arabic_words_come_out_in_reverse_logical_order(
        words in proptest::collection::vec(proptest::collection::vec(
            proptest::sample::select(&["ب", "ت", "س", "م", "ن", "ه", "ي", "ل", "ا", "د", "ر", "و", "\u{064E}"][..]), 1..10), 1..30),
        width in 1usize..120,
    ) {
        let text = words.iter().map(|w| w.concat()).collect::<Vec<_>>().join(" ");
        let lines = layout_paragraph(&text, Direction::Rtl, width, &LayoutOptions::default(), &[]);
        for line in &lines {
            for pair in line.cells.windows(2) {
                prop_assert!(pair[0].source.start > pair[1].source.start);
            }
        }
    }
}
