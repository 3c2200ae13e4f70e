//! Phase 3 of the layout, shared by both first stages: greedy logical wrapping of a paragraph's
//! units into lines at UAX #14 break opportunities, measuring the widths that will be emitted.
//!
//! The units come from either first stage (`units` for any text, `fused` for ordinary prose);
//! wrapping sees them only through [`LineUnit`]. Where the break opportunities come from is
//! the stage's choice ([`Breaks`]): the general stage lists all of them, the fused one looks
//! for one only where a line overflows, backwards from there.
//!
//! Pure: no terminal, no I/O.

use std::ops::Range;

use unicode_linebreak::{linebreaks, split_at_safe};

use super::bidi::LineClass;

/// What a unit is, for wrapping and emission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Drawn text: one grapheme (or a lam-alef ligature of two) in one cell of width 1 or 2.
    Text,
    /// U+0020: drawn, but hangs (takes no room) at the end of a line and is dropped there.
    Space,
    /// A tab: as many one-cell spaces as reach the next tab stop of the logical line.
    Tab,
    /// Applied to the layout (levels, joining) but not drawn: bidi controls, ZWSP, ZWJ…
    Invisible,
    /// A soft hyphen: not drawn, except as `-` where the line breaks after it.
    SoftHyphen,
    /// A line or paragraph separator: ends the line, not drawn.
    HardBreak,
}

/// What wrapping and emission need of a unit of layout (a grapheme cluster of the source, or a
/// lam-alef ligature spanning two).
pub(super) trait LineUnit {
    /// The first source byte.
    fn start(&self) -> usize;
    /// The source byte after the unit.
    fn end(&self) -> usize;
    /// What the unit is.
    fn kind(&self) -> Kind;
    /// Its width in cells (0 for units that are not drawn; a tab's depends on its column).
    fn width(&self) -> u16;
    /// Sets the width of a tab, once its column is known.
    fn set_tab_width(&mut self, width: u16);
    /// Its resolved embedding level.
    fn level(&self) -> u8;
    /// How rule L1 treats it.
    fn line_class(&self) -> LineClass;
}

/// Where the break opportunities of a paragraph come from.
pub(super) enum Breaks<'a> {
    /// Every opportunity, in order (from `linebreaks` over the whole text).
    Listed(&'a [usize]),
    /// Found on demand by reading a stretch of the text before the overflow
    /// ([`last_opportunity`]).
    LookBack(&'a str),
}

impl Breaks<'_> {
    /// The last opportunity `p` with `lo < p <= hi`.
    fn last(&self, lo: usize, hi: usize) -> Option<usize> {
        match self {
            Breaks::Listed(all) => {
                let upto = all.partition_point(|&b| b <= hi);
                all.get(..upto)?.last().copied().filter(|&b| b > lo)
            }
            Breaks::LookBack(text) => {
                let mut hi = hi;
                while !text.is_char_boundary(hi) {
                    hi -= 1;
                }
                last_opportunity(text, lo, hi)
            }
        }
    }
}

/// Fills `out` with every break opportunity of `text` (for [`Breaks::Listed`]).
pub(super) fn list_breaks(text: &str, out: &mut Vec<usize>) {
    out.clear();
    out.extend(linebreaks(text).map(|(b, _)| b));
}

/// Greedy logical wrapping of `units` into `lines` (ranges of unit indices) of at most `width`
/// (≥ 1) cells, breaking at the opportunities `breaks` gives. Spaces hang at the end of a line;
/// a hard break ends its line; a word wider than the line is broken between units; a break
/// after a soft hyphen is taken only where the hyphen it draws fits. Tabs get their widths
/// here, from their column in the logical line.
pub(super) fn wrap<U: LineUnit>(
    units: &mut [U],
    width: usize,
    tab_width: u8,
    breaks: &Breaks<'_>,
    lines: &mut Vec<Range<usize>>,
) {
    lines.clear();
    let n = units.len();
    let tab = u16::from(tab_width.max(1));
    let tab_at = |col: usize| tab - (col % usize::from(tab)) as u16;
    let mut line_start = 0;
    let mut col = 0usize;
    let mut i = 0;
    while i < n {
        let kind = units[i].kind();
        if kind == Kind::HardBreak {
            lines.push(line_start..i + 1);
            line_start = i + 1;
            col = 0;
            i += 1;
            continue;
        }
        if kind == Kind::Tab {
            units[i].set_tab_width(tab_at(col));
        }
        let w = usize::from(units[i].width());
        if kind == Kind::Space || w == 0 {
            col += w;
            i += 1;
            continue;
        }
        if col > 0 && col + w > width {
            let brk = break_point(units, line_start, i, width, breaks);
            lines.push(line_start..brk);
            line_start = brk;
            col = 0;
            for u in &mut units[brk..i] {
                if u.kind() == Kind::Tab {
                    u.set_tab_width(tab_at(col));
                }
                col += usize::from(u.width());
            }
            continue; // measure unit i again on the new line
        }
        col += w;
        i += 1;
    }
    if line_start < n || lines.is_empty() {
        lines.push(line_start..n);
    }
}

/// Where the line that starts at unit `line_start` breaks when unit `i` overflows it: at the
/// last opportunity at the start of a unit after the line's first, up to and including unit
/// `i`'s (one after a soft hyphen only if the hyphen fits), else before unit `i`.
fn break_point<U: LineUnit>(
    units: &[U],
    line_start: usize,
    i: usize,
    width: usize,
    breaks: &Breaks<'_>,
) -> usize {
    let lo = units[line_start].start();
    let mut hi = units[i].start();
    while let Some(p) = breaks.last(lo, hi) {
        // An opportunity inside a unit (UAX #14 allows a break between a space and a mark
        // after it, which are one grapheme) is not one: look before it.
        if let Ok(k) = units[line_start + 1..=i].binary_search_by_key(&p, LineUnit::start) {
            let k = line_start + 1 + k;
            let fits = units[k - 1].kind() != Kind::SoftHyphen
                || units[line_start..k]
                    .iter()
                    .map(|u| usize::from(u.width()))
                    .sum::<usize>()
                    < width;
            if fits {
                return k;
            }
        }
        hi = p - 1;
    }
    i
}

/// The last UAX #14 break opportunity `p` of `text` with `lo < p <= hi` (`hi` a character's
/// start), as `linebreaks(text)` finds it, found by reading only a stretch before `hi`.
///
/// The stretch starts where [`split_at_safe`] says the breaks after it do not depend on what
/// comes before, at least [`LOOK_BACK`] bytes before `hi`, and the search steps further back
/// until an opportunity is found or `lo` is passed. `split_at_safe` splits one character before
/// the safe pair so that the break before the pair is found too, but that character may itself
/// depend on its context (a mark after a dash is part of the dash; at the start of a stretch it
/// counts as a letter), so a break at or before the pair's first character is left to the next,
/// earlier stretch. A break at `p` is decided on reading the character at `p`, so the stretch
/// ends after the character at `hi`.
fn last_opportunity(text: &str, lo: usize, hi: usize) -> Option<usize> {
    let mut hi = hi;
    loop {
        let end = hi + text.get(hi..)?.chars().next().map_or(0, char::len_utf8);
        let mut probe = hi.saturating_sub(LOOK_BACK);
        while !text.is_char_boundary(probe) {
            probe -= 1;
        }
        let from = split_at_safe(text.get(..probe)?).0.len();
        // The first break trusted: after the first two characters of the stretch (or anywhere
        // when the stretch starts the text).
        let trusted = if from == 0 {
            0
        } else {
            let mut chars = text.get(from..)?.char_indices().skip(1);
            chars.next().map_or(end, |(k, _)| from + k)
        };
        let stretch = text.get(from..end)?;
        let found = linebreaks(stretch)
            .map(|(b, _)| from + b)
            .take_while(|&b| b <= hi)
            .filter(|&b| b > lo && b > trusted)
            .last();
        if found.is_some() || trusted <= lo {
            return found;
        }
        hi = trusted;
    }
}

/// How far before a line's end [`last_opportunity`] starts reading, in bytes: about a word of
/// Arabic, so that one stretch usually holds the opportunity.
const LOOK_BACK: usize = 24;

#[cfg(test)]
mod tests {
    use super::*;

    /// `last_opportunity` finds what a scan of the whole text finds, for every end position and
    /// several line starts, on text rich in the classes whose breaks depend on context (marks,
    /// spaces, dashes, quotes, brackets, numbers and their separators, hyphens).
    #[test]
    fn last_opportunity_agrees_with_a_whole_scan() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "ا", "ب", "ل", "a", "Z", "1", "٣", " ", " ", "\u{064E}", "\u{0651}", "—", "–", "-",
            "‐", "/", ".", ",", "،", ":", "؛", "!", "?", "؟", "%", "$", "€", "#", "\"", "'", "«",
            "»", "“", "”", "(", ")", "[", "]", "{", "}", "\u{00A0}", "\u{202F}", "\u{2003}", "…",
            "·", "+",
        ];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: ProptestConfig::default().cases.max(2000),
            ..ProptestConfig::default()
        });
        let text = proptest::collection::vec(proptest::sample::select(PIECES), 0..120)
            .prop_map(|p| p.concat());
        runner
            .run(&text, |text| {
                let mut all = Vec::new();
                list_breaks(&text, &mut all);
                let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                for &lo in starts.iter().step_by(7) {
                    for &hi in starts.iter().filter(|&&h| h > lo) {
                        let want = all.iter().copied().rfind(|&b| b > lo && b <= hi);
                        prop_assert_eq!(
                            last_opportunity(&text, lo, hi),
                            want,
                            "{:?} lo {} hi {}",
                            text,
                            lo,
                            hi
                        );
                        // The listed and the looked-back opportunities are the same.
                        prop_assert_eq!(Breaks::Listed(&all).last(lo, hi), want);
                        prop_assert_eq!(Breaks::LookBack(&text).last(lo, hi), want);
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_mark_after_a_dash_is_not_a_letter_at_a_restart() {
        // The case that showed `split_at_safe` splitting before a mark that belongs to a dash.
        let s = "لااااaaاااااااaaاaaaاa؛امامالاامaمماااaم—\u{64e}اaاaاماامaماااااا";
        assert_eq!(last_opportunity(s, 38, 102), Some(75));
    }

    /// A unit for the wrapping tests: `w` cells wide, of kind `kind`, at byte `at`.
    #[derive(Clone, Copy)]
    struct U {
        at: usize,
        kind: Kind,
        w: u16,
    }

    impl LineUnit for U {
        fn start(&self) -> usize {
            self.at
        }
        fn end(&self) -> usize {
            self.at + 1
        }
        fn kind(&self) -> Kind {
            self.kind
        }
        fn width(&self) -> u16 {
            self.w
        }
        fn set_tab_width(&mut self, width: u16) {
            self.w = width;
        }
        fn level(&self) -> u8 {
            0
        }
        fn line_class(&self) -> LineClass {
            LineClass::Other
        }
    }

    /// One unit a byte of `text`: space, tab, soft hyphen (`~`), hard break (`|`) or letter.
    fn units(text: &str) -> Vec<U> {
        text.bytes()
            .enumerate()
            .map(|(at, b)| {
                let (kind, w) = match b {
                    b' ' => (Kind::Space, 1),
                    b'\t' => (Kind::Tab, 0),
                    b'~' => (Kind::SoftHyphen, 0),
                    b'|' => (Kind::HardBreak, 0),
                    _ => (Kind::Text, 1),
                };
                U { at, kind, w }
            })
            .collect()
    }

    fn lines(text: &str, width: usize, breaks: &[usize]) -> Vec<String> {
        let mut us = units(text);
        let mut out = vec![];
        wrap(&mut us, width, 4, &Breaks::Listed(breaks), &mut out);
        out.into_iter()
            .map(|r| text.get(r).unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn wrapping_breaks_at_the_last_opportunity_and_spaces_hang() {
        // Opportunities after each space.
        assert_eq!(lines("ab cd ef", 5, &[3, 6]), ["ab cd ", "ef"]);
        // No opportunity: the word is broken between units.
        assert_eq!(lines("abcdefg", 3, &[]), ["abc", "def", "g"]);
        // A hard break ends its line.
        assert_eq!(lines("ab|cd", 10, &[3]), ["ab|", "cd"]);
        // An empty paragraph has one empty line.
        assert_eq!(lines("", 10, &[]), [""]);
    }

    #[test]
    fn a_break_after_a_soft_hyphen_needs_room_for_the_hyphen() {
        // "ab cd~ef": after "ab cd" the hyphen fits in 6 cells, not in 5, where the line
        // breaks at the space instead.
        assert_eq!(lines("ab cd~ef", 6, &[3, 6]), ["ab cd~", "ef"]);
        assert_eq!(lines("ab cd~ef", 5, &[3, 6]), ["ab ", "cd~ef"]);
    }

    #[test]
    fn tabs_reach_the_next_stop_of_their_line() {
        let mut us = units("a\tb");
        let mut out = vec![];
        wrap(&mut us, 80, 4, &Breaks::Listed(&[]), &mut out);
        assert_eq!(us[1].w, 3);
        // After a break, the tab is measured again from its new line's start.
        let mut us = units("abcd ab\tc");
        wrap(&mut us, 6, 4, &Breaks::Listed(&[5]), &mut out);
        assert_eq!(out, [0..5, 5..9]);
        assert_eq!(us[7].w, 2);
    }
}
