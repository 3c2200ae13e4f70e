//! Phase 2 of the layout for the common paragraph (the fused first stage): prose in Arabic,
//! Persian, Urdu or Latin with
//! digits, punctuation, spaces, harakat and non-joiners (ZWNJ, as Persian writes می‌خواهم), and
//! nothing that needs the general machinery (no controls, tabs, ZWJ, bidi formatting characters,
//! wide or zero-width base characters).
//!
//! It gives exactly the lines of the general path (tests compare the two on random text and on
//! every fixture), with less work: every character is classified once through one table, a
//! grapheme is a base character and the marks after it, every unit is one cell wide, the levels
//! are resolved over a compact array, joining is decided between neighbouring units as they are
//! made, and the emitted text of a unit (its shaped or mirrored base, then its marks) is produced
//! only when its line is written. A paragraph with any character outside the repertoire is left
//! to the general stage (`units`), untouched. Wrapping and emission are the shared phases
//! (`wrap`, `emit`); the fused stage finds break opportunities only where a line overflows.
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_bidi::BidiClass;

use super::bidi::LineClass;
use super::chars::{ZWNJ, is_format};
use super::emit::Draw;
use super::fast::{Gcb, bmp_classes, bmp_width, gcb};
use super::levels::{
    bit, implicit_level, pair_brackets, resolve_brackets, resolve_neutrals, resolve_weak,
};
use super::shape::{self, LAM, flag, is_ligating_alef, joins_on_left, joins_on_right};
use super::sink::Sink;
use super::wrap::{Kind, LineUnit};

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
    /// ZERO WIDTH NON-JOINER: part of the unit before it like a mark, but it breaks the join
    /// between its neighbours, is removed by rule X9 and is not drawn.
    pub const NON_JOINER: u8 = 32;
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
    if c == ZWNJ {
        return prop::ELIGIBLE | prop::MARK | prop::NON_JOINER;
    }
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

/// One unit: a base character with the marks after it, or a lam-alef ligature with the marks of
/// both letters. Always one cell wide.
#[derive(Clone, Copy)]
pub(super) struct Unit {
    /// Source bytes: from the base to the next unit.
    start: u32,
    end: u32,
    /// The byte of the alef of a lam-alef ligature (0: not a ligature; a lam comes first).
    alef: u32,
    /// The index of the base among the paragraph's characters.
    index: u32,
    /// The base character as in the source.
    base: char,
    /// The character drawn for the base: its lam-alef ligature, presentation form or mirror
    /// image, else the base itself.
    shown: char,
    /// Its original bidi class (for mirroring and rule L1).
    class: BidiClass,
    /// Its resolved level.
    level: u8,
    /// Shaping flags ([`flag`]).
    flags: u8,
    /// A U+0020 without marks (non-joiners aside): it hangs at the end of a line.
    space: bool,
}

impl LineUnit for Unit {
    #[inline]
    fn start(&self) -> usize {
        self.start as usize
    }
    #[inline]
    fn end(&self) -> usize {
        self.end as usize
    }
    #[inline]
    fn kind(&self) -> Kind {
        if self.space { Kind::Space } else { Kind::Text }
    }
    #[inline]
    fn width(&self) -> u16 {
        1
    }
    fn set_tab_width(&mut self, _width: u16) {
        // No tabs in the repertoire.
    }
    #[inline]
    fn level(&self) -> u8 {
        self.level
    }
    #[inline]
    fn line_class(&self) -> LineClass {
        LineClass::of(self.class)
    }
}

impl Draw for Unit {
    /// The paragraph's source: a unit's marks are drawn as they are written.
    type Text = str;
    const ONE_CELL_TEXT: bool = true;

    #[inline]
    fn draw(&self, text: &str, sink: &mut impl Sink) {
        emit_unit(text, self, sink);
    }

    fn line_hint(_units: &[Self], source: &Range<usize>, drawn: usize) -> (usize, Option<usize>) {
        // Shaped Arabic letters take 3 bytes where the source takes 2 (Latin text takes 1);
        // every drawn unit is one cell.
        (source.len() + source.len() / 2, Some(drawn))
    }
}

/// The fused stage's buffers, reused across paragraphs on one thread.
#[derive(Default)]
pub(super) struct Fused {
    /// Every character as (byte, bidi class), then its resolved type.
    seq: Vec<(u32, BidiClass)>,
    brackets: Vec<(usize, usize)>,
    stack: Vec<(char, usize)>,
    /// The units of the paragraph, in logical order.
    pub(super) units: Vec<Unit>,
    /// The units whose base is of class ON (mirrored at odd levels).
    mirrorable: Vec<usize>,
}

impl Fused {
    /// Cuts `text` (not empty) into units with their levels at paragraph level `para`, when
    /// every character is in the repertoire. Returns false otherwise (the general stage's
    /// text).
    pub(super) fn build(&mut self, text: &str, para: u8, shaping: bool) -> bool {
        if u32::try_from(text.len()).is_err() {
            return false;
        }
        let Some(seen) = self.scan(text, shaping) else {
            return false;
        };
        self.resolve_levels(text, para, seen);
        true
    }

    /// Gives back the memory of an unusually long paragraph.
    pub(super) fn release_excess(&mut self, keep: usize) {
        if self.seq.capacity() > keep {
            *self = Fused::default();
        }
    }

    /// One pass over the characters: classifies each (into `self.seq`), groups them into units
    /// and decides the joins between neighbouring units (the marks between them are
    /// transparent), forming the lam-alef ligatures. Returns the set of bidi classes seen, or
    /// `None` when a character is outside the repertoire or the paragraph starts with a mark
    /// (the general path draws it on a dotted circle).
    fn scan(&mut self, text: &str, shaping: bool) -> Option<u32> {
        let table = props();
        self.seq.clear();
        self.units.clear();
        self.mirrorable.clear();
        let mut seen = 0u32;
        // Whether the base of the last unit joins on its left (for an alef that completed a
        // ligature: its own joining type, R, which does not).
        let mut last_joins_left = false;
        for (i, c) in text.char_indices() {
            let p = table.get(u32::from(c) as usize)?;
            if p.bits & prop::ELIGIBLE == 0 {
                return None;
            }
            if p.bits & prop::MARK != 0 {
                if self.units.is_empty() {
                    return None;
                }
                if p.bits & prop::NON_JOINER != 0 {
                    // Removed by X9: no part in the levels.
                    last_joins_left = false;
                    continue;
                }
                self.seq.push((i as u32, p.class));
                seen |= bit(p.class);
                continue;
            }
            let index = self.seq.len() as u32;
            self.seq.push((i as u32, p.class));
            seen |= bit(p.class);
            let mut flags = if shaping && p.bits & prop::JOINING != 0 {
                flag::JOINING
            } else {
                0
            };
            if shaping
                && last_joins_left
                && p.bits & prop::JOINS_RIGHT != 0
                && let Some(prev) = self.units.last_mut()
            {
                prev.flags |= flag::JOINED_LEFT;
                flags |= flag::JOINED_RIGHT;
                if prev.base == LAM && prev.alef == 0 && is_ligating_alef(c) {
                    prev.flags |= flag::LIGATURE_LAM;
                    prev.alef = i as u32;
                    prev.shown =
                        shape::lam_alef(c, prev.flags & flag::JOINED_RIGHT != 0).unwrap_or(LAM);
                    last_joins_left = false;
                    continue;
                }
            }
            last_joins_left = p.bits & prop::JOINS_LEFT != 0;
            if p.class == BidiClass::ON {
                self.mirrorable.push(self.units.len());
            }
            self.units.push(Unit {
                start: i as u32,
                end: 0,
                alef: 0,
                index,
                base: c,
                shown: c,
                class: p.class,
                level: 0,
                flags,
                space: false,
            });
        }
        // Each unit runs up to the next; its joins are known, so is its form.
        let mut end = text.len() as u32;
        for u in self.units.iter_mut().rev() {
            u.end = end;
            end = u.start;
            u.space = u.base == ' '
                && (u.end == u.start + 1
                    || text
                        .get(u.start as usize + 1..u.end as usize)
                        .is_some_and(|marks| marks.chars().all(|c| c == ZWNJ)));
            if u.alef == 0 && u.flags & flag::JOINING != 0 {
                u.shown = shape::form(u.base, u.flags);
            }
        }
        Some(seen)
    }

    /// The level of every unit (rules W1–I2 on one isolating run sequence: the repertoire has
    /// no explicit formatting characters), given the set of classes `seen`.
    fn resolve_levels(&mut self, text: &str, para: u8, seen: u32) {
        let opposite = if para & 1 == 1 {
            bit(BidiClass::L) | bit(BidiClass::EN) | bit(BidiClass::AN)
        } else {
            bit(BidiClass::R) | bit(BidiClass::AL) | bit(BidiClass::AN)
        };
        if seen & opposite == 0 {
            // Nothing of the other direction and no numbers: everything at the paragraph level.
            for u in &mut self.units {
                u.level = para;
            }
            self.mirror();
            return;
        }
        let embedding = if para & 1 == 1 {
            BidiClass::R
        } else {
            BidiClass::L
        };
        resolve_weak(&mut self.seq, embedding);
        let char_at = |i: u32| text.get(i as usize..).and_then(|s| s.chars().next());
        pair_brackets(&self.seq, char_at, &mut self.brackets, &mut self.stack);
        let is_nsm = |i: u32| {
            char_at(i).is_some_and(|c| {
                props()
                    .get(u32::from(c) as usize)
                    .is_some_and(|p| p.class == BidiClass::NSM)
            })
        };
        resolve_brackets(&mut self.seq, &self.brackets, is_nsm, embedding);
        resolve_neutrals(&mut self.seq, embedding);
        for u in &mut self.units {
            let t = self
                .seq
                .get(u.index as usize)
                .map_or(BidiClass::ON, |&(_, t)| t);
            u.level = implicit_level(para, t);
        }
        self.mirror();
    }

    /// Rule L4: the units of class ON at odd levels show their mirror image.
    fn mirror(&mut self) {
        for &k in &self.mirrorable {
            if let Some(u) = self.units.get_mut(k)
                && u.level & 1 == 1
            {
                u.shown = unicode_bidi_mirroring::get_mirrored(u.base).unwrap_or(u.base);
            }
        }
    }
}

/// Sends one unit to `sink` as a cell: its shown base, then its marks.
#[inline]
fn emit_unit(text: &str, u: &Unit, sink: &mut impl Sink) {
    let after_base = u.start + u.base.len_utf8() as u32;
    if u.alef == 0 && after_base == u.end {
        // No marks: most units.
        sink.glyph(u.shown, u.start as usize..u.end as usize);
    } else {
        emit_marked_unit(text, u, after_base as usize, sink);
    }
}

/// The drawn pieces of a unit's marks: non-joiners are not drawn.
fn drawn(marks: &str) -> std::str::Split<'_, char> {
    marks.split(ZWNJ)
}

/// [`emit_unit`] for a unit with marks, or a lam-alef ligature. Non-joiners are not drawn.
#[inline(never)]
fn emit_marked_unit(text: &str, u: &Unit, after_base: usize, sink: &mut impl Sink) {
    let src = u.start as usize..u.end as usize;
    if u.alef == 0 {
        let marks = text.get(after_base..src.end).unwrap_or_default();
        sink.cluster(u.shown, drawn(marks), src);
    } else {
        // The lam's marks, then the alef's (the alef itself is in the ligature).
        let alef = u.alef as usize;
        let alef_end = alef
            + text
                .get(alef..)
                .and_then(|s| s.chars().next())
                .map_or(0, char::len_utf8);
        let lam_marks = text.get(after_base..alef).unwrap_or_default();
        let alef_marks = text.get(alef_end..src.end).unwrap_or_default();
        sink.cluster(u.shown, drawn(lam_marks).chain(drawn(alef_marks)), src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn takes(text: &str) -> bool {
        Fused::default().build(text, 1, true)
    }

    #[test]
    fn ordinary_prose_takes_the_fused_path() {
        for text in [
            "وقّع وزير الطاقة الأردني اتفاقاً بكلفة 237 مليون دولار (نحو 3.5%) في حزيران/يونيو 2033.",
            "قال «الرئيس» إن شركة Tesla Inc. ستفتتح مصنعاً — ربما — في عام ٢٠٢٥م؛ أليس كذلك؟",
            "می\u{200C}خواهم و نمی\u{200C}دانم",
            "پژوهشگران گفتند: «این کتاب» ۱۴۰۲",
            "اردو میں ٹیکسٹ، ں اور ے کے ساتھ",
            "لَا إِلٰهَ ﻻ ﷲ ـــ",
            "Plain English, with \"quotes\", [brackets] and 12,5 €.",
        ] {
            assert!(takes(text), "{text:?}");
        }
    }

    #[test]
    fn anything_else_takes_the_general_path() {
        for text in [
            "\u{064E}بدأت بحركة",
            "كلمة\tبعد جدولة",
            "\u{200C}می",
            "ب\u{200D}",
            "قال \u{2067}abc\u{2069} ثم",
            "علامة\u{200F} اتجاه",
            "soft\u{00AD}hyphen",
            "e\u{0301}",
            "中文",
            "😀",
            "\u{0600}١",
            "ctrl\u{1B}",
        ] {
            assert!(!takes(text), "{text:?}");
        }
    }

    #[test]
    fn every_character_of_the_repertoire_is_one_cell_or_a_mark() {
        for code in 0u32..0x1_0000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let p = props()[code as usize];
            if p.bits & prop::ELIGIBLE == 0 {
                continue;
            }
            if p.bits & prop::NON_JOINER != 0 {
                assert_eq!(c, ZWNJ);
            } else if p.bits & prop::MARK != 0 {
                assert_eq!(bmp_width(c), Some(0), "{code:X}");
                assert_eq!(p.class, BidiClass::NSM, "{code:X}");
            } else {
                assert_eq!(bmp_width(c), Some(1), "{code:X}");
                assert!(!class_needs_general_path(p.class), "{code:X}");
            }
        }
    }
}
