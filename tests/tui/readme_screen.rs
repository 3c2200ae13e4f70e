//! The screen in the README is the reader's own: the bundled sample at 150x32 after `}`, drawn
//! with the entities the binary finds, kept as an insta snapshot, and the README's block is
//! checked against it so the two cannot drift apart.
//!
//! When the screen changes on purpose (a new entity detector, a new status bar), accept the
//! snapshot (`cargo insta review`, or `INSTA_UPDATE=always`) and rewrite the README's block with
//! `BITEXT_UPDATE_README=1 cargo test --test tui readme_screen`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::config::Config;
use bitext::tui::App;
use std::path::PathBuf;

/// The line before the README's screen block.
const MARKER: &str = "<!-- the screen below is generated: see tests/tui/readme_screen.rs -->";

fn readme() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// The sample at 150x32 after `}`, as text lines without their trailing blanks.
fn sample_screen() -> String {
    let mut doc = bitext::document::parse_single("sample", bitext::source::SAMPLE);
    bitext::entities::annotate(&mut doc);
    let mut a = App::new(doc, Config::default(), (150, 32));
    a.press("}").unwrap();
    assert_eq!(a.nav.current, 1);
    let lines: Vec<String> = reader::screen(&mut a)
        .iter()
        .map(|l| l.trim_end().to_owned())
        .collect();
    lines.join("\n")
}

/// The README's text before its screen block's lines, the lines, and what follows them.
fn readme_block(text: &str) -> (&str, &str, &str) {
    let (before, after) = text
        .split_once(MARKER)
        .expect("the README has the screen marker");
    let (opening, rest) = after
        .split_once("```text\n")
        .expect("a text block after the marker");
    let (block, end) = rest.split_once("\n```").expect("the block's end");
    let head = text
        .get(..before.len() + MARKER.len() + opening.len() + "```text\n".len())
        .unwrap();
    (head, block, end)
}

#[test]
fn the_readme_screen_is_the_readers() {
    let screen = sample_screen();
    insta::assert_snapshot!("sample_150x32_after_next_pair", screen);
    let path = readme();
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, block, end) = readme_block(&text);
    let want = screen.as_str();
    if block != want && std::env::var_os("BITEXT_UPDATE_README").is_some() {
        std::fs::write(&path, format!("{head}{want}\n```{end}")).unwrap();
        return;
    }
    assert!(
        block == want,
        "the README's screen differs from the reader's; rewrite it with \
         BITEXT_UPDATE_README=1 cargo test --test tui readme_screen\n--- README ---\n{block}\n--- reader ---\n{want}"
    );
}
