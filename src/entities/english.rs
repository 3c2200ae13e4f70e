//! English detection: gazetteer names, dates, and capitalised sequences classified by titles,
//! location cues, organisation words and speech verbs, with care for sentence-initial words,
//! headings and adjectives of nationality ("North Korean" is not a place).
//!
//! Pure: works on a [`Prepared`] paragraph; no terminal, no I/O.

// The detectors are single passes over tokens, in the order a reader of the grammar expects;
// token scanners index with i, j, k over tokens and a, b for span ends.
#![allow(clippy::many_single_char_names, clippy::too_many_lines)]

use super::dates;
use super::found::{Found, How, Key};
use super::gazetteer::{GazKind, Gazetteer, Hit};
use super::text::WordSet;
use super::text::{
    EN_LOC_CUES, EN_LOC_WORDS, EN_ORG_WORDS, EN_SPEECH, EN_STOP, EN_TITLES, Prepared, TokKind,
};
use crate::document::EntityKind;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Lowercase words after a hyphen that end a name rather than continue it (Dubai-based).
const HYPHEN_SUFFIXES: &[&str] = &[
    "based",
    "led",
    "backed",
    "born",
    "owned",
    "run",
    "style",
    "made",
    "bound",
    "controlled",
    "held",
    "linked",
    "affiliated",
    "funded",
    "era",
    "day",
    "week",
    "year",
    "old",
    "long",
    "wide",
    "level",
    "speaking",
    "sponsored",
    "brokered",
    "focused",
    "specific",
    "related",
];

/// Lowercase words allowed inside a capitalised name.
const CONNECTORS: &[&str] = &[
    "al", "bin", "bint", "ibn", "abu", "abd", "de", "del", "da", "di", "van", "von", "der", "el",
    "la", "le", "du", "dos", "ben",
];

static DEMONYMS: WordSet = WordSet::file(include_str!("../../assets/words/demonyms.txt"));

/// Words that open the name of a feast or an event, which is neither a person nor a place.
const EVENTS: &[&str] = &[
    "eid",
    "hajj",
    "umrah",
    "nowruz",
    "ashura",
    "mawlid",
    "christmas",
    "easter",
    "diwali",
    "hanukkah",
    "passover",
    "ramadan",
    "world",
    "olympic",
    "olympics",
    "expo",
    "cop",
];

/// Lowercase nouns after a name that make it a place (the Jaber crossing).
const PLACE_NOUNS: &[&str] = &[
    "border",
    "crossing",
    "base",
    "port",
    "camp",
    "area",
    "region",
    "valley",
    "river",
    "district",
    "neighbourhood",
    "neighborhood",
    "governorate",
    "province",
    "airport",
    "refinery",
    "oilfield",
    "dam",
    "basin",
    "coast",
    "desert",
    "mountains",
    "plain",
    "plateau",
    "oasis",
    "village",
    "town",
    "city",
    "island",
    "peninsula",
    "strait",
    "bay",
    "lake",
];

/// Words heading the name of a natural feature, part of that name (Wadi Rum, Jabal Sawda,
/// Mount Hermon, Lake Tana, Gulf of Sirte).
const FEATURE_HEADS: &[&str] = &[
    "wadi", "jabal", "jebel", "mount", "mt", "lake", "gulf", "oasis", "ras", "cape", "nahr",
];

const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "central", "northern", "southern",
];

/// A single capitalised word that may be a short form of a name known elsewhere in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Single {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// It is preceded by a location cue (in, at, near ...).
    pub loc_cue: bool,
    /// It is followed by a speech verb or preceded by a title.
    pub per_cue: bool,
    /// It starts a sentence (so its capital proves nothing).
    pub initial: bool,
}

/// What an English paragraph yields.
#[derive(Debug, Clone, Default)]
pub struct EnglishResult {
    /// Spans of people, places, dates, organisations.
    pub found: Vec<Found>,
    /// Single capitalised words to be resolved against the document's names.
    pub singles: Vec<Single>,
}

fn stems() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let g = Gazetteer::get();
        let mut set = HashSet::new();
        for e in g.entries() {
            if matches!(e.kind, GazKind::Country | GazKind::Region) {
                for f in &e.en {
                    let f = crate::document::normalize::fold(f);
                    for w in f.split(' ') {
                        if w.len() >= 4 && !COMPASS.contains(&w) {
                            set.insert(w.chars().take(4).collect::<String>());
                        }
                    }
                }
            }
        }
        set
    })
}

/// Whether an English word is an acronym of two or three capitals, with or without periods
/// (AI, O.K.), or the plural of one (MWPs): in a text that is not all capitals, an
/// organisation, a title or a word, no person and, unless the gazetteer knows it (UK), no place.
pub fn short_acronym(word: &str) -> bool {
    let caps = word.strip_suffix('s').unwrap_or(word);
    let letters = caps.chars().filter(char::is_ascii_uppercase).count();
    (2..=3).contains(&letters) && caps.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// Whether the span `start..end` (folded bytes) of `p` is written in the source as a
/// [`short_acronym`] in a text that is not all capitals (where capitals say nothing).
pub fn acronym_at(p: &Prepared, start: usize, end: usize) -> bool {
    let source = p.src.get(p.folded.source_range(p.src, start, end));
    source.is_some_and(short_acronym) && p.src.chars().any(char::is_lowercase)
}

/// Whether a folded word is an adjective or noun of nationality, religion or party.
pub fn is_demonym(w: &str) -> bool {
    if DEMONYMS.contains(w) {
        return true;
    }
    let suffixed = [
        "an", "ans", "ese", "ish", "i", "is", "ic", "ian", "ians", "n", "ns",
    ]
    .iter()
    .any(|s| w.ends_with(s));
    suffixed && w.len() >= 5 && stems().contains(&w.chars().take(4).collect::<String>())
}

/// Detect entities in one English paragraph. In a heading only gazetteer names and dates count.
pub fn detect(p: &Prepared, g: &Gazetteer, heading: bool) -> EnglishResult {
    detect_in(p, g, &g.hits_en(&p.folded.text), heading)
}

/// [`detect`] with the gazetteer's hits in the paragraph already found
/// ([`Gazetteer::hits_en`] on its folded text).
pub fn detect_in(p: &Prepared, g: &Gazetteer, gaz_hits: &[Hit], heading: bool) -> EnglishResult {
    let n = p.toks.len();
    let mut used = vec![false; n];
    let mut found = Vec::new();
    for d in dates::find_en_in(p, g, gaz_hits) {
        mark(p, &mut used, d.start, d.end);
        found.push(Found {
            start: d.start,
            end: d.end,
            kind: EntityKind::Date,
            key: Key::Date(d.value),
            how: How::Gazetteer,
        });
    }
    // Capitalised runs: name words joined by single spaces or hyphens.
    let runs = runs(p, &used);
    // Organisation runs suppress the places inside them (Asia-Pacific Economic Cooperation).
    let mut org = vec![false; n];
    for &(a, b) in &runs {
        let last = p.tok(b);
        if EN_ORG_WORDS.contains(last) || (a == b && p.is_acronym(a)) {
            for o in org.iter_mut().take(b + 1).skip(a) {
                *o = true;
            }
            if let (Some(s), Some(e)) = (p.toks.get(a), p.toks.get(b)) {
                found.push(Found {
                    start: s.start,
                    end: e.end,
                    kind: EntityKind::Organization,
                    // Found to keep its words from being taken as a place or person; not
                    // reported, so it needs no name.
                    key: Key::Name(String::new()),
                    how: How::Rule,
                });
            }
        }
    }
    // Gazetteer names, longest first.
    let mut hits: Vec<_> = gaz_hits
        .iter()
        .filter_map(|h| {
            let e = h.entries.iter().copied().find(|&i| {
                g.entry(i)
                    .is_some_and(|e| e.kind.is_place() || e.kind == GazKind::Person)
            })?;
            let first = p.tok_at(h.start)?;
            let last = p.tok_containing(h.end.saturating_sub(1))?;
            (p.toks.get(last)?.end == h.end && p.cap_at(h.start)).then_some((first, last, e))
        })
        .collect();
    hits.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
    for (a, b, e) in hits {
        if (a..=b)
            .any(|i| used.get(i).copied().unwrap_or(true) || org.get(i).copied().unwrap_or(true))
        {
            continue;
        }
        // A place name glued to an unknown capitalised word is part of a longer name
        // (Riyad Mansouri, Michael Jordan), unless that word makes it a place (Gaza City).
        // Only the weakest entries: provinces named like people (Ar Riyad → Riyad); a city or
        // country keeps its place before a facility's name (Doha Metro, Qatar Rail).
        let is_place = g.entry(e).is_some_and(|x| x.kind == GazKind::Region);
        if is_place
            && (unknown_cap(p, &used, b + 1, true)
                || unknown_cap(p, &used, a.wrapping_sub(1), false))
        {
            continue;
        }
        let (Some(s), Some(t)) = (p.toks.get(a), p.toks.get(b)) else {
            continue;
        };
        for u in used.iter_mut().take(b + 1).skip(a) {
            *u = true;
        }
        let kind = if g.entry(e).is_some_and(|x| x.kind == GazKind::Person) {
            EntityKind::Person
        } else {
            EntityKind::Place
        };
        found.push(Found {
            start: s.start,
            end: t.end,
            kind,
            key: Key::Gaz(e),
            how: How::Gazetteer,
        });
    }
    let mut singles = Vec::new();
    if !heading {
        for &(a, b) in &runs {
            if org.get(a).copied().unwrap_or(true) {
                continue;
            }
            // Split the run at tokens already taken (gazetteer names).
            let mut i = a;
            while i <= b {
                if used.get(i).copied().unwrap_or(true) {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < b && !used.get(j + 1).copied().unwrap_or(true) {
                    j += 1;
                }
                classify(p, i, j, a, &mut found, &mut singles);
                i = j + 1;
            }
        }
    }
    EnglishResult { found, singles }
}

/// Whether token `i` is a capitalised word, spaced from its neighbour, not taken, and not a
/// title, function word, place word or organisation word.
fn unknown_cap(p: &Prepared, used: &[bool], i: usize, after: bool) -> bool {
    let Some(t) = p.toks.get(i) else {
        return false;
    };
    let spaced = if after {
        t.spaced
    } else {
        p.toks.get(i + 1).is_some_and(|n| n.spaced)
    };
    let w = p.tok(i);
    spaced
        && t.kind == TokKind::Word
        && p.is_cap(i)
        && !used.get(i).copied().unwrap_or(true)
        && (after || !p.sentence_initial(i))
        && !EN_STOP.contains(w)
        && !EN_TITLES.contains(w)
        && !EN_LOC_WORDS.contains(w)
        && !EN_ORG_WORDS.contains(w)
        && !COMPASS.contains(&w)
        && !is_demonym(w)
        && !EVENTS.contains(&w)
}

fn mark(p: &Prepared, used: &mut [bool], start: usize, end: usize) {
    for (i, t) in p.toks.iter().enumerate() {
        if t.start < end
            && start < t.end
            && let Some(u) = used.get_mut(i)
        {
            *u = true;
        }
    }
}

/// Maximal runs of capitalised words (with connectors and hyphenated parts) not yet used.
fn runs(p: &Prepared, used: &[bool]) -> Vec<(usize, usize)> {
    let n = p.toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let word = |k: usize| p.toks.get(k).is_some_and(|t| t.kind == TokKind::Word);
        if !(word(i) && p.is_cap(i) && !used.get(i).copied().unwrap_or(true)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut k = i + 1;
        while let Some(t) = p.toks.get(k) {
            if used.get(k).copied().unwrap_or(true) {
                break;
            }
            // Hyphenated continuation: Suk-yeol, al-Assad, Asia-Pacific (not Dubai-based).
            if p.tok(k) == "-"
                && !t.spaced
                && p.toks.get(k + 1).is_some_and(|n| !n.spaced)
                && word(k + 1)
                && !used.get(k + 1).copied().unwrap_or(true)
                && (p.is_cap(k + 1) || !HYPHEN_SUFFIXES.contains(&p.tok(k + 1)))
            {
                end = k + 1;
                k += 2;
                continue;
            }
            if !t.spaced || !word(k) {
                break;
            }
            if p.is_cap(k) {
                end = k;
                k += 1;
                continue;
            }
            // Lowercase particles inside a name: bin Salman, de la Vega, al-Obeidat.
            let mut c = k;
            while CONNECTORS.contains(&p.tok(c)) && c < k + 3 {
                c += 1;
            }
            let glued = p.tok(c) == "-" && p.toks.get(c).is_some_and(|x| !x.spaced);
            let next = if glued { c + 1 } else { c };
            if c > k
                && p.toks.get(next).is_some_and(|x| glued != x.spaced || glued)
                && word(next)
                && p.is_cap(next)
                && !used.get(next).copied().unwrap_or(true)
            {
                end = next;
                k = next + 1;
            } else {
                break;
            }
        }
        // A lowercase particle glued before the run belongs to it: al-Obeidat.
        let mut start = start;
        if start >= 2
            && p.tok(start - 1) == "-"
            && p.toks.get(start).is_some_and(|t| !t.spaced)
            && p.toks.get(start - 1).is_some_and(|t| !t.spaced)
            && CONNECTORS.contains(&p.tok(start - 2))
            && !used.get(start - 2).copied().unwrap_or(true)
        {
            start -= 2;
        }
        out.push((start, end));
        i = end + 1;
    }
    out
}

/// Classify the run of tokens `a..=b` (part of a run starting at `run_start`).
fn classify(
    p: &Prepared,
    mut a: usize,
    b: usize,
    run_start: usize,
    found: &mut Vec<Found>,
    singles: &mut Vec<Single>,
) {
    let initial = p.sentence_initial(a);
    // Leading function words ("The", "However"), demonyms and titles.
    if EVENTS.contains(&p.tok(a)) {
        return;
    }
    // An acronym heading a name is a club or a body (RS Berkane, AS FAR), unless a title
    // follows it (IMF Managing Director Kristalina Georgieva).
    if a < b && p.is_acronym(a) && !(a..=b).any(|k| EN_TITLES.contains(p.tok(k))) {
        return;
    }
    // The rest of a name whose head is a known place (Qatar Rail, Doha Metro): a facility or
    // an organisation, not a person.
    if a > run_start {
        let head = p.tok(a - 1);
        // ... unless a title opens the rest: a place's office-holder (Abu Dhabi Crown Prince
        // Khaled bin Mohamed).
        if !EN_TITLES.contains(head)
            && !EN_STOP.contains(head)
            && !is_demonym(head)
            && !EN_TITLES.contains(p.tok(a))
        {
            return;
        }
    }
    let mut first = a;
    while first < b && (EN_STOP.contains(p.tok(first)) || p.tok(first) == "-") {
        first += 1;
    }
    let mut titled = false;
    while a <= b {
        let w = p.tok(a);
        if EN_STOP.contains(w) || p.tok(a) == "-" {
            a += 1;
        } else if EN_TITLES.contains(w) {
            titled = true;
            a += 1;
        } else if (is_demonym(w) || (COMPASS.contains(&w) && a < b && is_demonym(p.tok(a + 1))))
            // ... unless it is part of a place's name: Arabian Peninsula, Persian Gulf.
            && !EN_LOC_WORDS.contains(p.tok(b))
        {
            a += 1;
        } else {
            break;
        }
    }
    if a > b {
        return;
    }
    // Titles may also sit inside (Crown Prince Mohammed): the name starts after the last one.
    for k in (a..=b).rev() {
        if EN_TITLES.contains(p.tok(k)) && k < b && p.is_cap(k) {
            a = k + 1;
            titled = true;
            break;
        }
    }
    let before = a.checked_sub(1).map_or("", |k| p.tok(k));
    let before2 = a.checked_sub(2).map_or("", |k| p.tok(k));
    if EN_TITLES.contains(before) {
        titled = true;
    }
    // Part of a longer name cut by "of" (Institute of Space Sciences): not ours to classify.
    if matches!(before, "of" | "for" | "on" | "de" | "du") && a >= 2 && p.is_cap(a - 2) && !titled {
        return;
    }
    // Coordinated with a place just before: in Bejaia and Tizi Ouzou.
    let after_place = matches!(before, "and" | ",")
        && a >= 2
        && p.toks.get(a - 2).is_some_and(|t| {
            found
                .iter()
                .any(|f| f.kind == EntityKind::Place && f.end == t.end)
        });
    let after = p.tok(b + 1);
    let last = p.tok(b);
    let words = (a..=b)
        .filter(|&k| p.toks.get(k).is_some_and(|t| t.kind == TokKind::Word))
        .filter(|&k| !CONNECTORS.contains(&p.tok(k)))
        .count();
    let (Some(s), Some(e)) = (p.toks.get(a), p.toks.get(b)) else {
        return;
    };
    let (start, end) = (s.start, e.end);
    let name = p.slice(start, end).to_string();
    let place_word = EN_LOC_WORDS.contains(last) && words >= 2;
    let loc_intro =
        matches!(before, "of") && EN_LOC_WORDS.contains(before2) || matches!(before, "capital");
    // "in Kufic script": a capitalised adjective before a common noun is not a place.
    let noun_after = p.toks.get(b + 1).is_some_and(|t| t.kind == TokKind::Word)
        && !p.is_cap(b + 1)
        && !EN_STOP.contains(after)
        && !EN_SPEECH.contains(after);
    // "the Nassib border crossing", "the Vandenberg base": a name before a place noun.
    let place_noun_after = noun_after && PLACE_NOUNS.contains(&after);
    // "sites such as Bosra and Jerash"
    let such_as = before == "as"
        && before2 == "such"
        && a.checked_sub(3)
            .is_some_and(|k| EN_LOC_WORDS.contains(p.tok(k)));
    let loc_cue = a == run_start
        && EN_LOC_CUES.contains(before)
        && !matches!(before, "to" | "from")
        && !noun_after;
    let speech = EN_SPEECH.contains(after);
    // A natural feature or a work named after a person keeps its whole name (King Talal
    // Dam, Wadi Dawan, Jabal Sawda): its head or its last word says what it is.
    let feature = b > first
        && (FEATURE_HEADS.contains(&p.tok(first)) || EN_LOC_WORDS.contains(last))
        && p.is_cap(b);
    if feature {
        let (Some(s), Some(e)) = (p.toks.get(first), p.toks.get(b)) else {
            return;
        };
        found.push(Found {
            start: s.start,
            end: e.end,
            kind: EntityKind::Place,
            key: Key::Name(p.slice(s.start, e.end).to_string()),
            how: How::Rule,
        });
        return;
    }
    let kind = if titled {
        Some(EntityKind::Person)
    } else if place_word || loc_intro || after_place || place_noun_after || such_as {
        Some(EntityKind::Place)
    } else if words >= 2 && !(words == 2 && last.len() <= 2) {
        // Only the strong cues for a name of several words: "through Omar Hamdi" is a person.
        if loc_cue && !speech && matches!(before, "in" | "at" | "near" | "outside" | "inside") {
            Some(EntityKind::Place)
        } else {
            Some(EntityKind::Person)
        }
    } else {
        None
    };
    match kind {
        Some(kind) if !(initial && words < 2 && !titled) => found.push(Found {
            start,
            end,
            kind,
            key: Key::Name(name),
            how: How::Rule,
        }),
        _ if words == 1 && !EN_ORG_WORDS.contains(last) => singles.push(Single {
            start,
            end,
            loc_cue,
            per_cue: speech || titled,
            initial: initial && a == run_start,
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(EntityKind, String)> {
        let p = Prepared::new(text);
        let mut r = detect(&p, Gazetteer::get(), false).found;
        r.sort_by_key(|f| f.start);
        r.iter()
            .filter(|f| f.kind != EntityKind::Organization)
            .map(|f| {
                let range = p.folded.source_range(text, f.start, f.end);
                (f.kind, text.get(range).unwrap().to_string())
            })
            .collect()
    }

    #[test]
    fn short_acronyms() {
        for w in ["AM", "AI", "O.K.", "MWPs", "U.S."] {
            assert!(short_acronym(w), "{w}");
        }
        for w in ["Ri", "Xi", "NATO", "JAY-Z", "A", "Ms", "IT's"] {
            assert!(!short_acronym(w), "{w}");
        }
    }

    #[test]
    fn holidays_dynasties_and_lakes() {
        let per = |s: &str| (EntityKind::Person, s.to_string());
        let loc = |s: &str| (EntityKind::Place, s.to_string());
        assert_eq!(
            spans("Prayers for Eid al-Fitr were held in the mosques."),
            []
        );
        assert_eq!(
            spans("Eid al-Adha begins on Friday across the region."),
            [(EntityKind::Date, "Friday".to_string())]
        );
        assert_eq!(
            spans("Sheikh Mohammed bin Rashid Al Maktoum opened the fair."),
            [per("Mohammed bin Rashid Al Maktoum")]
        );
        assert_eq!(spans("Lake Nasser rose again."), [loc("Lake Nasser")]);
        assert_eq!(
            spans("Abu Dhabi Crown Prince Khaled bin Mohamed attended."),
            [loc("Abu Dhabi"), per("Khaled bin Mohamed")]
        );
        assert_eq!(spans("The Doha Metro was closed."), [loc("Doha")]);
        assert_eq!(spans("Mount Lebanon saw snow."), [loc("Mount Lebanon")]);
    }

    #[test]
    fn natural_features_and_particles() {
        let per = |s: &str| (EntityKind::Person, s.to_string());
        let loc = |s: &str| (EntityKind::Place, s.to_string());
        assert_eq!(
            spans("The water in the King Talal Dam rose again."),
            [loc("King Talal Dam")]
        );
        assert_eq!(
            spans("Hail fell on Jabal Sawda overnight."),
            [loc("Jabal Sawda")]
        );
        assert_eq!(
            spans("The road to Wadi Dawan was closed."),
            [loc("Wadi Dawan")]
        );
        assert_eq!(
            spans("MP Reem Abu Dalbouh said the law was fair."),
            [per("Reem Abu Dalbouh")]
        );
        assert_eq!(
            spans("Sheikha Latifa bint Fahd said volunteers helped."),
            [per("Latifa bint Fahd")]
        );
        assert_eq!(
            spans("Coach Sarah Ben Ali praised the players."),
            [per("Sarah Ben Ali")]
        );
    }

    #[test]
    fn seed_sentence() {
        let s = spans(
            "CNN reported that American officials discussed a meeting between President Donald Trump and North Korean leader Kim Jong Un in South Korea during the upcoming November.",
        );
        assert_eq!(
            s,
            [
                (EntityKind::Person, "Donald Trump".into()),
                (EntityKind::Person, "Kim Jong Un".into()),
                (EntityKind::Place, "South Korea".into()),
                (EntityKind::Date, "upcoming November".into()),
            ]
        );
    }

    #[test]
    fn titles_unknown_names_and_places() {
        let s = spans(
            "Coach Walid Regragui said the team trained in Rabat, while Mohammed Salem Al-Harbi stayed in Ain Zemrane Valley.",
        );
        assert_eq!(
            s,
            [
                (EntityKind::Person, "Walid Regragui".into()),
                (EntityKind::Place, "Rabat".into()),
                (EntityKind::Person, "Mohammed Salem Al-Harbi".into()),
                (EntityKind::Place, "Ain Zemrane Valley".into()),
            ]
        );
    }

    #[test]
    fn demonyms_and_organisations_are_not_places() {
        let s = spans(
            "The Chinese President Xi Jinping met South Korean officials at the Asia-Pacific Economic Cooperation forum.",
        );
        assert_eq!(s, [(EntityKind::Person, "Xi Jinping".into())]);
        assert!(is_demonym("korean") && is_demonym("iraqi") && !is_demonym("trump"));
    }

    #[test]
    fn headings_only_take_known_names() {
        let p = Prepared::new("Appropriate Opportunity for a Meeting in Hanoi");
        let r = detect(&p, Gazetteer::get(), true);
        assert_eq!(r.found.len(), 1);
        assert!(r.singles.is_empty());
    }
}
