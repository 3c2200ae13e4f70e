//! Property tests of the layout engine over random mixed Arabic/Latin/digit/punctuation text
//! (with harakat, lam-alef, Persian letters, brackets, controls, tabs, bidi controls, CJK and
//! emoji) at widths 1..200: cell coverage of the source, widths, alignment, styles, determinism.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::invariants;
use crate::support::text::mixed_text;
use bitext::layout::{Direction, LayoutOptions, StyleSpan, layout_paragraph, restyle};
use proptest::prelude::*;

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

proptest! {
    // 2000 cases, or PROPTEST_CASES=n.
    #![proptest_config(crate::support::proptest_config(2000))]

    #[test]
    fn invariants_hold(text in mixed_text(), width in 1usize..200, dir in direction(), opts in options(),
                       picks in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 0..4)) {
        let spans = spans_for(&text, &picks);
        let lines = layout_paragraph(&text, dir, width, &opts, &spans);
        invariants::check_layout(&text, dir, width, opts, &lines);
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
