//! Arabic shaping in logical order: cursive joining (Unicode chapter 9.2, with transparent marks,
//! ZWJ and ZWNJ), presentation forms, and the mandatory lam-alef ligatures.
//!
//! The joining types come from `unicode-joining-type`; the presentation forms from a table
//! generated from the Unicode Character Database (`forms_table.rs`).
//!
//! Pure: no terminal, no I/O.

use super::forms_table::{FORMS, LAM_ALEF};
use unicode_joining_type::{JoiningType, get_joining_type};

/// Per-byte shaping flags, set on the first byte of a character.
pub(super) mod flag {
    /// The character joins the character before it (logically), so it is on its right on screen.
    pub const JOINS_PREV: u8 = 1;
    /// The character joins the character after it.
    pub const JOINS_NEXT: u8 = 2;
    /// A lam that forms a mandatory ligature with the alef after it.
    pub const LIGATURE_LAM: u8 = 4;
    /// An alef consumed by the lam-alef ligature before it: emit nothing for it.
    pub const LIGATURE_ALEF: u8 = 8;
    /// A character that has joining behaviour (so its flags are meaningful).
    pub const JOINING: u8 = 16;
}

/// ARABIC LETTER LAM.
const LAM: char = '\u{0644}';

/// Can a character of this joining type connect to the character after it?
fn joins_forward(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::JoinCausing
    )
}

/// Can a character of this joining type connect to the character before it?
fn joins_backward(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::RightJoining | JoiningType::JoinCausing
    )
}

/// True for characters that are transparent to joining (marks, most format controls).
pub(super) fn is_transparent(c: char) -> bool {
    get_joining_type(c) == JoiningType::Transparent
}

/// True for the alefs that form a mandatory ligature after lam.
fn is_ligating_alef(c: char) -> bool {
    matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}')
}

/// True when `text` may hold a character with cursive joining behaviour (Arabic, Syriac, N'Ko,
/// Mongolian, …, or ZWJ): every such character is encoded at or above U+0600, whose UTF-8 lead
/// bytes are 0xD8 and up. A cheap pre-check that lets Latin text skip the joining pass.
pub(super) fn may_join(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD8)
}

/// Computes joining flags for every character of `text` into `flags` (one entry per byte; only
/// first bytes of characters are written). `level_at(byte)` gives the resolved embedding level:
/// characters join only within one level, so text in an embedded run never joins across its
/// boundary. `is_format(c)` tells which transparent characters are format controls rather than
/// marks: a lam-alef ligature forms across marks (harakat) but not across format controls.
pub(super) fn join(
    text: &str,
    level_at: impl Fn(usize) -> u8,
    is_format: impl Fn(char) -> bool,
    flags: &mut Vec<u8>,
) {
    flags.clear();
    flags.resize(text.len(), 0);
    // The previous non-transparent character: (byte, joining type, level, char).
    let mut prev: Option<(usize, JoiningType, u8, char)> = None;
    // Whether a format control sits between `prev` and the current character.
    let mut format_between = false;
    for (i, c) in text.char_indices() {
        let t = get_joining_type(c);
        if t == JoiningType::Transparent {
            if is_format(c) {
                format_between = true;
            }
            continue;
        }
        let level = level_at(i);
        if t != JoiningType::NonJoining {
            flags[i] |= flag::JOINING;
        }
        if let Some((p, pt, plevel, pc)) = prev
            && joins_forward(pt)
            && joins_backward(t)
            && plevel == level
        {
            flags[p] |= flag::JOINS_NEXT;
            flags[i] |= flag::JOINS_PREV;
            if pc == LAM && is_ligating_alef(c) && !format_between {
                flags[p] |= flag::LIGATURE_LAM;
                flags[i] |= flag::LIGATURE_ALEF;
            }
        }
        prev = Some((i, t, level, c));
        format_between = false;
    }
}

/// The presentation form of `c` for its joining flags, or `c` itself when it has no such form.
pub(super) fn form(c: char, flags: u8) -> char {
    let slot = match (flags & flag::JOINS_PREV != 0, flags & flag::JOINS_NEXT != 0) {
        (false, false) => 0, // isolated
        (true, false) => 1,  // final
        (false, true) => 2,  // initial
        (true, true) => 3,   // medial
    };
    let code = u32::from(c);
    FORMS
        .binary_search_by_key(&code, |&(base, _)| base)
        .ok()
        .and_then(|k| char::from_u32(FORMS[k].1[slot]))
        .filter(|&f| f != '\0')
        .unwrap_or(c)
}

/// The lam-alef ligature for `alef` after a lam that does (`final_form`) or does not join the
/// letter before it.
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
            |_| 1,
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
                out.push(lam_alef(alef, f & flag::JOINS_PREV != 0).unwrap());
            } else if f & flag::JOINING != 0 {
                out.push(form(c, f));
            } else {
                out.push(c);
            }
        }
        out
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
    fn letters_without_forms_stay_but_still_join() {
        // U+0763 has no presentation forms; its neighbours still take joined forms.
        assert_eq!(shaped("ب\u{0763}ب"), "\u{FE91}\u{0763}\u{FE90}");
    }
}
