//! `bitext --print --only ar --width N FILE` prints exactly the engine's lines (right-aligned), so
//! anyone can compare by hand: checked against the golden layouts of the sample article.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::{self, root};

/// The framed lines of a golden file, without the frames and the right padding.
fn golden_lines(name: &str) -> Vec<String> {
    std::fs::read_to_string(root().join("tests/golden").join(name))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix('|').and_then(|l| l.strip_suffix('|')))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn printed(lang: &str, width: usize) -> Vec<String> {
    support::stdout_of(
        support::bitext()
            .args(["--print", "--only", lang, "--color", "never", "--width"])
            .arg(width.to_string())
            .arg(root().join("assets/sample.txt")),
    )
    .lines()
    .filter(|l| !l.trim().is_empty())
    .map(|l| l.trim_end().to_string())
    .collect()
}

#[test]
fn print_only_arabic_shows_the_engines_lines() {
    for width in [40, 72] {
        assert_eq!(
            printed("ar", width),
            golden_lines(&format!("sample-ar-w{width}.txt")),
            "width {width}"
        );
    }
}

#[test]
fn print_only_english_shows_the_engines_lines() {
    assert_eq!(printed("en", 40), golden_lines("sample-en-w40.txt"));
}
