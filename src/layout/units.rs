//! Phase 2 of the layout for any text (the general first stage): the paragraph's bidi levels
//! are resolved (`levels`), Arabic is shaped (`shape`), and the text is cut into units, one a
//! grapheme cluster (or a lam-alef ligature of two), each with its emitted text (shaped,
//! mirrored at odd levels, controls made visible) and its width. Wrapping and emission are the
//! shared phases (`wrap`, `emit`).
//!
//! Buffers are reused between paragraphs, so the hot path does not allocate per character.
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;

use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::LayoutOptions;
use super::bidi::LineClass;
use super::chars::{
    DOTTED_CIRCLE, ZWJ, ZWNJ, bidi_control_symbol, control_picture, is_format, is_hard_break,
};
use super::emit::Draw;
use super::fast;
use super::levels::ParagraphLevels;
use super::shape::{self, flag};
use super::sink::Sink;
use super::wrap::{Kind, LineUnit, list_breaks};

/// One unit of layout: a grapheme cluster of the source, or a lam-alef ligature spanning two.
#[derive(Debug, Clone)]
pub(super) struct Unit {
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

/// The general first stage's buffers, reused across paragraphs on one thread.
#[derive(Default)]
pub(super) struct General {
    bidi: ParagraphLevels,
    /// The units of the paragraph, in logical order.
    pub(super) units: Vec<Unit>,
    /// Their emitted texts, one after another.
    pub(super) out: String,
    join_flags: Vec<u8>,
    /// The paragraph's break opportunities.
    pub(super) breaks: Vec<usize>,
}

impl LineUnit for Unit {
    #[inline]
    fn start(&self) -> usize {
        self.src.start
    }
    #[inline]
    fn end(&self) -> usize {
        self.src.end
    }
    #[inline]
    fn kind(&self) -> Kind {
        self.kind
    }
    #[inline]
    fn width(&self) -> u16 {
        self.width
    }
    fn set_tab_width(&mut self, width: u16) {
        self.width = width;
    }
    #[inline]
    fn level(&self) -> u8 {
        self.level
    }
    #[inline]
    fn line_class(&self) -> LineClass {
        self.line_class
    }
}

impl Draw for Unit {
    /// The stage's emitted text ([`General::out`]).
    type Text = str;
    const ONE_CELL_TEXT: bool = false;

    #[inline]
    fn draw(&self, out: &str, sink: &mut impl Sink) {
        let shown = out.get(self.out.clone()).unwrap_or_default();
        sink.cell(shown, self.width as u8, self.src.clone());
    }

    fn line_hint(units: &[Self], _source: &Range<usize>, _drawn: usize) -> (usize, Option<usize>) {
        // The units' emitted texts lie one after another.
        let bytes = match (units.first(), units.last()) {
            (Some(f), Some(l)) => l.out.end.saturating_sub(f.out.start),
            _ => 0,
        };
        (bytes, None)
    }
}

impl General {
    /// Resolves the levels of `text` (not empty) at paragraph level `para`, cuts it into units
    /// and lists its break opportunities.
    pub(super) fn build(&mut self, text: &str, para: u8, opts: LayoutOptions) {
        self.bidi.resolve(text, para);
        self.build_units(text, opts);
        list_breaks(text, &mut self.breaks);
    }

    /// Gives back memory after an unusually long paragraph, so that one 20 MB paragraph does not
    /// keep hundreds of megabytes of scratch alive for the rest of the session. Ordinary
    /// paragraphs stay far below the limit and reuse their buffers.
    pub(super) fn release_excess(&mut self, keep: usize) {
        if self.units.capacity() > keep {
            self.units.clear();
            self.units.shrink_to(keep);
            self.out.clear();
            self.out.shrink_to(keep);
            self.join_flags.clear();
            self.join_flags.shrink_to(keep);
            self.breaks.clear();
            self.breaks.shrink_to(keep);
            self.bidi.release_excess(keep);
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
        // Measured as a string, prefix by prefix: a variation selector can widen the character
        // before it (`❤` is one cell, `❤\u{FE0F}` two), which a sum of char widths misses.
        let shown = self.out.get(out_start..).unwrap_or_default();
        let mut cut = self.out.len();
        for (k, c) in shown.char_indices() {
            let prefix = shown.get(..k + c.len_utf8()).unwrap_or_default();
            if prefix.width() > 2 {
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
    fn a_cluster_widened_by_a_variation_selector_is_cut_to_two_cells() {
        // A prepended concatenation mark before an emoji-presentation heart: three cells as
        // unicode-width measures the string, though its chars add up to two.
        for text in ["\u{600}\u{2764}\u{FE0F}", "\u{600}\u{2764}\u{FE0F}x"] {
            let lines = crate::layout::layout_paragraph_general(
                text,
                crate::layout::Direction::Ltr,
                2,
                &crate::layout::LayoutOptions::default(),
            );
            for line in &lines {
                for cell in &line.cells {
                    assert_eq!(
                        line.cell_text(cell).width(),
                        usize::from(cell.width),
                        "{text:?}"
                    );
                }
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
