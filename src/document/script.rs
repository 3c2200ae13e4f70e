//! Telling Arabic paragraphs from English ones by their script, robustly.
//!
//! A paragraph is Arabic when Arabic-script words outweigh Latin ones. URLs, e-mail addresses and
//! all-capital acronyms do not count, and Latin words count for less than Arabic ones, so an Arabic
//! paragraph quoting a URL, an acronym or English names stays Arabic, and an English paragraph
//! quoting an Arabic phrase stays English. Pure: no I/O.

use super::Lang;

/// Whether `c` is a letter of the Arabic script (Arabic, Supplement, Extended-A/B, presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{0887}' | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
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
    /// One pass over the chars (this runs on every line of a file as it loads): a word is
    /// weighed when the whitespace after it is reached, and only a word holding `@`, `/` or
    /// `:`, or starting with `w`, is checked for being an address.
    pub fn of(text: &str) -> Self {
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

    /// Counts the word that ends at byte `end` of `text`.
    fn add(&mut self, word: &Word, text: &str, end: usize) {
        if word.ar == 0 && word.lat == 0 {
            return;
        }
        let body = text.get(word.start..end).unwrap_or("");
        if (word.marks || body.starts_with('w')) && looks_like_address(body) {
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

    proptest::proptest! {
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
