//! Joining the entities found window by window in a long document into the entities of the
//! whole document.
//!
//! A long document is analysed a window of pairs at a time (the memory of the analysis is then
//! bounded by the window), and names are linked within each window. Across windows the same
//! thing turns up under labels that are not identical: with both labels in one window, with the
//! Arabic one only in another (its English mention fell in the previous window), by surname
//! alone in a third that starts after the full name was given. Here entities of one kind are one
//! entity when they share a label on either side (Arabic compared folded, English without case),
//! and a person named by one word on each side where they are named joins the one person of the
//! document whose full name ends with that word on those sides.
//!
//! Pure: entities in, entities out.

use super::gazetteer::Gazetteer;
use crate::document::normalize::fold;
use crate::document::{Entity, EntityKind, Label, Lang, Mention};
use std::collections::HashMap;

/// The entities of the whole document from the entities of its windows (their mentions
/// already pointing into the whole document), in the order each first appears in `found`.
/// Every mention is kept; each entity's mentions are in document order per language.
pub fn merge_across_windows(found: Vec<Entity>) -> Vec<Entity> {
    merge(found).0
}

/// Entities that name one thing joined into one: those of one kind sharing a label on either
/// side, and a person named by one word (a surname, or a given name no other name ends with)
/// with the one person whose fuller name has that word ([`join_surnames`]). Returns the entities, in the order
/// each first appears in `found`, and for each entity of `found` the index of the one it is now
/// part of.
pub fn merge(found: Vec<Entity>) -> (Vec<Entity>, Vec<usize>) {
    let mut sets = Sets::new(found.len());
    // One label on either side in common: one entity.
    let mut by_label: HashMap<(EntityKind, Lang, String), usize> = HashMap::new();
    for (i, e) in found.iter().enumerate() {
        for (lang, label) in sides(&e.label) {
            let first = *by_label
                .entry((e.kind, lang, norm(lang, label)))
                .or_insert(i);
            sets.join(first, i);
        }
    }
    join_surnames(&found, &mut sets);
    // Gather each set, in the order its first member was found.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut new_index = Vec::with_capacity(found.len());
    for i in 0..found.len() {
        let root = sets.root(i);
        let g = *group_of.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
        new_index.push(g);
    }
    let label_of = |members: &[usize]| Label {
        ar: best_label(&found, members, Lang::Ar),
        en: best_label(&found, members, Lang::En),
    };
    let labels: Vec<Label> = groups.iter().map(|m| label_of(m)).collect();
    let mut slots: Vec<Option<Entity>> = found.into_iter().map(Some).collect();
    let merged = groups
        .into_iter()
        .zip(labels)
        .map(|(members, label)| {
            let mut mentions: Vec<Mention> = Vec::new();
            let mut kind = None;
            for i in members {
                if let Some(e) = slots[i].take() {
                    // Of one kind, but for a person's surname read as a place: a person.
                    if kind != Some(EntityKind::Person) {
                        kind = Some(e.kind);
                    }
                    mentions.extend(e.mentions);
                }
            }
            let kind = kind.unwrap_or(EntityKind::Person);
            mentions.sort_by_key(|m| (m.lang, m.paragraph, m.start));
            Entity {
                kind,
                label,
                mentions,
            }
        })
        .collect();
    (merged, new_index)
}

/// A person named by one word on every side where they are named joins the one person whose
/// longer name ends with that word on each of those sides (a surname alone); where no longer
/// name ends with it, the one person whose longer name starts with it (a given name alone).
/// A place the gazetteer does not know joins the same way by surname: the detectors read a
/// person's surname as a place now and then. With no such person, or several, it stays on its
/// own.
fn join_surnames(found: &[Entity], sets: &mut Sets) {
    // Per side, the last and the first word of every longer name of a person: the entities
    // they belong to.
    let mut ends: HashMap<(Lang, String), Vec<usize>> = HashMap::new();
    let mut starts: HashMap<(Lang, String), Vec<usize>> = HashMap::new();
    for (i, e) in found.iter().enumerate() {
        if e.kind != EntityKind::Person {
            continue;
        }
        for (lang, label) in sides(&e.label) {
            let words: Vec<&str> = label.split_whitespace().collect();
            if let [first, .., last] = words[..] {
                ends.entry((lang, norm(lang, last))).or_default().push(i);
                starts.entry((lang, norm(lang, first))).or_default().push(i);
            }
        }
    }
    let g = Gazetteer::get();
    for (i, e) in found.iter().enumerate() {
        let named: Vec<(Lang, &String)> = sides(&e.label).collect();
        if named.is_empty() || named.iter().any(|(_, l)| l.split_whitespace().count() != 1) {
            continue;
        }
        let surname = named
            .iter()
            .any(|(lang, label)| ends.contains_key(&(*lang, norm(*lang, label))));
        // A place no gazetteer knows, named by a person's surname, is that person read as a
        // place (Cromwell after Oliver Cromwell; "the Kavanaugh hearing").
        let place_surname = e.kind == EntityKind::Place
            && surname
            && named.iter().all(|(lang, label)| match lang {
                Lang::Ar => g.lookup_ar(&fold(label)).is_empty(),
                Lang::En => g.lookup_en(&fold(label)).is_empty(),
            });
        if e.kind != EntityKind::Person && !place_surname {
            continue;
        }
        let index = if surname { &ends } else { &starts };
        // The sets whose names have this word there on every side it is named on.
        let mut candidates: Option<Vec<usize>> = None;
        for (lang, label) in named {
            let mut here: Vec<usize> = index
                .get(&(lang, norm(lang, label)))
                .map(|v| v.iter().map(|&j| sets.root(j)).collect())
                .unwrap_or_default();
            here.sort_unstable();
            here.dedup();
            candidates = Some(match candidates {
                None => here,
                Some(c) => c.into_iter().filter(|r| here.contains(r)).collect(),
            });
        }
        if let Some([one]) = candidates.as_deref() {
            sets.join(*one, i);
        }
    }
}

/// The labels an entity has, with their language.
fn sides(label: &Label) -> impl Iterator<Item = (Lang, &String)> {
    [(Lang::Ar, &label.ar), (Lang::En, &label.en)]
        .into_iter()
        .filter_map(|(lang, l)| l.as_ref().map(|l| (lang, l)))
}

/// A label as compared: Arabic folded (harakat, tatweel, alef forms), English without case.
fn norm(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Ar => fold(label),
        Lang::En => label.to_lowercase(),
    }
}

/// The label of a set on one side: the fullest name its members named in both languages give
/// there (a name the two sides agree on beats one found on one side only), then the fullest
/// of the others (most words, then most mentions, then the first found).
fn best_label(found: &[Entity], members: &[usize], lang: Lang) -> Option<String> {
    members
        .iter()
        .filter_map(|&i| {
            let e = &found[i];
            let label = match lang {
                Lang::Ar => e.label.ar.as_ref(),
                Lang::En => e.label.en.as_ref(),
            }?;
            let both = e.label.ar.is_some() && e.label.en.is_some();
            Some((label, both, e.mentions.len(), i))
        })
        .max_by_key(|&(label, both, mentions, i)| {
            (
                both,
                label.split_whitespace().count(),
                mentions,
                std::cmp::Reverse(i),
            )
        })
        .map(|(label, _, _, _)| label.clone())
}

/// Disjoint sets of entity indices (union-find with path halving).
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller index stays the root.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        let (keep, gone) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        self.0[gone] = keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(lang: Lang, paragraph: usize) -> Mention {
        Mention {
            lang,
            paragraph,
            start: 0,
            end: 1,
            text: "x".into(),
            bytes: 0..1,
        }
    }

    fn person(ar: Option<&str>, en: Option<&str>, at: usize) -> Entity {
        let mut mentions = Vec::new();
        if ar.is_some() {
            mentions.push(mention(Lang::Ar, at));
        }
        if en.is_some() {
            mentions.push(mention(Lang::En, at));
        }
        Entity {
            kind: EntityKind::Person,
            label: Label {
                ar: ar.map(str::to_owned),
                en: en.map(str::to_owned),
            },
            mentions,
        }
    }

    #[test]
    fn one_side_and_surnames_join_the_full_name() {
        let found = vec![
            person(Some("سامر الخطيب"), Some("Samer al-Khatib"), 0),
            person(Some("الخطيب"), Some("al-Khatib"), 5),
            person(Some("سامرُ الخطيب"), None, 9),
            person(None, Some("Samer al-Khatib"), 12),
            person(Some("نادية فهمي"), Some("Nadia Fahmy"), 1),
        ];
        let merged = merge_across_windows(found);
        assert_eq!(merged.len(), 2, "{merged:?}");
        assert_eq!(merged[0].label.ar.as_deref(), Some("سامر الخطيب"));
        assert_eq!(merged[0].label.en.as_deref(), Some("Samer al-Khatib"));
        assert_eq!(merged[0].mentions.len(), 6);
        let paragraphs: Vec<(Lang, usize)> = merged[0]
            .mentions
            .iter()
            .map(|m| (m.lang, m.paragraph))
            .collect();
        let mut sorted = paragraphs.clone();
        sorted.sort_unstable();
        assert_eq!(paragraphs, sorted, "in document order");
        assert_eq!(merged[1].label.en.as_deref(), Some("Nadia Fahmy"));
    }

    #[test]
    fn a_given_name_alone_joins_the_one_full_name_that_starts_with_it() {
        let found = vec![
            person(Some("بريت كافانو"), Some("Brett Kavanaugh"), 0),
            person(Some("بريت"), Some("Brett"), 1),
            person(None, Some("Kavanaugh"), 2),
            person(Some("روز ليزلي"), Some("Rose Leslie"), 3),
            // A surname of one person and the given name of another: the surname wins.
            person(Some("ليزلي جونز"), Some("Leslie Jones"), 4),
            person(Some("ليزلي"), Some("Leslie"), 5),
        ];
        let merged = merge_across_windows(found);
        let labels: Vec<(Option<&str>, usize)> = merged
            .iter()
            .map(|e| (e.label.en.as_deref(), e.mentions.len()))
            .collect();
        assert_eq!(
            labels,
            [
                (Some("Brett Kavanaugh"), 5),
                (Some("Rose Leslie"), 4),
                (Some("Leslie Jones"), 2)
            ]
        );
    }

    #[test]
    fn a_name_both_sides_agree_on_labels_the_entity() {
        // The Arabic word run together with the next one was found on one side only.
        let found = vec![
            person(Some("جيرارد"), Some("Steven Gerrard"), 0),
            person(Some("علىفريق جيرارد"), None, 1),
            person(Some("جيرارد"), None, 2),
        ];
        let (merged, new_index) = merge(found);
        assert_eq!(merged.len(), 1);
        assert_eq!(new_index, [0, 0, 0]);
        assert_eq!(merged[0].label.ar.as_deref(), Some("جيرارد"));
    }

    #[test]
    fn a_surname_read_as_a_place_joins_the_person_unless_the_gazetteer_knows_the_place() {
        let place = |ar: &str, en: &str, at: usize| Entity {
            kind: EntityKind::Place,
            ..person(Some(ar), Some(en), at)
        };
        let found = vec![
            place("كرومويل", "Cromwell", 0),
            person(Some("أوليفر كرومويل"), Some("Oliver Cromwell"), 1),
            person(Some("مايكل جوردان"), Some("Michael Jordan"), 2),
            place("جوردان", "Jordan", 3),
        ];
        let merged = merge_across_windows(found);
        let got: Vec<(EntityKind, Option<&str>)> = merged
            .iter()
            .map(|e| (e.kind, e.label.en.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (EntityKind::Person, Some("Oliver Cromwell")),
                (EntityKind::Person, Some("Michael Jordan")),
                (EntityKind::Place, Some("Jordan")),
            ]
        );
    }

    #[test]
    fn a_surname_of_two_people_and_other_kinds_stay_apart() {
        let found = vec![
            person(Some("سامر الخطيب"), Some("Samer al-Khatib"), 0),
            person(Some("أحمد الخطيب"), Some("Ahmad al-Khatib"), 1),
            person(Some("الخطيب"), Some("al-Khatib"), 2),
            Entity {
                kind: EntityKind::Place,
                ..person(Some("الخطيب"), Some("al-Khatib"), 3)
            },
        ];
        let merged = merge_across_windows(found);
        assert_eq!(merged.len(), 4, "{merged:?}");
    }
}
