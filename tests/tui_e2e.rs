//! End to end in a real terminal: the built binary in tmux on the seed article at 160x45.
//!
//! Checks that the top rows of both columns hold the first pair, that `}` brings the second
//! pair to the top of both, that the Arabic rows on screen are exactly what `bitext --print
//! --only ar` gives at the Arabic column's width, that a resize keeps the pair at the top, and
//! that `q` gives the shell back with the screen restored (alternate screen left, cursor shown).
//! Then, for SIGTERM, SIGHUP and SIGINT: the terminal is restored, the position is saved, and
//! the next run opens where the last one stopped. Needs tmux (CI installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

mod common;

mod support;

use support::Tmux;

use bitext::config::Config;
use bitext::document::Lang;
use bitext::tui::App;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthChar;

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed/000_18ef8cb601dfb36a.txt")
        .canonicalize()
        .unwrap()
}

/// The binary under test (see `support::bitext_binary`).
fn bin() -> String {
    let chosen = support::bitext_binary();
    eprintln!("end-to-end binary: {}", chosen.display());
    chosen.display().to_string()
}

/// The text in display columns `x..x + w` of a captured row.
fn columns(row: &str, x: usize, w: usize) -> String {
    let mut col = 0;
    let mut out = String::new();
    for c in row.chars() {
        let cw = c.width().unwrap_or(0);
        if col >= x && col < x + w {
            out.push(c);
        } else if cw == 0 && col > x && col <= x + w && !out.is_empty() {
            // A combining mark belongs to the cell before it.
            out.push(c);
        }
        col += cw;
    }
    // Right-pad to the width (the capture drops trailing blanks).
    let used: usize = out.chars().map(|c| c.width().unwrap_or(0)).sum();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// What `bitext --print --only ar --width w` prints, split into paragraphs.
fn printed_arabic(w: usize) -> Vec<Vec<String>> {
    let out = Command::new(bin())
        .args([
            "--print",
            "--only",
            "ar",
            "--width",
            &w.to_string(),
            "--color",
            "never",
        ])
        .arg(seed_path())
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("BITEXT_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.split("\n\n")
        .map(|p| p.lines().map(str::to_string).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// The Arabic and English slots at a size, from the same view code the binary runs.
fn slots(w: u16, h: u16) -> (bitext::view::Slot, bitext::view::Slot) {
    // With its entities, as the binary shows it once they are found (the sidebar is as wide
    // as its names need).
    let mut doc = common::seed();
    bitext::entities::annotate(&mut doc);
    let a = App::new(doc, Config::default(), (w, h));
    let s = a.view.slots();
    let ar = *s.iter().find(|s| s.lang == Lang::Ar).unwrap();
    let en = *s.iter().find(|s| s.lang == Lang::En).unwrap();
    (ar, en)
}

fn assert_arabic_rows(screen: &[String], ar: bitext::view::Slot, expected: &[String]) {
    for (i, line) in expected.iter().enumerate() {
        let got = columns(&screen[i], ar.x, ar.width);
        let want = columns(line, 0, ar.width);
        assert_eq!(got, want, "row {i}\nscreen:\n{}", screen.join("\n"));
    }
}

#[test]
fn reader_in_tmux_pairs_jumps_resizes_and_restores_the_shell() {
    let t = Tmux::start("e2e-main", 160, 45, None);
    t.type_line(&format!("{} --no-state '{}'", bin(), seed_path().display()));
    let screen = t.wait_for("the first screen, its entities found", |s| {
        s.iter().any(|l| l.contains("pair 1/18")) && !s.iter().any(|l| l.contains("entities…"))
    });
    assert_eq!(t.format("#{alternate_on}"), "1");
    let (ar, en) = slots(160, 45);
    let paragraphs = printed_arabic(ar.width);
    assert_eq!(paragraphs.len(), 18);
    // Both columns start with the first pair, and the Arabic rows are the printed ones.
    assert!(
        columns(&screen[0], en.x, en.width).starts_with("CNN reported"),
        "{}",
        screen[0]
    );
    assert_arabic_rows(&screen, ar, &paragraphs[0]);

    t.keys(&["}"]);
    let screen = t.wait_for("the second pair", |s| {
        s.iter().any(|l| l.contains("pair 2/18"))
    });
    assert!(
        columns(&screen[0], en.x, en.width).starts_with("However, the network"),
        "{}",
        screen.join("\n")
    );
    assert_arabic_rows(&screen, ar, &paragraphs[1]);

    // A resize re-wraps and keeps the same pair at the top of both columns.
    t.run(&["resize-window", "-t", "t", "-x", "120", "-y", "40"]);
    let (ar, en) = slots(120, 40);
    let paragraphs = printed_arabic(ar.width);
    let screen = t.wait_for("the re-wrapped screen", |s| {
        s.len() == 40 && columns(&s[0], en.x, en.width).starts_with("However, the network")
    });
    assert_arabic_rows(&screen, ar, &paragraphs[1]);

    t.keys(&["q"]);
    t.wait_for_format("#{alternate_on}", "0");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown again");
    wait_no_reader(&t);
    t.type_line("echo back-$((40 + 2))");
    t.wait_for("the shell", |s| s.iter().any(|l| l.contains("back-42")));
}

/// The children of the pane's shell.
fn shell_children(t: &Tmux) -> Vec<u32> {
    let shell: u32 = t.format("#{pane_pid}").parse().unwrap();
    std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .unwrap()
        .split_whitespace()
        .map(|p| p.parse().unwrap())
        .collect()
}

/// Waits until the reader's process has exited (the shell has no child left).
fn wait_no_reader(t: &Tmux) {
    let start = Instant::now();
    while !shell_children(t).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the reader did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The reader's process: the child of the pane's shell.
fn reader_pid(t: &Tmux) -> u32 {
    let start = Instant::now();
    loop {
        if let Some(&pid) = shell_children(t).first() {
            return pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no reader process"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn signals_restore_the_terminal_and_save_the_position() {
    let t = Tmux::start("e2e-signals", 160, 45, None);
    let open = format!("{} '{}'", bin(), seed_path().display());
    for (before, signal) in (1..).zip(["TERM", "HUP", "INT"]) {
        t.type_line(&open);
        t.wait_for("the reader", |s| {
            s.iter().any(|l| l.contains(&format!("pair {before}/18")))
        });
        // Move on one pair, then stop the reader with the signal.
        t.keys(&["}"]);
        let after = before + 1;
        t.wait_for("the next pair", |s| {
            s.iter().any(|l| l.contains(&format!("pair {after}/18")))
        });
        let pid = reader_pid(&t);
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        t.wait_for_format("#{alternate_on}", "0");
        assert_eq!(
            t.format("#{cursor_flag}"),
            "1",
            "cursor shown after SIG{signal}"
        );
        wait_no_reader(&t);
        // The output differs from the command line typed (`tr`), so it proves the shell ran it.
        t.type_line(&format!("echo AFTER-{signal} | tr A-Z a-z"));
        let lower = format!("after-{}", signal.to_lowercase());
        t.wait_for("the shell", |s| s.iter().any(|l| l.contains(&lower)));
        // The state file holds the position.
        let dir = t.data_dir().join("bitext").join("positions");
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(files.len(), 1, "one state file in {}", dir.display());
    }
    // The next run opens where the last one stopped.
    t.type_line(&open);
    t.wait_for("the restored position", |s| {
        s.iter().any(|l| l.contains("pair 4/18"))
    });
    t.keys(&["q"]);
    t.wait_for_format("#{alternate_on}", "0");
}

/// An example program, built beside the test binaries (`cargo test` builds examples; a run of
/// this test alone builds it here).
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let path = profile_dir.join("examples").join(name);
    if !path.exists() {
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "--example", name, "--manifest-path"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        assert!(build.status().unwrap().success(), "building example {name}");
    }
    path
}

#[test]
fn a_panic_restores_the_terminal_and_prints_its_message_after() {
    let path = example("terminal_panic");
    assert!(path.exists(), "{} was not built", path.display());
    let t = Tmux::start("e2e-panic", 100, 30, None);
    t.type_line(&format!("'{}'; echo status-$?", path.display()));
    let screen = t.wait_for("the shell after the panic", |s| {
        s.iter().any(|l| l.starts_with("status-"))
    });
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    let text = screen.join("\n");
    assert!(
        text.contains("deliberate panic"),
        "message on the normal screen:\n{text}"
    );
    assert!(text.contains("status-101"), "{text}");
    // The shell reads lines again (raw mode is off): typed text echoes and runs.
    t.type_line("echo usable-$((6 * 7))");
    t.wait_for("a usable shell", |s| {
        s.iter().any(|l| l.trim() == "usable-42")
    });
}
