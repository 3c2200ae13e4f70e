//! Search in both languages at once, with Arabic folded (harakat, tatweel, alef forms, ta
//! marbuta, alef maqsura) and Latin case ignored, so a plain query finds vocalised text.
//!
//! Pure: document in, matches out (byte ranges of the original text, for highlighting through
//! the layout engine's cell map). Must not depend on the terminal.

use super::highlight::TextSpan;
use crate::document::normalize::Folded;
use crate::document::{Document, Lang, normalize};

/// A search that was run: its query and every match, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    /// The query as typed.
    pub query: String,
    /// The matches: by pair, then Arabic before English, then by position.
    pub matches: Vec<TextSpan>,
    /// Index of the current match, once the user has moved to one.
    pub current: Option<usize>,
}

impl Search {
    /// Runs `query` over every paragraph of `doc`. `pair_of` maps (language, paragraph) to its
    /// pair. An empty (after folding) query finds nothing.
    pub fn run(doc: &Document, query: &str, pair_of: impl Fn(Lang, usize) -> usize) -> Search {
        let needle = normalize::fold(query);
        let mut matches = Vec::new();
        if !needle.is_empty() {
            for lang in Lang::BOTH {
                for (i, p) in doc.paragraphs.of(lang).iter().enumerate() {
                    let folded = Folded::new(&p.text);
                    let mut from = 0;
                    while let Some(pos) = folded.text.get(from..).and_then(|t| t.find(&needle)) {
                        let start = from + pos;
                        let end = start + needle.len();
                        matches.push(TextSpan {
                            pair: pair_of(lang, i),
                            lang,
                            paragraph: i,
                            bytes: folded.source_range(&p.text, start, end),
                        });
                        from = end;
                    }
                }
            }
        }
        matches.sort_by_key(TextSpan::order);
        Search {
            query: query.to_string(),
            matches,
            current: None,
        }
    }

    /// The "3/14" counter (or "0/0", or "-/14" before the first move).
    pub fn counter(&self) -> String {
        match self.current {
            Some(i) => format!("{}/{}", i + 1, self.matches.len()),
            None => format!("-/{}", self.matches.len()),
        }
    }

    /// Moves to the next match at or after pair `from_pair` (forward) or the previous one before
    /// the current (backward), wrapping around. Returns the new current match.
    pub fn step(&mut self, forward: bool, from_pair: usize) -> Option<&TextSpan> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => self
                .matches
                .iter()
                .position(|m| m.pair >= from_pair)
                .unwrap_or(0),
            (None, false) => self
                .matches
                .iter()
                .rposition(|m| m.pair < from_pair)
                .unwrap_or(n - 1),
        };
        self.current = Some(next);
        self.matches.get(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        crate::tui::testing::paired(
            &[
                "قالَ الرَّئِيسُ إنّ المدرسةَ جديدة",
                "الرئيس في مدرسة أخرى، والرئيس هنا",
            ],
            &[
                "The President said the school is new",
                "The president is at another school",
            ],
        )
    }

    #[test]
    fn bare_arabic_query_finds_vocalised_text_and_maps_back() {
        let d = doc();
        let s = Search::run(&d, "الرئيس", |_, i| i);
        let ar: Vec<_> = s.matches.iter().filter(|m| m.lang == Lang::Ar).collect();
        assert_eq!(ar.len(), 3);
        // The first match covers the vocalised word, harakat included.
        let first = d.paragraphs.ar[0].text.get(ar[0].bytes.clone()).unwrap();
        assert_eq!(first, "الرَّئِيسُ");
        // Ta marbuta and case are folded.
        let s = Search::run(&d, "مدرسه", |_, i| i);
        assert_eq!(s.matches.len(), 2);
        let s = Search::run(&d, "PRESIDENT", |_, i| i);
        assert_eq!(s.matches.len(), 2);
    }

    #[test]
    fn matches_are_in_reading_order_and_step_wraps() {
        let d = doc();
        let mut s = Search::run(&d, "school", |_, i| i);
        assert_eq!(s.counter(), "-/2");
        assert_eq!(s.step(true, 1).map(|m| m.pair), Some(1));
        assert_eq!(s.counter(), "2/2");
        assert_eq!(s.step(true, 0).map(|m| m.pair), Some(0));
        assert_eq!(s.step(false, 0).map(|m| m.pair), Some(1));
        let mut none = Search::run(&d, "\u{64e}", |_, i| i);
        assert!(none.matches.is_empty());
        assert_eq!(none.step(true, 0), None);
        assert_eq!(none.counter(), "-/0");
    }
}
