//! `--print`: the reading view as plain text lines, the same layout the reader shows.
//!
//! Lazy: lines are produced pair by pair as the iterator is consumed, so `bitext --print big |
//! head` lays out only the first pairs. With one language (`--only ar --width N`) each line is
//! exactly the layout engine's line, right-aligned to N for Arabic. With colour, ANSI SGR marks
//! headings and entities; the text itself never contributes a control byte (the layout engine
//! renders controls as visible symbols).
//!
//! Pure: document in, strings out. Must not depend on ratatui, crossterm, or do I/O.

use super::{Arrangement, Row, View, ViewOptions, style};
use crate::document::{Discrepancy, Document, Entity, Lang, Parsed};
use crate::layout::{LayoutOptions, StyleBits, VisualLine};

/// What `--print` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // independent switches of the command line, not a state
pub struct PrintOptions {
    /// Total width in cells.
    pub width: usize,
    /// Print only this language, in one column without markers.
    pub only: Option<Lang>,
    /// Colour headings and entities with ANSI SGR sequences.
    pub color: bool,
    /// Emit Arabic presentation forms.
    pub shaping: bool,
    /// Stack each pair (Arabic above English) instead of two columns.
    pub stacked: bool,
    /// The languages of the columns, left to right.
    pub column_order: [Lang; 2],
    /// Show bidi controls (overrides, isolates, marks) as visible symbols.
    pub show_bidi_controls: bool,
    /// Threads that lay out paragraphs ahead of printing them (1: lay out as printed).
    pub threads: usize,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            width: 100,
            only: None,
            color: false,
            shaping: true,
            stacked: false,
            column_order: [Lang::En, Lang::Ar],
            show_bidi_controls: false,
            threads: 1,
        }
    }
}

/// The marker printed beside a pair whose two sides disagree.
pub const DISCREPANCY_MARK: char = '!';

/// The view options `--print` uses for `doc`.
fn view_options(doc: &Document, opts: &PrintOptions) -> ViewOptions {
    ViewOptions {
        arrangement: if opts.stacked {
            Arrangement::Stacked
        } else {
            Arrangement::SideBySide
        },
        hidden: opts.only.map(Lang::other),
        column_order: opts.column_order,
        markers: opts.only.is_none() && !doc.is_monolingual(),
        layout: LayoutOptions {
            shaping: opts.shaping,
            show_bidi_controls: opts.show_bidi_controls,
            ..LayoutOptions::default()
        },
    }
}

/// The lines of the whole document, lazily.
pub fn print_lines<'a>(
    doc: &'a Document,
    opts: &PrintOptions,
) -> impl Iterator<Item = String> + 'a {
    let mut view = View::new(doc, opts.width, view_options(doc, opts));
    let color = opts.color;
    let flagged = flagged_pairs(&doc.discrepancies, doc.pairs.len());
    let n = doc.pairs.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut p = 0;
    std::iter::from_fn(move || {
        loop {
            if let Some(row) = rows.pop() {
                let flag = flagged.get(row.pair).copied().unwrap_or(false);
                return Some(render_row(doc, &view, &row, color, flag));
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
pub fn print_parsed<'a>(
    parsed: Parsed,
    opts: &PrintOptions,
    mut annotate: Option<Annotator<'a>>,
) -> impl Iterator<Item = String> + 'a {
    let mut parsed = parsed;
    let mut view = View::new(&parsed.doc, opts.width, view_options(&parsed.doc, opts));
    let color = opts.color;
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
                return Some(render_row(&parsed.doc, &view, &row, color, flag));
            }
            if p < ready {
                rows = view.pair_rows(&parsed.doc, p);
                rows.reverse();
                p += 1;
                continue;
            }
            if parsed.doc.pairs.len() <= ready && parsed.step().is_none() {
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

fn sgr(bits: StyleBits, heading: bool) -> String {
    let mut codes: Vec<&str> = Vec::new();
    if heading {
        codes.push("1");
    }
    let kinds = [
        (style::PERSON, "36"),
        (style::PLACE, "32"),
        (style::DATE, "33"),
        (style::ORGANIZATION, "35"),
    ];
    if let Some((_, c)) = kinds.iter().find(|(b, _)| bits & b != 0) {
        codes.push(c);
    }
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// Appends one visual line to `out`, with SGR when `color`.
fn push_line(out: &mut String, line: &VisualLine, color: bool, heading: bool) {
    if !color {
        // The line's text is its cells' text, left to right (what `VisualLine::to_plain` and
        // `line_text` print too), so it is copied whole.
        out.push_str(&line.text);
        return;
    }
    let mut current: Option<String> = None;
    for c in &line.cells {
        let want = sgr(c.style & style::ENTITY, heading);
        if current.as_deref() != Some(want.as_str()) {
            if current.as_deref().is_some_and(|s| !s.is_empty()) {
                out.push_str("\x1b[0m");
            }
            out.push_str(&want);
            current = Some(want);
        }
        if let Some(t) = line.text.get(c.text.start as usize..c.text.end as usize) {
            out.push_str(t);
        }
    }
    if current.is_some_and(|s| !s.is_empty()) {
        out.push_str("\x1b[0m");
    }
}

fn render_row(doc: &Document, view: &View, row: &Row, color: bool, flagged: bool) -> String {
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
            out.push(DISCREPANCY_MARK);
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
