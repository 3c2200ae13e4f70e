//! `--print`: the reading view as plain text lines, the same layout the reader shows.
//!
//! Lazy: lines are produced pair by pair as the iterator is consumed, so `bitext --print big |
//! head` lays out only the first pairs. With one language (`--only ar --width N`) each line is
//! exactly the layout engine's line, right-aligned to N for Arabic. With colour, ANSI SGR marks
//! headings and entities; the text itself never contributes a control byte (the layout engine
//! renders controls as visible symbols).
//!
//! Pure: document in, strings out. Must not depend on ratatui, crossterm, or do I/O.

use super::{Arrangement, Row, View, ViewOptions, line_text, style};
use crate::document::{Discrepancy, Document, Lang};
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
        }
    }
}

/// The marker printed beside a pair whose two sides disagree.
pub const DISCREPANCY_MARK: char = '!';

/// The lines of the whole document, lazily.
pub fn print_lines<'a>(
    doc: &'a Document,
    opts: &PrintOptions,
) -> impl Iterator<Item = String> + 'a {
    let view_opts = ViewOptions {
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
    };
    let mut view = View::new(doc, opts.width, view_opts);
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
        out.push_str(&line_text(line));
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
