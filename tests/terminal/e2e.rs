//! End to end in a real terminal: the built binary in tmux on the seed article at 160x45.
//!
//! Checks that the top rows of both columns hold the first pair, that `}` brings the second
//! pair to the top of both, that the Arabic rows on screen are exactly what `bitext --print
//! --only ar` gives at the Arabic column's width, that a resize keeps the pair at the top, and
//! that `q` gives the shell back with the screen restored (alternate screen left, cursor shown).
//! Then, for SIGTERM, SIGHUP and SIGINT: the terminal is restored, the position is saved, and
//! the next run opens where the last one stopped. Needs tmux (CI installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use crate::support;

use support::{Tmux, bitext_arg as bin, seed_path};

use bitext::config::Config;
use bitext::document::Lang;
use bitext::tui::App;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use unicode_width::UnicodeWidthChar;

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
    let text = support::stdout_of(
        support::bitext()
            .args([
                "--print",
                "--only",
                "ar",
                "--width",
                &w.to_string(),
                "--color",
                "never",
            ])
            .arg(seed_path()),
    );
    text.split("\n\n")
        .map(|p| p.lines().map(str::to_string).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// The Arabic and English slots at a size, from the same view code the binary runs.
fn slots(w: u16, h: u16) -> (bitext::view::Slot, bitext::view::Slot) {
    // With its entities, as the binary shows it once they are found (the sidebar is as wide
    // as its names need).
    let mut doc = reader::seed();
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
    t.wait_no_reader();
    t.type_line("echo back-$((40 + 2))");
    t.wait_for("the shell", |s| s.iter().any(|l| l.contains("back-42")));
}

#[test]
fn signals_restore_the_terminal_and_save_the_position() {
    let t = Tmux::start("e2e-signals", 160, 45, None);
    let open = format!("{} '{}'", bin(), seed_path().display());
    for (before, (signal, number)) in (1..).zip([("TERM", 15), ("HUP", 1), ("INT", 2)]) {
        t.type_line(&format!("{open}; echo status-$?"));
        t.wait_for("the reader", |s| {
            s.iter().any(|l| l.contains(&format!("pair {before}/18")))
        });
        // Move on one pair, then stop the reader with the signal.
        t.keys(&["}"]);
        let after = before + 1;
        t.wait_for("the next pair", |s| {
            s.iter().any(|l| l.contains(&format!("pair {after}/18")))
        });
        let pid = t.reader_pid();
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
        t.wait_no_reader();
        // The process ended as the signal ends it: the shell says 128 + its number; after
        // SIGINT an interactive shell drops the rest of the command line, as after Ctrl-C
        // (it would go on to say 130 had the reader merely exited with that status).
        let want = format!("status-{}", 128 + number);
        if signal == "INT" {
            std::thread::sleep(Duration::from_millis(500));
            let screen = t.capture();
            let last = screen
                .iter()
                .rposition(|l| l.contains("echo status-"))
                .unwrap();
            assert!(
                screen.iter().skip(last).all(|l| !l.starts_with("status-")),
                "{}",
                screen.join("\n")
            );
        } else {
            t.wait_for("the exit status", |s| s.iter().any(|l| l.trim() == want));
        }
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
    let raw = t.home().join("raw");
    t.record_output("t", &raw);
    t.type_line(&format!("'{}'; echo status-$?", path.display()));
    let screen = t.wait_for("the shell after the panic", |s| {
        s.iter().any(|l| l.starts_with("status-"))
    });
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    // Implicit bidi mode is back, on the shell's row (after leaving the alternate screen).
    let bytes = std::fs::read(&raw).unwrap();
    let leave = *positions(&bytes, b"\x1b[?1049l").last().unwrap();
    assert!(positions(&bytes, b"\x1b[8h").iter().any(|&i| i > leave));
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

/// Where `pat` occurs in `hay`.
fn positions(hay: &[u8], pat: &[u8]) -> Vec<usize> {
    (0..hay.len())
        .filter(|&i| hay.get(i..).is_some_and(|h| h.starts_with(pat)))
        .collect()
}

/// Where the first and last Arabic presentation forms are among the bytes (U+FB50–U+FEFF,
/// as the reader writes shaped Arabic: UTF-8 `EF AD 90` to `EF BB BF`).
fn arabic_span(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut at = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] == 0xef && (0xad..=0xbb).contains(&w[1]))
        .map(|(i, _)| i);
    let first = at.next()?;
    Some((first, at.next_back().unwrap_or(first)))
}

/// The raw output of the reader (tmux `pipe-pane`) on a VTE-like terminal: explicit bidi mode
/// is set before the alternate screen and the alternate screen is cleared while it is in force
/// (VTE applies `CSI 8 l` to the cursor's row and to rows made later: before the fix only the
/// top row was right); implicit mode comes back only after the alternate screen is left, on
/// the shell's row.
#[test]
fn the_bidi_mode_reaches_every_row_and_comes_back_on_the_shell_row() {
    let t = Tmux::start("e2e-bidi", 160, 45, None);
    let raw = t.home().join("raw");
    t.record_output("t", &raw);
    t.type_line(&format!(
        "VTE_VERSION=7006 {} --no-state '{}'",
        bin(),
        seed_path().display()
    ));
    t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
    t.keys(&["q"]);
    t.wait_for_format("#{alternate_on}", "0");
    t.wait_no_reader();
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap();
    let enter = *positions(&bytes, b"\x1b[?1049h")
        .first()
        .expect("alternate screen");
    let leave = *positions(&bytes, b"\x1b[?1049l")
        .last()
        .expect("alternate screen left");
    let explicit = positions(&bytes, b"\x1b[8l");
    let implicit = positions(&bytes, b"\x1b[8h");
    let (arabic, _) = arabic_span(&bytes).expect("Arabic on screen");
    assert!(
        explicit.iter().any(|&i| i < enter),
        "explicit mode before the alternate screen: {explicit:?}, enter at {enter}"
    );
    let clear = positions(&bytes, b"\x1b[2J")
        .into_iter()
        .find(|&i| i > enter)
        .expect("the alternate screen cleared");
    assert!(
        clear < arabic,
        "cleared (rows made in explicit mode) before any Arabic is drawn"
    );
    assert!(
        implicit.iter().all(|&i| i > leave) && !implicit.is_empty(),
        "implicit mode only after leaving the alternate screen: {implicit:?}, leave at {leave}"
    );
}

/// `--print` to a VTE terminal wraps its output in explicit mode; into a pipe, or on another
/// terminal, it sends no escape.
#[test]
fn print_on_vte_wraps_the_arabic_in_explicit_mode() {
    let t = Tmux::start("e2e-print-vte", 100, 40, None);
    let raw = t.home().join("raw");
    t.record_output("t", &raw);
    let print = format!(
        "{} --print --only ar --color never --width 60 '{}'",
        bin(),
        seed_path().display()
    );
    t.type_line(&format!("VTE_VERSION=7006 {print}; echo done-$((1 + 1))"));
    t.wait_for("the printed text", |s| {
        s.iter().any(|l| l.trim() == "done-2")
    });
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap();
    let (first, last) = arabic_span(&bytes).expect("Arabic printed");
    let explicit = positions(&bytes, b"\x1b[8l");
    let implicit = positions(&bytes, b"\x1b[8h");
    assert_eq!(explicit.len(), 1, "{explicit:?}");
    assert_eq!(implicit.len(), 1, "{implicit:?}");
    assert!(explicit[0] < first && implicit[0] > last);

    // Into a pipe, and on a terminal that is not VTE: no escape at all.
    let seen = bytes.len();
    t.type_line(&format!(
        "VTE_VERSION=7006 {print} | cat; {print}; echo done-$((2 + 1))"
    ));
    t.wait_for("the printed text", |s| {
        s.iter().any(|l| l.trim() == "done-3")
    });
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap();
    let after = bytes.get(seen..).unwrap();
    assert!(arabic_span(after).is_some());
    assert!(positions(after, b"\x1b[8").is_empty());
}

/// konsole, kitty and mlterm reorder every line again. In tmux no escape reaches them, so the
/// status bar names the setting to change; `--print` says it once on standard error; the
/// config setting `terminal_bidi_ok` silences it. Outside a multiplexer, konsole and mlterm
/// get the escape that turns their own bidi off for the session, and it is undone at exit.
#[test]
fn terminals_that_reorder_by_themselves_get_a_hint_or_an_escape() {
    let t = Tmux::start("e2e-hint", 160, 45, None);
    let seed = seed_path().display().to_string();
    for (var, name) in [
        ("KONSOLE_VERSION=221203", "konsole"),
        ("KITTY_WINDOW_ID=1", "kitty"),
        ("MLTERM=3.9.0", "mlterm"),
    ] {
        t.type_line(&format!("{var} {} --no-state '{seed}'", bin()));
        let want = format!("{name} reorders Arabic again");
        let screen = t.wait_for("the hint", |s| s.iter().any(|l| l.contains(&want)));
        let bar = screen.iter().find(|l| l.contains(&want)).unwrap();
        assert!(bar.contains("pair 1/18"), "in the status bar: {bar}");
        t.keys(&["q"]);
        t.wait_for_format("#{alternate_on}", "0");
        t.wait_no_reader();
    }
    // --print says it once, on standard error, when it prints to the terminal.
    let err = t.home().join("err");
    t.type_line(&format!(
        "KITTY_WINDOW_ID=1 {} --print --width 60 '{seed}' 2>'{}'; echo printed-$((3 + 4))",
        bin(),
        err.display()
    ));
    // (A marker the typed command line cannot show: a wrapped row of the command could read
    // "printed" alone, depending on the length of the paths in it.)
    t.wait_for("the printed text", |s| {
        s.iter().any(|l| l.trim() == "printed-7")
    });
    let said = std::fs::read_to_string(&err).unwrap();
    assert_eq!(said.matches("kitty reorders").count(), 1, "{said}");
    assert!(said.contains("force_ltr yes"), "{said}");

    // Outside tmux: konsole and mlterm are switched by escape, and no hint is needed.
    let raw = t.home().join("raw");
    t.record_output("t", &raw);
    for (var, off, on) in [
        (
            "KONSOLE_VERSION=221203",
            "\x1b]50;BidiRenderingEnabled=false\x07",
            "\x1b]50;BidiRenderingEnabled=true\x07",
        ),
        (
            "MLTERM=3.9.0",
            "\x1b]5379;use_ctl=false\x07",
            "\x1b]5379;use_ctl=true\x07",
        ),
    ] {
        let offset = std::fs::metadata(&raw).map_or(0, |m| m.len() as usize);
        t.type_line(&format!("env -u TMUX {var} {} --no-state '{seed}'", bin()));
        let screen = t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
        assert!(
            !screen.join("\n").contains("reorders"),
            "{}",
            screen.join("\n")
        );
        t.keys(&["q"]);
        t.wait_for_format("#{alternate_on}", "0");
        t.wait_no_reader();
        std::thread::sleep(Duration::from_millis(300));
        let all = std::fs::read(&raw).unwrap();
        let bytes = all.get(offset..).unwrap();
        let enter = positions(bytes, b"\x1b[?1049h")[0];
        let leave = *positions(bytes, b"\x1b[?1049l").last().unwrap();
        let (arabic, _) = arabic_span(bytes).unwrap();
        let offs = positions(bytes, off.as_bytes());
        let ons = positions(bytes, on.as_bytes());
        assert!(
            offs.len() == 1 && offs[0] > enter && offs[0] < arabic,
            "{offs:?}"
        );
        assert!(ons.len() == 1 && ons[0] > leave, "{ons:?}");
    }

    // The config says the terminal is fine: no hint, no escape.
    let conf = t.home().join("config").join("bitext");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("config.toml"),
        "[view]\nterminal_bidi_ok = true\n",
    )
    .unwrap();
    let offset = std::fs::metadata(&raw).map_or(0, |m| m.len() as usize);
    t.type_line(&format!("KONSOLE_VERSION=1 {} --no-state '{seed}'", bin()));
    let screen = t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
    assert!(
        !screen.join("\n").contains("reorders"),
        "{}",
        screen.join("\n")
    );
    t.keys(&["q"]);
    t.wait_for_format("#{alternate_on}", "0");
    t.wait_no_reader();
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap();
    assert!(positions(bytes.get(offset..).unwrap(), b"\x1b]50;").is_empty());
}

/// `--no-shaping` reaches the reader: the Arabic on screen is plain letters (the terminal
/// shapes them), where the default draws presentation forms.
#[test]
fn no_shaping_reaches_the_reader() {
    let presentation = |s: &[String]| {
        s.iter()
            .flat_map(|l| l.chars())
            .filter(|c| matches!(u32::from(*c), 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
            .count()
    };
    for (flag, shaped) in [("", true), ("--no-shaping", false)] {
        let t = Tmux::start(&format!("e2e-shaping{}", u8::from(shaped)), 160, 45, None);
        t.type_line(&format!(
            "{} --no-state {flag} '{}'",
            bin(),
            seed_path().display()
        ));
        let screen = t.wait_for("the first screen", |s| {
            s.iter().any(|l| l.contains("pair 1/18"))
        });
        assert_eq!(
            presentation(&screen) > 100,
            shaped,
            "{flag}\n{}",
            screen.join("\n")
        );
        if !shaped {
            assert_eq!(presentation(&screen), 0, "{}", screen.join("\n"));
            assert!(screen.iter().any(|l| l.contains('\u{0627}')), "plain alef");
        }
        t.keys(&["q"]);
        t.wait_no_reader();
    }
}
