//! `bitext --print --only ar --width N FILE` prints exactly the engine's lines (right-aligned), so
//! anyone can compare by hand: checked against the golden layouts of the sample article.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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
    let out = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["--print", "--only", lang, "--color", "never", "--width"])
        .arg(width.to_string())
        .arg(root().join("assets/sample.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
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
