//! The translation check: per aligned pair, what does not match across the two sides — a person
//! or place named on each side that the other side does not name, numbers that differ
//! (Arabic-Indic digits, separators and million/مليون normalised), dates that differ.
//!
//! Names: a person or place on one side is first looked for in the other side of the pair
//! (gazetteer forms, and transliteration of any word of the name, so a surname alone or a given
//! name alone counts). What is not found there is either a substitution (something on each side
//! with no counterpart on the other) or, when the detector is confident, an omission/addition
//! (named on one side only), each reported with a confidence. Numbers and dates are compared as
//! values; a number or date on one side only (a number written out as a word in the
//! translation) is not reported. Pure: no terminal, no I/O.
//!
//! The detector reaches the check through a narrow interface: a span with a kind and a
//! confidence ([`confidence`] maps today's evidence to one; a learned tagger gives its own).

use super::dates::DateValue;
use super::found::{Found, How, Key};
use super::gazetteer::Gazetteer;
use super::numbers::{Num, lone};
use super::skeleton::{Variants, match_score};
use super::text::{AR_PER_TITLES, AR_STOP, EN_STOP, EN_TITLES, Prepared, TokKind, ar_in};
use crate::document::normalize::fold;
use crate::document::{Discrepancy, DiscrepancyKind, EntityKind, Lang};
use std::collections::HashSet;

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
    /// How sure the detector is that this is a name of this kind (0–1).
    pub confidence: f32,
    /// Whether the other side of the pair names it too, linked or not.
    pub present: bool,
    /// Whether the document names it in both languages somewhere (then a pair that names it
    /// on one side only most likely says "he" or "the city" on the other: not an omission).
    pub bilingual: bool,
}

/// Transliteration similarity at or above which a word of a name counts as present on the other
/// side: lower than the linking threshold, as this only keeps a name from being reported.
pub const PRESENT_THRESHOLD: f32 = 0.7;

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
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ar => "Arabic",
        Lang::En => "English",
    }
}

/// People and places: substitutions, then omissions/additions.
fn check_names<'a>(pair: usize, ar: &Side<'a>, en: &Side<'a>, out: &mut Vec<Discrepancy>) {
    for (kind, label, found) in [
        (EntityKind::Person, "person", DiscrepancyKind::Person),
        (EntityKind::Place, "place", DiscrepancyKind::Place),
    ] {
        // Names of `a` of this kind that `b` does not link, with their best confidence; for
        // omissions, only those `b` does not name either and the document never links.
        let lone = |a: &Side<'a>, b: &Side, omission: bool| -> Vec<(&'a str, &'a str, f32)> {
            let mut v: Vec<(&str, &str, f32)> = Vec::new();
            for n in &a.names {
                if n.kind != kind
                    || b.names.iter().any(|m| m.entity == n.entity)
                    || (omission && (n.present || n.bilingual))
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
        let (mut a, mut e) = (lone(ar, en, false), lone(en, ar, false));
        // Two lone names whose family names transliterate each other are one name the linker
        // missed (Nabil al-Jubouri and Nabil al-Rubaie share a given name, not a family).
        // and so are Youssef Benali and Karim Benali: given names, where both sides give one,
        // must agree too.
        let same = |x: &(&str, &str, f32), y: &(&str, &str, f32)| {
            let agree = |e: &str, a: &str| match_score(e, a) >= PRESENT_THRESHOLD;
            agree(family(y.1), family(x.1))
                && match (given(Lang::En, y.1), given(Lang::Ar, x.1)) {
                    (Some(e), Some(a)) => agree(e, a),
                    _ => true,
                }
        };
        let (a0, e0) = (a.clone(), e.clone());
        a.retain(|x| !e0.iter().any(|y| same(x, y)));
        e.retain(|y| !a0.iter().any(|x| same(x, y)));
        let best = |v: &[(&str, &str, f32)]| v.iter().map(|x| x.2).fold(0.0f32, f32::max);
        let labels = |v: &[(&'a str, &'a str, f32)], min: f32| -> Vec<&'a str> {
            v.iter().filter(|x| x.2 >= min).map(|x| x.0).collect()
        };
        // A substitution: a name on each side that the other lacks, neither a mere guess.
        let sub = SUBSTITUTION_CONFIDENCE;
        let (ba, be) = (best(&a), best(&e));
        if !a.is_empty() && !e.is_empty() && ba.min(be) >= sub {
            out.push(Discrepancy {
                pair,
                kind: found,
                detail: format!(
                    "the {} names {}, the {} {}",
                    lang_name(Lang::Ar),
                    labels(&a, sub).join(", "),
                    lang_name(Lang::En),
                    labels(&e, sub).join(", ")
                ),
                confidence: f64::from(ba.min(be)),
            });
            continue;
        }
        for (lang, v) in [
            (Lang::Ar, lone(ar, en, true)),
            (Lang::En, lone(en, ar, true)),
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

/// Compare the two sides of pair `pair`; append what differs.
pub fn check(pair: usize, ar: &Side, en: &Side, out: &mut Vec<Discrepancy>) {
    check_names(pair, ar, en, out);
    // Two dates are compatible when they share a field and no field disagrees; dates in
    // different calendars are not compared.
    let compatible = |x: &DateValue, y: &DateValue| {
        let fields = |d: &DateValue| {
            [
                d.year.map(i64::from),
                d.month.map(i64::from),
                d.day.map(i64::from),
                d.weekday.map(i64::from),
            ]
        };
        if x.relative.is_some() || y.relative.is_some() {
            // Relative dates compare by value (الشهر المقبل against next week); against an
            // absolute date they say nothing.
            let absolute = |d: &DateValue| fields(d).iter().any(Option::is_some);
            return match (absolute(x), absolute(y)) {
                (false, false) => x.relative == y.relative,
                _ => true,
            };
        }
        let (fx, fy) = (fields(x), fields(y));
        let shared = fx.iter().zip(&fy).any(|(a, b)| a.is_some() && b.is_some());
        let clash = fx
            .iter()
            .zip(&fy)
            .any(|(a, b)| a.is_some() && b.is_some() && a != b);
        x.calendar != y.calendar || (shared && !clash)
    };
    let lone_dates = |a: &Side, b: &Side| -> Vec<String> {
        a.dates
            .iter()
            .filter(|(v, _)| !b.dates.iter().any(|(w, _)| compatible(v, w)))
            .map(|(_, t)| (*t).to_string())
            .collect()
    };
    let (a, e) = (lone_dates(ar, en), lone_dates(en, ar));
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
    }
    let (a, e) = (
        lone(&ar.numbers, &en.numbers),
        lone(&en.numbers, &ar.numbers),
    );
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

/// The last word of a name, its article or particle set aside (`al-rubaie` → `rubaie`).
fn family(name: &str) -> &str {
    let last = name.rsplit(' ').next().unwrap_or(name);
    last.rsplit('-')
        .find(|w| w.chars().count() >= 3)
        .unwrap_or(last)
}

/// The first word of a name of several words, titles set aside (`sheikh jassim bin hamad` →
/// `jassim`); `None` for a single word.
fn given(lang: Lang, name: &str) -> Option<&str> {
    let words: Vec<&str> = name
        .split(' ')
        .filter(|w| match lang {
            Lang::En => !EN_TITLES.contains(*w),
            Lang::Ar => ar_in(w, &AR_PER_TITLES).is_none(),
        })
        .collect();
    (words.len() >= 2).then(|| words[0])
}

/// Words of an English document written in lower case somewhere: a capitalised word that is also
/// a common word ("Members", "Beach") makes a weak name.
pub fn common_words<'a>(paras: impl IntoIterator<Item = &'a Prepared<'a>>) -> HashSet<String> {
    let mut out = HashSet::new();
    for p in paras {
        for (i, t) in p.toks.iter().enumerate() {
            if t.kind == TokKind::Word && !p.cap_at(t.start) {
                out.insert(p.tok(i).to_string());
            }
        }
    }
    out
}

/// How sure the detector is of a person or place: a gazetteer entry, or a name the document
/// names on both sides somewhere (linked across the languages), is sure; a rule's guess is sure
/// when it spans several words none of which the document also uses as a common word. Arabic
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
        let text = p.slice(f.start, f.end);
        let words: Vec<&str> = text
            .split([' ', '-'])
            .filter(|w| !w.is_empty() && !EN_TITLES.contains(*w) && !EN_STOP.contains(*w))
            .collect();
        if words.is_empty() || words.iter().any(|w| common.contains(*w)) {
            0.3
        } else if words.len() >= 2 {
            0.85
        } else {
            0.6
        }
    };
    let linked = if bilingual { 0.85 } else { 0.0 };
    match f.how {
        How::Gazetteer => 0.95,
        How::Projection => f32::max(0.7, linked),
        How::Lexicon | How::Rule => f32::max(rule(), linked),
    }
}

/// Whether a name of one side (`text`, folded, with its key) is named in `other`, the paragraphs
/// of the other language in the pair: a gazetteer form of the same entry, the adjective of the
/// place, or the family name transliterated there.
pub fn present(lang: Lang, text: &str, key: &Key, other: &[&Prepared], g: &Gazetteer) -> bool {
    if let Key::Gaz(e) = key
        && let Some(entry) = g.entry(*e)
    {
        let forms = match lang {
            Lang::Ar => &entry.en,
            Lang::En => &entry.ar,
        };
        let hit = forms.iter().any(|f| {
            let f = fold(f);
            other
                .iter()
                .any(|p| contains_words(&p.folded.text, &f) || has_adjective(lang.other(), p, &f))
        });
        if hit {
            return true;
        }
    }
    // The family name decides (a surname alone, Scovell / سكوفيل, is the same person; the same
    // given name with another family name, Rana Khoury / رنا الحداد, is not): the last word of
    // the name, each part of it if hyphenated (Kahler-Braaten / كالر).
    let content = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && match lang {
                Lang::En => !EN_STOP.contains(*w) && !EN_TITLES.contains(*w),
                Lang::Ar => !AR_STOP.contains(*w) && ar_in(w, &AR_PER_TITLES).is_none(),
            }
    };
    let last = text.split(' ').rfind(|w| content(w)).unwrap_or("");
    let words: Vec<&str> = last.split('-').filter(content).collect();
    words.iter().any(|w| {
        let skel = match lang {
            Lang::En => Variants::english(w),
            Lang::Ar => Variants::arabic(w),
        };
        other.iter().any(|p| {
            p.toks.iter().enumerate().any(|(i, t)| {
                if t.kind != TokKind::Word {
                    return false;
                }
                let tok = p.tok(i);
                match lang {
                    // An English word against an Arabic word, its proclitics stripped.
                    Lang::En => super::text::proclitic_splits(tok)
                        .filter(|(_, stem)| stem.chars().count() >= 2)
                        .any(|(_, stem)| {
                            skel.score(&Variants::arabic(stem), PRESENT_THRESHOLD)
                                >= PRESENT_THRESHOLD
                        }),
                    // An Arabic word against a capitalised English word.
                    Lang::Ar => {
                        p.cap_at(t.start)
                            && Variants::english(tok).score(&skel, PRESENT_THRESHOLD)
                                >= PRESENT_THRESHOLD
                    }
                }
            })
        })
    })
}

/// Whether `p` has the adjective of the place named `form` (in the language `lang` of `p`):
/// المكسيك → المكسيكية, أمريكا → الأمريكيون; Mexico → Mexican, Britain → British: translators turn
/// "U.S. officials" into المسؤولون الأمريكيون and back.
fn has_adjective(lang: Lang, p: &Prepared, form: &str) -> bool {
    if form.contains(' ') {
        return false;
    }
    match lang {
        Lang::Ar => {
            let stem = form
                .strip_prefix("ال")
                .unwrap_or(form)
                .trim_end_matches('ا');
            if stem.chars().count() < 3 {
                return false;
            }
            (0..p.toks.len()).any(|i| {
                super::text::proclitic_splits(p.tok(i)).any(|(_, w)| {
                    let w = w.strip_prefix("ال").unwrap_or(w);
                    w.strip_prefix(stem).is_some_and(|rest| {
                        matches!(rest, "ي" | "يه" | "يون" | "يين" | "يان" | "يتين" | "يا")
                    })
                })
            })
        }
        Lang::En => p.toks.iter().enumerate().any(|(i, t)| {
            if t.kind != TokKind::Word || !p.cap_at(t.start) {
                return false;
            }
            let w = p.tok(i);
            let shared = w
                .chars()
                .zip(form.chars())
                .take_while(|(a, b)| a == b)
                .count();
            shared >= 4 && 2 * shared >= w.chars().count().min(form.chars().count()) && w != form
        }),
    }
}

/// Whether `needle` occurs in `hay` on word boundaries (Arabic proclitics allowed before it).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
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
    fn substitutions_are_flagged_omissions_are_not() {
        let num = |v: &[f64]| Side {
            numbers: v
                .iter()
                .map(|&x| Num {
                    values: vec![x],
                    text: "n",
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
                    confidence: 0.9,
                    present: false,
                    bilingual: false,
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
            confidence,
            present: false,
            bilingual,
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
    fn presence_finds_surnames_gazetteer_forms_and_adjectives() {
        let g = Gazetteer::get();
        let ar = Prepared::new("وقال سكوفيل إن المسؤولين المكسيكيين وصلوا إلى باريس");
        let other = [&ar];
        assert!(present(
            Lang::En,
            "nell scovell",
            &Key::Name("nell scovell".into()),
            &other,
            g
        ));
        assert!(!present(
            Lang::En,
            "ingrid halvorsen",
            &Key::Name("x".into()),
            &other,
            g
        ));
        let en = Prepared::new("Mexican officials met in Paris");
        let mexico = g.lookup_ar("المكسيك").first().copied().map(Key::Gaz);
        if let Some(k) = mexico {
            assert!(present(Lang::Ar, "المكسيك", &k, &[&en], g));
        }
        let paris = g.lookup_ar("باريس").first().copied().map(Key::Gaz).unwrap();
        assert!(present(Lang::Ar, "باريس", &paris, &[&en], g));
    }
}
