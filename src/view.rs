//! The reading view as plain data: aligned pairs laid out in columns at given widths, as rows.
//!
//! Shared by `--print` and the TUI, so both show the same layout. Each pair's paragraphs are laid
//! out by the layout engine (Arabic right to left, English left to right) at their column width;
//! the pair takes the height of its taller side plus one blank row. Paragraphs are laid out
//! lazily and cached per (paragraph, width), and pair heights live in a Fenwick tree that starts
//! from estimates and is refined as pairs are laid out, so the work of a frame depends on the
//! screen size, not on the document size. Positions are anchors (pair, row within the pair),
//! which stay meaningful while estimates are refined and across resizes.
//!
//! The parts, each in its own module: [`options`] (the settings and the one place that makes
//! view options), [`geometry`] (the columns at a width), `spans` (the entity styles of each
//! paragraph), `cache` (laid-out paragraphs within a budget) and `heights` (pair heights over
//! a Fenwick tree); this module puts them together into a [`View`].
//!
//! Pure: uses `document` and `layout`; must not depend on ratatui, crossterm, or do I/O.

mod cache;
pub mod export;
mod fenwick;
pub mod geometry;
mod heights;
pub mod options;
pub mod print;
mod spans;

use crate::document::{ByLang, Document, Entity, EntityKind, Lang};
use crate::layout::{self, Direction, LayoutOptions, StyleBits, VisualLine};
use cache::LayoutCache;
pub use geometry::{Columns, GAP, Slot};
use heights::Heights;
use spans::{Spans, spans_of};
use std::rc::Rc;

/// Style bits that the view and the reader put on cells ([`crate::layout::Cell::style`]).
pub mod style {
    use crate::layout::StyleBits;

    /// A mention of a person.
    pub const PERSON: StyleBits = 1 << 0;
    /// A mention of a place.
    pub const PLACE: StyleBits = 1 << 1;
    /// A date.
    pub const DATE: StyleBits = 1 << 2;
    /// A mention of an organisation.
    pub const ORGANIZATION: StyleBits = 1 << 3;
    /// Any entity kind.
    pub const ENTITY: StyleBits = PERSON | PLACE | DATE | ORGANIZATION;
    /// A mention of the entity selected in the sidebar.
    pub const SELECTED: StyleBits = 1 << 4;
    /// A search match.
    pub const SEARCH: StyleBits = 1 << 5;
    /// The current search match.
    pub const SEARCH_CURRENT: StyleBits = 1 << 6;
}

/// The style bit of an entity kind.
pub fn kind_bit(kind: EntityKind) -> StyleBits {
    match kind {
        EntityKind::Person => style::PERSON,
        EntityKind::Place => style::PLACE,
        EntityKind::Date => style::DATE,
        EntityKind::Organization => style::ORGANIZATION,
    }
}

/// How the two sides of a pair are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arrangement {
    /// Two columns, one per language.
    SideBySide,
    /// One column: the Arabic side above the English side.
    Stacked,
}

/// What the view shows and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ViewOptions {
    /// Side by side or stacked.
    pub arrangement: Arrangement,
    /// A language not to show (the other one is always shown).
    pub hidden: Option<Lang>,
    /// The languages of the columns, left to right (side by side only).
    pub column_order: [Lang; 2],
    /// Reserve one cell left of each column for the pair markers.
    pub markers: bool,
    /// What the layout engine emits.
    pub layout: LayoutOptions,
}

impl ViewOptions {
    /// The languages of `doc` these options show, in column order (stacked: Arabic first). A
    /// document whose only language is the hidden one still shows it.
    pub fn shown_languages(&self, doc: &Document) -> Vec<Lang> {
        let present = doc.languages();
        let shown: Vec<Lang> = match self.arrangement {
            Arrangement::SideBySide => self.column_order.to_vec(),
            Arrangement::Stacked => Lang::BOTH.to_vec(),
        }
        .into_iter()
        .filter(|l| present.contains(l) && Some(*l) != self.hidden)
        .collect();
        if shown.is_empty() { present } else { shown }
    }
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            arrangement: Arrangement::SideBySide,
            hidden: None,
            column_order: [Lang::En, Lang::Ar],
            markers: true,
            layout: LayoutOptions::default(),
        }
    }
}

/// The paragraphs of one side of one pair, as laid out.
#[derive(Debug, Clone)]
pub struct Block {
    /// Index into [`View::slots`].
    pub slot: usize,
    /// Language of the paragraph.
    pub lang: Lang,
    /// Index of the paragraph within its language.
    pub paragraph: usize,
    /// Row within the pair of the paragraph's first line.
    pub row: usize,
    /// Its visual lines.
    pub lines: Rc<[VisualLine]>,
}

/// One pair laid out.
#[derive(Debug, Clone, Default)]
pub struct PairLayout {
    /// Rows the pair takes, including the blank row after it (0 when nothing of it is shown).
    pub height: usize,
    /// Its paragraphs.
    pub blocks: Vec<Block>,
}

/// One line of one paragraph on one screen row.
#[derive(Debug, Clone)]
pub struct RowPart {
    /// Index into [`View::slots`].
    pub slot: usize,
    /// Language of the paragraph.
    pub lang: Lang,
    /// Index of the paragraph within its language.
    pub paragraph: usize,
    /// Index of the line within the paragraph's lines.
    pub line: usize,
    lines: Rc<[VisualLine]>,
}

impl RowPart {
    /// The visual line.
    pub fn visual(&self) -> &VisualLine {
        &self.lines[self.line]
    }
}

/// One screen row: a row of a pair, with the lines of each slot on it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The pair.
    pub pair: usize,
    /// Row within the pair.
    pub offset: usize,
    /// The lines shown on this row, at most one per slot.
    pub parts: Vec<RowPart>,
}

/// A position: a pair and a row within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Anchor {
    /// Index into `Document::pairs`.
    pub pair: usize,
    /// Rows of the pair above the position.
    pub offset: usize,
}

/// The layout of a document at one width: cached lines, pair heights and position arithmetic.
#[derive(Debug)]
pub struct View {
    opts: ViewOptions,
    width: usize,
    columns: Columns,
    cache: LayoutCache,
    heights: Heights,
    /// The pair of each paragraph.
    pair_of: ByLang<Vec<usize>>,
    spans: Spans,
    headings: Vec<usize>,
}

/// The direction of a language's column.
pub fn direction(lang: Lang) -> Direction {
    match lang {
        Lang::Ar => Direction::Rtl,
        Lang::En => Direction::Ltr,
    }
}

impl View {
    /// A view of `doc` at `width` cells. Costs O(pairs + mentions), not a layout of the text.
    pub fn new(doc: &Document, width: usize, opts: ViewOptions) -> View {
        let mut v = View {
            opts,
            width,
            columns: Columns::default(),
            cache: LayoutCache::default(),
            heights: Heights::default(),
            pair_of: ByLang::from_fn(|lang| vec![0; doc.paragraphs.of(lang).len()]),
            spans: spans_of(doc),
            headings: Vec::new(),
        };
        v.index_pairs(doc, 0);
        v.reset(doc);
        v
    }

    /// Records which pair holds each paragraph, and the heading pairs, for pairs `from..`.
    fn index_pairs(&mut self, doc: &Document, from: usize) {
        for (p, pair) in doc.pairs.iter().enumerate().skip(from) {
            let mut heading = false;
            for lang in Lang::BOTH {
                for i in pair.side(lang) {
                    if let Some(slot) = self.pair_of[lang].get_mut(i) {
                        *slot = p;
                    }
                    heading |= doc.paragraphs.of(lang).get(i).is_some_and(|x| x.heading);
                }
            }
            if heading {
                self.headings.push(p);
            }
        }
    }

    /// Takes in the pairs appended to `doc.pairs` since the view was made or last extended (a
    /// document whose alignment arrives window by window). Costs O(new pairs · log pairs); the
    /// pairs already known keep their heights, so positions do not move.
    pub fn extend(&mut self, doc: &Document) {
        let from = self.pairs();
        if doc.pairs.len() <= from {
            return;
        }
        self.index_pairs(doc, from);
        self.heights.extend(doc, from, &self.columns);
    }

    /// Adds the styles of `entities` (found for some paragraphs after the view was made, e.g.
    /// window by window while printing) to those already known; the cached lines of the
    /// paragraphs they touch are dropped.
    pub fn add_entities(&mut self, entities: &[Entity]) {
        let (n_ar, n_en) = (self.pair_of.ar.len(), self.pair_of.en.len());
        self.spans.add(n_ar, n_en, entities);
        for m in entities.iter().flat_map(|e| &e.mentions) {
            self.cache.remove((m.lang, m.paragraph));
        }
    }

    /// Takes in new entities of `doc` (found after the view was made): the entity styles of
    /// the paragraphs change, so cached lines are dropped; heights are kept, as styles do not
    /// change how a paragraph wraps.
    pub fn set_entities(&mut self, doc: &Document) {
        self.spans = spans_of(doc);
        self.cache.clear();
    }

    /// Changes the width or the options; re-wraps (lazily) only when something changed.
    pub fn set_geometry(&mut self, doc: &Document, width: usize, opts: &ViewOptions) {
        if width != self.width || *opts != self.opts {
            self.width = width;
            self.opts = opts.clone();
            self.reset(doc);
        }
    }

    fn reset(&mut self, doc: &Document) {
        self.columns = Columns::new(self.width, &self.opts, &self.opts.shown_languages(doc));
        self.cache.clear();
        self.heights = Heights::estimated(doc, &self.columns);
    }

    /// Source bytes of the paragraphs whose layout is cached (for tests and diagnostics).
    pub fn cached_bytes(&self) -> usize {
        self.cache.bytes()
    }

    /// Changes the cache budget (source bytes; the default is 4 MiB).
    pub fn set_cache_budget(&mut self, bytes: usize) {
        self.cache.set_budget(bytes);
    }

    /// The options in force.
    pub fn options(&self) -> &ViewOptions {
        &self.opts
    }

    /// The total width.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The columns.
    pub fn slots(&self) -> &[Slot] {
        &self.columns.slots
    }

    /// The column geometry.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Whether a language is shown.
    pub fn shows(&self, lang: Lang) -> bool {
        self.columns.slot_of[lang].is_some()
    }

    /// The pair that holds a paragraph.
    pub fn pair_of(&self, lang: Lang, paragraph: usize) -> usize {
        self.pair_of[lang].get(paragraph).copied().unwrap_or(0)
    }

    /// The pairs that hold a heading, in order.
    pub fn headings(&self) -> &[usize] {
        &self.headings
    }

    /// Number of pairs.
    pub fn pairs(&self) -> usize {
        self.heights.len()
    }

    /// Total rows (exact for the pairs laid out so far, estimated for the others).
    pub fn total_rows(&self) -> u64 {
        self.heights.total()
    }

    /// The row of an anchor from the top of the document (same caveat as [`View::total_rows`]).
    pub fn row_of(&self, a: Anchor) -> u64 {
        self.heights.prefix(a.pair) + a.offset as u64
    }

    /// The anchor at an absolute row (estimated heights for pairs not yet laid out).
    pub fn anchor_at(&self, row: u64) -> Anchor {
        match self.heights.find(row) {
            Some((pair, offset)) => Anchor {
                pair,
                offset: offset as usize,
            },
            None => Anchor {
                pair: self.pairs().saturating_sub(1),
                offset: 0,
            },
        }
    }

    /// The lines of one paragraph at its slot's width (cached).
    pub fn paragraph_lines(
        &mut self,
        doc: &Document,
        lang: Lang,
        paragraph: usize,
    ) -> Rc<[VisualLine]> {
        if let Some(lines) = self.cache.get((lang, paragraph)) {
            return lines;
        }
        let text = doc
            .paragraphs
            .of(lang)
            .get(paragraph)
            .map_or("", |p| p.text.as_str());
        let lines: Rc<[VisualLine]> = lay_out(
            text,
            lang,
            self.columns.width_of(lang),
            self.opts.layout,
            &self.spans,
            paragraph,
        )
        .into();
        self.cache
            .insert((lang, paragraph), Rc::clone(&lines), text.len());
        lines
    }

    /// Lays out the paragraphs of the pairs `range` that are not cached yet on up to `threads`
    /// threads, and caches them, for a printer about to go through those pairs in order. The
    /// cache first drops what the last two screens did not use, so it holds the range (whatever
    /// the budget) until the next call. With one thread, or a handful of paragraphs, nothing is
    /// done here: they are laid out as they are shown.
    pub fn prefill(&mut self, doc: &Document, range: std::ops::Range<usize>, threads: usize) {
        let mut todo: Vec<(Lang, usize)> = Vec::new();
        for pair in doc.pairs.get(range).unwrap_or(&[]) {
            for lang in Lang::BOTH {
                if self.shows(lang) {
                    todo.extend(
                        pair.side(lang)
                            .iter()
                            .filter(|&i| !self.cache.contains((lang, i)))
                            .map(|i| (lang, i)),
                    );
                }
            }
        }
        if threads <= 1 || todo.len() < 2 * threads {
            return;
        }
        self.cache.keep_recent();
        let widths = ByLang::from_fn(|lang| self.columns.width_of(lang));
        let (opts, spans) = (self.opts.layout, &self.spans);
        let text = |lang: Lang, i: usize| {
            doc.paragraphs
                .of(lang)
                .get(i)
                .map_or("", |p| p.text.as_str())
        };
        let lay = |&(lang, i): &(Lang, usize)| -> Vec<VisualLine> {
            lay_out(text(lang, i), lang, widths[lang], opts, spans, i)
        };
        let part = todo.len().div_ceil(threads);
        let done: Vec<Vec<Vec<VisualLine>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = todo
                .chunks(part)
                .map(|chunk| scope.spawn(move || chunk.iter().map(lay).collect::<Vec<_>>()))
                .collect();
            // A worker that failed leaves its paragraphs to be laid out when shown.
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
        for (&(lang, i), lines) in todo.chunks(part).flatten().zip(done.into_iter().flatten()) {
            self.cache.put((lang, i), lines.into(), text(lang, i).len());
        }
    }

    /// Lays out one pair (and records its exact height).
    pub fn pair(&mut self, doc: &Document, p: usize) -> PairLayout {
        let Some(pair) = doc.pairs.get(p) else {
            return PairLayout::default();
        };
        let stacked = self.opts.arrangement == Arrangement::Stacked;
        let mut rows_in_slot = [0usize; 2];
        let mut blocks = Vec::new();
        for lang in Lang::BOTH {
            let Some(slot) = self.columns.slot_of[lang] else {
                continue;
            };
            for i in pair.side(lang) {
                let lines = self.paragraph_lines(doc, lang, i);
                let counter = if stacked { 0 } else { slot };
                let row = rows_in_slot[counter];
                rows_in_slot[counter] += lines.len();
                blocks.push(Block {
                    slot,
                    lang,
                    paragraph: i,
                    row,
                    lines,
                });
            }
        }
        let content = rows_in_slot[0].max(rows_in_slot[1]);
        let height = if content == 0 { 0 } else { content + 1 };
        self.heights.set_exact(p, height);
        PairLayout { height, blocks }
    }

    /// The exact height of a pair.
    pub fn height(&mut self, doc: &Document, p: usize) -> usize {
        match self.heights.exact(p) {
            Some(h) => h,
            None => self.pair(doc, p).height,
        }
    }

    /// Moves an anchor that points past the end of its pair onto the next pairs.
    pub fn normalize(&mut self, doc: &Document, mut a: Anchor) -> Anchor {
        let n = self.pairs();
        if n == 0 {
            return Anchor::default();
        }
        a.pair = a.pair.min(n - 1);
        loop {
            let h = self.height(doc, a.pair);
            if a.offset < h || a.pair + 1 >= n {
                a.offset = a.offset.min(h.saturating_sub(1));
                return a;
            }
            a.offset -= h;
            a.pair += 1;
        }
    }

    /// The anchor `delta` rows below (or above, when negative) `a`, within the document.
    pub fn scroll(&mut self, doc: &Document, a: Anchor, delta: isize) -> Anchor {
        if delta >= 0 {
            return self.normalize(
                doc,
                Anchor {
                    pair: a.pair,
                    offset: a.offset + delta.unsigned_abs(),
                },
            );
        }
        let mut up = delta.unsigned_abs();
        let mut a = a;
        while up > a.offset {
            if a.pair == 0 {
                return Anchor::default();
            }
            up -= a.offset + 1;
            a.pair -= 1;
            a.offset = self.height(doc, a.pair).saturating_sub(1);
        }
        a.offset -= up;
        a
    }

    /// The last anchor from which a screen of `rows` rows is still full (the end of the text on
    /// the last row). Lays out only the last screenful of pairs.
    pub fn bottom(&mut self, doc: &Document, rows: usize) -> Anchor {
        let n = self.pairs();
        if n == 0 {
            return Anchor::default();
        }
        let last = n - 1;
        // The blank row after the last pair is not needed on screen.
        let end = Anchor {
            pair: last,
            offset: self.height(doc, last).saturating_sub(1),
        };
        self.scroll(doc, end, -(rows.min(isize::MAX as usize) as isize))
    }

    /// Where a byte of a paragraph is shown: its pair and the row within the pair.
    pub fn locate(&mut self, doc: &Document, lang: Lang, paragraph: usize, byte: usize) -> Anchor {
        let pair = self.pair_of(lang, paragraph);
        let layout = self.pair(doc, pair);
        let offset = layout
            .blocks
            .iter()
            .find(|b| b.lang == lang && b.paragraph == paragraph)
            .map_or(0, |b| {
                let line = b
                    .lines
                    .iter()
                    .position(|l| l.source.contains(&byte) || l.source.start >= byte)
                    .unwrap_or(b.lines.len().saturating_sub(1));
                b.row + line
            });
        Anchor { pair, offset }
    }

    /// The rows of the screen from anchor `top`, at most `count` of them.
    pub fn rows(&mut self, doc: &Document, top: Anchor, count: usize) -> Vec<Row> {
        self.cache.next_frame();
        let mut out = Vec::with_capacity(count.min(1024));
        let n = self.pairs();
        let mut p = top.pair;
        let mut offset = top.offset;
        while out.len() < count && p < n {
            self.push_pair_rows(doc, p, offset, count, &mut out);
            p += 1;
            offset = 0;
        }
        out
    }

    /// All the rows of one pair. Counts as a screen for the cache (like [`View::rows`]), so a
    /// printer that goes pair by pair through a huge document keeps the cache within its
    /// budget by dropping the pairs it printed, not by scanning the cache on every paragraph.
    pub fn pair_rows(&mut self, doc: &Document, p: usize) -> Vec<Row> {
        self.cache.next_frame();
        let mut out = Vec::new();
        self.push_pair_rows(doc, p, 0, usize::MAX, &mut out);
        out
    }

    fn push_pair_rows(
        &mut self,
        doc: &Document,
        p: usize,
        from: usize,
        count: usize,
        out: &mut Vec<Row>,
    ) {
        let layout = self.pair(doc, p);
        let mut offset = from;
        while offset < layout.height && out.len() < count {
            let parts = layout
                .blocks
                .iter()
                .filter(|b| offset >= b.row && offset < b.row + b.lines.len())
                .map(|b| RowPart {
                    slot: b.slot,
                    lang: b.lang,
                    paragraph: b.paragraph,
                    line: offset - b.row,
                    lines: Rc::clone(&b.lines),
                })
                .collect();
            out.push(Row {
                pair: p,
                offset,
                parts,
            });
            offset += 1;
        }
    }
}

/// Lays out one paragraph of `lang` at `width` with its entity styles.
fn lay_out(
    text: &str,
    lang: Lang,
    width: usize,
    opts: LayoutOptions,
    spans: &Spans,
    paragraph: usize,
) -> Vec<VisualLine> {
    layout::layout_paragraph(
        text,
        direction(lang),
        width,
        &opts,
        spans.of(lang, paragraph),
    )
}

/// The plain text of a visual line's cells (no indent, no padding).
pub fn line_text(line: &VisualLine) -> String {
    let mut s = String::with_capacity(line.text.len());
    for c in &line.cells {
        s.push_str(line.cell_text(c));
    }
    s
}
