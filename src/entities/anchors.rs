//! Anchor keys for the paragraph aligner (`document::align::AnchorKeys`): what a paragraph
//! names, as keys that are equal across the languages when two mentions name the same thing.
//!
//! Two kinds of key: a gazetteer entry named on the paragraph (a country, a city, a month, a
//! weekday, a public figure: the same entry on both sides whatever the spelling, so a translated
//! name such as الجزائر / Algeria counts), and a coarse transliteration skeleton of a name
//! (Simpson / سيمبسون, Pompeo / بومبيو): the consonant classes of [`skeleton`] merged further
//! (voiced and voiceless, the sibilants, the velars), without vowels and h, so that one key
//! comes out of the usual spellings of a name in both scripts. English names are the capitalised
//! words; on the Arabic side every word is a candidate, with and
//! without its proclitics (و ف ب ل ك, the article). Skeletons of fewer than three classes are
//! left out: too many ordinary Arabic words share them.
//!
//! Pure: text in, keys out; no I/O. The aligner does not depend on this module (the architecture
//! forbids it): the caller hands it these keys.

use super::gazetteer::Gazetteer;
use super::skeleton;
use crate::document::Lang;
use crate::document::normalize::fold;
use crate::document::script::is_arabic_letter;
use fnv::FnvHasher;
use std::hash::Hasher;

/// Fewest merged consonant classes a transliteration key needs.
const MIN_CLASSES: usize = 3;

/// Proclitics an Arabic word may carry before a name, longest first.
const PREFIXES: [&str; 11] = [
    "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
];

/// The anchor keys of `text`, a paragraph in `lang` (unsorted, may repeat).
pub fn keys(lang: Lang, text: &str) -> Vec<u64> {
    let folded = fold(text);
    let mut out = gazetteer_keys(lang, &folded);
    match lang {
        Lang::En => english_names(text, &mut out),
        Lang::Ar => arabic_words(&folded, &mut out),
    }
    out
}

/// A key: FNV-1a over a tag and bytes, so that keys of different kinds never meet.
fn key(tag: u8, bytes: &[u8]) -> u64 {
    let mut h = FnvHasher::default();
    h.write_u8(tag);
    h.write(bytes);
    h.finish()
}

/// Gazetteer entries named in `folded`, at word boundaries (an Arabic name may follow its
/// proclitics inside the word).
fn gazetteer_keys(lang: Lang, folded: &str) -> Vec<u64> {
    let g = Gazetteer::get();
    let hits = match lang {
        Lang::Ar => g.hits_ar(folded),
        Lang::En => g.hits_en(folded),
    };
    let mut out = Vec::new();
    for h in hits {
        let (Some(before), Some(after)) = (folded.get(..h.start), folded.get(h.end..)) else {
            continue;
        };
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let prefix = before.get(word_start..).unwrap_or("");
        let ok = prefix.is_empty() || (lang == Lang::Ar && PREFIXES.contains(&prefix));
        if ok {
            out.extend(h.entries.iter().map(|&e| key(b'g', &e.to_le_bytes())));
        }
    }
    out
}

/// The merged class of a skeleton class, or `None` for the classes left out (vowels, h).
fn merged(class: u8) -> Option<u8> {
    Some(match class {
        b'V' | b'H' => return None,
        b'D' => b'T',
        b'Z' | b'X' | b'C' | b'Q' => b'S',
        b'G' | b'J' | b'Y' | b'W' => b'K',
        c => c,
    })
}

/// The transliteration key of a skeleton, if it has enough classes (hashed as they come, the
/// hot path of the Arabic side allocates nothing more than the skeleton).
fn skeleton_key(s: &[u8]) -> Option<u64> {
    let (mut n, mut last) = (0usize, 0u8);
    let mut h = FnvHasher::default();
    h.write_u8(b's');
    for c in s.iter().filter_map(|&c| merged(c)) {
        if c != last {
            h.write_u8(c);
            n += 1;
            last = c;
        }
    }
    (n >= MIN_CLASSES).then_some(h.finish())
}

/// Whether an Arabic word has at least [`MIN_CLASSES`] letters that can make a class of its
/// key (not a long vowel, hamza, ʿayn or h): a cheap test before its skeleton.
fn may_have_key(w: &str) -> bool {
    w.chars()
        .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ء' | 'ؤ' | 'ئ' | 'ع' | 'ه' | 'ح' | 'خ'))
        .nth(MIN_CLASSES - 1)
        .is_some()
}

/// Whether a char is a letter, ASCII tested first (the general Unicode lookup is slow).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// Keys of the capitalised English words of `text`. Those that open a sentence count too
/// (Pompeo said…): a common word that opens one rarely has three classes and a namesake in the
/// Arabic paragraph beside it.
fn english_names(text: &str, out: &mut Vec<u64>) {
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_letter(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                start = None;
                let Some(w) = text.get(b..i) else { continue };
                if !w.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                // `skeleton::english` lowercases: an ASCII word is folded already.
                let skeleton = if w.is_ascii() {
                    skeleton::english(w, true)
                } else {
                    skeleton::english(&fold(w), true)
                };
                if let Some(k) = skeleton_key(&skeleton) {
                    out.push(k);
                }
            }
            _ => {}
        }
    }
}

/// Keys of every Arabic word of `folded`, with and without its proclitics.
fn arabic_words(folded: &str, out: &mut Vec<u64>) {
    // Arabic letters are tested by range (the core letters first, then the whole table): the
    // general Unicode lookup is slow on this path.
    let in_word = |c: char| {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}')
            || c.is_ascii_alphabetic()
            || is_arabic_letter(c)
    };
    for w in folded.split(|c: char| !in_word(c)) {
        if !may_have_key(w) {
            continue;
        }
        let prefix = PREFIXES.iter().find(|p| w.starts_with(**p));
        let rest = prefix
            .and_then(|p| w.strip_prefix(p))
            .filter(|r| may_have_key(r));
        // A word with the article is no name without it (the skeleton drops a bare ال itself).
        let whole = !prefix.is_some_and(|p| p.contains("ال"));
        for f in whole.then_some(w).into_iter().chain(rest) {
            if let Some(k) = skeleton_key(&skeleton::arabic(f, true)) {
                out.push(k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(ar: &str, en: &str) -> usize {
        let a = keys(Lang::Ar, ar);
        let e = keys(Lang::En, en);
        a.iter().filter(|k| e.contains(k)).count()
    }

    #[test]
    fn a_transliterated_name_gives_the_same_key_in_both_scripts() {
        assert!(
            shared(
                "ألقت الشرطة القبض على سيمبسون",
                "Police arrested Dyteon Simpson"
            ) >= 1
        );
        assert!(shared("قال بومبيو إن", "He said Pompeo would") >= 1);
    }

    #[test]
    fn a_translated_place_name_meets_through_the_gazetteer() {
        assert!(shared("وصل إلى الجزائر أمس", "He arrived in Algeria yesterday") >= 1);
    }

    #[test]
    fn lowercase_words_and_short_skeletons_are_not_keys() {
        assert!(keys(Lang::En, "The minister said so.").is_empty());
        assert!(keys(Lang::En, "He saw Tom.").is_empty());
    }
}
