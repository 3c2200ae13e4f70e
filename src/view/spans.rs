//! The entity styles of every paragraph, as the layout engine takes them ([`StyleSpan`]s),
//! grouped by paragraph in one flat list; added whole or window by window.
//!
//! Pure: must not depend on ratatui, crossterm, or do I/O.

use super::kind_bit;
use crate::document::{Document, Entity, Lang};
use crate::layout::StyleSpan;

/// The entity styles of the paragraphs, grouped by paragraph in one flat list (a counting
/// sort): no allocation per paragraph and no key per span, which matters on a large document.
#[derive(Debug, Default)]
pub(super) struct Spans {
    /// Arabic paragraphs (their slots come first, then the English ones).
    n_ar: usize,
    /// Where each paragraph's spans start in `list`; one more entry than paragraphs (empty
    /// when there are no spans at all).
    offsets: Vec<usize>,
    /// The spans, paragraph by paragraph, in mention order within a paragraph.
    list: Vec<StyleSpan>,
}

impl Spans {
    /// The spans of `entities` for a document of `n_ar` Arabic and `n_en` English paragraphs,
    /// added to those already there.
    pub(super) fn add(&mut self, n_ar: usize, n_en: usize, entities: &[Entity]) {
        let n = n_ar + n_en;
        let slot = |lang: Lang, p: usize| -> Option<usize> {
            match lang {
                Lang::Ar => (p < n_ar).then_some(p),
                Lang::En => (p < n_en).then_some(n_ar + p),
            }
        };
        let old = std::mem::take(self);
        let old_slot = |i: usize| -> &[StyleSpan] {
            let lang_p = if i < n_ar {
                (Lang::Ar, i)
            } else {
                (Lang::En, i - n_ar)
            };
            old.of(lang_p.0, lang_p.1)
        };
        let mut fill = vec![0usize; n + 1];
        for (i, f) in fill.iter_mut().enumerate().take(n) {
            *f = old_slot(i).len();
        }
        for m in entities.iter().flat_map(|e| &e.mentions) {
            if let Some(i) = slot(m.lang, m.paragraph) {
                fill[i] += 1;
            }
        }
        // Counts to offsets (exclusive prefix sums).
        let mut total = 0;
        for f in &mut fill {
            let count = *f;
            *f = total;
            total += count;
        }
        let offsets = fill.clone();
        let mut spans = vec![
            StyleSpan {
                bytes: 0..0,
                style: 0,
            };
            total
        ];
        for i in 0..n {
            for sp in old_slot(i) {
                spans[fill[i]] = sp.clone();
                fill[i] += 1;
            }
        }
        for e in entities {
            for m in &e.mentions {
                if let Some(i) = slot(m.lang, m.paragraph) {
                    spans[fill[i]] = StyleSpan {
                        bytes: m.bytes.clone(),
                        style: kind_bit(e.kind),
                    };
                    fill[i] += 1;
                }
            }
        }
        *self = Spans {
            n_ar,
            offsets: if total == 0 { Vec::new() } else { offsets },
            list: spans,
        };
    }

    /// The spans of one paragraph.
    pub(super) fn of(&self, lang: Lang, paragraph: usize) -> &[StyleSpan] {
        let i = match lang {
            Lang::Ar if paragraph < self.n_ar => paragraph,
            Lang::Ar => return &[],
            Lang::En => self.n_ar + paragraph,
        };
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&lo), Some(&hi)) => self.list.get(lo..hi).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The entity styles of each paragraph, from the document's mentions.
pub(super) fn spans_of(doc: &Document) -> Spans {
    let mut spans = Spans::default();
    spans.add(
        doc.paragraphs.ar.len(),
        doc.paragraphs.en.len(),
        &doc.entities,
    );
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::EntityKind;
    use crate::document::{Label, Mention};
    use crate::layout::StyleBits;
    use crate::view::style;

    fn entity(kind: EntityKind, mentions: &[(Lang, usize, usize)]) -> Entity {
        Entity {
            kind,
            label: Label::default(),
            mentions: mentions
                .iter()
                .map(|&(lang, paragraph, start)| Mention {
                    lang,
                    paragraph,
                    start,
                    end: start + 1,
                    text: String::new(),
                    bytes: start..start + 2,
                })
                .collect(),
        }
    }

    /// Spans added in two goes are those added at once, grouped by paragraph in mention
    /// order; mentions of paragraphs that do not exist are ignored.
    #[test]
    fn spans_are_grouped_by_paragraph_whether_added_at_once_or_in_windows() {
        let a = entity(
            EntityKind::Person,
            &[(Lang::Ar, 1, 4), (Lang::En, 0, 2), (Lang::Ar, 1, 0)],
        );
        let b = entity(
            EntityKind::Place,
            &[(Lang::En, 2, 8), (Lang::Ar, 1, 9), (Lang::En, 7, 0)],
        );
        let mut once = Spans::default();
        once.add(3, 3, &[a.clone(), b.clone()]);
        let mut twice = Spans::default();
        twice.add(3, 3, std::slice::from_ref(&a));
        twice.add(3, 3, std::slice::from_ref(&b));
        for spans in [&once, &twice] {
            let starts = |lang, p| -> Vec<(usize, StyleBits)> {
                spans
                    .of(lang, p)
                    .iter()
                    .map(|s| (s.bytes.start, s.style))
                    .collect()
            };
            assert_eq!(
                starts(Lang::Ar, 1),
                [(4, style::PERSON), (0, style::PERSON), (9, style::PLACE)]
            );
            assert_eq!(starts(Lang::En, 0), [(2, style::PERSON)]);
            assert_eq!(starts(Lang::En, 2), [(8, style::PLACE)]);
            assert!(starts(Lang::Ar, 0).is_empty() && starts(Lang::En, 7).is_empty());
            assert!(starts(Lang::Ar, 5).is_empty());
        }
    }
}
