//! Every key of the reader, driven without a terminal: key sequences in, state out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::config::Config;
use bitext::document::Lang;
use bitext::tui::app::{Focus, Mode};
use bitext::tui::{Action, App, Input};
use bitext::view::{Anchor, Arrangement};
use reader::{app, screen, seed_with_entities};

fn reader() -> App {
    app(seed_with_entities(), 160, 45)
}

fn row(a: &App) -> u64 {
    a.view.row_of(a.nav.top)
}

#[test]
fn j_k_and_arrows_move_one_row() {
    let mut a = reader();
    a.press("j").unwrap();
    assert_eq!(row(&a), 1);
    a.press("<Down><Down>").unwrap();
    assert_eq!(row(&a), 3);
    a.press("k<Up>").unwrap();
    assert_eq!(row(&a), 1);
    a.press("kkk").unwrap();
    assert_eq!(row(&a), 0, "stops at the top");
}

#[test]
fn pages_and_half_pages() {
    let mut a = app(seed_with_entities(), 100, 24);
    let page = a.text_rows() as u64 - 1;
    a.press(" ").unwrap();
    assert_eq!(row(&a), page);
    a.press("<PageDown>f").unwrap();
    assert_eq!(row(&a), 3 * page);
    a.press("b<PageUp>").unwrap();
    assert_eq!(row(&a), page);
    a.press("<C-u>").unwrap();
    assert_eq!(row(&a), page - page.div_ceil(2));
    a.press("<C-d><C-d>").unwrap();
    assert_eq!(row(&a), page - page.div_ceil(2) + 2 * page.div_ceil(2));
}

#[test]
fn g_and_end_go_to_the_ends_and_the_screen_stays_full() {
    let mut a = reader();
    a.press("G").unwrap();
    assert_eq!(a.nav.current, a.doc.pairs.len() - 1);
    let bottom = a.nav.top;
    let lines = screen(&mut a);
    // The last row of text holds the end of the last pair (the seed's last English line), and
    // the status line follows it.
    let last_text_row = &lines[a.text_rows() - 1];
    assert!(
        last_text_row.contains("and this was one of those times.\""),
        "{}",
        lines.join("\n")
    );
    assert!(
        lines[a.text_rows()].contains("100%"),
        "{}",
        lines.join("\n")
    );
    a.press("j").unwrap();
    assert_eq!(a.nav.top, bottom, "cannot scroll past the end");
    a.press("g").unwrap();
    assert_eq!((a.nav.top, a.nav.current), (Anchor::default(), 0));
    a.press("<End><Home>").unwrap();
    assert_eq!(a.nav.top, Anchor::default());
    a.press("<End>").unwrap();
    assert_eq!(a.nav.top, bottom);
}

#[test]
fn braces_move_by_aligned_pair() {
    let mut a = reader();
    a.press("}").unwrap();
    assert_eq!(
        (a.nav.current, a.nav.top),
        (1, Anchor { pair: 1, offset: 0 })
    );
    a.press("}}").unwrap();
    assert_eq!(a.nav.top.pair, 3);
    a.press("{").unwrap();
    assert_eq!(a.nav.top.pair, 2);
    // Inside a pair, `{` goes to its start first.
    a.press("jj{").unwrap();
    assert_eq!(a.nav.top, Anchor { pair: 2, offset: 0 });
    a.press("{{{{{").unwrap();
    assert_eq!(a.nav.top, Anchor::default());
    // At the end, `}` still moves the current pair though the screen cannot scroll further.
    let n = a.doc.pairs.len();
    for _ in 0..n + 3 {
        a.press("}").unwrap();
    }
    assert_eq!(a.nav.current, n - 1);
}

#[test]
fn brackets_move_by_heading() {
    let mut a = reader();
    let headings = a.view.headings().to_vec();
    assert_eq!(
        headings.len(),
        3,
        "the seed has three headings on each side"
    );
    a.press("]").unwrap();
    assert_eq!(a.nav.current, headings[0]);
    a.press("]").unwrap();
    assert_eq!(a.nav.current, headings[1]);
    a.press("[").unwrap();
    assert_eq!(a.nav.current, headings[0]);
    a.press("[").unwrap();
    assert_eq!(a.nav.current, headings[0], "no heading before the first");
    assert!(a.message.as_deref().unwrap().contains("no more headings"));
}

#[test]
fn tab_focuses_the_sidebar_where_j_k_select_and_enter_jumps() {
    let mut a = reader();
    a.press("<Tab>").unwrap();
    assert_eq!(a.focus, Focus::Sidebar);
    let first = a.sidebar.selected_entity().unwrap();
    assert_eq!(a.doc.entities[first].label.en.as_deref(), Some("Trump"));
    a.press("jj").unwrap();
    let e = a.sidebar.selected_entity().unwrap();
    assert_eq!(a.doc.entities[e].label.en.as_deref(), Some("South Korea"));
    assert_eq!(row(&a), 0, "j in the sidebar does not scroll the text");
    a.press("k").unwrap();
    a.press("<Enter>").unwrap();
    // Kim's first mention is in the first pair.
    assert_eq!(a.nav.current, 0);
    a.press("n").unwrap();
    assert_eq!(a.highlights.mention, Some(1));
    a.press("nnnnnnnnn").unwrap();
    let at = a.nav.current;
    a.press("N").unwrap();
    assert!(a.nav.current <= at);
    a.press("<Tab>").unwrap();
    assert_eq!(a.focus, Focus::Text);
    a.press("<Esc>").unwrap();
    assert_eq!(a.sidebar.selected, None, "Esc clears the selection");
}

#[test]
fn slash_searches_both_languages_with_folding_and_n_steps() {
    let mut a = reader();
    a.press("/كوريا<Enter>").unwrap();
    let s = a.highlights.search.as_ref().unwrap();
    let ar = s.matches.iter().filter(|m| m.lang == Lang::Ar).count();
    assert!(ar >= 4, "{ar}");
    assert_eq!(s.current, Some(0));
    a.press("n").unwrap();
    assert_eq!(a.highlights.search.as_ref().unwrap().current, Some(1));
    a.press("N N").unwrap();
    // `N`, then Space pages, then `N` again.
    let total = a.highlights.search.as_ref().unwrap().matches.len();
    assert_eq!(
        a.highlights.search.as_ref().unwrap().current,
        Some(total - 1)
    );
    a.press("<Esc>").unwrap();
    assert!(a.highlights.search.is_none());
    // English, case-insensitive, and typing keys are text, not actions.
    a.press("/qk<Backspace><Backspace>seoul<Enter>").unwrap();
    assert_eq!(a.highlights.search.as_ref().unwrap().query, "seoul");
    assert!(!a.highlights.search.as_ref().unwrap().matches.is_empty());
    assert!(!a.quit);
    // A search with no match says so.
    a.press("/zzzz<Enter>").unwrap();
    assert!(a.message.as_deref().unwrap().contains("no match"));
    // Esc while typing leaves the previous state.
    a.press("/abc<Esc>").unwrap();
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn harakat_in_the_text_do_not_hide_it_from_a_bare_query() {
    let mut a = reader();
    // The seed writes "تسلّم" with a shadda; the query has none.
    a.press("/تسلم<Enter>").unwrap();
    assert_eq!(a.highlights.search.as_ref().unwrap().matches.len(), 1);
}

#[test]
fn question_mark_shows_help_and_any_key_closes_it() {
    let mut a = reader();
    a.press("?").unwrap();
    assert_eq!(a.mode, Mode::Help);
    a.press("j").unwrap();
    assert_eq!(a.mode, Mode::Help, "bound keys are ignored under the help");
    assert_eq!(row(&a), 0);
    a.press("?").unwrap();
    assert_eq!(a.mode, Mode::Normal);
    a.press("<F1>x").unwrap();
    assert_eq!(a.mode, Mode::Normal, "an unbound key closes the help");
    a.press("?<Esc>").unwrap();
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut a = reader();
    a.press("q").unwrap();
    assert!(a.quit);
    let mut a = reader();
    a.press("/abc<C-c>").unwrap();
    assert!(a.quit, "Ctrl-c quits even while typing a search");
}

#[test]
fn s_a_e_c_t_w_toggle_the_arrangement() {
    let mut a = reader();
    assert!(!a.stacked());
    a.press("}}").unwrap();
    a.press("s").unwrap();
    assert_eq!(a.view.options().arrangement, Arrangement::Stacked);
    assert_eq!(a.nav.top.pair, 2, "the same pair stays at the top");
    a.press("s").unwrap();
    assert_eq!(a.view.options().arrangement, Arrangement::SideBySide);
    a.press("a").unwrap();
    assert!(!a.view.shows(Lang::Ar) && a.view.shows(Lang::En));
    a.press("e").unwrap();
    assert!(a.view.shows(Lang::Ar) && !a.view.shows(Lang::En));
    a.press("e").unwrap();
    assert!(a.view.shows(Lang::Ar) && a.view.shows(Lang::En));
    let colours = a.entity_colors;
    a.press("c").unwrap();
    assert_eq!(a.entity_colors, !colours);
    assert!(a.areas().sidebar.is_some());
    a.press("t").unwrap();
    assert!(a.areas().sidebar.is_none());
    assert_eq!(a.areas().text.width, 160);
    a.press("t").unwrap();
    let before = a.view.slots()[0].lang;
    a.press("w").unwrap();
    assert_eq!(a.view.slots()[0].lang, before.other());
}

#[test]
fn d_jumps_to_the_next_discrepancy_and_says_what_differs() {
    let mut a = reader();
    a.press("d").unwrap();
    assert_eq!(a.nav.current, 9);
    assert!(a.message.as_deref().unwrap().contains("Yoon"));
    a.press("d").unwrap();
    assert!(a.message.as_deref().unwrap().contains("no more"));
    a.press("gD").unwrap();
    assert_eq!(a.nav.current, 0);
    a.press("G").unwrap();
    a.press("D").unwrap();
    assert_eq!(a.nav.current, 9);
    // The status bar names the difference whenever the pair is current.
    a.handle(Input::Action(Action::LineDown));
    let s = screen(&mut a).join("\n");
    assert!(s.contains("differs") || s.contains("Yoon"), "{s}");
}

#[test]
fn the_wheel_scrolls() {
    let mut a = reader();
    a.handle(Input::Wheel(3));
    assert_eq!(row(&a), 3);
    a.handle(Input::Wheel(-1));
    assert_eq!(row(&a), 2);
}

#[test]
fn resizing_keeps_the_pair_at_the_top() {
    let mut a = reader();
    a.press("}}}}").unwrap();
    for (w, h) in [(120, 40), (90, 30), (200, 60), (60, 20), (160, 45)] {
        a.handle(Input::Resize(w, h));
        assert_eq!(a.nav.top.pair, 4, "at {w}x{h}");
        let s = screen(&mut a);
        // Side by side the English heading is on the first row; stacked, the Arabic one.
        assert!(
            s[0].contains("White House Interest") || s[0].contains("ﺾﻴﺑﻷﺍ ﺖﻴﺒﻟﺍ ﻡﺎﻤﺘﻫﺍ"),
            "at {w}x{h}: {}",
            s[0]
        );
    }
    // Scrolling down from there does not jump back up, even where the end is on screen.
    a.handle(Input::Resize(200, 60));
    let top = a.nav.top;
    a.press("j").unwrap();
    assert!(a.nav.top >= top);
}

#[test]
fn any_size_down_to_1x1_draws_without_panic() {
    let mut a = reader();
    for (w, h) in [
        (1, 1),
        (1, 2),
        (2, 1),
        (3, 3),
        (10, 2),
        (5, 40),
        (200, 1),
        (0, 0),
        (1, 1),
    ] {
        a.handle(Input::Resize(w, h));
        if w > 0 && h > 0 {
            screen(&mut a);
        }
        a.press("j}G?<Esc>/x<Enter>n<Tab>j<Enter>").unwrap();
        if w > 0 && h > 0 {
            screen(&mut a);
        }
    }
}

#[test]
fn a_storm_of_random_resizes_and_keys_never_panics() {
    let mut a = reader();
    // A small deterministic generator: the storm is the same on every run.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let keys = [
        "j", "k", " ", "b", "}", "{", "]", "[", "G", "g", "s", "a", "e", "t", "w", "d", "n",
    ];
    for _ in 0..300 {
        let w = 1 + next(220) as u16;
        let h = 1 + next(70) as u16;
        a.handle(Input::Resize(w, h));
        a.press(keys[next(keys.len() as u64) as usize]).unwrap();
        if next(4) == 0 {
            screen(&mut a);
        }
        assert!(a.nav.top.pair < a.doc.pairs.len());
    }
}

#[test]
fn rebound_keys_come_from_the_config() {
    let config =
        Config::from_toml_str("[keys]\nline_down = \"x\"\nquit = [\"Q\", \"Esc\"]\n").unwrap();
    let mut a = App::new(seed_with_entities(), config, (160, 45));
    a.press("j").unwrap();
    assert_eq!(row(&a), 0, "j is no longer bound");
    a.press("x").unwrap();
    assert_eq!(row(&a), 1);
    a.press("<Esc>").unwrap();
    assert!(a.quit, "Esc was taken from cancel by quit");
}

#[test]
fn an_empty_document_and_a_one_language_document_work() {
    let mut a = app(bitext::document::Document::default(), 80, 24);
    a.press("jkG g}{][/x<Enter>n<Tab>sae?q").unwrap();
    screen(&mut a);
    let doc = bitext::document::parse_single("ar.txt", "مرحبا بكم\n\nهذه فقرة ثانية.");
    let mut a = app(doc, 80, 24);
    assert_eq!(a.view.slots().len(), 1);
    a.press("a").unwrap();
    assert!(a.message.as_deref().unwrap().contains("one language"));
    let s = screen(&mut a).join("\n");
    assert!(s.contains("ﺎﺒﺣﺮﻣ") || s.contains("مرحبا"), "{s}");
}

#[test]
fn config_places_the_sidebar_and_orders_the_columns() {
    let config = Config::from_toml_str(
        "[view]\nsidebar = \"left\"\nsidebar_width = 30\ncolumn_order = [\"ar\", \"en\"]\n",
    )
    .unwrap();
    let mut a = App::new(seed_with_entities(), config, (160, 45));
    let areas = a.areas();
    assert_eq!(areas.sidebar.unwrap().x, 0);
    assert_eq!(areas.text.x, 30);
    assert_eq!(a.view.slots()[0].lang, Lang::Ar);
    let s = screen(&mut a);
    assert!(s[1].starts_with(" People"), "{}", s[1]);
    // The English column is now on the right, after the Arabic one.
    let en = a.view.slots()[1];
    let t = reader::terminal(&mut a);
    let buf = t.backend().buffer();
    let first: String = (30 + en.x..30 + en.x + 12)
        .map(|x| buf[(x as u16, 0)].symbol())
        .collect();
    assert_eq!(first, "CNN reported");
    let hidden = Config::from_toml_str("[view]\nsidebar = \"hidden\"\n").unwrap();
    let mut a = App::new(seed_with_entities(), hidden, (160, 45));
    assert!(a.areas().sidebar.is_none());
    a.press("t").unwrap();
    assert!(a.areas().sidebar.is_some(), "the key still shows it");
}

#[test]
fn shaping_off_writes_plain_arabic_letters() {
    let config = Config::from_toml_str("[view]\nshaping = false\n").unwrap();
    let mut a = App::new(seed_with_entities(), config, (160, 45));
    let s = screen(&mut a).join("\n");
    // The first word نقلت, in visual order (left to right on screen) and not shaped.
    assert!(s.contains("تلقن"), "{s}");
    assert!(!s.contains('\u{FEE0}'));
}
