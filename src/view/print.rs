//! `--print`: the reading view as plain text lines, the same layout the reader shows.
//!
//! Lazy: lines are produced pair by pair as the iterator is consumed, so `bitext --print big |
//! head` lays out only the first pairs. With one language (`--only ar --width N`) each line is
//! exactly the layout engine's line, right-aligned to N for Arabic. With colour, ANSI SGR marks
//! headings and entities; the text itself never contributes a control byte (the layout engine
//! renders controls as visible symbols).
//!
//! Pure: document in, strings out. Must not depend on ratatui, crossterm, or do I/O.

use super::options::{Choices, DEFAULT_WIDTH, Palette, Settings};
use super::{Columns, Row, View, ViewOptions, style};
use crate::document::{Discrepancy, Document, Entity, Lang, Parsed, Side};
use crate::layout::{self, StyleBits, VisualLine};
use std::fmt::Write as _;

/// What `--print` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOptions {
    /// Total width in cells.
    pub width: usize,
    /// Print only this language, in one column without markers.
    pub only: Option<Lang>,
    /// Colour headings, entities and the discrepancy markers with ANSI SGR sequences (the
    /// colours of `settings.palette`).
    pub color: bool,
    /// Stacked or side by side by choice; `None` follows the width, as the reader does.
    pub stacked: Option<bool>,
    /// Threads that lay out paragraphs ahead of printing them (1: lay out as printed).
    pub threads: usize,
    /// The run's settings (from the config and the command line): the same the reader uses.
    pub settings: Settings,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            width: usize::from(DEFAULT_WIDTH),
            only: None,
            color: false,
            stacked: None,
            threads: 1,
            settings: Settings::default(),
        }
    }
}

/// The marker beside a pair whose two sides disagree (printed, and in the reader).
pub const DISCREPANCY_MARK: &str = "!";

/// The view options `--print` uses for `doc`: the run's settings at the printed width, one
/// language without markers for `--only`, no markers for a document of one language.
fn view_options(doc: &Document, opts: &PrintOptions) -> ViewOptions {
    let s = &opts.settings;
    let choices = Choices {
        stacked: opts.stacked,
        hidden: opts.only.map(Lang::other),
        markers: opts.only.is_none() && !doc.is_monolingual(),
        ..s.choices()
    };
    s.view_options(opts.width, &choices)
}

/// The lines of the whole document, lazily.
pub fn print_lines<'a>(
    doc: &'a Document,
    opts: &PrintOptions,
) -> impl Iterator<Item = String> + 'a {
    let mut view = View::new(doc, opts.width, view_options(doc, opts));
    let color = opts.color.then(|| opts.settings.palette.clone());
    let flagged = flagged_pairs(&doc.discrepancies, doc.pairs.len());
    let n = doc.pairs.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut p = 0;
    std::iter::from_fn(move || {
        loop {
            if let Some(row) = rows.pop() {
                let flag = flagged.get(row.pair).copied().unwrap_or(false);
                return Some(render_row(doc, &view, &row, color.as_ref(), flag));
            }
            if p >= n {
                return None;
            }
            rows = view.pair_rows(doc, p);
            rows.reverse();
            p += 1;
        }
    })
}

/// Finds the entities and discrepancies of a document (`entities::analyse` in the binary; the
/// view does not depend on the entity detector itself).
pub type Annotator<'a> = Box<dyn FnMut(&Document) -> (Vec<Entity>, Vec<Discrepancy>) + 'a>;

/// The most pairs annotated together by `--print`.
pub const PRINT_WINDOW: usize = 2048;

/// The pairs of the first window of a long document (the windows then double).
pub const FIRST_PRINT_WINDOW: usize = 128;

/// Whether `--print` with these options shows anything the entity detector finds: entity
/// colours, or the discrepancy markers beside the columns.
pub fn needs_entities(doc: &Document, opts: &PrintOptions) -> bool {
    opts.color || view_options(doc, opts).markers
}

/// The lines of a document whose pairs may still be aligning, printed as the alignment yields
/// them: `bitext --print big | head` reads the paragraphs, then aligns, annotates and lays out
/// only the first windows. With `opts.threads` above 1, each window's paragraphs are laid out
/// on that many threads before its lines are made.
///
/// `annotate`, when given, runs on each window of pairs on its own, as a document made of that
/// window's paragraphs; its entities colour the text and its discrepancies mark the pairs. A
/// document aligned in one window (about a thousand paragraphs a side) is annotated whole,
/// exactly as the reader does; on a longer one, names are linked within a window, not across
/// the whole document (the reader links them across the whole document, in the background).
///
/// `late` is told each warning that reading the rest of the input adds (a bad byte or an
/// overlong paragraph far into a large file), once, when it is found; the warnings the document
/// had when it was given are the caller's to say.
pub fn print_parsed<'a>(
    parsed: Parsed,
    opts: &PrintOptions,
    mut annotate: Option<Annotator<'a>>,
    mut late: impl FnMut(&str) + 'a,
) -> impl Iterator<Item = String> + 'a {
    let mut parsed = parsed;
    let mut said = parsed.doc.warnings.len();
    let mut view = View::new(&parsed.doc, opts.width, view_options(&parsed.doc, opts));
    let color = opts.color.then(|| opts.settings.palette.clone());
    let threads = opts.threads;
    let mut flagged: Vec<bool> = Vec::new();
    // Pairs annotated (and so ready to print), and the next pair to print.
    let mut ready = 0;
    let mut size = FIRST_PRINT_WINDOW;
    let mut p = 0;
    let mut rows: Vec<Row> = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if let Some(row) = rows.pop() {
                let flag = flagged.get(row.pair).copied().unwrap_or(false);
                return Some(render_row(&parsed.doc, &view, &row, color.as_ref(), flag));
            }
            if p < ready {
                rows = view.pair_rows(&parsed.doc, p);
                rows.reverse();
                p += 1;
                continue;
            }
            let more = parsed.doc.pairs.len() > ready || parsed.step().is_some();
            for w in parsed.doc.warnings.get(said..).unwrap_or_default() {
                late(w);
            }
            said = parsed.doc.warnings.len();
            if !more {
                return None;
            }
            // A short document is annotated whole; a long one in windows that start small (the
            // first lines come sooner) and double up to PRINT_WINDOW.
            let whole =
                ready == 0 && parsed.is_complete() && parsed.doc.pairs.len() <= PRINT_WINDOW;
            let end = parsed
                .doc
                .pairs
                .len()
                .min(ready + if whole { PRINT_WINDOW } else { size });
            size = (size * 2).min(PRINT_WINDOW);
            view.extend(&parsed.doc);
            flagged.resize(end, false);
            if let Some(annotate) = annotate.as_mut() {
                let (window, ar0, en0) = crate::document::window(&parsed.doc, ready..end);
                let (mut entities, discrepancies) = annotate(&window);
                for m in entities.iter_mut().flat_map(|e| e.mentions.iter_mut()) {
                    m.paragraph += match m.lang {
                        Lang::Ar => ar0,
                        Lang::En => en0,
                    };
                }
                view.add_entities(&entities);
                for d in discrepancies {
                    if let Some(f) = flagged.get_mut(ready + d.pair) {
                        *f = true;
                    }
                }
            }
            view.prefill(&parsed.doc, ready..end, threads);
            ready = end;
        }
    })
}

/// Whether `--print` with these options prints plain lines of one language: no colour, no
/// markers, one column of the engine's lines. [`print_plain`] prints those, faster.
pub fn is_plain(opts: &PrintOptions) -> bool {
    opts.only.is_some() && !opts.color
}

/// The most pairs [`print_plain`] lays out between two steps of the alignment.
pub const PLAIN_WINDOW: usize = 8192;

/// Source bytes of the paragraphs in one job of [`print_plain`]'s workers.
const PLAIN_BATCH_BYTES: usize = 16 * 1024;

/// Prints what [`print_parsed`] prints for plain options ([`is_plain`]: one language, no
/// colour), sending the text to `emit` in chunks of whole lines (each line with its newline),
/// in order, and stopping at the first error `emit` returns.
///
/// The pairs are aligned window by window as [`print_parsed`] does (the windows start small, so
/// the first lines come soon); each window's paragraphs are laid out by `opts.threads` workers
/// in batches while the calling thread hands the finished batches to `emit` in order. Only the
/// engine's text is built ([`layout::layout_plain`]), not the cells that a screen needs.
///
/// `parsed` is left aligned as far as it was printed.
pub fn print_plain<E>(
    parsed: &mut Parsed,
    opts: &PrintOptions,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    // The one language shown and its column, as the view has them.
    let view_opts = view_options(&parsed.doc, opts);
    let shown = view_opts.shown_languages(&parsed.doc);
    let columns = Columns::new(opts.width, &view_opts, &shown);
    let lang = shown.first().copied().or(opts.only).unwrap_or(Lang::Ar);
    let layout_opts = view_opts.layout;
    let dir = super::direction(lang);
    let width = columns.width_of(lang);
    let threads = opts.threads.max(1);
    let mut done = 0;
    let mut size = FIRST_PRINT_WINDOW;
    loop {
        while parsed.doc.pairs.len() < done + size && parsed.step().is_some() {}
        let end = parsed.doc.pairs.len().min(done + size);
        if end <= done {
            return Ok(());
        }
        let doc = &parsed.doc;
        let texts = doc.paragraphs.of(lang);
        // The text printed for the pairs `range`: each pair's paragraphs of `lang`, then a
        // blank row when it has any (as the view lays out a pair).
        let render = |range: std::ops::Range<usize>| {
            // Shaped Arabic takes 3 bytes a letter where the source takes 2, plus the indents.
            let mut out = String::with_capacity(PLAIN_BATCH_BYTES * 2);
            for pair in doc.pairs.get(range).unwrap_or(&[]) {
                let shown = pair.side(lang);
                for i in shown {
                    let text = texts.get(i).map_or("", |p| p.text.as_str());
                    layout::layout_plain(text, dir, width, &layout_opts, &mut out);
                }
                if !shown.is_empty() {
                    out.push('\n');
                }
            }
            out
        };
        let batches = batches(doc, lang, done..end);
        if threads == 1 || batches.len() < 2 {
            for b in batches {
                emit(&render(b))?;
            }
        } else {
            in_parallel(&batches, threads, &render, &mut emit)?;
        }
        done = end;
        size = (size * 2).min(PLAIN_WINDOW);
    }
}

/// Splits the pairs `range` into runs of about [`PLAIN_BATCH_BYTES`] of `lang` text.
fn batches(
    doc: &Document,
    lang: Lang,
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let texts = doc.paragraphs.of(lang);
    let mut out = Vec::new();
    let mut start = range.start;
    let mut bytes = 0;
    for p in range.clone() {
        let side = doc.pairs.get(p).map_or(Side::new(), |pair| pair.side(lang));
        bytes += side
            .iter()
            .map(|i| texts.get(i).map_or(0, |t| t.text.len()))
            .sum::<usize>();
        if bytes >= PLAIN_BATCH_BYTES {
            out.push(start..p + 1);
            start = p + 1;
            bytes = 0;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// Renders `batches` on `threads` workers and hands the results to `emit` in order, on the
/// calling thread. When `emit` fails, the workers stop after their current batch.
fn in_parallel<E>(
    batches: &[std::ops::Range<usize>],
    threads: usize,
    render: &(dyn Fn(std::ops::Range<usize>) -> String + Sync),
    emit: &mut impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, String)>();
        for _ in 0..threads.min(batches.len()) {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    let Some(range) = batches.get(b) else { break };
                    if tx.send((b, render(range.clone()))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Batches that finished before those ahead of them wait here.
        let mut waiting: Vec<Option<String>> = vec![None; batches.len()];
        let mut want = 0;
        for (b, text) in rx {
            if let Some(slot) = waiting.get_mut(b) {
                *slot = Some(text);
            }
            while let Some(text) = waiting.get_mut(want).and_then(Option::take) {
                if let Err(e) = emit(&text) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                want += 1;
            }
        }
        Ok(())
    })
}

/// Which pairs have a discrepancy.
pub fn flagged_pairs(discrepancies: &[Discrepancy], pairs: usize) -> Vec<bool> {
    let mut v = vec![false; pairs];
    for d in discrepancies {
        if let Some(f) = v.get_mut(d.pair) {
            *f = true;
        }
    }
    v
}

fn sgr(palette: &Palette, bits: StyleBits, heading: bool) -> String {
    let mut codes: Vec<&str> = Vec::new();
    if heading {
        codes.push(&palette.heading);
    }
    let kinds = [
        (style::PERSON, &palette.person),
        (style::PLACE, &palette.place),
        (style::DATE, &palette.date),
        (style::ORGANIZATION, &palette.organization),
    ];
    if let Some((_, c)) = kinds.iter().find(|(b, _)| bits & b != 0) {
        codes.push(c);
    }
    codes.retain(|c| !c.is_empty());
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// Appends one visual line to `out`, with SGR when there is a palette.
fn push_line(out: &mut String, line: &VisualLine, color: Option<&Palette>, heading: bool) {
    let Some(palette) = color else {
        // The line's text is its cells' text, left to right (what `VisualLine::to_plain` and
        // `line_text` print too), so it is copied whole.
        out.push_str(&line.text);
        return;
    };
    let mut current: Option<String> = None;
    for c in &line.cells {
        let want = sgr(palette, c.style & style::ENTITY, heading);
        if current.as_deref() != Some(want.as_str()) {
            if current.as_deref().is_some_and(|s| !s.is_empty()) {
                out.push_str("\x1b[0m");
            }
            out.push_str(&want);
            current = Some(want);
        }
        out.push_str(line.cell_text(c));
    }
    if current.is_some_and(|s| !s.is_empty()) {
        out.push_str("\x1b[0m");
    }
}

fn render_row(
    doc: &Document,
    view: &View,
    row: &Row,
    color: Option<&Palette>,
    flagged: bool,
) -> String {
    let mut out = String::new();
    let mut col = 0;
    let pad = |out: &mut String, col: &mut usize, to: usize| {
        while *col < to {
            out.push(' ');
            *col += 1;
        }
    };
    for (i, slot) in view.slots().iter().enumerate() {
        if let Some(mx) = slot.marker_x
            && flagged
            && row.offset == 0
        {
            pad(&mut out, &mut col, mx);
            match color
                .map(|p| p.discrepancy.as_str())
                .filter(|c| !c.is_empty())
            {
                Some(c) => {
                    let _ = write!(out, "\x1b[{c}m{DISCREPANCY_MARK}\x1b[0m");
                }
                None => out.push_str(DISCREPANCY_MARK),
            }
            col += 1;
        }
        let Some(part) = row.parts.iter().find(|p| p.slot == i) else {
            continue;
        };
        let line = part.visual();
        let heading = doc
            .paragraphs
            .of(part.lang)
            .get(part.paragraph)
            .is_some_and(|p| p.heading);
        pad(&mut out, &mut col, slot.x + line.indent);
        push_line(&mut out, line, color, heading);
        col += line.width;
    }
    out
}
