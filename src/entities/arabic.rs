//! Arabic detection: gazetteer names with proclitics stripped only when the remainder is a
//! known name, dates, titles and cue words for people (الرئيس، الزعيم، وزير ...) and places
//! (مدينة، قرية ...), and organisation chains whose inner place names are not places.
//!
//! Pure: works on a [`Prepared`] paragraph (folded text with a byte map); no terminal, no I/O.

// The detectors are single passes over tokens, in the order a reader of the grammar expects;
// token scanners index with i, j, k over tokens and a, b for span ends.
#![allow(clippy::many_single_char_names, clippy::too_many_lines)]

use super::dates;
use super::found::{Found, How, Key};
use super::gazetteer::{GazKind, Gazetteer, Hit};
use super::text::WordSet;
use super::text::{
    AR_LOC_CUES, AR_ORG_CUES, AR_PER_TITLES, AR_STOP, Prepared, TokKind, ar_in, is_proclitic,
};
use super::text::{AR_ORDINALS, FnvBuild, proclitic_splits};
use crate::document::EntityKind;
use crate::document::script::is_arabic_letter;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Words a title may govern before the name: رئيس وزراء إسرائيل، المتحدث باسم ...
const AR_TITLE_GENITIVES: &[&str] = &[
    "وزراء",
    "حكومه",
    "باسم",
    "دوله",
    "جمهوريه",
    "مجلس",
    "عام",
    "اركان",
    "العهد",
    "الوزراء",
];
/// Connectors inside names: بن، ابن، أبو، عبد.
pub(super) const AR_NAME_LINKS: &[&str] = &["بن", "ابن", "بنت", "ابو", "عبد", "ابي", "ام", "ال"];
/// Cues after which an unknown word is taken as a place name.
static AR_STRONG_LOC_CUES: WordSet =
    WordSet::file(include_str!("../../assets/words/ar-strong-loc-cues.txt"));
/// Words that open the name of a natural feature or a work on it and belong to that name in
/// both languages (نهر اليرموك, Yarmouk River; جبل السودة, Jabal Sawda; وادي دوعن, Wadi Doan).
pub(super) static AR_FEATURE_CUES: WordSet =
    WordSet::file(include_str!("../../assets/words/ar-feature-cues.txt"));
/// Feature cues that are also common words (سد العجز "cover the deficit"): they open a name
/// only before a known place or a title (سد الموصل, سد الملك طلال).
const AR_WEAK_FEATURE_CUES: &[&str] = &["سد", "سهل"];
/// Nouns after جبل that make an idiom, not a mountain (قمة جبل الجليد, tip of the iceberg).
const AR_FEATURE_IDIOMS: &[&str] = &["الجليد", "الديون", "الجبال", "النار"];
/// Indefinite adjectives that follow place cues (مدينة كبيرة) and are not names.
const AR_ADJ: &[&str] = &[
    "كبيره",
    "صغيره",
    "جديده",
    "واحده",
    "اخري",
    "قديمه",
    "نائيه",
    "حدوديه",
    "ساحليه",
    "مجاوره",
    "قريبه",
    "بعيده",
    "عدة",
    "عده",
    "كامله",
];

/// Where a token opens an organisation, a title or a place cue: the byte length of the
/// proclitics before the cue word, for each.
#[derive(Debug, Clone, Copy, Default)]
struct Cues {
    org: Option<usize>,
    title: Option<usize>,
    place: Option<usize>,
    feature: Option<usize>,
}

/// The cues of every token, with one lookup per proclitic split in a combined table.
fn cues(p: &Prepared) -> Vec<Cues> {
    static TABLE: OnceLock<HashMap<&'static str, u8, FnvBuild>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, u8, FnvBuild> = HashMap::default();
        for (set, flag) in [
            (&AR_ORG_CUES, 1u8),
            (&AR_PER_TITLES, 2),
            (&AR_STRONG_LOC_CUES, 4),
            (&AR_FEATURE_CUES, 8),
        ] {
            for w in set.words() {
                *t.entry(w).or_insert(0) |= flag;
            }
        }
        t
    });
    (0..p.toks.len())
        .map(|i| {
            let mut c = Cues::default();
            for (cut, stem) in proclitic_splits(p.tok(i)) {
                if let Some(&f) = table.get(stem) {
                    if f & 1 != 0 && c.org.is_none() {
                        c.org = Some(cut);
                    }
                    if f & 2 != 0 && c.title.is_none() {
                        c.title = Some(cut);
                    }
                    if f & 4 != 0 && c.place.is_none() {
                        c.place = Some(cut);
                    }
                    if f & 8 != 0 && c.feature.is_none() {
                        c.feature = Some(cut);
                    }
                }
            }
            c
        })
        .collect()
}

fn word(p: &Prepared, i: usize) -> bool {
    p.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
}

fn has_al(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() > 3
}

/// Detect entities in one Arabic paragraph. In a heading only gazetteer names and dates count.
pub fn detect(p: &Prepared, g: &Gazetteer, heading: bool) -> Vec<Found> {
    detect_in(p, g, &g.hits_ar(&p.folded.text), heading)
}

/// [`detect`] with the gazetteer's hits in the paragraph already found
/// ([`Gazetteer::hits_ar`] on its folded text).
pub fn detect_in(p: &Prepared, g: &Gazetteer, gaz_hits: &[Hit], heading: bool) -> Vec<Found> {
    let n = p.toks.len();
    // 0 = free, 1 = date, 2 = place, 3 = person, 4 = organisation.
    let mut used = vec![0u8; n];
    let mut found = Vec::new();
    let cue = cues(p);
    for d in dates::find_ar_in(p, g, gaz_hits) {
        for u in used
            .get_mut(toks_over(p, d.start, d.end))
            .unwrap_or(&mut [])
        {
            *u = 1;
        }
        found.push(Found {
            start: d.start,
            end: d.end,
            kind: EntityKind::Date,
            key: Key::Date(d.value),
            how: How::Gazetteer,
        });
    }
    // Organisation chains: منظمة التعاون الاقتصادي لآسيا والمحيط الهادئ.
    for i in 0..n {
        let Some(org_cut) = cue.get(i).and_then(|c| c.org) else {
            continue;
        };
        if used.get(i) != Some(&0) {
            continue;
        }
        let mut j = i;
        while j + 1 < n && j - i < 7 && used.get(j + 1) == Some(&0) && word(p, j + 1) {
            let w = p.tok(j + 1);
            // ال-words continue the chain; a place only as a genitive with ل (لآسيا), not
            // as a location with ب (معهد العالم العربي بباريس).
            let stem = super::text::proclitic_splits(w)
                .into_iter()
                .find(|&(cut, s)| {
                    has_al(s)
                        || (w.get(..cut).is_some_and(|pre| pre.ends_with('ل'))
                            && !g.lookup_ar(s).is_empty())
                });
            if stem.is_none() || AR_STOP.contains(w) {
                break;
            }
            j += 1;
        }
        if j > i {
            for u in used.iter_mut().take(j + 1).skip(i) {
                *u = 4;
            }
            if let (Some(s), Some(e)) = (p.toks.get(i), p.toks.get(j)) {
                let k = org_cut;
                found.push(Found {
                    start: s.start + k,
                    end: e.end,
                    kind: EntityKind::Organization,
                    // Organisations are found to keep their inner words from being taken as
                    // places or people; they are not reported, so they need no name.
                    key: Key::Name(String::new()),
                    how: How::Rule,
                });
            }
        }
    }
    // Gazetteer names, longest first, proclitics stripped only onto a known name.
    let mut hits: Vec<(usize, usize, usize, u32)> = gaz_hits
        .iter()
        .filter_map(|h| {
            let e = h.entries.iter().copied().find(|&i| {
                g.entry(i)
                    .is_some_and(|e| e.kind.is_place() || e.kind == GazKind::Person)
            })?;
            let first = p.tok_containing(h.start)?;
            let last = p.tok_containing(h.end.saturating_sub(1))?;
            let ft = p.toks.get(first)?;
            if p.toks.get(last)?.end != h.end {
                return None;
            }
            let name = p.slice(h.start, h.end);
            let prefix = p.slice(ft.start, h.start);
            if !is_proclitic(prefix, name.starts_with("ال"))
                || (!prefix.is_empty() && name.chars().count() < 3)
            {
                return None;
            }
            Some((first, last, h.start, e))
        })
        .collect();
    hits.sort_by_key(|&(a, b, s, _)| (std::cmp::Reverse(b - a), a, s));
    for (a, b, start, e) in hits {
        if (a..=b).any(|i| used.get(i) != Some(&0)) {
            continue;
        }
        // A country name that is also a feminine adjective (السعودية) right after a definite
        // noun agrees with it: السلطات السعودية is "the Saudi authorities".
        let name = p.slice(start, p.toks.get(b).map_or(start, |t| t.end));
        let prev = a.checked_sub(1).map_or("", |k| p.tok(k));
        if a == b
            && name.starts_with("ال")
            && name.ends_with("يه")
            && p.toks.get(a).is_some_and(|t| t.start == start)
            && has_al(prev)
            && !AR_STOP.contains(prev)
            && a.checked_sub(1).is_some_and(|k| used.get(k) == Some(&0))
        {
            continue;
        }
        let Some(t) = p.toks.get(b) else { continue };
        let person = g.entry(e).is_some_and(|x| x.kind == GazKind::Person);
        for u in used.iter_mut().take(b + 1).skip(a) {
            *u = if person { 3 } else { 2 };
        }
        found.push(Found {
            start,
            end: t.end,
            kind: if person {
                EntityKind::Person
            } else {
                EntityKind::Place
            },
            key: Key::Gaz(e),
            how: How::Gazetteer,
        });
    }
    // Latin-script names inside the Arabic text (CNN, Karen Whitfield).
    let has_latin = p.src.bytes().any(|b| b.is_ascii_uppercase());
    let latin_found = if has_latin {
        super::english::detect(p, g, heading).found
    } else {
        Vec::new()
    };
    for f in latin_found {
        let latin = p
            .slice(f.start, f.end)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !latin || f.kind == EntityKind::Date {
            continue;
        }
        let toks = toks_over(p, f.start, f.end);
        if toks.clone().any(|i| used.get(i) != Some(&0)) {
            continue;
        }
        for i in toks {
            if let Some(u) = used.get_mut(i) {
                *u = 3;
            }
        }
        found.push(f);
    }
    if heading {
        return found;
    }
    // Natural features: the cue word opens the name (نهر اليرموك, سد الملك طلال), also in
    // front of a known place (وادي حضرموت).
    for i in 0..n {
        let Some(cut) = cue
            .get(i)
            .and_then(|c| c.feature)
            .filter(|_| used.get(i) == Some(&0) && word(p, i))
        else {
            continue;
        };
        let Some(ti) = p.toks.get(i) else { continue };
        let start = ti.start + cut;
        let cue_word = p.tok(i).get(cut..).unwrap_or("");
        let weak = AR_WEAK_FEATURE_CUES.contains(&cue_word);
        let j = i + 1;
        let w = p.tok(j);
        let next_start = p.toks.get(j).map(|t| t.start);
        if used.get(j) == Some(&2) {
            // A gazetteer place right after the cue (no proclitic between): widen it.
            if let Some(f) = found
                .iter_mut()
                .find(|f| f.kind == EntityKind::Place && Some(f.start) == next_start)
            {
                f.start = start;
                if let Some(u) = used.get_mut(i) {
                    *u = 2;
                }
            }
            continue;
        }
        if used.get(j) != Some(&0)
            || !word(p, j)
            || !p.toks.get(j).is_some_and(|t| t.spaced)
            || AR_STOP.contains(w)
            || AR_ADJ.contains(&w)
            || AR_FEATURE_IDIOMS.contains(&w)
            || ar_in(w, &AR_LOC_CUES).is_some()
            || is_demonym(w)
            || has_tanwin(p, j)
            || w.chars().count() < 2
        {
            continue;
        }
        let titled = ar_in(w, &AR_PER_TITLES).is_some();
        let b = if titled {
            // سد الملك طلال: a title and the name it carries.
            if used.get(j + 1) == Some(&0) && word(p, j + 1) && !AR_STOP.contains(p.tok(j + 1)) {
                j + 1
            } else {
                continue;
            }
        } else if weak {
            continue;
        } else {
            j
        };
        for u in used.iter_mut().take(b + 1).skip(i) {
            *u = 2;
        }
        if let Some(e) = p.toks.get(b) {
            found.push(Found {
                start,
                end: e.end,
                kind: EntityKind::Place,
                key: Key::Name(p.slice(start, e.end).to_string()),
                how: How::Rule,
            });
        }
    }
    // People after titles.
    for i in 0..n {
        let Some(cut) = cue
            .get(i)
            .and_then(|c| c.title)
            .filter(|_| used.get(i) == Some(&0))
        else {
            continue;
        };
        // An indefinite title with an indefinite adjective describes, it does not name:
        // أول رئيس أمريكي تطأ قدماه ...
        let title = p.tok(i).get(cut..).unwrap_or("");
        let next = p.tok(i + 1);
        if !title.starts_with("ال") && !next.starts_with("ال") && is_demonym(next) {
            continue;
        }
        let mut j = i + 1;
        let mut skipped = 0;
        // "د." (Dr.): the full stop belongs to the title.
        if p.tok(j) == "." {
            j += 1;
        } else if !title.starts_with("ال") && word(p, j) && !has_al(next) {
            // An indefinite title governs the noun after it: رئيس مصلحة الأرصاد، مدرب منتخب.
            j += 1;
            skipped += 1;
        }
        while j < n && skipped < 4 {
            let w = p.tok(j);
            let u = used.get(j).copied().unwrap_or(1);
            if (u == 0 && word(p, j) && (has_al(w) || is_demonym(w)) && !AR_STOP.contains(w))
                || AR_TITLE_GENITIVES.contains(&w)
                || u == 2
            {
                j += 1;
                skipped += 1;
            } else {
                break;
            }
        }
        if let Some((a, b)) = name_after(p, &used, j) {
            mark(&mut used, a, b, 3);
            push_name(p, &mut found, a, b, EntityKind::Person);
        }
    }
    // Places after cue words.
    for i in 0..n {
        let Some(cut) = cue
            .get(i)
            .and_then(|c| c.place)
            .filter(|_| used.get(i) == Some(&0))
        else {
            continue;
        };
        let j = i + 1;
        let w = p.tok(j);
        // حي is also "alive" (حي يرزق, نقل حي): a quarter's name after it has the article.
        if p.tok(i).get(cut..) == Some("حي") && !has_al(w) {
            continue;
        }
        if used.get(j) == Some(&0)
            && word(p, j)
            && !AR_STOP.contains(w)
            && !AR_ADJ.contains(&w)
            && ar_in(w, &AR_LOC_CUES).is_none()
            && ar_in(w, &AR_PER_TITLES).is_none()
            && !w.ends_with("يه")
            && !(has_al(w) && w.ends_with('ي'))
            && w.chars().count() >= 3
        {
            let mut b = j;
            let w2 = p.tok(j + 1);
            if used.get(j + 1) == Some(&0)
                && word(p, j + 1)
                && !has_al(w2)
                && !AR_STOP.contains(w2)
                && !AR_ADJ.contains(&w2)
                && !w2.starts_with('و')
                && p.toks.get(j + 1).is_some_and(|t| t.spaced)
                && w2.chars().count() >= 3
                && !has_al(w)
            {
                b = j + 1;
            }
            mark(&mut used, j, b, 2);
            push_name(p, &mut found, j, b, EntityKind::Place);
        }
    }
    found
}

/// The extent of a name starting at token `j`: up to three name words (more with بن/عبد),
/// then at most one family name with the article.
fn name_after(p: &Prepared, used: &[u8], j: usize) -> Option<(usize, usize)> {
    let n = p.toks.len();
    let ok = |k: usize| -> bool {
        let w = p.tok(k);
        used.get(k) == Some(&0)
            && word(p, k)
            && p.toks.get(k).is_some_and(|t| t.spaced)
            && !AR_STOP.contains(w)
            && ar_in(w, &AR_PER_TITLES).is_none()
            && ar_in(w, &AR_LOC_CUES).is_none()
            && ar_in(w, &AR_ORG_CUES).is_none()
            && !is_future_verb(w)
            && !is_demonym(p.tok(k))
            && !has_tanwin(p, k)
    };
    // After بن، أبو، أم، آل any word is a name, even one that spells a function word
    // (بن علي, أم علي: علي folds like على).
    let linked = |k: usize| -> bool {
        let w = p.tok(k);
        k > j
            && AR_NAME_LINKS.contains(&p.tok(k - 1))
            && used.get(k) == Some(&0)
            && word(p, k)
            && p.toks.get(k).is_some_and(|t| t.spaced)
            && !AR_NAME_LINKS.contains(&w)
            && ar_in(w, &AR_PER_TITLES).is_none()
            && ar_in(w, &AR_LOC_CUES).is_none()
    };
    let mut k = j;
    let mut words = 0;
    // A name may open with its particle even where it spells a function word (أم: "or").
    let opens = |k: usize| -> bool {
        k == j && AR_NAME_LINKS.contains(&p.tok(k)) && used.get(k) == Some(&0) && linked(k + 1)
    };
    while k < n && words < 3 && (ok(k) || linked(k) || opens(k)) {
        let w = p.tok(k);
        if has_al(w) && !(k > j && AR_NAME_LINKS.contains(&p.tok(k - 1))) {
            break;
        }
        if AR_NAME_LINKS.contains(&w) && !(ok(k + 1) || linked(k + 1)) {
            break;
        }
        if !AR_NAME_LINKS.contains(&w) {
            words += 1;
        }
        k += 1;
    }
    if k == j {
        return None;
    }
    // One family name with the article after the given names: وليد الركراكي.
    // Not after a dynasty (محمد بن راشد آل مكتوم المعرض: the name ended at مكتوم). A nisba
    // is a family name here (نادية المصري), as it could not be one right after the title.
    let dynasty = k >= 2 && k - 2 >= j && p.tok(k - 2) == "ال";
    let nisba = |k: usize| -> bool {
        let w = p.tok(k);
        used.get(k) == Some(&0)
            && word(p, k)
            && p.toks.get(k).is_some_and(|t| t.spaced)
            && is_demonym(w)
            && !AR_STOP.contains(w)
    };
    let family = k < n && !dynasty && (ok(k) || nisba(k)) && has_al(p.tok(k));
    // A first word in -ية is an adjective (لجنة فرعية معنية) unless a family name follows
    // (سنية العياري).
    if p.tok(j).ends_with("يه") && !family {
        return None;
    }
    if family {
        k += 1;
    } else if k < n && AR_ORDINALS.contains(&p.tok(k)) && used.get(k) == Some(&0) {
        // عبد الله الثاني: the regnal number is part of the name.
        k += 1;
    }
    Some((j, k - 1))
}

/// Arabic words of quantity that a tagger without capitals to go by takes for names (لثلاثة,
/// "of three"; حوالي, "about"): the cardinal numbers and the words that approximate or
/// quantify them (folded, as their tokens are).
static AR_QUANTITY: WordSet = WordSet::file(include_str!("../../assets/words/ar-quantity.txt"));

/// The names of Latin letters as Arabic writes them in acronyms (folded): أي, بي, تي, سي, إف…
/// Names of one syllable that are also given names (Yu, Wai) are left out.
const AR_LATIN_LETTERS: [&str; 24] = [
    "اي",
    "ايه",
    "بي",
    "تي",
    "سي",
    "دي",
    "اف",
    "جي",
    "جيه",
    "اتش",
    "كي",
    "كيه",
    "ال",
    "ام",
    "ان",
    "او",
    "كيو",
    "ار",
    "اس",
    "في",
    "دبليو",
    "اكس",
    "زد",
    "زي",
];

/// Names of Latin letters that are also given names (Yu يو, Wai واي): letters only beside
/// another letter's name (إس يو, LSU; واي إم سي إيه, YMCA).
const AR_LATIN_LETTERS_OR_NAMES: [&str; 2] = ["يو", "واي"];

/// Whether a folded Arabic word is a function word run onto a place cue, a title or a common
/// word with the article where the text lost a space (منولاية, "from the state of";
/// منالعقوبات, "of the sanctions"): two words, no name, whatever its letters spell (Manila).
/// A word the rest of which only spells a common word once more letters are taken off is left
/// alone (ماكدول, a footballer's family name, is not ما + ك + دول).
pub fn function_word_run_on(ar: &str) -> bool {
    after_function_word(ar).any(|w| {
        w.chars().nth(2).is_some()
            && (AR_LOC_CUES.contains(w)
                || AR_PER_TITLES.contains(w)
                || (w.starts_with("ال")
                    && super::tagger::common_word(crate::document::Lang::Ar, w)))
    })
}

/// What follows a function word of two to four letters that opens a folded Arabic word
/// (منولاية: ولاية), for each such function word.
pub fn after_function_word(ar: &str) -> impl Iterator<Item = &str> {
    ar.char_indices()
        .skip(2)
        .take(3)
        .filter(|&(i, _)| ar.get(..i).is_some_and(|f| AR_STOP.contains(f)))
        .filter_map(|(i, _)| ar.get(i..))
}

/// Whether an Arabic span (folded) is no person and no place whatever a detector says: every
/// word of it, its proclitics off, is a function word, a word of quantity, a title or a place's
/// cue word (حوالي "about", المدينة "the city"), or the name of a Latin letter (an acronym read
/// letter by letter: بي بي سي, BBC; وأي تي في, ITV); or when a word of it is too long to be a
/// name: words run together where the text lost its spaces (نعلمأنهذالنيغيرسلوك...).
pub fn no_name(text: &str) -> bool {
    if text
        .split_whitespace()
        .any(|w| w.chars().filter(|&c| is_arabic_letter(c)).count() >= TOO_LONG)
    {
        return true;
    }
    let common = |w: &str| {
        proclitic_splits(w).any(|(_, stem)| {
            let bare = stem.strip_prefix("ال").unwrap_or(stem);
            AR_STOP.contains(stem)
                || AR_QUANTITY.contains(stem)
                || AR_QUANTITY.contains(bare)
                || ar_in(stem, &AR_PER_TITLES).is_some()
                || ar_in(stem, &AR_LOC_CUES).is_some()
        })
    };
    let letter = |w: &str| proclitic_splits(w).any(|(_, stem)| AR_LATIN_LETTERS.contains(&stem));
    let given_or_letter =
        |w: &str| proclitic_splits(w).any(|(_, stem)| AR_LATIN_LETTERS_OR_NAMES.contains(&stem));
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some() && {
        let words: Vec<&str> = words.collect();
        words.iter().all(|w| common(w))
            || (words.iter().all(|w| letter(w) || given_or_letter(w))
                && words.iter().any(|w| letter(w)))
    }
}

/// Letters in an Arabic word that no name reaches: the longest written names have about
/// thirteen (باكينجهامشاير, Buckinghamshire).
const TOO_LONG: usize = 16;

/// An adjective of nationality (أمريكي، الكوري، المصرية، صينيون): a gazetteer country or
/// region plus the nisba ending.
pub fn is_demonym(w: &str) -> bool {
    let bare = w
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w);
    let Some(stem) = ["يون", "يين", "ين", "يه", "ي"]
        .iter()
        .find_map(|suf| bare.strip_suffix(suf))
    else {
        return false;
    };
    stem.chars().nth(1).is_some() && place_stems(Gazetteer::get()).contains(stem)
}

/// The stems that take the nisba ending, from every word of every Arabic place name in the
/// gazetteer, folded: كوريا → كور، أمريكا → امريك، الصين → صين، مصر → مصر.
fn place_stems(g: &Gazetteer) -> &'static HashSet<String, FnvBuild> {
    static W: OnceLock<HashSet<String, FnvBuild>> = OnceLock::new();
    W.get_or_init(|| {
        let mut set = HashSet::default();
        for e in g
            .entries()
            .iter()
            .filter(|e| matches!(e.kind, GazKind::Country | GazKind::Region | GazKind::City))
        {
            for f in &e.ar {
                for w in crate::document::normalize::fold(f).split_whitespace() {
                    if w.chars().count() < 3 {
                        continue;
                    }
                    set.insert(w.to_string());
                    for stem in [
                        w.strip_suffix("يا"),
                        w.strip_suffix('ا'),
                        w.strip_prefix("ال"),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        set.insert(stem.to_string());
                    }
                }
            }
        }
        set
    })
}

/// Whether token `i` carries tanwin in the source (رسمياً): an adverb or indefinite noun,
/// never a name.
fn has_tanwin(p: &Prepared, i: usize) -> bool {
    let Some(t) = p.toks.get(i) else {
        return false;
    };
    let s = p.folded.source_range(p.src, t.start, t.end);
    p.src
        .get(s)
        .is_some_and(|w| w.chars().any(|c| matches!(c, '\u{064B}'..='\u{064D}')))
}

/// A verb in the future (سيلتقي، ستعقد، سنعمل): never part of a name.
fn is_future_verb(w: &str) -> bool {
    w.chars().count() >= 5 && (w.starts_with("سي") || w.starts_with("ست") || w.starts_with("سن"))
}

fn mark(used: &mut [u8], a: usize, b: usize, v: u8) {
    for u in used.iter_mut().take(b + 1).skip(a) {
        *u = v;
    }
}

fn push_name(p: &Prepared, found: &mut Vec<Found>, a: usize, b: usize, kind: EntityKind) {
    if let (Some(s), Some(e)) = (p.toks.get(a), p.toks.get(b)) {
        found.push(Found {
            start: s.start,
            end: e.end,
            kind,
            key: Key::Name(p.slice(s.start, e.end).to_string()),
            how: How::Rule,
        });
    }
}

/// The indices of the tokens that overlap folded bytes `start..end` (a binary search: the tokens
/// are in order and do not overlap).
fn toks_over(p: &Prepared, start: usize, end: usize) -> std::ops::Range<usize> {
    let first = p.toks.partition_point(|t| t.end <= start);
    let last = p.toks.partition_point(|t| t.start < end).max(first);
    first..last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_word_run_onto_a_cue_or_a_common_word_is_no_name() {
        let fold = crate::document::normalize::fold;
        // "from the state of", "of the sanctions": two words that lost their space.
        assert!(function_word_run_on(&fold("منولاية")));
        assert!(function_word_run_on(&fold("منالعقوبات")));
        // McDowall: the rest spells a common word only once ك is taken off as well.
        assert!(!function_word_run_on(&fold("ماكدول")));
        assert!(!function_word_run_on(&fold("من")));
        assert!(!function_word_run_on(&fold("مانيلا")));
    }

    #[test]
    fn words_run_together_are_no_name() {
        assert!(no_name("نعلمأنهذالنيغيرسلوكالطلابعلىالفور"));
        assert!(no_name("فينهاية الدورةجاءتنيطالبةوقالت"));
        assert!(!no_name("باكينجهامشاير"));
        assert!(!no_name("كيت هارينغتون"));
    }

    #[test]
    fn common_words_and_letters_names_are_no_name() {
        let no = |t: &str| no_name(&crate::document::normalize::fold(t));
        // Yu is a letter beside another letter, a name alone.
        assert!(no("إس يو"));
        assert!(!no("يو"));
        assert!(!no("لي يو"));
        assert!(no("حوالي"));
        assert!(no("لثلاثة"));
        assert!(no("المدينة"));
        assert!(no("بي بي سي"));
        assert!(no("وأي تي في"));
        assert!(!no("سامي"));
        assert!(!no("بي بي سي عربي"));
        assert!(!no("مدينة نصر"));
        assert!(!no(""));
    }

    fn spans(text: &str) -> Vec<(EntityKind, String)> {
        let p = Prepared::new(text);
        let mut r = detect(&p, Gazetteer::get(), false);
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
    fn seed_sentence_with_clitics_and_titles() {
        let s = spans(
            "لقاء بين الرئيس دونالد ترمب والزعيم الكوري الشمالي كيم جونغ أون، في كوريا الجنوبية خلال نوفمبر القادم.",
        );
        assert_eq!(
            s,
            [
                (EntityKind::Person, "دونالد ترمب".into()),
                (EntityKind::Person, "كيم جونغ أون".into()),
                (EntityKind::Place, "كوريا الجنوبية".into()),
                (EntityKind::Date, "نوفمبر القادم".into()),
            ]
        );
        let s = spans("بين واشنطن وبيونغ يانغ، كما حدث لترمب وبكين.");
        let texts: Vec<_> = s.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(texts, ["واشنطن", "بيونغ يانغ", "ترمب", "بكين"]);
    }

    #[test]
    fn feminine_titles_dynasties_nisbas_and_quarters() {
        let per = |s: &str| (EntityKind::Person, s.to_string());
        let loc = |s: &str| (EntityKind::Place, s.to_string());
        assert_eq!(
            spans("وقالت القاضية أمل عبد العزيز إن الجلسة تأجلت."),
            [per("أمل عبد العزيز")]
        );
        // The name ends with the dynasty: المعرض is the fair.
        assert_eq!(
            spans("افتتح الشيخ محمد بن راشد آل مكتوم المعرض."),
            [per("محمد بن راشد آل مكتوم")]
        );
        assert_eq!(
            spans("وقالت الدكتورة نادية المصري إن الخطة جاهزة."),
            [per("نادية المصري")]
        );
        assert_eq!(
            spans("وتظاهر سكان حي الكرادة في بغداد."),
            [loc("الكرادة"), loc("بغداد")]
        );
        // حي is also "alive".
        assert_eq!(spans("وتابع الجمهور نقل حي للمباراة."), []);
        assert_eq!(spans("وبقي المصاب حي يرزق."), []);
        // Cue words that are also common words open no name.
        assert_eq!(spans("وطرح الصحفيون خليج من الأسئلة."), []);
        assert_eq!(spans("والتطبيق سهل الاستخدام."), []);
        // Particles without a title name no one (ابن عم: a cousin, أم الطفل: the mother).
        assert_eq!(spans("وقال ابن عم الضحية إن الشرطة تأخرت."), []);
        assert_eq!(spans("وقالت أم الطفل إنها لم تره."), []);
        // A holiday is neither a person nor a place.
        assert_eq!(
            spans("ويبدأ عيد الأضحى يوم الجمعة في المنطقة."),
            [(EntityKind::Date, "يوم الجمعة".to_string())]
        );
    }

    #[test]
    fn particles_regnal_numbers_and_natural_features() {
        let per = |s: &str| (EntityKind::Person, s.to_string());
        let loc = |s: &str| (EntityKind::Place, s.to_string());
        assert_eq!(
            spans("ومن المقرر أن يصادق الملك عبد الله الثاني على القانون."),
            [per("عبد الله الثاني")]
        );
        // أم and علي spell function words ("or", "on") but are a name after a title.
        assert_eq!(
            spans("فيما رأت الناشطة أم علي الزعبي أنه لا يكفي."),
            [per("أم علي الزعبي")]
        );
        assert_eq!(
            spans("وقالت المدربة سارة بن علي إن اللاعبات جاهزات."),
            [per("سارة بن علي")]
        );
        assert_eq!(
            spans("وقال المدرب المساعد عبد العزيز آل سعود إن الفريق جاهز."),
            [per("عبد العزيز آل سعود")]
        );
        // A dam named after a king is a place; the cue opens the name.
        assert_eq!(
            spans("وارتفع منسوب المياه في سد الملك طلال إلى أعلى مستوى."),
            [loc("سد الملك طلال")]
        );
        assert_eq!(
            spans("وغمرت مياه نهر الزرقاء المزارع."),
            [loc("نهر الزرقاء")]
        );
        assert_eq!(spans("وتساقط البرد على جبل السودة."), [loc("جبل السودة")]);
        // A two-letter name after the cue.
        assert_eq!(spans("وزار السياح وادي رم."), [loc("وادي رم")]);
        // The cue widens a known place; a proclitic stays outside.
        assert_eq!(spans("والطريق إلى وادي حضرموت مغلق."), [loc("وادي حضرموت")]);
        assert_eq!(spans("وزار ونهر الأردن."), [loc("نهر الأردن")]);
        // سد is also "to cover" and جبل الجليد is an idiom: no place.
        assert_eq!(spans("وتسعى الحكومة إلى سد العجز في الموازنة."), []);
        assert_eq!(spans("وهذه قمة جبل الجليد."), []);
    }

    #[test]
    fn unknown_names_after_titles_and_cues() {
        let s = spans(
            "قال المدرب وليد الركراكي في قرية بانمونجوم على الحدود إن الرئيس الكوري الجنوبي لي جاي ميونغ وصل",
        );
        assert_eq!(
            s,
            [
                (EntityKind::Person, "وليد الركراكي".into()),
                (EntityKind::Place, "بانمونجوم".into()),
                (EntityKind::Person, "لي جاي ميونغ".into()),
            ]
        );
    }

    #[test]
    fn organisation_chains_hide_their_places_and_adjectives_are_not_places() {
        let s =
            spans("اجتماع وزراء تجارة منظمة التعاون الاقتصادي لآسيا والمحيط الهادئ في مدينة كبيرة");
        assert!(s.is_empty(), "{s:?}");
        let s = spans("قال الأب إن الأمريكيين والكوريين");
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn adjectives_of_nationality_are_recognised() {
        for w in [
            "امريكي",
            "الكوري",
            "المصريه",
            "الصيني",
            "العراقيون",
            "اللبناني",
        ] {
            assert!(is_demonym(w), "{w}");
        }
        for w in ["ترمب", "الرئيس", "كيم", "بوزيد"] {
            assert!(!is_demonym(w), "{w}");
        }
        let s = spans("ودعا لي الرئيس الأمريكي رسمياً للمشاركة، وصار أول رئيس أمريكي تطأ قدماه");
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn harakat_and_letter_variants_still_match() {
        let s = spans("وصل إلى بِكِّين ثم الى القاهره");
        let texts: Vec<_> = s.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(texts, ["بِكِّين", "القاهره"]);
    }
}
