//! Telling Arabic paragraphs from English ones by their script, robustly.
//!
//! A paragraph is Arabic when Arabic-script words outweigh Latin ones. URLs, e-mail addresses and
//! all-capital acronyms do not count, and Latin words count for less than Arabic ones, so an Arabic
//! paragraph quoting a URL, an acronym or English names stays Arabic, and an English paragraph
//! quoting an Arabic phrase stays English. Pure: no I/O.

use super::Lang;

/// [`char::is_alphabetic`], with the Arabic letters ([`is_arabic_letter`], all of them
/// alphabetic) told without the Unicode tables.
pub fn is_alphabetic(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && (is_arabic_letter(c) || c.is_alphabetic()))
}

/// Whether `c` is a letter of the Arabic script: exactly the characters of `Script=Arabic` with
/// a `General_Category` of letter (`Lo`, `Lm`), in Unicode 15.0 (a test compares the ranges with
/// the UCD's `Scripts.txt` and `UnicodeData.txt` where the system has them). The one list of
/// Arabic letters: the entity tokenizer (`entities::text::is_word_char`) uses it too.
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06E5}'..='\u{06E6}' | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{0887}'
        | '\u{0889}'..='\u{088E}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FBB1}'
        | '\u{FBD3}'..='\u{FD3D}' | '\u{FD50}'..='\u{FD8F}' | '\u{FD92}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}' | '\u{FE70}'..='\u{FE74}' | '\u{FE76}'..='\u{FEFC}'
        // Arabic Mathematical Alphabetic Symbols.
        | '\u{1EE00}'..='\u{1EE03}' | '\u{1EE05}'..='\u{1EE1F}' | '\u{1EE21}'..='\u{1EE22}'
        | '\u{1EE24}' | '\u{1EE27}' | '\u{1EE29}'..='\u{1EE32}' | '\u{1EE34}'..='\u{1EE37}'
        | '\u{1EE39}' | '\u{1EE3B}' | '\u{1EE42}' | '\u{1EE47}' | '\u{1EE49}' | '\u{1EE4B}'
        | '\u{1EE4D}'..='\u{1EE4F}' | '\u{1EE51}'..='\u{1EE52}' | '\u{1EE54}' | '\u{1EE57}'
        | '\u{1EE59}' | '\u{1EE5B}' | '\u{1EE5D}' | '\u{1EE5F}' | '\u{1EE61}'..='\u{1EE62}'
        | '\u{1EE64}' | '\u{1EE67}'..='\u{1EE6A}' | '\u{1EE6C}'..='\u{1EE72}'
        | '\u{1EE74}'..='\u{1EE77}' | '\u{1EE79}'..='\u{1EE7C}' | '\u{1EE7E}'
        | '\u{1EE80}'..='\u{1EE89}' | '\u{1EE8B}'..='\u{1EE9B}' | '\u{1EEA1}'..='\u{1EEA3}'
        | '\u{1EEA5}'..='\u{1EEA9}' | '\u{1EEAB}'..='\u{1EEBB}')
}

/// Whether `c` is a Latin letter (ASCII or Latin-1/Extended).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// Letter counts of a paragraph, by script, in words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScriptWeight {
    /// Weighted count of Arabic-script words.
    pub arabic: f64,
    /// Weighted count of Latin-script words.
    pub latin: f64,
}

impl ScriptWeight {
    /// Weigh the words of `text`.
    ///
    /// One pass over the bytes (this runs on every line of a file as it loads). A char of the
    /// Arabic block (U+0600–U+06FF, two bytes led by 0xD8–0xDB) is looked up in a bitmap of its
    /// letters; ASCII is matched byte by byte; any other char is decoded and classed as a char.
    /// A word is weighed when the whitespace after it is reached, and only a word holding `@`,
    /// `/` or `:`, or starting with `w`, is checked for being an address.
    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut w = ScriptWeight::default();
        let mut word = Word::default();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b & 0xFC == 0xD8 {
                // U+0600–U+06FF: two low bits of the lead byte, six of the continuation byte.
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                let low = (usize::from(b & 0x03) << 6) | usize::from(next & 0x3F);
                word.ar += usize::from(ARABIC_BLOCK_LETTERS[low >> 6] >> (low & 63) & 1 == 1);
                i += 2;
            } else if b < 0x80 {
                match b {
                    b' ' | b'\t'..=b'\r' => {
                        w.add(&word, text, i);
                        word = Word {
                            start: i + 1,
                            ..Word::default()
                        };
                    }
                    b'a'..=b'z' => word.lat += 1,
                    b'A'..=b'Z' => {
                        word.lat += 1;
                        word.upper += 1;
                    }
                    b'@' | b'/' | b':' => word.marks = true,
                    _ => {}
                }
                i += 1;
            } else {
                // `i` is on a char boundary: it only ever steps over whole chars.
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if is_arabic_letter(c) {
                    word.ar += 1;
                } else if is_latin_letter(c) {
                    word.lat += 1;
                    if c.is_uppercase() {
                        word.upper += 1;
                    }
                } else if c.is_whitespace() {
                    w.add(&word, text, i);
                    word = Word {
                        start: i + c.len_utf8(),
                        ..Word::default()
                    };
                }
                i += c.len_utf8();
            }
        }
        w.add(&word, text, text.len());
        w
    }

    /// Counts the word that ends at byte `end` of `text`.
    fn add(&mut self, word: &Word, text: &str, end: usize) {
        if word.ar == 0 && word.lat == 0 {
            return;
        }
        // The word's text is only needed for a possible address; `w` is one byte.
        let starts_with_w = word.start < end && text.as_bytes().get(word.start) == Some(&b'w');
        if (word.marks || starts_with_w)
            && looks_like_address(text.get(word.start..end).unwrap_or(""))
        {
            return;
        }
        if word.ar >= word.lat {
            self.arabic += 1.0;
        } else {
            // Acronyms (APEC, CNN) are common inside Arabic; they say little about the language.
            let acronym = word.upper == word.lat && word.lat >= 2;
            self.latin += if acronym { 0.25 } else { 1.0 };
        }
    }

    /// The language these weights point to, or `None` when there are no letters at all.
    ///
    /// Arabic wins ties and needs only 0.8 of the Latin weight: Arabic prose quotes English names
    /// far more often than English prose quotes Arabic.
    pub fn lang(self) -> Option<Lang> {
        if self.arabic == 0.0 && self.latin == 0.0 {
            None
        } else if self.arabic >= self.latin * 0.8 {
            Some(Lang::Ar)
        } else {
            Some(Lang::En)
        }
    }
}

/// The letters of the Arabic block U+0600–U+06FF as a bitmap (bit `c - 0x600`), built from
/// [`is_arabic_letter`]: none of the block's other chars is a Latin letter or whitespace, so
/// a char of the block either adds an Arabic letter to the word or nothing.
const ARABIC_BLOCK_LETTERS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut low = 0u32;
    while low < 0x100 {
        if let Some(c) = char::from_u32(0x600 + low)
            && is_arabic_letter(c)
        {
            bits[(low >> 6) as usize] |= 1 << (low & 63);
        }
        low += 1;
    }
    bits
};

/// What [`ScriptWeight::of`] counts in the word being read.
#[derive(Debug, Default)]
struct Word {
    /// Byte where the word starts.
    start: usize,
    ar: usize,
    lat: usize,
    upper: usize,
    /// Whether it holds `@`, `/` or `:` (it may be an address).
    marks: bool,
}

/// URLs, e-mail addresses, handles and paths: Latin letters that are not English words.
fn looks_like_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.contains('@')
        || (word.contains('/') && word.contains('.'))
}

/// The language of a paragraph from its script, or `None` when it has no letters.
pub fn detect(text: &str) -> Option<Lang> {
    ScriptWeight::of(text).lang()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_alphabetic_is_that_of_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    /// The plain definition the one-pass [`ScriptWeight::of`] must agree with.
    fn reference(text: &str) -> ScriptWeight {
        let mut w = ScriptWeight::default();
        for word in text.split(char::is_whitespace) {
            if word.is_empty() || looks_like_address(word) {
                continue;
            }
            let ar = word.chars().filter(|&c| is_arabic_letter(c)).count();
            let lat = word.chars().filter(|&c| is_latin_letter(c)).count();
            let upper = word
                .chars()
                .filter(|&c| is_latin_letter(c) && c.is_uppercase())
                .count();
            if ar >= lat && ar > 0 {
                w.arabic += 1.0;
            } else if lat > 0 {
                w.latin += if upper == lat && lat >= 2 { 0.25 } else { 1.0 };
            }
        }
        w
    }

    /// The char-by-char pass the byte-level [`ScriptWeight::of`] replaced: every char decoded
    /// and tested as ASCII, Arabic letter, Latin letter, whitespace, in that order.
    fn char_by_char(text: &str) -> ScriptWeight {
        let mut w = ScriptWeight::default();
        let mut word = Word::default();
        for (i, c) in text.char_indices() {
            if c.is_ascii() {
                match c {
                    ' ' | '\t'..='\r' => {
                        w.add(&word, text, i);
                        word = Word {
                            start: i + 1,
                            ..Word::default()
                        };
                    }
                    'a'..='z' => word.lat += 1,
                    'A'..='Z' => {
                        word.lat += 1;
                        word.upper += 1;
                    }
                    '@' | '/' | ':' => word.marks = true,
                    _ => {}
                }
            } else if is_arabic_letter(c) {
                word.ar += 1;
            } else if is_latin_letter(c) {
                word.lat += 1;
                if c.is_uppercase() {
                    word.upper += 1;
                }
            } else if c.is_whitespace() {
                w.add(&word, text, i);
                word = Word {
                    start: i + c.len_utf8(),
                    ..Word::default()
                };
            }
        }
        w.add(&word, text, text.len());
        w
    }

    /// Pieces of text for the random mixes: Arabic (letters, harakat, tatweel, digits,
    /// punctuation, Persian, presentation forms), Latin (accented, upper case, Extended
    /// Additional), whitespace of every kind, address marks and whole addresses.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let fixed = proptest::sample::select(vec![
            "a",
            "Z",
            "CNN",
            "é",
            "É",
            "ß",
            "Ÿ",
            "ǅ",
            "Ḁ",
            "ẞ",
            "ỳ",
            "ب",
            "لا",
            "ـ",
            "َ",
            "ّ",
            "٣",
            "۵",
            "،",
            "؟",
            "پ",
            "ژ",
            "ی",
            "ﻻ",
            "ﷲ",
            "ﺎ",
            "ࢠ",
            "ࡰ",
            "7",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2000}",
            "\u{2003}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{1c}",
            "@",
            "/",
            ".",
            ":",
            "://",
            "www.",
            "w",
            "wiki",
            "x/y.z",
            "a@b.c",
            "https://x.org/a",
            "-",
            "«",
            "»",
            "🙂",
            "\u{202b}",
        ])
        .prop_map(str::to_owned);
        prop_oneof![
            4 => fixed,
            1 => any::<char>().prop_map(String::from),
            // Every char UTF-8 writes in two bytes: Latin-1, Latin Extended, Greek, Hebrew,
            // Arabic, Syriac, Thaana, NKo.
            1 => (0x80u32..0x800).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
            2 => (0x600u32..0x700).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn byte_level_weights_agree_with_the_char_by_char_pass(
            parts in proptest::collection::vec(piece(), 0..60),
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(ScriptWeight::of(&text), char_by_char(&text));
            proptest::prop_assert_eq!(ScriptWeight::of(&text), reference(&text));
        }

        #[test]
        fn one_pass_weights_agree_with_the_definition(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "CNN", "é", "É", "ب", "لا", "ـ", "َ", "٣", "7", " ", "\t", "\n", "\u{a0}",
                "\u{2003}", "@", "/", ".", ":", "://", "www.", "w", "x/y.z", "-", "«", "🙂",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(ScriptWeight::of(&text), reference(&text));
        }
    }

    /// `is_arabic_letter` is `Script=Arabic` and `General_Category=L*` exactly, as the Unicode
    /// Character Database gives them (Debian's `unicode-data` package; CI installs it).
    #[test]
    fn arabic_letters_are_exactly_the_scripts_letters() {
        let dir = std::path::Path::new("/usr/share/unicode");
        let (Ok(scripts), Ok(data)) = (
            std::fs::read_to_string(dir.join("Scripts.txt")),
            std::fs::read_to_string(dir.join("UnicodeData.txt")),
        ) else {
            eprintln!(
                "skipped: the UCD is not in {} (apt-get install unicode-data)",
                dir.display()
            );
            return;
        };
        let mut arabic = vec![false; 0x11_0000];
        for line in scripts.lines() {
            let mut fields = line
                .split('#')
                .next()
                .unwrap_or_default()
                .split(';')
                .map(str::trim);
            let (Some(range), Some("Arabic")) = (fields.next(), fields.next()) else {
                continue;
            };
            let (lo, hi) = range.split_once("..").unwrap_or((range, range));
            for code in u32::from_str_radix(lo, 16).unwrap()..=u32::from_str_radix(hi, 16).unwrap()
            {
                arabic[code as usize] = true;
            }
        }
        let mut letters = 0;
        for line in data.lines() {
            let mut fields = line.split(';');
            let (Some(code), Some(_), Some(category)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let code = u32::from_str_radix(code, 16).unwrap();
            let want = arabic[code as usize] && category.starts_with('L');
            letters += usize::from(want);
            // Surrogates are listed too, and are not chars.
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_arabic_letter(c), want, "U+{code:04X}");
        }
        assert!(letters > 1000, "{letters}");
        // No unassigned code point is a letter.
        let listed: std::collections::HashSet<u32> = data
            .lines()
            .filter_map(|l| u32::from_str_radix(l.split(';').next()?, 16).ok())
            .collect();
        for code in 0u32..0x11_0000 {
            if let Some(c) = char::from_u32(code) {
                assert!(
                    !is_arabic_letter(c) || listed.contains(&code),
                    "U+{code:04X}"
                );
            }
        }
    }

    #[test]
    fn the_arabic_block_holds_no_latin_letter_or_whitespace() {
        // What the bitmap fast path of `ScriptWeight::of` relies on.
        for c in '\u{0600}'..='\u{06FF}' {
            assert!(!is_latin_letter(c) && !c.is_whitespace(), "{c:?}");
            let low = u32::from(c) - 0x600;
            let bit = ARABIC_BLOCK_LETTERS[(low >> 6) as usize] >> (low & 63) & 1 == 1;
            assert_eq!(bit, is_arabic_letter(c), "{c:?}");
        }
    }

    #[test]
    fn every_char_of_the_arabic_block_weighs_as_a_char() {
        // Each char of the block alone, after a Latin letter and before one, and as a
        // word of its own: the byte path and the char path must agree on all of them.
        for c in '\u{0600}'..='\u{06FF}' {
            for text in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}b"),
                format!("x {c} y"),
                format!("ab{c}{c}"),
            ] {
                assert_eq!(ScriptWeight::of(&text), char_by_char(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn plain_paragraphs() {
        assert_eq!(detect("قال الرئيس إن المحادثات مستمرة."), Some(Lang::Ar));
        assert_eq!(
            detect("The talks go on, the president said."),
            Some(Lang::En)
        );
        assert_eq!(detect("2019 — 48"), None);
    }

    #[test]
    fn arabic_quoting_addresses_acronyms_and_names_stays_arabic() {
        assert_eq!(
            detect("زوروا https://example.com/path?a=1 أو راسلوا info@example.org اليوم"),
            Some(Lang::Ar)
        );
        assert_eq!(
            detect("قال Elon Musk إن شركة Tesla ستنمو (NASA)"),
            Some(Lang::Ar)
        );
        assert_eq!(detect("X هي منصة"), Some(Lang::Ar));
        assert_eq!(detect("مرحبا gpt-5"), Some(Lang::Ar));
    }

    #[test]
    fn english_quoting_arabic_stays_english() {
        assert_eq!(
            detect("The crowd chanted «الشعب يريد» as the minister arrived in Cairo."),
            Some(Lang::En)
        );
        assert_eq!(
            detect("The word مرحبا means hello, says Ahmad."),
            Some(Lang::En)
        );
    }

    #[test]
    fn persian_and_presentation_forms_are_arabic_script() {
        assert_eq!(detect("می‌خواهم پژوهش کنم"), Some(Lang::Ar));
        assert_eq!(detect("ﺎﺒﺣﺮﻣ"), Some(Lang::Ar));
    }
}
