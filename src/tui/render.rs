//! Drawing the reader: the only place that turns the layout engine's cells into ratatui cells.
//!
//! Each visual line's cells are written at their x (indent included, so Arabic is right-aligned),
//! one grapheme per cell, wide characters taking two. Styles come from the cell's style bits
//! (entity kinds, set by the view) and from spans computed per frame for the visible paragraphs
//! only (the selected entity's mentions, search matches), matched against each cell's source
//! bytes, so highlights land on the right cells after reordering and shaping.

use super::Action;
use super::app::{App, Focus, Loading, Mode};
use super::sidebar::{ROW_INDENT, Sidebar, SidebarRow, kind_title, sides};
use crate::config::{ColorName, StyleSpec};
use crate::document::{Document, Lang, Pair};
use crate::layout::{self, Direction, LayoutOptions, StyleBits, VisualLine};
use crate::view::style;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};
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
#[cfg_attr(test, derive(Default))]
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
    TextColumns { app, theme: &theme }.render(areas.text, buf);
    if let Some(area) = areas.sidebar {
        SidebarPanel {
            doc: &app.doc,
            sidebar: &app.sidebar,
            focused: app.focus == Focus::Sidebar,
            loading: app.loading,
            on_left: areas.sidebar_on_left,
            theme: &theme,
        }
        .render(area, buf);
    }
    if let Some(area) = areas.status {
        let (left, right) = status_texts(app);
        Bar {
            left: &left,
            right: &right,
            indent: 0,
            style: theme.status,
            filled: true,
            layout: theme.layout,
        }
        .render(area, buf);
    }
    if let Some(area) = areas.hint {
        Bar {
            left: &hint_text(app),
            right: "",
            indent: 1,
            style: theme.hint,
            filled: false,
            layout: theme.layout,
        }
        .render(area, buf);
    }
    if app.mode == Mode::Help {
        let help = Help::new(app, areas.area, app.help_scroll, &theme);
        // The scroll is kept as drawn: a key that scrolls past the end is taken back.
        app.help_scroll = help.scroll;
        help.render(areas.area, buf);
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

/// The text columns: the rows of the view from the top anchor, each paragraph line at its
/// column's x, with the pair markers beside each column and the highlights of the frame.
struct TextColumns<'a> {
    app: &'a mut App,
    theme: &'a Theme,
}

impl Widget for TextColumns<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw_text(self.app, buf, area.intersection(buf.area), self.theme);
    }
}

fn draw_text(app: &mut App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let rows = app
        .view
        .rows(&app.doc, app.nav.top, usize::from(area.height));
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let visible = first.pair..=last.pair;
    // Per-frame highlight spans of the visible paragraphs only.
    let mentions = app.selected_mentions();
    let dynamic = app.highlights.frame(&mentions, &visible);
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
            } else if row.pair == app.nav.current && content_row {
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

/// The entity sidebar: its border on the text's side (in the current-pair colour while it has
/// the focus), the title, then the groups and entities from its scroll position, or what the
/// background work is doing while there are none yet.
struct SidebarPanel<'a> {
    doc: &'a Document,
    sidebar: &'a Sidebar,
    focused: bool,
    loading: Option<Loading>,
    /// The sidebar is left of the text (its border on its right).
    on_left: bool,
    theme: &'a Theme,
}

impl Widget for SidebarPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width < 3 || area.height == 0 {
            return;
        }
        let theme = self.theme;
        let border = if self.focused {
            theme.current_pair
        } else {
            theme.border
        };
        let block = Block::new()
            .borders(if self.on_left {
                Borders::RIGHT
            } else {
                Borders::LEFT
            })
            .border_style(border);
        let inner = block.inner(area);
        block.render(area, buf);
        let (x0, right) = (inner.x, inner.right());
        let title_style = if self.focused {
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
        if self.sidebar.rows.is_empty() {
            if area.height > 1 {
                let text = loading_text(self.loading);
                put_text(theme.layout, buf, x0, area.y + 1, right, &text, theme.hint);
            }
            return;
        }
        let sidebar = self.sidebar;
        let selected_row = sidebar
            .selected
            .and_then(|s| sidebar.entity_rows.get(s).copied());
        for (i, row) in sidebar
            .rows
            .iter()
            .enumerate()
            .skip(sidebar.scroll)
            .take(usize::from(area.height - 1))
        {
            let y = area.y + 1 + (i - sidebar.scroll) as u16;
            match row {
                SidebarRow::Group(kind, n) => {
                    let title = format!(" {} ({n})", kind_title(*kind));
                    put_text(theme.layout, buf, x0, y, right, &title, theme.heading);
                }
                SidebarRow::Entity(e) => {
                    let selected = selected_row == Some(i);
                    draw_entity_row(self.doc, buf, (x0, right, y), *e, selected, theme);
                }
            }
        }
    }
}

/// One entity of the sidebar: one-side mark, English label, Arabic label (laid out right to
/// left, right-aligned), mention count.
fn draw_entity_row(
    doc: &Document,
    buf: &mut Buffer,
    (x0, right, y): (u16, u16, u16),
    e: usize,
    selected: bool,
    theme: &Theme,
) {
    let Some(entity) = doc.entities.get(e) else {
        return;
    };
    let opts = theme.layout;
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    fill(buf, Rect::new(x0, y, right - x0, 1), base);
    // One side only is worth a mark where there are two sides.
    let (ar, en) = sides(&entity.mentions);
    let two_sided = ar && en;
    let one_sided = !two_sided && !doc.is_monolingual();
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

/// The status bar's two texts: where the reader is (file, pair, position, work in progress,
/// arrangement), and what it has to say (the query being typed, a message, the search, the
/// terminal's hint, the current pair's discrepancies, a warning).
fn status_texts(app: &mut App) -> (String, String) {
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
    } else if app.nav.top >= bottom {
        "100%".to_owned()
    } else {
        let total = app.view.row_of(bottom).max(1);
        format!("{}%", (app.view.row_of(app.nav.top) * 100 / total).min(99))
    };
    // While the rest is aligned, the count of pairs grows: `+`, and the progress.
    let more = if matches!(app.loading, Some(Loading::Aligning { .. })) {
        "+"
    } else {
        ""
    };
    let mut left = format!(
        " {name}  pair {}/{n}{more}  {pct}",
        (app.nav.current + 1).min(n)
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
            } else if let Some(s) = &app.highlights.search {
                format!("/\u{2068}{}\u{2069}  {}", s.query, s.counter())
            } else if let Some(h) = &app.terminal_hint {
                // All the Arabic is wrong until the terminal is set up: before the pair's notes.
                h.clone()
            } else if let Some(d) = app.discrepancy_text(app.nav.current) {
                format!("differs: {d}")
            } else if let Some(w) = app.doc.warnings.first() {
                // Things that may be wrong with the text (e.g. bidi overrides) stay in view.
                format!("warning: {w}")
            } else {
                String::new()
            }
        }
    };
    (left, sanitize(&right))
}

/// A one-row bar: its text from `indent` cells in, then (two cells after it) the text on its
/// right, in its style, on a row filled with it when `filled`. The status bar and the key
/// hints.
struct Bar<'a> {
    left: &'a str,
    right: &'a str,
    indent: u16,
    style: Style,
    filled: bool,
    layout: LayoutOptions,
}

impl Widget for Bar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (x0, y, right_edge) = (area.x + self.indent, area.y, area.right());
        if self.filled {
            fill(buf, area, self.style);
        }
        let used = put_text(self.layout, buf, x0, y, right_edge, self.left, self.style);
        if !self.right.is_empty() {
            let x = x0.saturating_add(used).saturating_add(2);
            put_text(self.layout, buf, x, y, right_edge, self.right, self.style);
        }
    }
}

/// The key hints: the main keys, the sidebar's while it has the focus, the search prompt's
/// while a query is typed.
fn hint_text(app: &App) -> String {
    let first = |a: Action| {
        app.keys_for(a)
            .first()
            .map_or_else(String::new, ToString::to_string)
    };
    if matches!(app.mode, Mode::SearchInput(_)) {
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
struct Help<'a> {
    /// (keys, what they do), in order.
    lines: Vec<(String, &'static str)>,
    /// Key of the entry column.
    key_w: usize,
    /// Cells of one entry: its keys, two spaces, what it does.
    entry_w: usize,
    /// Rows of entries (in as many columns as it takes).
    rows: usize,
    /// The box, centred on the screen (`None`: no room).
    area: Option<Rect>,
    /// Rows of entries scrolled past (at most what leaves the box full).
    scroll: usize,
    /// The keys that scroll down and up and go to the top, for the note on the border.
    keys: [String; 3],
    theme: &'a Theme,
}

impl<'a> Help<'a> {
    /// The help of `app` on `screen` (the whole terminal), scrolled by `scroll` rows at most.
    fn new(app: &App, screen: Rect, scroll: usize, theme: &'a Theme) -> Help<'a> {
        let (w, h) = (screen.width, screen.height);
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
        let area = (bw >= 3 && bh >= 3)
            .then(|| Rect::new(screen.x + (w - bw) / 2, screen.y + (h - bh) / 2, bw, bh));
        let shown = usize::from(bh.saturating_sub(2));
        let key = |a: Action| {
            app.keys_for(a)
                .first()
                .map_or_else(String::new, ToString::to_string)
        };
        Help {
            key_w,
            entry_w,
            rows,
            area,
            scroll: scroll.min(rows.saturating_sub(shown)),
            keys: [key(Action::LineDown), key(Action::LineUp), key(Action::Top)],
            lines,
            theme,
        }
    }
}

impl Widget for Help<'_> {
    fn render(self, _: Rect, buf: &mut Buffer) {
        let Some(area) = self.area.map(|a| a.intersection(buf.area)) else {
            return;
        };
        let theme = self.theme;
        Clear.render(area, buf);
        Block::bordered()
            .border_style(theme.border)
            .render(area, buf);
        let (x1, y1) = (area.right() - 1, area.bottom() - 1);
        let heading = theme.heading;
        let title = " Keys (Esc closes) ";
        put_text(theme.layout, buf, area.x + 2, area.y, x1, title, heading);
        let shown = usize::from(area.height - 2);
        let (rows, scroll) = (self.rows, self.scroll);
        for (i, (keys, what)) in self.lines.iter().enumerate() {
            let (col, row) = (i / rows, i % rows);
            if row < scroll || row >= scroll + shown {
                continue;
            }
            let y = area.y + 1 + (row - scroll) as u16;
            let x = area.x + 2 + (col * (self.entry_w + HELP_GAP)) as u16;
            put_text(theme.layout, buf, x, y, x1, keys, heading);
            let x = x + self.key_w as u16 + 2;
            put_text(theme.layout, buf, x, y, x1, what, Style::default());
        }
        // What lies beyond the box, on its bottom border.
        if rows > shown {
            let below = rows - scroll - shown;
            let [down, up, top] = &self.keys;
            let note = if below > 0 {
                format!(" ↓ {below} more ({down}/{up} scroll) ")
            } else {
                format!(" end ({top}: top) ")
            };
            let note = if scroll > 0 && below > 0 {
                format!(" ↑{}", note.trim_start())
            } else {
                note
            };
            put_text(theme.layout, buf, area.x + 2, y1, x1, &note, heading);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn doc() -> Document {
        crate::tui::testing::paired(
            &["قال الرئيس إن المدرسة جديدة"],
            &["The president said the school is new"],
        )
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

    /// The buffer with every style reset: its text only (the focus and heading attributes are
    /// left out of these comparisons).
    fn plain(buf: &Buffer) -> Buffer {
        let mut out = buf.clone();
        out.set_style(out.area, Style::reset());
        out
    }

    #[test]
    fn a_bar_writes_its_two_texts_and_cuts_the_second() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 1));
        let bar = |right| Bar {
            left: " a.txt  pair 1/3",
            right,
            indent: 0,
            style: Style::default(),
            filled: true,
            layout: LayoutOptions::default(),
        };
        bar("done").render(buf.area, &mut buf);
        assert_eq!(buf, Buffer::with_lines([" a.txt  pair 1/3  done  "]));
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 1));
        bar("a longer message").render(buf.area, &mut buf);
        assert_eq!(buf, Buffer::with_lines([" a.txt  pair 1/3  a…    "]));
    }

    fn entities_doc() -> Document {
        use crate::document::{Entity, EntityKind, Label, Mention};
        let mention = |lang, paragraph| Mention {
            lang,
            paragraph,
            start: 0,
            end: 3,
            text: String::new(),
            bytes: 0..3,
        };
        let mut d = doc();
        d.entities = vec![
            Entity {
                kind: EntityKind::Person,
                label: Label {
                    en: Some("Kim".into()),
                    ar: None,
                },
                mentions: vec![mention(Lang::En, 0), mention(Lang::Ar, 0)],
            },
            Entity {
                kind: EntityKind::Place,
                label: Label {
                    en: Some("Seoul".into()),
                    ar: None,
                },
                mentions: vec![mention(Lang::En, 0)],
            },
        ];
        d
    }

    #[test]
    fn the_sidebar_draws_its_border_on_the_texts_side() {
        let doc = entities_doc();
        let sidebar = Sidebar::new(&doc);
        let theme = Theme::default();
        let panel = |on_left| SidebarPanel {
            doc: &doc,
            sidebar: &sidebar,
            focused: false,
            loading: None,
            on_left,
            theme: &theme,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 6));
        panel(false).render(buf.area, &mut buf);
        assert_eq!(
            plain(&buf),
            Buffer::with_lines([
                "│ Entities      ",
                "│ People (1)    ",
                "│   Kim        2",
                "│ Places (1)    ",
                "│ ! Seoul      1",
                "│               ",
            ])
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 3));
        panel(true).render(buf.area, &mut buf);
        assert_eq!(
            plain(&buf),
            Buffer::with_lines([" Entities      │", " People (1)    │", "   Kim        2│"])
        );
    }

    #[test]
    fn an_empty_sidebar_says_what_the_background_is_doing() {
        let doc = doc();
        let sidebar = Sidebar::new(&doc);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 2));
        SidebarPanel {
            doc: &doc,
            sidebar: &sidebar,
            focused: true,
            loading: Some(Loading::Entities { done: 1, total: 4 }),
            on_left: false,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        assert_eq!(
            plain(&buf),
            Buffer::with_lines(["│ Entities              ", "│ finding entities… 25% ",])
        );
    }

    #[test]
    fn the_help_clears_a_bordered_box_in_the_middle() {
        let app = App::new(doc(), Config::default(), (200, 60));
        let theme = Theme::default();
        let screen = Rect::new(0, 0, 200, 60);
        let mut buf = Buffer::filled(screen, ratatui::buffer::Cell::new("x"));
        let help = Help::new(&app, screen, 0, &theme);
        let area = help.area.unwrap();
        help.render(screen, &mut buf);
        assert_eq!(
            (area.x + area.right(), area.y + area.bottom()),
            (200, 60),
            "centred"
        );
        let at = |x, y| buf[(x, y)].symbol().to_owned();
        assert_eq!(at(area.x, area.y), "┌");
        assert_eq!(at(area.right() - 1, area.bottom() - 1), "┘");
        assert_eq!(at(area.x, area.y + 1), "│");
        let title: String = (area.x + 2..area.x + 8).map(|x| at(x, area.y)).collect();
        assert_eq!(title, " Keys ");
        // Inside the box nothing of what was under it is left; outside, all of it is.
        for y in area.y + 1..area.bottom() - 1 {
            assert_ne!(at(area.x + 1, y), "x");
            assert_ne!(at(area.right() - 2, y), "x");
        }
        assert_eq!(at(area.x - 1, area.y), "x");
        assert_eq!(at(0, 0), "x");
    }

    #[test]
    fn the_text_columns_draw_each_language_in_its_column_with_the_markers() {
        let doc = crate::tui::testing::paired(
            &["السلام عليكم", "شكرا"],
            &["Peace be upon you", "Thanks", "One side only"],
        );
        let mut app = App::new(doc, Config::default(), (110, 8));
        let theme = Theme::new(&app);
        let area = app.areas().text;
        let mut buf = Buffer::empty(area);
        TextColumns {
            app: &mut app,
            theme: &theme,
        }
        .render(area, &mut buf);
        // The English column from the left edge, the Arabic one (shaped, laid out right to left)
        // on the right; the current pair's marker beside both columns of the first pair; a
        // blank row between pairs; a quiet `-` beside the empty Arabic side of the third pair.
        let width = usize::from(area.width);
        let row = |english: &str, marker: &str, arabic: &str| {
            let arabic_at = width - arabic.chars().count();
            format!("{english:<44}{marker:<w$}{arabic}", w = arabic_at - 44)
        };
        let expected = [
            row("▌Peace be upon you", "▌", "ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ"),
            String::new(),
            row(" Thanks", " ", "ﺍﺮﻜﺷ"),
            String::new(),
            row(" One side only", "-", ""),
            String::new(),
        ];
        let expected: Vec<String> = expected.iter().map(|l| format!("{l:<width$}")).collect();
        assert_eq!((area.x, area.y, area.height), (0, 0, 6));
        assert_eq!(plain(&buf), plain(&Buffer::with_lines(expected)));
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
