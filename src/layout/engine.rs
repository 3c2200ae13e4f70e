//! The layout pipeline for one paragraph: bidi levels (once per paragraph), shaping, grapheme units
//! with their emitted text and width, logical wrapping at UAX #14 opportunities, then per line
//! L1–L2 reordering by unit and assembly of the visual cells.
//!
//! Buffers are kept in a per-thread scratch space and reused between calls, so the hot path does
//! not allocate per character (only the returned lines own memory).
//!
//! Pure: no terminal, no I/O.

use std::cell::RefCell;
use std::ops::Range;

use unicode_bidi::BidiClass;
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::bidi::{LineClass, reset_line_levels, visual_order};
use super::chars::{
    DOTTED_CIRCLE, TOO_WIDE, ZWJ, ZWNJ, bidi_control_symbol, control_picture, is_format,
    is_hard_break,
};
use super::fast;
use super::levels::ParagraphLevels;
use super::shape::{self, flag};
use super::simple::Simple;
use super::{Cell, Direction, LayoutOptions, StyleSpan, VisualLine};

/// What a unit is, for wrapping and emission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Drawn text: one grapheme (or a lam-alef ligature of two) in one cell of width 1 or 2.
    Text,
    /// U+0020: drawn, but hangs (takes no room) at the end of a line and is dropped there.
    Space,
    /// A tab: as many one-cell spaces as reach the next tab stop of the logical line.
    Tab,
    /// Applied to the layout (levels, joining) but not drawn: bidi controls, ZWSP, ZWJ…
    Invisible,
    /// A soft hyphen: not drawn, except as `-` where the line breaks after it.
    SoftHyphen,
    /// A line or paragraph separator: ends the line, not drawn.
    HardBreak,
}

/// One unit of layout: a grapheme cluster of the source, or a lam-alef ligature spanning two.
#[derive(Debug, Clone)]
struct Unit {
    /// Source bytes.
    src: Range<usize>,
    /// Emitted text, as a range of `Scratch::out`.
    out: Range<usize>,
    /// Width in cells (for tabs, recomputed per line).
    width: u16,
    /// Resolved embedding level (of the unit's first character).
    level: u8,
    kind: Kind,
    line_class: LineClass,
}

/// Buffers reused across calls on one thread.
#[derive(Default)]
struct Scratch {
    bidi: ParagraphLevels,
    units: Vec<Unit>,
    out: String,
    join_flags: Vec<u8>,
    lines: Vec<Range<usize>>,
    levels: Vec<u8>,
    order: Vec<usize>,
    /// The fused path for ordinary paragraphs.
    simple: Simple,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Lays out one paragraph of logical text into visual lines of at most `width` cells.
///
/// `dir` is the paragraph's base direction (fixed per column, never guessed). An empty paragraph
/// gives one empty line; `width == 0` behaves as 1. RTL lines are right-aligned through
/// [`VisualLine::indent`]. `spans` style the cells whose source bytes they overlap.
pub fn layout_paragraph(
    text: &str,
    dir: Direction,
    width: usize,
    opts: &LayoutOptions,
    spans: &[StyleSpan],
) -> Vec<VisualLine> {
    let mut sink = Lines::default();
    with_scratch(|scratch| scratch.layout(text, dir, width.max(1), *opts, &mut sink));
    let mut lines = sink.lines;
    if !spans.is_empty() {
        restyle(&mut lines, spans);
    }
    lines
}

/// Lays out one paragraph as [`layout_paragraph`] does and appends its lines to `out` as plain
/// text: each line is [`VisualLine::to_plain`]`(None)` (the indent as spaces, then the text)
/// followed by a newline. The same lines, without building the cells (for printing).
pub fn layout_plain(
    text: &str,
    dir: Direction,
    width: usize,
    opts: &LayoutOptions,
    out: &mut String,
) {
    let width = width.max(1);
    let mut sink = Plain {
        out,
        dir,
        width,
        line: String::new(),
        buffered: false,
        used: 0,
    };
    with_scratch(|scratch| scratch.layout(text, dir, width, *opts, &mut sink));
}

/// [`layout_paragraph`] without the fused path for ordinary paragraphs: every paragraph takes the
/// general path. Only for tests that compare the two paths; not part of the API.
#[doc(hidden)]
pub fn layout_paragraph_general(
    text: &str,
    dir: Direction,
    width: usize,
    opts: &LayoutOptions,
) -> Vec<VisualLine> {
    let mut sink = Lines::default();
    let width = width.max(1);
    with_scratch(|scratch| {
        if text.is_empty() {
            scratch.layout(text, dir, width, *opts, &mut sink);
        } else {
            let para = u8::from(dir == Direction::Rtl);
            scratch.layout_general(text, para, dir, width, *opts, &mut sink);
        }
    });
    sink.lines
}

/// Runs `f` on this thread's scratch buffers.
fn with_scratch(f: impl FnOnce(&mut Scratch)) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Re-entrant call (cannot happen today): use fresh buffers rather than panic.
        Err(_) => f(&mut Scratch::default()),
    });
}

/// Where the engine sends the cells of the visual lines, line by line, left to right.
pub(super) trait Sink {
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
struct Lines {
    lines: Vec<VisualLine>,
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
struct Plain<'a> {
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

impl Plain<'_> {
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

/// Recomputes [`Cell::style`] from `spans` without laying out again: each cell gets the OR of the
/// styles of the spans that overlap its source bytes (cheap; for search and selection changes).
pub fn restyle(lines: &mut [VisualLine], spans: &[StyleSpan]) {
    // Spans sorted by start, with the running maximum of their ends, so that the spans that can
    // overlap a cell are found by binary search and a short backward walk.
    let mut sorted: Vec<&StyleSpan> = spans
        .iter()
        .filter(|s| s.bytes.start < s.bytes.end)
        .collect();
    sorted.sort_by_key(|s| s.bytes.start);
    let mut max_end = Vec::with_capacity(sorted.len());
    let mut running = 0;
    for s in &sorted {
        running = running.max(s.bytes.end);
        max_end.push(running);
    }
    for line in lines {
        for cell in &mut line.cells {
            let mut style = 0;
            let src = &cell.source;
            if src.start < src.end {
                let upto = sorted.partition_point(|s| s.bytes.start < src.end);
                for k in (0..upto).rev() {
                    if max_end[k] <= src.start {
                        break;
                    }
                    if sorted[k].bytes.end > src.start {
                        style |= sorted[k].style;
                    }
                }
            }
            cell.style = style;
        }
    }
}

impl Scratch {
    fn layout(
        &mut self,
        text: &str,
        dir: Direction,
        width: usize,
        opts: LayoutOptions,
        sink: &mut impl Sink,
    ) {
        if text.is_empty() {
            // The single line of an empty paragraph.
            sink.start(0..0, 0, 0, None);
            sink.end(dir, width);
            return;
        }
        let para = match dir {
            Direction::Ltr => 0,
            Direction::Rtl => 1,
        };
        // No pre-check for joining letters here: the fused path's one scan finds them.
        if self
            .simple
            .layout(text, para, dir, width, opts.shaping, sink)
        {
            return;
        }
        self.layout_general(text, para, dir, width, opts, sink);
    }

    /// The general path for a non-empty paragraph at level `para`: any text.
    fn layout_general(
        &mut self,
        text: &str,
        para: u8,
        dir: Direction,
        width: usize,
        opts: LayoutOptions,
        sink: &mut impl Sink,
    ) {
        self.bidi.resolve(text, para);
        self.build_units(text, opts);
        self.wrap(text, width, opts.tab_width);
        for k in 0..self.lines.len() {
            let range = self.lines[k].clone();
            self.emit_line(range, para, dir, width, sink);
        }
        self.release_excess();
    }

    /// Gives back memory after an unusually long paragraph, so that one 20 MB paragraph does not
    /// keep hundreds of megabytes of scratch alive for the rest of the session. Ordinary
    /// paragraphs stay far below the limit and reuse their buffers.
    fn release_excess(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.units.capacity() > KEEP {
            self.units.clear();
            self.units.shrink_to(KEEP);
            self.out.clear();
            self.out.shrink_to(KEEP);
            self.join_flags.clear();
            self.join_flags.shrink_to(KEEP);
            self.lines.clear();
            self.lines.shrink_to(KEEP);
            self.bidi.release_excess(KEEP);
        }
    }

    /// Segments `text` into units with their emitted text, width, level and L1 class.
    fn build_units(&mut self, text: &str, opts: LayoutOptions) {
        self.units.clear();
        self.out.clear();
        let shaping = opts.shaping && shape::may_join(text);
        if shaping {
            let classes = &self.bidi.classes;
            let levels = &self.bidi.levels;
            shape::join(
                text,
                |i| (!removed_by_x9(classes[i])).then(|| levels[i]),
                is_format,
                &mut self.join_flags,
            );
        } else {
            self.join_flags.clear();
        }
        if self.bidi.simple_graphemes {
            for (start, g) in fast::SimpleGraphemes::new(text) {
                self.push_unit(text, start, g, opts, shaping);
            }
        } else {
            for (start, g) in text.grapheme_indices(true) {
                self.push_unit(text, start, g, opts, shaping);
            }
        }
    }

    /// Appends the unit of the grapheme cluster `g` at byte `start` of `text` (or extends the
    /// previous unit, for the alef of a lam-alef ligature).
    fn push_unit(&mut self, text: &str, start: usize, g: &str, opts: LayoutOptions, shaping: bool) {
        let src = start..start + g.len();
        let level = self.bidi.levels[start];
        let class = self.bidi.classes[start];
        let line_class = LineClass::of(class);
        let Some(c0) = g.chars().next() else { return };
        let out_start = self.out.len();
        // Fast path: a grapheme of one ordinary drawn character (most of any text).
        if g.len() == c0.len_utf8()
            && is_ordinary(c0)
            && self.push_ordinary(c0, &src, class, level, shaping)
        {
            return;
        }
        let mut kind = Kind::Text;
        let mut width = 1;
        if c0 == ' ' && g.len() == 1 {
            self.out.push(' ');
            kind = Kind::Space;
        } else if c0 == '\t' {
            kind = Kind::Tab;
        } else if is_hard_break(c0) {
            kind = Kind::HardBreak;
        } else if let Some(pic) = control_picture(c0) {
            self.out.extend(pic);
            width = 2;
        } else if let Some(sym) = bidi_control_symbol(c0) {
            if opts.show_bidi_controls {
                self.out.push(sym);
            } else {
                kind = Kind::Invisible;
            }
        } else {
            let flags0 = if shaping { self.join_flags[start] } else { 0 };
            if flags0 & flag::LIGATURE_ALEF != 0
                && self.units.last().is_some_and(|u| u.out.end == out_start)
            {
                // The alef of a lam-alef ligature: its marks follow the ligature's.
                self.emit_cluster(text, g, start, level, shaping, true);
                let lig_start = self.units.last().map_or(out_start, |u| u.out.start);
                let mut w = self.out.get(lig_start..).map_or(1, UnicodeWidthStr::width);
                if w > 2 {
                    w = self.cut_to_two_cells(lig_start);
                }
                let end = self.out.len();
                if let Some(u) = self.units.last_mut() {
                    u.src.end = src.end;
                    u.out.end = end;
                    u.width = w.clamp(1, 2) as u16;
                }
                return;
            }
            self.emit_cluster(text, g, start, level, shaping, false);
            let w = emitted_width(self.out.get(out_start..).unwrap_or_default());
            if w == 0 {
                if g == "\u{AD}" {
                    self.out.truncate(out_start);
                    kind = Kind::SoftHyphen;
                } else if g.chars().all(is_format) {
                    self.out.truncate(out_start);
                    kind = Kind::Invisible;
                } else {
                    // A combining mark with no base: draw it on a dotted circle.
                    self.out.insert(out_start, DOTTED_CIRCLE);
                }
            } else {
                let cut = w > 2;
                let w = if cut {
                    self.cut_to_two_cells(out_start)
                } else {
                    w
                };
                width = w.clamp(1, 2) as u16;
                if !cut && c0 == ' ' && self.out.get(out_start..) == Some(" ") {
                    kind = Kind::Space; // a space that carried a ZWJ or ZWNJ
                }
            }
        }
        if matches!(
            kind,
            Kind::Invisible | Kind::SoftHyphen | Kind::HardBreak | Kind::Tab
        ) {
            width = 0;
        }
        self.units.push(Unit {
            src,
            out: out_start..self.out.len(),
            width,
            level,
            kind,
            line_class,
        });
    }

    /// Appends the unit of the one-character grapheme `c` (an [`is_ordinary`] character at
    /// `src`) as the general code in `push_unit` would: shaped or mirrored, one unit of its
    /// width. Returns false, having done nothing, for the cases left to the general code
    /// (lam-alef ligatures, zero-width results).
    #[inline]
    fn push_ordinary(
        &mut self,
        c: char,
        src: &Range<usize>,
        class: BidiClass,
        level: u8,
        shaping: bool,
    ) -> bool {
        let flags = if shaping {
            self.join_flags[src.start]
        } else {
            0
        };
        if flags & (flag::LIGATURE_LAM | flag::LIGATURE_ALEF) != 0 {
            return false;
        }
        let shown = if flags & flag::JOINING != 0 {
            shape::form(c, flags)
        } else if level & 1 == 1 && class == BidiClass::ON {
            unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
        } else {
            c
        };
        let Some(w @ 1..=2) = fast::bmp_width(shown) else {
            return false;
        };
        let out_start = self.out.len();
        self.out.push(shown);
        self.units.push(Unit {
            src: src.clone(),
            out: out_start..self.out.len(),
            width: u16::from(w),
            level,
            kind: Kind::Text,
            line_class: LineClass::of(class),
        });
        true
    }

    /// Cuts the emitted text from `out_start` on to what fits in two cells and returns its width.
    /// Only malformed clusters are wider than two cells (say, a mark inside an emoji ZWJ
    /// sequence, which terminals draw as two emoji): a cell must never be, or the columns drift.
    fn cut_to_two_cells(&mut self, out_start: usize) -> usize {
        let mut sum = 0;
        let mut cut = self.out.len();
        for (k, c) in self.out.get(out_start..).unwrap_or_default().char_indices() {
            sum += c.width().unwrap_or(0);
            if sum > 2 {
                cut = out_start + k;
                break;
            }
        }
        self.out.truncate(cut);
        while self.out.len() > out_start && self.out.ends_with(ZWJ) {
            self.out.pop();
        }
        self.out.get(out_start..).map_or(0, UnicodeWidthStr::width)
    }

    /// Appends the emitted text of one ordinary grapheme cluster that starts at byte `start` of
    /// `text`: shaped, mirrored at odd levels, with ZWJ/ZWNJ dropped unless they glue a visible
    /// sequence (emoji). `skip_base` leaves out the first character (an alef already drawn as
    /// part of a lam-alef ligature).
    fn emit_cluster(
        &mut self,
        text: &str,
        g: &str,
        start: usize,
        level: u8,
        shaping: bool,
        skip_base: bool,
    ) {
        let mut iter = g.char_indices().peekable();
        if skip_base {
            iter.next();
        }
        while let Some((k, c)) = iter.next() {
            if c == ZWJ || c == ZWNJ {
                let glues = iter
                    .peek()
                    .is_some_and(|&(_, n)| n.width().is_some_and(|w| w > 0));
                if glues {
                    self.out.push(c);
                }
                continue;
            }
            let f = if shaping {
                self.join_flags[start + k]
            } else {
                0
            };
            let shown = if f & flag::LIGATURE_LAM != 0 {
                // The alef is the next character with a joining type (only marks lie between).
                text.get(start + k + c.len_utf8()..)
                    .and_then(|rest| rest.chars().find(|&a| !shape::is_transparent(a)))
                    .and_then(|alef| shape::lam_alef(alef, f & flag::JOINED_RIGHT != 0))
                    .unwrap_or(c)
            } else if f & flag::JOINING != 0 {
                shape::form(c, f)
            } else if level & 1 == 1 && self.bidi.classes[start + k] == BidiClass::ON {
                // Only ON characters are Bidi_Mirrored (a test checks it): skip the search for
                // the others.
                unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
            } else {
                c
            };
            self.out.push(shown);
        }
    }

    /// Greedy logical wrapping of `self.units` into `self.lines` (ranges of unit indices), at the
    /// UAX #14 opportunities of `text`, measuring emitted widths. Spaces hang at the end of a line;
    /// a word wider than the line is broken between graphemes.
    fn wrap(&mut self, text: &str, width: usize, tab_width: u8) {
        self.lines.clear();
        let units = &mut self.units;
        let n = units.len();
        let tab = u16::from(tab_width.max(1));
        let mut opportunities = linebreaks(text).map(|(b, _)| b).peekable();
        let mut line_start = 0;
        let mut col = 0usize;
        let mut last_opp: Option<usize> = None;
        let mut i = 0;
        while i < n {
            let at = units[i].src.start;
            while opportunities.next_if(|&b| b < at).is_some() {}
            // A break after a soft hyphen draws a hyphen: only an opportunity if it fits.
            if i > line_start
                && opportunities.peek() == Some(&at)
                && (units[i - 1].kind != Kind::SoftHyphen || col < width)
            {
                last_opp = Some(i);
            }
            let kind = units[i].kind;
            if kind == Kind::HardBreak {
                self.lines.push(line_start..i + 1);
                line_start = i + 1;
                col = 0;
                last_opp = None;
                i += 1;
                continue;
            }
            if kind == Kind::Tab {
                units[i].width = tab - (col % usize::from(tab)) as u16;
            }
            let w = usize::from(units[i].width);
            if kind == Kind::Space || w == 0 {
                col += w;
                i += 1;
                continue;
            }
            if col > 0 && col + w > width {
                let brk = match last_opp {
                    Some(k) if k > line_start => k,
                    _ => i,
                };
                self.lines.push(line_start..brk);
                line_start = brk;
                last_opp = None;
                col = 0;
                for u in &mut units[brk..i] {
                    if u.kind == Kind::Tab {
                        u.width = tab - (col % usize::from(tab)) as u16;
                    }
                    col += usize::from(u.width);
                }
                continue; // measure unit i again on the new line
            }
            col += w;
            i += 1;
        }
        if line_start < n || self.lines.is_empty() {
            self.lines.push(line_start..n);
        }
    }

    /// Reorders and emits the units `range` as one visual line.
    fn emit_line(
        &mut self,
        range: Range<usize>,
        para: u8,
        dir: Direction,
        width: usize,
        sink: &mut impl Sink,
    ) {
        let units = &self.units[range.clone()];
        let source = match (units.first(), units.last()) {
            (Some(f), Some(l)) => f.src.start..l.src.end,
            _ => 0..0,
        };
        // A line that ends after a soft hyphen (not the paragraph's last) shows a hyphen there,
        // where it fits (a word broken by force may end at one with the line full). Then
        // everything before it is drawn; otherwise spaces and tabs after the last drawn unit
        // hang at the line end and are not drawn.
        let hyphen = range.end < self.units.len()
            && units.last().is_some_and(|u| u.kind == Kind::SoftHyphen)
            && units
                .iter()
                .filter(|u| matches!(u.kind, Kind::Text | Kind::Space | Kind::Tab))
                .map(|u| usize::from(u.width).min(width))
                .sum::<usize>()
                < width;
        let drawn_end = if hyphen {
            units.len()
        } else {
            units
                .iter()
                .rposition(|u| u.kind == Kind::Text)
                .map_or(0, |p| p + 1)
        };
        if units.iter().all(|u| u.level == para) {
            // Every unit at the paragraph level (pure RTL or pure LTR text, the common case):
            // L1 changes nothing and L2 reverses the line or leaves it.
            self.order.clear();
            if para & 1 == 1 {
                self.order.extend((0..units.len()).rev());
            } else {
                self.order.extend(0..units.len());
            }
        } else {
            self.levels.clear();
            self.levels.extend(units.iter().map(|u| u.level));
            reset_line_levels(|k| units[k].line_class, &mut self.levels, para);
            visual_order(&self.levels, &mut self.order);
        }

        // The units' emitted texts lie one after another in `self.out`.
        let cap = match (units.first(), units.last()) {
            (Some(f), Some(l)) => l.out.end.saturating_sub(f.out.start),
            _ => 0,
        };
        sink.start(source, cap, drawn_end.max(usize::from(hyphen)), None);
        for &k in &self.order {
            let u = &units[k];
            match u.kind {
                Kind::SoftHyphen if hyphen && k + 1 == units.len() => {
                    sink.cell("-", 1, u.src.clone());
                }
                Kind::Invisible | Kind::SoftHyphen | Kind::HardBreak => {}
                Kind::Space | Kind::Tab if k >= drawn_end => {}
                Kind::Tab => {
                    for _ in 0..u.width {
                        sink.cell(" ", 1, u.src.clone());
                    }
                }
                Kind::Text | Kind::Space => {
                    let shown = self.out.get(u.out.clone()).unwrap_or_default();
                    if usize::from(u.width) > width {
                        let mut buf = [0u8; 4];
                        sink.cell(TOO_WIDE.encode_utf8(&mut buf), 1, u.src.clone());
                    } else {
                        sink.cell(shown, u.width as u8, u.src.clone());
                    }
                }
            }
        }
        sink.end(dir, width);
    }
}

/// Width in cells of an emitted cluster, as `unicode-width` measures the string. A single BMP
/// character (the common case) is looked up in a table of exactly that figure; sequences are
/// measured as a whole (emoji sequences are narrower than their parts).
fn emitted_width(shown: &str) -> usize {
    let mut chars = shown.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => match fast::bmp_width(c) {
            Some(w) => usize::from(w),
            None => shown.width(),
        },
        _ => shown.width(),
    }
}

/// True for a character that, as a grapheme of its own, is simply drawn: not a space, tab, line
/// break, control, soft hyphen, joiner or bidi control (those take the general path), and in the
/// BMP (whose widths are in a table).
#[inline]
fn is_ordinary(c: char) -> bool {
    let code = u32::from(c);
    code > 0x20
        && code < 0x1_0000
        && !(0x7F..=0x9F).contains(&code)
        && code != 0xAD
        && code != 0x061C
        && !(0x200B..=0x206F).contains(&code)
}

/// Characters that rule X9 removes: embedding and override controls, and boundary neutrals.
fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    matches!(class, BN | LRE | RLE | LRO | RLO | PDF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mirrored_character_is_other_neutral() {
        for code in 0u32..0x11_0000 {
            if let Some(c) = char::from_u32(code)
                && unicode_bidi_mirroring::get_mirrored(c).is_some()
            {
                assert_eq!(unicode_bidi::bidi_class(c), BidiClass::ON, "{code:X}");
            }
        }
    }

    #[test]
    fn scratch_memory_is_given_back_after_a_long_paragraph() {
        let long = "كلمة ".repeat(100_000);
        let lines = layout_paragraph(&long, Direction::Rtl, 80, &LayoutOptions::default(), &[]);
        assert!(lines.len() > 1000);
        SCRATCH.with(|s| {
            let s = s.borrow();
            assert!(s.units.capacity() <= 1 << 16);
            assert!(s.out.capacity() <= 1 << 16);
            assert!(s.bidi.levels.capacity() <= 1 << 16);
        });
    }

    #[test]
    fn ordinary_characters_are_none_of_the_special_ones() {
        for code in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if is_ordinary(c) {
                assert!(c != ' ' && c != '\t' && c != ZWJ && c != ZWNJ, "{code:X}");
                assert!(!is_hard_break(c), "{code:X}");
                assert!(control_picture(c).is_none(), "{code:X}");
                assert!(bidi_control_symbol(c).is_none(), "{code:X}");
                assert!(c != '\u{AD}', "{code:X}");
                assert!(fast::bmp_width(c).is_some(), "{code:X}");
            }
        }
    }

    #[test]
    fn single_character_width_equals_string_width_where_used() {
        for code in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = c.to_string();
            assert_eq!(emitted_width(&s), s.width(), "{code:X}");
        }
    }
}
