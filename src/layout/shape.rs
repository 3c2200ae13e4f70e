//! Arabic shaping in logical order: cursive joining (Unicode chapter 9.2, with transparent marks,
//! ZWJ and ZWNJ), presentation forms, and the mandatory lam-alef ligatures.
//!
//! The joining types come from `unicode-joining-type`; the presentation forms from a table
//! generated from the Unicode Character Database (`forms_table.rs`).
//!
//! Pure: no terminal, no I/O.

use super::forms_table::{FORMS, LAM_ALEF};
use unicode_joining_type::{JoiningType, get_joining_type};

/// Per-byte shaping flags, set on the first byte of a character. Joins are recorded by the side
/// of the glyph they connect on screen, which is what picks the presentation form.
pub(super) mod flag {
    /// The glyph connects to its neighbour on the right.
    pub const JOINED_RIGHT: u8 = 1;
    /// The glyph connects to its neighbour on the left.
    pub const JOINED_LEFT: u8 = 2;
    /// A lam that forms a mandatory ligature with the alef after it.
    pub const LIGATURE_LAM: u8 = 4;
    /// An alef consumed by the lam-alef ligature before it: emit nothing for it.
    pub const LIGATURE_ALEF: u8 = 8;
    /// A character that has joining behaviour (so its flags are meaningful).
    pub const JOINING: u8 = 16;
}

/// ARABIC LETTER LAM.
pub(super) const LAM: char = '\u{0644}';

/// Can a glyph of this joining type connect on its left side?
pub(super) fn joins_on_left(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::JoinCausing
    )
}

/// Can a glyph of this joining type connect on its right side?
pub(super) fn joins_on_right(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::RightJoining | JoiningType::JoinCausing
    )
}

/// True for characters that are transparent to joining (marks, most format controls).
pub(super) fn is_transparent(c: char) -> bool {
    joining_type(c) == JoiningType::Transparent
}

/// True for the alefs that form a mandatory ligature after lam.
pub(super) fn is_ligating_alef(c: char) -> bool {
    matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}')
}

/// True when `text` may hold a character with cursive joining behaviour (Arabic, Syriac, N'Ko,
/// Mongolian, …, or ZWJ): every such character is encoded at or above U+0600, whose UTF-8 lead
/// bytes are 0xD8 and up. A cheap pre-check that lets Latin text skip the joining pass.
pub(super) fn may_join(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD8)
}

/// Computes joining flags for every character of `text` into `flags` (one entry per byte; only
/// first bytes of characters are written).
///
/// `level_at(byte)` gives the resolved embedding level, or `None` for characters removed by rule
/// X9 (embedding controls, boundary neutrals such as ZWJ), which never separate anything.
/// Characters join only within one level: any other character at a different level, even a
/// transparent one such as an LRM inside an RTL word, breaks the join (as in `FriBidi`). The join is
/// decided by screen sides: at an odd (RTL) level the logically next letter sits on the left, at
/// an even level (Arabic under an LTR override) on the right, so there a right-joining letter such
/// as alef cannot join the letter before it. This is what `FriBidi` does, and it is the only choice
/// that connects the glyphs as they are drawn.
///
/// `is_format(c)` tells which transparent characters are format controls rather than marks: a
/// lam-alef ligature forms across marks (harakat) but not across format controls.
pub(super) fn join(
    text: &str,
    level_at: impl Fn(usize) -> Option<u8>,
    is_format: impl Fn(char) -> bool,
    flags: &mut Vec<u8>,
) {
    flags.clear();
    flags.resize(text.len(), 0);
    // The previous non-transparent character: (byte, joining type, level, char).
    let mut prev: Option<(usize, JoiningType, Option<u8>, char)> = None;
    // Whether a format control sits between `prev` and the current character.
    let mut format_between = false;
    let same = |a: Option<u8>, b: Option<u8>| a.is_none() || b.is_none() || a == b;
    let table = arabic_joining();
    for (i, c) in text.char_indices() {
        let t = joining_type_in(table, c);
        let level = level_at(i);
        if t == JoiningType::Transparent {
            if is_format(c) {
                format_between = true;
            }
            if prev.is_some_and(|(_, _, plevel, _)| !same(plevel, level)) {
                prev = None;
            }
            continue;
        }
        if t != JoiningType::NonJoining {
            flags[i] |= flag::JOINING;
        }
        if let Some((p, pt, plevel, pc)) = prev
            && same(plevel, level)
        {
            // The level that decides the sides: the letters' own (a removed character has none).
            let rtl = level.or(plevel).unwrap_or(1) & 1 == 1;
            let joined = if rtl {
                joins_on_left(pt) && joins_on_right(t)
            } else {
                joins_on_right(pt) && joins_on_left(t)
            };
            if joined {
                let (p_side, side) = if rtl {
                    (flag::JOINED_LEFT, flag::JOINED_RIGHT)
                } else {
                    (flag::JOINED_RIGHT, flag::JOINED_LEFT)
                };
                flags[p] |= p_side;
                flags[i] |= side;
                if rtl && pc == LAM && is_ligating_alef(c) && !format_between {
                    flags[p] |= flag::LIGATURE_LAM;
                    flags[i] |= flag::LIGATURE_ALEF;
                }
            }
        }
        prev = Some((i, t, level, c));
        format_between = false;
    }
}

/// The presentation form of `c` for its joining flags, or `c` itself when it has no such form.
#[inline]
pub(super) fn form(c: char, flags: u8) -> char {
    let slot = match (
        flags & flag::JOINED_RIGHT != 0,
        flags & flag::JOINED_LEFT != 0,
    ) {
        (false, false) => 0, // isolated
        (true, false) => 1,  // final
        (false, true) => 2,  // initial
        (true, true) => 3,   // medial
    };
    let code = u32::from(c);
    // By reference: copying the four forms out to pick one costs a store-forwarding stall.
    let forms: &[u32; 4] = if (0x0600..0x0700).contains(&code) {
        &ARABIC_FORMS[(code - 0x0600) as usize]
    } else {
        match FORMS.binary_search_by_key(&code, |&(base, _)| base) {
            Ok(k) => &FORMS[k].1,
            Err(_) => return c,
        }
    };
    char::from_u32(forms[slot])
        .filter(|&f| f != '\0')
        .unwrap_or(c)
}

/// The forms of the Arabic block U+0600–U+06FF, indexed directly (the hot case).
static ARABIC_FORMS: [[u32; 4]; 256] = arabic_forms();

const fn arabic_forms() -> [[u32; 4]; 256] {
    let mut table = [[0; 4]; 256];
    let mut k = 0;
    while k < FORMS.len() {
        let (base, forms) = FORMS[k];
        if base >= 0x0600 && base < 0x0700 {
            table[(base - 0x0600) as usize] = forms;
        }
        k += 1;
    }
    table
}

/// Joining type with a direct table for the Arabic block.
pub(super) fn joining_type(c: char) -> JoiningType {
    joining_type_in(arabic_joining(), c)
}

/// Joining type, given the Arabic block's table (fetched once per paragraph by the hot loop).
fn joining_type_in(table: &[JoiningType], c: char) -> JoiningType {
    let code = u32::from(c);
    if code < 0x80 {
        JoiningType::NonJoining // ASCII: no letter joins, no control is transparent
    } else if (0x0600..0x0700).contains(&code) {
        table
            .get((code - 0x0600) as usize)
            .copied()
            .unwrap_or_else(|| get_joining_type(c))
    } else {
        get_joining_type(c)
    }
}

fn arabic_joining() -> &'static [JoiningType] {
    ARABIC_JOINING.get_or_init(|| {
        (0x0600u32..0x0700)
            .map(|k| char::from_u32(k).map_or(JoiningType::NonJoining, get_joining_type))
            .collect()
    })
}

static ARABIC_JOINING: std::sync::OnceLock<Box<[JoiningType]>> = std::sync::OnceLock::new();

/// The lam-alef ligature for `alef` after a lam that does (`final_form`) or does not join the
/// letter before it (on its right).
pub(super) fn lam_alef(alef: char, final_form: bool) -> Option<char> {
    let code = u32::from(alef);
    LAM_ALEF
        .binary_search_by_key(&code, |&(a, _)| a)
        .ok()
        .and_then(|k| char::from_u32(LAM_ALEF[k].1[usize::from(final_form)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &str) -> String {
        let mut flags = Vec::new();
        join(
            text,
            |_| Some(1),
            |c| c == '\u{200C}' || c == '\u{200D}',
            &mut flags,
        );
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            let f = flags[i];
            if f & flag::LIGATURE_ALEF != 0 {
                continue;
            }
            if f & flag::LIGATURE_LAM != 0 {
                let alef = text
                    .get(i + c.len_utf8()..)
                    .and_then(|rest| rest.chars().find(|&a| is_ligating_alef(a)))
                    .unwrap();
                out.push(lam_alef(alef, f & flag::JOINED_RIGHT != 0).unwrap());
            } else if f & flag::JOINING != 0 {
                out.push(form(c, f));
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn fast_tables_agree_with_the_sources() {
        for code in 0u32..0x1_0000 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(joining_type(c), get_joining_type(c), "{code:X}");
                for flags in [0, flag::JOINED_RIGHT, flag::JOINED_LEFT, 3] {
                    let slow = FORMS
                        .binary_search_by_key(&code, |&(base, _)| base)
                        .ok()
                        .and_then(|k| char::from_u32(FORMS[k].1[usize::from(flags)]))
                        .filter(|&f| f != '\0')
                        .unwrap_or(c);
                    assert_eq!(form(c, flags), slow, "{code:X}");
                }
            }
        }
    }

    #[test]
    fn four_forms_of_beh() {
        // isolated, initial+final, initial+medial+final
        assert_eq!(shaped("ب"), "\u{FE8F}");
        assert_eq!(shaped("بب"), "\u{FE91}\u{FE90}");
        assert_eq!(shaped("ببب"), "\u{FE91}\u{FE92}\u{FE90}");
    }

    #[test]
    fn right_joining_letters_break_the_chain() {
        // دبد: dal joins nothing after it, so beh starts a new join.
        assert_eq!(shaped("دبد"), "\u{FEA9}\u{FE91}\u{FEAA}");
    }

    #[test]
    fn harakat_are_transparent() {
        // بَب: the fatha does not break the join.
        assert_eq!(shaped("بَب"), "\u{FE91}\u{064E}\u{FE90}");
    }

    #[test]
    fn zwnj_breaks_and_zwj_forces_a_join() {
        assert_eq!(shaped("ب\u{200C}ب"), "\u{FE8F}\u{200C}\u{FE8F}");
        assert_eq!(shaped("ب\u{200D}"), "\u{FE91}\u{200D}");
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(shaped("لا"), "\u{FEFB}");
        assert_eq!(shaped("سلا"), "\u{FEB3}\u{FEFC}");
        assert_eq!(shaped("لأ"), "\u{FEF7}");
        assert_eq!(shaped("لإ"), "\u{FEF9}");
        assert_eq!(shaped("لآ"), "\u{FEF5}");
        // Across a haraka (where FriBidi does not ligate; see docs/bidi.md).
        assert_eq!(shaped("لَا"), "\u{FEFB}\u{064E}");
        // Not across ZWJ: lam joins the ZWJ, the alef joins it too.
        assert_eq!(shaped("ل\u{200D}ا"), "\u{FEDF}\u{200D}\u{FE8E}");
        // الله stays four letters: no Allah ligature.
        assert_eq!(shaped("الله"), "\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA}");
    }

    #[test]
    fn persian_and_urdu_letters() {
        // پژوهش
        assert_eq!(shaped("پژ"), "\u{FB58}\u{FB8B}");
        // ٹیم: tteh initial, farsi yeh medial, meem final
        assert_eq!(shaped("ٹیم"), "\u{FB68}\u{FBFF}\u{FEE2}");
        // ے alone, ں alone
        assert_eq!(shaped("ے"), "\u{FBAE}");
        assert_eq!(shaped("ں"), "\u{FB9E}");
    }

    #[test]
    fn tatweel_joins_both_sides() {
        // كـتـاب
        assert_eq!(
            shaped("كـتـاب"),
            "\u{FEDB}\u{0640}\u{FE98}\u{0640}\u{FE8E}\u{FE8F}"
        );
    }

    #[test]
    fn under_an_ltr_override_letters_join_by_screen_side() {
        let mut flags = Vec::new();
        // بب at an even level: the first beh is on the left, so it connects on its right.
        join("بب", |_| Some(2), |_| false, &mut flags);
        assert_eq!(form('ب', flags[0]), '\u{FE90}');
        assert_eq!(form('ب', flags[2]), '\u{FE91}');
        // لا at an even level: the alef cannot connect on its left, so no join, no ligature.
        join("لا", |_| Some(2), |_| false, &mut flags);
        assert_eq!(flags[0] & (flag::LIGATURE_LAM | flag::JOINED_RIGHT), 0);
        assert_eq!(form('ا', flags[2]), '\u{FE8D}');
    }

    #[test]
    fn letters_without_forms_stay_but_still_join() {
        // U+0763 has no presentation forms; its neighbours still take joined forms.
        assert_eq!(shaped("ب\u{0763}ب"), "\u{FE91}\u{0763}\u{FE90}");
    }
}
