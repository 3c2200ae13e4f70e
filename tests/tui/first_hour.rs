//! What a new user met in the first hour of the reader, each driven with keys and checked on
//! the state or the drawn screen: toggles that say what they did, edges that say "no more", a
//! status bar that agrees with itself, a visible sidebar focus, a search that says it wrapped,
//! the help overlay complete at 80x24, a sidebar sized to its names.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::document::{EntityKind, parse_single, parse_two};
use bitext::tui::App;
use bitext::tui::app::Focus;
use reader::{app, entity, screen, seed, seed_with_entities, terminal};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(crate::support::format_fixture(name)).unwrap()
}

/// The status bar row of the drawn screen.
fn status(a: &mut App) -> String {
    let y = usize::from(a.areas().status.unwrap().y);
    screen(a)[y].clone()
}

fn message(a: &App) -> String {
    a.message.clone().unwrap_or_default()
}

#[test]
fn s_twice_gives_the_layout_back_to_the_width_rule() {
    let mut a = app(seed_with_entities(), 160, 45);
    assert!(!a.stacked());
    a.press("s").unwrap();
    assert!(a.stacked());
    a.press("s").unwrap();
    assert!(!a.stacked());
    // Narrower than the stacking width: stacked again, as for a fresh reader.
    a.handle(bitext::tui::Input::Resize(90, 40));
    assert!(a.stacked(), "after s s the layout follows resizes again");
    a.handle(bitext::tui::Input::Resize(160, 45));
    assert!(!a.stacked());
}

#[test]
fn every_toggle_says_what_it_did() {
    let mut a = app(seed_with_entities(), 160, 45);
    for (key, words) in [
        ("c", ["colours", "off"]),
        ("c", ["colours", "on"]),
        ("t", ["sidebar", "hidden"]),
        ("t", ["sidebar", "shown"]),
        ("w", ["Arabic", "left"]),
        ("w", ["English", "left"]),
    ] {
        a.press(key).unwrap();
        let m = message(&a);
        assert!(words.iter().all(|w| m.contains(w)), "{key}: {m:?}");
    }
}

#[test]
fn the_edges_of_the_document_say_so() {
    let mut a = app(seed_with_entities(), 160, 45);
    a.press("{").unwrap();
    assert!(message(&a).contains("first pair"), "{:?}", a.message);
    a.press("G}").unwrap();
    assert!(message(&a).contains("last pair"), "{:?}", a.message);
    a.press("n").unwrap();
    let m = message(&a);
    assert!(m.contains("nothing to find"), "{m:?}");
    assert!(m.contains('/'), "says how to search: {m:?}");
}

#[test]
fn paging_to_the_end_and_g_agree_on_the_pair() {
    let mut a = app(seed_with_entities(), 100, 24);
    for _ in 0..40 {
        a.press(" ").unwrap();
    }
    let paged = status(&mut a);
    a.press("gG").unwrap();
    let jumped = status(&mut a);
    assert!(paged.contains("100%"), "{paged}");
    assert_eq!(paged, jumped);
    assert!(paged.contains("pair 18/18"), "{paged}");
}

#[test]
fn a_document_that_fits_on_the_screen_says_all() {
    let mut a = app(
        parse_single("short.txt", &fixture("blocks-ar-first.txt")),
        160,
        45,
    );
    let s = status(&mut a);
    assert!(s.contains(" all"), "{s}");
    assert!(!s.contains("100%"), "{s}");
}

#[test]
fn the_status_bar_names_both_files() {
    let doc = parse_two(
        ("ar.txt", &fixture("ar.txt")),
        ("en.txt", &fixture("en.txt")),
    );
    let mut a = app(doc, 160, 45);
    let s = status(&mut a);
    assert!(s.contains("ar.txt") && s.contains("en.txt"), "{s}");
}

#[test]
fn the_focused_sidebar_shows_it_beyond_its_title() {
    let mut a = app(seed_with_entities(), 160, 45);
    let side = a.areas().sidebar.unwrap();
    let border_style = |a: &mut App| {
        let t = terminal(a);
        let buf = t.backend().buffer();
        (1..side.height)
            .map(|y| buf[(side.x, y)].style())
            .collect::<Vec<_>>()
    };
    let unfocused = border_style(&mut a);
    a.press("<Tab>").unwrap();
    assert_eq!(a.focus, Focus::Sidebar);
    let focused = border_style(&mut a);
    assert_ne!(unfocused, focused, "the border shows the focus");
    // The key hints are those of the sidebar.
    let hint = screen(&mut a)[usize::from(a.areas().hint.unwrap().y)].clone();
    assert!(hint.contains("Enter") && hint.contains("mention"), "{hint}");
}

#[test]
fn a_search_that_wraps_says_so() {
    let mut a = app(seed_with_entities(), 160, 45);
    a.press("/Panmunjom<Enter>").unwrap();
    let n = a.highlights.search.as_ref().unwrap().matches.len();
    assert!(n >= 2);
    for _ in 1..n {
        a.press("n").unwrap();
        assert!(!message(&a).contains("wrapped"), "{:?}", a.message);
    }
    a.press("n").unwrap();
    assert!(message(&a).contains("wrapped"), "{:?}", a.message);
    assert!(status(&mut a).contains(&format!("1/{n}")));
    a.press("N").unwrap();
    assert!(message(&a).contains("wrapped"), "{:?}", a.message);
}

#[test]
fn a_one_language_document_marks_no_entity_as_one_sided() {
    let mut doc = parse_single("ar.txt", &fixture("arabic-only.txt"));
    let word = doc.paragraphs.ar[1]
        .text
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    doc.entities = vec![entity(&doc, EntityKind::Place, None, Some(&word))];
    assert!(!doc.entities[0].mentions.is_empty());
    let mut a = app(doc, 160, 45);
    let side = a.areas().sidebar.unwrap();
    let lines = screen(&mut a);
    let row: String = lines[2].chars().skip(usize::from(side.x)).collect();
    assert!(!row.contains('!'), "{row}");
    // In a bilingual document, a one-sided entity is still marked.
    let mut doc = seed();
    doc.entities = vec![entity(&doc, EntityKind::Person, Some("Trump"), None)];
    let mut a = app(doc, 160, 45);
    let side = a.areas().sidebar.unwrap();
    let lines = screen(&mut a);
    let row: String = lines[2].chars().skip(usize::from(side.x)).collect();
    assert!(row.contains('!'), "{row}");
}

/// Every entry of the help, as the overlay lists it.
fn help_entries() -> Vec<&'static str> {
    let mut all: Vec<&str> = bitext::tui::Action::ALL
        .iter()
        .map(|a| a.describe())
        .collect();
    all.extend(["Ctrl-c", "wheel"]);
    all
}

#[test]
fn the_help_is_complete_at_80x24_by_scrolling_and_says_there_is_more() {
    let mut a = app(seed_with_entities(), 80, 24);
    a.press("?").unwrap();
    let first = screen(&mut a).join("\n");
    assert!(first.contains("more"), "says there is more:\n{first}");
    let mut seen = first.clone();
    let mut last = first.clone();
    for _ in 0..40 {
        a.press("j").unwrap();
        let now = screen(&mut a).join("\n");
        seen.push_str(&now);
        last = now;
    }
    for entry in help_entries() {
        assert!(seen.contains(entry), "never shown: {entry}");
    }
    // At the end, it says it is the end (no "more" below) and the help is still open.
    assert!(!last.contains("↓"), "{last}");
    assert_eq!(a.mode, bitext::tui::app::Mode::Help);
    // Back to the top with g; Esc closes.
    a.press("g").unwrap();
    assert_eq!(screen(&mut a).join("\n"), first);
    a.press("<Esc>").unwrap();
    assert_eq!(a.mode, bitext::tui::app::Mode::Normal);
}

#[test]
fn a_wide_short_terminal_shows_the_help_in_columns_at_once() {
    let mut a = app(seed_with_entities(), 200, 24);
    a.press("?").unwrap();
    let s = screen(&mut a).join("\n");
    for entry in help_entries() {
        assert!(s.contains(entry), "missing: {entry}\n{s}");
    }
    assert!(!s.contains("more"), "{s}");
}

/// The sidebar's rows as text (what is right of its border), and its area.
fn sidebar_rows(a: &mut App) -> Vec<String> {
    let side = a.areas().sidebar.unwrap();
    let t = terminal(a);
    let buf = t.backend().buffer();
    (0..side.height)
        .map(|y| {
            (side.x + 1..side.x + side.width)
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}

fn with_koreas() -> bitext::document::Document {
    let mut doc = seed_with_entities();
    let north = entity(
        &doc,
        EntityKind::Place,
        Some("North Korea"),
        Some("كوريا الشمالية"),
    );
    let long = entity(
        &doc,
        EntityKind::Organization,
        Some("Asia-Pacific Economic Cooperation"),
        Some("منظمة التعاون الاقتصادي"),
    );
    assert!(!north.mentions.is_empty() && !long.mentions.is_empty());
    doc.entities.push(north);
    doc.entities.push(long);
    doc
}

#[test]
fn on_a_wide_terminal_the_sidebar_shows_every_name_whole() {
    let mut a = app(with_koreas(), 250, 50);
    let side = a.areas().sidebar.unwrap();
    assert!(side.width > 32, "{side:?}");
    assert!(side.width <= 250 / 3, "{side:?}");
    let rows = sidebar_rows(&mut a).join("\n");
    assert!(!rows.contains('…'), "{rows}");
    for name in [
        "South Korea",
        "North Korea",
        "Asia-Pacific Economic Cooperation",
    ] {
        assert!(rows.contains(name), "{name}:\n{rows}");
    }
}

#[test]
fn short_names_make_a_narrow_sidebar() {
    let mut doc = seed();
    doc.entities = vec![entity(&doc, EntityKind::Person, Some("Kim"), Some("كيم"))];
    let a = app(doc, 250, 50);
    let side = a.areas().sidebar.unwrap();
    assert!(side.width < 32, "{side:?}");
}

#[test]
fn names_cut_for_room_are_cut_in_the_middle_and_stay_distinct() {
    let mut a = app(with_koreas(), 120, 40);
    let rows = sidebar_rows(&mut a);
    let text = rows.join("\n");
    // The long name keeps its start and its end.
    let long = rows
        .iter()
        .find(|r| r.contains("Asia"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(long.contains('…') && long.contains("tion"), "{long}");
    // The two Koreas differ in their Arabic label too (not both "…ﺎﻳﺭﻮﻛ").
    let arabic_of = |en: &str| {
        let r = rows
            .iter()
            .find(|r| r.contains(en))
            .unwrap_or_else(|| panic!("{en}:\n{text}"));
        r.chars()
            .filter(|c| {
                ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{FB50}'..='\u{FEFF}').contains(c)
            })
            .collect::<String>()
    };
    assert_ne!(arabic_of("South Korea"), arabic_of("North Korea"), "{text}");
}

/// The bundled sample `copies` times over: a long document whose windows of entity analysis
/// start in the middle of an article.
fn long_sample(copies: usize) -> bitext::document::Document {
    let sample = parse_single("sample", bitext::source::SAMPLE);
    let ar = &sample.paragraphs.ar;
    let en = &sample.paragraphs.en;
    let mut out = String::new();
    for _ in 0..copies {
        for (a, e) in ar.iter().zip(en) {
            out.push_str(&a.text);
            out.push('\n');
            out.push_str(&e.text);
            out.push_str("\n\n");
        }
    }
    parse_single("long", &out)
}

/// A person named in full in one window and by surname, or on one side, in others is one
/// entity of the sidebar, with every mention.
#[test]
fn entities_are_linked_across_analysis_windows() {
    let doc = long_sample(12);
    let (whole, _) = bitext::entities::analyse(&doc);
    let (windowed, _) = bitext::tui::background::analyse_in_windows(&doc, 37, |_, _| true);
    let khatib = |es: &[bitext::document::Entity]| {
        es.iter()
            .filter(|e| {
                e.kind == EntityKind::Person
                    && (e.label.en.as_deref().is_some_and(|l| l.contains("Khatib"))
                        || e.label.ar.as_deref().is_some_and(|l| l.contains("الخطيب")))
            })
            .map(|e| (e.label.clone(), e.mentions.len()))
            .collect::<Vec<_>>()
    };
    let in_whole = khatib(&whole);
    let in_windows = khatib(&windowed);
    // As many entities as the whole document gives (one, with today's detector), not one per
    // way the windows saw the name.
    assert!(!in_whole.is_empty());
    assert_eq!(
        in_windows.len(),
        in_whole.len(),
        "{in_windows:?} against {in_whole:?}"
    );
    // Its mentions: all those a window finds (a bare surname at the start of a window, before
    // any full name, is not detected there; linking cannot add what was not found).
    assert!(
        in_windows[0].1 * 100 >= in_whole[0].1 * 90,
        "{in_windows:?} against {in_whole:?}"
    );
    // Each kind of thing is as many entities in windows as in the whole document.
    let people = |es: &[bitext::document::Entity]| {
        es.iter().filter(|e| e.kind == EntityKind::Person).count()
    };
    assert_eq!(people(&windowed), people(&whole));
}

/// A reader on a document long enough to be aligned in the background, the work started but
/// not yet taken in (the reader takes it in only when polled).
fn loading_reader() -> (App, bitext::tui::background::Background) {
    use bitext::tui::background::{Background, first_windows};
    let (ar, en): (Vec<String>, Vec<String>) = (0..3000)
        .map(|i| {
            (
                format!("زار وفد من بغداد مدينة البصرة في اليوم {i} وناقش مشاريع المياه."),
                format!("A delegation from Baghdad visited Basra on day {i} and discussed water."),
            )
        })
        .unzip();
    let text = format!("{}\n\n{}\n", ar.join("\n"), en.join("\n"));
    let (doc, aligner) = first_windows(bitext::document::parse_paragraphs(&[("long.txt", &text)]));
    assert!(aligner.is_some());
    let mut a = app(doc, 120, 40);
    let bg = Background::start(&mut a, aligner);
    (a, bg)
}

fn wait_loaded(a: &mut App, bg: &mut bitext::tui::background::Background) {
    let start = std::time::Instant::now();
    while a.loading.is_some() {
        bg.poll(a);
        assert!(
            start.elapsed().as_secs() < 120,
            "the background work did not end"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn the_status_bar_shows_the_loading_and_g_reaches_the_real_end() {
    let (mut a, mut bg) = loading_reader();
    let known = a.view.pairs();
    let s = status(&mut a);
    assert!(s.contains("aligning") && s.contains('%'), "{s}");
    a.press("G").unwrap();
    let m = message(&a);
    assert!(
        m.contains("aligned"),
        "G says the end is not known yet: {m:?}"
    );
    assert_eq!(a.nav.current, known - 1);
    wait_loaded(&mut a, &mut bg);
    assert!(a.view.pairs() > known);
    assert_eq!(
        a.nav.current,
        a.view.pairs() - 1,
        "G went on to the real end"
    );
    let s = status(&mut a);
    assert!(s.contains("100%") && !s.contains("aligning"), "{s}");
}

#[test]
fn moving_after_g_while_loading_keeps_the_place() {
    let (mut a, mut bg) = loading_reader();
    a.press("Gk").unwrap();
    let top = a.nav.top;
    wait_loaded(&mut a, &mut bg);
    assert_eq!(a.nav.top, top, "the user moved on: no jump to the end");
}

/// The reader marks, quietly and only at a pair's first row, the empty side of a one-sided pair
/// (`-`: a paragraph left untranslated) and both sides of a pair the aligner is unsure of (`?`).
#[test]
fn one_sided_and_unsure_pairs_have_a_quiet_marker() {
    use bitext::document::Lang;
    use bitext::tui::render::{ONE_SIDED_MARK, UNSURE_BELOW, UNSURE_MARK};
    let mut doc = parse_single("short.txt", &fixture("blocks-ar-first.txt"));
    assert!(doc.pairs.len() >= 4, "{}", doc.pairs.len());
    for p in &mut doc.pairs {
        p.score = 1.0;
    }
    // Pair 2's English joins pair 1 (pair 2 is left untranslated); pair 3 is unsure.
    let en = std::mem::take(&mut doc.pairs[2].en);
    doc.pairs[1].en.extend(en);
    doc.pairs[3].score = UNSURE_BELOW / 2.0;
    let mut a = app(doc, 120, 40);
    let t = terminal(&mut a);
    let buf = t.backend().buffer();
    let rows = a.view.rows(&a.doc, a.nav.top, 36);
    let slots = a.view.slots().to_vec();
    let mark = |pair: usize, lang: Lang| {
        let y = rows
            .iter()
            .position(|r| r.pair == pair && r.offset == 0)
            .expect("the pair on screen");
        let slot = slots.iter().find(|s| s.lang == lang).expect("a column");
        let x = slot.marker_x.expect("markers on");
        buf[(x as u16, y as u16)].symbol().to_string()
    };
    assert_eq!(mark(2, Lang::En), ONE_SIDED_MARK);
    assert_eq!(mark(2, Lang::Ar), " ");
    assert_eq!(mark(3, Lang::Ar), UNSURE_MARK);
    assert_eq!(mark(3, Lang::En), UNSURE_MARK);
    assert_eq!(mark(1, Lang::En), " ");
}
