//! The layout of one paragraph, phase by phase, and its entry points:
//!
//! 1. bidi levels: `levels` (rules X1–I2, once per paragraph);
//! 2. units: a first stage cuts the text into units with their levels, shaped and mirrored
//!    forms and widths — the fused stage (`fused`) for ordinary prose, the general stage
//!    (`units`) for anything else; they give exactly the same units' lines;
//! 3. wrapping (`wrap`): logical lines at UAX #14 opportunities, shared;
//! 4. emission (`emit`): each line reordered (L1, L2) and sent to a sink (`sink`) as cells.
//!
//! Buffers are kept in a per-thread scratch space and reused between calls, so the hot path does
//! not allocate per character (only the returned lines own memory).
//!
//! Pure: no terminal, no I/O.

use std::cell::RefCell;
use std::ops::Range;

use super::emit::{Draw, LineBuffers, LineShape, emit_line};
use super::fused::Fused;
use super::sink::{Lines, Plain, Sink};
use super::units::General;
use super::wrap::{Breaks, wrap};
use super::{Direction, LayoutOptions, StyleSpan, VisualLine};

/// Buffers reused across calls on one thread.
#[derive(Default)]
struct Scratch {
    /// The first stage for ordinary paragraphs.
    fused: Fused,
    /// The first stage for any other paragraph.
    general: General,
    /// The wrapped lines, as ranges of unit indices.
    lines: Vec<Range<usize>>,
    line: LineBuffers,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// How much scratch memory a paragraph may leave behind (see [`Scratch::release_excess`]).
const KEEP: usize = 1 << 16;

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
    with_scratch(|scratch| scratch.layout(text, dir, width.max(1), *opts, true, &mut sink));
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
    let mut sink = Plain::new(out, dir, width);
    with_scratch(|scratch| scratch.layout(text, dir, width, *opts, true, &mut sink));
}

/// [`layout_paragraph`] without the fused stage: every paragraph takes the general one. Only
/// for tests that compare the two stages; not part of the API.
#[doc(hidden)]
pub fn layout_paragraph_general(
    text: &str,
    dir: Direction,
    width: usize,
    opts: &LayoutOptions,
) -> Vec<VisualLine> {
    let mut sink = Lines::default();
    with_scratch(|scratch| scratch.layout(text, dir, width.max(1), *opts, false, &mut sink));
    sink.lines
}

/// Whether [`layout_paragraph`] lays out `text` through the fused stage. Only for tests that
/// check what the stage takes; not part of the API.
#[doc(hidden)]
pub fn takes_fused_path(text: &str, dir: Direction, opts: &LayoutOptions) -> bool {
    let para = u8::from(dir == Direction::Rtl);
    !text.is_empty() && Fused::default().build(text, para, opts.shaping)
}

/// The shared phases over the units of a first stage: wraps `units` into `lines` at `breaks`,
/// then reorders each line and sends it to `sink`. `text` is what the units are drawn from.
fn lines_of<U: Draw>(
    units: &mut [U],
    text: &U::Text,
    breaks: &Breaks<'_>,
    shape: LineShape,
    lines: &mut Vec<Range<usize>>,
    bufs: &mut LineBuffers,
    sink: &mut impl Sink,
) {
    wrap(units, shape.width, shape.tab_width, breaks, lines);
    for range in lines.iter() {
        emit_line(units, range.clone(), text, shape, bufs, sink);
    }
}

/// Runs `f` on this thread's scratch buffers.
fn with_scratch(f: impl FnOnce(&mut Scratch)) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Re-entrant call (cannot happen today): use fresh buffers rather than panic.
        Err(_) => f(&mut Scratch::default()),
    });
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
    /// Lays out `text` into lines of at most `width` (≥ 1) cells sent to `sink`, through the
    /// fused stage where it takes the text (and `fused` allows it), else the general one.
    fn layout(
        &mut self,
        text: &str,
        dir: Direction,
        width: usize,
        opts: LayoutOptions,
        fused: bool,
        sink: &mut impl Sink,
    ) {
        if text.is_empty() {
            // The single line of an empty paragraph.
            sink.start(0..0, 0, 0, None);
            sink.end(dir, width);
            return;
        }
        let para = u8::from(dir == Direction::Rtl);
        let shape = LineShape {
            para,
            dir,
            width,
            tab_width: opts.tab_width,
        };
        // No pre-check for joining letters here: the fused stage's one scan finds them.
        if fused && self.fused.build(text, para, opts.shaping) {
            let breaks = Breaks::LookBack(text);
            let units = &mut self.fused.units;
            lines_of(
                units,
                text,
                &breaks,
                shape,
                &mut self.lines,
                &mut self.line,
                sink,
            );
            self.fused.release_excess(KEEP);
        } else {
            self.general.build(text, para, opts);
            let general = &mut self.general;
            let breaks = Breaks::Listed(&general.breaks);
            let (units, out) = (&mut general.units, general.out.as_str());
            lines_of(
                units,
                out,
                &breaks,
                shape,
                &mut self.lines,
                &mut self.line,
                sink,
            );
            self.general.release_excess(KEEP);
        }
        if self.lines.capacity() > KEEP {
            self.lines = Vec::new();
        }
        self.line.release_excess(KEEP);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_memory_is_given_back_after_a_long_paragraph() {
        let long = "كلمة ".repeat(100_000);
        let lines = layout_paragraph(&long, Direction::Rtl, 80, &LayoutOptions::default(), &[]);
        assert!(lines.len() > 1000);
        SCRATCH.with(|s| {
            let s = s.borrow();
            assert!(s.general.units.capacity() <= 1 << 16);
            assert!(s.general.out.capacity() <= 1 << 16);
            assert!(s.lines.capacity() <= 1 << 16);
            assert!(s.fused.units.capacity() <= 1 << 16);
        });
    }
}
