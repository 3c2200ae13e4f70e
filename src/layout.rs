//! The bidi-aware layout engine: one paragraph of logical text in, visual lines of cells out.
//!
//! Arabic is shaped in logical order into presentation forms, the paragraph is wrapped in logical
//! order at UAX #14 opportunities (measuring what will be emitted), and each line is reordered
//! (UAX #9 L1–L3, by grapheme cluster) and mirrored (L4). Every emitted cell keeps the byte range
//! of the source it came from, so highlights land on the right cells after reordering.
//!
//! Pure: text in, plain data out. Must not depend on ratatui, crossterm, or do any I/O.

use std::ops::Range;

pub mod bidi;
mod chars;
mod emit;
mod engine;
mod fast;
mod forms_table;
mod fused;
pub mod levels;
mod shape;
mod sink;
mod units;
mod wrap;

pub use engine::{
    layout_paragraph, layout_paragraph_general, layout_plain, restyle, takes_fused_path,
};

/// Base direction of a paragraph. Fixed per column: never guessed from the first strong char.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (the English column).
    Ltr,
    /// Right to left (the Arabic column); lines are right-aligned.
    Rtl,
}

/// Options that change what the engine emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Emit Arabic presentation forms (on), or plain letters for terminals that shape (off).
    pub shaping: bool,
    /// Show bidi control characters (overrides, isolates, marks) as visible symbols.
    pub show_bidi_controls: bool,
    /// Tab stops every this many cells, counted from the start of the line in logical order
    /// (0 behaves as 1).
    pub tab_width: u8,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            shaping: true,
            show_bidi_controls: false,
            tab_width: 8,
        }
    }
}

/// A set of style classes, one bit each; the meaning of each bit belongs to the caller.
pub type StyleBits = u32;

/// A styled range of the source paragraph, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    /// Byte range of the paragraph text.
    pub bytes: Range<usize>,
    /// Bits OR-ed into every cell whose source bytes overlap the range (a lam-alef ligature is
    /// styled when either letter is).
    pub style: StyleBits,
}

/// One terminal cell (or two, for a wide character) of a visual line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Range of [`VisualLine::text`] to write: one grapheme, combining marks after their base.
    pub text: Range<u32>,
    /// Width in terminal cells of what is written (1 or 2; never 0).
    pub width: u8,
    /// Byte range of the source paragraph this cell came from.
    pub source: Range<usize>,
    /// Style bits of the spans that overlap the cell's source.
    pub style: StyleBits,
}

/// One line of a laid-out paragraph, in visual (left-to-right screen) order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// All the text of the line, in visual order; cells index into it.
    pub text: String,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
    /// Sum of the cell widths.
    pub width: usize,
    /// Blank cells to put before the first cell (right-aligns RTL lines to the layout width).
    pub indent: usize,
    /// Byte range of the source paragraph that this line holds, in logical order.
    pub source: Range<usize>,
}

impl VisualLine {
    /// The text of one cell, or `""` if `cell` does not belong to this line.
    pub fn cell_text(&self, cell: &Cell) -> &str {
        self.text
            .get(cell.text.start as usize..cell.text.end as usize)
            .unwrap_or_default()
    }

    /// The line as plain text: `indent` spaces, then the cells; with `pad_to`, right-padded with
    /// spaces to that many cells in all.
    pub fn to_plain(&self, pad_to: Option<usize>) -> String {
        let mut s = String::with_capacity(self.indent + self.text.len() + pad_to.unwrap_or(0));
        s.extend(std::iter::repeat_n(' ', self.indent));
        s.push_str(&self.text);
        if let Some(total) = pad_to {
            let used = self.indent + self.width;
            s.extend(std::iter::repeat_n(' ', total.saturating_sub(used)));
        }
        s
    }
}
