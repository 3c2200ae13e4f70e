//! Paragraph embedding levels (UAX #9 up to rule I2), once per paragraph.
//!
//! Most paragraphs hold no explicit formatting characters (embeddings, overrides, isolates) and no
//! paragraph separator. Then the whole paragraph is one level run and one isolating run sequence
//! at the paragraph level, and rules X1–X10 do nothing: this module resolves such paragraphs itself
//! (W1–W7, N0 with bracket pairs, N1–N2, I1–I2) without the general machinery. Everything else goes
//! to `unicode-bidi`. Both paths are checked against `BidiCharacterTest.txt`, and against each other
//! by property tests.
//!
//! Pure: no terminal, no I/O.

use unicode_bidi::{BidiClass, BidiDataSource, BidiInfo, Level};

use super::fast::{TableBidiData, bmp_classes, is_simple};

/// Resolved classes and levels of one paragraph, indexed by byte (only the first byte of each
/// character is meaningful).
#[derive(Debug, Default)]
pub struct ParagraphLevels {
    /// Original bidi class of the character starting at each byte.
    pub classes: Vec<BidiClass>,
    /// Resolved embedding level of the character starting at each byte (rules up to I2; L1 is
    /// per line). Characters removed by rule X9 get the level of the character before them.
    pub levels: Vec<u8>,
    /// Whether every character is in the grapheme fast path's repertoire (found in the same pass).
    pub(super) simple_graphemes: bool,
    /// Scratch for the fast path: the characters that take part, as (byte, class).
    seq: Vec<(usize, BidiClass)>,
    brackets: Vec<(usize, usize)>,
    stack: Vec<(char, usize)>,
}

impl ParagraphLevels {
    /// Resolves the levels of `text` as one paragraph at level `para` (0 or 1).
    pub fn resolve(&mut self, text: &str, para: u8) {
        self.classes.clear();
        self.classes.resize(text.len(), BidiClass::L);
        self.levels.clear();
        self.levels.resize(text.len(), para);
        let mut simple = true;
        let mut graphemes = true;
        let mut removed = false;
        // The set of classes present, one bit per class.
        let mut seen = 0u32;
        let table = bmp_classes();
        // The fast path's sequence is gathered in the same pass (X9: boundary neutrals take no
        // part in it).
        self.seq.clear();
        for (i, c) in text.char_indices() {
            let class = table
                .get(u32::from(c) as usize)
                .copied()
                .unwrap_or_else(|| unicode_bidi::bidi_class(c));
            self.classes[i] = class;
            seen |= bit(class);
            simple &= !needs_general_path(class);
            graphemes &= is_simple(c);
            if class == BidiClass::BN {
                removed = true;
            } else {
                self.seq.push((i, class));
            }
        }
        self.simple_graphemes = graphemes;
        // Without strong characters of the other direction and without numbers, every character
        // of a one-sequence paragraph resolves to the paragraph level (W1–W7 leave only types of
        // the paragraph's direction and neutrals, which N0–N2 give that direction), which the
        // levels already hold. Much Arabic prose is like this.
        let opposite = if para & 1 == 1 {
            bit(BidiClass::L) | bit(BidiClass::EN) | bit(BidiClass::AN)
        } else {
            bit(BidiClass::R) | bit(BidiClass::AL) | bit(BidiClass::AN)
        };
        if simple && seen & opposite == 0 {
            return;
        }
        if simple {
            self.resolve_simple(text, para, removed);
        } else {
            self.resolve_general(text, para);
        }
    }

    /// Shrinks the buffers to `keep` elements when they grew past it.
    pub(super) fn release_excess(&mut self, keep: usize) {
        self.classes.clear();
        self.classes.shrink_to(keep);
        self.levels.clear();
        self.levels.shrink_to(keep);
        self.seq.clear();
        self.seq.shrink_to(keep);
    }

    fn resolve_general(&mut self, text: &str, para: u8) {
        let level = if para & 1 == 1 {
            Level::rtl()
        } else {
            Level::ltr()
        };
        let info = BidiInfo::new_with_data_source(&TableBidiData, text, Some(level));
        for (i, _) in text.char_indices() {
            self.levels[i] = info.levels[i].number();
        }
    }

    /// One isolating run sequence at level `para`, `sos` = `eos` = the paragraph direction.
    /// `self.seq` holds the characters other than boundary neutrals; `removed` says whether there
    /// were any of those.
    fn resolve_simple(&mut self, text: &str, para: u8, removed: bool) {
        let embedding = if para & 1 == 1 {
            BidiClass::R
        } else {
            BidiClass::L
        };
        resolve_weak(&mut self.seq, embedding);
        let char_at = |i: usize| text.get(i..).and_then(|s| s.chars().next());
        pair_brackets(&self.seq, char_at, &mut self.brackets, &mut self.stack);
        let classes = &self.classes;
        resolve_brackets(
            &mut self.seq,
            &self.brackets,
            |i| classes[i] == BidiClass::NSM,
            embedding,
        );
        resolve_neutrals(&mut self.seq, embedding);
        // I1/I2.
        for &(i, t) in &self.seq {
            self.levels[i] = implicit_level(para, t);
        }
        // Removed characters take the level of the character before them.
        if !removed {
            return;
        }
        let mut prev_level = para;
        for (i, _) in text.char_indices() {
            if self.classes[i] == BidiClass::BN {
                self.levels[i] = prev_level;
            } else {
                prev_level = self.levels[i];
            }
        }
    }
}

/// BD16: the bracket pairs among the items of `seq` still ON, as pairs of positions in `seq`
/// sorted by opening position. `char_at(i)` is the character of the item whose index is `i`
/// (`seq[k].0`). At most 63 openings are kept open, as the rule says.
pub(super) fn pair_brackets<I: Copy>(
    seq: &[(I, BidiClass)],
    char_at: impl Fn(I) -> Option<char>,
    brackets: &mut Vec<(usize, usize)>,
    stack: &mut Vec<(char, usize)>,
) {
    brackets.clear();
    stack.clear();
    for (k, &(i, t)) in seq.iter().enumerate() {
        if t != BidiClass::ON {
            continue;
        }
        let Some(c) = char_at(i) else {
            continue;
        };
        let Some(b) = TableBidiData.bidi_matched_opening_bracket(c) else {
            continue;
        };
        if b.is_open {
            if stack.len() >= 63 {
                break;
            }
            stack.push((b.opening, k));
        } else if let Some(depth) = stack.iter().rposition(|&(o, _)| o == b.opening) {
            brackets.push((stack[depth].1, k));
            stack.truncate(depth);
        }
    }
    brackets.sort_unstable();
}

/// Rules I1 and I2: the level of a character of resolved type `t` in a run at level `para`.
pub(super) fn implicit_level(para: u8, t: BidiClass) -> u8 {
    match (para & 1, t) {
        (0, BidiClass::R) | (1, BidiClass::L | BidiClass::EN | BidiClass::AN) => para + 1,
        (0, BidiClass::AN | BidiClass::EN) => para + 2,
        _ => para,
    }
}

/// The bit of `class` in a set of classes.
pub(super) fn bit(class: BidiClass) -> u32 {
    1 << (class as u32)
}

/// The direction a resolved type gives to neutrals and brackets (numbers count as R).
fn strong(t: BidiClass) -> Option<BidiClass> {
    use BidiClass::{AN, EN, L, R};
    match t {
        L => Some(L),
        R | AN | EN => Some(R),
        _ => None,
    }
}

/// Rules W1–W7 on the sequence `(index, class)` (the index of a character: its byte, or its
/// position), whose sos is `embedding`.
pub(super) fn resolve_weak<I>(seq: &mut [(I, BidiClass)], embedding: BidiClass) {
    use BidiClass::{AL, AN, CS, EN, ES, ET, L, NSM, ON, R};
    let len = seq.len();
    // W1–W3 in one pass: `prev` is the previous type after W1 (before W2 and W3 changed it),
    // `last_strong` the last R, L or AL after W1.
    let mut prev = embedding;
    let mut last_strong = embedding;
    for item in seq.iter_mut() {
        let mut t = item.1;
        if t == NSM {
            t = prev;
        }
        prev = t;
        if matches!(t, L | R | AL) {
            last_strong = t;
        }
        if t == EN && last_strong == AL {
            t = AN;
        }
        if t == AL {
            t = R;
        }
        item.1 = t;
    }
    // W4: a single separator between two numbers of the same kind.
    for k in 1..len.saturating_sub(1) {
        let (before, t, after) = (seq[k - 1].1, seq[k].1, seq[k + 1].1);
        if (t == ES || t == CS) && before == EN && after == EN {
            seq[k].1 = EN;
        } else if t == CS && before == AN && after == AN {
            seq[k].1 = AN;
        }
    }
    // W5: terminators next to European numbers; W6: other separators and terminators.
    let mut k = 0;
    while k < len {
        if seq[k].1 == ET {
            let start = k;
            while k < len && seq[k].1 == ET {
                k += 1;
            }
            let touches_en = (start > 0 && seq[start - 1].1 == EN) || (k < len && seq[k].1 == EN);
            let to = if touches_en { EN } else { ON };
            for item in &mut seq[start..k] {
                item.1 = to;
            }
        } else {
            if matches!(seq[k].1, ES | CS) {
                seq[k].1 = ON;
            }
            k += 1;
        }
    }
    // W7: European numbers after L (or sos L) become L.
    let mut last = embedding;
    for item in seq.iter_mut() {
        match item.1 {
            L | R => last = item.1,
            EN if last == L => item.1 = L,
            _ => {}
        }
    }
}

/// Rule N0 on the bracket pairs, in order of their opening brackets.
pub(super) fn resolve_brackets<I: Copy>(
    seq: &mut [(I, BidiClass)],
    brackets: &[(usize, usize)],
    is_nsm: impl Fn(I) -> bool,
    embedding: BidiClass,
) {
    let len = seq.len();
    for &(open, close) in brackets {
        let mut found_embedding = false;
        let mut found_other = false;
        for item in &seq[open + 1..close] {
            match strong(item.1) {
                Some(d) if d == embedding => found_embedding = true,
                Some(_) => found_other = true,
                None => {}
            }
        }
        let to = if found_embedding {
            embedding
        } else if found_other {
            // The context before the opening bracket decides (sos if none).
            seq[..open]
                .iter()
                .rev()
                .find_map(|item| strong(item.1))
                .unwrap_or(embedding)
        } else {
            continue;
        };
        for at in [open, close] {
            seq[at].1 = to;
            // NSMs after a bracket (W1 made them ON) follow it.
            let mut k = at + 1;
            while k < len && is_nsm(seq[k].0) {
                seq[k].1 = to;
                k += 1;
            }
        }
    }
}

/// Rules N1 and N2: a run of neutrals between strong types of one direction takes it (numbers
/// count as R, sos and eos are `embedding`); the others take `embedding`.
pub(super) fn resolve_neutrals<I>(seq: &mut [(I, BidiClass)], embedding: BidiClass) {
    use BidiClass::{B, ON, S, WS};
    let len = seq.len();
    let mut k = 0;
    while k < len {
        if matches!(seq[k].1, B | S | WS | ON) {
            let start = k;
            while k < len && matches!(seq[k].1, B | S | WS | ON) {
                k += 1;
            }
            let before = if start == 0 {
                embedding
            } else {
                strong(seq[start - 1].1).unwrap_or(embedding)
            };
            let after = if k == len {
                embedding
            } else {
                strong(seq[k].1).unwrap_or(embedding)
            };
            let to = if before == after { before } else { embedding };
            for item in &mut seq[start..k] {
                item.1 = to;
            }
        } else {
            k += 1;
        }
    }
}

/// Classes that need rules X1–X10 (explicit embeddings, overrides, isolates) or split paragraphs.
fn needs_general_path(class: BidiClass) -> bool {
    use BidiClass::{B, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO};
    matches!(
        class,
        B | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(text: &str, para: u8) -> Vec<u8> {
        let mut p = ParagraphLevels::default();
        p.classes.resize(text.len(), BidiClass::L);
        p.levels.resize(text.len(), para);
        p.resolve_general(text, para);
        text.char_indices().map(|(i, _)| p.levels[i]).collect()
    }

    fn simple(text: &str, para: u8) -> Vec<u8> {
        let mut p = ParagraphLevels::default();
        p.resolve(text, para);
        text.char_indices().map(|(i, _)| p.levels[i]).collect()
    }

    #[test]
    fn simple_path_matches_unicode_bidi_on_hard_cases() {
        for text in [
            "قال (مرحبا) ثم [x] انتهى",
            "شركة (Tesla Inc.) الأمريكية",
            "ارتفع بنسبة 50% إلى -3 درجات في 10:30 يوم 2019/05/03 بمبلغ 1,234.56 دولار",
            "عام ٢٠١٩م و 12.5٪ و $40 و 1+2=3",
            "قال «X» و \"نعم\" ثم (a [b) c] d",
            "The word \"مرحبا (hello)\" means hi, says أحمد 2.",
            "می‌خواهم پژوهش\u{200D}ی ْ ُ",
            "a\tب\t1 2",
            "((((a)))) ב (ש) ١٢ ٣",
            "ب\u{064E}2 ا\u{0651}1",
            "",
        ] {
            for para in [0, 1] {
                assert_eq!(
                    simple(text, para),
                    general(text, para),
                    "{text:?} at {para}"
                );
            }
        }
    }

    proptest::proptest! {
        // 3000 cases, or more with PROPTEST_CASES=n.
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: proptest::prelude::ProptestConfig::default().cases.max(3000),
            ..Default::default()
        })]
        #[test]
        fn simple_path_matches_unicode_bidi(
            picks in proptest::collection::vec(proptest::sample::select(&[
                "a", "Z", "א", "ب", "ل", "ا", "1", "9", "٢", "٣", "٫", "+", "-", "%", "$", "#",
                ",", ".", ":", "/", "\u{064E}", "\u{0651}", "\u{0300}", "\u{200D}", "\u{200C}",
                "\u{00AD}", "\t", " ", " ", "!", "\"", "(", ")", "[", "]", "{", "}", "«", "»",
                "‹", "›", "<", ">", "\u{2329}", "\u{232A}", "\u{3008}", "\u{3009}", "\u{200E}",
                "\u{200F}", "\u{061C}", "€", "°",
            ][..]), 0..40),
            para in 0u8..2,
        ) {
            let text = picks.concat();
            proptest::prop_assert_eq!(simple(&text, para), general(&text, para), "{:?}", text);
        }
    }
}
