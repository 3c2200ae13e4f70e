//! The entity sidebar as data: people, places, dates and organisations grouped by kind, each
//! with its labels in both languages, its mention count, and a mark when found on one side only.
//!
//! Pure: document in, rows out. Must not depend on the terminal (the renderer draws the rows).

use crate::document::{Document, Entity, EntityKind, Lang, Mention};
use unicode_width::UnicodeWidthStr;

/// One row of the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidebarRow {
    /// A group title, e.g. "People (4)".
    Group(EntityKind, usize),
    /// An entity: index into `Document::entities`.
    Entity(usize),
}

/// The sidebar's rows and the selection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sidebar {
    /// The rows, groups in a fixed order (people, places, organisations, dates).
    pub rows: Vec<SidebarRow>,
    /// Indices into `rows` of the entity rows, in order (what `j`/`k` move through).
    pub entity_rows: Vec<usize>,
    /// Position in `entity_rows` of the selected entity.
    pub selected: Option<usize>,
    /// First row shown.
    pub scroll: usize,
    /// Cells its rows need to show every label whole (its border not counted).
    pub content_width: usize,
}

/// The group order of the sidebar.
pub const KIND_ORDER: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
    EntityKind::Date,
];

/// The plural title of a group.
pub fn kind_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Place => "Places",
        EntityKind::Organization => "Organisations",
        EntityKind::Date => "Dates",
    }
}

/// Which sides an entity was found on.
pub fn sides(mentions: &[Mention]) -> (bool, bool) {
    let ar = mentions.iter().any(|m| m.lang == Lang::Ar);
    let en = mentions.iter().any(|m| m.lang == Lang::En);
    (ar, en)
}

/// Cells before an entity's first label: a space, the one-side mark, a space.
pub const ROW_INDENT: usize = 3;

/// Cells an entity row needs to show both labels whole: the indent, the English label, a
/// space, the Arabic label (its logical width, which shaping only narrows), the count after a
/// space, and a space at the end.
pub fn row_width(e: &Entity) -> usize {
    let en = e.label.en.as_deref().map_or(0, UnicodeWidthStr::width);
    let ar = e.label.ar.as_deref().map_or(0, UnicodeWidthStr::width);
    let gap = usize::from(en > 0 && ar > 0);
    let count = e.mentions.len().to_string().len() + 1;
    ROW_INDENT + en + gap + ar + 1 + count
}

impl Sidebar {
    /// Builds the rows for `doc`; within a group, entities with more mentions come first.
    pub fn new(doc: &Document) -> Sidebar {
        let mut rows = Vec::new();
        let mut entity_rows = Vec::new();
        let mut content_width = 0;
        for kind in KIND_ORDER {
            let mut members: Vec<usize> = doc
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .map(|(i, _)| i)
                .collect();
            if members.is_empty() {
                continue;
            }
            members.sort_by_key(|&i| std::cmp::Reverse(doc.entities[i].mentions.len()));
            let title = format!(" {} ({})", kind_title(kind), members.len());
            content_width = content_width.max(title.width());
            for &i in &members {
                content_width = content_width.max(row_width(&doc.entities[i]));
            }
            rows.push(SidebarRow::Group(kind, members.len()));
            for i in members {
                entity_rows.push(rows.len());
                rows.push(SidebarRow::Entity(i));
            }
        }
        Sidebar {
            rows,
            entity_rows,
            selected: None,
            scroll: 0,
            content_width,
        }
    }

    /// The selected entity (index into `Document::entities`).
    pub fn selected_entity(&self) -> Option<usize> {
        let row = *self.entity_rows.get(self.selected?)?;
        match self.rows.get(row)? {
            SidebarRow::Entity(e) => Some(*e),
            SidebarRow::Group(..) => None,
        }
    }

    /// Moves the selection by `delta` entities (clamped), selecting the first when none is.
    pub fn move_selection(&mut self, delta: isize) {
        if self.entity_rows.is_empty() {
            return;
        }
        let last = self.entity_rows.len() - 1;
        self.selected = Some(match self.selected {
            None => {
                if delta >= 0 {
                    0
                } else {
                    last
                }
            }
            Some(i) => i.saturating_add_signed(delta).min(last),
        });
    }

    /// Keeps the selected row within `height` visible rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let Some(row) = self.selected.and_then(|s| self.entity_rows.get(s).copied()) else {
            return;
        };
        if height == 0 {
            return;
        }
        if row < self.scroll {
            // Show the group title too when it is just above.
            self.scroll = row.saturating_sub(1);
        } else if row >= self.scroll + height {
            self.scroll = row + 1 - height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Entity, Label};

    fn mention(lang: Lang, paragraph: usize) -> Mention {
        Mention {
            lang,
            paragraph,
            start: 0,
            end: 1,
            text: "x".into(),
            bytes: 0..1,
        }
    }

    fn entity(kind: EntityKind, mentions: Vec<Mention>) -> Entity {
        Entity {
            kind,
            label: Label::default(),
            mentions,
        }
    }

    #[test]
    fn groups_by_kind_in_order_and_selects() {
        let d = Document {
            entities: vec![
                entity(EntityKind::Date, vec![mention(Lang::Ar, 0)]),
                entity(EntityKind::Person, vec![mention(Lang::En, 0)]),
                entity(
                    EntityKind::Person,
                    vec![mention(Lang::En, 0), mention(Lang::Ar, 1)],
                ),
            ],
            ..Document::default()
        };
        let mut s = Sidebar::new(&d);
        assert_eq!(
            s.rows,
            vec![
                SidebarRow::Group(EntityKind::Person, 2),
                SidebarRow::Entity(2),
                SidebarRow::Entity(1),
                SidebarRow::Group(EntityKind::Date, 1),
                SidebarRow::Entity(0),
            ]
        );
        assert_eq!(s.selected_entity(), None);
        s.move_selection(1);
        assert_eq!(s.selected_entity(), Some(2));
        s.move_selection(5);
        assert_eq!(s.selected_entity(), Some(0));
        s.scroll_into_view(2);
        assert_eq!(s.scroll, 3);
        s.move_selection(-9);
        assert_eq!(s.selected_entity(), Some(2));
        s.scroll_into_view(2);
        assert_eq!(s.scroll, 0);
        assert_eq!(sides(&d.entities[2].mentions), (true, true));
        assert_eq!(sides(&d.entities[0].mentions), (true, false));
    }
}
