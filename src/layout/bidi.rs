//! Per-line bidi reordering (UAX #9 rules L1 and L2) over abstract items: characters, grapheme
//! clusters or ligature units, each with a resolved embedding level.
//!
//! Levels are resolved once per paragraph elsewhere (`levels`); this module only resets trailing
//! whitespace and separators (L1) and computes the visual order of one line (L2), for the
//! emission phase (`emit`). Kept public so that the conformance test can drive it with
//! `BidiCharacterTest.txt`.
//!
//! Pure: depends only on `unicode-bidi`'s class type; no terminal, no I/O.

use unicode_bidi::BidiClass;

/// How rule L1 treats an item, from the bidi class of its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineClass {
    /// Keeps its resolved level.
    Other,
    /// Whitespace, isolate formatting characters, and characters removed by rule X9 (boundary
    /// neutrals and embedding/override controls): reset to the paragraph level when they run up
    /// to a separator or to the end of the line.
    Trailing,
    /// Segment separator (tab) or paragraph separator: always reset to the paragraph level, and
    /// so is the `Trailing` run before it.
    Separator,
}

impl LineClass {
    /// The L1 treatment of a character of bidi class `class`.
    pub fn of(class: BidiClass) -> Self {
        use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
        match class {
            B | S => Self::Separator,
            WS | FSI | LRI | RLI | PDI | BN | LRE | RLE | LRO | RLO | PDF => Self::Trailing,
            _ => Self::Other,
        }
    }
}

/// Rule L1 on one line: `classes[i]` and `levels[i]` describe item `i` in logical order; the
/// levels of separators, of the whitespace/isolate runs before them, and of the run at the end of
/// the line are set to `para_level`.
pub fn reset_line_levels(classes: impl Fn(usize) -> LineClass, levels: &mut [u8], para_level: u8) {
    // Walk backwards: `trailing` is true while every item after the current one (up to the line
    // end or a separator) is whitespace-like.
    let mut trailing = true;
    for i in (0..levels.len()).rev() {
        match classes(i) {
            LineClass::Separator => {
                levels[i] = para_level;
                trailing = true;
            }
            LineClass::Trailing => {
                if trailing {
                    levels[i] = para_level;
                }
            }
            LineClass::Other => trailing = false,
        }
    }
}

/// Rule L2: fills `order` with the logical indices of `levels` in visual (left-to-right) order,
/// reversing every maximal run at or above each level from the highest down to the lowest odd one.
pub fn visual_order(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    let Some(&first) = levels.first() else {
        return;
    };
    // The highest level, the lowest odd level at or above the lowest level, and whether all
    // levels are the same, in one pass.
    let (mut max, mut min_odd, mut uniform) = (first, first | 1, true);
    for &l in levels {
        max = max.max(l);
        min_odd = min_odd.min(l | 1);
        uniform &= l == first;
    }
    // Fast path: one uniform level.
    if uniform {
        if first & 1 == 1 {
            order.extend((0..levels.len()).rev());
        } else {
            order.extend(0..levels.len());
        }
        return;
    }
    order.extend(0..levels.len());
    if max < min_odd {
        return; // all even at the lowest level: nothing to reverse
    }
    let mut level = max;
    loop {
        let mut i = 0;
        while i < levels.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < levels.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        if level <= min_odd {
            break;
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(levels: &[u8]) -> Vec<usize> {
        let mut v = Vec::new();
        visual_order(levels, &mut v);
        v
    }

    #[test]
    fn l2_reverses_from_highest_level_down() {
        assert_eq!(order(&[0, 0, 0]), vec![0, 1, 2]);
        assert_eq!(order(&[1, 1, 1]), vec![2, 1, 0]);
        // RTL paragraph with an embedded LTR number: the number keeps its order.
        assert_eq!(order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
        // LTR paragraph with an RTL word.
        assert_eq!(order(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
        assert_eq!(order(&[]), Vec::<usize>::new());
        // The level-2 run inside level 1 comes out in logical order, the rest reversed.
        assert_eq!(order(&[2, 2, 1, 1, 2]), vec![4, 3, 2, 0, 1]);
    }

    #[test]
    fn l1_resets_trailing_whitespace_and_separators() {
        use LineClass::{Other as O, Separator as S, Trailing as T};
        let classes = [O, T, O, T, S, T, O, T, T];
        let mut levels = [1, 1, 2, 2, 2, 2, 2, 2, 2];
        reset_line_levels(|i| classes[i], &mut levels, 0);
        assert_eq!(levels, [1, 1, 2, 0, 0, 2, 2, 0, 0]);
    }
}
