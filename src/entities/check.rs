//! The translation check: per aligned pair, what does not match across the two sides — a person
//! or place named on each side that the other side does not name, numbers that differ
//! (Arabic-Indic digits, separators and million/مليون normalised), dates that differ.
//!
//! Names: a person or place on one side is first looked for in the other side of the pair
//! (gazetteer forms with their proclitics, adjectives and demonyms, forms inside words run
//! together, transliteration of any word of the name, so a surname alone or a given name alone
//! counts, and descriptions in generic words by their translation). What is not found there is
//! either a substitution (something on each side with no counterpart on the other) or, when the
//! detector is confident, an omission/addition (named on one side only), each reported with a
//! confidence. An Arabic span that is most likely no name (a word of quantity, a cue word alone,
//! words run together, the place of a time zone) gets a confidence below every threshold, as
//! Arabic has no capitals to tell a name from a common word. Numbers and dates are compared as
//! values; a number or date on one side only (a number written out as a word in the
//! translation) is not reported. Pure: no terminal, no I/O.
//!
//! The detector reaches the check through a narrow interface: a span with a kind and a
//! confidence ([`confidence`] maps today's evidence to one; a learned tagger gives its own).

use super::arabic::AR_NAME_LINKS;
use super::dates::{Calendar, DateValue, RelUnit};
use super::found::{Found, How, Key};
use super::gazetteer::{GazKind, Gazetteer, Hit};
use super::link::MAX_PAIR_NAMES;
use super::numbers::{Num, Unmatched, unmatched};
use super::skeleton::Variants;
use super::tagger::{after_kin, ar_given_name};
use super::text::{AR_PER_TITLES, AR_STOP, EN_STOP, EN_TITLES, FnvBuild, Prepared, TokKind, ar_in};
use super::text::{GLUED, GLUED_MAX, GLUED_WORDS};
use crate::document::normalize::fold;
use crate::document::script::{is_alphabetic, is_arabic_letter};
use crate::document::{Discrepancy, DiscrepancyKind, EntityKind, Lang};
use std::collections::HashSet;
use std::sync::OnceLock;

/// A person or place on one side of a pair, as the check sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Name<'a> {
    /// Person or place.
    pub kind: EntityKind,
    /// The entity (index into the document's entities).
    pub entity: usize,
    /// The entity's label in this language.
    pub label: &'a str,
    /// The mention itself, folded.
    pub text: &'a str,
    /// The mention from the start of its first word ([`whole_words`]): an Arabic detector may
    /// have cut a letter it took for a proclitic (ويلينغ, Wheeling, read as و + يلينغ).
    pub whole: &'a str,
    /// How sure the detector is that this is a name of this kind (0–1).
    pub confidence: f32,
    /// Whether the other side of the pair names it too, linked or not.
    pub present: bool,
    /// Whether the document names it in both languages somewhere (then a pair that names it
    /// on one side only most likely says "he" or "the city" on the other: not an omission).
    pub bilingual: bool,
    /// Whether it stands in a title-cased headline, where capitals do not tell where an English
    /// name ends ([`Prepared::title_cased`]).
    pub headline: bool,
}

/// Transliteration similarity at or above which a word of a name counts as present on the other
/// side: lower than the linking threshold, as this only keeps a name from being reported.
pub const PRESENT_THRESHOLD: f32 = 0.7;

/// The similarity a name's last word must reach against any word of the other side (not one
/// of its names) to count as present: a word met by chance among all the words of a paragraph
/// must match more closely than a word of a name set against another name.
pub const SCAN_THRESHOLD: f32 = 0.8;

/// The similarity a word other than a name's last must reach to count as present.
pub const STRICT_THRESHOLD: f32 = 0.85;

/// Below this confidence a name on one side only is not reported.
pub const OMISSION_CONFIDENCE: f32 = 0.8;
/// Below this confidence a name does not take part in a substitution.
pub const SUBSTITUTION_CONFIDENCE: f32 = 0.3;

/// What the checker needs to know about one side of a pair.
#[derive(Debug, Clone, Default)]
pub struct Side<'a> {
    /// People and places named.
    pub names: Vec<Name<'a>>,
    /// Dates, with their label.
    pub dates: Vec<(DateValue, &'a str)>,
    /// Numbers outside dates, as values.
    pub numbers: Vec<Num<'a>>,
    /// The year relative years of this side count from ([`reference_year`]).
    pub year: Option<i32>,
    /// Arabic words no detector took for a name that read as persons' names and that the
    /// English spells nowhere ([`ar_name_guesses`]); computed only when the English names a
    /// person the Arabic does not.
    pub guesses: Vec<&'a str>,
}

/// The confidence of a substitution whose Arabic side is a guess ([`ar_name_guesses`]).
pub const GUESS_CONFIDENCE: f32 = 0.5;

/// The words of the Arabic paragraph `p` outside every name `found` in it that read as a
/// person's name ([`ar_given_name`], a proclitic off: بجاك), and that `other`, the English of the
/// pair, spells in no word outside its names; folded stems, each once. The Arabic tagger finds
/// few given names alone (جاك, سام), and the bilingual search finds them through the English
/// name: when that name is changed, such a word is all the Arabic still says of the person. At
/// most [`MAX_SEARCHES`] words are searched for.
pub fn ar_name_guesses<'p>(
    p: &'p Prepared,
    found: &[Found],
    other: &[OtherPara],
    g: &Gazetteer,
) -> Vec<&'p str> {
    let mut spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    spans.sort_unstable();
    // The spans ending after the token seen last (tokens come in order): one sweep.
    let mut next = 0;
    let mut searches = 0;
    let mut out: Vec<&str> = Vec::new();
    for (i, t) in p.toks.iter().enumerate() {
        while spans.get(next).is_some_and(|&(_, e)| e <= t.start) {
            next += 1;
        }
        let in_name = spans
            .get(next..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(s, _)| s < t.end)
            .any(|&(_, e)| t.start < e);
        if t.kind != TokKind::Word || in_name {
            continue;
        }
        let Some(stem) = ar_given_name(p.tok(i)) else {
            continue;
        };
        if out.contains(&stem) || searches >= MAX_SEARCHES {
            continue;
        }
        searches += 1;
        if !present(
            Lang::Ar,
            EntityKind::Person,
            stem,
            &Key::Name(stem.to_string()),
            other,
            g,
        ) {
            out.push(stem);
        }
    }
    out
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ar => "Arabic",
        Lang::En => "English",
    }
}

/// People and places: substitutions, then omissions/additions.
///
/// A name counts as missing from the other side only when it is named there in no form: not
/// linked, not found by [`present`] in the other side's words, and not the same name as one the
/// other side's detector found ([`same_name`]: a surname alone, a given name alone, a place
/// named with or without its cue word).
fn check_names<'a>(pair: usize, ar: &Side<'a>, en: &Side<'a>, out: &mut Vec<Discrepancy>) {
    for (kind, label, found) in [
        (EntityKind::Person, "person", DiscrepancyKind::Person),
        (EntityKind::Place, "place", DiscrepancyKind::Place),
    ] {
        // Names of `a` of this kind that `b` names in no form, with their best confidence; for
        // omissions, only those the document never names in both languages either.
        let lone = |lang: Lang, omission: bool| -> Vec<(&'a str, &'a str, f32)> {
            let (a, b) = match lang {
                Lang::Ar => (ar, en),
                Lang::En => (en, ar),
            };
            let mut v: Vec<(&str, &str, f32)> = Vec::new();
            let mut searched = Searched::default();
            // The other side's names, each spelling once; listed when a name is first searched
            // (most pairs need no search).
            let spellings = std::cell::OnceCell::new();
            let spellings = || -> &Vec<&Name> {
                spellings.get_or_init(|| {
                    let mut seen = HashSet::new();
                    b.names
                        .iter()
                        .filter(|m| seen.insert((m.text, m.whole, m.headline)))
                        .collect()
                })
            };
            for n in &a.names {
                // Named under any kind: the two detectors may read one name as a person and a
                // place (a club named after its town).
                let spelled = |m: &Name| {
                    let (en_name, ar_name) = match lang {
                        Lang::En => (n, m),
                        Lang::Ar => (m, n),
                    };
                    same_name_any(en_name.text, ar_name)
                        || (en_name.headline && shares_a_word(en_name.text, ar_name.text))
                };
                if n.kind != kind
                    || n.present
                    || (omission && n.bilingual)
                    || b.names.iter().any(|m| m.entity == n.entity)
                    || searched.ask((n.text, n.whole, n.headline), || {
                        // A side that names more than prose does (a list) is not searched
                        // name by name: each of its names counts as named.
                        let spellings = spellings();
                        spellings.len() > MAX_PAIR_NAMES || spellings.iter().any(|m| spelled(m))
                    })
                {
                    continue;
                }
                match v.iter_mut().find(|x| x.0 == n.label) {
                    Some(slot) => slot.2 = slot.2.max(n.confidence),
                    None => v.push((n.label, n.text, n.confidence)),
                }
            }
            v
        };
        let (a, e) = (lone(Lang::Ar, false), lone(Lang::En, false));
        let best = |v: &[(&str, &str, f32)]| v.iter().map(|x| x.2).fold(0.0f32, f32::max);
        let labels = |v: &[(&'a str, &'a str, f32)], min: f32| -> Vec<&'a str> {
            v.iter().filter(|x| x.2 >= min).map(|x| x.0).collect()
        };
        // A substitution: a name on each side that the other lacks, neither a mere guess.
        let sub = SUBSTITUTION_CONFIDENCE;
        let (ba, be) = (best(&a), best(&e));
        // An English person the Arabic lacks, against a word of the Arabic that reads as a
        // person's name ([`unspelled_guesses`]).
        let (ar_names, confidence) = if kind == EntityKind::Person && a.is_empty() && be >= sub {
            (unspelled_guesses(ar, en), be.min(GUESS_CONFIDENCE))
        } else {
            (labels(&a, sub), ba.min(be))
        };
        if !ar_names.is_empty() && !e.is_empty() && confidence >= sub {
            out.push(Discrepancy {
                pair,
                kind: found,
                detail: format!(
                    "the {} names {}, the {} {}",
                    lang_name(Lang::Ar),
                    ar_names.join(", "),
                    lang_name(Lang::En),
                    labels(&e, sub).join(", ")
                ),
                confidence: f64::from(confidence),
            });
            continue;
        }
        for (lang, v) in [
            (Lang::Ar, lone(Lang::Ar, true)),
            (Lang::En, lone(Lang::En, true)),
        ] {
            let v = &v;
            let sure = labels(v, OMISSION_CONFIDENCE);
            if sure.is_empty() {
                continue;
            }
            out.push(Discrepancy {
                pair,
                kind: DiscrepancyKind::Omission,
                detail: format!(
                    "{label} named only in the {}: {} (not found in the {})",
                    lang_name(lang),
                    sure.join(", "),
                    lang_name(lang.other())
                ),
                confidence: f64::from(best(v)),
            });
        }
    }
}

/// The Arabic side's guesses ([`Side::guesses`]) that no English name of the pair spells closely
/// (a short name alone is loosely like many: Tom, سام).
fn unspelled_guesses<'a>(ar: &Side<'a>, en: &Side) -> Vec<&'a str> {
    ar.guesses
        .iter()
        .copied()
        .filter(|w| !en.names.iter().any(|m| shares_a_word(m.text, w)))
        .collect()
}

/// Whether an English name and an Arabic one share a distinctive word (two consonants or
/// more, closely transliterated): enough where the English name's extent is a guess (a
/// headline's "`YouTube` Channel" against يوتيوب).
fn shares_a_word(en: &str, ar: &str) -> bool {
    let aw = name_words(Lang::Ar, ar);
    name_words(Lang::En, en).iter().any(|w| {
        let e = Variants::english(w);
        generic(w).is_none()
            && e.consonants() >= 2
            && aw
                .iter()
                .any(|a| name_word_score(w, &e, a) >= STRICT_THRESHOLD)
    })
}

/// Whether a name found in an English title-cased headline shares a distinctive word with any
/// word of the Arabic (not only its names): in a headline capitals do not tell where a name
/// ends ("Wearing a MAGA Hat" / قبعة ماجا), so one close word is enough.
pub fn headline_word_present(en: &str, other: &[OtherPara]) -> bool {
    name_words(Lang::En, en).iter().any(|w| {
        let e = Variants::english(w);
        generic(w).is_none()
            && e.consonants() >= 2
            && other.iter().any(|&OtherPara { prep: p, .. }| {
                p.toks.iter().enumerate().any(|(i, t)| {
                    let tok = p.tok(i);
                    t.kind == TokKind::Word
                        && !function_word(tok)
                        && name_word_score(w, &e, tok) >= STRICT_THRESHOLD
                })
            })
    })
}

/// Whether an English name is the same as an Arabic one ([`same_name`]), read as detected
/// or from the start of its first word.
fn same_name_any(en: &str, ar: &Name) -> bool {
    same_name(en, ar.text) || (ar.whole != ar.text && same_name(en, ar.whole))
}

/// The span `start..end` (folded bytes) widened to the start of the word it starts in.
pub fn whole_words<'p>(p: &'p Prepared, start: usize, end: usize) -> &'p str {
    let from = p
        .tok_containing(start)
        .and_then(|i| p.toks.get(i))
        .map_or(start, |t| t.start.min(start));
    p.slice(from, end)
}

/// The words of a name that carry it (titles, function words, particles and one-letter
/// initials set aside), in the name's language.
fn name_words(lang: Lang, name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split([' ', '-']).collect();
    words
        .iter()
        .enumerate()
        .filter(|&(k, w)| {
            // After a link a title word is a name (بن الشيخ, Ben Cheikh).
            let after_link = k > 0
                && words.get(k - 1).is_some_and(|p| match lang {
                    Lang::En => matches!(*p, "bin" | "ibn" | "ben" | "ould" | "abu" | "bou"),
                    Lang::Ar => AR_NAME_LINKS.contains(p),
                });
            w.chars().filter(|&c| is_alphabetic(c)).count() >= 2
                && match lang {
                    Lang::En => {
                        // Ben and Ould after the first word are the Maghrebi "son of"
                        // (Ezzeddine Ben Cheikh); first, a given name.
                        let link = matches!(*w, "al" | "el" | "bin" | "ibn" | "de" | "la" | "le")
                            || (k > 0 && matches!(*w, "ben" | "ould"));
                        let title = !after_link && EN_TITLES.contains(*w);
                        !(EN_STOP.contains(*w) || link || title)
                    }
                    Lang::Ar => {
                        !AR_STOP.contains(*w)
                            && (after_link || ar_in(w, &AR_PER_TITLES).is_none())
                            && !AR_NAME_LINKS.contains(w)
                    }
                }
        })
        .map(|(_, w)| *w)
        .collect()
}

/// How closely an English word and an Arabic word (its proclitics stripped in any allowed way)
/// transliterate each other: the best score. A long Arabic word may be several glued together
/// (real texts lose spaces: روكقامبتحميل), so its beginning and its end are tried too, and with
/// `runs` every run of its letters. The article lends its l only to an English word that opens
/// with a vowel (Alexandria الإسكندرية; السوق, "the market", is no Lusaka).
fn word_score(en_word: &str, en: &Variants, ar: &str, runs: bool) -> f32 {
    let best = letters_score(en_word, en, ar, runs);
    // A function word run onto a cue or a common word is two words, no name (asked only of
    // the few words that match at all).
    if best >= PRESENT_THRESHOLD && super::arabic::function_word_run_on(ar) {
        return 0.0;
    }
    best
}

/// [`word_score`] from the letters alone.
fn letters_score(en_word: &str, en: &Variants, ar: &str, runs: bool) -> f32 {
    let vowel = super::skeleton::opens_with_vowel(en_word);
    let score = |w: &str| {
        super::text::proclitic_splits(w)
            .filter(|(_, stem)| stem.chars().count() >= 2)
            .map(|(_, stem)| {
                let skel = Variants::arabic(stem);
                if !vowel && stem.starts_with("ال") {
                    en.score(&skel.without_articles(), PRESENT_THRESHOLD)
                } else {
                    en.score(&skel, PRESENT_THRESHOLD)
                }
            })
            .fold(0.0, f32::max)
    };
    let mut best = score(ar);
    // A relative pronoun run onto the end (سنوب دوغالذي, Snoop Dogg + الذي "who").
    if best < 1.0
        && let Some(head) = super::text::without_glued_tail(ar)
    {
        best = best.max(score(head));
    }
    let chars: Vec<(usize, char)> = ar.char_indices().collect();
    if chars.len() >= GLUED && best < 1.0 {
        let want = en.consonants() + 1;
        // Every run with `runs` (up to a length), else the beginning and the end.
        let every = runs && chars.len() <= GLUED_MAX;
        // A run of words that opens with a function word and the article (منالعقوبات..., "of
        // the sanctions") has no name at its beginning: من + ال spells Manila loosely.
        let opens_with_function_word =
            super::arabic::after_function_word(ar).any(|rest| rest.starts_with("ال"));
        for n in want.saturating_sub(1).max(3)..=(want + 3).min(chars.len() - 2) {
            let last = chars.len() - n;
            for from in (0..=last)
                .filter(|&f| every || f == 0 || f == last)
                .filter(|&f| f > 0 || !opens_with_function_word)
            {
                let start = chars[from].0;
                let end = chars.get(from + n).map_or(ar.len(), |c| c.0);
                if let Some(part) = ar.get(start..end) {
                    best = best.max(en.score(&Variants::arabic(part), PRESENT_THRESHOLD));
                }
            }
        }
    }
    best
}

/// How well an English word of a name matches an Arabic word: by transliteration, or, for a
/// generic word of place names, by translation (then 0.8: it names no place alone).
fn name_word_score(en_word: &str, en: &Variants, ar: &str) -> f32 {
    let t = match generic(en_word) {
        Some(stems) if translates(stems, ar) => GENERIC_SCORE,
        _ => 0.0,
    };
    let glides = if glides_match(en_word, en, ar) {
        GENERIC_SCORE
    } else {
        0.0
    };
    // A given name Arabic translates (John, يوحنا), by the translation's letters.
    let translated = super::skeleton::translated_forms(en_word)
        .iter()
        .map(|form| word_score(form, &Variants::english(form), ar, false))
        .fold(0.0, f32::max);
    t.max(glides)
        .max(translated)
        .max(word_score(en_word, en, ar, false))
}

/// Whether a short name of vowels and glides only (no consonant for the skeletons to compare)
/// is written with the same glide in both scripts: Ye / يي, Wu / وو, Wei / وي.
pub(crate) fn glides_match(en_word: &str, en: &Variants, ar: &str) -> bool {
    if en.consonants() > 0 || en_word.chars().count() > 3 || ar.chars().count() > 3 {
        return false;
    }
    if Variants::arabic(ar).consonants() > 0 {
        return false;
    }
    match (en_word.chars().next(), ar.chars().next()) {
        (Some('y'), Some(a)) => a == 'ي',
        (Some('w' | 'u' | 'o'), Some(a)) => a == 'و',
        (Some('a' | 'e' | 'i'), Some(a)) => matches!(a, 'ا' | 'ع' | 'ي'),
        _ => false,
    }
}

/// The score of a generic word met by its translation.
const GENERIC_SCORE: f32 = 0.8;

/// Whether an English name and an Arabic name (both folded) are the same name, one perhaps
/// shorter: every word of one transliterates a word of the other (Sutopo Purwo Nugroho / نوجرو,
/// Alan Lithgow / آلان ليثجو, Nottingham East / نوتنغهام), and either their last words agree
/// or the shorter one matches closely (a given name alone meets other people's: Tomasz / توماس
/// is not Thomas). Two names that each have a word the other lacks are two names (Riyad
/// Mansouri / رياض حداد).
pub fn same_name(en: &str, ar: &str) -> bool {
    // Two kings of one name and different numbers are two people (Philip V, فيليب الرابع).
    if let (Some((_, e)), Some(a)) = (super::text::en_regnal(en), super::text::ar_regnal_value(ar))
        && e != a
    {
        return false;
    }
    let (ew, aw) = (name_words(Lang::En, en), name_words(Lang::Ar, ar));
    if ew.is_empty() || aw.is_empty() {
        return false;
    }
    let ev: Vec<Variants> = ew.iter().map(|w| Variants::english(w)).collect();
    let score: Vec<Vec<f32>> = ew
        .iter()
        .zip(&ev)
        .map(|(w, e)| aw.iter().map(|a| name_word_score(w, e, a)).collect())
        .collect();
    let strict = |i: usize, j: usize| {
        score[i][j] >= STRICT_THRESHOLD
            && generic(ew[i]).is_none()
            && ev[i].consonants() >= 3
            && Variants::arabic(aw[j]).consonants() >= 3
    };
    let loose = |i: usize, j: usize| score[i][j] >= PRESENT_THRESHOLD;
    let (ni, nj) = (ew.len(), aw.len());
    // The English words that must be met: a place's head word (Street, River) may stand
    // outside the Arabic name (شارع إتشيلدرز, with the detector's span on the name alone).
    let mut core: Vec<usize> = (0..ni).filter(|&i| !head_word(ew[i])).collect();
    if core.is_empty() {
        core = (0..ni).collect();
    }
    let en_loose = core.iter().all(|&i| (0..nj).any(|j| loose(i, j)));
    let ar_loose = (0..nj).all(|j| (0..ni).any(|i| loose(i, j)));
    // The shorter name's last word is a later word of the longer one (a family name, a
    // place's head), not only its first (a given name).
    let last = core.last().copied().unwrap_or(ni - 1);
    let en_last = (0..nj).any(|j| loose(last, j) && (j > 0 || nj == 1));
    let ar_last = (0..ni).any(|i| loose(i, nj - 1) && (i > 0 || ni == 1));
    let en_strict = (0..ni).all(|i| (0..nj).any(|j| strict(i, j)));
    let ar_strict = (0..nj).all(|j| (0..ni).any(|i| strict(i, j)));
    // A name of one word met as a later word of a longer one (a surname alone) must match
    // more closely than a loose word: Robinson / روبنسون is not Raghunathan.
    let alone = |i: usize, j: usize| score[i][j] >= SCAN_THRESHOLD;
    let ar_last = ar_last && (nj > 1 || ni == 1 || (1..ni).any(|i| alone(i, 0)));
    let en_last = en_last && (core.len() > 1 || nj == 1 || (1..nj).any(|j| alone(last, j)));
    // Both wholly covered: the same words, perhaps in another order (West Virginia /
    // فرجينيا الغربية).
    (en_loose && (ar_loose || en_last)) || (ar_loose && ar_last) || en_strict || ar_strict || {
        // One name written in more or fewer words (Whitehall / وايت هول, Bestwood / بيست وود):
        // the whole names, read together, match closely.
        let (e, a) = (
            Variants::english(&ew.join(" ")),
            Variants::arabic(&aw.join(" ")),
        );
        ni != nj
            && e.consonants() >= 3
            && a.consonants() >= 3
            && e.score(&a, STRICT_THRESHOLD) >= STRICT_THRESHOLD
    }
}

/// A date with its relative year resolved against the side's reference year: `this year` in an
/// article of 2018 is 2018, `last December` is December 2017.
fn resolved(d: &DateValue, reference: Option<i32>) -> DateValue {
    let mut v = *d;
    if let (Some((RelUnit::Year, offset)), None, Some(y)) = (d.relative, d.year, reference) {
        v.year = Some(y + i32::from(offset));
        v.relative = None;
    }
    v
}

/// Dates: absolute dates against absolute dates (a year, month, day or weekday that clashes),
/// relative dates that could not be resolved against relative dates (last week against next
/// week). A relative date never hides an absolute one: "this week" says nothing about the month
/// of a November on the other side.
fn check_dates(pair: usize, ar: &Side, en: &Side, out: &mut Vec<Discrepancy>) {
    let fields = |d: &DateValue| {
        [
            d.year.map(i64::from),
            d.month.map(i64::from),
            d.day.map(i64::from),
            d.weekday.map(i64::from),
        ]
    };
    let absolute = |d: &DateValue| fields(d).iter().any(Option::is_some);
    // Two absolute dates are compatible when they share a field and no field disagrees; dates
    // in different calendars are not compared.
    let compatible = |x: &DateValue, y: &DateValue| {
        let (fx, fy) = (fields(x), fields(y));
        let shared = fx.iter().zip(&fy).any(|(a, b)| a.is_some() && b.is_some());
        let clash = fx
            .iter()
            .zip(&fy)
            .any(|(a, b)| a.is_some() && b.is_some() && a != b);
        x.calendar != y.calendar || (shared && !clash)
    };
    let values = |s: &Side| -> Vec<(DateValue, String)> {
        s.dates
            .iter()
            .map(|(v, t)| (resolved(v, s.year), (*t).to_string()))
            .collect()
    };
    let (va, ve) = (values(ar), values(en));
    let lone = |a: &[(DateValue, String)], b: &[(DateValue, String)], abs: bool| -> Vec<String> {
        a.iter()
            .filter(|(v, _)| absolute(v) == abs)
            .filter(|(v, _)| {
                !b.iter().any(|(w, _)| {
                    absolute(w) == abs
                        && if abs {
                            compatible(v, w)
                        } else {
                            v.relative == w.relative
                        }
                })
            })
            .map(|(_, t)| t.clone())
            .collect()
    };
    for abs in [true, false] {
        let (a, e) = (lone(&va, &ve, abs), lone(&ve, &va, abs));
        if !a.is_empty() && !e.is_empty() {
            out.push(Discrepancy {
                pair,
                kind: DiscrepancyKind::Date,
                detail: format!(
                    "the Arabic says {}, the English {}",
                    a.join(", "),
                    e.join(", ")
                ),
                confidence: 0.9,
            });
            return;
        }
    }
}

/// The year a side's relative years count from: the year its dates name most often (the
/// article's own year, in news), the later one on a tie.
pub fn reference_year<'d>(dates: impl IntoIterator<Item = &'d DateValue>) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for d in dates {
        if let (Some(y), Calendar::Gregorian) = (d.year, d.calendar) {
            match counts.iter_mut().find(|c| c.0 == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|c| c.0)
}

/// Compare the two sides of pair `pair`; append what differs.
pub fn check<'a>(pair: usize, ar: &Side<'a>, en: &Side<'a>, out: &mut Vec<Discrepancy>) {
    check_names(pair, ar, en, out);
    check_dates(pair, ar, en, out);
    let (ua, ue) = unmatched(&ar.numbers, &en.numbers);
    // A weak number is never reported by itself, but it stands against a number on the other
    // side that nothing there matches (ستة against "Two officers"); so does a number that only
    // a weak one matched (2 against "two holes", حفرتين unread, when the English 2 became 20).
    let others = |u: Unmatched<'a>| [u.weak, u.by_weak].concat();
    let (a, e) = match (ua.strong.is_empty(), ue.strong.is_empty()) {
        (false, true) => (ua.strong, others(ue)),
        (true, false) => (others(ua), ue.strong),
        _ => (ua.strong, ue.strong),
    };
    // A number on one side only against a day or year of a date on the other side only (30
    // مايو against "May 80"; عام 1870 against "in 1840", too early a year to be read as one):
    // the changed one is no date any more.
    let (a, e) = match (a.is_empty(), e.is_empty()) {
        (true, false) => (lone_date_numbers(ar, en, &en.numbers), e),
        (false, true) => (a, lone_date_numbers(en, ar, &ar.numbers)),
        _ => (a, e),
    };
    if !a.is_empty() && !e.is_empty() {
        out.push(Discrepancy {
            pair,
            kind: DiscrepancyKind::Number,
            detail: format!(
                "the Arabic has {}, the English {}",
                a.join(", "),
                e.join(", ")
            ),
            confidence: 0.9,
        });
    }
}

/// The dates of `side` with a day of the month or a year that neither a date of `other` nor
/// one of `numbers` has.
fn lone_date_numbers<'a>(side: &Side<'a>, other: &Side, numbers: &[Num]) -> Vec<&'a str> {
    let counted = |v: i32| {
        numbers
            .iter()
            .any(|n| n.values.iter().any(|&x| (x - f64::from(v)).abs() < 0.5))
    };
    side.dates
        .iter()
        .filter(|(d, _)| {
            let day = d.day.map(i32::from).is_some_and(|day| {
                !other
                    .dates
                    .iter()
                    .any(|(o, _)| o.day.map(i32::from) == Some(day))
                    && !counted(day)
            });
            let year = d.calendar == Calendar::Gregorian
                && d.year.is_some_and(|y| {
                    !other.dates.iter().any(|(o, _)| o.year == Some(y)) && !counted(y)
                });
            day || year
        })
        .map(|(_, label)| *label)
        .collect()
}

/// Words of an English document written in lower case somewhere: a capitalised word that is also
/// a common word ("Members", "Beach") makes a weak name.
pub fn common_words<'a>(
    paras: impl IntoIterator<Item = &'a Prepared<'a>>,
) -> HashSet<String, FnvBuild> {
    let mut out: HashSet<String, FnvBuild> = HashSet::default();
    for p in paras {
        for (i, t) in p.toks.iter().enumerate() {
            if t.kind == TokKind::Word && !p.cap_at(t.start) {
                let w = p.tok(i);
                if !out.contains(w) {
                    out.insert(w.to_string());
                }
            }
        }
    }
    out
}

/// How sure the detector is of a person or place: a gazetteer entry, or a name the document
/// names on both sides somewhere (linked across the languages), is sure; a rule's guess is sure
/// when it spans several words none of which the document also uses as a common word, or is a
/// given name after a word of kinship ([`after_kin`]: "my friend Tom"). Arabic
/// rule guesses alone are never sure (no capitals to go by).
///
/// This is the one place that turns detector evidence into a confidence; a detector that gives
/// its own probability (a learned tagger) replaces the rule estimate here.
pub fn confidence(
    lang: Lang,
    f: &Found,
    p: &Prepared,
    common: &HashSet<String, impl std::hash::BuildHasher>,
    bilingual: bool,
) -> f32 {
    let rule = || {
        if lang == Lang::Ar {
            return 0.5;
        }
        // In a title-cased line (a headline) capitals say nothing about names.
        if p.title_cased(f.start) {
            return 0.3;
        }
        let text = p.slice(f.start, f.end);
        // Words of two letters or more: an initial or a letter of a stage name (JAY-Z) makes
        // no name of two words.
        let words: Vec<&str> = text
            .split([' ', '-'])
            .filter(|w| {
                w.chars().nth(1).is_some() && !EN_TITLES.contains(*w) && !EN_STOP.contains(*w)
            })
            .collect();
        if words.is_empty() || words.iter().any(|w| common.contains(*w)) {
            0.3
        } else if words.len() >= 2 || (f.kind == EntityKind::Person && after_kin(p, f.start, f.end))
        {
            // A given name said with whose sister or friend it is ("my friend Tom") is as
            // sure as a full name.
            0.85
        } else {
            0.6
        }
    };
    if lang == Lang::Ar && unlikely_arabic_name(p, f.start, f.end) {
        return UNLIKELY;
    }
    let linked = if bilingual { 0.85 } else { 0.0 };
    match f.how {
        // One Arabic word, folded, is often also a common word or another name (جده: Jeddah and
        // "his grandfather"; جوني: Juneau and Johnny): likely, not sure.
        How::Gazetteer if lang == Lang::Ar && !p.slice(f.start, f.end).contains(' ') => {
            f32::max(0.75, linked)
        }
        How::Gazetteer => 0.95,
        How::Projection => f32::max(0.7, linked),
        How::Lexicon | How::Rule => f32::max(rule(), linked),
    }
}

/// The confidence of a span that is most likely no name ([`unlikely_arabic_name`]): below
/// every threshold, so it is never reported.
pub const UNLIKELY: f32 = 0.1;

/// Whether an Arabic span that a detector took for a person or place is most likely no name:
/// every word of it, its proclitics off, is a function word, a word of quantity, a title or a
/// place cue alone (لثلاثة "of three", حوالي "about", بولاية "in the state of"); its first word
/// is several words run together (محاكاةساخرةللجاسوس: a ة or ى inside a word only ends one);
/// or it is the place of a time zone (بالتوقيت الصيفي لبريطانيا, "BST"; بتوقيت مكة), which the
/// other side writes as an abbreviation or not at all.
pub fn unlikely_arabic_name(p: &Prepared, start: usize, end: usize) -> bool {
    if super::arabic::no_name(p.slice(start, end)) {
        return true;
    }
    let Some(first) = p.tok_containing(start) else {
        return false;
    };
    let glued = p.toks.get(first).is_some_and(|t| {
        let r = p.folded.source_range(p.src, t.start, t.end);
        let word = p.src.get(r).unwrap_or("");
        let mut chars = word.chars().filter(|&c| is_alphabetic(c)).peekable();
        let mut inside = false;
        while let Some(c) = chars.next() {
            if matches!(c, 'ة' | 'ى') && chars.peek().is_some() {
                inside = true;
            }
        }
        inside
    });
    let time_zone = (first.saturating_sub(3)..first).any(|i| {
        super::text::proclitic_splits(p.tok(i))
            .any(|(_, w)| w.strip_prefix("ال").unwrap_or(w).starts_with("توقيت"))
    });
    glued || time_zone
}

/// Words common in place names that do not name the place by themselves (North Korea and
/// North Macedonia share "north"), with the Arabic stems that translate them (folded, article
/// and proclitics off): West Virginia / فرجينيا الغربية, Arabian Peninsula / شبه الجزيرة
/// العربية. They match their translation or a transliteration, and are never looked for alone.
/// The list is `assets/words/en-place-words.tsv`.
#[derive(Debug)]
struct PlaceWord {
    word: &'static str,
    stems: Vec<&'static str>,
    /// A place's head (Street, River), which Arabic writes as a cue word before the name.
    head: bool,
}

fn place_words() -> &'static [PlaceWord] {
    static WORDS: OnceLock<Vec<PlaceWord>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../assets/words/en-place-words.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut f = l.split('\t');
                PlaceWord {
                    word: f.next().unwrap_or("").trim(),
                    stems: f
                        .next()
                        .unwrap_or("")
                        .split('|')
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .collect(),
                    head: f.next().is_some_and(|h| h.trim() == "head"),
                }
            })
            .collect()
    })
}

fn place_word(en: &str) -> Option<&'static PlaceWord> {
    // A possessive is the word (Women's Hospital, مستشفى النساء; Martyrs' Square).
    let en = en
        .strip_suffix("'s")
        .or_else(|| en.strip_suffix("’s"))
        .or_else(|| en.strip_suffix('\''))
        .or_else(|| en.strip_suffix('’'))
        .unwrap_or(en);
    place_words().iter().find(|p| p.word == en)
}

/// Whether a generic English word is the head of a place name (Childers Street, Nile River),
/// which Arabic writes as a cue word before the name, often outside the detected span; the
/// words that tell places apart (North, New, Upper) are not heads.
pub(crate) fn head_word(en: &str) -> bool {
    place_word(en).is_some_and(|p| p.head)
}

/// The Arabic stems a generic English word translates to, if it is one.
fn generic(en: &str) -> Option<&'static [&'static str]> {
    place_word(en).map(|p| p.stems.as_slice())
}

/// The Arabic stems of an English word of place names that Arabic translates (East / شرق,
/// Street / شارع), if it is one and has any.
pub(crate) fn translated_stems(en: &str) -> Option<&'static [&'static str]> {
    generic(en).filter(|stems| !stems.is_empty())
}

/// Whether a folded Arabic word (proclitics and article allowed) translates a generic English
/// word whose stems are `stems`.
pub(crate) fn translates(stems: &[&str], ar: &str) -> bool {
    super::text::proclitic_splits(ar).any(|(_, w)| {
        let w = super::text::without_article(w);
        stems.iter().any(|s| !s.contains(' ') && w.starts_with(s))
    })
}

/// Whether a folded Arabic word translates with `stem`, or, when it is several words run
/// together (والمتخصصفيمستشفىبريجهام), holds it.
fn translates_in(stem: &str, ar: &str) -> bool {
    translates(&[stem], ar)
        || (stem.chars().count() >= 4 && ar.chars().count() >= GLUED && ar.contains(stem))
}

/// One paragraph of the other side of a pair, with the names its detector found there.
#[derive(Debug, Clone, Copy)]
pub struct OtherPara<'p, 'a> {
    /// The paragraph.
    pub prep: &'p Prepared<'a>,
    /// The spans (folded bytes) of the people and places found in it.
    pub names: &'p [(usize, usize)],
    /// For each token, whether it lies in one of those names ([`in_names`]; a token past the
    /// end lies in none).
    pub in_name: &'p [bool],
}

impl<'p, 'a> OtherPara<'p, 'a> {
    /// A paragraph in which no name was found.
    pub fn plain(prep: &'p Prepared<'a>) -> Self {
        OtherPara {
            prep,
            names: &[],
            in_name: &[],
        }
    }

    /// Whether token `i` lies in a name found there.
    fn in_name(&self, i: usize) -> bool {
        self.in_name.get(i).copied().unwrap_or(false)
    }
}

/// For each token of `p`, whether it overlaps one of `spans` (folded byte ranges): one pass
/// over the spans, so that a word is asked "inside a name?" in constant time.
pub fn in_names(p: &Prepared, spans: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut mask = vec![false; p.toks.len()];
    for (s, e) in spans {
        let first = p.toks.partition_point(|t| t.end <= s);
        for (t, m) in p.toks.iter().zip(mask.iter_mut()).skip(first) {
            if t.start >= e {
                break;
            }
            *m = true;
        }
    }
    mask
}

/// The most names of one side of a pair whose presence on the other side is searched word by
/// word ([`present`], [`same_name`]); the rest count as present. A pair of prose names a few
/// dozen at most: this bounds the work on a pair that lists thousands (any input stays linear).
pub const MAX_SEARCHES: usize = 64;

/// The answers of one search (is this name on the other side?) over the names of one side of
/// a pair: each distinct mention (`K`) searched once, at most [`MAX_SEARCHES`] of them; past
/// that a mention counts as found.
#[derive(Debug)]
pub struct Searched<K> {
    done: Vec<(K, bool)>,
    budget: usize,
}

impl<K: PartialEq> Default for Searched<K> {
    fn default() -> Self {
        Searched::new(MAX_SEARCHES)
    }
}

impl<K: PartialEq> Searched<K> {
    /// With room for `budget` searches.
    pub fn new(budget: usize) -> Self {
        Searched {
            done: Vec::new(),
            budget: budget.min(MAX_SEARCHES),
        }
    }

    /// The answer for `mention`: remembered, or `search`ed now while the budget lasts.
    pub fn ask(&mut self, mention: K, search: impl FnOnce() -> bool) -> bool {
        if let Some(&(_, found)) = self.done.iter().find(|(m, _)| *m == mention) {
            return found;
        }
        if self.done.len() >= self.budget {
            return true;
        }
        let found = search();
        self.done.push((mention, found));
        found
    }
}

/// Whether a name of one side is named on the other, in any of its readings: as detected
/// ([`present`]), from the start of its first word (`whole`), or, in a headline, by one
/// distinctive word ([`headline_word_present`]).
#[allow(clippy::too_many_arguments)]
pub fn present_any(
    lang: Lang,
    kind: EntityKind,
    text: &str,
    whole: &str,
    key: &Key,
    headline: bool,
    other: &[OtherPara],
    g: &Gazetteer,
) -> bool {
    present(lang, kind, text, key, other, g)
        || (whole != text && present(lang, kind, whole, key, other, g))
        || (headline && headline_word_present(text, other))
}

/// Whether a name of one side (`text`, folded, with its key) is named in `other`, the paragraphs
/// of the other language in the pair: a gazetteer form of the same entry, the adjective of the
/// place, or a word of the name transliterated there, outside the names the other side's
/// detector found (those are compared whole by [`same_name`]: Rana Khoury / رنا الحداد are two
/// people). The family name (the last word) counts as the person (a surname alone, Scovell /
/// سكوفيل); another word (a given name alone, Christine / كريستين, or a place's distinctive word,
/// Rady Children's Hospital / مستشفى رادي للأطفال) must match more closely.
pub fn present(
    lang: Lang,
    kind: EntityKind,
    text: &str,
    key: &Key,
    other: &[OtherPara],
    g: &Gazetteer,
) -> bool {
    let entries = entries_of(lang, text, key, g);
    let hit = region_named(lang, &entries, other, g)
        || entries.iter().any(|&e| {
            let forms = g.entry(e).map_or(&[][..], |entry| match lang {
                Lang::Ar => &entry.en,
                Lang::En => &entry.ar,
            });
            forms.iter().any(|f| {
                let f = fold(f);
                other.iter().any(|&OtherPara { prep: p, .. }| {
                    contains_words(&p.folded.text, &f)
                        || has_adjective(lang.other(), p, &f)
                        || in_glued_word(p, &f)
                })
            })
        });
    if hit || (lang == Lang::En && description_present(text, other)) {
        return true;
    }
    let words = name_words(lang, text);
    let last = words.len().saturating_sub(1);
    if let [w] = words.as_slice()
        && w.chars().count() == 2
    {
        return short_name_present(lang, w, other);
    }
    let by_word = words.iter().enumerate().any(|(k, w)| {
        if w.chars().count() < 3 || (lang == Lang::En && generic(w).is_some()) {
            return false;
        }
        let skel = match lang {
            Lang::En => Variants::english(w),
            Lang::Ar => Variants::arabic(w),
        };
        // A given name, or any word but a place's last, is short and common enough to meet a
        // word by chance (Olumide / الماضي): it must match closely, have three consonants, and
        // meet a word without the article. A last word of two consonants must match exactly,
        // vowels included (Hanoi هانوي, not هنا "here").
        let strict = k != last && kind == EntityKind::Person;
        if strict && skel.consonants() < 3 {
            return false;
        }
        let floor = if strict {
            STRICT_THRESHOLD
        } else if skel.consonants() < 3 {
            0.99
        } else {
            SCAN_THRESHOLD
        };
        other.iter().any(|o| {
            let p = o.prep;
            // Words run together are searched run by run, the first few of a paragraph only
            // (bounded work on any input).
            let mut glued_seen = 0;
            p.toks.iter().enumerate().any(|(i, t)| {
                if t.kind != TokKind::Word || o.in_name(i) {
                    return false;
                }
                let tok = p.tok(i);
                let runs = tok.len() >= 2 * GLUED && {
                    glued_seen += 1;
                    glued_seen <= GLUED_WORDS
                };
                match lang {
                    // An English word against an Arabic word, its proclitics stripped.
                    // Without the article either way: as the stem's start, or as the end of
                    // what is cut off (الحمض, "the acid", is no Hamid).
                    Lang::En if strict => super::text::proclitic_splits(tok)
                        .filter(|&(cut, stem)| {
                            stem.chars().count() >= 2
                                && !stem.starts_with("ال")
                                && !tok.get(..cut).is_some_and(|p| p.ends_with("ال"))
                        })
                        .any(|(_, stem)| skel.score(&Variants::arabic(stem), floor) >= floor),
                    // Or, for a place, against two words read together: a long word that the
                    // other side writes in two (Bestwood / بيست وود), neither a function word
                    // (بيانًا وقال is not Bankole).
                    Lang::En => {
                        word_score(w, &skel, tok, runs) >= floor
                            || (kind == EntityKind::Place
                                && skel.consonants() >= 4
                                && !function_word(tok)
                                && p.toks.get(i + 1).is_some_and(|n| {
                                    n.kind == TokKind::Word
                                        && n.spaced
                                        && !function_word(p.tok(i + 1))
                                        && !o.in_name(i + 1)
                                        && skel.score(
                                            &Variants::arabic(p.slice(t.start, n.end)),
                                            floor,
                                        ) >= floor
                                }))
                    }
                    // An Arabic word against a capitalised English word.
                    Lang::Ar => {
                        p.cap_at(t.start) && Variants::english(tok).score(&skel, floor) >= floor
                    }
                }
            })
        })
    });
    // Names of short words only (each too short to look for alone) are looked for whole.
    let short = |w: &&str| {
        w.chars().count() < 3
            || match lang {
                Lang::En => Variants::english(w),
                Lang::Ar => Variants::arabic(w),
            }
            .consonants()
                < 3
    };
    by_word
        || (words.len() >= 2 && words.iter().all(short) && whole_name_present(lang, &words, other))
}

/// Whether a name of one two-letter word (Wu, Ri, Xi; ري، وو) is written on the other side
/// letter for letter: as a word of its own of at most three letters, not a function word
/// (لي "to me" is not Li) nor part of a name found there, matching exactly, or with the same
/// glide where there is no consonant to compare (Wu / وو).
fn short_name_present(lang: Lang, w: &str, other: &[OtherPara]) -> bool {
    let skel = match lang {
        Lang::En => Variants::english(w),
        Lang::Ar => Variants::arabic(w),
    };
    other.iter().any(|o| {
        let p = o.prep;
        p.toks.iter().enumerate().any(|(i, t)| {
            let tok = p.tok(i);
            if t.kind != TokKind::Word || tok.chars().count() > 3 || o.in_name(i) {
                return false;
            }
            match lang {
                Lang::En => {
                    !function_word(tok)
                        && (glides_match(w, &skel, tok)
                            || (skel.consonants() > 0
                                && skel.score(&Variants::arabic(tok), 0.99) >= 0.99))
                }
                Lang::Ar => {
                    p.cap_at(t.start)
                        && (glides_match(tok, &Variants::english(tok), w)
                            || (skel.consonants() > 0
                                && Variants::english(tok).score(&skel, 0.99) >= 0.99))
                }
            }
        })
    })
}

/// Whether a folded Arabic word is a function word or frequent verb, its proclitics off.
fn function_word(w: &str) -> bool {
    super::text::proclitic_splits(w).any(|(_, stem)| AR_STOP.contains(stem))
}

/// The gazetteer entries a name of language `lang` is known as: its key's, or those of its text
/// read with its proclitics off (للولايات المتحدة is ل + الولايات المتحدة, the alif of the
/// article elided after ل).
fn entries_of(lang: Lang, text: &str, key: &Key, g: &Gazetteer) -> Vec<u32> {
    if let Key::Gaz(e) = key {
        return vec![*e];
    }
    match lang {
        Lang::En => g.lookup_en(text).to_vec(),
        Lang::Ar => {
            let mut out: Vec<u32> = Vec::new();
            let mut try_form = |t: &str| {
                for &e in g.lookup_ar(t) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            };
            for (_, stem) in super::text::proclitic_splits(text) {
                try_form(stem);
                if let Some(with_article) = super::text::restore_article(stem) {
                    try_form(&with_article);
                }
            }
            out
        }
    }
}

/// The gazetteer entries that paragraphs of language `lang` name anywhere, as whole words (an
/// Arabic form may carry proclitics): one pass of the gazetteer's automaton over each.
pub fn gazetteer_named<'a>(
    lang: Lang,
    paras: impl IntoIterator<Item = &'a Prepared<'a>>,
    g: &Gazetteer,
) -> HashSet<u32> {
    let mut out = HashSet::new();
    for p in paras {
        let text = &p.folded.text;
        let hits = match lang {
            Lang::Ar => g.hits_ar(text),
            Lang::En => g.hits_en(text),
        };
        add_gazetteer_named(lang, p, &hits, &mut out);
    }
    out
}

/// The work of [`gazetteer_named`] on one paragraph whose gazetteer hits (on its folded text)
/// are `hits`: their entries added to `out`.
pub fn add_gazetteer_named<S: std::hash::BuildHasher>(
    lang: Lang,
    p: &Prepared,
    hits: &[Hit],
    out: &mut HashSet<u32, S>,
) {
    for h in hits {
        let Some((first, last)) = p.tok_bounds(h.start, h.end) else {
            continue;
        };
        let (Some(f), Some(l)) = (p.toks.get(first), p.toks.get(last)) else {
            continue;
        };
        let prefix = p.slice(f.start, h.start);
        let starts = prefix.is_empty()
            || (lang == Lang::Ar
                && super::text::is_proclitic(prefix, p.slice(h.start, h.end).starts_with("ال")));
        if starts && l.end == h.end {
            out.extend(h.entries.iter().copied());
        }
    }
}

/// Whether a name of language `lang` is a gazetteer entry that the other language's side of
/// the document names somewhere (`named_there`, from [`gazetteer_named`]): then the document
/// names it in both languages, even where the other side's detector read it inside a longer
/// name ("the U.S. Drought Monitor").
pub fn named_in_other<S: std::hash::BuildHasher>(
    lang: Lang,
    text: &str,
    key: &Key,
    g: &Gazetteer,
    named_there: &HashSet<u32, S>,
) -> bool {
    entries_of(lang, text, key, g)
        .iter()
        .any(|e| named_there.contains(e))
}

/// Whether a name made only of generic words (West Coast, Desert Southwest: a description more
/// than a name, which translators put in their own words) has the translations of at least half
/// its words in `other`: الساحل الغربي, جنوب غرب الولايات المتحدة.
fn description_present(text: &str, other: &[OtherPara]) -> bool {
    let words = name_words(Lang::En, text);
    let stems: Vec<&[&str]> = words.iter().filter_map(|w| generic(w)).collect();
    if words.is_empty() || stems.len() < words.len() {
        return false;
    }
    let found = stems
        .iter()
        .filter(|stems| {
            stems.iter().any(|s| {
                s.split(' ').all(|part| {
                    other.iter().any(|&OtherPara { prep: p, .. }| {
                        (0..p.toks.len()).any(|i| translates_in(part, p.tok(i)))
                    })
                })
            })
        })
        .count();
    2 * found >= words.len()
}

/// Whether a name whose gazetteer `entries` hold a country goes without saying on the other side because a name found
/// there is one of its regions in the gazetteer (ids `us-arizona` of the country `US`): a
/// translation adds or drops the country after a state (Arizona, ولاية أريزونا الأمريكية).
fn region_named(lang: Lang, entries: &[u32], other: &[OtherPara], g: &Gazetteer) -> bool {
    let countries: Vec<String> = entries
        .iter()
        .filter_map(|&e| g.entry(e))
        .filter(|e| e.kind == GazKind::Country && e.id.len() == 2)
        .map(|e| format!("{}-", e.id.to_ascii_lowercase()))
        .collect();
    if countries.is_empty() {
        return false;
    }
    other.iter().any(|o| {
        o.names.iter().any(|&(s, e)| {
            let p = o.prep;
            let name = p.slice(s, e);
            let found = match lang.other() {
                Lang::Ar => g.lookup_ar(name),
                Lang::En => g.lookup_en(name),
            };
            found.iter().filter_map(|&i| g.entry(i)).any(|r| {
                r.kind != GazKind::Country && countries.iter().any(|c| r.id.starts_with(c))
            })
        })
    })
}

/// Whether a folded Arabic form (its spaces dropped) is inside a word of `p` that is several
/// words run together (real texts lose spaces: الصينوروسيابشأن holds روسيا).
fn in_glued_word(p: &Prepared, form: &str) -> bool {
    let form: String = form.chars().filter(|c| !c.is_whitespace()).collect();
    if form.chars().count() < 4 || !form.chars().all(is_arabic_letter) {
        return false;
    }
    (0..p.toks.len()).any(|i| {
        let t = p.tok(i);
        t.chars().count() >= GLUED && t.contains(&form)
    })
}

/// Whether the words of a name, read together, transliterate a run of as many words of the
/// other side (short names whose words are too short to look for alone: Ri Yong Ho / ري يونغ
/// هو).
fn whole_name_present(lang: Lang, words: &[&str], other: &[OtherPara]) -> bool {
    // The whole name, or, for a name of three words or more, all but its first or its last
    // word, matched more closely (Ri Yong Ho / ري يونج).
    let n = words.len();
    let mut runs = vec![(words, WHOLE_NAME_THRESHOLD)];
    if n >= 3 {
        runs.push((&words[..n - 1], STRICT_THRESHOLD));
        runs.push((&words[1..], STRICT_THRESHOLD));
    }
    runs.into_iter().any(|(words, floor)| {
        let skel = match lang {
            Lang::En => Variants::english(&words.join(" ")),
            Lang::Ar => Variants::arabic(&words.join(" ")),
        };
        skel.consonants() >= 3 && run_present(lang, &skel, words.len(), floor, other)
    })
}

/// Whether a run of `n` consecutive words of `other` transliterates `skel` (a name of language
/// `lang`) at `floor` or better. Words of the other side's detected names count: a whole name
/// of several words rarely meets a run by chance, and the detector may have found only a part
/// of it (ري of ري يونج).
fn run_present(lang: Lang, skel: &Variants, n: usize, floor: f32, other: &[OtherPara]) -> bool {
    other.iter().any(|&OtherPara { prep: p, .. }| {
        let free = |i: usize| {
            p.toks
                .get(i)
                .is_some_and(|t| t.kind == TokKind::Word && (lang == Lang::En || p.cap_at(t.start)))
        };
        // Runs of n consecutive free words.
        (0..p.toks.len()).any(|i| {
            if !(i..i + n).all(free) {
                return false;
            }
            let (Some(first), Some(end)) = (p.toks.get(i), p.toks.get(i + n - 1)) else {
                return false;
            };
            let run = p.slice(first.start, end.end);
            let theirs = match lang {
                Lang::En => Variants::arabic(run),
                Lang::Ar => Variants::english(run),
            };
            skel.score(&theirs, floor) >= floor
        })
    })
}

/// The similarity a whole name must reach against a run of words of the other side.
const WHOLE_NAME_THRESHOLD: f32 = 0.8;

/// Whether `p` has the adjective of the place named `form` (in the language `lang` of `p`):
/// المكسيك → المكسيكية, أمريكا → الأمريكيون; Mexico → Mexican, Britain → British: translators turn
/// "U.S. officials" into المسؤولون الأمريكيون and back.
fn has_adjective(lang: Lang, p: &Prepared, form: &str) -> bool {
    match lang {
        Lang::Ar => {
            // Each word of the form, its article and a final nisba ي off, is a word of `p`
            // with or without an adjective's ending: القطب الشمالي → المنطقة القطبية الشمالية.
            let stems: Vec<&str> = form
                .split(' ')
                .map(|w| {
                    let w = w.strip_prefix("ال").unwrap_or(w);
                    let w = w
                        .strip_suffix('ي')
                        .filter(|s| s.chars().count() >= 3)
                        .unwrap_or(w);
                    w.trim_end_matches('ا')
                })
                .collect();
            if stems.iter().any(|s| s.chars().count() < 3) {
                return false;
            }
            let adjective_of = |tok: &str, stem: &str, bare: bool| {
                super::text::proclitic_splits(tok).any(|(_, w)| {
                    let w = w.strip_prefix("ال").unwrap_or(w);
                    w.strip_prefix(stem).is_some_and(|rest| {
                        (bare && rest.is_empty()) || AR_NISBA_ENDINGS.contains(&rest)
                    })
                })
            };
            let n = stems.len();
            let in_run = (0..p.toks.len()).any(|i| {
                stems.iter().enumerate().all(|(k, stem)| {
                    p.toks.get(i + k).is_some_and(|t| t.kind == TokKind::Word)
                        && adjective_of(p.tok(i + k), stem, n > 1)
                })
            });
            // A word that is several run together holds the adjective anywhere
            // (النائبةالأمريكية).
            in_run
                || (n == 1
                    && (0..p.toks.len()).any(|i| {
                        let t = p.tok(i);
                        t.chars().count() >= GLUED
                            && AR_NISBA_ENDINGS
                                .iter()
                                .filter(|e| e.chars().count() >= 2)
                                .any(|e| t.contains(&format!("{}{e}", stems[0])))
                    }))
        }
        Lang::En => {
            let irregular: Vec<&str> = EN_IRREGULAR_DEMONYMS
                .iter()
                .filter(|(_, place)| *place == form)
                .map(|(adj, _)| *adj)
                .collect();
            // A regular demonym shares the beginning of the place's (last) word: Mexican,
            // British; North Korean, South African.
            let regular = |w: &str, place: &str| {
                let shared = w
                    .chars()
                    .zip(place.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                shared >= 4 && 2 * shared >= w.chars().count().min(place.chars().count())
            };
            if irregular.is_empty() && form.contains(' ') {
                let words: Vec<&str> = form.split(' ').collect();
                let Some((last, head)) = words.split_last() else {
                    return false;
                };
                return (0..p.toks.len()).any(|i| {
                    let word = |k: usize| {
                        p.toks
                            .get(i + k)
                            .filter(|t| t.kind == TokKind::Word && p.cap_at(t.start))
                            .map(|_| p.tok(i + k))
                    };
                    head.iter().enumerate().all(|(k, w)| word(k) == Some(*w))
                        && word(head.len()).is_some_and(|w| w != *last && regular(w, last))
                });
            }
            p.toks.iter().enumerate().any(|(i, t)| {
                if t.kind != TokKind::Word || !p.cap_at(t.start) {
                    return false;
                }
                let w = p.tok(i);
                if irregular.contains(&w) {
                    return true;
                }
                !form.contains(' ') && regular(w, form) && w != form
            })
        }
    }
}

/// The endings of an Arabic nisba adjective after the place's stem (folded): المكسيك →
/// المكسيكية, أمريكا → الأمريكيون.
const AR_NISBA_ENDINGS: &[&str] = &["ي", "يه", "يون", "يين", "يان", "يتين", "يا"];

/// English adjectives and demonyms that do not begin with the place's name (Welsh, Wales;
/// Dutch, Netherlands), with the place's folded gazetteer form; the regular ones (Mexican,
/// British) are found by their shared beginning.
const EN_IRREGULAR_DEMONYMS: &[(&str, &str)] = &[
    ("welsh", "wales"),
    ("dutch", "netherlands"),
    ("french", "france"),
    ("irish", "ireland"),
    ("swiss", "switzerland"),
    ("spanish", "spain"),
    ("spaniard", "spain"),
    ("greek", "greece"),
    ("danish", "denmark"),
    ("dane", "denmark"),
    ("swedish", "sweden"),
    ("swede", "sweden"),
    ("finnish", "finland"),
    ("finn", "finland"),
    ("polish", "poland"),
    ("pole", "poland"),
    ("turkish", "turkey"),
    ("turk", "turkey"),
    ("filipino", "philippines"),
    ("briton", "uk"),
    ("british", "uk"),
    ("scot", "scotland"),
    ("scots", "scotland"),
    ("emirati", "uae"),
    ("saudi", "saudi arabia"),
    ("cypriot", "cyprus"),
    ("flemish", "belgium"),
    ("kiwi", "new zealand"),
    ("american", "us"),
    ("american", "u.s."),
];

/// Whether `needle` occurs in `hay` on word boundaries (Arabic proclitics allowed before it).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    // ل before the article drops its alif: ل + الولايات is written للولايات.
    if let Some(rest) = needle.strip_prefix("ال")
        && rest.chars().count() >= 2
    {
        let elided = format!("لل{rest}");
        let found = hay.match_indices(&elided).any(|(at, _)| {
            let end = at + elided.len();
            let after = hay.get(end..).and_then(|r| r.chars().next());
            let before = hay.get(..at).unwrap_or("");
            let start = before
                .rfind(|c: char| !c.is_alphanumeric())
                .map_or(0, |i| i + 1);
            let prefix = before.get(start..).unwrap_or("");
            after.is_none_or(|c| !c.is_alphanumeric()) && matches!(prefix, "" | "و" | "ف")
        });
        if found {
            return true;
        }
    }
    hay.match_indices(needle).any(|(at, _)| {
        let end = at + needle.len();
        let after = hay.get(end..).and_then(|r| r.chars().next());
        let word_before = hay.get(..at).unwrap_or("");
        let start = word_before
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| i + 1);
        let prefix = word_before.get(start..).unwrap_or("");
        after.is_none_or(|c| !c.is_alphanumeric())
            && (prefix.is_empty() || super::text::is_proclitic(prefix, needle.starts_with("ال")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_inside_found_names_are_marked_once_for_all() {
        let p = Prepared::new("Nadia Fahmy met Samer al-Khatib in Aqaba");
        let span = |w: &str| {
            let s = p.folded.text.find(w).unwrap_or(0);
            (s, s + w.len())
        };
        let mask = in_names(&p, [span("nadia fahmy"), span("aqaba")].into_iter());
        let marked: Vec<&str> = (0..p.toks.len())
            .filter(|&i| mask[i])
            .map(|i| p.tok(i))
            .collect();
        assert_eq!(marked, ["nadia", "fahmy", "aqaba"]);
        // A span that starts inside a word marks the word.
        let mask = in_names(&p, [(span("fahmy").0 + 2, span("fahmy").1)].into_iter());
        assert_eq!(mask.iter().filter(|&&m| m).count(), 1);
    }

    #[test]
    fn a_search_is_asked_once_per_mention_and_within_a_budget() {
        let mut searched = Searched::default();
        let mut runs = 0;
        for _ in 0..3 {
            assert!(!searched.ask("rana", || {
                runs += 1;
                false
            }));
        }
        assert_eq!(runs, 1);
        let mut many = Searched::default();
        for k in 0..MAX_SEARCHES {
            assert!(!many.ask(k, || false));
        }
        // Past the budget a mention counts as found, without a search.
        assert!(many.ask(MAX_SEARCHES, || unreachable!()));
        assert!(!many.ask(0, || unreachable!()));
    }

    #[test]
    fn substitutions_are_flagged_omissions_are_not() {
        let num = |v: &[f64]| Side {
            numbers: v
                .iter()
                .map(|&x| Num {
                    values: vec![x],
                    text: "n",
                    weak: false,
                    guess: false,
                })
                .collect(),
            ..Side::default()
        };
        let mut out = Vec::new();
        check(0, &num(&[2.25, 48.0]), &num(&[2.5, 48.0]), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, DiscrepancyKind::Number);
        out.clear();
        check(1, &num(&[48.0, 3.0]), &num(&[48.0]), &mut out);
        assert!(out.is_empty());
        let names = |v: &[(usize, &'static str)]| Side {
            names: v
                .iter()
                .map(|&(i, l)| Name {
                    kind: EntityKind::Person,
                    entity: i,
                    label: l,
                    text: l,
                    whole: l,
                    confidence: 0.9,
                    present: false,
                    bilingual: false,
                    headline: false,
                })
                .collect(),
            ..Side::default()
        };
        check(
            2,
            &names(&[(1, "ترمب"), (2, "لي")]),
            &names(&[(1, "Trump"), (3, "Yoon")]),
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].detail.contains("Yoon"), "{}", out[0].detail);
    }

    #[test]
    fn a_confident_name_on_one_side_only_is_an_omission() {
        let name = |i: usize, l: &'static str, confidence: f32, bilingual: bool| Name {
            kind: EntityKind::Person,
            entity: i,
            label: l,
            text: l,
            whole: l,
            confidence,
            present: false,
            bilingual,
            headline: false,
        };
        let side = |v: Vec<Name<'static>>| Side {
            names: v,
            ..Side::default()
        };
        let mut out = Vec::new();
        let en = side(vec![name(1, "Jafar Hassan", 0.85, false)]);
        check(0, &side(vec![]), &en, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, DiscrepancyKind::Omission);
        assert!(out[0].detail.contains("only in the English: Jafar Hassan"));
        assert!((out[0].confidence - 0.85).abs() < 1e-6);
        out.clear();
        // Unsure, named in both languages elsewhere, or found on the other side: not reported.
        check(
            1,
            &side(vec![]),
            &side(vec![name(1, "X", 0.5, false)]),
            &mut out,
        );
        check(
            2,
            &side(vec![]),
            &side(vec![name(1, "X", 0.9, true)]),
            &mut out,
        );
        let mut found = name(1, "X", 0.9, false);
        found.present = true;
        check(3, &side(vec![]), &side(vec![found]), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn the_article_lends_its_l_only_to_a_name_opening_with_a_vowel() {
        let g = Gazetteer::get();
        let ar = Prepared::new("سافر لبيع الخنازير في السوق وزار الإسكندرية");
        let other: [OtherPara; 1] = [OtherPara::plain(&ar)];
        let here = |name: &str| {
            present(
                Lang::En,
                EntityKind::Place,
                name,
                &Key::Name(name.into()),
                &other,
                g,
            )
        };
        // السوق, "the market", is no Lusaka; الإسكندرية is Alexandria.
        assert!(!here("lusaka"));
        assert!(here("alexandria"));
    }

    #[test]
    fn presence_finds_surnames_gazetteer_forms_and_adjectives() {
        let g = Gazetteer::get();
        let ar = Prepared::new("وقال سكوفيل إن المسؤولين المكسيكيين وصلوا إلى باريس");
        let other: [OtherPara; 1] = [OtherPara::plain(&ar)];
        assert!(present(
            Lang::En,
            EntityKind::Person,
            "nell scovell",
            &Key::Name("nell scovell".into()),
            &other,
            g
        ));
        assert!(!present(
            Lang::En,
            EntityKind::Person,
            "ingrid halvorsen",
            &Key::Name("x".into()),
            &other,
            g
        ));
        let en = Prepared::new("Mexican officials met in Paris");
        let mexico = g.lookup_ar("المكسيك").first().copied().map(Key::Gaz);
        if let Some(k) = mexico {
            assert!(present(
                Lang::Ar,
                EntityKind::Place,
                "المكسيك",
                &k,
                &[OtherPara::plain(&en)],
                g
            ));
        }
        let paris = g.lookup_ar("باريس").first().copied().map(Key::Gaz).unwrap();
        assert!(present(
            Lang::Ar,
            EntityKind::Place,
            "باريس",
            &paris,
            &[OtherPara::plain(&en)],
            g
        ));
    }

    #[test]
    fn same_name_reads_split_words_glides_heads_links_and_cut_proclitics() {
        let same = |en: &str, ar: &str| same_name(en, &fold(ar));
        assert!(same("whitehall", "وايت هول"));
        assert!(same("bestwood", "بيست وود"));
        assert!(same("ye", "يي"));
        assert!(same("wu", "وو"));
        assert!(same("bough", "الصبور بوف"));
        assert!(!same("ye", "وو"));
        assert!(!same("hanoi", "وايت هول"));
        // A place's head word may stand outside the Arabic name; a word that tells places
        // apart may not.
        assert!(same("childers street", "إتشيلدرز"));
        assert!(!same("north carolina", "كارولاينا الجنوبية"));
        assert!(!same("bestwood street", "إتشيلدرز"));
        // A surname alone matches closely, or not at all.
        assert!(same("nell scovell", "سكوفيل"));
        assert!(!same("tomasz raghunathan", "روبنسون"));
        // French transliteration: Ben is the link, a title after a link is a name.
        assert!(same("ezzeddine ben cheikh", "عز الدين بن الشيخ"));
        assert!(!same("ezzeddine ben cheikh", "عز الدين بن علي"));
        // A detector that cut و off ويلينغ: the whole word still names Wheeling.
        let p = Prepared::new("في ويلينغ بولاية فرجينيا");
        let start = p.toks[1].start + 'و'.len_utf8();
        assert_eq!(whole_words(&p, start, p.toks[1].end), "ويلينغ");
        assert!(same("wheeling", whole_words(&p, start, p.toks[1].end)));
    }

    #[test]
    fn an_english_name_of_two_words_is_surer_than_a_word_and_a_letter() {
        let p = Prepared::new("A former West collaborator, JAY-Z, said Charles Czeisler.");
        let found = |name: &str| {
            let start = p.folded.text.find(&name.to_lowercase()).unwrap();
            Found {
                start,
                end: start + name.len(),
                kind: EntityKind::Person,
                key: Key::Name(name.to_lowercase()),
                how: How::Rule,
            }
        };
        let common = HashSet::new();
        let conf = |name: &str| confidence(Lang::En, &found(name), &p, &common, false);
        assert!(conf("JAY-Z") < OMISSION_CONFIDENCE);
        assert!(conf("Charles Czeisler") >= OMISSION_CONFIDENCE);
    }

    #[test]
    fn arabic_spans_of_quantities_cues_glued_words_and_time_zones_are_unlikely_names() {
        let unlikely = |text: &str, word: &str| {
            let p = Prepared::new(text);
            let w = fold(word);
            let start = p.folded.text.find(&w).unwrap();
            unlikely_arabic_name(&p, start, start + w.len())
        };
        assert!(unlikely("وهي أم لثلاثة أبناء", "لثلاثة"));
        assert!(unlikely("يوم الخميس حوالي الساعة", "حوالي"));
        assert!(unlikely("في ويلينغ بولاية فرجينيا", "بولاية"));
        assert!(unlikely("مع ماركس وسبنسر وأي تي في.", "تي"));
        assert!(unlikely("قالت بي بي سي إن", "بي بي سي"));
        assert!(!unlikely("قال دي ميستورا إن", "دي ميستورا"));
        assert!(unlikely(
            "وهي محاكاةساخرةللجاسوس التي",
            "محاكاةساخرةللجاسوس"
        ));
        assert!(unlikely(
            "الساعة 19:30 بالتوقيت الصيفي لبريطانيا",
            "بريطانيا"
        ));
        assert!(!unlikely("وصل الوفد إلى بريطانيا أمس", "بريطانيا"));
        assert!(!unlikely("قال كالزاديلا", "كالزاديلا"));
        assert!(!unlikely("في ويلينغ بولاية فرجينيا", "فرجينيا"));
    }

    #[test]
    fn a_run_of_words_opening_with_a_function_word_and_the_article_holds_no_name_there() {
        let g = Gazetteer::get();
        let present_in = |kind: EntityKind, name: &str, t: &'static str| {
            let p = Prepared::new(t);
            let key = g
                .lookup_en(&fold(name))
                .first()
                .copied()
                .map_or_else(|| Key::Name(fold(name)), Key::Gaz);
            present(
                Lang::En,
                kind,
                &fold(name),
                &key,
                &[OtherPara::plain(&p)],
                g,
            )
        };
        // A paragraph that lost its spaces: "of the sanctions imposed on North Korea since".
        let wall = "عززمجلسالأمن منالعقوباتالمفروضةعلىكورياالشماليةمنذعام 2006";
        assert!(!present_in(EntityKind::Place, "Manila", wall));
        assert!(!present_in(
            EntityKind::Place,
            "Manila",
            "ليندسي جراهام منولاية كارولينا"
        ));
        // A name inside such a run is still found.
        let glued = "صرح وزيرالخارجية الأمريكيمايكبومبيوبمجلسالأمن";
        assert!(present_in(EntityKind::Person, "Mike Pompeo", glued));
    }

    #[test]
    fn a_given_name_is_not_present_in_a_word_with_the_article() {
        let g = Gazetteer::get();
        let person = |name: &str, t: &'static str| {
            let p = Prepared::new(t);
            let key = Key::Name(fold(name));
            present(
                Lang::En,
                EntityKind::Person,
                &fold(name),
                &key,
                &[OtherPara::plain(&p)],
                g,
            )
        };
        // "They found the DNA (the nucleic acid)": الحمض is no Hamid.
        assert!(!person(
            "Hamid Bankole",
            "وقالت إنها عثرت على الحمض النووي عليها"
        ));
        assert!(person("Hamid Bankole", "وقالت إن حميد عثر عليها"));
    }

    #[test]
    fn a_country_goes_without_saying_beside_its_state_and_has_demonyms_of_two_words() {
        let g = Gazetteer::get();
        let en = |t: &'static str| Prepared::new(t);
        let place = |name: &str, p: &Prepared| {
            let key = Key::Gaz(g.lookup_ar(&fold(name))[0]);
            present(
                Lang::Ar,
                EntityKind::Place,
                &fold(name),
                &key,
                &[OtherPara::plain(p)],
                g,
            )
        };
        // A country goes without saying beside one of its states.
        let us = fold("الولايات المتحدة");
        let us_key = Key::Gaz(g.lookup_ar(&us)[0]);
        let with_span = |text: &'static str, name: &str| {
            let p = en(text);
            let at = p.folded.text.find(name).unwrap();
            let spans = [(at, at + name.len())];
            let in_name = in_names(&p, spans.iter().copied());
            let other = OtherPara {
                prep: &p,
                names: &spans,
                in_name: &in_name,
            };
            present(Lang::Ar, EntityKind::Place, &us, &us_key, &[other], g)
        };
        assert!(with_span("flood watches for western Arizona", "arizona"));
        assert!(!with_span("flood watches for western Ontario", "ontario"));
        // The demonym of a place of two words.
        let minister = en("North Korean Foreign Minister Ri Yong Ho says");
        assert!(place("كوريا الشمالية", &minister));
        assert!(!place("كوريا الجنوبية", &minister));
    }

    #[test]
    fn presence_reads_descriptions_demonyms_glued_words_and_elided_articles() {
        let g = Gazetteer::get();
        let ar = |t: &'static str| Prepared::new(t);
        let en = |t: &'static str| Prepared::new(t);
        let place = |lang: Lang, name: &str, p: &Prepared| {
            let key = match lang {
                Lang::Ar => g.lookup_ar(&fold(name)).first().copied(),
                Lang::En => g.lookup_en(&fold(name)).first().copied(),
            }
            .map_or_else(|| Key::Name(fold(name)), Key::Gaz);
            present(
                lang,
                EntityKind::Place,
                &fold(name),
                &key,
                &[OtherPara::plain(p)],
                g,
            )
        };
        // A description in generic words, translated.
        let coast = ar("واتجه شرقًا نحو الساحل الغربي للولايات المتحدة");
        assert!(place(Lang::En, "West Coast", &coast));
        assert!(!place(Lang::En, "East Coast", &ar("نحو الجبال")));
        let southwest = ar("على المناطق الأخرى للجنوب الغربي للصحراء");
        assert!(place(Lang::En, "Desert Southwest", &southwest));
        // The Arabic name with ل + the article, against the English abbreviation.
        let us = en("toward the West Coast of the U.S.");
        assert!(place(Lang::Ar, "للولايات المتحدة", &us));
        // An irregular demonym.
        assert!(place(Lang::Ar, "ويلز", &en("A Welsh Conservative said")));
        assert!(!place(
            Lang::Ar,
            "ويلز",
            &en("A Scottish Conservative said")
        ));
        // The adjective of a two-word form, and forms inside words run together.
        let arctic = ar("حيث إن المنطقة القطبية الشمالية ستصبح باردة");
        assert!(place(Lang::En, "Arctic", &arctic));
        assert!(place(
            Lang::En,
            "Russia",
            &ar("مناقشة الصينوروسيابشأن وجوب")
        ));
        assert!(place(
            Lang::En,
            "U.S.",
            &ar("ندّدت النائبةالأمريكية ماكسين ووترز")
        ));
        // Words of an institution's name, translated, with a possessive, in words run together.
        let glued_hospital = ar("أستاذطبالنوم والمتخصصفيمستشفىبريجهاموالنساء،بتصميمالدورة");
        assert!(place(Lang::En, "Women's Hospital", &glued_hospital));
        assert!(!place(
            Lang::En,
            "Women's Hospital",
            &ar("أستاذ في جامعة هارفارد")
        ));
        // A person inside a run of words (not only at its start or end).
        let person = |name: &str, p: &Prepared| {
            present(
                Lang::En,
                EntityKind::Person,
                &fold(name),
                &Key::Name(fold(name)),
                &[OtherPara::plain(p)],
                g,
            )
        };
        let glued = ar("صرّح وزيرالخارجية الأمريكيمايكبومبيوبمجلسالأمن التابع");
        assert!(person("Mike Pompeo", &glued));
        assert!(!person("Mateus Halvorsen", &glued));
        // A place's distinctive word, and a long word written as two.
        let rady = ar("إلى مستشفى رادي للأطفال في سان دييغو");
        assert!(place(Lang::En, "Rady Children's Hospital", &rady));
        assert!(place(
            Lang::En,
            "Bestwood Street",
            &ar("مفترق طريق شارع بيست وود")
        ));
        // Not two words that are not a name (بيانًا وقال is no Bankole).
        let p = ar("قال فليك إن مكتبه أصدر بيانًا وقال");
        let k = Key::Name("x".into());
        assert!(!present(
            Lang::En,
            EntityKind::Person,
            "mateus bankole",
            &k,
            &[OtherPara::plain(&p)],
            g
        ));
        // A name of short words, all but its last (Ri Yong Ho / ري يونج).
        let ri = ar("يقول وزير خارجية كوريا الشمالية ري يونج أن بلاده");
        assert!(present(
            Lang::En,
            EntityKind::Person,
            "ri yong ho",
            &k,
            &[OtherPara::plain(&ri)],
            g
        ));
    }

    #[test]
    fn a_place_the_other_side_names_anywhere_is_named_in_both_languages() {
        let g = Gazetteer::get();
        let en = Prepared::new("According to the U.S. Drought Monitor, it is dry.");
        let named = gazetteer_named(Lang::En, [&en], g);
        let us = g
            .lookup_ar(&fold("الولايات المتحدة"))
            .first()
            .copied()
            .unwrap();
        assert!(named_in_other(
            Lang::Ar,
            "الولايات المتحده",
            &Key::Gaz(us),
            g,
            &named
        ));
        // Whole words only: "Omani" is not Oman, "us" inside "campus" is not the US.
        let campus = Prepared::new("on the campus");
        assert!(gazetteer_named(Lang::En, [&campus], g).is_empty());
    }

    #[test]
    fn a_headline_name_needs_only_a_shared_word() {
        assert!(shares_a_word("youtube channel", &fold("يوتيوب")));
        assert!(!shares_a_word("west virginia rally", &fold("يوتيوب")));
        let name = |entity, text: &'static str, confidence| Name {
            kind: EntityKind::Person,
            entity,
            label: text,
            text,
            whole: text,
            confidence,
            present: false,
            bilingual: true,
            headline: confidence < 0.5,
        };
        let side = |n: Name<'static>| Side {
            names: vec![n],
            ..Side::default()
        };
        let mut out = Vec::new();
        // In a title-cased headline (0.3) the English extent is a guess.
        check(
            0,
            &side(name(1, "يوتيوب", 0.85)),
            &side(name(2, "youtube channel", 0.3)),
            &mut out,
        );
        assert!(out.is_empty(), "{out:?}");
        // A headline name that shares no word with the Arabic is another name.
        check(
            1,
            &side(name(1, "يوتيوب", 0.85)),
            &side(name(2, "tomasz karimi", 0.3)),
            &mut out,
        );
        assert_eq!(out.len(), 1, "{out:?}");
    }
}
