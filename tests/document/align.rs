//! The aligner on articles whose paragraph counts differ: split, merged, missing and extra
//! paragraphs. Each fixture `tests/fixtures/align/<name>.txt` has its correct beads in
//! `<name>.expected` (`ar-indices<TAB>en-indices`, `-` for none). Two real article pairs
//! (`tests/fixtures/align/ntrex`, CC BY-SA 4.0) are aligned as the reader aligns them, with the
//! entity layer's anchors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use bitext::document::align::Bead;
use bitext::document::parse::is_heading;
use bitext::document::{self, Pair, Paragraph, align};
use bitext::entities::anchors;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align")
}

fn indices(cell: &str) -> Vec<usize> {
    if cell == "-" {
        return vec![];
    }
    cell.split(',').map(|n| n.trim().parse().unwrap()).collect()
}

fn expected(name: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
    std::fs::read_to_string(dir().join(format!("{name}.expected")))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (a, e) = l.split_once('\t').unwrap();
            (indices(a), indices(e))
        })
        .collect()
}

fn aligned(name: &str) -> Vec<Pair> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
    document::parse_single(name, &text).pairs
}

fn check(name: &str) {
    let got = align::beads(&aligned(name));
    assert_eq!(got, expected(name), "{name}");
}

#[test]
fn split_paragraphs() {
    check("split");
}

#[test]
fn merged_paragraphs() {
    check("merged");
}

#[test]
fn a_missing_paragraph() {
    check("missing");
}

#[test]
fn an_extra_heading() {
    check("extra-heading");
}

#[test]
fn all_at_once() {
    check("mixed");
}

#[test]
fn non_one_to_one_beads_score_lower_than_clean_ones() {
    let pairs = aligned("mixed");
    let clean: Vec<f64> = pairs
        .iter()
        .filter(|p| p.ar.len() == 1 && p.en.len() == 1)
        .map(|p| p.score)
        .collect();
    let lonely: Vec<f64> = pairs
        .iter()
        .filter(|p| p.ar.is_empty() || p.en.is_empty())
        .map(|p| p.score)
        .collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(!lonely.is_empty());
    assert!(mean(&lonely) < mean(&clean), "{lonely:?} vs {clean:?}");
}

#[test]
fn long_documents_use_the_band_and_still_align_every_copy() {
    // 80 copies of the mixed article: 1600 × 1680 paragraphs, far past the full programme's size,
    // so the streaming windows and their banded programmes are what runs.
    let text = std::fs::read_to_string(dir().join("mixed.txt")).unwrap();
    let (ar, en) = text.trim().split_once("\n\n").unwrap();
    let copies = 80;
    let doc = document::parse_single(
        "long",
        &format!(
            "{}\n\n{}\n",
            vec![ar; copies].join("\n"),
            vec![en; copies].join("\n")
        ),
    );
    let one = expected("mixed");
    let (n_ar, n_en) = (
        one.iter().map(|b| b.0.len()).sum::<usize>(),
        one.iter().map(|b| b.1.len()).sum::<usize>(),
    );
    let mut want = vec![];
    for k in 0..copies {
        for (a, e) in &one {
            want.push((
                a.iter().map(|i| i + k * n_ar).collect::<Vec<_>>(),
                e.iter().map(|i| i + k * n_en).collect::<Vec<_>>(),
            ));
        }
    }
    let got = align::beads(&doc.pairs);
    assert_eq!(got, want);
}

/// A real article pair of `tests/fixtures/align/ntrex/<name>`: its paragraphs (one a line) and
/// its true beads.
fn real(name: &str) -> (Vec<Paragraph>, Vec<Paragraph>, Vec<Bead>) {
    let at = dir().join("ntrex").join(name);
    let read = |f: &str| std::fs::read_to_string(at.join(f)).unwrap();
    let paragraphs = |text: &str| -> Vec<Paragraph> {
        text.lines()
            .enumerate()
            .map(|(i, l)| Paragraph {
                text: l.to_owned(),
                heading: is_heading(l),
                line: document::narrow(i + 1),
                source: 0,
            })
            .collect()
    };
    let gold: serde_json::Value = serde_json::from_str(&read("gold.json")).unwrap();
    let list = |v: &serde_json::Value| -> Vec<usize> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect()
    };
    let beads = gold["beads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (list(&b[0]), list(&b[1])))
        .collect();
    (
        paragraphs(&read("AR.txt")),
        paragraphs(&read("EN.txt")),
        beads,
    )
}

#[test]
fn real_translations_with_one_sided_and_crossing_paragraphs_align_exactly() {
    for name in ["ntrex-05", "ntrex-16"] {
        let (ar, en, gold) = real(name);
        let got = align::align_with(&ar, &en, anchors::keys);
        assert_eq!(align::beads(&got), gold, "{name}");
        // The one-sided paragraphs stay one-sided, and every pair has a probability.
        assert!(got.iter().all(|p| (0.0..=1.0).contains(&p.score)));
        // Without the anchors too (the length model alone gets these two right).
        assert_eq!(
            align::beads(&align::align(&ar, &en)),
            gold,
            "{name} without anchors"
        );
    }
}

#[test]
fn names_decide_which_paragraph_has_no_counterpart() {
    // Amid translated paragraphs, the English translates only one of two Arabic paragraphs
    // alike in length and shape: only the names (Pompeo / بومبيو, not Simpson / سيمبسون) tell
    // which one.
    let para = |t: &str| Paragraph {
        text: t.to_owned(),
        heading: false,
        line: 0,
        source: 0,
    };
    let context = |k: usize| {
        (
            para(&format!(
                "قال المتحدث إن العدد بلغ {k} في التقرير الصادر اليوم عن الوزارة."
            )),
            para(&format!(
                "The spokesman said the number reached {k} in the ministry's report today."
            )),
        )
    };
    let mut ar: Vec<Paragraph> = (0..6).map(|k| context(k).0).collect();
    ar.push(para("قال سيمبسون إن المفاوضات انتهت بعد ساعتين من النقاش."));
    ar.push(para("وقال بومبيو إن المفاوضات انتهت بعد ساعتين من النقاش."));
    ar.extend((6..12).map(|k| context(k).0));
    let en = |middle: &str| -> Vec<Paragraph> {
        let mut en: Vec<Paragraph> = (0..6).map(|k| context(k).1).collect();
        en.push(para(middle));
        en.extend((6..12).map(|k| context(k).1));
        en
    };
    let one_sided = |en: &[Paragraph]| -> Vec<usize> {
        align::align_with(&ar, en, anchors::keys)
            .iter()
            .filter(|p| p.en.is_empty())
            .map(|p| p.ar.to_vec())
            .collect::<Vec<_>>()
            .concat()
    };
    assert_eq!(
        one_sided(&en(
            "Pompeo said the talks ended after two hours of debate."
        )),
        vec![6]
    );
    assert_eq!(
        one_sided(&en(
            "Simpson said the talks ended after two hours of debate."
        )),
        vec![7]
    );
}
