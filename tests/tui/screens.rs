//! Whole screens of the reader on ratatui's `TestBackend`, as insta snapshots: the seed article
//! at 160x45 (side by side) and 90x40 (stacked), after `}` three times, with an entity selected,
//! with the help overlay, and with a search. Styles are checked by assertions beside them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::config::Config;
use bitext::tui::App;
use ratatui::style::{Color, Modifier};
use reader::{app, screen, seed_with_entities, terminal};

fn snap(app: &mut App) -> String {
    screen(app).join("\n")
}

#[test]
fn seed_160x45() {
    let mut a = app(seed_with_entities(), 160, 45);
    insta::assert_snapshot!(snap(&mut a));
}

#[test]
fn seed_90x40_stacked() {
    let mut a = app(seed_with_entities(), 90, 40);
    assert!(a.stacked(), "under 100 columns the pair is stacked");
    insta::assert_snapshot!(snap(&mut a));
}

#[test]
fn seed_after_three_next_pairs() {
    let mut a = app(seed_with_entities(), 160, 45);
    a.press("}}}").unwrap();
    assert_eq!(a.nav.current, 3);
    insta::assert_snapshot!(snap(&mut a));
}

#[test]
fn seed_with_an_entity_selected() {
    let mut a = app(seed_with_entities(), 160, 45);
    // Focus the sidebar (selects the first entity), go down to Kim.
    a.press("<Tab>j").unwrap();
    let kim = a.sidebar.selected_entity().unwrap();
    assert_eq!(a.doc.entities[kim].label.en.as_deref(), Some("Kim"));
    let t = terminal(&mut a);
    insta::assert_snapshot!(snap(&mut a));
    // The highlight lands on the mention's cells in both columns: find Kim's cells by style.
    let buf = t.backend().buffer();
    let selected_bg = Color::Cyan;
    let mut highlighted_rows = std::collections::BTreeSet::new();
    let mut text = String::new();
    for y in 0..a.areas().text.height {
        for x in 0..a.areas().text.width {
            let c = &buf[(x, y)];
            if c.bg == selected_bg {
                highlighted_rows.insert(y);
                text.push_str(c.symbol());
            }
        }
    }
    // In the first pair, "Kim" in English and "كيم" (shaped, reversed on screen) in Arabic.
    assert!(text.contains("Kim"), "{text}");
    assert!(text.contains("\u{FEE2}\u{FEF4}\u{FEDB}"), "{text:?}");
    assert!(highlighted_rows.contains(&2), "{highlighted_rows:?}");
}

#[test]
fn seed_with_help_overlay() {
    let mut a = app(seed_with_entities(), 160, 45);
    a.press("?").unwrap();
    let s = snap(&mut a);
    for action in bitext::tui::Action::ALL {
        assert!(s.contains(action.describe()), "help lacks {action:?}");
    }
    insta::assert_snapshot!(s);
}

#[test]
fn seed_with_a_search() {
    let mut a = app(seed_with_entities(), 160, 45);
    // A query without the shadda finds the word written with it (جدّية).
    a.press("/جدية<Enter>").unwrap();
    let search = a.highlights.search.as_ref().unwrap();
    assert_eq!(search.matches.len(), 1);
    let t = terminal(&mut a);
    let s = snap(&mut a);
    assert!(s.contains("1/1"), "counter in the status bar");
    insta::assert_snapshot!(s);
    let buf = t.backend().buffer();
    let hits: Vec<&str> = (0..160u16)
        .flat_map(|x| (0..43u16).map(move |y| (x, y)))
        .filter(|&(x, y)| {
            buf[(x, y)].modifier.contains(Modifier::BOLD) && buf[(x, y)].bg == Color::LightYellow
        })
        .map(|(x, y)| buf[(x, y)].symbol())
        .collect();
    assert!(!hits.is_empty(), "the current match is highlighted");
}

#[test]
fn no_color_keeps_highlights_as_attributes() {
    let mut a = App::new(seed_with_entities(), Config::default(), (160, 45));
    a.no_color = true;
    a.press("/Trump<Enter>").unwrap();
    let t = terminal(&mut a);
    let buf = t.backend().buffer();
    for y in 0..45u16 {
        for x in 0..160u16 {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "colour at {x},{y}"
            );
        }
    }
    let reversed = (0..160u16)
        .flat_map(|x| (0..43u16).map(move |y| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 0, "matches still show without colour");
}
