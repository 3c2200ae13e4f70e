//! Where the reader is: the position at the top of the text, the current pair, and the moves
//! that are waiting for the background work (a saved position beyond the pairs aligned so far,
//! `G` before the end is aligned, a position to restore again once the sidebar widens).
//!
//! Every move goes through the view's position arithmetic (anchors, not rows); `rows` is the
//! height of the text area. Pure: must not depend on the terminal.

use crate::document::{Document, Lang};
use crate::view::{Anchor, View, ViewOptions};

/// A saved position: the pair at the top, the rows of it scrolled past, the current pair.
pub type Saved = (usize, usize, Option<usize>);

/// The reading position and the moves waiting for more of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Navigation {
    /// The position at the top of the text area.
    pub top: Anchor,
    /// The current pair: the one at the top, or the one last moved to.
    pub current: usize,
    /// A saved position beyond the pairs aligned so far, and the top it was clamped to: taken
    /// up when the rest of the pairs arrive, unless the user has moved since.
    pending_restore: Option<(Saved, Anchor)>,
    /// The saved position last restored and the top it gave: restored again when the entities
    /// arrive and widen the sidebar (the text re-wraps), unless the user has moved since.
    restored: Option<(Saved, Anchor)>,
    /// Where `G` went while the end was still being aligned: the reader goes on to the real
    /// end when the rest of the pairs arrive, unless the user has moved since.
    pending_bottom: Option<Anchor>,
}

impl Navigation {
    /// `a` moved back so the screen stays full at the end of the document.
    fn clamp(view: &mut View, doc: &Document, rows: usize, a: Anchor) -> Anchor {
        let a = view.normalize(doc, a);
        a.min(view.bottom(doc, rows))
    }

    /// Scrolls by `delta` rows (down when positive).
    pub fn scroll_by(&mut self, view: &mut View, doc: &Document, rows: usize, delta: isize) {
        let a = view.scroll(doc, self.top, delta);
        // Scrolling down stops where the screen is full, but never moves up (after a resize
        // the top may already be past that point).
        let bottom = view.bottom(doc, rows);
        self.top = if delta > 0 {
            a.min(bottom.max(self.top))
        } else {
            a
        };
        // At the end of the document the last pair is current, whichever key got there (so
        // paging down and `G` agree on the pair the status bar names).
        self.current = if delta > 0 && self.top >= bottom {
            view.pairs().saturating_sub(1)
        } else {
            self.pair_at_top(view, doc)
        };
    }

    /// The pair at the top of the screen (the next one when the top row is the blank row
    /// after a pair).
    fn pair_at_top(&self, view: &mut View, doc: &Document) -> usize {
        let h = view.height(doc, self.top.pair);
        if self.top.offset + 1 >= h && self.top.pair + 1 < view.pairs() {
            self.top.pair + 1
        } else {
            self.top.pair
        }
    }

    /// The end of the pairs known so far, with the last one current.
    pub fn go_to_bottom(&mut self, view: &mut View, doc: &Document, rows: usize) {
        self.top = view.bottom(doc, rows);
        self.current = view.pairs().saturating_sub(1);
    }

    /// `G` while the end is still being aligned: go on to the real end when it arrives.
    pub fn wait_for_bottom(&mut self) {
        self.pending_bottom = Some(self.top);
    }

    /// Makes `pair` current and brings it to the top (as far as the end allows).
    pub fn go_to_pair(&mut self, view: &mut View, doc: &Document, rows: usize, pair: usize) {
        let n = view.pairs();
        if n == 0 {
            return;
        }
        let pair = pair.min(n - 1);
        self.current = pair;
        self.top = Navigation::clamp(view, doc, rows, Anchor { pair, offset: 0 });
    }

    /// Shows the line holding `byte` of a paragraph, with its pair current.
    pub fn go_to_text(
        &mut self,
        (view, doc, rows): (&mut View, &Document, usize),
        lang: Lang,
        paragraph: usize,
        byte: usize,
    ) {
        let at = view.locate(doc, lang, paragraph, byte);
        self.current = at.pair;
        let top = if at.offset < rows.saturating_sub(1) {
            Anchor {
                pair: at.pair,
                offset: 0,
            }
        } else {
            Anchor {
                pair: at.pair,
                offset: at.offset - rows / 3,
            }
        };
        self.top = Navigation::clamp(view, doc, rows, top);
    }

    /// Restores a saved position (near the end of the document the current pair is below the
    /// top one; without it, the pair at the top is current). `aligning`: the rest of the pairs
    /// is still being aligned; `loading`: any background work is still running.
    pub fn restore(
        &mut self,
        (view, doc, rows): (&mut View, &Document, usize),
        saved: Saved,
        aligning: bool,
        loading: bool,
    ) {
        let (pair, offset, current) = saved;
        let n = view.pairs();
        if n == 0 {
            return;
        }
        let a = Anchor {
            pair: pair.min(n - 1),
            offset,
        };
        self.top = Navigation::clamp(view, doc, rows, a);
        let on_screen = view.rows(doc, self.top, rows);
        let last_shown = on_screen.last().map_or(self.top.pair, |r| r.pair);
        self.current = match current {
            Some(c) if (self.top.pair..=last_shown).contains(&c) => c,
            _ => self.pair_at_top(view, doc),
        };
        // Beyond the pairs aligned so far: go there when they arrive.
        if pair >= n && aligning {
            self.pending_restore = Some((saved, self.top));
        }
        if loading {
            self.restored = Some((saved, self.top));
        }
    }

    /// The saved position beyond the pairs aligned before, now that more have arrived, unless
    /// the user has moved since.
    pub fn restore_ready(&mut self) -> Option<Saved> {
        self.pending_restore
            .take()
            .filter(|&(_, clamped)| clamped == self.top)
            .map(|(saved, _)| saved)
    }

    /// Whether to go on to the end after `G`, now that more pairs have arrived (unless the
    /// user has moved since).
    pub fn bottom_ready(&mut self) -> bool {
        self.pending_bottom.take() == Some(self.top)
    }

    /// The position restored last, when the top is still where it put it (`top`, taken before
    /// a re-layout), to restore again in the new layout.
    pub fn restore_again(&mut self, top: Anchor) -> Option<Saved> {
        self.restored
            .take()
            .filter(|&(_, at)| at == top)
            .map(|(saved, _)| saved)
    }

    /// Re-lays `view` out at `width` with `opts`, keeping the same pair at the top (and the
    /// same fraction of it scrolled past). Nothing happens when neither changed.
    pub fn relayout(&mut self, view: &mut View, doc: &Document, width: usize, opts: &ViewOptions) {
        if width == view.width() && opts == view.options() {
            return;
        }
        let old_h = view.height(doc, self.top.pair).max(1);
        view.set_geometry(doc, width, opts);
        let new_h = view.height(doc, self.top.pair);
        let offset = self.top.offset * new_h / old_h;
        self.top = view.normalize(
            doc,
            Anchor {
                pair: self.top.pair,
                offset: offset.min(new_h.saturating_sub(2)),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten pairs of one English paragraph each, a few rows apiece at width 20.
    fn doc() -> Document {
        let texts: Vec<String> = (0..10)
            .map(|i| format!("pair {i} has words enough for two lines"))
            .collect();
        let en: Vec<&str> = texts.iter().map(String::as_str).collect();
        crate::tui::testing::paired(&[], &en)
    }

    #[test]
    fn moves_stop_where_the_screen_is_full() {
        let d = doc();
        let mut view = View::new(&d, 20, ViewOptions::default());
        let h = view.height(&d, 0);
        assert!(h >= 3, "{h}");
        let mut nav = Navigation::default();
        nav.scroll_by(&mut view, &d, 6, h as isize + 1);
        assert_eq!((nav.top, nav.current), (Anchor { pair: 1, offset: 1 }, 1));
        // The last pair cannot come to the top of a six-row screen: the end stays on the last
        // row (the blank row after the last pair is not needed).
        nav.go_to_pair(&mut view, &d, 6, 9);
        assert_eq!(nav.current, 9);
        assert_eq!(nav.top, view.bottom(&d, 6));
        assert!(nav.top.pair < 9);
        nav.scroll_by(&mut view, &d, 6, 100);
        assert_eq!(
            nav.current, 9,
            "paging past the end keeps the last pair current"
        );
        nav.scroll_by(&mut view, &d, 6, -1000);
        assert_eq!((nav.top, nav.current), (Anchor::default(), 0));
    }

    #[test]
    fn a_restore_beyond_the_aligned_pairs_waits_for_them_unless_the_user_moves() {
        let d = doc();
        let mut view = View::new(&d, 20, ViewOptions::default());
        let mut nav = Navigation::default();
        nav.restore((&mut view, &d, 6), (40, 0, Some(40)), true, true);
        assert_eq!(nav.restore_ready(), Some((40, 0, Some(40))));
        nav.restore((&mut view, &d, 6), (40, 0, Some(40)), true, true);
        nav.scroll_by(&mut view, &d, 6, -3);
        assert_eq!(nav.restore_ready(), None, "the user moved");
        nav.wait_for_bottom();
        assert!(nav.bottom_ready());
        assert!(!nav.bottom_ready(), "taken once");
    }
}
