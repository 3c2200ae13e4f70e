//! The seed article: the sidebar's people, places and dates, linked across the languages, and
//! the pair whose two sides name different South Korean presidents flagged.

use bitext::document::{DiscrepancyKind, Document, EntityKind, parse_single};
use bitext::entities::annotate;
use std::fmt::Write as _;

fn seed() -> Document {
    let text = crate::support::reader::seed_text();
    let mut doc = parse_single("seed", &text);
    annotate(&mut doc);
    doc
}

fn dump(doc: &Document) -> String {
    let mut s = String::new();
    for e in &doc.entities {
        let _ = writeln!(
            s,
            "{:?} ar={:?} en={:?} ({} mentions)",
            e.kind,
            e.label.ar,
            e.label.en,
            e.mentions.len()
        );
    }
    for d in &doc.discrepancies {
        let _ = writeln!(s, "pair {} {}: {}", d.pair, d.kind, d.detail);
    }
    s
}

/// The entity whose English label is `en`, if any.
fn by_en<'a>(doc: &'a Document, en: &str) -> Option<&'a bitext::document::Entity> {
    doc.entities
        .iter()
        .find(|e| e.label.en.as_deref() == Some(en))
}

#[test]
fn sidebar_lists_the_people_places_and_dates_linked_across_the_languages() {
    let doc = seed();
    let all = dump(&doc);
    let linked = [
        (EntityKind::Person, "Donald Trump", "دونالد ترمب"),
        (EntityKind::Person, "Kim Jong Un", "كيم جونغ أون"),
        (EntityKind::Person, "Xi Jinping", "شي جين بينج"),
        (EntityKind::Place, "South Korea", "كوريا الجنوبية"),
        (EntityKind::Place, "North Korea", "كوريا الشمالية"),
        (EntityKind::Place, "Washington", "واشنطن"),
        (EntityKind::Place, "Pyongyang", "بيونغ يانغ"),
        (EntityKind::Place, "Seoul", "سيول"),
        (EntityKind::Place, "Panmunjom", "بانمونجوم"),
        (EntityKind::Place, "Beijing", "بكين"),
        (EntityKind::Place, "Singapore", "سنغافورة"),
        (EntityKind::Place, "Vietnam", "فيتنام"),
        (EntityKind::Place, "Hanoi", "هانوي"),
        (EntityKind::Date, "last month", "الشهر الماضي"),
        (EntityKind::Date, "earlier this year", "مطلع هذا العام"),
    ];
    for (kind, en, ar) in linked {
        let e = by_en(&doc, en).unwrap_or_else(|| panic!("no entity labelled {en}\n{all}"));
        assert_eq!(e.kind, kind, "{en}\n{all}");
        assert_eq!(e.label.ar.as_deref(), Some(ar), "{en}\n{all}");
    }
    // Dates whose surface differs by side but whose value is the same.
    for (en, ar) in [
        ("upcoming November", "نوفمبر القادم"),
        ("last August", "أغسطس الماضي"),
    ] {
        let e = by_en(&doc, en).unwrap_or_else(|| panic!("no date {en}\n{all}"));
        assert_eq!(e.label.ar.as_deref(), Some(ar), "{all}");
    }
    let y2019 = doc
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Date && e.label.en.as_deref() == Some("2019"))
        .unwrap_or_else(|| panic!("no 2019\n{all}"));
    assert!(
        y2019
            .label
            .ar
            .as_deref()
            .is_some_and(|a| a.contains("2019")),
        "{all}"
    );
    // Trump's short forms fold into the full name, on both sides.
    let trump = by_en(&doc, "Donald Trump").unwrap();
    assert!(
        trump.mentions.iter().filter(|m| m.text == "Trump").count() >= 10,
        "{all}"
    );
    assert!(trump.mentions.iter().any(|m| m.text == "ترمب"), "{all}");
    // Each South Korean president appears on one side only.
    let yoon = by_en(&doc, "Yoon Suk-yeol").unwrap_or_else(|| panic!("no Yoon\n{all}"));
    assert_eq!(yoon.label.ar, None, "{all}");
    let lee = doc
        .entities
        .iter()
        .find(|e| e.label.ar.as_deref() == Some("لي جاي ميونج"))
        .unwrap_or_else(|| panic!("no Lee\n{all}"));
    assert_eq!(lee.label.en, None, "{all}");
    // Adjectives of nationality are not places.
    for adj in ["North Korean", "American", "الأمريكي", "الكوري الشمالي"] {
        assert!(
            !doc.entities
                .iter()
                .any(|e| e.label.en.as_deref() == Some(adj) || e.label.ar.as_deref() == Some(adj)),
            "{adj}\n{all}"
        );
    }
}

#[test]
fn the_pair_naming_different_presidents_is_flagged_and_few_others_are() {
    let doc = seed();
    let all = dump(&doc);
    if std::env::var_os("BITEXT_DUMP").is_some() {
        eprintln!("{all}");
    }
    let lee_para = doc
        .paragraphs
        .ar
        .iter()
        .position(|p| p.text.contains("لي جاي ميونج"))
        .unwrap();
    let pair = doc
        .pairs
        .iter()
        .position(|p| p.ar.contains(&lee_para))
        .unwrap();
    assert!(
        doc.discrepancies.iter().any(|d| d.pair == pair
            && d.kind == DiscrepancyKind::Person
            && d.detail.contains("Yoon")),
        "pair {pair} not flagged\n{all}"
    );
    assert!(doc.discrepancies.len() <= 2, "{all}");
}

#[test]
fn mentions_point_at_their_text_in_chars_and_bytes() {
    let doc = seed();
    for e in &doc.entities {
        for m in &e.mentions {
            let p = &doc.paragraphs.of(m.lang)[m.paragraph];
            assert_eq!(p.text.get(m.bytes.clone()), Some(m.text.as_str()));
            let by_chars: String = p.text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(by_chars, m.text);
        }
    }
}
