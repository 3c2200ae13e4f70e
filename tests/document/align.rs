//! The aligner on articles whose paragraph counts differ: split, merged, missing and extra
//! paragraphs. Each fixture `tests/fixtures/align/<name>.txt` has its correct beads in
//! `<name>.expected` (`ar-indices<TAB>en-indices`, `-` for none).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use bitext::document::{self, Pair};
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
    let got: Vec<(Vec<usize>, Vec<usize>)> = aligned(name)
        .into_iter()
        .map(|p| (p.ar.to_vec(), p.en.to_vec()))
        .collect();
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
    let got: Vec<(Vec<usize>, Vec<usize>)> = doc
        .pairs
        .into_iter()
        .map(|p| (p.ar.to_vec(), p.en.to_vec()))
        .collect();
    assert_eq!(got, want);
}
