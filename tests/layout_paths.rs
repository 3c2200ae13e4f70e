//! The layout engine has two paths: a fused one for ordinary paragraphs (prose with digits,
//! punctuation and harakat) and the general one for anything else. They must give the same
//! lines, cell for cell, and the plain-text output (`layout_plain`, used by `--print`) must be
//! the cells' text. Checked on every paragraph of our fixtures, the sample and the seed at many
//! widths, and on random text that mixes the fused path's repertoire with characters outside it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;

use bitext::layout::{
    Direction, LayoutOptions, VisualLine, layout_paragraph, layout_paragraph_general, layout_plain,
};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

/// Pieces of text: mostly the fused path's repertoire, with some characters that send a
/// paragraph to the general path.
const PIECES: &[&str] = &[
    "ا",
    "أ",
    "إ",
    "آ",
    "ب",
    "ت",
    "ة",
    "ج",
    "ح",
    "د",
    "ر",
    "س",
    "ع",
    "ف",
    "ك",
    "ل",
    "ل",
    "ل",
    "لا",
    "لأ",
    "لإ",
    "لآ",
    "ل\u{064E}ا",
    "ل\u{0651}\u{064E}أ",
    "م",
    "ن",
    "ه",
    "و",
    "ي",
    "ى",
    "ء",
    "ئ",
    "ؤ",
    "پ",
    "چ",
    "ژ",
    "گ",
    "ک",
    "ی",
    "ٹ",
    "ں",
    "ے",
    "ھ",
    "ـ",
    "ۀ",
    "ﻻ",
    "ﺑ",
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{064B}",
    "\u{0670}",
    "\u{0653}",
    "a",
    "b",
    "X",
    "é",
    "Ü",
    "0",
    "1",
    "9",
    "٠",
    "٣",
    "۴",
    "٫",
    "٬",
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
    "٪",
    "+",
    "#",
    "@",
    "$",
    "€",
    "°",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "«",
    "»",
    "‹",
    "›",
    "<",
    ">",
    "“",
    "”",
    "—",
    "…",
    " ",
    " ",
    " ",
    " ",
    "\u{00A0}",
    "\u{2003}",
    "\u{202F}", // outside the fused path's repertoire:
    "\t",
    "\u{200C}",
    "\u{200D}",
    "\u{200F}",
    "\u{2067}",
    "\u{2069}",
    "\u{00AD}",
    "\u{0300}",
    "中",
    "😀",
    "\u{0600}",
    "\u{001B}",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(2000),
        ..ProptestConfig::default()
    })]
    #[test]
    fn both_paths_agree_on_random_text(
        picks in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
        leading_mark in any::<bool>(),
        width in 1usize..120,
        rtl in any::<bool>(),
        shaping in any::<bool>(),
    ) {
        let mut text = if leading_mark { "\u{064E}".to_owned() } else { String::new() };
        text.push_str(&picks.concat());
        let dir = if rtl { Direction::Rtl } else { Direction::Ltr };
        let opts = LayoutOptions { shaping, ..LayoutOptions::default() };
        if let Err(e) = check(&text, dir, width, opts) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Persian-like text dense in non-joiners (ZWNJ), which the fused path keeps with the unit
/// before them: between letters, after marks, around spaces, between lam and alef, doubled.
const PERSIAN: &[&str] = &[
    "م",
    "ی",
    "خ",
    "و",
    "ا",
    "ه",
    "ن",
    "د",
    "ل",
    "ل",
    "ا",
    "أ",
    "گ",
    "پ",
    "ژ",
    "ک",
    "ۀ",
    "ه\u{200C}",
    "\u{200C}",
    "\u{200C}",
    "\u{200C}\u{200C}",
    "\u{064E}",
    "\u{0650}",
    "\u{0651}",
    " ",
    " ",
    " \u{200C}",
    "۱۴۰۲",
    "12",
    "«",
    "»",
    "(",
    ")",
    "،",
    ".",
    "a",
    "B",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(2000),
        ..ProptestConfig::default()
    })]
    #[test]
    fn both_paths_agree_on_text_with_non_joiners(
        picks in proptest::collection::vec(proptest::sample::select(PERSIAN), 1..60),
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
