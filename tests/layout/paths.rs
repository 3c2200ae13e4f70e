//! The layout engine has two paths: a fused one for ordinary paragraphs (prose with digits,
//! punctuation and harakat) and the general one for anything else. They must give the same
//! lines, cell for cell, and the plain-text output (`layout_plain`, used by `--print`) must be
//! the cells' text. Checked on every paragraph of our fixtures, the sample and the seed at many
//! widths, and on random text that mixes the fused path's repertoire with characters outside it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{self, root};

use crate::support::text::{OUTSIDE_PROSE, PERSIAN_ZWNJ, PROSE};
use bitext::layout::{
    Direction, LayoutOptions, VisualLine, layout_paragraph, layout_paragraph_general, layout_plain,
    takes_fused_path,
};
use proptest::prelude::*;

fn plain(lines: &[VisualLine]) -> String {
    lines.iter().map(|l| l.to_plain(None) + "\n").collect()
}

/// Both paths, and the plain output, agree on `text`.
fn check(text: &str, dir: Direction, width: usize, opts: LayoutOptions) -> Result<(), String> {
    let opts = &opts;
    let fused = layout_paragraph(text, dir, width, opts, &[]);
    let general = layout_paragraph_general(text, dir, width, opts);
    if fused != general {
        return Err(format!(
            "paths differ on {text:?} ({dir:?}, width {width}, shaping {}):\nfused   {:?}\ngeneral {:?}",
            opts.shaping,
            fused.iter().map(|l| &l.text).collect::<Vec<_>>(),
            general.iter().map(|l| &l.text).collect::<Vec<_>>(),
        ));
    }
    let mut out = String::new();
    layout_plain(text, dir, width, opts, &mut out);
    if out != plain(&fused) {
        return Err(format!(
            "plain output differs on {text:?} ({dir:?}, width {width})"
        ));
    }
    Ok(())
}

#[test]
fn both_paths_agree_on_every_fixture_paragraph() {
    let mut files = vec![];
    for dir in ["assets", "tests/fixtures", "tests/eval", "tests/golden"] {
        files.extend(support::text_files(&root().join(dir), &["txt", "tsv"]));
    }
    let mut paragraphs = 0;
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // not UTF-8: a hostile-input fixture
        };
        if text.len() > 1 << 20 {
            continue;
        }
        for line in text.lines() {
            for dir in [Direction::Rtl, Direction::Ltr] {
                for shaping in [true, false] {
                    let opts = LayoutOptions {
                        shaping,
                        ..LayoutOptions::default()
                    };
                    for width in [1, 2, 7, 20, 33, 47, 80, 200] {
                        if let Err(e) = check(line, dir, width, opts) {
                            panic!("{}: {e}", file.display());
                        }
                    }
                }
            }
            paragraphs += 1;
        }
    }
    assert!(paragraphs > 1000, "only {paragraphs} paragraphs found");
}

proptest! {
    #![proptest_config(crate::support::proptest_config(2000))]
    /// Most cases are made of the fused stage's repertoire only (and must take it); the others
    /// hold one character that sends them to the general stage, or start with a mark.
    #[test]
    fn both_paths_agree_on_random_text(
        picks in proptest::collection::vec(proptest::sample::select(PROSE), 0..80),
        other in proptest::option::weighted(
            0.4,
            (proptest::sample::select(OUTSIDE_PROSE), any::<proptest::sample::Index>()),
        ),
        leading_mark in proptest::bool::weighted(0.1),
        width in 1usize..120,
        rtl in any::<bool>(),
        shaping in any::<bool>(),
    ) {
        let mut picks = picks;
        if let Some((piece, at)) = other {
            picks.insert(at.index(picks.len() + 1), piece);
        }
        let mut text = if leading_mark { "\u{064E}".to_owned() } else { String::new() };
        text.push_str(&picks.concat());
        let dir = if rtl { Direction::Rtl } else { Direction::Ltr };
        let opts = LayoutOptions { shaping, ..LayoutOptions::default() };
        // A paragraph that starts with a mark (the general stage draws it on a dotted circle).
        let starts_with_mark = text
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '\u{064B}'..='\u{0653}' | '\u{0670}'));
        let fused = !text.is_empty() && other.is_none() && !starts_with_mark;
        prop_assert_eq!(takes_fused_path(&text, dir, &opts), fused, "{:?}", text);
        if let Err(e) = check(&text, dir, width, opts) {
            prop_assert!(false, "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(2000))]
    #[test]
    fn both_paths_agree_on_text_with_non_joiners(
        picks in proptest::collection::vec(proptest::sample::select(PERSIAN_ZWNJ), 1..60),
        width in 1usize..40,
        rtl in any::<bool>(),
        shaping in any::<bool>(),
    ) {
        let text = picks.concat();
        let dir = if rtl { Direction::Rtl } else { Direction::Ltr };
        let opts = LayoutOptions { shaping, ..LayoutOptions::default() };
        if let Err(e) = check(&text, dir, width, opts) {
            prop_assert!(false, "{}", e);
        }
    }
}
