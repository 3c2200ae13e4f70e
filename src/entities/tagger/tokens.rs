//! The tagger's tokenizer, on source text: close to the corpora's own tokenization (CoNLL-2003
//! and `ANERcorp`), so that the words the model sees at run time look like those it learned from.
//!
//! Punctuation is split off, except inside a word (`U.S.`, `1996-08-22`, `al-Assad`, `1,200`);
//! a final period stays on initials and abbreviations (`J.`, `Mr.`, `Corp.`); English `'s` is a
//! token of its own. Arabic clitics stay on their word, as in `ANERcorp`.

use super::super::text::is_word_char;
use std::ops::Range;

/// Abbreviations that keep their final period (lowercase, without it).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "prof", "corp", "inc", "ltd", "co", "bros", "jan", "feb", "mar",
    "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "mt", "ft", "u.s", "u.k", "u.n",
];

/// Byte ranges of the tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] into a reused vector (cleared first).
pub fn tokenize_into(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() || c.is_control() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            if matches!(c, '\'' | '’') && is_clitic_s(text, end) {
                it.next();
                out.push(i..end + 1);
            } else {
                out.push(i..end);
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut inner_period = false;
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                it.next();
                continue;
            }
            let joins = matches!(d, '.' | '-' | '\'' | '’' | ',' | '/' | '&' | '\u{2010}');
            let next = text.get(j + d.len_utf8()..).and_then(|r| r.chars().next());
            let ok = joins
                && next.is_some_and(is_word_char)
                && (d != ',' || (c.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())))
                && !(matches!(d, '\'' | '’') && is_clitic_s(text, j + d.len_utf8()));
            if !ok {
                break;
            }
            inner_period |= d == '.'
                && text
                    .get(..j)
                    .and_then(|b| b.chars().next_back())
                    .is_some_and(char::is_alphabetic);
            it.next();
            if let Some((k, e)) = it.next() {
                end = k + e.len_utf8();
            }
        }
        // A final period stays on initials and abbreviations.
        if let Some(&(j, '.')) = it.peek() {
            let word = text.get(i..end).unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let abbr = word.len() <= 5
                && word.is_ascii()
                && ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str());
            if inner_period || initial || abbr {
                end = j + 1;
                it.next();
            }
        }
        out.push(i..end);
    }
}

/// Whether `'s` / `’s` starts right before byte `at` (the `s` position) and ends the word.
fn is_clitic_s(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    matches!(rest.next(), Some('s' | 'S')) && !rest.next().is_some_and(is_word_char)
}

/// Whether a token ends a sentence.
pub fn ends_sentence(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "؟")
}

/// The sentences of a tokenized text (`ranges`, from [`tokenize`] on `text`), as ranges of token
/// indices, in order: each ends after a token that ends a sentence, or at the end.
pub fn sentences<'a>(
    text: &'a str,
    ranges: &'a [Range<usize>],
) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= ranges.len() {
            return None;
        }
        let mut end = start;
        while end < ranges.len() {
            end += 1;
            let t = ranges.get(end - 1).and_then(|r| text.get(r.clone()));
            if t.is_some_and(ends_sentence) {
                break;
            }
        }
        let sent = start..end;
        start = end;
        Some(sent)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_after_their_stop_and_at_the_end() {
        let t = "Rain fell. Did it? Yes";
        let r = tokenize(t);
        let s: Vec<Range<usize>> = sentences(t, &r).collect();
        assert_eq!(s, [0..3, 3..6, 6..7]);
        assert_eq!(sentences("", &[]).count(), 0);
    }

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t)
            .into_iter()
            .map(|r| t.get(r).unwrap_or(""))
            .collect()
    }

    #[test]
    fn english_tokens_follow_conll() {
        assert_eq!(
            toks("Mr. Blair's U.S. visit, on 1996-08-22 (Anglo-French), cost $1,200.5."),
            [
                "Mr.",
                "Blair",
                "'s",
                "U.S.",
                "visit",
                ",",
                "on",
                "1996-08-22",
                "(",
                "Anglo-French",
                ")",
                ",",
                "cost",
                "$",
                "1,200.5",
                "."
            ]
        );
        assert_eq!(toks("said J. Smith."), ["said", "J.", "Smith", "."]);
    }

    #[test]
    fn arabic_tokens_keep_clitics_and_split_punctuation() {
        assert_eq!(
            toks("قال الرئيس، وبالقاهرة: «نعم»؟"),
            ["قال", "الرئيس", "،", "وبالقاهرة", ":", "«", "نعم", "»", "؟"]
        );
        assert_eq!(toks("مُحَمَّد"), ["مُحَمَّد"]);
    }
}
