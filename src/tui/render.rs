//! Drawing the reader: the only place that turns the layout engine's cells into ratatui cells.
//!
//! Each visual line's cells are written at their x (indent included, so Arabic is right-aligned),
//! one grapheme per cell, wide characters taking two. Styles come from the cell's style bits
//! (entity kinds, set by the view) and from spans computed per frame for the visible paragraphs
//! only (the selected entity's mentions, search matches), matched against each cell's source
//! bytes, so highlights land on the right cells after reordering and shaping.

use super::Action;
use super::app::{App, Focus, Loading, Mode};
use super::highlight::frame_spans;
use super::sidebar::{ROW_INDENT, SidebarRow, kind_title, sides};
use crate::config::{ColorName, StyleSpec};
use crate::document::{Document, Lang, Pair};
use crate::layout::{self, Direction, LayoutOptions, StyleBits, VisualLine};
use crate::view::style;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::fmt::Write as _;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The ratatui style of a configured style; `no_color` keeps only the attributes (`NO_COLOR`).
pub fn to_style(spec: &StyleSpec, no_color: bool) -> Style {
    let color = |c: ColorName| match c {
        ColorName::Default => Color::Reset,
        ColorName::Ansi(n) => [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]
        .get(usize::from(n))
        .copied()
        .unwrap_or(Color::Reset),
        ColorName::Indexed(n) => Color::Indexed(n),
        ColorName::Rgb(r, g, b) => Color::Rgb(r, g, b),
    };
    let mut s = Style::default();
    if !no_color {
        if let Some(fg) = spec.fg {
            s = s.fg(color(fg));
        }
        if let Some(bg) = spec.bg {
            s = s.bg(color(bg));
        }
    }
    let mut m = Modifier::empty();
    for (on, bit) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        if on {
            m |= bit;
        }
    }
    // Without colour, highlights that were only a background must still show.
    if no_color && spec.bg.is_some() && m.is_empty() {
        m = Modifier::REVERSED;
    }
    s.add_modifier(m)
}

/// The styles of the frame, resolved once per draw.
struct Theme {
    person: Style,
    place: Style,
    date: Style,
    organization: Style,
    selected: Style,
    search: Style,
    search_current: Style,
    heading: Style,
    current_pair: Style,
    discrepancy: Style,
    unsure_pair: Style,
    status: Style,
    hint: Style,
    border: Style,
    /// How interface text (labels, status, help) is laid out: as the text, shaped or not.
    layout: LayoutOptions,
}

impl Theme {
    fn new(app: &App) -> Theme {
        let c = &app.config.colors;
        let s = |spec: &StyleSpec| to_style(spec, app.no_color);
        Theme {
            person: s(&c.person),
            place: s(&c.place),
            date: s(&c.date),
            organization: s(&c.organization),
            selected: s(&c.selected),
            search: s(&c.search),
            search_current: s(&c.search_current),
            heading: s(&c.heading),
            current_pair: s(&c.current_pair),
            discrepancy: s(&c.discrepancy),
            unsure_pair: s(&c.unsure_pair),
            status: s(&c.status),
            hint: s(&c.hint),
            border: s(&c.border),
            layout: app.view.options().layout,
        }
    }

    fn cell(&self, bits: StyleBits, heading: bool, entity_colors: bool) -> Style {
        let mut st = Style::default();
        if heading {
            st = st.patch(self.heading);
        }
        if entity_colors {
            for (bit, s) in [
                (style::PERSON, self.person),
                (style::PLACE, self.place),
                (style::DATE, self.date),
                (style::ORGANIZATION, self.organization),
            ] {
                if bits & bit != 0 {
                    st = st.patch(s);
                    break;
                }
            }
        }
        for (bit, s) in [
            (style::SELECTED, self.selected),
            (style::SEARCH, self.search),
            (style::SEARCH_CURRENT, self.search_current),
        ] {
            if bits & bit != 0 {
                st = st.patch(s);
            }
        }
        st
    }
}

/// The marker of the current pair.
pub const CURRENT_MARK: &str = "▌";
/// The marker of a pair whose sides disagree, and of a one-sided entity (the one `--print`
/// uses).
pub use crate::view::print::DISCREPANCY_MARK;
/// The quiet marker of a pair whose alignment is unsure (its score below [`UNSURE_BELOW`]).
pub const UNSURE_MARK: &str = "?";
/// The quiet marker beside the empty side of a one-sided pair in a bilingual document.
pub const ONE_SIDED_MARK: &str = "-";
/// Pairs scored below this are marked unsure: the aligner's posterior for the pair (on real
/// translations, 4 of 11 pairs below 0.5 were wrong, against 20 of 521 above it).
pub const UNSURE_BELOW: f64 = 0.5;

/// Writes one visual line's cells from `x`, within `limit` (exclusive right edge).
fn put_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    limit: u16,
    line: &VisualLine,
    style_of: &dyn Fn(&layout::Cell) -> Style,
) {
    let mut cx = x;
    for c in &line.cells {
        let w = u16::from(c.width.max(1));
        if cx.saturating_add(w) > limit {
            break;
        }
        let text = line.cell_text(c);
        if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.set_symbol(text).set_style(style_of(c));
        }
        // The cell hidden under a wide character is blanked, as ratatui does.
        for k in 1..w {
            if let Some(cell) = buf.cell_mut((cx + k, y)) {
                cell.reset();
            }
        }
        cx += w;
    }
}

/// The first line of `text` laid out in `width` cells; when the text needs more than one line,
/// one cell is kept for an ellipsis and `true` is returned.
fn fit(text: &str, dir: Direction, width: usize, opts: LayoutOptions) -> (VisualLine, bool) {
    let mut lines = layout::layout_paragraph(text, dir, width.max(1), &opts, &[]);
    if lines.len() <= 1 || width < 2 {
        return (lines.into_iter().next().unwrap_or_default(), false);
    }
    lines = layout::layout_paragraph(text, dir, width - 1, &opts, &[]);
    (lines.into_iter().next().unwrap_or_default(), true)
}

/// Writes a short piece of interface text (it may hold Arabic: it goes through the layout engine
/// left to right, so it is reordered and its controls are made visible), cut with an ellipsis
/// when too long. Returns the width written.
fn put_text(
    opts: LayoutOptions,
    buf: &mut Buffer,
    x: u16,
    y: u16,
    limit: u16,
    text: &str,
    st: Style,
) -> u16 {
    if x >= limit {
        return 0;
    }
    let width = usize::from(limit - x);
    let (line, cut) = fit(text, Direction::Ltr, width, opts);
    put_line(buf, x, y, limit, &line, &|_| st);
    let mut used = line.width.min(width) as u16;
    if cut && let Some(c) = buf.cell_mut((x + used, y)) {
        c.set_symbol(ELLIPSIS).set_style(st);
        used += 1;
    }
    used
}

/// Marks text cut short.
const ELLIPSIS: &str = "…";

fn fill(buf: &mut Buffer, area: Rect, st: Style) {
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_style(st);
            }
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Draws the whole screen into `buf` (whose area is the terminal).
pub fn draw(app: &mut App, buf: &mut Buffer) {
    let theme = Theme::new(app);
    let areas = app.areas();
    draw_text(app, buf, areas.text, &theme);
    if let Some(side) = areas.sidebar {
        draw_sidebar(app, buf, side, &theme);
    }
    if let Some(status) = areas.status {
        draw_status(app, buf, status, &theme);
    }
    if let Some(hint) = areas.hint {
        draw_hint(app, buf, hint, &theme);
    }
    if app.mode == Mode::Help {
        draw_help(app, buf, &theme);
    }
}

/// The quiet marker beside the side `lang` of `pair`, if any: `-` where that side is empty in a
/// bilingual document (a paragraph left untranslated, or added), `?` where the aligner is unsure
/// of a pair with both sides.
fn quiet_mark(doc: &Document, pair: &Pair, lang: Lang) -> Option<&'static str> {
    let bilingual = !doc.paragraphs.ar.is_empty() && !doc.paragraphs.en.is_empty();
    if !bilingual {
        return None;
    }
    if pair.side(lang).is_empty() {
        Some(ONE_SIDED_MARK)
    } else if !pair.ar.is_empty() && !pair.en.is_empty() && pair.score < UNSURE_BELOW {
        Some(UNSURE_MARK)
    } else {
        None
    }
}

fn draw_text(app: &mut App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let rows = app.view.rows(&app.doc, app.top, usize::from(area.height));
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let visible = first.pair..=last.pair;
    // Per-frame highlight spans of the visible paragraphs only.
    let mentions = app.selected_mentions();
    let (matches, current) = app
        .search
        .as_ref()
        .map_or((&[][..], None), |s| (&s.matches[..], s.current));
    let dynamic = frame_spans(matches, current, &mentions, &visible);
    let slots = app.view.slots().to_vec();
    for (i, row) in rows.iter().enumerate() {
        let y = area.y + i as u16;
        let height = app.view.height(&app.doc, row.pair);
        let content_row = row.offset + 1 < height;
        let flagged = app.discrepancies.is_flagged(row.pair);
        let pair = app.doc.pairs.get(row.pair);
        for slot in &slots {
            let Some(mx) = slot.marker_x else { continue };
            let x = area.x + mx as u16;
            if x >= area.x + area.width {
                continue;
            }
            let mark = if flagged && row.offset == 0 {
                Some((DISCREPANCY_MARK, theme.discrepancy))
            } else if row.pair == app.current && content_row {
                Some((CURRENT_MARK, theme.current_pair))
            } else if row.offset == 0 {
                pair.and_then(|p| quiet_mark(&app.doc, p, slot.lang))
                    .map(|m| (m, theme.unsure_pair))
            } else {
                None
            };
            if let (Some((m, st)), Some(cell)) = (mark, buf.cell_mut((x, y))) {
                cell.set_symbol(m).set_style(st);
            }
        }
        for part in &row.parts {
            let Some(slot) = slots.get(part.slot) else {
                continue;
            };
            let line = part.visual();
            let heading = app
                .doc
                .paragraphs
                .of(part.lang)
                .get(part.paragraph)
                .is_some_and(|p| p.heading);
            let spans = dynamic.get(&(part.lang, part.paragraph));
            let colors = app.entity_colors;
            let style_of = |c: &layout::Cell| {
                let mut bits = c.style;
                if let Some(spans) = spans {
                    for (r, b) in spans {
                        if overlaps(r, &c.source) {
                            bits |= b;
                        }
                    }
                }
                theme.cell(bits, heading, colors)
            };
            let x = area.x + (slot.x + line.indent).min(usize::from(area.width)) as u16;
            let limit = (area.x + (slot.x + slot.width).min(usize::from(area.width)) as u16)
                .min(area.x + area.width);
            put_line(buf, x, y, limit, line, &style_of);
        }
    }
}

/// What the empty sidebar says: the background work still running, or that nothing was found.
fn loading_text(loading: Option<Loading>) -> String {
    match loading {
        Some(Loading::Aligning { done, total }) => {
            format!(" aligning… {}%", done * 100 / total.max(1))
        }
        Some(Loading::Entities { done, total }) => {
            format!(" finding entities… {}%", done * 100 / total.max(1))
        }
        None => " none found".to_owned(),
    }
}

fn draw_sidebar(app: &App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    if area.width < 3 || area.height == 0 {
        return;
    }
    let left_side = app.areas().sidebar_on_left;
    let border_x = if left_side {
        area.x + area.width - 1
    } else {
        area.x
    };
    // The focused sidebar's border takes the current-pair colour, beside the reversed title.
    let border = if app.focus == Focus::Sidebar {
        theme.current_pair
    } else {
        theme.border
    };
    for y in area.y..area.y + area.height {
        if let Some(c) = buf.cell_mut((border_x, y)) {
            c.set_symbol("│").set_style(border);
        }
    }
    let x0 = if left_side { area.x } else { area.x + 1 };
    let right = x0 + area.width - 1;
    let title_style = if app.focus == Focus::Sidebar {
        theme.heading.add_modifier(Modifier::REVERSED)
    } else {
        theme.heading
    };
    put_text(
        theme.layout,
        buf,
        x0,
        area.y,
        right,
        " Entities",
        title_style,
    );
    if app.sidebar.rows.is_empty() {
        if area.height > 1 {
            put_text(
                theme.layout,
                buf,
                x0,
                area.y + 1,
                right,
                &loading_text(app.loading),
                theme.hint,
            );
        }
        return;
    }
    let selected_row = app
        .sidebar
        .selected
        .and_then(|s| app.sidebar.entity_rows.get(s).copied());
    for (i, row) in app
        .sidebar
        .rows
        .iter()
        .enumerate()
        .skip(app.sidebar.scroll)
        .take(usize::from(area.height - 1))
    {
        let y = area.y + 1 + (i - app.sidebar.scroll) as u16;
        match row {
            SidebarRow::Group(kind, n) => {
                put_text(
                    theme.layout,
                    buf,
                    x0,
                    y,
                    right,
                    &format!(" {} ({n})", kind_title(*kind)),
                    theme.heading,
                );
            }
            SidebarRow::Entity(e) => {
                let selected = selected_row == Some(i);
                draw_entity_row(app, buf, (x0, right, y), *e, selected, theme);
            }
        }
    }
}

/// One entity of the sidebar: one-side mark, English label, Arabic label (laid out right to
/// left, right-aligned), mention count.
fn draw_entity_row(
    app: &App,
    buf: &mut Buffer,
    (x0, right, y): (u16, u16, u16),
    e: usize,
    selected: bool,
    theme: &Theme,
) {
    let Some(entity) = app.doc.entities.get(e) else {
        return;
    };
    let opts = app.view.options().layout;
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    fill(buf, Rect::new(x0, y, right - x0, 1), base);
    // One side only is worth a mark where there are two sides.
    let (ar, en) = sides(&entity.mentions);
    let two_sided = ar && en;
    let one_sided = !two_sided && !app.doc.is_monolingual();
    if one_sided && let Some(c) = buf.cell_mut((x0 + 1, y)) {
        c.set_symbol(DISCREPANCY_MARK)
            .set_style(base.patch(theme.discrepancy));
    }
    let count = format!(" {}", entity.mentions.len());
    let count_w = count.chars().count() as u16;
    let count_x = right.saturating_sub(count_w).max(x0);
    put_text(
        theme.layout,
        buf,
        count_x,
        y,
        right,
        &count,
        base.patch(theme.hint),
    );
    let x = x0 + ROW_INDENT as u16;
    let room = usize::from(count_x.saturating_sub(x + 1));
    let natural = |text: &Option<String>, dir| {
        text.as_deref().map_or(0, |t| {
            layout::layout_paragraph(t, dir, usize::MAX / 2, &opts, &[])
                .first()
                .map_or(0, |l| l.width)
        })
    };
    let en_w = natural(&entity.label.en, Direction::Ltr);
    let ar_w = natural(&entity.label.ar, Direction::Rtl);
    let (en_room, ar_room) = share_room(room, en_w, ar_w);
    let mut used = 0;
    if let Some(en) = &entity.label.en {
        let line = fit_middle(en, Direction::Ltr, en_room, opts);
        used = line.width.min(en_room) as u16;
        put_line(buf, x, y, x + used, &line, &|_| base);
    }
    if let Some(label) = &entity.label.ar {
        let line = fit_middle(label, Direction::Rtl, ar_room, opts);
        let right = count_x.saturating_sub(1);
        let w = line.width.min(ar_room) as u16;
        let start = if used > 0 { x + used + 1 } else { x };
        let lx = right.saturating_sub(w).max(start);
        put_line(buf, lx, y, right, &line, &|_| base);
    }
}

/// The cells of `room` each label gets (`room` includes the space between them): each its
/// whole width when both fit; else the shorter one whole when it takes no more than half, and
/// the other the rest; else half each.
fn share_room(room: usize, en: usize, ar: usize) -> (usize, usize) {
    if en == 0 || ar == 0 {
        return (if en > 0 { room } else { 0 }, if ar > 0 { room } else { 0 });
    }
    let room = room.saturating_sub(1);
    if en + ar <= room {
        return (en, room - en);
    }
    let half = room / 2;
    if en <= half {
        (en, room - en)
    } else if ar <= half {
        (room - ar, ar)
    } else {
        (half, room - half)
    }
}

/// `text` laid out on one line of at most `width` cells: whole when it fits, else its start
/// and its end with an ellipsis between them (names that differ at their end, as North and
/// South Korea in Arabic do, stay apart), cut between graphemes.
fn fit_middle(text: &str, dir: Direction, width: usize, opts: LayoutOptions) -> VisualLine {
    let one_line = |t: &str| {
        let lines = layout::layout_paragraph(t, dir, width.max(1), &opts, &[]);
        (lines.len() == 1 && lines[0].width <= width).then(|| lines.into_iter().next())
    };
    if width == 0 {
        return VisualLine::default();
    }
    if let Some(Some(line)) = one_line(text) {
        return line;
    }
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    let cut = |keep: usize| {
        let head = keep.div_ceil(2);
        let tail = keep / 2;
        let mut s: String = graphemes[..head].concat().trim_end().to_owned();
        s.push_str(ELLIPSIS);
        s.push_str(graphemes[graphemes.len() - tail..].concat().trim_start());
        s
    };
    // The most graphemes kept that still fit (binary search: the width grows with them).
    let (mut lo, mut hi) = (0, graphemes.len().saturating_sub(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if one_line(&cut(mid)).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    one_line(&cut(lo))
        .flatten()
        .unwrap_or_else(|| fit(ELLIPSIS, dir, width, opts).0)
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

fn draw_status(app: &mut App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    let (x0, y, right_edge) = (area.x, area.y, area.right());
    fill(buf, area, theme.status);
    let n = app.view.pairs();
    let names: Vec<String> = app.doc.sources.iter().map(|s| sanitize(&s.name)).collect();
    let name = if names.is_empty() {
        "-".to_owned()
    } else {
        names.join(" + ")
    };
    let bottom = app.view.bottom(&app.doc, app.text_rows());
    // "all" when the whole document fits on the screen (as vim says), else how far down.
    let pct = if app.view.row_of(bottom) == 0 {
        "all".to_owned()
    } else if app.top >= bottom {
        "100%".to_owned()
    } else {
        let total = app.view.row_of(bottom).max(1);
        format!("{}%", (app.view.row_of(app.top) * 100 / total).min(99))
    };
    // While the rest is aligned, the count of pairs grows: `+`, and the progress.
    let more = if matches!(app.loading, Some(Loading::Aligning { .. })) {
        "+"
    } else {
        ""
    };
    let mut left = format!(
        " {name}  pair {}/{n}{more}  {pct}",
        (app.current + 1).min(n)
    );
    if let Some(loading) = app.loading {
        let _ = write!(left, " {}", loading_text(Some(loading)).trim_end());
    }
    if app.stacked() {
        left.push_str("  stacked");
    }
    if let Some(l) = app.choices.hidden {
        let _ = write!(left, "  {} hidden", l.code());
    }
    let right = match &app.mode {
        // The query is isolated (FSI ... PDI) so an Arabic query does not pull the counter or
        // the prompt into its right-to-left run.
        Mode::SearchInput(q) => format!("/\u{2068}{q}\u{2069}▏"),
        _ => {
            if let Some(m) = &app.message {
                m.clone()
            } else if let Some(s) = &app.search {
                format!("/\u{2068}{}\u{2069}  {}", s.query, s.counter())
            } else if let Some(h) = &app.terminal_hint {
                // All the Arabic is wrong until the terminal is set up: before the pair's notes.
                h.clone()
            } else if let Some(d) = app.discrepancy_text(app.current) {
                format!("differs: {d}")
            } else if let Some(w) = app.doc.warnings.first() {
                // Things that may be wrong with the text (e.g. bidi overrides) stay in view.
                format!("warning: {w}")
            } else {
                String::new()
            }
        }
    };
    let used = put_text(theme.layout, buf, x0, y, right_edge, &left, theme.status);
    put_text(
        theme.layout,
        buf,
        x0 + used + 2,
        y,
        right_edge,
        &sanitize(&right),
        theme.status,
    );
}

fn draw_hint(app: &App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    let first = |a: Action| {
        app.keys_for(a)
            .first()
            .map_or_else(String::new, ToString::to_string)
    };
    let text = if matches!(app.mode, Mode::SearchInput(_)) {
        "Enter search  Esc cancel  Backspace delete  (Arabic is matched without harakat)"
            .to_string()
    } else {
        // The sidebar's own keys while it has the focus.
        let items: &[(Action, &str)] = if app.focus == Focus::Sidebar {
            &[
                (Action::LineDown, "next entity"),
                (Action::Activate, "first mention"),
                (Action::NextMatch, "next mention"),
                (Action::Focus, "back to the text"),
                (Action::Cancel, "unselect"),
            ]
        } else {
            &[
                (Action::Help, "help"),
                (Action::Quit, "quit"),
                (Action::Search, "search"),
                (Action::NextPair, "pair"),
                (Action::NextHeading, "heading"),
                (Action::Focus, "entities"),
                (Action::NextMatch, "next"),
                (Action::NextDiscrepancy, "differs"),
                (Action::ToggleStacked, "stack"),
                (Action::ToggleEntityColors, "colours"),
            ]
        };
        items
            .iter()
            .map(|(a, what)| format!("{} {what}", first(*a)))
            .collect::<Vec<_>>()
            .join("  ")
    };
    put_text(
        theme.layout,
        buf,
        area.x + 1,
        area.y,
        area.right(),
        &text,
        theme.hint,
    );
}

/// Clears `area` and draws a border round it.
fn draw_box(buf: &mut Buffer, area: Rect, theme: &Theme) {
    // Clear the box, then draw its border.
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
            }
        }
    }
    let (x1, y1) = (area.x + area.width - 1, area.y + area.height - 1);
    for x in area.x..=x1 {
        for y in [area.y, y1] {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol("─").set_style(theme.border);
            }
        }
    }
    for y in area.y..=y1 {
        for x in [area.x, x1] {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol("│").set_style(theme.border);
            }
        }
    }
    for (x, y, s) in [
        (area.x, area.y, "┌"),
        (x1, area.y, "┐"),
        (area.x, y1, "└"),
        (x1, y1, "┘"),
    ] {
        if let Some(c) = buf.cell_mut((x, y)) {
            c.set_symbol(s).set_style(theme.border);
        }
    }
}

/// The entries of the help: each action's keys (as bound) and what it does.
fn help_lines(app: &App) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, &str)> = Action::ALL
        .iter()
        .map(|&a| {
            let keys: Vec<String> = app.keys_for(a).iter().map(ToString::to_string).collect();
            (keys.join(" "), a.describe())
        })
        .collect();
    lines.push(("Ctrl-c".into(), "quit, always"));
    lines.push((
        "wheel".into(),
        "scroll (mouse capture: config [input] mouse)",
    ));
    lines
}

/// Columns between two columns of the help.
const HELP_GAP: usize = 3;

/// The help overlay: every action with its keys, then Ctrl-c and the wheel. It takes as many
/// columns as it needs to fit the screen's height (as many as fit its width); when even then
/// it is taller than the screen, it scrolls (the moving keys), and its border says what is
/// above and below.
fn draw_help(app: &mut App, buf: &mut Buffer, theme: &Theme) {
    let (w, h) = (app.areas().area.width, app.areas().area.height);
    let lines = help_lines(app);
    let key_w = lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let entry_w = lines
        .iter()
        .map(|(_, d)| key_w + 2 + d.chars().count())
        .max()
        .unwrap_or(0);
    let inner_w = usize::from(w.saturating_sub(4));
    let inner_h = usize::from(h.saturating_sub(2)).max(1);
    let max_cols = ((inner_w + HELP_GAP) / (entry_w + HELP_GAP)).max(1);
    let cols = (1..=max_cols)
        .find(|c| lines.len().div_ceil(*c) <= inner_h)
        .unwrap_or(max_cols);
    let rows = lines.len().div_ceil(cols);
    let text_w = cols * entry_w + (cols - 1) * HELP_GAP;
    let bw = (text_w as u16 + 4).min(w);
    let bh = (rows as u16 + 2).min(h);
    if bw < 3 || bh < 3 {
        return;
    }
    let shown = usize::from(bh - 2);
    let scroll = app.help_scroll.min(rows.saturating_sub(shown));
    app.help_scroll = scroll;
    let area = Rect::new((w - bw) / 2, (h - bh) / 2, bw, bh);
    draw_box(buf, area, theme);
    let (x1, y1) = (area.x + area.width - 1, area.y + area.height - 1);
    put_text(
        theme.layout,
        buf,
        area.x + 2,
        area.y,
        x1,
        " Keys (Esc closes) ",
        theme.heading,
    );
    for (i, (keys, what)) in lines.iter().enumerate() {
        let (col, row) = (i / rows, i % rows);
        if row < scroll || row >= scroll + shown {
            continue;
        }
        let y = area.y + 1 + (row - scroll) as u16;
        let x = area.x + 2 + (col * (entry_w + HELP_GAP)) as u16;
        put_text(theme.layout, buf, x, y, x1, keys, theme.heading);
        put_text(
            theme.layout,
            buf,
            x + key_w as u16 + 2,
            y,
            x1,
            what,
            Style::default(),
        );
    }
    // What lies beyond the box, on its bottom border.
    if rows > shown {
        let below = rows - scroll - shown;
        let key = |a: Action| {
            app.keys_for(a)
                .first()
                .map_or_else(String::new, ToString::to_string)
        };
        let note = if below > 0 {
            format!(
                " ↓ {below} more ({}/{} scroll) ",
                key(Action::LineDown),
                key(Action::LineUp)
            )
        } else {
            format!(" end ({}: top) ", key(Action::Top))
        };
        let note = if scroll > 0 && below > 0 {
            format!(" ↑{}", note.trim_start())
        } else {
            note
        };
        put_text(theme.layout, buf, area.x + 2, y1, x1, &note, theme.heading);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{Pair, Paragraph};

    fn para(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            heading: false,
            line: 1,
            source: 0,
        }
    }

    fn doc() -> Document {
        let mut d = Document::default();
        d.paragraphs.ar = vec![para("قال الرئيس إن المدرسة جديدة")];
        d.paragraphs.en = vec![para("The president said the school is new")];
        d.pairs = vec![Pair {
            ar: vec![0],
            en: vec![0],
            score: 1.0,
        }];
        d
    }

    /// The Arabic presentation forms on the drawn screen.
    fn presentation_forms(app: &mut App) -> usize {
        let (w, h) = app.size();
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        draw(app, &mut buf);
        buf.content()
            .iter()
            .flat_map(|c| c.symbol().chars())
            .filter(|c| matches!(u32::from(*c), 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
            .count()
    }

    #[test]
    fn no_shaping_reaches_the_drawn_text() {
        let config = Config::default();
        assert!(config.view.shaping);
        let shaped = presentation_forms(&mut App::new(doc(), config.clone(), (120, 10)));
        assert!(shaped > 10, "{shaped}");
        let settings = config.settings(true);
        let mut app = App::with_settings(doc(), config, settings, (120, 10));
        assert_eq!(presentation_forms(&mut app), 0);
    }
}
