//! The engine's fused path for the common paragraph: prose in Arabic, Persian, Urdu or Latin with
//! digits, punctuation, spaces and harakat, and nothing that needs the general machinery (no
//! controls, tabs, joiners, bidi formatting characters, wide or zero-width base characters).
//!
//! It gives exactly the lines of the general path (tests compare the two on random text and on
//! every fixture), with less work: every character is classified once through one table, a
//! grapheme is a base character and the marks after it, every unit is one cell wide, the levels
//! are resolved over a compact array, joining is decided between neighbouring units as they are
//! made, and the emitted text of a unit (its shaped or mirrored base, then its marks) is produced
//! only when its line is written. A paragraph with any character outside the repertoire is left
//! to the general path, untouched.
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_bidi::BidiClass;
use unicode_linebreak::linebreaks;

use super::Direction;
use super::bidi::{LineClass, reset_line_levels, visual_order};
use super::chars::is_format;
use super::engine::Sink;
use super::fast::{Gcb, bmp_classes, bmp_width, gcb};
use super::levels::{
    bit, implicit_level, pair_brackets, resolve_brackets, resolve_neutrals, resolve_weak,
};
use super::shape::{self, LAM, flag, is_ligating_alef, joins_on_left, joins_on_right};

/// Bits of [`Props::bits`].
mod prop {
    /// The character is in the fast path's repertoire.
    pub const ELIGIBLE: u8 = 1;
    /// A mark (grapheme Extend, joining Transparent, bidi NSM, zero width): part of the unit of
    /// the base before it.
    pub const MARK: u8 = 2;
    /// Joins on its left side (joining type D, L or C).
    pub const JOINS_LEFT: u8 = 4;
    /// Joins on its right side (joining type D, R or C).
    pub const JOINS_RIGHT: u8 = 8;
    /// Has a joining type other than U (its shaping flags are meaningful).
    pub const JOINING: u8 = 16;
}

/// What the fast path knows of a BMP character.
#[derive(Clone, Copy)]
struct Props {
    class: BidiClass,
    bits: u8,
}

/// The properties of every BMP character, built on first use.
fn props() -> &'static [Props] {
    static TABLE: OnceLock<Box<[Props]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let classes = bmp_classes();
        (0u32..0x1_0000)
            .map(|code| {
                let class = classes.get(code as usize).copied().unwrap_or(BidiClass::L);
                let bits = char::from_u32(code).map_or(0, |c| bits_of(c, class));
                Props { class, bits }
            })
            .collect()
    })
}

/// The [`prop`] bits of `c`, whose bidi class is `class`.
fn bits_of(c: char, class: BidiClass) -> u8 {
    use unicode_joining_type::JoiningType as J;
    let t = shape::joining_type(c);
    let width = bmp_width(c);
    match gcb(c) {
        Some(Gcb::Extend)
            if t == J::Transparent
                && class == BidiClass::NSM
                && width == Some(0)
                && !is_format(c) =>
        {
            prop::ELIGIBLE | prop::MARK
        }
        Some(Gcb::Other) if t != J::Transparent && width == Some(1) => {
            let mut bits = prop::ELIGIBLE;
            if t != J::NonJoining {
                // Joining letters must resolve to an odd level in every paragraph without
                // explicit formatting (they are strong R), so that they join right to left.
                if !matches!(class, BidiClass::AL | BidiClass::R) {
                    return 0;
                }
                bits |= prop::JOINING;
            }
            if joins_on_left(t) {
                bits |= prop::JOINS_LEFT;
            }
            if joins_on_right(t) {
                bits |= prop::JOINS_RIGHT;
            }
            if class_needs_general_path(class) || !shown_forms_are_one_cell(c, bits) {
                return 0;
            }
            bits
        }
        _ => 0,
    }
}

/// Classes that the fast path's level resolution does not handle (rules X1–X10, paragraph
/// separators, segment separators, boundary neutrals).
fn class_needs_general_path(class: BidiClass) -> bool {
    use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S};
    matches!(
        class,
        B | BN | S | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
    )
}

/// Whether every character `c` may be drawn as (its presentation forms, its mirror image, the
/// lam-alef ligatures when it is a lam) is one cell wide.
fn shown_forms_are_one_cell(c: char, bits: u8) -> bool {
    let one = |x: char| bmp_width(x) == Some(1);
    let forms = bits & prop::JOINING == 0 || (0..4).all(|f| one(shape::form(c, f | flag::JOINING)));
    let mirror = unicode_bidi_mirroring::get_mirrored(c).is_none_or(one);
    let ligatures = c != LAM
        || ['\u{0622}', '\u{0623}', '\u{0625}', '\u{0627}']
            .iter()
            .all(|&a| {
                [false, true]
                    .iter()
                    .all(|&f| shape::lam_alef(a, f).is_none_or(one))
            });
    forms && mirror && ligatures
}

/// One character of the paragraph.
#[derive(Clone, Copy)]
struct Char {
    /// Byte offset in the paragraph.
    at: u32,
    c: char,
    class: BidiClass,
}

/// One unit: a base character with the marks after it, or a lam-alef ligature with the marks of
/// both letters. Always one cell wide.
#[derive(Clone, Copy)]
struct Unit {
    /// Source bytes: from the base to the next unit.
    start: u32,
    end: u32,
    /// The byte of the alef of a lam-alef ligature (0: not a ligature; a lam comes first).
    alef: u32,
    /// The base character as in the source.
    base: char,
    /// The lam-alef ligature drawn for a ligature unit.
    ligature: char,
    /// Its original bidi class (for mirroring and rule L1).
    class: BidiClass,
    /// Its resolved level.
    level: u8,
    /// Shaping flags ([`flag`]).
    flags: u8,
}

impl Unit {
    /// An unmarked U+0020: hangs at the end of a line.
    fn is_space(&self) -> bool {
        self.base == ' ' && self.end == self.start + 1
    }
}

/// Buffers of the fast path, reused across paragraphs on one thread.
#[derive(Default)]
pub(super) struct Simple {
    chars: Vec<Char>,
    levels: Vec<u8>,
    seq: Vec<(usize, BidiClass)>,
    brackets: Vec<(usize, usize)>,
    stack: Vec<(char, usize)>,
    units: Vec<Unit>,
    lines: Vec<Range<usize>>,
    line_levels: Vec<u8>,
    order: Vec<usize>,
    cell: String,
}

impl Simple {
    /// Lays out `text` (not empty) at paragraph level `para` into lines of at most `width` (≥ 1)
    /// cells, sending them to `sink`, when every character is in the repertoire. Returns false,
    /// having sent nothing, otherwise.
    pub(super) fn layout(
        &mut self,
        text: &str,
        para: u8,
        dir: Direction,
        width: usize,
        shaping: bool,
        sink: &mut impl Sink,
    ) -> bool {
        if u32::try_from(text.len()).is_err() || !self.classify(text) {
            return false;
        }
        self.resolve_levels(para);
        self.build_units(text, shaping);
        self.wrap(text, width);
        for k in 0..self.lines.len() {
            let range = self.lines[k].clone();
            self.emit_line(text, range, para, dir, width, sink);
        }
        self.release_excess();
        true
    }

    /// Gives back the memory of an unusually long paragraph.
    fn release_excess(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.chars.capacity() > KEEP {
            *self = Simple::default();
        }
    }

    /// Fills `self.chars`; false when a character is outside the repertoire or the paragraph
    /// starts with a mark (drawn on a dotted circle by the general path).
    fn classify(&mut self, text: &str) -> bool {
        let table = props();
        self.chars.clear();
        self.chars.reserve(text.len() / 2 + 1);
        for (i, c) in text.char_indices() {
            let Some(p) = table.get(u32::from(c) as usize) else {
                return false;
            };
            if p.bits & prop::ELIGIBLE == 0 {
                return false;
            }
            self.chars.push(Char {
                at: i as u32,
                c,
                class: p.class,
            });
        }
        self.chars
            .first()
            .is_some_and(|ch| props()[u32::from(ch.c) as usize].bits & prop::MARK == 0)
    }

    /// The level of every character into `self.levels` (rules W1–I2 on one isolating run
    /// sequence: the repertoire has no explicit formatting characters).
    fn resolve_levels(&mut self, para: u8) {
        self.levels.clear();
        let mut seen = 0u32;
        for ch in &self.chars {
            seen |= bit(ch.class);
        }
        let opposite = if para & 1 == 1 {
            bit(BidiClass::L) | bit(BidiClass::EN) | bit(BidiClass::AN)
        } else {
            bit(BidiClass::R) | bit(BidiClass::AL) | bit(BidiClass::AN)
        };
        if seen & opposite == 0 {
            // Nothing of the other direction and no numbers: everything at the paragraph level.
            self.levels.resize(self.chars.len(), para);
            return;
        }
        let embedding = if para & 1 == 1 {
            BidiClass::R
        } else {
            BidiClass::L
        };
        self.seq.clear();
        self.seq
            .extend(self.chars.iter().enumerate().map(|(k, ch)| (k, ch.class)));
        resolve_weak(&mut self.seq, embedding);
        let chars = &self.chars;
        pair_brackets(
            &self.seq,
            |k| chars.get(k).map(|ch| ch.c),
            &mut self.brackets,
            &mut self.stack,
        );
        resolve_brackets(
            &mut self.seq,
            &self.brackets,
            |k| chars.get(k).is_some_and(|ch| ch.class == BidiClass::NSM),
            embedding,
        );
        resolve_neutrals(&mut self.seq, embedding);
        self.levels
            .extend(self.seq.iter().map(|&(_, t)| implicit_level(para, t)));
    }

    /// Groups the characters into units and decides the joins between neighbouring units (the
    /// marks between them are transparent), forming the lam-alef ligatures.
    fn build_units(&mut self, text: &str, shaping: bool) {
        let table = props();
        self.units.clear();
        // Whether the base of the last unit joins on its left (for an alef that completed a
        // ligature: its own joining type, R, which does not).
        let mut last_joins_left = false;
        for (k, ch) in self.chars.iter().enumerate() {
            let bits = table[u32::from(ch.c) as usize].bits;
            if bits & prop::MARK != 0 {
                continue;
            }
            let mut flags = if shaping && bits & prop::JOINING != 0 {
                flag::JOINING
            } else {
                0
            };
            if shaping
                && last_joins_left
                && bits & prop::JOINS_RIGHT != 0
                && let Some(prev) = self.units.last_mut()
            {
                prev.flags |= flag::JOINED_LEFT;
                flags |= flag::JOINED_RIGHT;
                if prev.base == LAM && prev.alef == 0 && is_ligating_alef(ch.c) {
                    prev.flags |= flag::LIGATURE_LAM;
                    prev.alef = ch.at;
                    prev.ligature =
                        shape::lam_alef(ch.c, prev.flags & flag::JOINED_RIGHT != 0).unwrap_or(LAM);
                    last_joins_left = false;
                    continue;
                }
            }
            last_joins_left = bits & prop::JOINS_LEFT != 0;
            self.units.push(Unit {
                start: ch.at,
                end: 0,
                alef: 0,
                base: ch.c,
                ligature: ch.c,
                class: ch.class,
                level: self.levels.get(k).copied().unwrap_or(0),
                flags,
            });
        }
        // Each unit runs up to the next.
        let mut end = text.len() as u32;
        for u in self.units.iter_mut().rev() {
            u.end = end;
            end = u.start;
        }
    }

    /// Greedy logical wrapping at the UAX #14 opportunities of `text`, as the general path does
    /// it (every unit one cell wide; spaces hang).
    fn wrap(&mut self, text: &str, width: usize) {
        self.lines.clear();
        let units = &self.units;
        let n = units.len();
        let mut opportunities = linebreaks(text).map(|(b, _)| b).peekable();
        let mut line_start = 0;
        let mut col = 0usize;
        let mut last_opp: Option<usize> = None;
        let mut i = 0;
        while i < n {
            let at = units[i].start as usize;
            while opportunities.next_if(|&b| b < at).is_some() {}
            if i > line_start && opportunities.peek() == Some(&at) {
                last_opp = Some(i);
            }
            if units[i].is_space() {
                col += 1;
                i += 1;
                continue;
            }
            if col > 0 && col + 1 > width {
                let brk = match last_opp {
                    Some(k) if k > line_start => k,
                    _ => i,
                };
                self.lines.push(line_start..brk);
                line_start = brk;
                last_opp = None;
                col = i - brk;
                continue;
            }
            col += 1;
            i += 1;
        }
        if line_start < n || self.lines.is_empty() {
            self.lines.push(line_start..n);
        }
    }

    /// Reorders the units `range` (rules L1, L2) and sends them to `sink` as one line.
    fn emit_line(
        &mut self,
        text: &str,
        range: Range<usize>,
        para: u8,
        dir: Direction,
        width: usize,
        sink: &mut impl Sink,
    ) {
        let units = &self.units[range];
        let source = match (units.first(), units.last()) {
            (Some(f), Some(l)) => f.start as usize..l.end as usize,
            _ => 0..0,
        };
        // Spaces after the last drawn unit hang at the line end and are not drawn.
        let drawn_end = units
            .iter()
            .rposition(|u| !u.is_space())
            .map_or(0, |p| p + 1);
        if units.iter().all(|u| u.level == para) {
            self.order.clear();
            if para & 1 == 1 {
                self.order.extend((0..units.len()).rev());
            } else {
                self.order.extend(0..units.len());
            }
        } else {
            self.line_levels.clear();
            self.line_levels.extend(units.iter().map(|u| u.level));
            reset_line_levels(
                |k| LineClass::of(units[k].class),
                &mut self.line_levels,
                para,
            );
            visual_order(&self.line_levels, &mut self.order);
        }
        sink.start(source.clone(), source.len(), drawn_end);
        for &k in &self.order {
            let u = &units[k];
            if k >= drawn_end && u.is_space() {
                continue;
            }
            self.cell.clear();
            self.cell.push(shown(u));
            let start = u.start as usize + u.base.len_utf8();
            if u.alef == 0 {
                self.cell
                    .push_str(text.get(start..u.end as usize).unwrap_or_default());
            } else {
                // The lam's marks, then the alef's (the alef itself is in the ligature).
                let alef = u.alef as usize;
                self.cell
                    .push_str(text.get(start..alef).unwrap_or_default());
                let alef_end = alef
                    + text
                        .get(alef..)
                        .and_then(|s| s.chars().next())
                        .map_or(0, char::len_utf8);
                self.cell
                    .push_str(text.get(alef_end..u.end as usize).unwrap_or_default());
            }
            sink.cell(&self.cell, 1, u.start as usize..u.end as usize);
        }
        sink.end(dir, width);
    }
}

/// The character drawn for a unit's base: its lam-alef ligature, presentation form, or mirror
/// image (at an odd level), else itself.
fn shown(u: &Unit) -> char {
    if u.alef != 0 {
        u.ligature
    } else if u.flags & flag::JOINING != 0 {
        shape::form(u.base, u.flags)
    } else if u.level & 1 == 1 && u.class == BidiClass::ON {
        unicode_bidi_mirroring::get_mirrored(u.base).unwrap_or(u.base)
    } else {
        u.base
    }
}
