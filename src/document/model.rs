//! The document model: paragraphs of each language, aligned pairs, entities and discrepancies.
//!
//! Plain data with `serde` derives; it is what `--json` prints and what the reader shows.
//! Pure: no terminal, no I/O.

use serde::Serialize;
use std::ops::Range;

/// One of the two languages of a bilingual document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic (and other Arabic-script languages: Persian, Urdu), laid out right to left.
    Ar,
    /// English (and any Latin-script text), laid out left to right.
    En,
}

impl Lang {
    /// Both languages, Arabic first.
    pub const BOTH: [Lang; 2] = [Lang::Ar, Lang::En];

    /// The short code used in the JSON model and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The language's English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ar => "Arabic",
            Lang::En => "English",
        }
    }

    /// The other language.
    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One paragraph as loaded: line endings, BOM and trailing spaces removed, nothing else changed,
/// except that the lines of a hard-wrapped block are joined with one space and a Markdown
/// heading's `#` marks are dropped (its `heading` flag says what it was).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// The text of the paragraph.
    pub text: String,
    /// Whether it is a heading (a `# Markdown` heading, or a short line without final punctuation).
    pub heading: bool,
    /// 1-based line number of the paragraph's first line in its source file (`u32`, as a
    /// million-unit translation memory holds two paragraphs a unit: each byte here counts).
    pub line: u32,
    /// Index of the source file it came from (into [`Document::sources`]).
    pub source: u32,
}

/// `n` as a paragraph's [`Paragraph::line`] or [`Paragraph::source`] (saturating: no input has
/// four billion lines or files).
#[must_use]
pub fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The paragraphs of each language, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Paragraphs {
    /// Arabic paragraphs.
    pub ar: Vec<Paragraph>,
    /// English paragraphs.
    pub en: Vec<Paragraph>,
}

impl Paragraphs {
    /// The paragraphs of one language.
    pub fn of(&self, lang: Lang) -> &[Paragraph] {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }

    /// Mutable access to the paragraphs of one language.
    pub fn of_mut(&mut self, lang: Lang) -> &mut Vec<Paragraph> {
        match lang {
            Lang::Ar => &mut self.ar,
            Lang::En => &mut self.en,
        }
    }
}

/// The paragraph indices of one side of a [`Pair`]: a run of consecutive indices, possibly
/// empty, held as its start and length (8 bytes, no allocation: the pairs of a translation
/// memory of a million units cost 24 bytes each, where two `Vec`s of one index cost 110).
///
/// It reads like the slice of indices it stands for (`iter`, `len`, `first`, `contains`, …)
/// and is serialised as that list.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Side {
    start: u32,
    len: u32,
}

impl Side {
    /// No paragraph.
    #[must_use]
    pub const fn new() -> Self {
        Side { start: 0, len: 0 }
    }

    /// The one paragraph `i`.
    #[must_use]
    pub fn one(i: usize) -> Self {
        Side::run(i..i + 1)
    }

    /// The paragraphs `r` (saturating at four billion, which no input reaches).
    #[must_use]
    pub fn run(r: std::ops::Range<usize>) -> Self {
        let start = narrow(r.start);
        Side {
            start,
            len: narrow(r.end.saturating_sub(r.start)).min(u32::MAX - start),
        }
    }

    /// The indices, in order.
    pub fn iter(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }

    /// How many paragraphs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the side has no paragraph.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first index.
    #[must_use]
    pub fn first(&self) -> Option<usize> {
        (!self.is_empty()).then_some(self.start as usize)
    }

    /// The last index.
    #[must_use]
    pub fn last(&self) -> Option<usize> {
        (!self.is_empty()).then(|| (self.start + self.len - 1) as usize)
    }

    /// Whether paragraph `i` is on this side.
    #[must_use]
    pub fn contains(&self, i: &usize) -> bool {
        self.iter().contains(i)
    }

    /// The indices as a list.
    #[must_use]
    pub fn to_vec(&self) -> Vec<usize> {
        self.iter().collect()
    }

    /// The same run `by` paragraphs later.
    pub fn shift(&mut self, by: usize) {
        if !self.is_empty() {
            *self = Side::run(self.start as usize + by..(self.start + self.len) as usize + by);
        }
    }

    /// Adds paragraph `i`, which must follow the last one (the first, if the side is empty).
    pub fn push(&mut self, i: usize) {
        debug_assert!(self.is_empty() || i == (self.start + self.len) as usize);
        if self.is_empty() {
            *self = Side::one(i);
        } else {
            self.len += 1;
        }
    }
}

impl std::fmt::Debug for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for Side {
    type Item = usize;
    type IntoIter = std::ops::Range<usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for &Side {
    type Item = usize;
    type IntoIter = std::ops::Range<usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<usize> for Side {
    /// The run from the first index to the last (the indices must be consecutive).
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut side = Side::new();
        for i in iter {
            side.push(i);
        }
        side
    }
}

impl Extend<usize> for Side {
    /// Adds the indices, which must follow the side's last one.
    fn extend<I: IntoIterator<Item = usize>>(&mut self, iter: I) {
        for i in iter {
            self.push(i);
        }
    }
}

impl From<&[usize]> for Side {
    fn from(indices: &[usize]) -> Self {
        indices.iter().copied().collect()
    }
}

impl PartialEq<[usize]> for Side {
    fn eq(&self, other: &[usize]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl<const N: usize> PartialEq<[usize; N]> for Side {
    fn eq(&self, other: &[usize; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl Serialize for Side {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// An aligned pair ("bead"): consecutive paragraphs of each side that translate each other.
///
/// A 1-1 pair has one index on each side; a split or merge has two on one side; a paragraph
/// with no counterpart has an empty list on the other side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Indices into [`Paragraphs::ar`], consecutive and increasing.
    pub ar: Side,
    /// Indices into [`Paragraphs::en`], consecutive and increasing.
    pub en: Side,
    /// Confidence in this pairing, from 0 (a guess) to 1 (certain).
    pub score: f64,
}

impl Pair {
    /// The paragraph indices of one side.
    pub fn side(&self, lang: Lang) -> Side {
        match lang {
            Lang::Ar => self.ar,
            Lang::En => self.en,
        }
    }
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place: country, city, region, site.
    Place,
    /// A date or time expression, absolute or relative.
    Date,
    /// An organisation.
    Organization,
}

/// A label in each language where the entity appears.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Arabic label, if the entity appears on the Arabic side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    /// English label, if the entity appears on the English side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// One occurrence of an entity in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The language of the paragraph.
    pub lang: Lang,
    /// Index of the paragraph within its language.
    pub paragraph: usize,
    /// Start, in Unicode scalar values (chars) from the start of the paragraph text.
    pub start: usize,
    /// End (exclusive), in chars.
    pub end: usize,
    /// The text of the mention as it stands in the paragraph.
    pub text: String,
    /// The same span in bytes of the paragraph text (for highlighting through the layout engine).
    #[serde(skip)]
    pub bytes: Range<usize>,
}

/// A person, place or date, with its mentions on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Its label in each language where it appears.
    pub label: Label,
    /// Every mention, Arabic and English, in document order per language.
    pub mentions: Vec<Mention>,
}

/// A mismatch between the two sides of one aligned pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discrepancy {
    /// Index into [`Document::pairs`].
    pub pair: usize,
    /// What differs (serialised as its lowercase name: `person`, `place`, `omission`, ...).
    pub kind: DiscrepancyKind,
    /// A sentence for a human, naming what differs.
    pub detail: String,
    /// How sure the check is, from 0 to 1 (a name on one side only is as sure as its detection).
    pub confidence: f64,
}

/// What a [`Discrepancy`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscrepancyKind {
    /// Each side names a different person.
    Person,
    /// Each side names a different place.
    Place,
    /// A person or place named on one side only.
    Omission,
    /// The two sides give different dates.
    Date,
    /// The two sides give different numbers.
    Number,
}

impl DiscrepancyKind {
    /// The machine-readable name, as in `--json` and the evaluation files.
    pub fn as_str(self) -> &'static str {
        match self {
            DiscrepancyKind::Person => "person",
            DiscrepancyKind::Place => "place",
            DiscrepancyKind::Omission => "omission",
            DiscrepancyKind::Date => "date",
            DiscrepancyKind::Number => "number",
        }
    }
}

impl std::fmt::Display for DiscrepancyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source the document was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// The name shown to the user: the path as given, or `-` for standard input, or `sample`.
    pub name: String,
    /// The input format that was recognised.
    pub format: Format,
}

/// How a bilingual text was laid out in its file(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// One file: all paragraphs of one language, then all of the other.
    Blocks,
    /// One file: the languages alternate paragraph by paragraph.
    Interleaved,
    /// One file with the languages mixed in some other order.
    Mixed,
    /// Tab-separated pairs, one per line.
    Tsv,
    /// One file holding one language (of two files given).
    Single,
    /// One file in one language only.
    Monolingual,
    /// An HTML page (its article's paragraphs).
    Html,
    /// SubRip or WebVTT subtitles (cues paired by time).
    Subtitles,
    /// A TMX translation memory.
    Tmx,
    /// An XLIFF file.
    Xliff,
}

/// The whole model of a bilingual document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Paragraphs of each language.
    pub paragraphs: Paragraphs,
    /// The alignment, in reading order.
    pub pairs: Vec<Pair>,
    /// People, places and dates.
    pub entities: Vec<Entity>,
    /// What does not match across the two sides of a pair.
    pub discrepancies: Vec<Discrepancy>,
    /// Where it came from.
    pub sources: Vec<SourceInfo>,
    /// Things the user should know that are not errors (e.g. "only Arabic found").
    pub notices: Vec<String>,
    /// Things that may be wrong with the text (e.g. bidi override characters).
    pub warnings: Vec<String>,
}

impl Document {
    /// The languages present, Arabic first.
    pub fn languages(&self) -> Vec<Lang> {
        Lang::BOTH
            .into_iter()
            .filter(|&l| !self.paragraphs.of(l).is_empty())
            .collect()
    }

    /// Whether only one language is present.
    pub fn is_monolingual(&self) -> bool {
        self.languages().len() < 2
    }
}
