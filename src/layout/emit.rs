//! Phase 4 of the layout, shared by both first stages: one wrapped line of units is reordered
//! (UAX #9 rules L1 and L2, by unit) and sent to a [`Sink`] as visual cells, left to right.
//!
//! Which units are drawn is decided here for both stages: spaces and tabs after the last drawn
//! unit hang and are not drawn, invisible units never are, and a soft hyphen at a line's end is
//! drawn as `-` where it fits. How a drawn unit looks (its emitted text) is the stage's, through
//! [`Draw`].
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;

use super::Direction;
use super::bidi::{reset_line_levels, visual_order};
use super::chars::TOO_WIDE;
use super::sink::Sink;
use super::wrap::{Kind, LineUnit};

/// How a first stage's units are drawn.
pub(super) trait Draw: LineUnit + Sized {
    /// What the units' text lives in (the stage's emitted text, or the source itself).
    type Text: ?Sized;
    /// Every unit of the stage is text or a space, one cell wide: a line's units up to its last
    /// text unit are simply drawn, in visual order (the rest hang).
    const ONE_CELL_TEXT: bool;
    /// Sends the unit to `sink` as one cell (its width, at most 2, fits the line).
    fn draw(&self, text: &Self::Text, sink: &mut impl Sink);
    /// About how many bytes of text the line of `units` (covering `source`) emits, and its
    /// width when known before its cells are sent (with `drawn` units drawn).
    fn line_hint(units: &[Self], source: &Range<usize>, drawn: usize) -> (usize, Option<usize>);
}

/// How the lines of a paragraph are laid out.
#[derive(Clone, Copy)]
pub(super) struct LineShape {
    /// The paragraph level (0 LTR, 1 RTL).
    pub(super) para: u8,
    pub(super) dir: Direction,
    /// The width of the lines in cells (≥ 1).
    pub(super) width: usize,
    pub(super) tab_width: u8,
}

/// Buffers for reordering one line, reused across lines and paragraphs.
#[derive(Default)]
pub(super) struct LineBuffers {
    levels: Vec<u8>,
    order: Vec<usize>,
}

impl LineBuffers {
    /// Gives back the memory of an unusually long line.
    pub(super) fn release_excess(&mut self, keep: usize) {
        if self.order.capacity() > keep {
            *self = Self::default();
        }
    }
}

/// Reorders the units `range` of `all` (a paragraph's) and sends them to `sink` as one visual
/// line of at most `shape.width` cells, right-aligned when the direction is RTL.
pub(super) fn emit_line<U: Draw>(
    all: &[U],
    range: Range<usize>,
    text: &U::Text,
    shape: LineShape,
    bufs: &mut LineBuffers,
    sink: &mut impl Sink,
) {
    let LineShape {
        para, dir, width, ..
    } = shape;
    let last_of_paragraph = range.end == all.len();
    let units = &all[range];
    let source = match (units.first(), units.last()) {
        (Some(f), Some(l)) => f.start()..l.end(),
        _ => 0..0,
    };
    // A line that ends after a soft hyphen (not the paragraph's last) shows a hyphen there,
    // where it fits (a word broken by force may end at one with the line full). Then
    // everything before it is drawn; otherwise spaces and tabs after the last drawn unit hang
    // at the line end and are not drawn.
    let hyphen = !last_of_paragraph
        && units.last().is_some_and(|u| u.kind() == Kind::SoftHyphen)
        && units
            .iter()
            .filter(|u| matches!(u.kind(), Kind::Text | Kind::Space | Kind::Tab))
            .map(|u| usize::from(u.width()).min(width))
            .sum::<usize>()
            < width;
    let drawn_end = if hyphen {
        units.len()
    } else {
        units
            .iter()
            .rposition(|u| u.kind() == Kind::Text)
            .map_or(0, |p| p + 1)
    };
    let (bytes, known_width) = U::line_hint(units, &source, drawn_end);
    sink.start(
        source,
        bytes,
        drawn_end.max(usize::from(hyphen)),
        known_width,
    );
    let mut cell = |k: usize| {
        let u = &units[k];
        match u.kind() {
            Kind::SoftHyphen if hyphen && k + 1 == units.len() => {
                sink.cell("-", 1, u.start()..u.end());
            }
            Kind::Invisible | Kind::SoftHyphen | Kind::HardBreak => {}
            Kind::Space | Kind::Tab if k >= drawn_end => {}
            Kind::Tab => {
                for _ in 0..u.width() {
                    sink.cell(" ", 1, u.start()..u.end());
                }
            }
            Kind::Text | Kind::Space => {
                if usize::from(u.width()) > width {
                    let mut buf = [0u8; 4];
                    sink.cell(TOO_WIDE.encode_utf8(&mut buf), 1, u.start()..u.end());
                } else {
                    u.draw(text, sink);
                }
            }
        }
    };
    if U::ONE_CELL_TEXT {
        // The same as below for units that are all one cell of text or a space, without the
        // cases that cannot arise (the hot loop of ordinary prose).
        let drawn = &units[..drawn_end];
        if units.iter().all(|u| u.level() == para) {
            if para & 1 == 1 {
                for u in drawn.iter().rev() {
                    u.draw(text, sink);
                }
            } else {
                for u in drawn {
                    u.draw(text, sink);
                }
            }
        } else {
            line_order(units, para, bufs);
            for &k in &bufs.order {
                if let Some(u) = drawn.get(k) {
                    u.draw(text, sink);
                }
            }
        }
        sink.end(dir, width);
        return;
    }
    if units.iter().all(|u| u.level() == para) {
        // Every unit at the paragraph level (pure RTL or pure LTR text, the common case): L1
        // changes nothing and L2 reverses the line or leaves it. Units after the drawn ones
        // are never drawn.
        if para & 1 == 1 {
            (0..drawn_end).rev().for_each(&mut cell);
        } else {
            (0..drawn_end).for_each(&mut cell);
        }
    } else {
        line_order(units, para, bufs);
        bufs.order.iter().copied().for_each(&mut cell);
    }
    sink.end(dir, width);
}

/// Rules L1 and L2 on the units of one line: their visual order into `bufs.order`.
fn line_order<U: LineUnit>(units: &[U], para: u8, bufs: &mut LineBuffers) {
    bufs.levels.clear();
    bufs.levels.extend(units.iter().map(LineUnit::level));
    reset_line_levels(|k| units[k].line_class(), &mut bufs.levels, para);
    visual_order(&bufs.levels, &mut bufs.order);
}
