//! Tests of the view (shared by the reader and `--print`) on the seed article and on hand-made
//! documents.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use bitext::document::{Document, EntityKind, Lang, Pair, Paragraph, parse_single};
use bitext::layout::{self, Direction, LayoutOptions};
use bitext::view::print::{PrintOptions, print_lines};
use bitext::view::{Anchor, Arrangement, GAP, View, ViewOptions};

fn seed() -> Document {
    let text = crate::support::reader::seed_text();
    parse_single("seed", &text)
}

fn para(text: &str, heading: bool) -> Paragraph {
    Paragraph {
        text: text.into(),
        heading,
        line: 1,
        source: 0,
    }
}

/// Two Arabic paragraphs translated as one English paragraph, then a 1-0 pair.
fn split_doc() -> Document {
    let mut d = Document::default();
    d.paragraphs.ar = vec![
        para("زار الرئيس مدينة البصرة يوم الاثنين.", false),
        para("وقال إنّ الزيارة ستستمر ثلاثة أيام في 2024.", false),
        para("فقرة بلا ترجمة.", false),
    ];
    d.paragraphs.en = vec![para(
        "The president visited Basra on Monday and said the visit would last three days in 2024.",
        false,
    )];
    d.pairs = vec![
        Pair {
            ar: bitext::document::Side::run(0..2),
            en: bitext::document::Side::one(0),
            score: 0.9,
        },
        Pair {
            ar: bitext::document::Side::one(2),
            en: bitext::document::Side::new(),
            score: 0.5,
        },
    ];
    d
}

#[test]
fn both_sides_of_a_pair_start_on_its_first_row_and_it_takes_the_taller_height() {
    let doc = seed();
    assert_eq!(doc.pairs.len(), 18);
    let mut v = View::new(&doc, 120, ViewOptions::default());
    for p in 0..doc.pairs.len() {
        let layout = v.pair(&doc, p);
        let mut per_slot = [0usize; 2];
        for b in &layout.blocks {
            if b.row == 0 {
                per_slot[b.slot] += 1;
            }
        }
        assert_eq!(per_slot, [1, 1], "pair {p}: both columns start on row 0");
        let tallest = layout.blocks.iter().map(|b| b.lines.len()).max().unwrap();
        assert_eq!(layout.height, tallest + 1, "pair {p}");
    }
}

#[test]
fn columns_split_the_width_with_markers_and_gap() {
    let doc = seed();
    let v = View::new(&doc, 101, ViewOptions::default());
    let s = v.slots();
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].lang, s[1].lang), (Lang::En, Lang::Ar));
    assert_eq!(s[0].marker_x, Some(0));
    assert_eq!(s[0].x, 1);
    assert_eq!(s[1].marker_x, Some(s[0].x + s[0].width + GAP));
    assert_eq!(s[1].x + s[1].width, 101);
    assert!(s[0].width.abs_diff(s[1].width) <= 1);
}

#[test]
fn a_two_one_pair_shows_both_paragraphs_together_and_a_one_zero_pair_an_empty_side() {
    let doc = split_doc();
    let mut v = View::new(&doc, 60, ViewOptions::default());
    let first = v.pair(&doc, 0);
    let ar: Vec<_> = first.blocks.iter().filter(|b| b.lang == Lang::Ar).collect();
    assert_eq!(ar.len(), 2);
    assert_eq!(ar[0].row, 0);
    assert_eq!(
        ar[1].row,
        ar[0].lines.len(),
        "second paragraph right below the first"
    );
    let second = v.pair(&doc, 1);
    assert!(second.blocks.iter().all(|b| b.lang == Lang::Ar));
    assert!(second.height >= 2);
}

#[test]
fn stacked_puts_arabic_above_english_in_one_column() {
    let doc = seed();
    let opts = ViewOptions {
        arrangement: Arrangement::Stacked,
        ..ViewOptions::default()
    };
    let mut v = View::new(&doc, 80, opts);
    assert_eq!(v.slots().len(), 1);
    let layout = v.pair(&doc, 1);
    let ar = layout.blocks.iter().find(|b| b.lang == Lang::Ar).unwrap();
    let en = layout.blocks.iter().find(|b| b.lang == Lang::En).unwrap();
    assert_eq!(ar.row, 0);
    assert_eq!(en.row, ar.lines.len());
    assert_eq!(layout.height, ar.lines.len() + en.lines.len() + 1);
}

#[test]
fn hiding_a_language_leaves_one_column() {
    let doc = seed();
    let opts = ViewOptions {
        hidden: Some(Lang::En),
        ..ViewOptions::default()
    };
    let mut v = View::new(&doc, 80, opts);
    assert_eq!(v.slots().len(), 1);
    assert!(!v.shows(Lang::En) && v.shows(Lang::Ar));
    let rows = v.rows(&doc, Anchor::default(), 30);
    assert!(
        rows.iter()
            .flat_map(|r| &r.parts)
            .all(|p| p.lang == Lang::Ar)
    );
}

#[test]
fn scrolling_is_reversible_and_stops_at_both_ends() {
    let doc = seed();
    let mut v = View::new(&doc, 100, ViewOptions::default());
    let start = Anchor::default();
    for delta in [1, 7, 30, 99] {
        let down = v.scroll(&doc, start, delta);
        assert_eq!(v.row_of(down), delta as u64);
        assert_eq!(v.scroll(&doc, down, -delta), start);
    }
    assert_eq!(v.scroll(&doc, start, -5), start);
    let bottom = v.bottom(&doc, 40);
    let far = v.scroll(&doc, start, 100_000);
    assert_eq!(far.pair, doc.pairs.len() - 1);
    // From the bottom anchor, exactly one screen remains (without the last blank row).
    let rows = v.rows(&doc, bottom, 1000);
    assert_eq!(rows.len(), 41);
}

#[test]
fn estimates_are_refined_into_exact_totals() {
    let doc = seed();
    let mut v = View::new(&doc, 90, ViewOptions::default());
    let estimated = v.total_rows();
    let exact: usize = (0..doc.pairs.len()).map(|p| v.pair(&doc, p).height).sum();
    assert_eq!(v.total_rows(), exact as u64);
    // The estimate is in the right range (within a third).
    let diff = estimated.abs_diff(exact as u64);
    assert!(
        diff * 3 <= exact as u64,
        "estimate {estimated}, exact {exact}"
    );
    // Every row is reachable by its number.
    let mut row = 0u64;
    for p in 0..doc.pairs.len() {
        let h = v.height(&doc, p);
        for o in 0..h {
            assert_eq!(v.anchor_at(row), Anchor { pair: p, offset: o });
            row += 1;
        }
    }
}

#[test]
fn locate_finds_the_line_of_a_byte() {
    let doc = seed();
    let mut v = View::new(&doc, 60, ViewOptions::default());
    let text = &doc.paragraphs.ar[2].text;
    let last_byte = text.len() - 1;
    let a = v.locate(&doc, Lang::Ar, 2, last_byte);
    assert_eq!(a.pair, v.pair_of(Lang::Ar, 2));
    let layout = v.pair(&doc, a.pair);
    let block = layout.blocks.iter().find(|b| b.lang == Lang::Ar).unwrap();
    let line = &block.lines[a.offset - block.row];
    assert!(line.source.contains(&last_byte) || line.source.end == text.len());
    assert!(
        a.offset > 0,
        "the end of a long paragraph is not on its first line"
    );
}

#[test]
fn print_only_arabic_is_the_engines_lines_right_aligned() {
    let doc = seed();
    let width = 70;
    let opts = PrintOptions {
        width,
        only: Some(Lang::Ar),
        ..PrintOptions::default()
    };
    let printed: Vec<String> = print_lines(&doc, &opts).collect();
    let mut expected = Vec::new();
    for p in &doc.paragraphs.ar {
        for l in layout::layout_paragraph(
            &p.text,
            Direction::Rtl,
            width,
            &LayoutOptions::default(),
            &[],
        ) {
            expected.push(l.to_plain(None));
        }
        expected.push(String::new());
    }
    assert_eq!(printed, expected);
    // Right-aligned: every non-empty line ends at the width.
    for l in printed.iter().filter(|l| !l.is_empty()) {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(l.as_str()),
            width,
            "{l}"
        );
    }
}

#[test]
fn print_side_by_side_puts_columns_at_the_slots() {
    let doc = seed();
    let opts = PrintOptions {
        width: 120,
        ..PrintOptions::default()
    };
    let lines: Vec<String> = print_lines(&doc, &opts).take(12).collect();
    let v = View::new(&doc, 120, ViewOptions::default());
    let ar_x = v.slots()[1].x;
    let first = &lines[0];
    // The English column starts after the marker; the Arabic column ends at the right edge.
    assert!(
        first.get(1..4).is_some_and(|s| !s.trim().is_empty()),
        "{first}"
    );
    assert_eq!(unicode_width::UnicodeWidthStr::width(first.as_str()), 120);
    assert!(ar_x > 50);
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 120)
    );
}

#[test]
fn print_never_emits_a_control_byte_from_the_text() {
    let mut doc = split_doc();
    doc.paragraphs.en[0].text = "bell\u{7} escape\u{1b}[31m red\u{9b}c del\u{7f}".into();
    for color in [false, true] {
        let opts = PrintOptions {
            width: 80,
            color,
            ..PrintOptions::default()
        };
        for line in print_lines(&doc, &opts) {
            let stripped: String = if color {
                // Our own SGR sequences are the only escapes allowed.
                let mut s = line.clone();
                for code in [
                    "\x1b[0m", "\x1b[1m", "\x1b[36m", "\x1b[32m", "\x1b[33m", "\x1b[35m",
                ] {
                    s = s.replace(code, "");
                }
                s
            } else {
                line.clone()
            };
            assert!(
                stripped.chars().all(|c| !c.is_control()),
                "control in {line:?}"
            );
        }
    }
}

#[test]
fn print_colors_headings_and_entities() {
    let mut doc = split_doc();
    doc.paragraphs.en[0].heading = true;
    doc.entities.push(bitext::document::Entity {
        kind: EntityKind::Place,
        label: bitext::document::Label::default(),
        mentions: vec![bitext::document::Mention {
            lang: Lang::En,
            paragraph: 0,
            start: 22,
            end: 27,
            text: "Basra".into(),
            bytes: 22..27,
        }],
    });
    let opts = PrintOptions {
        width: 200,
        color: true,
        ..PrintOptions::default()
    };
    let first = print_lines(&doc, &opts).next().unwrap();
    assert!(first.contains("\x1b[1;32mBasra\x1b[0m"), "{first:?}");
    assert!(first.contains("\x1b[1mThe president"), "{first:?}");
}

proptest::proptest! {
    #![proptest_config(crate::support::proptest_config(48))]

    /// At any width and arrangement: lines fit their column, no two lines share a slot on a row,
    /// and scrolling by k rows moves the row number by k, both ways.
    #[test]
    fn rows_fit_their_columns_and_scrolling_is_exact(
        width in 1usize..240,
        stacked in proptest::bool::ANY,
        hide in 0u8..3,
        start in 0u64..200,
        k in 0isize..120,
    ) {
        let doc = seed();
        let opts = ViewOptions {
            arrangement: if stacked { Arrangement::Stacked } else { Arrangement::SideBySide },
            hidden: match hide { 1 => Some(Lang::Ar), 2 => Some(Lang::En), _ => None },
            ..ViewOptions::default()
        };
        let mut v = View::new(&doc, width, opts);
        // Make every height exact first, so row numbers are exact.
        for p in 0..doc.pairs.len() {
            v.pair(&doc, p);
        }
        let total = v.total_rows();
        let a = v.anchor_at(start % total);
        let rows = v.rows(&doc, a, 60);
        for row in &rows {
            let mut seen = std::collections::BTreeSet::new();
            for part in &row.parts {
                proptest::prop_assert!(seen.insert(part.slot));
                let slot = v.slots()[part.slot];
                let line = part.visual();
                proptest::prop_assert!(
                    line.indent + line.width <= slot.width.max(1),
                    "line of {} cells at indent {} in a column of {}",
                    line.width, line.indent, slot.width
                );
            }
        }
        let down = v.scroll(&doc, a, k);
        let expected = (v.row_of(a) + k as u64).min(total - 1);
        proptest::prop_assert_eq!(v.row_of(down), expected);
        if expected == v.row_of(a) + k as u64 {
            proptest::prop_assert_eq!(v.scroll(&doc, down, -k), a);
        }
    }
}

#[test]
fn the_layout_cache_stays_within_its_budget_and_keeps_the_screen() {
    let doc = seed();
    let mut v = View::new(&doc, 100, ViewOptions::default());
    let budget = 2_000;
    v.set_cache_budget(budget);
    // The source bytes of every paragraph of the pairs on a screen.
    let bytes_of = |rows: &[bitext::view::Row]| -> usize {
        let pairs: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.pair).collect();
        let mut sum = 0;
        for &p in &pairs {
            for l in Lang::BOTH {
                for i in doc.pairs[p].side(l) {
                    sum += doc.paragraphs.of(l)[i].text.len();
                }
            }
        }
        sum
    };
    let mut top = Anchor::default();
    let mut previous = 0;
    let mut most = 0;
    for _ in 0..200 {
        let rows = v.rows(&doc, top, 20);
        let now = bytes_of(&rows);
        // At most the budget plus what this screen and the one before hold.
        assert!(
            v.cached_bytes() <= budget + now + previous,
            "{} > {budget} + {now} + {previous}",
            v.cached_bytes()
        );
        most = most.max(v.cached_bytes());
        previous = now;
        top = v.scroll(&doc, top, 3);
    }
    assert!(most > 0);
    // The screen drawn twice in a row is served from the cache: same lines, same allocation.
    let a = v.rows(&doc, Anchor::default(), 5);
    let b = v.rows(&doc, Anchor::default(), 5);
    let (pa, pb) = (&a[0].parts[0], &b[0].parts[0]);
    assert!(std::ptr::eq(pa.visual(), pb.visual()));
}

/// Pairs that arrive window by window (a long document still aligning) give the view the same
/// rows, positions and heading list as the whole document at once, and the rows already laid
/// out keep their place when more pairs come.
#[test]
fn a_view_extended_pair_by_pair_is_the_view_of_the_whole_document() {
    let whole = seed();
    let mut partial = whole.clone();
    partial.pairs.truncate(5);
    let mut grown = View::new(&partial, 120, ViewOptions::default());
    let first: Vec<String> = grown
        .rows(&partial, Anchor::default(), 20)
        .iter()
        .map(|r| format!("{}:{}", r.pair, r.offset))
        .collect();
    let top_before = grown.row_of(Anchor { pair: 3, offset: 1 });
    for n in [6, 11, whole.pairs.len()] {
        partial.pairs = whole.pairs[..n].to_vec();
        grown.extend(&partial);
        assert_eq!(grown.pairs(), n);
        assert_eq!(grown.row_of(Anchor { pair: 3, offset: 1 }), top_before);
    }
    let mut at_once = View::new(&whole, 120, ViewOptions::default());
    assert_eq!(grown.headings(), at_once.headings());
    for (p, pair) in whole.pairs.iter().enumerate() {
        for i in pair.ar {
            assert_eq!(grown.pair_of(Lang::Ar, i), p);
        }
        for i in pair.en {
            assert_eq!(grown.pair_of(Lang::En, i), p);
        }
    }
    let text = |v: &mut View| -> Vec<String> {
        v.rows(&whole, Anchor::default(), 10_000)
            .iter()
            .map(|r| {
                let parts: Vec<String> = r
                    .parts
                    .iter()
                    .map(|part| layout_text(part.visual()))
                    .collect();
                format!("{}:{} {}", r.pair, r.offset, parts.join("|"))
            })
            .collect()
    };
    let (a, b) = (text(&mut grown), text(&mut at_once));
    assert_eq!(a, b);
    assert!(a.len() > 40, "the whole seed article is on the rows");
    let positions: Vec<&str> = a[..20].iter().filter_map(|r| r.split(' ').next()).collect();
    assert_eq!(first, positions);
    assert_eq!(grown.total_rows(), at_once.total_rows());
}

fn layout_text(line: &bitext::layout::VisualLine) -> String {
    bitext::view::line_text(line)
}

/// Printing while the alignment runs gives the same lines as printing the finished document:
/// with entities on an article that aligns in one window, and without on one that takes many.
#[test]
fn print_parsed_streams_the_lines_of_the_finished_document() {
    use bitext::document::{Parsed, parse_paragraphs};
    use bitext::view::print::{Annotator, print_parsed};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed/000_18ef8cb601dfb36a.txt");
    let seed = std::fs::read_to_string(path).unwrap();
    let opts = PrintOptions {
        width: 120,
        color: true,
        ..PrintOptions::default()
    };
    let mut whole = parse_single("seed", &seed);
    bitext::entities::annotate(&mut whole);
    assert!(!whole.discrepancies.is_empty() && !whole.entities.is_empty());
    let expected: Vec<String> = print_lines(&whole, &opts).collect();
    let analyse: Annotator = Box::new(|d: &Document| bitext::entities::analyse(d));
    let parsed: Parsed = parse_paragraphs(&[("seed", &seed)]);
    let streamed: Vec<String> = print_parsed(parsed, &opts, Some(analyse), |_| {}).collect();
    assert_eq!(streamed, expected);
    assert!(
        streamed.iter().any(|l| l.contains('!')),
        "a discrepancy is marked"
    );

    // Many windows: the seed's Arabic block then its English block, 70 times over.
    let ar: Vec<&str> = whole
        .paragraphs
        .ar
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let en: Vec<&str> = whole
        .paragraphs
        .en
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let long = format!(
        "{}\n\n{}\n",
        vec![ar.join("\n"); 70].join("\n"),
        vec![en.join("\n"); 70].join("\n")
    );
    let plain = PrintOptions {
        width: 90,
        ..PrintOptions::default()
    };
    let threaded = PrintOptions {
        threads: 3,
        ..plain.clone()
    };
    let finished = parse_single("long", &long);
    assert!(finished.pairs.len() > 1024, "more than one window");
    let expected: Vec<String> = print_lines(&finished, &plain).collect();
    // Laid out ahead on three threads, for the same lines.
    let streamed: Vec<String> = print_parsed(
        parse_paragraphs(&[("long", &long)]),
        &threaded,
        None,
        |_| {},
    )
    .collect();
    assert_eq!(streamed.len(), expected.len());
    assert!(streamed == expected);
}

/// Going pair by pair (as `--print` does) keeps the cache within its budget too: each pair
/// counts as a screen, so what was printed is dropped, whatever the length of the document.
#[test]
fn printing_pair_by_pair_keeps_the_cache_within_its_budget() {
    let doc = seed();
    let mut v = View::new(&doc, 100, ViewOptions::default());
    let budget = 1_500;
    v.set_cache_budget(budget);
    let bytes_of = |p: usize| -> usize {
        Lang::BOTH
            .iter()
            .flat_map(|&l| doc.pairs[p].side(l).iter().map(move |i| (l, i)))
            .map(|(l, i)| doc.paragraphs.of(l)[i].text.len())
            .sum()
    };
    let mut previous = 0;
    for p in 0..doc.pairs.len() {
        v.pair_rows(&doc, p);
        let now = bytes_of(p);
        assert!(
            v.cached_bytes() <= budget + now + previous,
            "pair {p}: {} > {budget} + {now} + {previous}",
            v.cached_bytes()
        );
        previous = now;
    }
}

/// `print_plain` (one language, no colour: the engine's text without cells, laid out on worker
/// threads) prints exactly the lines of the general printer, on the split document, the seed,
/// a one-language text and a long bilingual text aligned in many windows, for each language,
/// at several widths and thread counts, and stops at the first error of its writer.
#[test]
fn print_plain_prints_the_lines_of_the_general_printer() {
    use bitext::document::{Parsed, parse_paragraphs};
    use bitext::view::print::{is_plain, print_parsed, print_plain};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed/000_18ef8cb601dfb36a.txt");
    let seed = std::fs::read_to_string(path).unwrap();
    let arabic = |l: &&str| l.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let ar = seed.lines().filter(arabic).collect::<Vec<_>>().join("\n");
    let en = seed
        .lines()
        .filter(|l| !arabic(l))
        .collect::<Vec<_>>()
        .join("\n");
    let long = format!(
        "{}\n\n{}\n",
        vec![ar.as_str(); 60].join("\n"),
        vec![en.as_str(); 60].join("\n")
    );
    let arabic_only = vec![ar.as_str(); 30].join("\n");
    let texts = [
        ("seed", seed.as_str()),
        ("long", &long),
        ("ar", &arabic_only),
    ];
    for (name, text) in texts {
        for only in [Lang::Ar, Lang::En] {
            for (width, threads) in [(80, 1), (80, 2), (33, 3), (1, 2), (150, 2)] {
                let opts = PrintOptions {
                    width,
                    only: Some(only),
                    threads,
                    ..PrintOptions::default()
                };
                assert!(is_plain(&opts));
                let mut expected = String::new();
                for line in print_parsed(parse_paragraphs(&[(name, text)]), &opts, None, |_| {}) {
                    expected.push_str(&line);
                    expected.push('\n');
                }
                let mut parsed: Parsed = parse_paragraphs(&[(name, text)]);
                let mut printed = String::new();
                let mut chunks = 0;
                print_plain(&mut parsed, &opts, |t: &str| {
                    printed.push_str(t);
                    chunks += 1;
                    Ok::<(), ()>(())
                })
                .unwrap();
                assert!(
                    printed == expected,
                    "{name} {only:?} width {width} threads {threads}"
                );
                if name == "long" && width == 80 {
                    assert!(chunks > 2, "printed in more than one piece");
                }
            }
        }
    }
    // A writer that fails stops the printing with its error.
    let opts = PrintOptions {
        width: 80,
        only: Some(Lang::Ar),
        threads: 2,
        ..PrintOptions::default()
    };
    let mut parsed = parse_paragraphs(&[("long", &long)]);
    let mut calls = 0;
    let result = print_plain(&mut parsed, &opts, |_: &str| {
        calls += 1;
        if calls == 2 { Err("closed") } else { Ok(()) }
    });
    assert_eq!(result, Err("closed"));
    assert_eq!(calls, 2);
}
