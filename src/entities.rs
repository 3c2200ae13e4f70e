//! People, places and dates in Arabic and English, linked across the languages, and the
//! translation check that reports what does not match across an aligned pair.
//!
//! Pure: text in, spans out. Depends at most on `document`; must not depend on ratatui,
//! crossterm, or do I/O (its gazetteer is compiled into the binary).
//!
//! Pipeline ([`annotate`]): fold and tokenize every paragraph ([`text`]), detect dates
//! ([`dates`]), gazetteer names and rule-based names per language ([`arabic`], [`english`]),
//! link each aligned pair through the gazetteer and transliteration skeletons ([`link`],
//! [`skeleton`]), propagate names through the document, set aside the Arabic names that are an
//! organisation the English tagger read in the aligned paragraph ([`organisations`]), build the
//! entity table, then compare the two sides of every pair ([`check`]).
//!
//! Measured by `cargo run --bin bitext-eval` over the annotated articles in `tests/eval`
//! ([`eval`]; floors asserted by `tests/entities/eval.rs`) and by `cargo bench --bench entities`.

pub mod anchors;
pub mod arabic;
pub mod check;
pub mod dates;
pub mod english;
pub mod eval;
pub mod found;
pub mod gazetteer;
pub mod link;
pub mod merge;
pub mod numbers;
pub mod organisations;
pub mod plant;
pub mod skeleton;
pub mod tagger;
pub mod text;

use crate::document::{
    ByLang, Discrepancy, Document, Entity, EntityKind, Label, Lang, Mention, Pair,
};
use found::{Found, Key};
use gazetteer::Gazetteer;
use link::{Linked, Para};
use std::collections::{HashMap, HashSet};
use tagger::DocTagger;
use text::{FnvBuild, Prepared};

/// Detect entities in every paragraph, link them across the aligned pairs, fill `doc.entities`
/// (each with kind, label {ar,en}, mentions with char offsets and byte ranges) and
/// `doc.discrepancies` (pair index, kind, detail). Deterministic. Must not panic on any input.
pub fn annotate(doc: &mut Document) {
    let (entities, discrepancies) = analyse(doc);
    doc.entities = entities;
    doc.discrepancies = discrepancies;
}

/// The work of [`annotate`], without touching the document: entities and discrepancies.
///
/// Roughly linear in the text (tens of MB/s, see `benches/entities.rs`); it only reads the
/// document, so a reader can run it on a worker thread over a shared or cloned document and
/// move the result back, keeping the interface responsive on large files. The gazetteer is
/// built on first use (a few milliseconds, a few MB).
pub fn analyse(doc: &Document) -> (Vec<Entity>, Vec<Discrepancy>) {
    let g = Gazetteer::get();
    let mut ar_tagger = DocTagger::new(Lang::Ar, doc.paragraphs.ar.iter().map(|p| p.text.as_str()));
    let mut en_tagger = DocTagger::new(Lang::En, doc.paragraphs.en.iter().map(|p| p.text.as_str()));
    let (mut ar_inside, mut en_inside) = (Vec::new(), Vec::new());
    let mut en_other = Vec::new();
    // The gazetteer entries each side names anywhere (for the check), from the gazetteer's
    // hits that the rules look for in each paragraph.
    let mut named: ByLang<HashSet<u32, FnvBuild>> = ByLang::default();
    // The rules first, and the tagger's first stage over the whole document (its second stage
    // reads what the first said of every paragraph).
    let ar_rules: Vec<_> = doc
        .paragraphs
        .ar
        .iter()
        .map(|p| {
            let prep = Prepared::new(&p.text);
            let hits = g.hits_ar(&prep.folded.text);
            check::add_gazetteer_named(Lang::Ar, &prep, &hits, &mut named.ar);
            let found = arabic::detect_in(&prep, g, &hits, p.heading);
            ar_tagger.prepare(&prep, &found);
            (prep, found, p.heading)
        })
        .collect();
    let mut linked = Linked {
        ar: ar_rules
            .into_iter()
            .map(|(prep, found, heading)| {
                let found = ar_tagger.refine(&prep, found);
                ar_inside.push(ar_tagger.places_inside_names().to_vec());
                Para {
                    prep,
                    heading,
                    found,
                }
            })
            .collect(),
        en: Vec::new(),
        links: Vec::new(),
    };
    let en_rules: Vec<_> = doc
        .paragraphs
        .en
        .iter()
        .map(|p| {
            let prep = Prepared::new(&p.text);
            let hits = g.hits_en(&prep.folded.text);
            check::add_gazetteer_named(Lang::En, &prep, &hits, &mut named.en);
            let r = english::detect_in(&prep, g, &hits, p.heading);
            en_tagger.prepare(&prep, &r.found);
            (prep, r, p.heading)
        })
        .collect();
    let mut singles = Vec::new();
    for (prep, r, heading) in en_rules {
        singles.push(r.singles);
        let found = en_tagger.refine(&prep, r.found);
        en_inside.push(en_tagger.places_inside_names().to_vec());
        en_other.push(en_tagger.other_names().to_vec());
        linked.en.push(Para {
            prep,
            heading,
            found,
        });
    }
    link::resolve_singles(&mut linked.en, &singles);
    tagger::drop_places_inside_names(&mut linked, &doc.pairs, [&ar_inside, &en_inside]);
    link::link(&mut linked, &doc.pairs, g);
    organisations::drop_organisations(&mut linked, &doc.pairs, &en_other, g);
    let mut table = Table::build(&linked);
    table.join_names();
    let discrepancies = discrepancies(doc, &linked, &table, &named);
    (table.entities, discrepancies)
}

/// Detect entities in one paragraph on its own (no linking): spans in source bytes with kinds.
/// The finer API behind [`annotate`], used by the benchmark.
pub fn detect_paragraph(
    lang: Lang,
    text: &str,
    heading: bool,
) -> Vec<(std::ops::Range<usize>, EntityKind)> {
    let g = Gazetteer::get();
    let prep = Prepared::new(text);
    let found = match lang {
        Lang::Ar => arabic::detect(&prep, g, heading),
        Lang::En => english::detect(&prep, g, heading).found,
    };
    let found = DocTagger::new(lang, std::iter::once(text)).refine(&prep, found);
    found::resolve_overlaps(found)
        .into_iter()
        .filter(|f| f.kind != EntityKind::Organization)
        .map(|f| (prep.folded.source_range(text, f.start, f.end), f.kind))
        .collect()
}

/// The entity table: keys of detections joined by links (union-find), then grouped.
struct Table {
    entities: Vec<Entity>,
    /// For each language and paragraph: (found index → entity index).
    of: ByLang<Vec<Vec<Option<usize>>>>,
}

/// Language-independent keys (gazetteer entries, dates) are shared by both sides; names are
/// per language until a link joins them.
fn table_key(lang: Lang, f: &Found) -> (Option<Lang>, &Key, EntityKind) {
    match &f.key {
        Key::Name(_) => (Some(lang), &f.key, f.kind),
        k => (None, k, f.kind),
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = gp;
        }
        x = p;
    }
    x
}

impl Table {
    #[allow(clippy::too_many_lines)] // one pass in the order of the algorithm
    fn build(linked: &Linked) -> Table {
        let mut ids: HashMap<(Option<Lang>, &Key, EntityKind), usize, FnvBuild> =
            HashMap::default();
        let mut order: Vec<(Option<Lang>, &Key, EntityKind)> = Vec::new();
        let mut of: ByLang<Vec<Vec<Option<usize>>>> = ByLang::default();
        // English first, so an entity's kind and order follow the English where both exist.
        for lang in [Lang::En, Lang::Ar] {
            for p in linked.side(lang) {
                let mut row = Vec::with_capacity(p.found.len());
                for f in &p.found {
                    if f.kind == EntityKind::Organization {
                        row.push(None);
                        continue;
                    }
                    let k = table_key(lang, f);
                    let id = *ids.entry(k).or_insert_with(|| {
                        order.push(k);
                        order.len() - 1
                    });
                    row.push(Some(id));
                }
                of[lang].push(row);
            }
        }
        let mut parent: Vec<usize> = (0..order.len()).collect();
        let mut by_key: HashMap<(bool, &Key), usize, FnvBuild> = HashMap::default();
        for (i, (l, k, _)) in order.iter().enumerate() {
            // Arabic-side lookups may take shared keys; English-side likewise.
            if *l != Some(Lang::En) {
                by_key.entry((true, k)).or_insert(i);
            }
            if *l != Some(Lang::Ar) {
                by_key.entry((false, k)).or_insert(i);
            }
        }
        for (ak, ek) in &linked.links {
            let a = by_key.get(&(true, ak)).copied();
            let e = by_key.get(&(false, ek)).copied();
            if let (Some(a), Some(e)) = (a, e) {
                let (ra, re) = (find(&mut parent, a), find(&mut parent, e));
                // The root is the earlier id (English first), for a stable order.
                let (lo, hi) = (ra.min(re), ra.max(re));
                if let Some(slot) = parent.get_mut(hi) {
                    *slot = lo;
                }
            }
        }
        let mut index_of_root: HashMap<usize, usize, FnvBuild> = HashMap::default();
        let mut entities: Vec<Entity> = Vec::new();
        let mut final_of: ByLang<Vec<Vec<Option<usize>>>> = ByLang::default();
        for lang in [Lang::En, Lang::Ar] {
            for (pi, p) in linked.side(lang).iter().enumerate() {
                let row = of[lang].get(pi).cloned().unwrap_or_default();
                let mut out_row = Vec::with_capacity(row.len());
                let mut chars = CharCounter::new(p.prep.src);
                let mut idx: Vec<usize> = (0..p.found.len()).collect();
                idx.sort_by_key(|&i| p.found.get(i).map_or(0, |f| f.start));
                let mut assigned = vec![None; p.found.len()];
                for i in idx {
                    let (Some(f), Some(Some(id))) = (p.found.get(i), row.get(i)) else {
                        continue;
                    };
                    let root = find(&mut parent, *id);
                    let next = entities.len();
                    let e = *index_of_root.entry(root).or_insert(next);
                    if e == next {
                        let kind = order.get(root).map_or(f.kind, |k| k.2);
                        entities.push(Entity {
                            kind,
                            label: Label::default(),
                            mentions: Vec::new(),
                        });
                    }
                    let bytes = p.prep.folded.source_range(p.prep.src, f.start, f.end);
                    let text = p.prep.src.get(bytes.clone()).unwrap_or("").to_string();
                    let start = chars.at(bytes.start);
                    let end = chars.at(bytes.end);
                    if let Some(ent) = entities.get_mut(e) {
                        ent.mentions.push(Mention {
                            lang,
                            paragraph: pi,
                            start,
                            end,
                            text,
                            bytes,
                        });
                    }
                    if let Some(a) = assigned.get_mut(i) {
                        *a = Some(e);
                    }
                }
                out_row.extend(assigned);
                final_of[lang].push(out_row);
            }
        }
        for &e in index_of_root.values() {
            let Some(ent) = entities.get_mut(e) else {
                continue;
            };
            ent.mentions.sort_by_key(|m| (m.lang, m.paragraph, m.start));
            for lang in Lang::BOTH {
                let best = ent
                    .mentions
                    .iter()
                    .filter(|m| m.lang == lang)
                    .max_by_key(|m| {
                        (
                            m.text.chars().count(),
                            std::cmp::Reverse((m.paragraph, m.start)),
                        )
                    })
                    .map(|m| m.text.clone());
                match lang {
                    Lang::Ar => ent.label.ar = best,
                    Lang::En => ent.label.en = best,
                }
            }
        }
        Table {
            entities,
            of: final_of,
        }
    }
}

impl Table {
    /// One entity for the names that name one thing in the document: a surname alone or a
    /// given name alone joins the full name ([`merge::merge`], as across the windows of a long
    /// document).
    fn join_names(&mut self) {
        let (entities, new_index) = merge::merge(std::mem::take(&mut self.entities));
        self.entities = entities;
        for rows in [&mut self.of.ar, &mut self.of.en] {
            for e in rows.iter_mut().flatten().flatten() {
                *e = new_index.get(*e).copied().unwrap_or(*e);
            }
        }
    }
}

/// Counts chars up to increasing byte offsets of one text, without rescanning from the start.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let n = self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars += n;
        self.chars
    }
}

/// One paragraph of a pair's side with the people and places found in it.
struct NamesIn<'d, 'a> {
    prep: &'d Prepared<'a>,
    /// Their spans, in folded bytes.
    spans: Vec<(usize, usize)>,
    /// For each token, whether it lies in one of them.
    in_name: Vec<bool>,
    /// Their entities (of those that have one).
    entities: Vec<usize>,
}

/// The paragraphs of one side of `pair` with their people and places.
fn names_in<'d, 'a>(
    linked: &'d Linked<'a>,
    table: &Table,
    pair: &Pair,
    lang: Lang,
) -> Vec<NamesIn<'d, 'a>> {
    pair.side(lang)
        .iter()
        .filter_map(|p| Some((linked.side(lang).get(p)?, table.of[lang].get(p)?)))
        .map(|(x, row)| {
            let names = || {
                x.found
                    .iter()
                    .zip(row)
                    .filter(|(f, _)| matches!(f.kind, EntityKind::Person | EntityKind::Place))
            };
            let spans: Vec<(usize, usize)> = names().map(|(f, _)| (f.start, f.end)).collect();
            let in_name = check::in_names(&x.prep, spans.iter().copied());
            NamesIn {
                prep: &x.prep,
                spans,
                in_name,
                entities: names().filter_map(|(_, e)| *e).collect(),
            }
        })
        .collect()
}

/// What the names of one side of a pair are looked for in: the other side's paragraphs and
/// entities, each distinct name searched once ([`check::Searched`]).
struct Across<'d, 'a> {
    /// The other side's entities, sorted.
    entities: Vec<usize>,
    other: Vec<check::OtherPara<'d, 'a>>,
    searched: check::Searched<(EntityKind, &'d str, &'d str, &'d Key, bool)>,
}

impl<'d, 'a> Across<'d, 'a> {
    /// Against `there`; `list`: whether this side lists names ([`Linked::lists_names`]), and
    /// is not searched name by name.
    fn new(list: bool, there: &'d [NamesIn<'d, 'a>]) -> Self {
        let mut entities: Vec<usize> = there
            .iter()
            .flat_map(|n| n.entities.iter().copied())
            .collect();
        entities.sort_unstable();
        let budget = if list { 0 } else { check::MAX_SEARCHES };
        Across {
            entities,
            other: there
                .iter()
                .map(|n| check::OtherPara {
                    prep: n.prep,
                    names: &n.spans,
                    in_name: &n.in_name,
                })
                .collect(),
            searched: check::Searched::new(budget),
        }
    }

    /// Whether the other side names `f` (of entity `e`, read as `text` or from the start of
    /// its first word, `whole`): its entity is there (no need to look for its words), or a
    /// search finds it.
    fn present(
        &mut self,
        lang: Lang,
        f: &'d Found,
        e: usize,
        (text, whole): (&'d str, &'d str),
        headline: bool,
    ) -> bool {
        let other = &self.other;
        self.entities.binary_search(&e).is_ok()
            || self
                .searched
                .ask((f.kind, text, whole, &f.key, headline), || {
                    check::present_any(
                        lang,
                        f.kind,
                        text,
                        whole,
                        &f.key,
                        headline,
                        other,
                        Gazetteer::get(),
                    )
                })
    }
}

/// The Arabic words of `pair` that may name a person whom the English side (`en`, its names
/// `there`) names and the Arabic does not ([`check::ar_name_guesses`]); looked for only when
/// there is such a person.
fn name_guesses<'d>(
    linked: &'d Linked,
    pair: &Pair,
    en: &check::Side,
    there: &[NamesIn],
) -> Vec<&'d str> {
    // A side that lists names is not searched name by name ([`Linked::lists_names`]).
    if linked.lists_names(pair, Lang::Ar)
        || linked.lists_names(pair, Lang::En)
        || !en
            .names
            .iter()
            .any(|n| n.kind == EntityKind::Person && !n.present)
    {
        return Vec::new();
    }
    let english = Across::new(false, there);
    pair.side(Lang::Ar)
        .into_iter()
        .filter_map(|p| linked.side(Lang::Ar).get(p))
        .flat_map(|para| {
            check::ar_name_guesses(&para.prep, &para.found, &english.other, Gazetteer::get())
        })
        .collect()
}

fn discrepancies(
    doc: &Document,
    linked: &Linked,
    table: &Table,
    named: &ByLang<HashSet<u32, FnvBuild>>,
) -> Vec<Discrepancy> {
    let g = Gazetteer::get();
    let common = ByLang {
        ar: HashSet::default(),
        en: check::common_words(linked.en.iter().map(|p| &p.prep)),
    };
    // Each side's own year, for relative years ("this year").
    let year = |lang: Lang| {
        check::reference_year(linked.side(lang).iter().flat_map(|p| {
            p.found.iter().filter_map(|f| match &f.key {
                Key::Date(v) => Some(v),
                _ => None,
            })
        }))
    };
    let years = ByLang::from_fn(year);
    let mut out = Vec::new();
    for (pi, pair) in doc.pairs.iter().enumerate() {
        if pair.ar.is_empty() || pair.en.is_empty() {
            continue;
        }
        let found_names = ByLang::from_fn(|lang| names_in(linked, table, pair, lang));
        let side = |lang: Lang| -> check::Side {
            let list = linked.lists_names(pair, lang);
            let mut across = Across::new(list, &found_names[lang.other()]);
            let common = &common[lang];
            let mut s = check::Side {
                year: years[lang],
                ..check::Side::default()
            };
            for p in pair.side(lang) {
                let Some(para) = linked.side(lang).get(p) else {
                    continue;
                };
                let row = table.of[lang].get(p);
                let mut skip = Vec::new();
                for (i, f) in para.found.iter().enumerate() {
                    // The entity's label in this language names it in the report.
                    let entity = row.and_then(|r| r.get(i)).copied().flatten();
                    let label = entity
                        .and_then(|e| table.entities.get(e))
                        .and_then(|e| match lang {
                            Lang::Ar => e.label.ar.as_deref(),
                            Lang::En => e.label.en.as_deref(),
                        })
                        .unwrap_or("");
                    match &f.key {
                        Key::Date(v) => {
                            skip.push((f.start, f.end));
                            s.dates.push((*v, label));
                        }
                        _ if matches!(f.kind, EntityKind::Person | EntityKind::Place) => {
                            if let Some(e) = entity {
                                let text = para.prep.slice(f.start, f.end);
                                let whole = check::whole_words(&para.prep, f.start, f.end);
                                let bilingual =
                                    table.entities.get(e).is_some_and(|x| {
                                        x.label.ar.is_some() && x.label.en.is_some()
                                    }) || check::named_in_other(
                                        lang,
                                        text,
                                        &f.key,
                                        g,
                                        &named[lang.other()],
                                    );
                                let headline = lang == Lang::En && para.prep.title_cased(f.start);
                                s.names.push(check::Name {
                                    kind: f.kind,
                                    entity: e,
                                    label,
                                    text,
                                    whole,
                                    confidence: check::confidence(
                                        lang, f, &para.prep, common, bilingual,
                                    ),
                                    present: across.present(lang, f, e, (text, whole), headline),
                                    bilingual,
                                    headline,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                s.numbers.extend(numbers::numbers(&para.prep, &skip));
            }
            s
        };
        let en = side(Lang::En);
        let mut ar = side(Lang::Ar);
        ar.guesses = name_guesses(linked, pair, &en, &found_names[Lang::En]);
        check::check(pi, &ar, &en, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn doc(pairs: &[(&str, &str)]) -> Document {
        use crate::document::{Pair, Paragraph, Paragraphs};
        let para = |t: &str| Paragraph {
            text: t.to_string(),
            heading: false,
            line: 1,
            source: 0,
        };
        Document {
            paragraphs: Paragraphs {
                ar: pairs.iter().map(|p| para(p.0)).collect(),
                en: pairs.iter().map(|p| para(p.1)).collect(),
            },
            pairs: (0..pairs.len())
                .map(|i| Pair {
                    ar: crate::document::Side::one(i),
                    en: crate::document::Side::one(i),
                    score: 1.0,
                })
                .collect(),
            ..Document::default()
        }
    }

    /// The people of an annotated document.
    fn people(d: &Document) -> Vec<&Entity> {
        d.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect()
    }

    #[test]
    fn an_ambiguous_arabic_name_follows_the_english_through_the_document() {
        let mut d = doc(&[
            (
                "وصل الوزير إلى عمّان صباحاً.",
                "The minister arrived in Amman in the morning.",
            ),
            ("ثم غادر عمّان مساءً.", "He left in the evening."),
        ]);
        annotate(&mut d);
        let amman = d
            .entities
            .iter()
            .find(|e| e.label.en.as_deref() == Some("Amman"))
            .unwrap();
        let ar = amman.mentions.iter().filter(|m| m.lang == Lang::Ar).count();
        assert_eq!(ar, 2, "{:?}", d.entities);
    }

    #[test]
    fn a_surname_alone_is_the_person_named_in_full_in_the_same_document() {
        let mut d = doc(&[
            (
                "قال السيناتور ليندسي غراهام إن التصويت سيجري يوم الجمعة.",
                "Senator Lindsey Graham said the vote would take place on Friday.",
            ),
            (
                "وأضاف غراهام أن اللجنة ستجتمع صباحا.",
                "Graham added that the committee would meet in the morning.",
            ),
        ]);
        annotate(&mut d);
        let people = people(&d);
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].label.en.as_deref(), Some("Lindsey Graham"));
        assert_eq!(people[0].mentions.len(), 4, "{people:?}");
        // The check reads the joined entity: the pairs agree.
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
    }

    #[test]
    fn a_name_with_words_run_onto_its_last_is_linked_without_them() {
        // The text lost its spaces after the name: تيلدن + قام + بنشر ("posted").
        let mut d = doc(&[(
            "وقالت الشرطة إن الممثل سام تيلدنقامبنشر الفيديو على الإنترنت.",
            "Police said the video was posted online by actor Sam Tilden.",
        )]);
        annotate(&mut d);
        let people = people(&d);
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].label.en.as_deref(), Some("Sam Tilden"));
        assert_eq!(
            people[0].label.ar.as_deref(),
            Some("سام تيلدن"),
            "{people:?}"
        );
    }

    #[test]
    fn a_name_spelled_anew_in_a_later_pair_is_linked_again() {
        // The translator writes مورالس first and موراليس later: the later pair's Arabic lacks
        // the form the name was linked to, so the English looks for it again.
        let mut d = doc(&[
            (
                "قال الرئيس إيفو مورالس إن بوليفيا لن تتخلى.",
                "President Evo Morales said Bolivia will never give up.",
            ),
            (
                "لقد قوض خطاب موراليس القتالي أي نوايا شيلية متبقية.",
                "Morales's belligerent rhetoric has sapped any residual Chilean goodwill.",
            ),
        ]);
        annotate(&mut d);
        let people = people(&d);
        assert_eq!(people.len(), 1, "{people:?}");
        let ar: Vec<_> = people[0]
            .mentions
            .iter()
            .filter(|m| m.lang == Lang::Ar)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(ar, ["إيفو مورالس", "موراليس"], "{people:?}");
        // A name the later pair's Arabic writes as before is found by propagation alone.
        let mut d = doc(&[
            (
                "قال الرئيس إيفو مورالس إن بوليفيا لن تتخلى.",
                "President Evo Morales said Bolivia will never give up.",
            ),
            (
                "لقد قوض خطاب مورالس القتالي أي نوايا شيلية متبقية.",
                "Morales's belligerent rhetoric has sapped any residual Chilean goodwill.",
            ),
        ]);
        annotate(&mut d);
        let ar = d.entities.iter().flat_map(|e| &e.mentions);
        assert_eq!(
            ar.filter(|m| m.lang == Lang::Ar).count(),
            3,
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_given_name_alone_leaves_the_full_name_to_the_full_english_name() {
        // "Mr. Joko" must not take جوكو out of جوكو ويدودو, which "Joko Widodo" matches whole;
        // two names the Arabic detector read as one (بوبا واتسون وويب سيمبسون) are still cut.
        let mut d = doc(&[(
            "قال الرئيس جوكو ويدودو إن الطرق أولوية، وأضاف السيد جوكو أن التمويل متاح.",
            "President Joko Widodo said roads come first, and Mr. Joko added that funds exist.",
        )]);
        annotate(&mut d);
        let joko = people(&d);
        assert_eq!(joko.len(), 1, "{joko:?}");
        assert_eq!(joko[0].label.ar.as_deref(), Some("جوكو ويدودو"), "{joko:?}");
        assert_eq!(joko[0].mentions.len(), 4, "{joko:?}");
        let mut d = doc(&[(
            "تألق بوبا واتسون وويب سيمبسون في اللعب صباح اليوم.",
            "Bubba Watson and Webb Simpson shone in the morning.",
        )]);
        annotate(&mut d);
        let mut labels: Vec<_> = people(&d)
            .iter()
            .map(|e| (e.label.en.as_deref(), e.label.ar.as_deref()))
            .collect();
        labels.sort_unstable();
        assert_eq!(
            labels,
            [
                (Some("Bubba Watson"), Some("بوبا واتسون")),
                (Some("Webb Simpson"), Some("ويب سيمبسون"))
            ],
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_place_links_on_what_is_left_once_the_words_arabic_translates_are_set_aside() {
        // East is translated (الشرقية), Nottingham transliterated: the place is one entity,
        // and another place in its stead is reported.
        let ar = "عقد الحزب اجتماعا في دائرة نوتنغهام الشرقية مساء الجمعة.";
        let mut d = doc(&[(ar, "The party met in Nottingham East on Friday evening.")]);
        annotate(&mut d);
        let place = d
            .entities
            .iter()
            .find(|e| e.kind == EntityKind::Place)
            .expect("a place");
        assert_eq!(
            place.label.en.as_deref(),
            Some("Nottingham East"),
            "{place:?}"
        );
        assert_eq!(place.label.ar.as_deref(), Some("نوتنغهام"), "{place:?}");
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
        let mut d = doc(&[(ar, "The party met in Leicester East on Friday evening.")]);
        annotate(&mut d);
        assert_eq!(d.discrepancies.len(), 1, "{:?}", d.discrepancies);
    }

    #[test]
    fn a_name_may_open_with_a_function_word_that_spells_its_first_word() {
        // ألان is also "now" (الآن), دون "without": each is the English name's first word.
        let label = |ar: &str, en: &str| {
            let mut d = doc(&[(ar, en)]);
            annotate(&mut d);
            let person = d.entities.iter().find(|e| e.kind == EntityKind::Person);
            person.and_then(|e| e.label.ar.clone())
        };
        assert_eq!(
            label(
                "كما تصدى الحارس ألان ماكجريجور للكرة.",
                "The ball was stopped by goalkeeper Allan McGregor."
            )
            .as_deref(),
            Some("ألان ماكجريجور")
        );
        assert_eq!(
            label(
                "وظل الرجل المعروف باسم دون جويو نشطا منذ سنوات.",
                "The man known as Don Goyo has been active for years."
            )
            .as_deref(),
            Some("دون جويو")
        );
        // Not a function word that only adds a vowel to the name (في ورسيسترشاير).
        let mut d = doc(&[(
            "وقعت الحادثة في ورسيسترشاير مساء أمس.",
            "The incident happened in Worcestershire last night.",
        )]);
        annotate(&mut d);
        let place = d.entities.iter().find(|e| e.kind == EntityKind::Place);
        assert_eq!(
            place.and_then(|e| e.label.ar.as_deref()),
            Some("ورسيسترشاير"),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_short_name_does_not_link_to_a_common_word_with_a_near_first_consonant() {
        // Hanoi put in the place of Arizona: الكائنة ("located") is no Hanoi.
        let mut d = doc(&[(
            "هطلت أمطار غزيرة على المنازل الكائنة في جنوب ولاية أريزونا.",
            "Heavy rain fell on the houses located in the south of the state of Hanoi.",
        )]);
        annotate(&mut d);
        assert!(
            d.discrepancies
                .iter()
                .any(|x| x.detail.contains("Hanoi") && x.detail.contains("أريزونا")),
            "{:?} {:?}",
            d.discrepancies,
            d.entities
        );
    }

    #[test]
    fn a_common_word_is_no_name_by_a_loose_transliteration() {
        // أربع ("four") against Europe: r and b, a vowel before; but a common word.
        let mut d = doc(&[(
            "وقالت الوزارة إن أربع دول وقعت الاتفاق.",
            "The ministry said Europe had signed the agreement.",
        )]);
        annotate(&mut d);
        assert!(
            d.entities
                .iter()
                .all(|e| e.label.ar.as_deref() != Some("أربع")),
            "{:?}",
            d.entities
        );
        assert!(tagger::common_word(Lang::Ar, "أربع") && !tagger::common_word(Lang::Ar, "لندن"));
    }

    #[test]
    fn an_english_w_keeps_the_arabic_waw_that_opens_the_name() {
        let mut d = doc(&[
            (
                "أطلق مسلح النار على وايد سيمز قرب الملعب.",
                "A gunman shot Wayde Sims near the stadium.",
            ),
            (
                "وقال ويب سيمبسون ووايت إن المباراة تأجلت.",
                "Webb Simpson and White said the match was postponed.",
            ),
        ]);
        annotate(&mut d);
        let ar = |en: &str| {
            d.entities
                .iter()
                .find(|e| e.label.en.as_deref() == Some(en))
                .and_then(|e| e.label.ar.clone())
        };
        assert_eq!(
            ar("Wayde Sims").as_deref(),
            Some("وايد سيمز"),
            "{:?}",
            d.entities
        );
        assert_eq!(
            ar("Webb Simpson").as_deref(),
            Some("ويب سيمبسون"),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_short_acronym_is_no_person() {
        let mut d = doc(&[(
            "وقال أحد نواب حزب العمال إن مجموعته قلقة من الاسم.",
            "One Labour AM said his group was worried about the name.",
        )]);
        annotate(&mut d);
        assert!(d.entities.is_empty(), "{:?}", d.entities);
    }

    #[test]
    fn floods_are_not_seoul_unless_the_english_says_seoul() {
        let mut floods = doc(&[(
            "جرفت سيول غزيرة طرقاً زراعية في وادي الأردن.",
            "Heavy floods swept away farm roads in the Jordan Valley.",
        )]);
        annotate(&mut floods);
        assert!(
            floods
                .entities
                .iter()
                .all(|e| e.label.ar.as_deref() != Some("سيول")),
            "{:?}",
            floods.entities
        );
        assert!(
            floods.discrepancies.is_empty(),
            "{:?}",
            floods.discrepancies
        );
        let mut seoul = doc(&[(
            "وصل الرئيس إلى سيول أمس.",
            "The president arrived in Seoul yesterday.",
        )]);
        annotate(&mut seoul);
        let city = seoul
            .entities
            .iter()
            .find(|e| e.label.en.as_deref() == Some("Seoul"))
            .unwrap();
        assert_eq!(city.label.ar.as_deref(), Some("سيول"), "{city:?}");
    }

    #[test]
    fn river_dam_and_sea_names_link_across_the_languages() {
        let mut d = doc(&[(
            "وارتفع منسوب سد الملك طلال وفاضت مياه نهر اليرموك قرب البحر الأحمر ووادي رم.",
            "The King Talal Dam rose and the Yarmouk River overflowed near the Red Sea and Wadi Rum.",
        )]);
        annotate(&mut d);
        let places: Vec<_> = d
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Place)
            .map(|e| (e.label.ar.as_deref(), e.label.en.as_deref()))
            .collect();
        assert_eq!(
            places,
            [
                (Some("سد الملك طلال"), Some("King Talal Dam")),
                (Some("نهر اليرموك"), Some("Yarmouk River")),
                (Some("البحر الأحمر"), Some("Red Sea")),
                (Some("وادي رم"), Some("Wadi Rum")),
            ],
            "{:?}",
            d.entities
        );
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
    }

    #[test]
    fn short_forms_fold_into_the_full_name_on_both_sides() {
        let mut d = doc(&[
            (
                "قال المدرب وليد الركراكي إن الفريق جاهز.",
                "Coach Walid Regragui said the team was ready.",
            ),
            (
                "وأضاف الركراكي أن اللاعبين بخير.",
                "Regragui added that the players were fine.",
            ),
        ]);
        annotate(&mut d);
        let people = people(&d);
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].label.en.as_deref(), Some("Walid Regragui"));
        assert_eq!(people[0].label.ar.as_deref(), Some("وليد الركراكي"));
        assert_eq!(people[0].mentions.len(), 4, "{people:?}");
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
    }

    #[test]
    fn results_can_move_between_threads() {
        fn send<T: Send + Sync>() {}
        send::<Document>();
        send::<(Vec<Entity>, Vec<Discrepancy>)>();
        let doc = Document::default();
        let (e, d) = std::thread::scope(|s| s.spawn(|| analyse(&doc)).join().unwrap());
        assert!(e.is_empty() && d.is_empty());
    }
}
