//! Tokens over folded text, Arabic proclitics, and the word lists the detectors share (their
//! words are data files under `assets/words/`, see [`WordSet`]).
//!
//! Works on the folded copy made by [`crate::document::normalize::Folded`]; every position here
//! is a byte offset into that folded text. Pure: no terminal, no I/O.

use crate::document::normalize::{Folded, is_arabic_mark};
use crate::document::script::is_arabic_letter;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The hasher of the entity finder's and the tagger's maps: FNV-1a (the `fnv` crate), fast on
/// the short keys they hold and the same on every run and platform, so training visits the maps
/// in the same order and writes the same weights.
pub type FnvBuild = fnv::FnvBuildHasher;

/// A fixed list of words, one a line in a data file under `assets/words/` compiled in with
/// `include_str!` (blank lines and `#` comments skipped), parsed into a hash set on first use.
#[derive(Debug)]
pub struct WordSet {
    source: &'static str,
    /// The words, the set, and the shortest and longest word in bytes.
    parsed: OnceLock<ParsedWords>,
}

#[derive(Debug)]
struct ParsedWords {
    words: Vec<&'static str>,
    set: HashSet<&'static str, FnvBuild>,
    lo: usize,
    hi: usize,
}

impl WordSet {
    /// A set over the words of a list file's text.
    pub const fn file(source: &'static str) -> Self {
        WordSet {
            source,
            parsed: OnceLock::new(),
        }
    }

    fn parsed(&self) -> &ParsedWords {
        self.parsed.get_or_init(|| {
            let words: Vec<&'static str> = self
                .source
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            ParsedWords {
                lo: words.iter().map(|w| w.len()).min().unwrap_or(0),
                hi: words.iter().map(|w| w.len()).max().unwrap_or(0),
                set: words.iter().copied().collect(),
                words,
            }
        })
    }

    /// The words, as listed.
    pub fn words(&self) -> &[&'static str] {
        &self.parsed().words
    }

    /// Whether `w` is one of the words.
    pub fn contains(&self, w: impl AsRef<str>) -> bool {
        let w = w.as_ref();
        let p = self.parsed();
        (p.lo..=p.hi).contains(&w.len()) && p.set.contains(w)
    }
}

/// Something that can say whether it holds a word: a [`WordSet`] or a plain list.
pub trait Words {
    /// Whether `w` is one of the words.
    fn has(&self, w: &str) -> bool;
}

impl Words for WordSet {
    fn has(&self, w: &str) -> bool {
        self.contains(w)
    }
}

impl Words for [&str] {
    fn has(&self, w: &str) -> bool {
        self.contains(&w)
    }
}

/// A table keyed by its first column.
impl<T> Words for [(&str, T)] {
    fn has(&self, w: &str) -> bool {
        self.iter().any(|x| x.0 == w)
    }
}

/// A table keyed by its first column.
impl<T, U> Words for [(&str, T, U)] {
    fn has(&self, w: &str) -> bool {
        self.iter().any(|x| x.0 == w)
    }
}

impl<const N: usize> Words for [&str; N] {
    fn has(&self, w: &str) -> bool {
        self.contains(&w)
    }
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and marks or digits after letters).
    Word,
    /// Digits, with inner `,` `.` `٫` `٬` separators followed by digits.
    Number,
    /// A single other visible char: punctuation or a symbol.
    Punct,
}

/// A token of folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// Its kind.
    pub kind: TokKind,
    /// Whether only spaces separate it from the previous token (and there is one).
    pub spaced: bool,
}

/// A paragraph prepared for detection: its folded copy and tokens.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The source text.
    pub src: &'a str,
    /// The folded copy with its byte map.
    pub folded: Folded,
    /// Tokens of the folded copy.
    pub toks: Vec<Tok>,
    /// What [`Prepared::title_cased`] counts, for the whole paragraph on first use.
    title_case: OnceLock<TitleCase>,
}

/// A paragraph's sentence ends and its words counted for [`Prepared::title_cased`].
#[derive(Debug, Clone, Default)]
struct TitleCase {
    /// The tokens that end a sentence, in order.
    ends: Vec<usize>,
    /// For each token index `i`, the words before it, and of those the capitalised ones
    /// (`toks.len() + 1` entries each).
    words: Vec<u32>,
    caps: Vec<u32>,
}

impl<'a> Prepared<'a> {
    /// Fold and tokenize `src`.
    pub fn new(src: &'a str) -> Self {
        let folded = Folded::new(src);
        let toks = tokenize(&folded.text);
        Prepared {
            src,
            folded,
            toks,
            title_case: OnceLock::new(),
        }
    }

    /// Whether every word of the sentence around `at` (folded bytes) but the short function
    /// words starts with a capital: a headline in title case, where capitals say nothing about
    /// names. The paragraph is read once, on the first question; each later one is a lookup.
    pub fn title_cased(&self, at: usize) -> bool {
        let tc = self.title_case.get_or_init(|| self.count_title_case());
        let here = self.tok_containing(at).unwrap_or(0);
        // The sentence: after the last end before `here`, up to the first end after it.
        let after = tc.ends.partition_point(|&e| e < here);
        let first = after
            .checked_sub(1)
            .and_then(|k| tc.ends.get(k))
            .map_or(0, |&e| e + 1);
        let end = tc.ends[after..]
            .iter()
            .find(|&&e| e > here)
            .map_or(self.toks.len(), |&e| e);
        let count = |v: &[u32]| {
            v.get(end)
                .zip(v.get(first))
                .map_or(0, |(b, a)| b.saturating_sub(*a))
        };
        let (words, caps) = (count(&tc.words), count(&tc.caps));
        // Title case capitalises every word but the short function words: one ordinary word in
        // lowercase makes a sentence whose capitals are its names ("Hamid Karimi rallies in
        // West Virginia").
        words >= 3 && caps == words
    }

    fn count_title_case(&self) -> TitleCase {
        // A period after a single letter, a title or the plural of a short one, or with no
        // space after it, ends an abbreviation (U.S., Mr., Sens.), not the sentence.
        let end_of_sentence = |i: usize| match self.tok(i) {
            "!" | "?" => true,
            "." => {
                let before = if i > 0 { self.tok(i - 1) } else { "" };
                let short_plural = before
                    .strip_suffix('s')
                    .is_some_and(|t| t.len() <= 3 && EN_TITLES.contains(t));
                let abbreviation = i > 0
                    && self.toks.get(i).is_some_and(|t| !t.spaced)
                    && (before.chars().nth(1).is_none()
                        || EN_TITLES.contains(before)
                        || short_plural);
                let glued_after = self.toks.get(i + 1).is_some_and(|t| !t.spaced);
                !abbreviation && !glued_after
            }
            _ => false,
        };
        let mut tc = TitleCase {
            ends: Vec::new(),
            words: Vec::with_capacity(self.toks.len() + 1),
            caps: Vec::with_capacity(self.toks.len() + 1),
        };
        tc.words.push(0);
        tc.caps.push(0);
        let (mut words, mut caps) = (0u32, 0u32);
        for (i, t) in self.toks.iter().enumerate() {
            if end_of_sentence(i) {
                tc.ends.push(i);
            }
            let w = self.tok(i);
            // Words of two letters or more (a possessive 's is none).
            if t.kind == TokKind::Word
                && w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
                && !EN_STOP.contains(w)
                && !EN_TITLES.contains(w)
            {
                words += 1;
                caps += u32::from(self.cap_at(t.start));
            }
            tc.words.push(words);
            tc.caps.push(caps);
        }
        tc
    }

    /// Folded text of token `i` (empty when out of range).
    pub fn tok(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.folded.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Folded text between two byte offsets (empty when not on char boundaries).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.folded.text.get(start..end).unwrap_or("")
    }

    /// The source text that the folded byte range `start..end` came from (empty when out of
    /// range): what a report quotes.
    pub fn source(&self, start: usize, end: usize) -> &'a str {
        let r = self.folded.source_range(self.src, start, end);
        self.src.get(r).unwrap_or("")
    }

    /// Whether token `i` starts with an uppercase letter in the source.
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| self.cap_at(t.start))
    }

    /// Whether the source char at folded byte `pos` is uppercase.
    pub fn cap_at(&self, pos: usize) -> bool {
        self.folded
            .map
            .get(pos)
            .and_then(|&s| self.src.get(s..))
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Whether the token is all uppercase in the source (an acronym) and at least 2 letters.
    pub fn is_acronym(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let s = self.folded.map.get(t.start).copied().unwrap_or(0);
        let e = self.folded.map.get(t.end).copied().unwrap_or(s);
        self.src.get(s..e).is_some_and(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        })
    }

    /// Index of the token starting at folded byte `pos`, if any.
    pub fn tok_at(&self, pos: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&pos, |t| t.start).ok()
    }

    /// Index of the token that is exactly the span `start..end` (folded bytes), if any: a span
    /// of one word.
    pub fn tok_spanning(&self, start: usize, end: usize) -> Option<usize> {
        self.tok_at(start)
            .filter(|&i| self.toks.get(i).is_some_and(|t| t.end == end))
    }

    /// The first and the last token of the folded span `start..end`: those holding its first
    /// and its last byte. None for an empty span or one that starts or ends between tokens.
    pub fn tok_bounds(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.tok_containing(start)?;
        let last = self.tok_containing(end.checked_sub(1)?)?;
        Some((first, last))
    }

    /// Index of the token containing folded byte `pos`, if any.
    pub fn tok_containing(&self, pos: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.end <= pos);
        self.toks.get(i).filter(|t| t.start <= pos).map(|_| i)
    }

    /// Whether token `i` begins a sentence (first token, or after `.` `!` `?` `:` `«` `"`).
    pub fn sentence_initial(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.tok(j) {
                "." | "!" | "?" | ":" | "\"" | "«" | "“" | "(" | "—" | "–" => return true,
                "'" | "‘" => {}
                _ => return false,
            }
        }
        true
    }
}

/// Letters, digits and Arabic marks. Fast paths for ASCII and the Arabic block, which is
/// nearly all of what the reader sees; the Unicode tables for the rest. The Arabic letters are
/// the document's ([`is_arabic_letter`]), so tokens and script detection agree.
pub fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{0600}'..='\u{06FF}' => ARABIC_WORD_CHARS[c as usize - 0x600],
        _ => c.is_alphanumeric() || is_arabic_mark(c),
    }
}

/// [`is_word_char`] of each char of the Arabic block (U+0600 to U+06FF): the Arabic-Indic and
/// extended (Persian, Urdu) digits, the letters and the marks.
static ARABIC_WORD_CHARS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x600 + i as u32) {
            t[i] = matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
                || is_arabic_letter(c)
                || is_arabic_mark(c);
        }
        i += 1;
    }
    t
};

/// Split folded text into words, numbers and punctuation; whitespace separates.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut spaced = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = !toks.is_empty();
            continue;
        }
        let sp = spaced && !toks.is_empty();
        spaced = false;
        if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, ',' | '.' | '٫' | '٬')
                    && text
                        .get(j + d.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|n| n.is_ascii_digit())
                {
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push(Tok {
                start: i,
                end,
                kind: TokKind::Number,
                spaced: sp,
            });
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) && !d.is_ascii_digit() {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push(Tok {
                start: i,
                end,
                kind: TokKind::Word,
                spaced: sp,
            });
        } else {
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Punct,
                spaced: sp,
            });
        }
    }
    toks
}

/// The Arabic proclitic prefixes a name may carry, folded: `(و|ف)?(ب|ل|ك)?(ال)?`.
///
/// `name_has_al` says whether the name itself starts with the article (then a prefix cannot
/// also end with it).
pub fn is_proclitic(prefix: &str, name_has_al: bool) -> bool {
    let mut rest = prefix;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        rest = r;
    }
    if let Some(r) = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'))
    {
        rest = r;
    }
    if !name_has_al && let Some(r) = rest.strip_prefix("ال") {
        rest = r;
    }
    rest.is_empty()
}

/// A folded Arabic word that starts with ل before the article, whose alif it drops (للجنوب,
/// ل + الجنوب; للقاضي), written with the article (الجنوب); `None` for any other word.
pub fn restore_article(w: &str) -> Option<String> {
    w.strip_prefix("لل").map(|rest| format!("ال{rest}"))
}

/// A folded Arabic word without its article and the proclitics before it: `(و|ف)?(ب|ك)?ال`
/// or `(و|ف)?لل` (ل + ال: والرباعية, للجنوب → رباعية, جنوب); the word itself when it has no
/// article.
pub fn without_article(w: &str) -> &str {
    let rest = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    ["ال", "بال", "كال", "لل"]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(w)
}

/// The ways to split an Arabic word into proclitic + stem, longest stem first (no split first):
/// each prefix that [`is_proclitic`] accepts for its stem, with a stem of two letters or more.
pub fn proclitic_splits(word: &str) -> impl Iterator<Item = (usize, &str)> {
    // The groups of `(و|ف)?(ب|ل|ك)?(ال)?` are told apart by their first letters, so the
    // prefixes that are proclitics are the word's start read group by group, each prefix
    // ending where a group ends.
    let mut ends = [0usize; 3];
    let mut n = 0;
    let mut at = 0;
    let mut group = |forms: &[&str]| {
        let rest = word.as_bytes().get(at..).unwrap_or(&[]);
        if let Some(f) = forms.iter().find(|f| rest.starts_with(f.as_bytes())) {
            at += f.len();
            ends[n] = at;
            n += 1;
            true
        } else {
            false
        }
    };
    group(&["و", "ف"]);
    group(&["ب", "ل", "ك"]);
    let article_end = group(&["ال"]).then_some(at);
    std::iter::once((0, word)).chain(ends.into_iter().take(n).filter_map(move |i| {
        let stem = word.get(i..)?;
        // A stem with its own article takes no article before it.
        let article_twice = Some(i) == article_end && stem.starts_with("ال");
        (!article_twice && stem.chars().nth(1).is_some()).then_some((i, stem))
    }))
}

/// Strip one proclitic combination so that the stem is one of `words`; returns the prefix
/// length in bytes.
pub fn strip_to<W: Words + ?Sized>(word: &str, words: &W) -> Option<usize> {
    proclitic_splits(word)
        .find(|(_, stem)| words.has(stem))
        .map(|(i, _)| i)
}

/// The Arabic ordinal with the article (or the number with it, الواحدة) that starts at token
/// `i`, either gender: الثالثة (3), الحادي عشر (11), الثانية عشرة (12), الخامسة والثلاثين (35),
/// العشرين (20); its value and its last token. A day of the month (الأول من أكتوبر), an age
/// (في العاشرة من عمره), an hour (الساعة الثالثة).
pub fn ar_ordinal(p: &Prepared, i: usize) -> Option<(u32, usize)> {
    const TENS: &[(&str, u32)] = &[
        ("عشر", 20),
        ("ثلاث", 30),
        ("اربع", 40),
        ("خمس", 50),
        ("ست", 60),
        ("سبع", 70),
        ("ثمان", 80),
        ("تسع", 90),
    ];
    let tens = |w: &str| {
        let stem = w.strip_suffix("ين").or_else(|| w.strip_suffix("ون"))?;
        TENS.iter().find(|t| t.0 == stem).map(|t| t.1)
    };
    // With the article, and any proclitics before it (والعاشرة, بالثالثة).
    let w = without_article(p.tok(i));
    if w.len() == p.tok(i).len() {
        return None;
    }
    let Some(u) = ar_ordinal_unit(w) else {
        return tens(w).map(|t| (t, i));
    };
    let next = p.tok(i + 1);
    if u < 10 && matches!(next, "عشر" | "عشره") {
        return Some((u + 10, i + 1));
    }
    if u < 10
        && let Some(t) = next.strip_prefix("وال").and_then(tens)
    {
        return Some((u + t, i + 1));
    }
    // حادي/حادية only opens a compound: الحادي عشر (11), الحادية والعشرين (21).
    (!w.starts_with("حادي")).then_some((u, i))
}

/// The value of an Arabic ordinal from first to tenth, folded and without the article, either
/// gender: ثالث and ثالثه (3), اول and اولي (1), عاشر (10); and حادي, the first of a compound
/// ordinal (الحادي عشر, 11).
pub fn ar_ordinal_unit(w: &str) -> Option<u32> {
    const UNITS: &[(&str, u32)] = &[
        ("اول", 1),
        ("واحد", 1),
        ("حادي", 1),
        ("ثاني", 2),
        ("ثالث", 3),
        ("رابع", 4),
        ("خامس", 5),
        ("سادس", 6),
        ("سابع", 7),
        ("ثامن", 8),
        ("تاسع", 9),
        ("عاشر", 10),
    ];
    // The feminine's ة (folded ه) and the feminine أولى (folded اولي).
    let w = w.strip_suffix('ه').unwrap_or(w);
    let w = if w == "اولي" { "اول" } else { w };
    UNITS.iter().find(|u| u.0 == w).map(|u| u.1)
}

/// The Roman numerals of regnal numbers, second to twentieth, folded (the first, I, is also
/// the pronoun).
const REGNAL: [&str; 19] = [
    "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// The value of an English word that is a regnal number ([`REGNAL`]: 2 to 20), in either
/// case (II, ii).
pub fn regnal_value(w: &str) -> Option<u32> {
    REGNAL
        .iter()
        .position(|r| r.eq_ignore_ascii_case(w))
        .and_then(|i| u32::try_from(i + 2).ok())
}

/// A folded English name that ends with a regnal number (louis xiv): the name before it, and
/// its value.
pub fn en_regnal(name: &str) -> Option<(&str, u32)> {
    let (core, last) = name.rsplit_once(' ')?;
    Some((core, regnal_value(last)?))
}

/// The family name of a person's name (folded or as written): its last word, where it has
/// several and the last is no regnal number. A king's or a pope's number is no family name
/// (Abdullah II, عبد الله الثاني, لويس الرابع عشر), and taken for one it would name him wherever
/// the word stands alone (المصنف الثاني, "the second seed"); آل ثاني, the Al Thani family, has
/// no article and keeps its name.
pub fn family_name(name: &str) -> Option<&str> {
    let (_, last) = name.rsplit_once(' ')?;
    let regnal = regnal_value(last).is_some()
        || matches!(last, "عشر" | "عشره" | "عشرة")
        || ar_ordinal_word(last).is_some();
    (!regnal).then_some(last)
}

/// The value of a folded Arabic ordinal of the units with its article and nothing before it
/// (الثاني, 2; الاولي, 1; not والثاني), as a regnal number is written.
fn ar_ordinal_word(w: &str) -> Option<u32> {
    ar_ordinal_unit(w.strip_prefix("ال")?)
}

/// The regnal number a folded Arabic name ends with (عبد الله الثاني, 2; لويس الرابع عشر, 14),
/// from the second to the nineteenth.
pub fn ar_regnal_value(name: &str) -> Option<u32> {
    let mut words = name.rsplit(' ');
    let last = words.next()?;
    let value = if matches!(last, "عشر" | "عشره") {
        10 + ar_ordinal_word(words.next()?)?
    } else {
        ar_ordinal_word(last)?
    };
    (2..=19).contains(&value).then_some(value)
}

/// The Arabic ordinals first to tenth, folded (الاول for الأول): regnal numbers (عبد الله الثاني)
/// and days of the month (الأول من أكتوبر).
pub const AR_ORDINALS: [&str; 10] = [
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
];

/// Arabic function words and frequent verbs that never belong to a name (folded).
pub static AR_STOP: WordSet = WordSet::file(include_str!("../../assets/words/ar-stop.txt"));

/// English words that start sentences or headings in capitals but are never names (folded).
pub static EN_STOP: WordSet = WordSet::file(include_str!("../../assets/words/en-stop.txt"));

/// English titles before a person's name (folded, single words).
pub static EN_TITLES: WordSet = WordSet::file(include_str!("../../assets/words/en-titles.txt"));

/// English words after a name that make it a person (folded).
pub static EN_SPEECH: WordSet = WordSet::file(include_str!("../../assets/words/en-speech.txt"));

/// English words before a name that make it a place (folded).
pub static EN_LOC_CUES: WordSet = WordSet::file(include_str!("../../assets/words/en-loc-cues.txt"));

/// Letters from which an Arabic word is likely several run together (real texts lose spaces:
/// الأمريكيمايكبومبيو).
pub const GLUED: usize = 11;

/// Letters up to which such a word is searched run by run for a name; a longer one is no text
/// that lost its spaces but a wall of letters, and searching it would cost its length times the
/// name's.
pub const GLUED_MAX: usize = 48;

/// Words run together searched run by run in a paragraph or a pair, at most (a real paragraph
/// that lost its spaces has a dozen).
pub const GLUED_WORDS: usize = 16;

/// A folded Arabic word without the relative pronoun that real texts run onto its end (دوغالذي,
/// "Dogg who": دوغ), if it has one and two letters or more are left.
pub fn without_glued_tail(w: &str) -> Option<&str> {
    const TAILS: [&str; 4] = ["الذي", "التي", "الذين", "اللذين"];
    TAILS
        .iter()
        .find_map(|t| w.strip_suffix(t))
        .filter(|h| h.chars().count() >= 2)
}

/// Organisations of today's news that the models read as people or places (folded; both
/// languages): a person or place span that is exactly one of them is dropped.
pub static ORGANIZATIONS: WordSet =
    WordSet::file(include_str!("../../assets/words/organizations.txt"));

/// English words that end an organisation's name (folded).
pub static EN_ORG_WORDS: WordSet =
    WordSet::file(include_str!("../../assets/words/en-org-words.txt"));

/// English words after a name that make the whole a place (folded).
pub static EN_LOC_WORDS: WordSet =
    WordSet::file(include_str!("../../assets/words/en-loc-words.txt"));

/// Arabic titles before a person's name (folded); `وزير` and the like take a genitive after.
pub static AR_PER_TITLES: WordSet =
    WordSet::file(include_str!("../../assets/words/ar-per-titles.txt"));

/// Arabic kinship and companion words with a possessive pronoun (أختي, صديقه; folded): outside
/// a person's name, as titles are, but no feature of the tagger.
pub static AR_KIN: WordSet = WordSet::file(include_str!("../../assets/words/ar-kin.txt"));

/// Arabic titles of monarchs (الملك, البابا, السلطان; folded), after which a name's regnal
/// ordinal belongs to it: no feature of the tagger.
pub static AR_MONARCH_TITLES: WordSet =
    WordSet::file(include_str!("../../assets/words/ar-monarch-titles.txt"));

/// English words of kinship and company, after which one word is a person ("my sister Rachel").
pub static EN_KIN: WordSet = WordSet::file(include_str!("../../assets/words/en-kin.txt"));

/// Arabic words before a place's name (folded).
pub static AR_LOC_CUES: WordSet = WordSet::file(include_str!("../../assets/words/ar-loc-cues.txt"));

/// Arabic words that open an organisation's name (folded).
pub static AR_ORG_CUES: WordSet = WordSet::file(include_str!("../../assets/words/ar-org-cues.txt"));

/// Stage directions of talk transcripts and subtitles, `(Laughter)` (folded).
pub static EN_STAGE_DIRECTIONS: WordSet =
    WordSet::file(include_str!("../../assets/words/en-stage-directions.txt"));

/// English verbs that only a person does (laughed, whispered, nodded; folded): a word the tagger
/// reads as a place right before one is a person told of by name.
pub static EN_PERSON_VERBS: WordSet =
    WordSet::file(include_str!("../../assets/words/en-person-verbs.txt"));

/// English words used as names that translate as common nouns: Mom, Dad, God (folded).
pub static EN_COMMON_NAMES: WordSet =
    WordSet::file(include_str!("../../assets/words/en-common-names.txt"));

/// Arabic dual nouns read as the number 2 (يومين, two days).
pub static AR_PAIRS: WordSet = WordSet::file(include_str!("../../assets/words/ar-pair-nouns.txt"));

/// Whether a folded Arabic word is in one of the lists after stripping its proclitics.
pub fn ar_in<W: Words + ?Sized>(word: &str, list: &W) -> Option<usize> {
    strip_to(word, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regnal_number_is_no_family_name() {
        for (name, family) in [
            ("Jeremy Corbyn", Some("Corbyn")),
            ("حمد بن جاسم آل ثاني", Some("ثاني")),
            ("Abdullah II", None),
            ("king abdullah ii", None),
            ("عبد الله الثاني", None),
            ("لويس الرابع عشر", None),
            ("فؤاد الاول", None),
            ("Corbyn", None),
        ] {
            assert_eq!(family_name(name), family, "{name}");
        }
    }

    #[test]
    fn abbreviations_end_no_sentence_of_a_title_cased_line() {
        let p = Prepared::new(
            "However, U.S. Secretary of State Mike Pompeo told the U.N. Security Council on \
             Thursday that sanctions must continue vigorously and without fail.",
        );
        let at = p.folded.text.find("mike").unwrap_or(0);
        assert!(!p.title_cased(at));
        let h = Prepared::new("Harvard Students Take Course in Getting Enough Rest");
        assert!(h.title_cased(h.folded.text.find("course").unwrap_or(0)));
        // The plural of a short title: "Sens." and "Reps." end no sentence.
        let p = Prepared::new(
            "The phone numbers of U.S. Sens. Lindsey Graham of South Carolina, and Mike Lee \
             and Orrin Hatch, both of Utah.",
        );
        assert!(!p.title_cased(p.folded.text.find("mike").unwrap_or(0)));
        let p = Prepared::new("It was signed by Reps. Ann Wagner and Jim Banks.");
        assert!(!p.title_cased(p.folded.text.find("wagner").unwrap_or(0)));
    }

    #[test]
    fn a_line_of_names_with_one_word_in_lowercase_is_no_title() {
        // Four of five words capitalised, but they are names: "rallies" says sentence case.
        let p = Prepared::new("Hamid Karimi rallies in West Virginia");
        assert!(!p.title_cased(0));
        // A possessive is no word of its own.
        let h = Prepared::new("Trump's West Virginia Rally Time, YouTube Channel");
        assert!(h.title_cased(h.folded.text.find("youtube").unwrap_or(0)));
    }

    #[test]
    fn each_sentence_of_a_paragraph_is_title_cased_or_not_on_its_own() {
        let p = Prepared::new(
            "The minister spoke on Monday. Harvard Students Take Course in Getting Enough Rest! \
             Later John Smith met reporters in lowercase words.",
        );
        let at = |w: &str| p.folded.text.find(w).unwrap_or(0);
        assert!(!p.title_cased(at("minister")));
        assert!(p.title_cased(at("harvard")));
        assert!(p.title_cased(at("rest")));
        // The mark that ends the headline belongs to it and to the next sentence.
        assert!(!p.title_cased(at("!")));
        assert!(!p.title_cased(at("john")));
        assert!(!Prepared::new("").title_cased(0));
    }

    #[test]
    fn relative_pronouns_run_onto_a_word_come_off() {
        assert_eq!(without_glued_tail("دوغالذي"), Some("دوغ"));
        assert_eq!(without_glued_tail("المدينهالتي"), Some("المدينه"));
        assert_eq!(without_glued_tail("الذي"), None);
        assert_eq!(without_glued_tail("دوغ"), None);
    }

    #[test]
    fn organizations_are_listed_folded() {
        for w in ORGANIZATIONS.words() {
            assert_eq!(crate::document::normalize::fold(w), *w);
        }
    }

    #[test]
    fn every_word_list_parses_without_duplicates() {
        for (name, set) in [
            ("ar-stop", &AR_STOP),
            ("en-stop", &EN_STOP),
            ("en-titles", &EN_TITLES),
            ("en-speech", &EN_SPEECH),
            ("en-loc-cues", &EN_LOC_CUES),
            ("en-org-words", &EN_ORG_WORDS),
            ("organizations", &ORGANIZATIONS),
            ("en-loc-words", &EN_LOC_WORDS),
            ("ar-per-titles", &AR_PER_TITLES),
            ("ar-loc-cues", &AR_LOC_CUES),
            ("ar-org-cues", &AR_ORG_CUES),
            ("ar-pair-nouns", &AR_PAIRS),
            ("en-stage-directions", &EN_STAGE_DIRECTIONS),
            ("en-common-names", &EN_COMMON_NAMES),
        ] {
            let words = set.words();
            assert!(!words.is_empty(), "{name}");
            let unique: HashSet<&str> = words.iter().copied().collect();
            assert_eq!(unique.len(), words.len(), "{name} lists a word twice");
            assert!(words.iter().all(|w| set.contains(w)), "{name}");
            assert!(!set.contains(""), "{name}");
        }
        let set = WordSet::file("# a comment\n\none\n  two  \n");
        assert_eq!(set.words(), ["one", "two"]);
        assert!(set.contains("two") && !set.contains("# a comment"));
    }

    #[test]
    fn tokens_keep_numbers_with_separators_whole() {
        let p = Prepared::new("بلغ 1,200.5 دولار، في ٢٠١٩!");
        let kinds: Vec<_> = (0..p.toks.len()).map(|i| p.tok(i)).collect();
        assert_eq!(kinds, ["بلغ", "1,200.5", "دولار", "،", "في", "2019", "!"]);
    }

    /// The splits as first written: every prefix of up to four letters that is a proclitic.
    fn proclitic_splits_by_trial(word: &str) -> Vec<(usize, &str)> {
        let may_split = word
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا'));
        let rest = if may_split { word } else { "" };
        std::iter::once((0, word))
            .chain(rest.char_indices().skip(1).take(4).filter_map(|(i, _)| {
                let (p, stem) = (rest.get(..i)?, rest.get(i..)?);
                (is_proclitic(p, stem.starts_with("ال")) && stem.chars().nth(1).is_some())
                    .then_some((i, stem))
            }))
            .collect()
    }

    #[test]
    fn proclitic_splits_are_those_of_every_prefix_tried() {
        let letters: Vec<char> = "وفبلكامر".chars().collect();
        // Every word of up to six of these letters.
        let (mut words, mut last) = (vec![String::new()], vec![String::new()]);
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        for w in &words {
            let fast: Vec<_> = proclitic_splits(w).collect();
            assert_eq!(fast, proclitic_splits_by_trial(w), "{w}");
        }
    }

    #[test]
    fn proclitics_are_the_allowed_combinations_only() {
        assert!(is_proclitic("و", false));
        assert!(is_proclitic("وب", true));
        assert!(is_proclitic("بال", false));
        assert!(!is_proclitic("بال", true));
        assert!(!is_proclitic("ر", false));
        assert_eq!(strip_to("والرئيس", &["الرئيس"]), Some(2));
        assert_eq!(strip_to("لترمب", &["ترمب"]), Some(2));
        assert_eq!(strip_to("رسول", &["سول"]), None);
    }

    #[test]
    fn the_article_comes_off_with_its_proclitics_and_back_after_lam() {
        for (w, bare) in [
            ("الجنوب", "جنوب"),
            ("والرباعية", "رباعية"),
            ("فبالمتجرين", "متجرين"),
            ("كالعادة", "عادة"),
            ("للجنوب", "جنوب"),
            ("وللجنوب", "جنوب"),
            // No article: the word as it is, its proclitics too.
            ("وثنائية", "وثنائية"),
            ("بغداد", "بغداد"),
            ("", ""),
        ] {
            assert_eq!(without_article(w), bare, "{w}");
        }
        assert_eq!(restore_article("للقاضي").as_deref(), Some("القاضي"));
        assert_eq!(restore_article("لبنان"), None);
    }

    #[test]
    fn capitals_and_sentence_starts_come_from_the_source() {
        let p = Prepared::new("Then Trump met KIM. Later, \"Seoul\" said");
        assert!(p.sentence_initial(0));
        assert!(p.is_cap(1) && !p.sentence_initial(1));
        assert!(p.is_acronym(3));
        let seoul = (0..p.toks.len()).find(|&i| p.tok(i) == "seoul").unwrap();
        assert!(p.sentence_initial(seoul));
    }
}
