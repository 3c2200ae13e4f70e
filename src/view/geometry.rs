//! Column geometry: where each language's column goes on a total width, a pure function of the
//! width, the options and the languages shown. The view lays paragraphs out at these widths,
//! the reader draws at these x positions and `--print` pads to them: one geometry for all.
//!
//! Pure: must not depend on ratatui, crossterm, or do I/O.

use super::{Arrangement, ViewOptions};
use crate::document::{ByLang, Lang};

/// Cells between the two columns.
pub const GAP: usize = 2;

/// A column on the screen: where one language's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Which language it shows (in stacked mode one slot shows both, `lang` is the first).
    pub lang: Lang,
    /// X of the marker cell, when markers are on.
    pub marker_x: Option<usize>,
    /// X of the first text cell.
    pub x: usize,
    /// Width of the text, in cells (the layout width).
    pub width: usize,
}

/// The columns of a view at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    /// The columns, left to right.
    pub slots: Vec<Slot>,
    /// Which slot each language goes to (`None`: hidden or absent).
    pub slot_of: ByLang<Option<usize>>,
}

impl Columns {
    /// The columns of `shown` (the languages shown, in column order: see
    /// [`ViewOptions::shown_languages`]) on `width` cells. Two columns side by side split the
    /// width evenly around a [`GAP`], each with its marker cell on its left; when each would
    /// not get a cell, or when stacked, one column takes the width. No marker cell on a
    /// terminal one cell wide, where it would leave no room for the text.
    pub fn new(width: usize, opts: &ViewOptions, shown: &[Lang]) -> Columns {
        let m = usize::from(opts.markers && width > 1);
        let mut out = Columns::default();
        let two_columns = shown.len() == 2
            && opts.arrangement == Arrangement::SideBySide
            && width >= 2 * m + GAP + 2;
        if two_columns {
            let text = width.saturating_sub(2 * m + GAP);
            let w0 = text / 2;
            let w1 = text - w0;
            let x1 = m + w0 + GAP + m;
            for (i, (&lang, (x, w))) in shown.iter().zip([(m, w0), (x1, w1)]).enumerate() {
                out.slots.push(Slot {
                    lang,
                    marker_x: (m == 1).then(|| x - 1),
                    x,
                    width: w,
                });
                out.slot_of[lang] = Some(i);
            }
        } else if let Some(&first) = shown.first() {
            out.slots.push(Slot {
                lang: first,
                marker_x: (m == 1).then_some(0),
                x: m,
                width: width.saturating_sub(m),
            });
            for &lang in shown {
                out.slot_of[lang] = Some(0);
            }
        }
        out
    }

    /// The slot of a language, when shown.
    pub fn slot(&self, lang: Lang) -> Option<&Slot> {
        self.slot_of[lang].and_then(|s| self.slots.get(s))
    }

    /// The layout width of a language's paragraphs (at least 1, so a hidden language or a
    /// width of 0 still lays out).
    pub fn width_of(&self, lang: Lang) -> usize {
        self.slot(lang).map_or(1, |s| s.width.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(arrangement: Arrangement, markers: bool) -> ViewOptions {
        ViewOptions {
            arrangement,
            markers,
            ..ViewOptions::default()
        }
    }

    #[test]
    fn two_columns_split_the_width_around_the_gap_with_their_markers() {
        let c = Columns::new(
            101,
            &opts(Arrangement::SideBySide, true),
            &[Lang::En, Lang::Ar],
        );
        let [en, ar] = [c.slots[0], c.slots[1]];
        assert_eq!(
            (en.lang, en.marker_x, en.x, en.width),
            (Lang::En, Some(0), 1, 48)
        );
        assert_eq!(
            (ar.lang, ar.marker_x, ar.x, ar.width),
            (Lang::Ar, Some(51), 52, 49)
        );
        assert_eq!(ar.x + ar.width, 101);
        assert_eq!(
            c.slot_of,
            ByLang {
                ar: Some(1),
                en: Some(0)
            }
        );
        assert_eq!(c.width_of(Lang::Ar), 49);
    }

    #[test]
    fn stacked_one_language_or_too_narrow_gives_one_column() {
        let both = [Lang::Ar, Lang::En];
        let c = Columns::new(60, &opts(Arrangement::Stacked, true), &both);
        assert_eq!(c.slots.len(), 1);
        assert_eq!((c.slots[0].x, c.slots[0].width), (1, 59));
        assert_eq!(
            c.slot_of,
            ByLang {
                ar: Some(0),
                en: Some(0)
            }
        );
        let c = Columns::new(5, &opts(Arrangement::SideBySide, true), &both);
        assert_eq!(c.slots.len(), 1, "too narrow for two columns");
        let c = Columns::new(40, &opts(Arrangement::SideBySide, false), &[Lang::En]);
        assert_eq!(
            (c.slots[0].x, c.slots[0].width, c.slots[0].marker_x),
            (0, 40, None)
        );
        assert_eq!(
            c.width_of(Lang::Ar),
            1,
            "a hidden language lays out at width 1"
        );
        let c = Columns::new(1, &opts(Arrangement::SideBySide, true), &[Lang::En]);
        assert_eq!(
            (c.slots[0].x, c.slots[0].width),
            (0, 1),
            "no marker on one cell"
        );
    }
}
