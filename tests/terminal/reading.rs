//! End to end in tmux, what a new user meets first: a pipe into the reader (the text from the
//! pipe, the keys from the terminal), and the reading position coming back exactly where it
//! was left, for a file and for the bundled sample. Needs tmux (CI installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support;

use support::{Tmux, bitext_arg as bin, seed_path};

/// Each row without the sidebar (what follows its border), and the status bar up to its
/// percentage (the background work's progress may follow it).
fn text_part(screen: &[String]) -> Vec<&str> {
    screen
        .iter()
        .map(|l| match l.rsplit_once('│') {
            Some((text, _)) => text,
            None => l.split_inclusive('%').next().unwrap_or(l),
        })
        .collect()
}

/// Whether the screen shows `what`, with the background work done (the sidebar is as wide as
/// its names once they are found, so the text is laid out for good).
fn status_has(s: &[String], what: &str) -> bool {
    s.iter().any(|l| l.contains(what)) && !s.iter().any(|l| l.contains("entities…"))
}

#[test]
fn a_pipe_opens_in_the_reader_which_takes_keys_from_the_terminal() {
    let t = Tmux::start("e2e-pipe", 160, 45, None);
    t.type_line(&format!("cat '{}' | {}", seed_path().display(), bin()));
    let screen = t.wait_for("the piped text", |s| status_has(s, "pair 1/18"));
    assert!(
        screen.iter().any(|l| l.contains("<stdin>")),
        "{}",
        screen.join("\n")
    );
    assert!(screen[0].contains("CNN reported"), "{}", screen.join("\n"));
    t.keys(&["}"]);
    t.wait_for("a key from the terminal", |s| status_has(s, "pair 2/18"));
    t.keys(&["q"]);
    t.wait_for_format("#{alternate_on}", "0");
}

/// Quit at a pair near the end (where the screen's top is an earlier pair than the current
/// one), reopen: the same pair and the same screen. The same for the bundled sample.
#[test]
fn the_reading_position_comes_back_exactly() {
    let t = Tmux::start("e2e-position", 160, 45, None);
    for (open, total) in [
        (format!("{} '{}'", bin(), seed_path().display()), 18),
        (bin(), 16),
    ] {
        t.type_line(&open);
        t.wait_for("the reader", |s| status_has(s, &format!("pair 1/{total}")));
        let target = total - 7;
        t.keys(&["}"; 1]);
        for _ in 1..target - 1 {
            t.keys(&["}"]);
        }
        let left = t.wait_for("the pair to leave at", |s| {
            status_has(s, &format!("pair {target}/{total}"))
        });
        t.keys(&["q"]);
        t.wait_for_format("#{alternate_on}", "0");
        t.wait_for("the shell", |s| s.iter().any(|l| support::is_prompt(l)));
        t.type_line(&open);
        let back = t.wait_for("the reopened reader", |s| {
            status_has(s, &format!("/{total}")) && s.len() == left.len()
        });
        // The text and the status bar (the sidebar may still be filling in).
        assert_eq!(
            text_part(&back),
            text_part(&left),
            "the reopened screen differs"
        );
        t.keys(&["q"]);
        t.wait_for_format("#{alternate_on}", "0");
        t.type_line("clear");
        t.wait_for("a clear shell", |s| {
            s.iter().filter(|l| !l.trim().is_empty()).count() <= 1
        });
    }
}
