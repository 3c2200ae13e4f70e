//! Golden layouts of whole paragraphs: the sample article (`assets/sample.txt`) and our hard cases
//! (`tests/golden/hard-cases.txt`) laid out at fixed widths and compared with the files under
//! `tests/golden/`. Each line is framed by `|` and right-padded to the width, so alignment shows.
//!
//! After an intended change, regenerate with `BITEXT_BLESS=1 cargo test --test layout golden` and
//! review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::{column_of, root};
use std::fmt::Write as _;
use std::path::Path;

use bitext::layout::{Direction, LayoutOptions, layout_paragraph};

fn render(paras: &[(Direction, String)], width: usize, opts: LayoutOptions) -> String {
    let mut out = String::new();
    for (n, (dir, text)) in paras.iter().enumerate() {
        let name = if *dir == Direction::Rtl { "rtl" } else { "ltr" };
        writeln!(out, "## paragraph {} ({name}), width {width}", n + 1).unwrap();
        for line in layout_paragraph(text, *dir, width, &opts, &[]) {
            writeln!(out, "|{}|", line.to_plain(Some(width))).unwrap();
        }
    }
    out
}

fn compare(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var("BITEXT_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run BITEXT_BLESS=1 cargo test --test layout golden",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(10)
            .map(|(k, (e, a))| format!("line {}:\n  golden {e}\n  actual {a}", k + 1))
            .collect();
        panic!(
            "{} differs (if intended: BITEXT_BLESS=1 cargo test --test layout golden):\n{}",
            path.display(),
            diff.join("\n")
        );
    }
}

fn sample() -> Vec<(Direction, String)> {
    let text = std::fs::read_to_string(root().join("assets/sample.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (column_of(l), l.to_string()))
        .collect()
}

fn hard_cases() -> Vec<(Direction, String)> {
    let text = std::fs::read_to_string(root().join("tests/golden/hard-cases.txt")).unwrap();
    text.lines()
        .filter_map(|l| {
            if let Some(t) = l.strip_prefix("rtl:") {
                Some((Direction::Rtl, t.to_string()))
            } else {
                l.strip_prefix("ltr:")
                    .map(|t| (Direction::Ltr, t.to_string()))
            }
        })
        .collect()
}

#[test]
fn sample_article_golden() {
    let paras = sample();
    assert!(paras.len() >= 20);
    let arabic: Vec<_> = paras
        .iter()
        .filter(|p| p.0 == Direction::Rtl)
        .cloned()
        .collect();
    let english: Vec<_> = paras
        .iter()
        .filter(|p| p.0 == Direction::Ltr)
        .cloned()
        .collect();
    let opts = LayoutOptions::default();
    compare("sample-ar-w40.txt", &render(&arabic, 40, opts));
    compare("sample-ar-w72.txt", &render(&arabic, 72, opts));
    compare("sample-en-w40.txt", &render(&english, 40, opts));
}

#[test]
fn hard_cases_golden() {
    let paras = hard_cases();
    assert!(paras.len() >= 10);
    let opts = LayoutOptions::default();
    compare("hard-cases-w24.txt", &render(&paras, 24, opts));
    compare("hard-cases-w60.txt", &render(&paras, 60, opts));
    let unshaped = LayoutOptions {
        shaping: false,
        ..LayoutOptions::default()
    };
    compare("hard-cases-unshaped-w60.txt", &render(&paras, 60, unshaped));
    let shown = LayoutOptions {
        show_bidi_controls: true,
        ..LayoutOptions::default()
    };
    compare("hard-cases-controls-w60.txt", &render(&paras, 60, shown));
}

#[test]
fn golden_files_hold_no_control_characters() {
    let dir = root().join("tests/golden");
    for entry in std::fs::read_dir(Path::new(&dir)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "hard-cases.txt" {
            continue; // the input, which holds controls on purpose
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{name} holds a control character"
        );
    }
}
