//! The reader (on ratatui's test backend) over hostile text: no cell of the screen ever holds a
//! control character, at any size down to 1x1 and through a storm of resizes and keys; bidi
//! overrides are warned about in the status bar and shown as marks with
//! `view.show_bidi_controls`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::config::Config;
use bitext::document::parse_single;
use bitext::tui::{App, Input};

fn nasty() -> String {
    let mut s = String::from("# عنوان \u{1b}[2J خطير\n\n");
    s.push_str("نص \u{1b}]0;title\u{7} فيه \u{7f}\u{9b}31m وتاب\tهنا و\u{202E}معكوس\u{202C} و👨\u{200D}👩\u{200D}👧 و中文.\n\n");
    s.push_str("# Title \u{1b}[31mred\n\n");
    s.push_str("Text \u{1b}c with \u{8}\u{8}\u{8} backspaces, \u{202E}nimda\u{202C}, \u{2067}isolate\u{2069}, tab\there, 中文 and \u{85}C1.\n");
    s
}

/// Every cell's symbol is free of control characters (C0, DEL, C1) and of raw bidi controls.
fn assert_clean(app: &mut App, show_bidi: bool) {
    let t = reader::terminal(app);
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(char::is_control),
                "control in cell ({x},{y}): {sym:?}"
            );
            if !show_bidi {
                assert!(
                    !sym.chars()
                        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                    "bidi control in cell ({x},{y}): {sym:?}"
                );
            }
        }
    }
}

#[test]
fn no_control_reaches_a_cell_at_any_size() {
    let doc = parse_single("nasty.txt", &nasty());
    for (w, h) in [(160, 45), (80, 24), (20, 5), (3, 3), (2, 1), (1, 2), (1, 1)] {
        let mut app = reader::app(doc.clone(), w, h);
        assert_clean(&mut app, false);
        app.press("}}").unwrap();
        assert_clean(&mut app, false);
    }
}

/// A deterministic storm of resizes (down to 1x1) and keys, drawing after each.
#[test]
fn a_storm_of_resizes_and_keys_on_hostile_text() {
    let doc = parse_single("nasty.txt", &nasty());
    let mut app = reader::app(doc, 100, 30);
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let keys = [
        "j",
        "k",
        " ",
        "b",
        "}",
        "{",
        "G",
        "g",
        "s",
        "a",
        "e",
        "w",
        "t",
        "c",
        "d",
        "<Tab>",
        "?",
        "<Esc>",
        "<C-d>",
        "<PageDown>",
    ];
    for i in 0..400 {
        if i % 3 == 0 {
            let w = (next() % 180) as u16 + 1;
            let h = (next() % 50) as u16 + 1;
            app.handle(Input::Resize(w, h));
        } else {
            let k = keys[(next() % keys.len() as u64) as usize];
            app.press(k).unwrap();
        }
        assert_clean(&mut app, false);
    }
}

#[test]
fn the_status_bar_warns_about_bidi_overrides() {
    let doc = parse_single("nasty.txt", &nasty());
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    let mut app = reader::app(doc, 200, 30);
    let screen = reader::screen(&mut app);
    let status = &screen[28];
    assert!(status.contains("bidi override"), "{status}");
    // It stays in view after other messages are gone (a key clears the first message).
    app.press("j").unwrap();
    let screen = reader::screen(&mut app);
    assert!(screen[28].contains("bidi override"), "{}", screen[28]);
}

#[test]
fn bidi_controls_are_shown_as_marks_when_configured() {
    let doc = parse_single("nasty.txt", &nasty());
    let rlo = '\u{21DA}'; // ⇚, the mark of U+202E
    let mut plain = reader::app(doc.clone(), 200, 30);
    assert!(!reader::screen(&mut plain).concat().contains(rlo));
    let config = Config::from_toml_str("[view]\nshow_bidi_controls = true\n").unwrap();
    let mut shown = App::new(doc, config, (200, 30));
    assert_clean(&mut shown, true);
    let text = reader::screen(&mut shown).concat();
    assert!(text.contains(rlo), "{text}");
    assert!(text.contains('\u{21E4}'), "RLI mark ⇤: {text}");
}
