//! What the detectors return: a span of folded text, its kind, and a key that says which entity
//! it names (a gazetteer entry, a date value, or a name to be linked).
//!
//! Plain data shared by the detectors, the linker and the checker. Pure: no terminal, no I/O.

use super::dates::DateValue;
use crate::document::EntityKind;

/// Which entity a span names, as far as the detector knows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A gazetteer entry (index into the gazetteer).
    Gaz(u32),
    /// A date, by value.
    Date(DateValue),
    /// A name not in the gazetteer: its folded text, to be linked by spelling.
    Name(String),
}

/// How a span was found, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum How {
    /// A gazetteer form or a date grammar.
    Gazetteer,
    /// A trigger rule (title, cue word, capitalisation).
    Rule,
    /// Projected from the other language of the pair by transliteration.
    Projection,
    /// A later mention of a name already known in the document.
    Lexicon,
}

/// A detected span in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// Person, place, date or organisation.
    pub kind: EntityKind,
    /// Which entity it names.
    pub key: Key,
    /// The evidence.
    pub how: How,
}

impl Found {
    /// Whether two spans share a byte.
    pub fn overlaps(&self, other: &Found) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Keep the best of overlapping spans: gazetteer and dates first, then longer, then stronger
/// evidence, then earlier.
pub fn resolve_overlaps(mut spans: Vec<Found>) -> Vec<Found> {
    spans.sort_by(|a, b| {
        (a.how != How::Gazetteer)
            .cmp(&(b.how != How::Gazetteer))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.how.cmp(&b.how))
            .then(a.start.cmp(&b.start))
    });
    // The kept spans never overlap each other, so the only one that can overlap a new span is
    // the kept one starting last before its end: a log-time test for each.
    let mut starts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Found> = Vec::with_capacity(spans.len());
    for s in spans {
        let hit = starts
            .range(..s.end)
            .next_back()
            .is_some_and(|(_, &end)| end > s.start);
        if !hit {
            // An empty span (none is made) would block nothing.
            if s.start < s.end {
                starts.insert(s.start, s.end);
            }
            kept.push(s);
        }
    }
    kept.sort_by_key(|s| (s.start, s.end));
    kept
}
