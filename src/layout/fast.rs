//! Fast paths for the hot loop, each equivalent to the general code it replaces (tests check the
//! equivalence): a table-driven bidi class lookup for the Basic Multilingual Plane, and grapheme
//! segmentation for text made only of characters whose cluster rules are simple (Latin, Arabic,
//! Persian, Urdu, presentation forms, general punctuation).
//!
//! Pure: no terminal, no I/O.

use std::sync::OnceLock;

use unicode_bidi::data_source::BidiMatchedOpeningBracket;
use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};
use unicode_width::UnicodeWidthStr;

/// `unicode-bidi`'s own data, with the class of every BMP character looked up once in a table
/// instead of by binary search on every call (the search was 38 % of level resolution).
pub(super) struct TableBidiData;

/// The bidi class of every BMP character, built on first use.
pub(super) fn bmp_classes() -> &'static [BidiClass] {
    static TABLE: OnceLock<Box<[BidiClass]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x1_0000)
            .map(|c| char::from_u32(c).map_or(BidiClass::L, unicode_bidi::bidi_class))
            .collect()
    })
}

impl BidiDataSource for TableBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        let code = u32::from(c) as usize;
        match bmp_classes().get(code) {
            Some(&class) => class,
            None => unicode_bidi::bidi_class(c),
        }
    }

    fn bidi_matched_opening_bracket(&self, c: char) -> Option<BidiMatchedOpeningBracket> {
        let bracket = |opening, is_open| Some(BidiMatchedOpeningBracket { opening, is_open });
        match c {
            // ASCII, answered directly; below U+0F3A no other character is a bracket.
            '(' => bracket('(', true),
            ')' => bracket('(', false),
            '[' => bracket('[', true),
            ']' => bracket('[', false),
            '{' => bracket('{', true),
            '}' => bracket('{', false),
            '\0'..'\u{0F3A}' => None,
            // Letters and digits are never brackets: skip the search for them.
            _ if c.is_alphanumeric() => None,
            _ => HardcodedBidiData.bidi_matched_opening_bracket(c),
        }
    }
}

/// The width `unicode-width` gives a string holding only `c`, for BMP characters, from a table
/// built on first use; `None` outside the BMP.
#[inline]
pub(super) fn bmp_width(c: char) -> Option<u8> {
    static TABLE: OnceLock<Box<[u8]>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut buf = [0u8; 4];
        (0u32..0x1_0000)
            .map(|code| {
                char::from_u32(code).map_or(0, |c| {
                    u8::try_from(UnicodeWidthStr::width(&*c.encode_utf8(&mut buf))).unwrap_or(2)
                })
            })
            .collect()
    });
    table.get(u32::from(c) as usize).copied()
}

/// How a character takes part in grapheme clustering, for the characters of the fast path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Gcb {
    Other,
    Cr,
    Lf,
    Control,
    /// Extend or ZWJ: never starts a cluster after another character.
    Extend,
    /// Prepend: never ends a cluster before another (non-control) character.
    Prepend,
}

/// The grapheme break class of `c` if it is in the fast path's repertoire, else `None`: a table
/// lookup for Latin-1 and the Arabic block, the full match elsewhere.
#[inline]
pub(super) fn gcb(c: char) -> Option<Gcb> {
    let code = u32::from(c);
    if code < 0x100 {
        LATIN1_GCB[code as usize]
    } else if (0x0600..0x0700).contains(&code) {
        ARABIC_GCB[(code - 0x0600) as usize]
    } else {
        gcb_slow(c)
    }
}

static LATIN1_GCB: [Option<Gcb>; 256] = gcb_table(0);
static ARABIC_GCB: [Option<Gcb>; 256] = gcb_table(0x0600);

const fn gcb_table(base: u32) -> [Option<Gcb>; 256] {
    let mut table = [None; 256];
    let mut k = 0;
    while k < 256 {
        if let Some(c) = char::from_u32(base + k as u32) {
            table[k] = gcb_slow(c);
        }
        k += 1;
    }
    table
}

/// The grapheme break class of `c` if it is in the fast path's repertoire, else `None`.
// Arms with the same result stay apart: they are ordered (later ranges overlap earlier ones) and
// grouped by Unicode block.
#[allow(clippy::match_same_arms)]
const fn gcb_slow(c: char) -> Option<Gcb> {
    Some(match c {
        '\r' => Gcb::Cr,
        '\n' => Gcb::Lf,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' => Gcb::Control,
        // © and ® are Extended_Pictographic (emoji rules): not on the fast path.
        '\u{A9}' | '\u{AE}' => return None,
        ' '..='\u{FF}' => Gcb::Other,
        '\u{0600}'..='\u{0605}' | '\u{06DD}' => Gcb::Prepend,
        '\u{061C}' => Gcb::Control,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' => Gcb::Extend,
        '\u{0606}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Gcb::Other,
        '\u{200C}' | '\u{200D}' => Gcb::Extend,
        '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' => Gcb::Control,
        // ‼ and ⁉ are Extended_Pictographic.
        '\u{203C}' | '\u{2049}' => return None,
        '\u{2000}'..='\u{205F}' => Gcb::Other,
        // Currency symbols (€, ₪, ₺, ﷼ is in the presentation forms below).
        '\u{20A0}'..='\u{20C0}' => Gcb::Other,
        '\u{FEFF}' => Gcb::Control,
        '\u{FB50}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Gcb::Other,
        _ => return None,
    })
}

/// Is `c` in the grapheme fast path's repertoire?
pub(super) fn is_simple(c: char) -> bool {
    gcb(c).is_some()
}

/// Extended grapheme clusters of `text`, whose characters must all pass [`is_simple`]: the same clusters
/// as `unicode-segmentation` gives (rules `GB3`–`GB5`, `GB9`, `GB9b` and `GB999` are all that apply).
///
/// Each character is decoded and classified once: the one that ends a cluster is kept as the
/// start of the next.
pub(super) struct SimpleGraphemes<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    /// The first character of the next cluster: its byte offset and break class.
    next: Option<(usize, Gcb)>,
}

impl<'a> SimpleGraphemes<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut chars = text.char_indices();
        let next = chars.next().map(|(i, c)| (i, gcb(c).unwrap_or(Gcb::Other)));
        Self { text, chars, next }
    }
}

/// Do two adjacent characters of these classes belong to one cluster?
#[inline]
fn joins(prev: Gcb, class: Gcb) -> bool {
    match (prev, class) {
        (Gcb::Cr, Gcb::Lf) => true,
        (Gcb::Cr | Gcb::Lf | Gcb::Control, _) | (_, Gcb::Cr | Gcb::Lf | Gcb::Control) => false,
        (_, Gcb::Extend) | (Gcb::Prepend, _) => true,
        _ => false,
    }
}

impl<'a> Iterator for SimpleGraphemes<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (start, mut prev) = self.next.take()?;
        for (k, c) in self.chars.by_ref() {
            let class = gcb(c).unwrap_or(Gcb::Other);
            if !joins(prev, class) {
                self.next = Some((k, class));
                return self.text.get(start..k).map(|g| (start, g));
            }
            prev = class;
        }
        self.text.get(start..).map(|g| (start, g))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn grapheme_tables_match_the_match() {
        for code in 0u32..0x1_0000 {
            if let Some(c) = char::from_u32(code) {
                assert!(gcb(c) == gcb_slow(c), "{code:X}");
            }
        }
    }

    #[test]
    fn table_matches_the_crate_everywhere_in_the_bmp() {
        for code in 0u32..0x1_0000 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(
                    TableBidiData.bidi_class(c),
                    unicode_bidi::bidi_class(c),
                    "{code:X}"
                );
            }
        }
        assert_eq!(
            TableBidiData.bidi_class('\u{1F600}'),
            unicode_bidi::bidi_class('\u{1F600}')
        );
    }

    #[test]
    fn bracket_lookup_is_unchanged() {
        let key = |b: Option<BidiMatchedOpeningBracket>| b.map(|b| (b.opening, b.is_open));
        for code in (0u32..0x3_0000).chain([0xE_0001]) {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(
                    key(TableBidiData.bidi_matched_opening_bracket(c)),
                    key(HardcodedBidiData.bidi_matched_opening_bracket(c)),
                    "{code:X}"
                );
            }
        }
        assert_eq!(
            key(TableBidiData.bidi_matched_opening_bracket(')')),
            Some(('(', false))
        );
    }

    /// Every character of the repertoire, and pairs and triples of a sample of them, cluster as
    /// `unicode-segmentation` says.
    #[test]
    fn simple_clusters_match_unicode_segmentation() {
        let repertoire: Vec<char> = (0u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| gcb(c).is_some())
            .collect();
        let sample: Vec<char> = repertoire
            .iter()
            .copied()
            .filter(|&c| {
                let code = u32::from(c);
                code % 7 == 0 || gcb(c) != Some(Gcb::Other) || c == ' '
            })
            .collect();
        let check = |s: &str| {
            let ours: Vec<(usize, &str)> = SimpleGraphemes::new(s).collect();
            let theirs: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{s:?}");
        };
        for &a in &repertoire {
            check(&a.to_string());
        }
        for &a in &sample {
            for &b in &sample {
                let s: String = [a, b].iter().collect();
                check(&s);
            }
        }
        for &a in sample.iter().step_by(3) {
            for &b in sample.iter().step_by(5) {
                for c in ['\u{064E}', '\u{200D}', '\r', '\n', '\u{0600}', 'ب', ' '] {
                    check(&[a, b, c].iter().collect::<String>());
                    check(&[a, c, b].iter().collect::<String>());
                    check(&[c, a, b].iter().collect::<String>());
                }
            }
        }
    }
}
