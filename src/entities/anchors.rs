//! Anchor keys for the paragraph aligner (`document::align::AnchorKeys`): what a paragraph
//! names, as keys that are equal across the languages when two mentions name the same thing.
//!
//! Two kinds of key: a gazetteer entry named on the paragraph (a country, a city, a month, a
//! weekday, a public figure: the same entry on both sides whatever the spelling, so a translated
//! name such as الجزائر / Algeria counts), and a coarse transliteration skeleton of a name
//! (Simpson / سيمبسون, Pompeo / بومبيو): the consonant classes of [`skeleton`] merged further
//! (voiced and voiceless, the sibilants, the velars), without vowels and h, so that one key
//! comes out of the usual spellings of a name in both scripts. English names are the capitalised
//! words that do not open a sentence; on the Arabic side every word is a candidate, with and
//! without its proclitics (و ف ب ل ك, the article). Skeletons of fewer than three classes are
//! left out: too many ordinary Arabic words share them.
//!
//! Pure: text in, keys out; no I/O. The aligner does not depend on this module (the architecture
//! forbids it): the caller hands it these keys.

use super::gazetteer::Gazetteer;
use super::skeleton;
use crate::document::Lang;
use crate::document::normalize::fold;

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
        Lang::En => english_names(&folded, text, &mut out),
        Lang::Ar => arabic_words(&folded, &mut out),
    }
    out
}

/// FNV-1a over a tag and bytes: keys of different kinds never meet.
fn key(tag: u8, bytes: &[u8]) -> u64 {
    std::iter::once(tag)
        .chain(bytes.iter().copied())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
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

/// The transliteration key of a skeleton, if it has enough classes.
fn skeleton_key(s: &[u8]) -> Option<u64> {
    let mut classes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.iter().filter_map(|&c| merged(c)) {
        if classes.last() != Some(&c) {
            classes.push(c);
        }
    }
    (classes.len() >= MIN_CLASSES).then(|| key(b's', &classes))
}

/// Keys of the capitalised English words of `original` that do not open a sentence (their
/// folded forms in `folded`, which has the same words in the same order).
fn english_names(folded: &str, original: &str, out: &mut Vec<u64>) {
    let words = |s: &str| -> Vec<(usize, String)> {
        let mut v = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            match (c.is_alphabetic(), start) {
                (true, None) => start = Some(i),
                (false, Some(b)) => {
                    v.push((b, s.get(b..i).unwrap_or("").to_owned()));
                    start = None;
                }
                _ => {}
            }
        }
        v
    };
    let orig = words(original);
    let fold_words = words(folded);
    if orig.len() != fold_words.len() {
        return;
    }
    for ((at, w), (_, f)) in orig.iter().zip(&fold_words) {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let before = original.get(..*at).unwrap_or("").trim_end();
        let opens = before.is_empty()
            || before.ends_with(['.', '!', '?', ':', '"', '\u{201C}', '\'', '\u{2018}']);
        if opens {
            continue;
        }
        if let Some(k) = skeleton_key(&skeleton::english(f, true)) {
            out.push(k);
        }
    }
}

/// Keys of every Arabic word of `folded`, with and without its proclitics.
fn arabic_words(folded: &str, out: &mut Vec<u64>) {
    for w in folded.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 3 {
            continue;
        }
        let mut forms = vec![w];
        if let Some(rest) = PREFIXES.iter().find_map(|p| w.strip_prefix(p))
            && rest.chars().count() >= 3
        {
            forms.push(rest);
        }
        for f in forms {
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
    fn sentence_openers_and_short_skeletons_are_not_keys() {
        assert!(keys(Lang::En, "The minister said so.").is_empty());
        assert!(keys(Lang::En, "He saw Tom.").is_empty());
    }
}
