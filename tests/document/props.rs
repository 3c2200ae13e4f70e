//! Property tests over hostile text: decoding any bytes, parsing any text into a model whose
//! alignment takes every paragraph once, aligning any two lists of paragraphs, detecting entities
//! whose mentions point at their own text, cutting long paragraphs, and printing without letting
//! a control character through.
//!
//! A short run by default (the suite stays fast); `PROPTEST_CASES=10000 cargo test --test
//! prop_document` for a long one.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::invariants;

use bitext::document::{self, Lang, Paragraph, align, decode, guard};
use bitext::view::print::{PrintOptions, print_lines};
use proptest::prelude::*;

/// Pieces of text, chosen to hit the parser's and detector's edges: Arabic and English words
/// and names, numbers in both digit sets, dates, headings, TSV tabs, line breaks of every kind,
/// blank lines, controls, bidi overrides, marks, wide and invisible characters.
const PIECES: &[&str] = &[
    "محمد",
    "بن",
    "سلمان",
    "الرياض",
    "يون",
    "سوك",
    "يول",
    "كوريا",
    "الجنوبية",
    "في",
    "يوم",
    "الثلاثاء",
    "١٥",
    "مارس",
    "٢٠٢٤",
    "قال",
    "الرئيس",
    "لا",
    "ـ",
    "\u{064E}",
    "\u{0651}",
    "پ",
    "گ",
    "Mohammed",
    "bin",
    "Salman",
    "Riyadh",
    "Yoon",
    "Suk",
    "Yeol",
    "South",
    "Korea",
    "on",
    "Tuesday",
    "15",
    "March",
    "2024",
    "said",
    "the",
    "President",
    "Dr.",
    "Mr",
    "'s",
    "U.S.",
    " ",
    " ",
    " ",
    " ",
    ".",
    ",",
    "،",
    "؟",
    "!",
    "\"",
    "«",
    "»",
    "(",
    ")",
    "-",
    ":",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "ar\ten\n",
    "\u{1b}[31m",
    "\u{7}",
    "\u{7f}",
    "\u{85}",
    "\u{202E}",
    "\u{2067}",
    "\u{2069}",
    "\u{200F}",
    "\u{200B}",
    "\u{00AD}",
    "\u{FEFF}",
    "中文",
    "👨\u{200D}👩\u{200D}👧",
    "\u{FFFD}",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn paragraphs(arabic: bool) -> impl Strategy<Value = Vec<Paragraph>> {
    let words: &'static [&'static str] = if arabic {
        &["محمد", "الرياض", "١٥", "قال", "في", "2024", "كوريا", "."]
    } else {
        &[
            "Mohammed", "Riyadh", "15", "said", "in", "2024", "Korea", ".",
        ]
    };
    proptest::collection::vec(
        (
            proptest::collection::vec(proptest::sample::select(words), 1..40),
            any::<bool>(),
        ),
        0..40,
    )
    .prop_map(|ps| {
        ps.into_iter()
            .enumerate()
            .map(|(i, (w, heading))| Paragraph {
                text: w.join(" "),
                heading,
                line: bitext::document::narrow(i + 1),
                source: 0,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(crate::support::proptest_config(256))]

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for lossy in [false, true] {
            if let Ok(d) = decode::decode(&bytes, lossy) {
                prop_assert!(!d.text.trim().is_empty());
                prop_assert!(!d.text.starts_with('\u{FEFF}'), "BOM kept");
                if !lossy {
                    prop_assert!(d.warnings.is_empty());
                }
            }
        }
    }

    #[test]
    fn any_text_parses_into_a_complete_model(a in text(), b in text()) {
        let one = document::parse_single("a.txt", &a);
        invariants::check_document(&one);
        let two = document::parse_two(("a.txt", &a), ("b.txt", &b));
        invariants::check_document(&two);
        // Deterministic.
        prop_assert_eq!(one, document::parse_single("a.txt", &a));
    }

    #[test]
    fn any_two_lists_of_paragraphs_align_completely(ar in paragraphs(true), en in paragraphs(false)) {
        let pairs = if ar.is_empty() || en.is_empty() {
            align::one_sided(ar.len().max(en.len()), !ar.is_empty())
        } else {
            align::align(&ar, &en)
        };
        invariants::check_alignment(&pairs, ar.len(), en.len());
    }

    #[test]
    fn entities_point_at_their_own_text(a in text(), b in text()) {
        let mut doc = document::parse_two(("a.txt", &a), ("b.txt", &b));
        bitext::entities::annotate(&mut doc);
        invariants::check_document(&doc);
        invariants::check_entities(&doc);
    }

    #[test]
    fn long_paragraphs_are_cut_into_tiling_parts(a in text(), max in 4usize..200) {
        let ranges = guard::split_ranges(&a, max);
        prop_assert_eq!(ranges.first().map(|r| r.start), Some(0));
        prop_assert_eq!(ranges.last().map(|r| r.end), Some(a.len()));
        for w in ranges.windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
        }
        for r in &ranges {
            prop_assert!(a.get(r.clone()).is_some());
            prop_assert!(r.len() <= max);
            prop_assert!(!r.is_empty() || a.is_empty());
        }
    }

    #[test]
    fn printing_never_lets_a_control_through(a in text(), width in 1usize..120, only in 0u8..3, stacked in any::<bool>()) {
        let mut doc = document::parse_single("a.txt", &a);
        bitext::entities::annotate(&mut doc);
        let opts = PrintOptions {
            width,
            only: [None, Some(Lang::Ar), Some(Lang::En)][usize::from(only)],
            stacked: Some(stacked),
            ..PrintOptions::default()
        };
        for line in print_lines(&doc, &opts) {
            prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
            prop_assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= width, "{:?} wider than {}", line, width);
            prop_assert!(!line.contains(['\u{202E}', '\u{2067}', '\u{2069}']), "bidi control in {:?}", line);
        }
    }
}

/// A bidi override anywhere gives one warning, and text without one gives none.
#[test]
fn the_override_warning_follows_the_text() {
    let clean = document::parse_single("a.txt", "نص.\n\nText.\n");
    assert!(clean.warnings.is_empty(), "{:?}", clean.warnings);
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ] {
        let doc = document::parse_single("a.txt", &format!("نص.\n\nText {c}here.\n"));
        assert_eq!(doc.warnings.len(), 1, "{c:?}");
        assert!(doc.warnings[0].contains(&format!("U+{:04X}", u32::from(c))));
    }
    // Also in a TSV file.
    let doc = document::parse_single("p.tsv", "مرحبا\tHello \u{202E}dlrow\n");
    assert!(
        doc.warnings[0].contains("en paragraph 1 (p.tsv line 1"),
        "{:?}",
        doc.warnings
    );
}

/// Found by `entities_point_at_their_own_text`: a year as the first token of an Arabic
/// paragraph looked at the token before it (`i - 1` at `i == 0`: an overflow panic in debug
/// builds, a wrapped index in release).
#[test]
fn regression_a_year_opening_an_arabic_paragraph() {
    for text in [
        "2024محمد2024",
        "2024 محمد",
        "٢٠٢٤ في الرياض.\n\n2024 in Riyadh.\n",
    ] {
        let mut doc = document::parse_single("a.txt", text);
        bitext::entities::annotate(&mut doc);
        invariants::check_entities(&doc);
    }
}

/// The override warning comes first (the status bar shows the first warning), before the
/// warning about a paragraph cut for its length.
#[test]
fn the_override_warning_comes_before_the_others() {
    let long = "word ".repeat(20_000);
    let doc = document::parse_single("a.txt", &format!("{long}\n\nنص \u{202E}معكوس.\n"));
    assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("bidi override"),
        "{:?}",
        doc.warnings
    );
    assert!(doc.warnings[1].contains("line 1"), "{:?}", doc.warnings);
}
