//! Folding text for matching: Arabic letter variants, harakat, tatweel, digits, case.
//!
//! Used by search (a query without diacritics finds text with them), by entity matching and by
//! the aligner's anchors. The folded copy keeps a map back to the source bytes, so a match found
//! in the folded text can be highlighted on the original. Pure: no terminal, no I/O.

/// Text folded for matching, with a map from each folded byte back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the start byte of the source char it came from.
    /// Has one extra entry at the end: the source length, so `map[end]` is always valid.
    pub map: Vec<usize>,
}

impl Folded {
    /// Fold `source` for matching. See [`fold_char`] for what changes.
    pub fn new(source: &str) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut map = Vec::with_capacity(source.len() + 1);
        for (i, c) in source.char_indices() {
            // ASCII folds to itself in lowercase, one byte.
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
                map.push(i);
                continue;
            }
            let f = if kept(c) {
                c
            } else if let Some(f) = fold_char(c) {
                f
            } else {
                continue;
            };
            text.push(f);
            // One entry for each byte pushed.
            map.resize(text.len(), i);
        }
        map.push(source.len());
        Folded { text, map }
    }

    /// The source byte range that the folded byte range `start..end` came from.
    ///
    /// The end is extended to the end of the last source char matched (and past any marks that
    /// were dropped after it, so a highlight covers a letter's harakat too).
    pub fn source_range(&self, source: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let s = self.map.get(start).copied().unwrap_or(source.len());
        if end <= start {
            return s..s;
        }
        let last = self.map.get(end - 1).copied().unwrap_or(source.len());
        let mut e = source
            .get(last..)
            .and_then(|rest| rest.chars().next())
            .map_or(source.len(), |c| last + c.len_utf8());
        // Swallow marks and tatweel that folding dropped right after the match.
        if let Some(rest) = source.get(e..) {
            for c in rest.chars() {
                if fold_char(c).is_some() {
                    break;
                }
                e += c.len_utf8();
            }
        }
        s..e
    }
}

/// Whether `c` is an Arabic diacritic (haraka, tanwin, shadda, sukun, superscript alef, Quranic
/// marks) that folding drops.
pub const fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// Fold one char for matching, or drop it (`None`).
///
/// - harakat and other Arabic marks, tatweel, ZWJ/ZWNJ, bidi marks and soft hyphens are dropped;
/// - alef forms أ إ آ ٱ → ا; alef maqsura ى → ي; ta marbuta ة → ه; Persian ک → ك, ی → ي;
/// - Arabic-Indic and Persian digits → ASCII digits;
/// - Latin letters are lowercased (simple, one-to-one mappings only).
pub fn fold_char(c: char) -> Option<char> {
    if is_arabic_mark(c) {
        return None;
    }
    Some(match c {
        '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{00AD}' => {
            return None;
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        c => c,
    })
}

/// Fold a whole string (no offset map); for queries and keys.
pub fn fold(s: &str) -> String {
    // Folding seldom lengthens a string (a few lowercase letters take more bytes than their
    // capital): sized once, it is rarely grown.
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .filter_map(|c| if kept(c) { Some(c) } else { fold_char(c) }),
    );
    out
}

/// Chars that [`fold_char`] keeps as they are, tested first as most chars of a text are such:
/// lowercase ASCII letters, digits, the space, and the Arabic letters it does not unify.
fn kept(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | ' ' | '\u{0621}' | '\u{0624}' | '\u{0626}'..='\u{0628}'
        | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chars_kept_as_they_are_are_those_fold_char_keeps() {
        for c in (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| kept(c))
        {
            assert_eq!(fold_char(c), Some(c), "{c:?}");
        }
    }

    #[test]
    fn drops_harakat_and_tatweel_and_unifies_letters() {
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("كـتـاب"), "كتاب");
        assert_eq!(fold("إلى الأمام آمنة"), "الي الامام امنه");
        assert_eq!(fold("عام ٢٠١٩ و۱۴۰۲"), "عام 2019 و1402");
        assert_eq!(fold("Donald TRUMP"), "donald trump");
    }

    #[test]
    fn map_leads_back_to_the_source_including_trailing_marks() {
        let src = "قال مُحَمَّدٌ اليوم";
        let f = Folded::new(src);
        let start = f.text.find("محمد").unwrap();
        let r = f.source_range(src, start, start + "محمد".len());
        assert_eq!(src.get(r), Some("مُحَمَّدٌ"));
    }

    #[test]
    fn empty_ranges_and_ends_are_safe() {
        let src = "abc";
        let f = Folded::new(src);
        assert_eq!(f.source_range(src, 3, 3), 3..3);
        assert_eq!(f.source_range(src, 0, 3), 0..3);
        assert_eq!(f.map.len(), 4);
    }
}
