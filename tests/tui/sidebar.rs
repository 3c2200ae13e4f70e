//! The reader on the entities the detector really finds in the seed article: the sidebar lists
//! them, Enter and `n` jump to their mentions, and the highlight lands on the mention's cells
//! in both columns (through the layout engine's cell map, after reordering and shaping).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::reader;

use bitext::document::{EntityKind, Lang};
use bitext::tui::sidebar::SidebarRow;
use ratatui::style::Color;
use reader::{app, seed, terminal};

fn annotated() -> bitext::document::Document {
    let mut doc = seed();
    bitext::entities::annotate(&mut doc);
    doc
}

#[test]
fn the_sidebar_lists_detected_entities_grouped_by_kind() {
    let doc = annotated();
    assert!(!doc.entities.is_empty());
    let a = app(doc, 160, 45);
    let mut kinds = Vec::new();
    for row in &a.sidebar.rows {
        if let SidebarRow::Group(k, n) = row {
            assert!(*n > 0);
            kinds.push(*k);
        }
    }
    assert!(kinds.contains(&EntityKind::Person), "{kinds:?}");
    assert!(kinds.contains(&EntityKind::Place), "{kinds:?}");
    let s = reader::screen(&mut app(annotated(), 160, 45)).join("\n");
    assert!(s.contains("People"), "{s}");
}

#[test]
fn selected_mentions_are_highlighted_on_their_cells_in_both_columns() {
    let mut a = app(annotated(), 160, 45);
    a.press("<Tab>").unwrap();
    // Walk the sidebar to an entity found on both sides with an English mention in view.
    let mut checked = 0;
    for _ in 0..a.sidebar.entity_rows.len() {
        let e = a.sidebar.selected_entity().unwrap();
        let entity = a.doc.entities[e].clone();
        a.press("<Enter>").unwrap();
        let t = terminal(&mut a);
        let buf = t.backend().buffer();
        let rows = a.view.rows(&a.doc, a.nav.top, a.text_rows());
        let slots = a.view.slots().to_vec();
        for (y, row) in rows.iter().enumerate() {
            for part in &row.parts {
                let line = part.visual();
                let slot = slots[part.slot];
                let mentions: Vec<_> = entity
                    .mentions
                    .iter()
                    .filter(|m| m.lang == part.lang && m.paragraph == part.paragraph)
                    .filter(|m| m.bytes.start < line.source.end && line.source.start < m.bytes.end)
                    .collect();
                // Every cell whose source lies in a mention is highlighted, and no other.
                let mut x = slot.x + line.indent;
                for c in &line.cells {
                    let inside = mentions
                        .iter()
                        .any(|m| c.source.start < m.bytes.end && m.bytes.start < c.source.end);
                    let bg = buf[(x as u16, y as u16)].bg;
                    assert_eq!(
                        bg == Color::Cyan,
                        inside,
                        "entity {:?}, {:?} paragraph {}, cell {:?}",
                        entity.label,
                        part.lang,
                        part.paragraph,
                        line.cell_text(c)
                    );
                    if inside {
                        checked += 1;
                    }
                    x += usize::from(c.width);
                }
                // In English the highlighted cells spell the mention.
                if part.lang == Lang::En {
                    for m in &mentions {
                        if line.source.start <= m.bytes.start && m.bytes.end <= line.source.end {
                            let mut lit = String::new();
                            let mut x = slot.x + line.indent;
                            for c in &line.cells {
                                if buf[(x as u16, y as u16)].bg == Color::Cyan
                                    && c.source.start >= m.bytes.start
                                    && c.source.end <= m.bytes.end
                                {
                                    lit.push_str(line.cell_text(c));
                                }
                                x += usize::from(c.width);
                            }
                            assert_eq!(lit, m.text);
                        }
                    }
                }
            }
        }
        a.press("j").unwrap();
    }
    assert!(checked > 20, "only {checked} highlighted cells checked");
}

#[test]
fn n_walks_the_mentions_of_the_selected_entity_in_reading_order() {
    let mut a = app(annotated(), 160, 45);
    a.press("<Tab><Enter>").unwrap();
    let total = a.selected_mentions().len();
    assert!(total > 1);
    let mut pairs = vec![a.nav.current];
    for _ in 1..total {
        a.press("n").unwrap();
        pairs.push(a.nav.current);
    }
    assert!(pairs.windows(2).all(|w| w[0] <= w[1]), "{pairs:?}");
    a.press("n").unwrap();
    assert_eq!(a.highlights.mention, Some(0), "wraps around");
}
