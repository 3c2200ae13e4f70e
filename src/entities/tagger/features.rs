//! Features of a token, shared by the trainer and the run-time tagger (one function each, so the
//! two can never drift apart).
//!
//! A feature is a 32-bit fingerprint of (template, values) ([`super::hash`]). Most features depend
//! on one word only ([`TypeInfo`], computed once per word type and cached by the run-time tagger);
//! a few depend on the context ([`context`]) or on what the tagger said earlier in the document
//! ([`history`]).

use super::super::english;
use super::super::gazetteer::{GazKind, Gazetteer};
use super::super::skeleton;
use super::super::text::{
    AR_LOC_CUES, AR_ORG_CUES, AR_PER_TITLES, AR_STOP, EN_LOC_CUES, EN_LOC_WORDS, EN_ORG_WORDS,
    EN_SPEECH, EN_STOP, EN_TITLES, FnvBuild, WordSet, proclitic_splits,
};
use super::bilou::Class;
use super::conll::Sentence;
use super::hash::{FeatureHasher, find_fp, le_u32};
use crate::document::Lang;
use crate::document::normalize::fold;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

// Templates of one-word features (emitted at a relative position, see `at`).
const T_WORD: u16 = 1;
const T_RAW: u16 = 2;
const T_SHAPE: u16 = 3;
const T_SHAPEC: u16 = 4;
const T_PREFIX: u16 = 5;
const T_SUFFIX: u16 = 6;
const T_LEN: u16 = 7;
const T_GAZ: u16 = 8;
const T_CUE: u16 = 9;
const T_STEM: u16 = 10;
const T_CLITIC: u16 = 11;
const T_CORE: u16 = 12;
const T_CORE_PREFIX: u16 = 13;
const T_CORE_SUFFIX: u16 = 14;
const T_NISBA: u16 = 15;
const T_LEX: u16 = 16;
const T_FLAG: u16 = 17;
const T_VOCAB: u16 = 18;
const T_VOCAB_CORE: u16 = 19;
const T_NEAR_PREFIX: u16 = 20;
const T_NEAR_SUFFIX: u16 = 21;
const T_VOWELS: u16 = 22;
const T_XLIT: u16 = 23;
const T_GENERAL: u16 = 24;
const T_NAMES: u16 = 25;
// Templates of context features.
const T_BIAS: u16 = 40;
const T_BIGRAM_L: u16 = 41;
const T_BIGRAM_R: u16 = 42;
const T_FIRST: u16 = 43;
const T_CAPS_LINE: u16 = 44;
const T_RULE: u16 = 45;
const T_RULE_NEAR: u16 = 46;
const T_DOC_LOWER: u16 = 47;
const T_HISTORY: u16 = 48;
const T_HISTORY_LAST: u16 = 49;
const T_BIGRAM_SHAPE: u16 = 50;
// Templates of the second stage: what the first stage said over the whole document.
const T_S1_TAG: u16 = 51;
const T_DOC_MAJORITY: u16 = 52;
const T_DOC_LONGEST: u16 = 53;
const T_DOC_PERSON_EDGE: u16 = 54;

/// Version of the feature set; a model trained with another version is not loaded.
pub const FEATURES_VERSION: u32 = 7;

/// Relative positions at which one-word features are seen.
pub const WINDOW: usize = 5;

fn fp(template: u16, r: i8, value: &[u8]) -> u32 {
    FeatureHasher::new(template * 8 + (r + 2) as u16)
        .part(value)
        .finish()
}

/// The fingerprint of a feature of two parts (`template`, `a`, then the second part), after
/// its first part.
fn fp2_head(template: u16, a: &[u8]) -> FeatureHasher {
    FeatureHasher::new(template * 8 + 2).part(a)
}

/// The `ANERGazet` name lists (Arabic), folded: whole entries and the words of longer entries.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// persons, person-name words, places, place words, organisations, organisation words.
    sets: [HashSet<String, FnvBuild>; 6],
}

/// The normalized `ANERGazet` lists compiled in (`assets/tagger/anergazet-{per,loc,org}.txt`,
/// written by `bitext-train`).
pub const BUILTIN_LISTS: [&str; 3] = [
    include_str!("../../../assets/tagger/anergazet-per.txt"),
    include_str!("../../../assets/tagger/anergazet-loc.txt"),
    include_str!("../../../assets/tagger/anergazet-org.txt"),
];

const LEX_NAMES: [&str; 6] = ["per", "per-part", "loc", "loc-part", "org", "org-part"];

/// The folded, sorted, deduplicated entries of a raw `ANERGazet` list (separator lines dropped).
pub fn normalize_list(raw: &str) -> String {
    let mut v: Vec<String> = raw
        .lines()
        .map(|l| fold(l.trim()))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| l.chars().any(char::is_alphabetic))
        .collect();
    v.sort();
    v.dedup();
    let mut s = v.join("\n");
    s.push('\n');
    s
}

impl Lexicon {
    /// Lists already normalized by [`normalize_list`].
    pub fn new(per: &str, loc: &str, org: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for (k, list) in [per, loc, org].into_iter().enumerate() {
            for entry in list.lines() {
                let words: Vec<&str> = entry.split_whitespace().collect();
                if let [one] = words.as_slice() {
                    lex.sets[2 * k].insert((*one).to_string());
                } else {
                    for w in words {
                        if w.chars().count() >= 2 {
                            lex.sets[2 * k + 1].insert(w.to_string());
                        }
                    }
                }
            }
        }
        lex
    }

    /// The lists compiled into the binary ([`BUILTIN_LISTS`]).
    pub fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            let [per, loc, org] = BUILTIN_LISTS;
            Lexicon::new(per, loc, org)
        })
    }

    /// Whether the folded word `w` is a person's name or a word of one in the lists.
    pub fn is_person_word(&self, w: &str) -> bool {
        self.sets[0].contains(w) || self.sets[1].contains(w)
    }

    /// Whether `w` is in any of the lists.
    pub fn contains(&self, w: &str) -> bool {
        self.sets.iter().any(|s| s.contains(w))
    }

    fn each(&self, w: &str, mut f: impl FnMut(&'static str)) {
        for (set, name) in self.sets.iter().zip(LEX_NAMES) {
            if set.contains(w) {
                f(name);
            }
        }
    }
}

/// Arabic speech verbs, folded (the cue after or before a quoted person).
static AR_SPEECH: WordSet = WordSet::file(include_str!("../../../assets/words/ar-speech.txt"));

/// What the features need to know about one word type.
#[allow(clippy::struct_excessive_bools)] // independent facts about a word
#[derive(Debug, Clone, Default)]
pub struct TypeInfo {
    /// One-word feature fingerprints seen from each relative position −2..=2.
    pub feats: [Vec<u32>; WINDOW],
    /// Normalized form (bigrams).
    pub norm: String,
    /// The key under which the document remembers its label (stem for Arabic).
    pub key: String,
    /// Collapsed shape.
    pub shape: String,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Has a lowercase letter and no uppercase one.
    pub lower: bool,
    /// Has a letter.
    pub alpha: bool,
    /// Has an uppercase letter and no lowercase one.
    pub upper: bool,
    /// The bigram fingerprints ([`word_context`]) with this word first, after this part: left and
    /// right of the normalized form, left of the shape (set by [`type_info`] with them).
    heads: [FeatureHasher; 3],
}

/// Fold, and digits to `0`.
pub fn normalize(lang: Lang, word: &str) -> String {
    let f = fold(word);
    let f = if lang == Lang::Ar {
        f
    } else {
        f.to_lowercase()
    };
    f.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn shapes(word: &str) -> (String, String) {
    let mut long = String::new();
    let mut short = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic() {
            'a'
        } else if c.is_alphabetic() {
            'o'
        } else if crate::document::normalize::is_arabic_mark(c) {
            continue;
        } else {
            c
        };
        if long.chars().count() < 12 {
            long.push(s);
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    (long, short)
}

fn affixes(out: &mut Vec<u32>, tp: u16, ts: u16, w: &str, max: usize) {
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    let n = chars.len();
    for k in 1..=max.min(n) {
        let cut = chars.get(k).map_or(w.len(), |&(i, _)| i);
        if let Some(p) = w.get(..cut) {
            out.push(fp(tp, 0, p.as_bytes()));
        }
        let cut = chars.get(n - k).map_or(0, |&(i, _)| i);
        if let Some(s) = w.get(cut..) {
            out.push(fp(ts, 0, s.as_bytes()));
        }
    }
}

/// The first and last one and two letters of an Arabic word, seen from its neighbours: a verb's
/// prefix (يـ تـ) or an accusative ending (ـا) after a word says where a name ends, a feminine
/// noun (ـة) before it where one starts.
fn near_affixes(e: &mut Emit, norm: &str) {
    let letters: Vec<(usize, char)> = norm.char_indices().collect();
    for k in 1..=2usize.min(letters.len()) {
        let cut = letters.get(k).map_or(norm.len(), |&(i, _)| i);
        let tail = letters.get(letters.len() - k).map_or(0, |&(i, _)| i);
        for r in [-1i8, 1] {
            if let Some(f) = e.feats.get_mut((r + 2) as usize) {
                f.push(fp(
                    T_NEAR_PREFIX,
                    r,
                    norm.get(..cut).unwrap_or("").as_bytes(),
                ));
                f.push(fp(
                    T_NEAR_SUFFIX,
                    r,
                    norm.get(tail..).unwrap_or("").as_bytes(),
                ));
            }
        }
    }
}

fn gaz_kind_name(k: GazKind) -> &'static str {
    match k {
        GazKind::Country => "country",
        GazKind::Region => "region",
        GazKind::City => "city",
        GazKind::Site => "site",
        GazKind::Month => "month",
        GazKind::HijriMonth => "hmonth",
        GazKind::Weekday => "weekday",
        GazKind::Person => "person",
        GazKind::Town => "town",
    }
}

/// Adds a one-word feature at the positions it is seen from.
struct Emit<'a> {
    feats: &'a mut [Vec<u32>; WINDOW],
}

impl Emit<'_> {
    /// Seen from the word itself only.
    fn here(&mut self, t: u16, v: &[u8]) {
        self.feats[2].push(fp(t, 0, v));
    }
    /// Seen from the word and its neighbours within `reach`.
    fn near(&mut self, t: u16, v: &[u8], reach: i8) {
        for r in -reach..=reach {
            if let Some(f) = self.feats.get_mut((r + 2) as usize) {
                f.push(fp(t, r, v));
            }
        }
    }
}

/// The one-word features of `word` (as written).
#[allow(clippy::too_many_lines)] // one list of templates per language
pub fn type_info(lang: Lang, word: &str, g: &Gazetteer, lex: &Lexicon) -> TypeInfo {
    let mut info = TypeInfo {
        norm: normalize(lang, word),
        ..TypeInfo::default()
    };
    let (long_shape, short) = shapes(word);
    info.cap = word.chars().next().is_some_and(char::is_uppercase);
    info.lower = word.chars().any(char::is_lowercase) && !word.chars().any(char::is_uppercase);
    info.alpha = word.chars().any(char::is_alphabetic);
    info.upper = word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
    let mut feats: [Vec<u32>; WINDOW] = Default::default();
    let mut e = Emit { feats: &mut feats };
    let norm = info.norm.clone();
    e.near(T_WORD, norm.as_bytes(), 2);
    e.near(T_SHAPEC, short.as_bytes(), 1);
    e.here(T_SHAPE, long_shape.as_bytes());
    let len = norm.chars().count().min(12) as u8;
    e.here(T_LEN, &[len]);
    let folded = fold(word);
    match lang {
        Lang::En => {
            e.here(T_RAW, word.as_bytes());
            let mut tmp = Vec::new();
            affixes(&mut tmp, T_PREFIX, T_SUFFIX, &norm, 4);
            e.feats[2].extend(tmp);
            let hits = g.lookup_en(&folded);
            for k in kinds(g, hits) {
                e.near(T_GAZ, k.as_bytes(), 1);
            }
            for (set, name) in [
                (&EN_TITLES, "title"),
                (&EN_SPEECH, "speech"),
                (&EN_LOC_CUES, "loc-cue"),
                (&EN_ORG_WORDS, "org-word"),
                (&EN_LOC_WORDS, "loc-word"),
                (&EN_STOP, "stop"),
            ] {
                if set.contains(folded.trim_end_matches('.')) {
                    e.near(T_CUE, name.as_bytes(), 2);
                }
            }
            if english::is_demonym(&folded) {
                e.near(T_CUE, b"demonym", 1);
            }
            let flags = [
                (word.chars().any(|c| c.is_ascii_digit()), "digit"),
                (word.contains('-'), "hyphen"),
                (word.trim_end_matches('.').contains('.'), "period"),
                (
                    info.alpha && !word.chars().any(char::is_lowercase),
                    "allcaps",
                ),
            ];
            for (on, name) in flags {
                if on {
                    e.here(T_FLAG, name.as_bytes());
                }
            }
            info.key.clone_from(&norm);
        }
        Lang::Ar => {
            let mut tmp = Vec::new();
            affixes(&mut tmp, T_PREFIX, T_SUFFIX, &norm, 4);
            e.feats[2].extend(tmp);
            let mut seen: Vec<&str> = Vec::new();
            for (i, stem) in proclitic_splits(&norm) {
                if i > 0 {
                    e.near(T_STEM, stem.as_bytes(), 1);
                    e.here(T_CLITIC, norm.get(..i).unwrap_or("").as_bytes());
                }
                seen.push(stem);
            }
            let core = ar_core(&norm);
            if !seen.contains(&core) {
                seen.push(core);
            }
            e.near(T_CORE, core.as_bytes(), 1);
            near_affixes(&mut e, &norm);
            // Transliterated foreign names write their vowels as letters (ناكامورا,
            // فابريغاس); Arabic words mostly leave the short ones unwritten.
            let letters: Vec<char> = core.chars().collect();
            let vowels = letters
                .iter()
                .filter(|c| matches!(c, 'ا' | 'و' | 'ي'))
                .count();
            e.here(
                T_VOWELS,
                &[letters.len().min(10) as u8, vowels.min(5) as u8],
            );
            tmp = Vec::new();
            affixes(&mut tmp, T_CORE_PREFIX, T_CORE_SUFFIX, core, 3);
            e.feats[2].extend(tmp);
            let mut lexnames: Vec<&str> = Vec::new();
            let mut gaz: Vec<&str> = Vec::new();
            let mut cues: Vec<&str> = Vec::new();
            for s in &seen {
                lex.each(s, |n| lexnames.push(n));
                gaz.extend(kinds(g, g.lookup_ar(s)));
                for (set, name) in [
                    (&AR_PER_TITLES, "title"),
                    (&AR_LOC_CUES, "loc-cue"),
                    (&AR_ORG_CUES, "org-cue"),
                    (&AR_SPEECH, "speech"),
                    (&AR_STOP, "stop"),
                ] {
                    if set.contains(s) {
                        cues.push(name);
                    }
                }
            }
            for list in [&mut lexnames, &mut gaz, &mut cues] {
                list.sort_unstable();
                list.dedup();
            }
            for n in lexnames {
                e.near(T_LEX, n.as_bytes(), 1);
            }
            for n in gaz {
                e.near(T_GAZ, n.as_bytes(), 1);
            }
            for n in cues {
                e.near(T_CUE, n.as_bytes(), 2);
            }
            let nisba_base = core;
            if ["ي", "يه", "يون", "يين", "يات"]
                .iter()
                .any(|s| nisba_base.ends_with(s))
                && nisba_base.chars().count() >= 4
            {
                e.near(T_NISBA, b"", 1);
            }
            let flags = [
                (
                    word.chars().any(|c| matches!(c, 'پ' | 'چ' | 'ڤ' | 'گ')),
                    "foreign",
                ),
                (word.chars().any(|c| c.is_ascii_alphabetic()), "latin"),
                (word.chars().any(char::is_numeric), "digit"),
            ];
            for (on, name) in flags {
                if on {
                    e.here(T_FLAG, name.as_bytes());
                }
            }
            info.key = core.to_string();
        }
    }
    info.feats = feats;
    info.heads = [
        fp2_head(T_BIGRAM_L, info.norm.as_bytes()),
        fp2_head(T_BIGRAM_R, info.norm.as_bytes()),
        fp2_head(T_BIGRAM_SHAPE, short.as_bytes()),
    ];
    info.shape = short;
    info
}

/// The kinds of the curated entries of `hits`. The towns are left out: as features of their
/// own (a town; a town the training corpus never saw) they raised Arabic places on `ANERcorp`
/// a little but cost the bilingual figures (see the README's development section).
fn kinds(g: &Gazetteer, hits: &[u32]) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = hits
        .iter()
        .filter_map(|&i| g.entry(i))
        .filter(|e| e.kind != GazKind::Town)
        .map(|e| gaz_kind_name(e.kind))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The core of a normalized Arabic word: its shortest stem once proclitics are stripped
/// ([`proclitic_splits`]), without the article (بالمدينة: مدينة).
pub fn ar_core(norm: &str) -> &str {
    let stem = proclitic_splits(norm).last().map_or(norm, |(_, stem)| stem);
    article_off(stem).unwrap_or(stem)
}

/// A normalized Arabic stem without its article, if it has one and two letters remain.
fn article_off(stem: &str) -> Option<&str> {
    stem.strip_prefix("ال").filter(|r| r.chars().count() >= 2)
}

/// What the training corpus says of words: how often each occurs and how often inside a person,
/// a place or an organisation, packed in a byte ([`vocab_code`]). Keyed by fingerprints of the
/// normalized word and of its core ([`TypeInfo::key`]), so it holds no text. The trainer builds
/// one per held-out fold (jackknifing), so that the model learns what a word the corpus never
/// saw looks like; the run time uses the one of the whole training data, stored in the model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocab<'a> {
    /// Sorted fingerprints, four little-endian bytes each: as the model file stores them, so
    /// that a loaded model reads them in place (a few hundred thousand of them for Arabic).
    fps: Cow<'a, [u8]>,
    /// The code of each.
    codes: Cow<'a, [u8]>,
}

/// Counts of a word in the corpus: all, inside a person, a place, an organisation.
pub type VocabCounts = [u32; 4];

/// The fingerprint of a normalized word (`core`: of a core) in a [`Vocab`].
pub fn vocab_key(w: &str, core: bool) -> u32 {
    FeatureHasher::new(if core { 61 } else { 60 })
        .part(w.as_bytes())
        .finish()
}

/// Pack counts: bits 0–2 the frequency bucket (0 never seen, 1 once, 2 twice or three times,
/// 3 up to 9, 4 up to 49, 5 more), bits 3–4 and 5–6 the person and place shares (0 never, 1 less
/// than half, 2 half or more), bit 7 half or more in organisations.
pub fn vocab_code(c: VocabCounts) -> u8 {
    let [all, per, loc, org] = c;
    let freq = match all {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=9 => 3,
        10..=49 => 4,
        _ => 5,
    };
    let share = |k: u32| {
        if k == 0 {
            0
        } else if 2 * k < all {
            1
        } else {
            2
        }
    };
    freq | share(per) << 3 | share(loc) << 5 | u8::from(all > 0 && 2 * org >= all) << 7
}

/// Whether a word of this [`vocab_code`] is in the corpus and never inside a person, a place
/// or an organisation (a common word).
pub fn never_in_a_name(code: u8) -> bool {
    code != 0 && code & !7 == 0
}

impl Vocab<'static> {
    /// From counts of fingerprints (words never seen left out).
    pub fn from_counts(counts: impl Iterator<Item = (u32, VocabCounts)>) -> Vocab<'static> {
        let mut v: Vec<(u32, u8)> = counts
            .filter(|(_, c)| c[0] > 0)
            .map(|(f, c)| (f, vocab_code(c)))
            .collect();
        v.sort_unstable();
        Vocab::from_sorted(v)
    }

    /// From pairs sorted by fingerprint: the first code of each fingerprint.
    fn from_sorted(mut v: Vec<(u32, u8)>) -> Vocab<'static> {
        v.dedup_by_key(|x| x.0);
        Vocab {
            fps: Cow::Owned(v.iter().flat_map(|x| x.0.to_le_bytes()).collect()),
            codes: Cow::Owned(v.iter().map(|x| x.1).collect()),
        }
    }
}

impl<'a> Vocab<'a> {
    /// With `extra` codes added (fingerprints of another kind of key, such as [`general_key`]);
    /// where a fingerprint is in both, the corpus's code stays.
    #[must_use]
    pub fn with(self, extra: &[(u32, u8)]) -> Vocab<'static> {
        let mut v: Vec<(u32, u8)> = self.entries().collect();
        v.extend_from_slice(extra);
        // Stable: the corpus's code comes first.
        v.sort_by_key(|x| x.0);
        Vocab::from_sorted(v)
    }

    /// From its serialized parts, borrowed: fingerprints as sorted little-endian `u32`s (four
    /// bytes each, `None` if the lengths disagree) and one code each. Unsorted fingerprints
    /// give wrong codes, never a panic.
    pub fn from_bytes(fps: &'a [u8], codes: &'a [u8]) -> Option<Vocab<'a>> {
        (fps.len() == 4 * codes.len()).then_some(Vocab {
            fps: Cow::Borrowed(fps),
            codes: Cow::Borrowed(codes),
        })
    }

    /// The fingerprints as stored (sorted little-endian `u32`s) and their codes.
    pub fn bytes(&self) -> (&[u8], &[u8]) {
        (&self.fps, &self.codes)
    }

    /// How many fingerprints it holds.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Its fingerprints and their codes, in order.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        (self.codes.iter().enumerate()).map(|(i, &c)| (le_u32(&self.fps, 4 * i), c))
    }

    /// The code of a word (0: never seen).
    pub fn code(&self, w: &str, core: bool) -> u8 {
        self.code_of(vocab_key(w, core))
    }

    /// The code of a fingerprint (0: never seen).
    pub fn code_of(&self, f: u32) -> u8 {
        find_fp(&self.fps, f, 0, self.len())
            .and_then(|i| self.codes.get(i).copied())
            .unwrap_or(0)
    }
}

/// Add the corpus-vocabulary features of a word type (see [`Vocab`]), and for an Arabic word
/// those of the English names it may transliterate ([`xlit_counts`]).
pub fn add_vocab(info: &mut TypeInfo, vocab: &Vocab) {
    let arabic = info
        .key
        .chars()
        .next()
        .is_some_and(|c| ('\u{600}'..='\u{6ff}').contains(&c));
    let mut e = Emit {
        feats: &mut info.feats,
    };
    let word = vocab.code(&info.norm, false);
    let core = vocab.code(&info.key, true);
    for (t, c, reach) in [(T_VOCAB, word, 1), (T_VOCAB_CORE, core, 0)] {
        let (freq, per, loc, org) = (c & 7, (c >> 3) & 3, (c >> 5) & 3, c >> 7);
        e.near(t, &[0, freq], reach);
        e.near(t, &[1, per], reach);
        e.here(t, &[2, loc]);
        e.here(t, &[3, org]);
        e.here(t, &[4, freq, per]);
    }
    if !arabic {
        return;
    }
    let english = skeleton::spellings(&skeleton::arabic(&info.key, true))
        .first()
        .filter(|s| xlit_spelling_counts(s))
        .map_or(0, |s| vocab.code_of(xlit_key(s)));
    let (freq, per, loc, org) = (
        english & 7,
        (english >> 3) & 3,
        (english >> 5) & 3,
        english >> 7,
    );
    e.near(T_XLIT, &[0, freq.min(3), per], 1);
    e.here(T_XLIT, &[1, loc]);
    e.here(T_XLIT, &[2, org]);
    // Whether the word is rare in the Arabic corpus, with what the English says.
    e.here(T_XLIT, &[3, (core & 7).min(3), per]);
    // What general Arabic says of the word and of its core ([`general_codes`]).
    let forms = [(0u8, info.norm.as_str()), (8, info.key.as_str())];
    let mut general_freq = [0u8; 2];
    for ((k, w), gf) in forms.into_iter().zip(&mut general_freq) {
        let g = vocab.code_of(general_key(w));
        let (freq, pron, unknown) = (g & 7, (g >> 3) & 3, (g >> 5) & 1);
        *gf = freq;
        e.near(T_GENERAL, &[k, freq], 1);
        e.near(T_GENERAL, &[k + 1, pron], 1);
        // With how often the training corpus has it: a word unseen there but common in
        // general text, and never with a pronoun, reads as a name.
        e.here(T_GENERAL, &[k + 2, freq.min(4), pron, (core & 7).min(3)]);
        // Whether a dictionary of ordinary words lacks it, with how common it is, and with its
        // pronouns and how often the corpus has it.
        e.near(T_GENERAL, &[k + 3, unknown, freq.min(4)], 1);
        e.here(T_GENERAL, &[k + 4, unknown, pron, (core & 7).min(3)]);
    }
    // Whether people carry the word as a given or a family name ([`person_name_codes`]), and
    // with how common it is in general text and in the corpus.
    for ((k, w), g) in forms.into_iter().zip(general_freq) {
        let n = vocab.code_of(names_key(w));
        let (given, family) = (n & 7, (n >> 3) & 7);
        e.near(T_NAMES, &[k, given, family], 1);
        e.here(
            T_NAMES,
            &[k + 1, given.max(family), g.min(5), (core & 7).min(3)],
        );
    }
}

/// The fingerprint of a normalized Arabic word in the person-name table of a [`Vocab`]
/// ([`person_name_codes`]).
pub fn names_key(w: &str) -> u32 {
    FeatureHasher::new(64).part(w.as_bytes()).finish()
}

/// How many people carry a word as a name, in a bucket: 0 none, 1 one or two, 2 up to 19, 3 up
/// to 199, 4 more.
fn people_bucket(n: u64) -> u8 {
    match n {
        0 => 0,
        1..=2 => 1,
        3..=19 => 2,
        20..=199 => 3,
        _ => 4,
    }
}

/// What the names of people say of each word of `table` (lines `WORD<TAB>GIVEN<TAB>FAMILY`: how
/// many people carry the word in a given name and in a family name, as
/// `scripts/gen-person-names.py` writes them from Wikidata): per normalized word, a
/// [`names_key`] and a code: bits 0–2 the given-name bucket, bits 3–5 the family-name bucket
/// ([`people_bucket`]). A word with the article (الحريري) counts also without it, as the core
/// of a word is looked up. The names of curated places are left out (ايران, عدن, صوفيا: a few
/// people carry them, and the words are places far more often): with them, place F1 over the
/// ten tenths of `ANERcorp` fell by a quarter of a point (see the README's development section).
pub fn person_name_codes(table: &str) -> Vec<(u32, u8)> {
    let gaz = Gazetteer::get();
    let place = |w: &str| {
        gaz.lookup_ar(w)
            .iter()
            .filter_map(|&i| gaz.entry(i))
            .any(|e| {
                matches!(
                    e.kind,
                    GazKind::Country | GazKind::Region | GazKind::City | GazKind::Site
                )
            })
    };
    let mut counts: HashMap<String, [u64; 2], FnvBuild> = HashMap::default();
    for line in table.lines() {
        let mut it = line.split('\t');
        let (Some(w), Some(g), Some(f)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let (Ok(g), Ok(f)) = (g.trim().parse::<u64>(), f.trim().parse::<u64>()) else {
            continue;
        };
        let w = normalize(Lang::Ar, w);
        let bare = article_off(&w).map(str::to_string);
        for k in std::iter::once(w).chain(bare).filter(|k| !place(k)) {
            let c = counts.entry(k).or_default();
            c[0] += g;
            c[1] += f;
        }
    }
    let mut out: Vec<(u32, u8)> = counts
        .iter()
        .map(|(w, c)| (names_key(w), people_bucket(c[0]) | people_bucket(c[1]) << 3))
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|x| x.0);
    out
}

/// The fingerprint of a normalized Arabic word in the general-language table of a [`Vocab`]
/// ([`general_codes`]).
pub fn general_key(w: &str) -> u32 {
    FeatureHasher::new(63).part(w.as_bytes()).finish()
}

/// The attached pronouns (its, their, your, our) that nouns and verbs take and names do not.
const PRONOUN_SUFFIXES: [&str; 6] = ["ها", "هم", "هما", "هن", "كم", "نا"];

/// What general Arabic text says of each word of `table` (lines `WORD<TAB>CENTIBELS`, a
/// word's frequency as `-centibels / 100` powers of ten, as `wordfreq` writes them): per
/// normalized word, a [`general_key`] and a code: bits 0–2 its frequency (0 absent, 1 rarest,
/// 7 commonest: half-decade steps from 10⁻⁷ up), bits 3–4 how often it is written with an
/// attached pronoun (كتابها "her book", قالها "he said it"; 0 never, 1 under 1% of its own
/// count, 2 under 10%, 3 more), bit 5 whether it is one of the words of `not_in_dictionary`
/// (one a line: the words of general text that a dictionary of ordinary words does not know,
/// as `scripts/gen-dictionary.py` writes them). Nouns, adjectives and verbs take pronouns and
/// are in the dictionary; names do not take pronouns (and a name that is also a word, كريم
/// "generous", takes them less) and most are not in it (زياد, واشنطن). Measured over the ten
/// tenths of `ANERcorp` (see the README's development section); how often a word takes the
/// article or a plural ending did not pay.
pub fn general_codes(table: &str, not_in_dictionary: &str) -> Vec<(u32, u8)> {
    let mut freq: HashMap<String, f64, FnvBuild> = HashMap::default();
    for line in table.lines() {
        let Some((w, cb)) = line.split_once('\t') else {
            continue;
        };
        let Ok(cb) = cb.trim().parse::<u32>() else {
            continue;
        };
        let f = 10f64.powf(-f64::from(cb) / 100.0);
        *freq.entry(normalize(Lang::Ar, w)).or_default() += f;
    }
    let get = |w: &str| freq.get(w).copied().unwrap_or(0.0);
    let unknown: HashSet<String, FnvBuild> = not_in_dictionary
        .lines()
        .map(|w| normalize(Lang::Ar, w.trim()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<(u32, u8)> = freq
        .iter()
        .map(|(w, &f)| {
            // A ta marbuta (folded to ه) is written ت before a pronoun: مدرسه, مدرستها.
            let bases: Vec<String> = match w.strip_suffix('ه') {
                Some(b) => vec![w.clone(), format!("{b}ت")],
                None => vec![w.clone()],
            };
            let pron = bases
                .iter()
                .flat_map(|b| {
                    PRONOUN_SUFFIXES
                        .iter()
                        .map(move |s| get(&format!("{b}{s}")))
                })
                .sum::<f64>()
                / f;
            let level = (-f.log10() * 2.0 + 1e-9).floor();
            let freq_bucket = (15.0 - level).clamp(1.0, 7.0) as u8;
            let pron_bucket: u8 = if pron == 0.0 {
                0
            } else if pron < 0.01 {
                1
            } else if pron < 0.1 {
                2
            } else {
                3
            };
            let code = freq_bucket | pron_bucket << 3 | u8::from(unknown.contains(w)) << 5;
            (general_key(w), code)
        })
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|x| x.0);
    out
}

/// Whether a transliteration spelling says enough to be looked up: two consonants, or one
/// with a vowel (Ali, علي).
fn xlit_spelling_counts(s: &[u8]) -> bool {
    let consonants = s.iter().filter(|&&c| c != b'V').count();
    consonants >= 2 || (consonants == 1 && s.len() >= 2)
}

/// Count one occurrence of a word inside a name of `class` (or outside names) in `c`.
pub fn count(c: &mut VocabCounts, class: Option<Class>) {
    c[0] += 1;
    match class {
        Some(Class::Per) => c[1] += 1,
        Some(Class::Loc) => c[2] += 1,
        Some(Class::Org) => c[3] += 1,
        _ => {}
    }
}

/// The fingerprint of a transliteration spelling with its vowels ([`skeleton::spellings`]) in
/// a [`Vocab`].
pub fn xlit_key(spelling: &[u8]) -> u32 {
    FeatureHasher::new(62).part(spelling).finish()
}

/// What an English corpus says of the names an Arabic word may transliterate (after the
/// cross-lingual capitalisation of Darwish 2013, "Named Entity Recognition using Cross-lingual
/// Resources: Arabic as an Example"): for each spelling of the skeleton of each capitalised
/// word, spelled with its vowels, how often such words occur and how often inside a
/// person, a place, an organisation. Added to the Arabic model's vocabulary, it tells an unseen
/// كلينتون that spells like the English persons. Fingerprints only: no text.
pub fn xlit_counts(corpus: &[Sentence]) -> Vec<(u32, VocabCounts)> {
    let mut words: HashMap<&str, VocabCounts, FnvBuild> = HashMap::default();
    for s in corpus {
        for (i, w) in s.tokens.iter().enumerate() {
            if !w.starts_with(|c: char| c.is_uppercase())
                || !w.chars().all(char::is_alphabetic)
                || w.chars().count() < 2
            {
                continue;
            }
            count(words.entry(w.as_str()).or_default(), s.class_at(i));
        }
    }
    let mut out: HashMap<u32, VocabCounts, FnvBuild> = HashMap::default();
    for (w, n) in words {
        for s in skeleton::spellings(&skeleton::english(w, true)) {
            if !xlit_spelling_counts(&s) {
                continue;
            }
            let c = out.entry(xlit_key(&s)).or_default();
            for (a, b) in c.iter_mut().zip(n) {
                *a += b;
            }
        }
    }
    let mut v: Vec<(u32, VocabCounts)> = out.into_iter().collect();
    v.sort_unstable();
    v
}

/// The fingerprint that stands for "no word" (before the start or after the end of a sentence).
pub fn boundary(r: i8) -> u32 {
    fp(T_WORD, r, if r < 0 { b"<s>" } else { b"</s>" })
}

/// What the context features of a sentence need besides its words.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceFacts {
    /// Every word with letters is in capitals (a headline, a dateline).
    pub caps_line: bool,
}

/// The rule detector's label of a token: 0 none, else 1 + kind × 4 + position (B, I, L, U).
pub type RuleCode = u8;

/// Context features of token `i`: the bias ([`bias`]), those of its words
/// ([`word_context`]) and those of its marks ([`mark_context`]).
pub fn context(
    types: &[&TypeInfo],
    i: usize,
    facts: SentenceFacts,
    rules: &[RuleCode],
    doc_lower: bool,
    out: &mut Vec<u32>,
) {
    let Some(t) = types.get(i) else {
        return;
    };
    out.push(bias());
    word_context(types, i, facts, out);
    let code = |j: Option<usize>| j.and_then(|j| rules.get(j)).copied();
    let codes = [code(i.checked_sub(1)), code(Some(i)), code(Some(i + 1))];
    mark_context(i == 0, codes, doc_lower && t.cap, out);
}

/// The feature every token has.
pub fn bias() -> u32 {
    fp(T_BIAS, 0, b"")
}

/// The context features of token `i` that its words and their shapes give (the bigrams, a
/// sentence's first word, a capitals line).
pub fn word_context(types: &[&TypeInfo], i: usize, facts: SentenceFacts, out: &mut Vec<u32>) {
    let Some(t) = types.get(i) else {
        return;
    };
    let prev = i.checked_sub(1).and_then(|j| types.get(j));
    let next = types.get(i + 1);
    // The bigrams of (previous, this) and (this, next), the first part hashed once per type.
    let after =
        |k: usize, template: u16| prev.map_or_else(|| fp2_head(template, b"<s>"), |p| p.heads[k]);
    let nn = next.map_or("</s>", |n| n.norm.as_str());
    out.push(after(0, T_BIGRAM_L).part(t.norm.as_bytes()).finish());
    out.push(t.heads[1].part(nn.as_bytes()).finish());
    out.push(after(2, T_BIGRAM_SHAPE).part(t.shape.as_bytes()).finish());
    if i == 0 {
        out.push(fp(T_FIRST, 0, t.shape.as_bytes()));
    }
    if facts.caps_line {
        out.push(fp(T_CAPS_LINE, 0, t.shape.as_bytes()));
    }
}

/// The context features of a token that the rule detector's codes of it and of its neighbours
/// give (`codes`: at −1, 0, +1, `None` past the sentence or the codes given), and whether it is
/// a capitalised word the document also writes in lowercase (`doc_lower`; `first`: the
/// sentence's first token).
pub fn mark_context(
    first: bool,
    codes: [Option<RuleCode>; 3],
    doc_lower: bool,
    out: &mut Vec<u32>,
) {
    if let Some(code) = codes[1]
        && code != 0
    {
        out.push(fp(T_RULE, 0, &[code]));
    }
    for (r, code) in [(-1i8, codes[0]), (1, codes[2])] {
        if let Some(code) = code
            && code != 0
        {
            out.push(fp(T_RULE_NEAR, r, &[(code - 1) / 4]));
        }
    }
    if doc_lower {
        out.push(fp(T_DOC_LOWER, 0, &[u8::from(first)]));
    }
}

/// What the document said before about a word's key: the last class it was tagged with
/// (0..4, see [`super::bilou::Class`]) and whether it ended a person's name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    /// Last class + 1, or 0 when only seen outside names (or never).
    pub class: u8,
    /// Was the last word of a person's name.
    pub last_of_person: bool,
}

/// The history features of a word: what the document said before of it and of its neighbours
/// (`around`: the memories of the words at −1, 0, +1; `None` past the sentence's edges).
pub fn history(around: [Option<Memory>; 3], out: &mut Vec<u32>) {
    for (r, m) in (-1i8..=1).zip(around) {
        let Some(m) = m else { continue };
        if m.class != 0 {
            out.push(fp(T_HISTORY, r, &[m.class]));
        }
        if r == 0 && m.last_of_person {
            out.push(fp(T_HISTORY_LAST, 0, b""));
        }
    }
}

/// The history features of token `i` of a sentence whose words have `keys` into `memory`.
pub fn history_of(memory: &[Memory], keys: &[u32], i: usize, out: &mut Vec<u32>) {
    history(history_around(memory, keys, i), out);
}

/// What [`history`] reads of token `i` of a sentence whose words have `keys` into `memory`:
/// the memories of the words at −1, 0, +1.
pub fn history_around(memory: &[Memory], keys: &[u32], i: usize) -> [Option<Memory>; 3] {
    let at = |j: Option<usize>| {
        j.and_then(|j| keys.get(j))
            .map(|&k| memory.get(k as usize).copied().unwrap_or_default())
    };
    [at(i.checked_sub(1)), at(Some(i)), at(Some(i + 1))]
}

/// Every history fingerprint (the trainer registers them up front).
pub fn all_history() -> Vec<u32> {
    let mut v = Vec::new();
    for class in 0..=4 {
        let m = Memory {
            class,
            last_of_person: class == 0,
        };
        history([Some(m); 3], &mut v);
    }
    v
}

/// What the first stage said of one word key ([`TypeInfo::key`]) over a whole document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyStats {
    /// Occurrences.
    pub seen: u16,
    /// Occurrences inside a name of each class ([`super::bilou::Class`] order).
    pub classes: [u16; 4],
    /// The longest name holding the key: its length in tokens (0: none), its class and the
    /// key's position in it (the first such name of that length).
    pub longest: (u8, u8, u8),
    /// Was the first word of a person's name of two or more words.
    pub person_first: bool,
    /// Was the last word of one.
    pub person_last: bool,
}

/// The first stage's output over a document, by word key id: the evidence of the second stage
/// (Krishnan & Manning 2006: the majority label of a word across the document, the longest
/// name holding it, whether it ends or begins a person's name elsewhere).
#[derive(Debug, Clone, Default)]
pub struct DocStats {
    keys: HashMap<u32, KeyStats, FnvBuild>,
}

impl DocStats {
    /// Add one sentence: its tokens' key ids and the first stage's tags.
    pub fn add(&mut self, keys: &[u32], tags: &[u8]) {
        for &k in keys {
            let s = self.keys.entry(k).or_default();
            s.seen = s.seen.saturating_add(1);
        }
        for span in super::bilou::decode(tags) {
            let len = span.end - span.start;
            for (i, &k) in keys.iter().enumerate().take(span.end).skip(span.start) {
                let s = self.keys.entry(k).or_default();
                let c = span.class as usize;
                if let Some(n) = s.classes.get_mut(c) {
                    *n = n.saturating_add(1);
                }
                let pos = if len == 1 {
                    3
                } else if i == span.start {
                    0
                } else if i + 1 == span.end {
                    2
                } else {
                    1
                };
                let l = len.min(255) as u8;
                if l > s.longest.0 {
                    s.longest = (l, c as u8, pos);
                }
                if span.class == super::bilou::Class::Per && len > 1 {
                    s.person_first |= pos == 0;
                    s.person_last |= pos == 2;
                }
            }
        }
    }

    /// What the document says of a key.
    pub fn get(&self, key: u32) -> KeyStats {
        self.keys.get(&key).copied().unwrap_or_default()
    }

    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        self.keys.clear();
    }
}

/// The second-stage features of token `i` of a sentence: the first stage's tags of it and its
/// neighbours (`tags`), and what the first stage said over the document of its key and of its
/// neighbours' (`keys`).
pub fn stage2(stats: &DocStats, keys: &[u32], tags: &[u8], i: usize, out: &mut Vec<u32>) {
    for r in -1i8..=1 {
        let Some(j) = i.checked_add_signed(isize::from(r)) else {
            continue;
        };
        let (Some(&k), Some(&t)) = (keys.get(j), tags.get(j)) else {
            continue;
        };
        out.push(stage2_tag(r, t));
        stage2_key(stats.get(k), r, out);
    }
}

/// The second-stage feature of the first stage's tag `tag` of the token at `r` (−1, 0, +1).
pub fn stage2_tag(r: i8, tag: u8) -> u32 {
    fp(T_S1_TAG, r, &[tag])
}

/// The second-stage features of what the document says (`s`) of the key of the token at `r`
/// (−1, 0, +1): its majority class, and of the token itself the longest name holding it and
/// whether it begins or ends a person's name.
pub fn stage2_key(s: KeyStats, r: i8, out: &mut Vec<u32>) {
    let named: u16 = s.classes.iter().sum();
    if named > 0 {
        let mut major = 0u8;
        for (c, &n) in s.classes.iter().enumerate() {
            if n > s.classes[usize::from(major)] {
                major = c as u8;
            }
        }
        let share = if 2 * named < s.seen {
            1
        } else if named < s.seen {
            2
        } else {
            3
        };
        out.push(fp(T_DOC_MAJORITY, r, &[major, share]));
    } else if s.seen > 1 {
        out.push(fp(T_DOC_MAJORITY, r, &[9, s.seen.min(3) as u8]));
    }
    if r == 0 {
        let (len, class, pos) = s.longest;
        if len > 0 {
            out.push(fp(T_DOC_LONGEST, 0, &[class, len.min(4), pos]));
        }
        if s.person_first || s.person_last {
            out.push(fp(
                T_DOC_PERSON_EDGE,
                0,
                &[u8::from(s.person_first), u8::from(s.person_last)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_words_edges_are_seen_from_its_neighbours_only() {
        let (g, lex) = (Gazetteer::get(), Lexicon::builtin());
        let t = type_info(Lang::Ar, "يقول", g, lex);
        // feats[1]: what the word gives the token after it (the word at −1); feats[3]: the
        // token before it.
        assert!(t.feats[1].contains(&fp(T_NEAR_PREFIX, -1, "ي".as_bytes())));
        assert!(t.feats[1].contains(&fp(T_NEAR_PREFIX, -1, "يق".as_bytes())));
        assert!(t.feats[3].contains(&fp(T_NEAR_SUFFIX, 1, "ول".as_bytes())));
        assert!(!t.feats[2].contains(&fp(T_NEAR_PREFIX, 0, "ي".as_bytes())));
        let one = type_info(Lang::Ar, "و", g, lex);
        assert!(one.feats[3].contains(&fp(T_NEAR_SUFFIX, 1, "و".as_bytes())));
        let en = type_info(Lang::En, "says", g, lex);
        assert!(!en.feats[1].contains(&fp(T_NEAR_PREFIX, -1, b"s")));
    }

    #[test]
    fn the_documents_evidence_follows_the_first_stages_names() {
        use super::super::bilou::{Class, Pos, tag};
        // Keys 1 2 ("Mahmoud Abbas") a person, then key 2 alone tagged O, key 3 a place.
        let mut stats = DocStats::default();
        stats.add(
            &[0, 1, 2, 0],
            &[0, tag(Class::Per, Pos::B), tag(Class::Per, Pos::L), 0],
        );
        stats.add(&[2, 3], &[0, tag(Class::Loc, Pos::U)]);
        let abbas = stats.get(2);
        assert_eq!((abbas.seen, abbas.classes), (2, [1, 0, 0, 0]));
        assert_eq!(abbas.longest, (2, Class::Per as u8, 2));
        assert!(abbas.person_last && !abbas.person_first);
        assert!(stats.get(1).person_first);
        assert_eq!(stats.get(0).seen, 2);
        assert_eq!(stats.get(9), KeyStats::default());
        // The second time Abbas is tagged O, the document's majority still says person (half
        // of its occurrences), and the longest name holding it ends with it.
        let mut out = Vec::new();
        stage2(&stats, &[2, 3], &[0, tag(Class::Loc, Pos::U)], 0, &mut out);
        assert!(out.contains(&fp(T_DOC_MAJORITY, 0, &[Class::Per as u8, 2])));
        assert!(out.contains(&fp(T_DOC_LONGEST, 0, &[Class::Per as u8, 2, 2])));
        assert!(out.contains(&fp(T_DOC_PERSON_EDGE, 0, &[0, 1])));
        assert!(out.contains(&fp(T_DOC_MAJORITY, 1, &[Class::Loc as u8, 3])));
        assert!(out.contains(&stage2_tag(1, tag(Class::Loc, Pos::U))));
        // Nothing past the sentence's edges.
        assert!(!out.iter().any(|&f| f == stage2_tag(-1, 0)));
        stats.clear();
        assert_eq!(stats.get(2), KeyStats::default());
    }

    #[test]
    fn long_vowel_letters_are_counted_in_the_core() {
        let (g, lex) = (Gazetteer::get(), Lexicon::builtin());
        let foreign = type_info(Lang::Ar, "ناكامورا", g, lex);
        assert!(foreign.feats[2].contains(&fp(T_VOWELS, 0, &[8, 4])));
        let native = type_info(Lang::Ar, "سعد", g, lex);
        assert!(native.feats[2].contains(&fp(T_VOWELS, 0, &[3, 0])));
    }

    #[test]
    fn general_text_tells_words_that_take_pronouns_from_names() {
        // كتاب "book" is written with pronouns (كتابها, كتابهم), مدرسة "school" too, with its
        // ta marbuta as ت (مدرستها); the name نيستلروي never is. Harakat fold away (كِتاب).
        let table = "كتاب\t400\nكِتاب\t450\nكتابها\t500\nكتابهم\t520\nمدرسة\t450\n\
                     مدرستها\t520\nنيستلروي\t655\nقال\t300\nقالها\t600\nبيت\tx\n";
        let vocab = Vocab::from_counts(std::iter::empty()).with(&general_codes(table, ""));
        let code = |w: &str| vocab.code_of(general_key(w));
        // (freq, pronouns): 10^-4 and more is the commonest bucket; 10^-6.5 the second rarest.
        let parts = |c: u8| (c & 7, c >> 3);
        assert_eq!(parts(code("كتاب")), (7, 3));
        assert_eq!(parts(code("مدرسه")), (6, 3));
        assert_eq!(parts(code("نيستلروي")), (2, 0));
        // قالها is a thousandth of قال: written with a pronoun, rarely.
        assert_eq!(parts(code("قال")), (7, 1));
        // Absent, or a line without a number: no code.
        assert_eq!(code("بيت"), 0);
        assert_eq!(code("زيد"), 0);
        // A corpus code already in the vocabulary is kept over an extra one.
        let key = vocab_key("كتاب", false);
        let v = Vocab::from_counts([(key, [3, 0, 0, 0])].into_iter()).with(&[(key, 0xff)]);
        assert_eq!(v.code_of(key), vocab_code([3, 0, 0, 0]));
    }

    #[test]
    fn the_words_a_dictionary_lacks_are_marked_in_the_general_codes() {
        // The dictionary's list as the script writes it, unfolded: أوباما folds to اوباما;
        // a word of the list that general text lacks gets no code of its own.
        let table = "اوباما\t500\nكتاب\t400\nزياد\t520\n";
        let lacking = "أوباما\nزياد\n\nنيستلروي\n";
        let vocab = Vocab::from_counts(std::iter::empty()).with(&general_codes(table, lacking));
        let code = |w: &str| vocab.code_of(general_key(w));
        // Bit 5 apart, the codes are those of the table alone.
        let alone = Vocab::from_counts(std::iter::empty()).with(&general_codes(table, ""));
        for w in ["اوباما", "كتاب", "زياد"] {
            assert_eq!(code(w) & !32, alone.code_of(general_key(w)), "{w}");
        }
        assert_eq!(code("اوباما") >> 5, 1);
        assert_eq!(code("زياد") >> 5, 1);
        assert_eq!(code("كتاب") >> 5, 0);
        assert_eq!(code("نيستلروي"), 0);
        // The mark reaches the word and its neighbours, with how common the word is.
        let (g, lex) = (Gazetteer::get(), Lexicon::builtin());
        let freq = code("زياد") & 7;
        let mut info = type_info(Lang::Ar, "زياد", g, lex);
        add_vocab(&mut info, &vocab);
        assert!(info.feats[2].contains(&fp(T_GENERAL, 0, &[3, 1, freq.min(4)])));
        assert!(info.feats[3].contains(&fp(T_GENERAL, 1, &[3, 1, freq.min(4)])));
        let mut book = type_info(Lang::Ar, "كتاب", g, lex);
        add_vocab(&mut book, &vocab);
        let freq = code("كتاب") & 7;
        assert!(book.feats[2].contains(&fp(T_GENERAL, 0, &[3, 0, freq.min(4)])));
    }

    #[test]
    fn the_names_people_carry_are_counted_per_role_and_without_the_article() {
        // Counts as the script writes them: given, family. أحمد and احمد fold together; the
        // family name الحريري counts also as حريري, the core of وللحريري.
        let table = "احمد\t4961\t711\nأحمد\t39\t0\nالحريري\t0\t37\nحريري\t0\t2\n\
                     زياد\t150\t3\nخطا\tx\t1\nوحيد\nإيران\t10\t0\n";
        let vocab = Vocab::from_counts(std::iter::empty()).with(&person_name_codes(table));
        let code = |w: &str| {
            let c = vocab.code_of(names_key(w));
            (c & 7, c >> 3)
        };
        assert_eq!(code("احمد"), (4, 4));
        assert_eq!(code("الحريري"), (0, 3));
        assert_eq!(code("حريري"), (0, 3));
        assert_eq!(code("زياد"), (3, 2));
        // A malformed line, a word alone, an absent word: no code.
        assert_eq!(code("خطا"), (0, 0));
        assert_eq!(code("وحيد"), (0, 0));
        assert_eq!(code("كتاب"), (0, 0));
        // A curated place's name is no person's name here.
        assert_eq!(code("ايران"), (0, 0));
        // The table's keys are its own: a general-text key of the same word finds nothing.
        assert_eq!(vocab.code_of(general_key("احمد")), 0);
        // Its features reach the word and its neighbours.
        let (g, lex) = (Gazetteer::get(), Lexicon::builtin());
        let mut info = type_info(Lang::Ar, "وأحمد", g, lex);
        add_vocab(&mut info, &vocab);
        assert!(info.feats[2].contains(&fp(T_NAMES, 0, &[8, 4, 4])));
        assert!(info.feats[1].contains(&fp(T_NAMES, -1, &[8, 4, 4])));
    }
}
