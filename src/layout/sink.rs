//! Where the layout sends its lines: a [`Sink`] receives the cells of each visual line, left to
//! right. [`Lines`] builds [`VisualLine`]s with their cells (for the reader and styled output);
//! [`Plain`] writes the same lines as plain text (for printing), without building cells.
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;

use super::{Cell, Direction, VisualLine};

/// Where the engine sends the cells of the visual lines, line by line, left to right.
pub(crate) trait Sink {
    /// A line begins; it covers the source bytes `source` and will hold about `text` bytes of
    /// emitted text in `cells` cells; `width` is its width in cells when the caller knows it
    /// before sending the cells.
    fn start(&mut self, source: Range<usize>, text: usize, cells: usize, width: Option<usize>);
    /// The next cell: `shown` drawn over `width` cells, from the source bytes `src`.
    fn cell(&mut self, shown: &str, width: u8, src: Range<usize>);
    /// The next cell, one cell wide: `base` followed by the pieces of text `marks`.
    fn cluster<'m>(&mut self, base: char, marks: impl Iterator<Item = &'m str>, src: Range<usize>);
    /// The next cell, one cell wide: the character `c` alone.
    fn glyph(&mut self, c: char, src: Range<usize>) {
        self.cluster(c, std::iter::empty(), src);
    }
    /// The line ends; a line of direction RTL is right-aligned to `width`.
    fn end(&mut self, dir: Direction, width: usize);
}

/// Collects [`VisualLine`]s with their cells.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) lines: Vec<VisualLine>,
}

impl Lines {
    /// Records a cell of `width` whose text was just appended from byte `start` of the line.
    #[inline]
    fn push(line: &mut VisualLine, start: usize, width: u8, src: Range<usize>) {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(line.text.len()).unwrap_or(u32::MAX);
        line.cells.push(Cell {
            text: start..end,
            width,
            source: src,
            style: 0,
        });
        line.width += usize::from(width);
    }
}

impl Sink for Lines {
    fn start(&mut self, source: Range<usize>, text: usize, cells: usize, _width: Option<usize>) {
        let mut line = VisualLine {
            source,
            ..VisualLine::default()
        };
        line.text.reserve(text);
        line.cells.reserve(cells);
        self.lines.push(line);
    }

    fn cell(&mut self, shown: &str, width: u8, src: Range<usize>) {
        if let Some(line) = self.lines.last_mut() {
            let start = line.text.len();
            line.text.push_str(shown);
            Self::push(line, start, width, src);
        }
    }

    #[inline]
    fn glyph(&mut self, c: char, src: Range<usize>) {
        if let Some(line) = self.lines.last_mut() {
            let start = line.text.len();
            line.text.push(c);
            Self::push(line, start, 1, src);
        }
    }

    fn cluster<'m>(&mut self, base: char, marks: impl Iterator<Item = &'m str>, src: Range<usize>) {
        if let Some(line) = self.lines.last_mut() {
            let start = line.text.len();
            line.text.push(base);
            for m in marks {
                line.text.push_str(m);
            }
            Self::push(line, start, 1, src);
        }
    }

    fn end(&mut self, dir: Direction, width: usize) {
        if let Some(line) = self.lines.last_mut()
            && dir == Direction::Rtl
        {
            line.indent = width.saturating_sub(line.width);
        }
    }
}

/// Appends the lines as plain text, each right-aligned by spaces when RTL, then a newline.
pub(super) struct Plain<'a> {
    out: &'a mut String,
    dir: Direction,
    /// The width the lines are aligned in.
    width: usize,
    /// The text of the current line, when its width was not known at its start (else it is
    /// written to `out` directly).
    line: String,
    buffered: bool,
    /// The width of the current line so far.
    used: usize,
}

impl<'a> Plain<'a> {
    /// Appends to `out` the lines of a paragraph of direction `dir` laid out in `width` cells.
    pub(super) fn new(out: &'a mut String, dir: Direction, width: usize) -> Self {
        Self {
            out,
            dir,
            width,
            line: String::new(),
            buffered: false,
            used: 0,
        }
    }

    #[inline]
    fn target(&mut self) -> &mut String {
        if self.buffered {
            &mut self.line
        } else {
            self.out
        }
    }
}

impl Sink for Plain<'_> {
    fn start(&mut self, _source: Range<usize>, text: usize, _cells: usize, width: Option<usize>) {
        self.used = 0;
        self.line.clear();
        self.buffered = width.is_none();
        if let Some(w) = width {
            let indent = if self.dir == Direction::Rtl {
                self.width.saturating_sub(w)
            } else {
                0
            };
            self.out.reserve(indent + text + 1);
            self.out.extend(std::iter::repeat_n(' ', indent));
        }
    }

    fn cell(&mut self, shown: &str, width: u8, _src: Range<usize>) {
        self.target().push_str(shown);
        self.used += usize::from(width);
    }

    #[inline]
    fn glyph(&mut self, c: char, _src: Range<usize>) {
        self.target().push(c);
        self.used += 1;
    }

    fn cluster<'m>(
        &mut self,
        base: char,
        marks: impl Iterator<Item = &'m str>,
        _src: Range<usize>,
    ) {
        let target = self.target();
        target.push(base);
        for m in marks {
            if !m.is_empty() {
                target.push_str(m);
            }
        }
        self.used += 1;
    }

    fn end(&mut self, dir: Direction, width: usize) {
        if self.buffered {
            if dir == Direction::Rtl {
                self.out
                    .extend(std::iter::repeat_n(' ', width.saturating_sub(self.used)));
            }
            self.out.push_str(&self.line);
        }
        self.out.push('\n');
    }
}
