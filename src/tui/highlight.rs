//! What the reader highlights beyond the entity colours the view puts on cells: the search
//! matches and the mentions of the entity selected in the sidebar. Both are [`TextSpan`]s, one
//! type for a located piece of a paragraph, sorted in reading order; [`frame_spans`] picks
//! those of the pairs on screen for one frame.
//!
//! Pure: must not depend on the terminal.

use super::search::Search;
use crate::document::{Document, Lang};
use crate::layout::StyleBits;
use crate::view::style;
use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};
use std::rc::Rc;

/// The reader's highlights: the search and the selected entity's mentions, with where the user
/// is in each.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// The last search run, while active.
    pub search: Option<Search>,
    /// Position in the selected entity's mentions (sorted in reading order).
    pub mention: Option<usize>,
    /// The sorted mentions of the entity selected last.
    mentions: Option<(usize, Rc<[TextSpan]>)>,
}

impl Highlights {
    /// Forgets the mentions (the entities changed, or the selection was dropped).
    pub fn forget_mentions(&mut self) {
        self.mention = None;
        self.mentions = None;
    }

    /// The mentions of entity `e` of `doc` in reading order (by pair, then Arabic before
    /// English, then position); `pair_of` places a paragraph in its pair. Cached per entity, so
    /// drawing a frame does not walk every mention.
    pub fn mentions_of(
        &mut self,
        doc: &Document,
        e: Option<usize>,
        pair_of: impl Fn(Lang, usize) -> usize,
    ) -> Rc<[TextSpan]> {
        let Some(e) = e else {
            return Rc::from(Vec::new());
        };
        if let Some((cached, list)) = &self.mentions
            && *cached == e
        {
            return Rc::clone(list);
        }
        let mut v: Vec<TextSpan> = doc.entities.get(e).map_or_else(Vec::new, |entity| {
            entity
                .mentions
                .iter()
                .map(|m| TextSpan {
                    pair: pair_of(m.lang, m.paragraph),
                    lang: m.lang,
                    paragraph: m.paragraph,
                    bytes: m.bytes.clone(),
                })
                .collect()
        });
        v.sort_unstable_by_key(TextSpan::order);
        let list: Rc<[TextSpan]> = v.into();
        self.mentions = Some((e, Rc::clone(&list)));
        list
    }

    /// The highlights of the pairs `visible` for one frame, given the selected entity's
    /// `mentions` (see [`frame_spans`]).
    pub fn frame(&self, mentions: &[TextSpan], visible: &RangeInclusive<usize>) -> FrameSpans {
        let (matches, current) = self
            .search
            .as_ref()
            .map_or((&[][..], None), |s| (&s.matches[..], s.current));
        frame_spans(matches, current, mentions, visible)
    }
}

/// A piece of one paragraph's text, placed in its pair: a search match, or a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSpan {
    /// The aligned pair the paragraph belongs to.
    pub pair: usize,
    /// The language of the paragraph.
    pub lang: Lang,
    /// Index of the paragraph within its language.
    pub paragraph: usize,
    /// Its bytes in the paragraph text.
    pub bytes: Range<usize>,
}

impl TextSpan {
    /// The reading order: by pair, then Arabic before English, then paragraph and position.
    pub fn order(&self) -> (usize, Lang, usize, usize) {
        (self.pair, self.lang, self.paragraph, self.bytes.start)
    }
}

/// The highlight spans (bytes and style bits) of each paragraph on screen, for one frame.
pub type FrameSpans = HashMap<(Lang, usize), Vec<(Range<usize>, StyleBits)>>;

/// The highlights of the pairs `visible`: the search `matches` (the `current` one marked as
/// such) and the selected entity's `mentions`, both sorted in reading order. Costs what is on
/// screen (a binary search to the first visible pair), not the whole document.
pub fn frame_spans(
    matches: &[TextSpan],
    current: Option<usize>,
    mentions: &[TextSpan],
    visible: &RangeInclusive<usize>,
) -> FrameSpans {
    let mut out = FrameSpans::new();
    // The indices of a sorted list's spans on screen.
    let on_screen = |list: &[TextSpan]| {
        let from = list.partition_point(|m| m.pair < *visible.start());
        let to = list.partition_point(|m| m.pair <= *visible.end());
        from..to.max(from)
    };
    for i in on_screen(matches) {
        let m = &matches[i];
        let bit = if current == Some(i) {
            style::SEARCH_CURRENT
        } else {
            style::SEARCH
        };
        out.entry((m.lang, m.paragraph))
            .or_default()
            .push((m.bytes.clone(), bit));
    }
    for i in on_screen(mentions) {
        let m = &mentions[i];
        out.entry((m.lang, m.paragraph))
            .or_default()
            .push((m.bytes.clone(), style::SELECTED));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(pair: usize, lang: Lang, start: usize) -> TextSpan {
        TextSpan {
            pair,
            lang,
            paragraph: pair,
            bytes: start..start + 3,
        }
    }

    #[test]
    fn only_the_visible_pairs_are_highlighted() {
        let matches = [
            span(0, Lang::Ar, 0),
            span(2, Lang::Ar, 4),
            span(2, Lang::En, 1),
            span(5, Lang::En, 0),
        ];
        let mentions = [span(2, Lang::En, 9), span(9, Lang::Ar, 0)];
        let f = frame_spans(&matches, Some(2), &mentions, &(1..=3));
        assert_eq!(f.len(), 2);
        assert_eq!(f[&(Lang::Ar, 2)], vec![(4..7, style::SEARCH)]);
        assert_eq!(
            f[&(Lang::En, 2)],
            vec![(1..4, style::SEARCH_CURRENT), (9..12, style::SELECTED)]
        );
        assert!(frame_spans(&matches, None, &mentions, &(6..=8)).is_empty());
    }
}
