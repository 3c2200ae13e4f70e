//! Helpers shared by the reader's tests: the seed article, hand-made entities, screens.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test uses a subset

use bitext::config::Config;
use bitext::document::{
    Discrepancy, DiscrepancyKind, Document, Entity, EntityKind, Label, Lang, Mention,
};
use bitext::tui::{App, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The seed article's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(super::seed_path()).unwrap()
}

/// The seed article, loaded as the binary loads it.
pub fn seed() -> Document {
    bitext::document::parse_single("000_18ef8cb601dfb36a.txt", &seed_text())
}

/// Every occurrence of `needle` in the paragraphs of `lang`, as mentions.
pub fn mentions_of(doc: &Document, lang: Lang, needle: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, p) in doc.paragraphs.of(lang).iter().enumerate() {
        for (b, _) in p.text.match_indices(needle) {
            let start = p.text.get(..b).unwrap().chars().count();
            out.push(Mention {
                lang,
                paragraph: i,
                start,
                end: start + needle.chars().count(),
                text: needle.to_string(),
                bytes: b..b + needle.len(),
            });
        }
    }
    out
}

/// An entity made by hand from its names in each language.
pub fn entity(doc: &Document, kind: EntityKind, en: Option<&str>, ar: Option<&str>) -> Entity {
    let mut mentions = Vec::new();
    if let Some(a) = ar {
        mentions.extend(mentions_of(doc, Lang::Ar, a));
    }
    if let Some(e) = en {
        mentions.extend(mentions_of(doc, Lang::En, e));
    }
    Entity {
        kind,
        label: Label {
            ar: ar.map(str::to_string),
            en: en.map(str::to_string),
        },
        mentions,
    }
}

/// The seed with a few entities and one discrepancy, written by hand (the entity detector is
/// tested on its own; the reader's tests need fixed input).
pub fn seed_with_entities() -> Document {
    let mut doc = seed();
    let entities = vec![
        entity(&doc, EntityKind::Person, Some("Trump"), Some("ترمب")),
        entity(&doc, EntityKind::Person, Some("Kim"), Some("كيم")),
        entity(
            &doc,
            EntityKind::Place,
            Some("South Korea"),
            Some("كوريا الجنوبية"),
        ),
        entity(&doc, EntityKind::Place, Some("Washington"), Some("واشنطن")),
        entity(
            &doc,
            EntityKind::Place,
            Some("Panmunjom"),
            Some("بانمونجوم"),
        ),
        entity(&doc, EntityKind::Date, Some("November"), Some("نوفمبر")),
        entity(&doc, EntityKind::Organization, Some("CNN"), Some("CNN")),
    ];
    doc.entities = entities;
    doc.discrepancies = vec![Discrepancy {
        pair: 9,
        kind: DiscrepancyKind::Person,
        detail: "person: لي جاي ميونج (Lee Jae-myung) in Arabic, Yoon Suk-yeol in English".into(),
        confidence: 0.9,
    }];
    doc
}

/// A reader of `doc` at `w`x`h` with the default config.
pub fn app(doc: Document, w: u16, h: u16) -> App {
    App::new(doc, Config::default(), (w, h))
}

/// Draws the app on a test terminal of its size.
pub fn terminal(app: &mut App) -> Terminal<TestBackend> {
    let (w, h) = app.size();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| render::draw(app, f.buffer_mut())).unwrap();
    t
}

/// The screen as text, one line per row (wide characters take their cell and the next).
pub fn screen(app: &mut App) -> Vec<String> {
    let t = terminal(app);
    let buf = t.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..buf.area.height {
        let mut s = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            s.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        rows.push(s);
    }
    rows
}
