//! Tokens over folded text, Arabic proclitics, and the small word lists the detectors share.
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

/// A fixed list of words with a hash set built on first use.
#[derive(Debug)]
pub struct WordSet {
    words: &'static [&'static str],
    /// The set, and the shortest and longest word in bytes.
    set: OnceLock<(HashSet<&'static str, FnvBuild>, usize, usize)>,
}

impl WordSet {
    /// A set over `words`.
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    /// The words, as listed.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `w` is one of the words.
    pub fn contains(&self, w: impl AsRef<str>) -> bool {
        let w = w.as_ref();
        let (set, lo, hi) = self.set.get_or_init(|| {
            let lo = self.words.iter().map(|w| w.len()).min().unwrap_or(0);
            let hi = self.words.iter().map(|w| w.len()).max().unwrap_or(0);
            (self.words.iter().copied().collect(), lo, hi)
        });
        (*lo..=*hi).contains(&w.len()) && set.contains(w)
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
}

impl<'a> Prepared<'a> {
    /// Fold and tokenize `src`.
    pub fn new(src: &'a str) -> Self {
        let folded = Folded::new(src);
        let toks = tokenize(&folded.text);
        Prepared { src, folded, toks }
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
        // Arabic-Indic and extended (Persian, Urdu) digits.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => true,
        '\u{0600}'..='\u{06FF}' => is_arabic_letter(c) || is_arabic_mark(c),
        _ => c.is_alphanumeric() || is_arabic_mark(c),
    }
}

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

/// The ways to split an Arabic word into proclitic + stem, longest stem first (no split first).
pub fn proclitic_splits(word: &str) -> impl Iterator<Item = (usize, &str)> {
    // Every proclitic starts with one of these letters; most words start with none.
    let may_split = word
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا'));
    let rest = if may_split { word } else { "" };
    std::iter::once((0, word)).chain(rest.char_indices().skip(1).take(4).filter_map(
        move |(i, _)| {
            let (p, stem) = (rest.get(..i)?, rest.get(i..)?);
            (is_proclitic(p, stem.starts_with("ال")) && stem.chars().nth(1).is_some())
                .then_some((i, stem))
        },
    ))
}

/// Strip one proclitic combination so that the stem is one of `words`; returns the prefix
/// length in bytes.
pub fn strip_to<W: Words + ?Sized>(word: &str, words: &W) -> Option<usize> {
    proclitic_splits(word)
        .find(|(_, stem)| words.has(stem))
        .map(|(i, _)| i)
}

/// Arabic function words and frequent verbs that never belong to a name (folded).
pub static AR_STOP: WordSet = WordSet::new(&[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "او",
    "ام",
    "ثم",
    "قد",
    "لقد",
    "كان",
    "كانت",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "الذي",
    "التي",
    "الذين",
    "بين",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "حتي",
    "منذ",
    "لدي",
    "لم",
    "لن",
    "لا",
    "ما",
    "ماذا",
    "هل",
    "بل",
    "لكن",
    "حيث",
    "اذ",
    "اذا",
    "كما",
    "كل",
    "بعض",
    "غير",
    "نحو",
    "ضد",
    "عبر",
    "امام",
    "وراء",
    "فوق",
    "تحت",
    "حول",
    "دون",
    "لدي",
    "الا",
    "انه",
    "انها",
    "بانه",
    "وان",
    "فان",
    "وقد",
    "وقال",
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "اضاف",
    "اضافت",
    "صرح",
    "يقول",
    "تقول",
    "اشار",
    "اشارت",
    "اوضح",
    "دعا",
    "دعت",
    "زار",
    "زارت",
    "التقي",
    "التقت",
    "استقبل",
    "وصل",
    "وصلت",
    "غادر",
    "يوم",
    "امس",
    "اليوم",
    "غدا",
    "الان",
    "ايضا",
    "جدا",
    "فقط",
    "هو",
    "هي",
    "هم",
    "نحن",
    "انا",
    "رئيس",
    "الرئيس",
    "وزير",
    "الوزير",
    "حكومه",
    "الحكومه",
    "عام",
    "العام",
    "سنه",
    "شهر",
    "مساء",
    "صباح",
    "ليله",
    "حين",
    "بينما",
    "فيما",
    "وفق",
    "وفقا",
    "حسب",
    "بحسب",
    "لدى",
    "يعد",
    "تعد",
    "يجب",
    "يمكن",
    "سوف",
    "سيتم",
    "تم",
    "يتم",
    "كي",
    "لكي",
    "لان",
    "لاجل",
]);

/// English words that start sentences or headings in capitals but are never names (folded).
pub static EN_STOP: WordSet = WordSet::new(&[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "as",
    "after",
    "before",
    "during",
    "since",
    "until",
    "while",
    "when",
    "where",
    "however",
    "according",
    "meanwhile",
    "although",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "there",
    "here",
    "if",
    "also",
    "but",
    "yet",
    "so",
    "then",
    "thus",
    "such",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "more",
    "less",
    "about",
    "over",
    "under",
    "between",
    "against",
    "among",
    "into",
    "through",
    "despite",
    "amid",
    "following",
    "earlier",
    "later",
    "last",
    "next",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "what",
    "who",
    "which",
    "why",
    "how",
    "one",
    "two",
    "three",
    "four",
    "five",
    "first",
    "second",
    "third",
    "new",
    "other",
    "another",
    "government",
    "officials",
    "sources",
    "reports",
    "report",
    "said",
    "says",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "do",
    "did",
    "does",
    "very",
    "just",
    "even",
    "still",
    "already",
    "again",
    "only",
    "once",
    "aboard",
    "alongside",
    "ahead",
    "within",
    "without",
    "towards",
    "toward",
    "onto",
    "upon",
    "via",
    "whose",
    "near",
    "across",
    "around",
    "along",
    "beyond",
    "than",
    "per",
    "like",
    "unlike",
]);

/// English titles before a person's name (folded, single words).
pub static EN_TITLES: WordSet = WordSet::new(&[
    "president",
    "mp",
    "sheikha",
    "eng",
    "lawyer",
    "activist",
    "attorney",
    "prosecutor",
    "engineer",
    "minister",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "mr",
    "mrs",
    "ms",
    "dr",
    "general",
    "gen",
    "sen",
    "senator",
    "governor",
    "chancellor",
    "pope",
    "secretary",
    "ambassador",
    "envoy",
    "imam",
    "mufti",
    "rep",
    "representative",
    "judge",
    "justice",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "admiral",
    "marshal",
    "mayor",
    "premier",
    "speaker",
    "crown",
    "professor",
    "prof",
    "coach",
    "sir",
    "lord",
    "lady",
    "cardinal",
    "archbishop",
    "bishop",
    "patriarch",
    "ayatollah",
    "commander",
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "chief",
    "vice",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "finance",
    "prime",
    "interior",
    "economy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "counterpart",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "forward",
    "player",
    "star",
    "champion",
    "singer",
    "writer",
    "author",
    "poet",
    "actor",
    "actress",
    "artist",
    "novelist",
    "economist",
    "analyst",
    "forecaster",
    "meteorologist",
    "scholar",
    "cleric",
    "preacher",
    "official",
    "reporter",
    "correspondent",
    "journalist",
    "candidate",
    "opponent",
    "rival",
    "predecessor",
    "successor",
    "manager",
    "founder",
    "governor-general",
    "host",
    "guest",
    "dean",
    "rector",
    "pilgrim",
    "doctor",
    "farmer",
    "trader",
    "student",
    "resident",
    "citizen",
    "teacher",
    "retiree",
    "nurse",
    "merchant",
    "fisherman",
    "driver",
    "worker",
    "runner",
    "athlete",
    "researcher",
    "historian",
    "archaeologist",
    "curator",
]);

/// English words after a name that make it a person (folded).
pub static EN_SPEECH: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "added",
    "announced",
    "stated",
    "stressed",
    "noted",
    "warned",
    "explained",
    "wrote",
    "tweeted",
    "insisted",
    "argued",
    "confirmed",
    "denied",
    "urged",
    "called",
    "met",
    "visited",
    "scored",
    "won",
    "signed",
    "described",
    "expressed",
]);

/// English words before a name that make it a place (folded).
pub static EN_LOC_CUES: WordSet = WordSet::new(&[
    "in",
    "at",
    "from",
    "near",
    "to",
    "into",
    "across",
    "toward",
    "towards",
    "outside",
    "inside",
    "throughout",
    "via",
    "through",
    "past",
    "around",
    "along",
    "beyond",
]);

/// English words that end an organisation's name (folded).
pub static EN_ORG_WORDS: WordSet = WordSet::new(&[
    "ministry",
    "party",
    "council",
    "organization",
    "organisation",
    "bank",
    "company",
    "university",
    "agency",
    "union",
    "nations",
    "committee",
    "federation",
    "association",
    "fund",
    "front",
    "movement",
    "corporation",
    "group",
    "league",
    "club",
    "authority",
    "commission",
    "court",
    "forces",
    "army",
    "news",
    "times",
    "post",
    "network",
    "institute",
    "foundation",
    "cooperation",
    "parliament",
    "assembly",
    "congress",
    "senate",
    "department",
    "office",
    "service",
    "services",
    "airlines",
    "airways",
    "fc",
    "inc",
    "ltd",
    "corp",
    "brotherhood",
    "hezbollah",
    "hamas",
    "taliban",
    "police",
    "guard",
    "navy",
    "cabinet",
    "school",
    "college",
    "academy",
    "hospital",
    "museum",
    "center",
    "centre",
    "forum",
    "summit",
    "treaty",
    "agreement",
    "accord",
    "conference",
    "cup",
    "championship",
    "olympics",
    "games",
    "festival",
    "award",
    "prize",
    "exchange",
    "index",
    "program",
    "programme",
    "project",
    "initiative",
    "ministers",
    "railway",
    "railways",
    "station",
    "directorate",
    "observatory",
    "sciences",
    "laboratory",
    "stadium",
    "mosque",
    "church",
    "airport",
    "hotel",
    "palace",
    "theatre",
    "theater",
    "gallery",
    "library",
]);

/// English words after a name that make the whole a place (folded).
pub static EN_LOC_WORDS: WordSet = WordSet::new(&[
    "city",
    "province",
    "governorate",
    "region",
    "river",
    "dam",
    "delta",
    "oasis",
    "mountains",
    "mountain",
    "island",
    "islands",
    "valley",
    "desert",
    "sea",
    "ocean",
    "lake",
    "bay",
    "strait",
    "canal",
    "peninsula",
    "county",
    "state",
    "district",
    "square",
    "street",
    "airport",
    "port",
    "camp",
    "border",
    "village",
    "town",
    "coast",
    "plain",
    "plateau",
    "heights",
    "gulf",
    "camps",
    "cities",
    "villages",
    "towns",
    "provinces",
    "regions",
    "districts",
    "governorates",
    "suburbs",
    "neighbourhood",
    "neighborhood",
    "area",
    "areas",
    "sites",
    "site",
    "countries",
    "capitals",
    "ports",
]);

/// Arabic titles before a person's name (folded); `وزير` and the like take a genitive after.
pub static AR_PER_TITLES: WordSet = WordSet::new(&[
    "الرئيس",
    "الزعيم",
    "الامير",
    "الاميره",
    "الملك",
    "الملكه",
    "الشيخ",
    "الشيخه",
    "السيد",
    "السيده",
    "الوزير",
    "الوزيره",
    "وزير",
    "وزيره",
    "الجنرال",
    "اللواء",
    "العقيد",
    "العميد",
    "المشير",
    "الدكتور",
    "الدكتوره",
    "د",
    "المستشار",
    "المستشاره",
    "الامام",
    "المفتي",
    "البابا",
    "السلطان",
    "المدرب",
    "اللاعب",
    "اللاعبه",
    "النجم",
    "النجمه",
    "المهاجم",
    "المدافع",
    "الحارس",
    "الفنان",
    "الفنانه",
    "الكاتب",
    "الكاتبه",
    "الشاعر",
    "الروائي",
    "المتحدث",
    "المتحدثه",
    "الناطقه",
    "السيناتور",
    "السيناتوره",
    "والي",
    "المحلله",
    "القيادي",
    "القياديه",
    "الباحثه",
    "الناطق",
    "المبعوث",
    "السفير",
    "السفيره",
    "امير",
    "ملك",
    "شيخ",
    "رئيسه",
    "رئيس",
    "الداعيه",
    "العلامه",
    "القاضي",
    "المحلل",
    "الخبير",
    "الخبيره",
    "الصحفي",
    "الصحفيه",
    "المخرج",
    "المطرب",
    "المطربه",
    "المغني",
    "المغنيه",
    "البطل",
    "البطله",
    "الحاكم",
    "المحافظ",
    "العاهل",
    "ولي",
    "النائب",
    "النائبه",
    "المرشح",
    "المرشحه",
    "الاستاذ",
    "الاستاذه",
    "البروفيسور",
    "الاعلامي",
    "الاعلاميه",
    "الامين",
    "مدرب",
    "لاعب",
    "قائد",
    "القائد",
    "زعيم",
    "المدير",
    "مدير",
    "المديره",
    "الباحث",
    "الحاج",
    "الحاجه",
    "المواطن",
    "المواطنه",
    "الطالب",
    "الطالبه",
    "المزارع",
    "التاجر",
    "الناشط",
    "الناشطه",
    "المهندس",
    "المهندسه",
    "المحامي",
    "المحاميه",
    "الطبيب",
    "الطبيبه",
    "الممرضه",
    "المعلم",
    "المعلمه",
    "الرياضي",
    "العداء",
    "العداءه",
    "السائق",
    "الصياد",
    "المتقاعد",
    "المدربه",
    "القائده",
    "المهاجمه",
    "المدافعه",
    "الحارسه",
    "المدعي",
    "القاضيه",
    "المدعيه",
]);

/// Arabic words before a place's name (folded).
pub static AR_LOC_CUES: WordSet = WordSet::new(&[
    "مدينه",
    "العاصمه",
    "بلده",
    "قريه",
    "محافظه",
    "ولايه",
    "اقليم",
    "منطقه",
    "جزيره",
    "نهر",
    "جبل",
    "مخيم",
    "حي",
    "ميناء",
    "مطار",
    "بحيره",
    "صحراء",
    "وادي",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
]);

/// Arabic words that open an organisation's name (folded).
pub static AR_ORG_CUES: WordSet = WordSet::new(&[
    "وزاره",
    "حزب",
    "حركه",
    "منظمه",
    "جامعه",
    "شركه",
    "بنك",
    "مجلس",
    "هيئه",
    "وكاله",
    "جبهه",
    "اتحاد",
    "مؤسسه",
    "صندوق",
    "البنك",
    "الاتحاد",
    "مجموعه",
    "نادي",
    "لجنه",
    "محكمه",
    "جمعيه",
    "مركز",
    "معهد",
    "قوات",
    "جيش",
    "صحيفه",
    "قناه",
    "شبكه",
    "بطوله",
    "كاس",
    "مهرجان",
    "جائزه",
    "اجتماع",
    "قمه",
    "مؤتمر",
    "منتدي",
    "برنامج",
    "مشروع",
    "مبادره",
    "اتفاقيه",
    "اتفاق",
]);

/// Whether a folded Arabic word is in one of the lists after stripping its proclitics.
pub fn ar_in<W: Words + ?Sized>(word: &str, list: &W) -> Option<usize> {
    strip_to(word, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_with_separators_whole() {
        let p = Prepared::new("بلغ 1,200.5 دولار، في ٢٠١٩!");
        let kinds: Vec<_> = (0..p.toks.len()).map(|i| p.tok(i)).collect();
        assert_eq!(kinds, ["بلغ", "1,200.5", "دولار", "،", "في", "2019", "!"]);
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
    fn capitals_and_sentence_starts_come_from_the_source() {
        let p = Prepared::new("Then Trump met KIM. Later, \"Seoul\" said");
        assert!(p.sentence_initial(0));
        assert!(p.is_cap(1) && !p.sentence_initial(1));
        assert!(p.is_acronym(3));
        let seoul = (0..p.toks.len()).find(|&i| p.tok(i) == "seoul").unwrap();
        assert!(p.sentence_initial(seoul));
    }
}
