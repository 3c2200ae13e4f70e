//! Paragraph alignment: pairing the Arabic and English paragraphs of a document even when a
//! translation splits, merges, drops or adds paragraphs.
//!
//! A dynamic programme in the spirit of Gale & Church (1993): each bead (1-1, 1-0, 0-1, 2-1, 1-2,
//! 2-2, 3-1, 1-3) costs the negative log of its prior plus the negative log of the probability of its
//! length difference, with the Arabic/English length ratio and its variance measured on the document
//! itself: first on the paragraphs of the diagonal, then again on the 1-1 beads of an alignment
//! with that first guess (after a one-sided paragraph the diagonal pairs paragraphs that are not
//! translations of each other). The length model's tail is a mixture, so that the rare pair whose
//! translator spelled out what the original abbreviates is not forced into a split. Anchors that
//! survive translation lower or raise that cost: numbers (Arabic-Indic digits folded), Latin
//! words inside the Arabic found in the English, headings matched to headings, and the caller's
//! anchor keys ([`AnchorKeys`]: the reader passes the names, places and dates the entity layer
//! finds, which this module cannot import). Sentence counts are anchors too: translators keep
//! sentences. The programme is banded around
//! the diagonal, so long documents align in linear time. Beside the best path, a forward–backward
//! pass over the same band gives each chosen bead its posterior probability (the summed
//! probability of every alignment that contains it), which is the pair's confidence.
//!
//! Pure: paragraphs in, pairs out; no I/O.

use super::normalize::{fold_char, is_arabic_mark};
use super::script::{is_arabic_letter, is_latin_letter};
use super::{Lang, Pair, Paragraph, Side};

/// Keys of what a paragraph names (people, places, dates), equal across the languages when two
/// mentions name the same thing: anchors the aligner weighs like shared numbers. The caller
/// gives them (the entity layer knows names; the aligner does not depend on it); without them
/// the aligner uses its own anchors alone.
pub type AnchorKeys = fn(Lang, &str) -> Vec<u64>;

/// Beads: (Arabic paragraphs, English paragraphs, −ln of the prior probability).
///
/// Priors after Gale & Church: 1-1 0.89, 1-0 and 0-1 0.0099 each, 2-1 and 1-2 0.044 each,
/// 2-2 0.011, and 3-1 and 1-3 (merged paragraphs) 0.004 each.
const BEADS: [(usize, usize, f64); 8] = [
    (1, 1, 0.116_533_816),
    (1, 0, 4.615_220_521),
    (0, 1, 4.615_220_521),
    (2, 1, 3.123_565_645),
    (1, 2, 3.123_565_645),
    (2, 2, 4.509_860_006),
    (3, 1, 5.521_460_918),
    (1, 3, 5.521_460_918),
];

/// Cost of each sentence by which the two sides of a bead differ.
const SENTENCE_COST: f64 = 1.0;

/// Steps per unit of |δ| in the length-cost table, and its extent.
const TABLE_STEPS: f64 = 64.0;
const TABLE_MAX_DELTA: f64 = 24.0;

/// The weight and the width of the outliers' component in the length model (see [`tail_cost`]).
const OUTLIER_WEIGHT: f64 = 0.01;
const OUTLIER_SCALE: f64 = 5.0;

/// The median of χ²(1): the median of Z² for a standard normal Z.
const CHI2_MEDIAN: f64 = 0.454_936;

/// Beyond this many cells the programme is banded around the diagonal.
const FULL_DP_CELLS: usize = 40_000;

/// What the aligner knows of one paragraph.
#[derive(Debug, Clone, Default)]
struct Unit {
    /// Letters and digits, without harakat.
    len: f64,
    /// Sentences: ends of sentences (`.` `!` `?` `؟` before a space or the end), at least 1.
    sentences: usize,
    heading: bool,
    /// Numbers written with digits, folded to ASCII (`1,234.5` → `1234.5`), as sorted hashes.
    numbers: Vec<u64>,
    /// Lowercased Latin words (for Arabic: the Latin words inside it), as sorted hashes.
    latin: Vec<u64>,
    /// The caller's anchor keys ([`AnchorKeys`]), sorted.
    names: Vec<u64>,
}

/// FNV-1a: anchors are compared by hash, and a keyed hash is not needed for a few short words.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Unit {
    /// What the aligner knows of `p`, a paragraph in `lang`, with the caller's anchor keys.
    fn with_anchors(p: &Paragraph, lang: Lang, anchors: Option<AnchorKeys>) -> Self {
        let mut u = Unit::new(p);
        if let Some(keys) = anchors {
            u.names = keys(lang, &p.text);
            u.names.sort_unstable();
            u.names.dedup();
        }
        u
    }

    fn new(p: &Paragraph) -> Self {
        let mut u = Unit {
            heading: p.heading,
            ..Unit::default()
        };
        let mut len = 0usize;
        let mut number = String::new();
        let mut word = String::new();
        let mut chars = p.text.chars().peekable();
        let mut ends = 0usize;
        // The run of letters before the current char: its length and whether it is capitalised
        // (a `.` after `Dr`, `St` or the `S` of `U.S.` is an abbreviation, not an end).
        let (mut run, mut run_cap) = (0usize, false);
        while let Some(c) = chars.next() {
            // The core Arabic letters, most of an Arabic paragraph, take a short path: a letter
            // that counts for the length, not capitalised, and ends any number or Latin word.
            // (Each short path does what the general one below does for those chars.)
            if matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
                len += 1;
                if run == 0 {
                    run_cap = false;
                }
                run += 1;
                end_number(&mut number, &mut u.numbers);
                end_word(&mut word, &mut u.latin);
                continue;
            }
            // So do ASCII letters (a Latin word goes on) and the space (which ends everything).
            if c.is_ascii_alphabetic() {
                len += 1;
                if run == 0 {
                    run_cap = c.is_ascii_uppercase();
                }
                run += 1;
                end_number(&mut number, &mut u.numbers);
                word.push(c.to_ascii_lowercase());
                continue;
            }
            if c == ' ' {
                run = 0;
                end_number(&mut number, &mut u.numbers);
                end_word(&mut word, &mut u.latin);
                continue;
            }
            if counts_for_length(c) {
                len += 1;
            }
            if matches!(c, '.' | '!' | '?' | '؟')
                && chars.peek().is_none_or(|n| n.is_whitespace())
                && len > 0
                && !(c == '.' && run_cap && run <= 3)
            {
                ends += 1;
            }
            if is_letter(c) {
                if run == 0 {
                    run_cap = !is_arabic_letter(c) && c.is_uppercase();
                }
                run += 1;
            } else {
                run = 0;
            }
            if let Some(d) = ascii_digit(c) {
                number.push(d);
                continue;
            }
            // Separators inside a number: 1,234.56 ٫ ٬ — kept only between digits.
            if matches!(c, '.' | ',' | '٫' | '٬')
                && !number.is_empty()
                && chars.peek().and_then(|&n| ascii_digit(n)).is_some()
            {
                if matches!(c, '.' | '٫') {
                    number.push('.');
                }
                continue;
            }
            end_number(&mut number, &mut u.numbers);
            if is_latin_letter(c) {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            } else {
                end_word(&mut word, &mut u.latin);
            }
        }
        end_number(&mut number, &mut u.numbers);
        end_word(&mut word, &mut u.latin);
        for list in [&mut u.numbers, &mut u.latin] {
            list.sort_unstable();
            list.dedup();
        }
        u.len = len as f64;
        u.sentences = ends.max(1);
        u
    }
}

/// The number written so far, if any, is complete: its hash joins `numbers`.
fn end_number(number: &mut String, numbers: &mut Vec<u64>) {
    if !number.is_empty() {
        numbers.push(hash(number));
        number.clear();
    }
}

/// The Latin word written so far is complete: its hash joins `latin` if it has two letters or
/// more.
fn end_word(word: &mut String, latin: &mut Vec<u64>) {
    if word.chars().nth(1).is_some() {
        latin.push(hash(word));
    }
    word.clear();
}

/// The ASCII digit of an ASCII, Arabic-Indic or Persian digit.
fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        Some(c)
    } else if matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}') {
        fold_char(c)
    } else {
        None
    }
}

/// Whether a char counts for the length model: letters and digits, not harakat. The common
/// scripts are tested by range first, as the general Unicode lookup is slow on the hot path.
fn counts_for_length(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_arabic_letter(c) || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
    {
        true
    } else {
        !is_arabic_mark(c) && c.is_alphanumeric()
    }
}

/// Whether a char is a letter, the common scripts tested by range first (as in
/// [`counts_for_length`]).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_arabic_letter(c) || c.is_alphabetic()
    }
}

/// The length model measured on the document.
#[derive(Debug, Clone)]
struct Model {
    /// Arabic characters per English character.
    ratio: f64,
    /// Variance of the length difference per character.
    variance: f64,
    /// −ln P(|Z| ≥ δ) sampled every 1/64 of δ from 0 to 24: the hot loop interpolates instead of
    /// calling `exp` and `ln` for every bead.
    table: Vec<f64>,
}

impl Model {
    fn measure(ar: &[Unit], en: &[Unit]) -> Self {
        let sum_ar: f64 = ar.iter().map(|u| u.len).sum();
        let sum_en: f64 = en.iter().map(|u| u.len).sum();
        let ratio = if sum_ar > 0.0 && sum_en > 0.0 {
            (sum_ar / sum_en).clamp(0.3, 3.0)
        } else {
            0.85
        };
        // First guess from the paragraphs on the diagonal (right for most pairs of a
        // translation), then measured again on the 1-1 beads of an alignment with that guess:
        // after a split or a dropped paragraph the diagonal pairs paragraphs that are not
        // translations of each other, and their differences say nothing of the variance.
        let diagonal = ar.iter().zip(en).map(|(a, e)| (a.len, e.len));
        let first = Model::new(ratio, Model::variance_of(ratio, diagonal));
        // The first window's worth is enough to measure on, and keeps the first screen quick.
        let n = ar.len().min(WINDOW);
        let whole = n == ar.len();
        let target = if whole {
            en.len()
        } else {
            (n * en.len()).div_ceil(ar.len().max(1))
        };
        let m = if whole {
            en.len()
        } else {
            (target + MARGIN).min(en.len())
        };
        let (Some(ar), Some(en)) = (ar.get(..n), en.get(..m)) else {
            return first;
        };
        let pairs = align_units(ar, en, &first, !whole, target.min(m));
        let beads: Vec<(f64, f64)> = pairs
            .iter()
            .filter(|p| p.ar.len() == 1 && p.en.len() == 1)
            .filter_map(|p| Some((ar.get(p.ar.first()?)?.len, en.get(p.en.first()?)?.len)))
            .collect();
        if beads.len() < 8 {
            return first;
        }
        let (bar, ben) = beads
            .iter()
            .fold((0.0, 0.0), |(x, y), &(a, e)| (x + a, y + e));
        let ratio = if bar > 0.0 && ben > 0.0 {
            (bar / ben).clamp(0.3, 3.0)
        } else {
            ratio
        };
        Model::new(ratio, Model::variance_of(ratio, beads.into_iter()))
    }

    /// The variance of the length difference per character over pairs of lengths that are
    /// translations of each other, robustly: the median of the squared normalised differences,
    /// divided by the median of χ²(1) (0.455), so that a few wrong pairs do not inflate it.
    fn variance_of(ratio: f64, pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
        let mut r: Vec<f64> = pairs
            .filter(|&(a, e)| a > 0.0 && e > 0.0)
            .map(|(a, e)| {
                let m = f64::midpoint(e, a / ratio);
                (e * ratio - a).powi(2) / m
            })
            .collect();
        r.sort_by(f64::total_cmp);
        r.get(r.len() / 2)
            .map_or(6.8, |m| m / CHI2_MEDIAN)
            .clamp(3.0, 40.0)
    }

    fn new(ratio: f64, variance: f64) -> Self {
        let steps = (TABLE_STEPS * TABLE_MAX_DELTA) as usize;
        let table = (0..=steps)
            .map(|k| tail_cost(k as f64 / TABLE_STEPS))
            .collect();
        Model {
            ratio,
            variance,
            table,
        }
    }

    /// −log of the probability of a length difference at least this large.
    fn length_cost(&self, l_ar: f64, l_en: f64) -> f64 {
        if l_ar == 0.0 && l_en == 0.0 {
            return 0.0;
        }
        let mean = f64::midpoint(l_en, l_ar / self.ratio).max(1.0);
        let delta = ((l_en * self.ratio - l_ar) / (mean * self.variance).sqrt()).abs();
        let pos = delta * TABLE_STEPS;
        let step = pos as usize;
        match (self.table.get(step), self.table.get(step + 1)) {
            (Some(&lo), Some(&hi)) => lo + (hi - lo) * (pos - step as f64),
            // Past the table the outliers' tail falls like exp(−δ²/2s²).
            _ => {
                self.table.last().copied().unwrap_or(0.0)
                    + (delta * delta - TABLE_MAX_DELTA * TABLE_MAX_DELTA)
                        / (2.0 * OUTLIER_SCALE * OUTLIER_SCALE)
            }
        }
    }
}

/// −ln P(|Z| ≥ δ) for Z a mixture of a standard normal and, with weight [`OUTLIER_WEIGHT`], a
/// normal [`OUTLIER_SCALE`] times as wide: the variance is measured robustly on the core of the
/// pairs, and a translator who spells out what the original abbreviates (a headline, a list of
/// figures) makes a length difference far beyond that core.
fn tail_cost(delta: f64) -> f64 {
    let tail = |z: f64| 2.0 * (1.0 - normal_cdf(z));
    let p = (1.0 - OUTLIER_WEIGHT) * tail(delta) + OUTLIER_WEIGHT * tail(delta / OUTLIER_SCALE);
    -(p.max(1e-300)).ln()
}

/// Standard normal CDF (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 { 1.0 - tail } else { tail }
}

/// What the bead costs need of one side of a window, gathered once before the programme (which
/// prices each run of paragraphs many times): running sums of the lengths, sentences, headings
/// and anchor counts, and for each paragraph the anchors of the runs of one, two and three
/// paragraphs that end at it, each kind sorted and without repeats (an anchor counts once however
/// many paragraphs of a bead have it).
#[derive(Debug, Default)]
struct Runs {
    /// Sums over the first `k` paragraphs, for `k` in `0..=n` (lengths are whole numbers: the
    /// differences are exact).
    len: Vec<f64>,
    sentences: Vec<usize>,
    headings: Vec<usize>,
    /// Numbers and Latin words, counted with repeats (the price of a one-sided paragraph).
    anchors: Vec<usize>,
    /// The keys of every run, one after another.
    keys: Vec<u64>,
    /// For paragraph `k` and run length `r` (1 to 3), at `3k + r − 1`: where the run's numbers,
    /// Latin words and names start in `keys`, and where its names end.
    spans: Vec<[u32; 4]>,
}

/// The longest run of paragraphs on one side of a bead.
const LONGEST_RUN: usize = 3;

impl Runs {
    /// The runs of `units`, keeping only the names that `names` (the other side's) has.
    fn new(units: &[Unit], names: &std::collections::HashSet<u64>) -> Self {
        let mut r = Runs {
            len: vec![0.0],
            sentences: vec![0],
            headings: vec![0],
            anchors: vec![0],
            ..Runs::default()
        };
        let (mut scratch, mut shared_names) = (Vec::new(), Vec::new());
        for (k, u) in units.iter().enumerate() {
            let last = |v: &[usize]| v.last().copied().unwrap_or(0);
            r.len.push(r.len.last().copied().unwrap_or(0.0) + u.len);
            r.sentences.push(last(&r.sentences) + u.sentences);
            r.headings.push(last(&r.headings) + usize::from(u.heading));
            r.anchors
                .push(last(&r.anchors) + u.numbers.len() + u.latin.len());
            shared_names.clear();
            shared_names.extend(u.names.iter().filter(|k| names.contains(k)));
            let lists: [&[u64]; 3] = [&u.numbers, &u.latin, &shared_names];
            for run in 1..=LONGEST_RUN {
                // The run of `run` paragraphs ending here is the one of `run − 1` ending at the
                // paragraph before, and this one.
                let before = (run > 1 && k + 1 >= run)
                    .then(|| r.spans.get(3 * (k - 1) + run - 2).copied())
                    .flatten();
                let mut bounds = [0u32; 4];
                for (kind, list) in lists.iter().enumerate() {
                    bounds[kind] = r.keys.len() as u32;
                    match before {
                        Some(b) => {
                            let earlier = r
                                .keys
                                .get(b[kind] as usize..b[kind + 1] as usize)
                                .unwrap_or(&[]);
                            scratch.clear();
                            union(earlier, list, &mut scratch);
                            r.keys.extend_from_slice(&scratch);
                        }
                        None => r.keys.extend_from_slice(list),
                    }
                }
                bounds[3] = r.keys.len() as u32;
                r.spans.push(bounds);
            }
        }
        r
    }

    /// The numbers, Latin words and names of the run of paragraphs `from..to` (at most
    /// [`LONGEST_RUN`] of them, at least one).
    fn keys(&self, from: usize, to: usize) -> [&[u64]; 3] {
        let b = self
            .spans
            .get(3 * (to - 1) + (to - from) - 1)
            .copied()
            .unwrap_or_default();
        let part = |s: u32, e: u32| self.keys.get(s as usize..e as usize).unwrap_or(&[]);
        [part(b[0], b[1]), part(b[1], b[2]), part(b[2], b[3])]
    }
}

/// The values of two sorted slices without repeats, sorted and without repeats, into `out`.
fn union(a: &[u64], b: &[u64], out: &mut Vec<u64>) {
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(a.get(i..).unwrap_or(&[]));
    out.extend_from_slice(b.get(j..).unwrap_or(&[]));
}

/// How many values two sorted slices without repeats have in common.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut at_a, mut at_b, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(at_a), b.get(at_b)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => at_a += 1,
            std::cmp::Ordering::Greater => at_b += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                at_a += 1;
                at_b += 1;
            }
        }
    }
    shared
}

/// Cost of a bead joining the Arabic paragraphs `ar` and the English paragraphs `en` (ranges
/// into the sides' [`Runs`]).
fn bead_cost(
    model: &Model,
    prior_cost: f64,
    (ar, a): (&Runs, std::ops::Range<usize>),
    (en, e): (&Runs, std::ops::Range<usize>),
) -> f64 {
    let sum = |v: &[usize], r: &std::ops::Range<usize>| v[r.end] - v[r.start];
    let mut cost = prior_cost;
    let (n_ar, n_en) = (a.len(), e.len());
    if n_ar == 0 || n_en == 0 {
        // A paragraph without a counterpart: cheaper for a heading, which translators add and drop.
        let (side, r) = if n_ar == 0 { (en, &e) } else { (ar, &a) };
        if sum(&side.headings, r) == r.len() {
            cost -= 2.0;
        }
        // No length term: Gale–Church's would make every long dropped paragraph nearly impossible,
        // and at paragraph granularity translators do drop long background paragraphs. The
        // prior alone prices the deletion; an anchor the paragraph carries makes it dearer.
        // Names do not count here: a dropped paragraph names people and places like any other.
        return cost + 0.5 * sum(&side.anchors, r).min(4) as f64;
    }
    let l_ar = ar.len[a.end] - ar.len[a.start];
    let l_en = en.len[e.end] - en.len[e.start];
    cost += model.length_cost(l_ar, l_en).min(30.0);
    // Translators keep sentences: each sentence more on one side than the other costs.
    let s_ar = sum(&ar.sentences, &a);
    let s_en = sum(&en.sentences, &e);
    cost += SENTENCE_COST * s_ar.abs_diff(s_en).min(4) as f64;
    // Headings pair with headings; a heading is not merged into a body paragraph.
    let (headings_ar, headings_en) = (sum(&ar.headings, &a), sum(&en.headings, &e));
    if n_ar == 1 && n_en == 1 {
        match (headings_ar, headings_en) {
            (1, 1) => cost -= 2.0,
            (1, 0) | (0, 1) => cost += 3.0,
            _ => {}
        }
    } else if headings_ar + headings_en > 0 {
        cost += 3.0;
    }
    // Anchors: shared numbers, Latin words and names (most runs have none: skip the search).
    let [numbers_ar, latin_ar, names_ar] = ar.keys(a.start, a.end);
    let [numbers_en, latin_en, names_en] = en.keys(e.start, e.end);
    if numbers_ar.is_empty()
        && numbers_en.is_empty()
        && latin_ar.is_empty()
        && (names_ar.is_empty() || names_en.is_empty())
    {
        return cost;
    }
    let shared_numbers = common(numbers_ar, numbers_en);
    let lonely_numbers = numbers_ar.len() + numbers_en.len() - 2 * shared_numbers;
    let shared_latin = common(latin_ar, latin_en);
    let shared_names = common(names_ar, names_en);
    cost -= 1.5 * (shared_numbers + shared_latin + shared_names).min(6) as f64;
    cost += 0.5 * lonely_numbers.min(4) as f64;
    cost
}

/// Align the paragraphs of the two languages. Every paragraph appears in exactly one pair, in
/// order; each pair carries a confidence score in 0..=1.
pub fn align(ar: &[Paragraph], en: &[Paragraph]) -> Vec<Pair> {
    Stream::new(ar, en).flatten().collect()
}

/// [`align`] with the caller's anchor keys (see [`AnchorKeys`]).
pub fn align_with(ar: &[Paragraph], en: &[Paragraph], anchors: AnchorKeys) -> Vec<Pair> {
    let mut stream = Stream::new(ar, en);
    stream.state.anchor(anchors);
    stream.flatten().collect()
}

/// The band of English indices considered for each of `n` Arabic rows: all `m` of them for
/// small windows, else `half` on each side of the line from (0, 0) to (n, `target`).
fn band(n: usize, m: usize, target: usize, half: Option<usize>) -> Vec<(usize, usize)> {
    let Some(half) = half else {
        return vec![(0, m); n + 1];
    };
    (0..=n)
        .map(|i| {
            let center = (i * target).checked_div(n).unwrap_or(0).min(m);
            let hi = if i == n && target >= m {
                m
            } else {
                (center + half).min(m)
            };
            (center.saturating_sub(half), hi)
        })
        .collect()
}

/// Align a window. `target` is where the path is expected to end on the English side (the
/// window's end for the last window, a proportional share for the others, which end freely).
fn align_units(
    ar: &[Unit],
    en: &[Unit],
    model: &Model,
    free_end: bool,
    target: usize,
) -> Vec<Pair> {
    let (len_ar, len_en) = (ar.len(), en.len());
    // The names that no paragraph of the other side of the window has can never be shared, and
    // most keys of the Arabic side (every word is a candidate name) are such: the runs leave
    // them out. The beads cost the same; the programme has far fewer keys to compare.
    let names = |side: &[Unit]| -> std::collections::HashSet<u64> {
        side.iter().flat_map(|u| u.names.iter().copied()).collect()
    };
    let (names_ar, names_en) = (names(ar), names(en));
    let (ar, en) = (&Runs::new(ar, &names_en), &Runs::new(en, &names_ar));
    if (len_ar + 1) * (len_en + 1) <= FULL_DP_CELLS {
        return dp(ar, en, model, &band(len_ar, len_en, len_en, None), free_end).0;
    }
    // Banded: start narrow; if the best path runs along the band's edge, the band may have cut off
    // a better one, so widen it and try again.
    // Eight cells each side: a path further off costs at least a handful of one-sided beads
    // (e^−37 and less), so the posteriors lose nothing, and a block of one-sided paragraphs
    // that takes the path further touches the edge and widens the band.
    let mut half = 8;
    loop {
        let rows = band(len_ar, len_en, target, Some(half));
        let (pairs, touched) = dp(ar, en, model, &rows, free_end);
        if !touched || half >= len_en.max(len_ar) {
            return pairs;
        }
        half *= 4;
    }
}

/// Arabic paragraphs in one window of the streaming aligner.
const WINDOW: usize = 1024;
/// Rows at the end of a window that are not committed: the next window redoes them with the
/// context that follows.
const MARGIN: usize = 64;

/// Alignment in windows, so the first pairs are known long before the last: a reader can show
/// the first screen of a huge document while the rest aligns.
///
/// Each window runs the banded programme over the next [`WINDOW`] Arabic paragraphs and a
/// proportional share of English ones with a free end, commits the pairs that end before its last
/// [`MARGIN`] rows, and the next window starts where they stop. The last window ends at both
/// ends. Documents that fit one window are aligned in one programme, exactly as [`align`] does.
///
/// [`Stream`] borrows the paragraphs; [`Aligner`] is the same state without the borrow, for a
/// caller that keeps the paragraphs in a structure it also changes (the reader appends the pairs
/// to the document they come from).
#[derive(Debug)]
pub struct Stream<'a> {
    ar: &'a [Paragraph],
    en: &'a [Paragraph],
    state: Aligner,
}

impl<'a> Stream<'a> {
    /// Prepare to align `ar` with `en`. The length model is measured on the first few thousand
    /// paragraphs of each side (all of them in any ordinary article).
    pub fn new(ar: &'a [Paragraph], en: &'a [Paragraph]) -> Self {
        Stream {
            ar,
            en,
            state: Aligner::new(ar, en),
        }
    }

    /// How many paragraphs of each side are aligned so far.
    pub fn progress(&self) -> (usize, usize) {
        self.state.progress()
    }

    /// The next pairs, in order, or `None` when every paragraph is paired.
    pub fn next_chunk(&mut self) -> Option<Vec<Pair>> {
        self.state.next_chunk(self.ar, self.en)
    }
}

/// The state of a windowed alignment (see [`Stream`]) that does not hold the paragraphs: every
/// call of [`Aligner::next_chunk`] is given them again, and they must be the same paragraphs
/// each time.
#[derive(Debug, Clone)]
pub struct Aligner {
    model: Model,
    at: (usize, usize),
    anchors: Option<AnchorKeys>,
    /// The units made so far of each side (see [`Made`]).
    made: (Made, Made),
}

/// The units of one side's paragraphs `from..from + units.len()`, made before they are needed:
/// a window overlaps the one before it, and the next window's new paragraphs are read while
/// this one aligns.
#[derive(Debug, Clone, Default)]
struct Made {
    from: usize,
    units: Vec<Unit>,
}

impl Made {
    /// Make the units of the paragraphs `from..to` of `paras` that are not made yet, and forget
    /// those before `from`.
    fn make(
        &mut self,
        paras: &[Paragraph],
        (from, to): (usize, usize),
        lang: Lang,
        anchors: Option<AnchorKeys>,
    ) {
        if from < self.from || from > self.end() {
            self.units.clear();
        } else {
            self.units.drain(..from - self.from);
        }
        self.from = from;
        let end = self.end();
        if to > end {
            self.units
                .extend(units(paras, end, to - end, lang, anchors));
        }
    }

    /// The units made from the first one kept to the paragraph before `to`.
    fn units(&self, to: usize) -> &[Unit] {
        self.units
            .get(..to.saturating_sub(self.from))
            .unwrap_or(&self.units)
    }

    /// The paragraph after the last one made.
    fn end(&self) -> usize {
        self.from + self.units.len()
    }
}

impl Aligner {
    /// Prepare to align `ar` with `en` (the length model is measured here, on the first few
    /// thousand paragraphs of each side).
    pub fn new(ar: &[Paragraph], en: &[Paragraph]) -> Self {
        let sample = 4096;
        let ua = units(ar, 0, sample, Lang::Ar, None);
        let ue = units(en, 0, sample, Lang::En, None);
        // The sample's units are the first windows' too, until anchor keys are asked for.
        Aligner {
            model: Model::measure(&ua, &ue),
            at: (0, 0),
            anchors: None,
            made: (Made { from: 0, units: ua }, Made { from: 0, units: ue }),
        }
    }

    /// Weigh the caller's anchor keys (see [`AnchorKeys`]) from the next window on. The length
    /// model is measured without them: it needs lengths only.
    pub fn anchor(&mut self, keys: AnchorKeys) {
        self.anchors = Some(keys);
        self.made = (Made::default(), Made::default());
    }

    /// How many paragraphs of each side are aligned so far.
    pub fn progress(&self) -> (usize, usize) {
        self.at
    }

    /// The next pairs of `ar` and `en`, in order, or `None` when every paragraph is paired.
    pub fn next_chunk<'p>(
        &mut self,
        ar: &'p [Paragraph],
        en: &'p [Paragraph],
    ) -> Option<Vec<Pair>> {
        let (n, m) = (ar.len(), en.len());
        let (i0, j0) = self.at;
        if i0 >= n && j0 >= m {
            return None;
        }
        let left_ar = n.saturating_sub(i0);
        let left_en = m.saturating_sub(j0);
        // The English share of the window: proportional to what is left, with slack for the
        // headings and splits a translation adds locally.
        let share = (WINDOW * left_en).div_ceil(left_ar.max(1));
        let (wa, we) = (WINDOW.min(left_ar), (share + MARGIN).min(left_en));
        let last = wa == left_ar || we == left_en;
        let (wa, we) = if last { (left_ar, left_en) } else { (wa, we) };
        let anchors = self.anchors;
        let (made_ar, made_en) = &mut self.made;
        made_ar.make(ar, (i0, i0 + wa), Lang::Ar, anchors);
        made_en.make(en, (j0, j0 + we), Lang::En, anchors);
        let (ua, ue) = (made_ar.units(i0 + wa), made_en.units(j0 + we));
        let target = if last { we } else { share.min(we) };
        // While this window aligns, other cores read the next window's new paragraphs. Each side is shared among the cores in turn (an Arabic paragraph's anchor keys cost
        // about twice an English one's): the threads finish together.
        let ahead = |paras: &'p [Paragraph], from: usize, to: usize, lang: Lang| {
            let to = to.min(paras.len());
            move || units(paras, from, to.saturating_sub(from), lang, anchors)
        };
        // Not while the first window aligns: the first screen waits for it alone.
        let look_ahead = !last
            && (i0, j0) != (0, 0)
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let (mut pairs, next_ar, next_en) = if look_ahead {
            let next_ar = ahead(ar, made_ar.end(), i0 + wa + WINDOW, Lang::Ar);
            let next_en = ahead(en, made_en.end(), j0 + we + share + MARGIN, Lang::En);
            std::thread::scope(|scope| {
                let next_ar = scope.spawn(next_ar);
                let next_en = scope.spawn(next_en);
                let pairs = align_units(ua, ue, &self.model, !last, target);
                (pairs, next_ar.join().ok(), next_en.join().ok())
            })
        } else {
            (align_units(ua, ue, &self.model, !last, target), None, None)
        };
        made_ar.units.extend(next_ar.unwrap_or_default());
        made_en.units.extend(next_en.unwrap_or_default());
        if !last {
            let keep = pairs
                .iter()
                .position(|p| p.ar.last().is_some_and(|i| i + MARGIN >= wa))
                .unwrap_or(pairs.len())
                .max(1);
            pairs.truncate(keep);
        }
        for p in &mut pairs {
            p.ar.shift(i0);
            p.en.shift(j0);
        }
        let end_ar = pairs
            .iter()
            .rev()
            .find_map(|p| p.ar.last())
            .map_or(i0, |i| i + 1);
        let end_en = pairs
            .iter()
            .rev()
            .find_map(|p| p.en.last())
            .map_or(j0, |j| j + 1);
        self.at = (end_ar, end_en);
        if pairs.is_empty() {
            // Nothing could be paired (cannot happen with a non-empty window); finish safely.
            self.at = (n, m);
        }
        Some(pairs)
    }
}

/// The units of `n` paragraphs from `from`. A large batch is shared among the cores; the units
/// are the same for any number of threads.
fn units(
    paras: &[Paragraph],
    from: usize,
    n: usize,
    lang: Lang,
    anchors: Option<AnchorKeys>,
) -> Vec<Unit> {
    let threads = if n >= PARALLEL_UNITS {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        1
    };
    units_on(paras, from, n, lang, anchors, threads)
}

/// Batches smaller than this are not worth a thread.
const PARALLEL_UNITS: usize = 256;

fn units_on(
    paras: &[Paragraph],
    from: usize,
    n: usize,
    lang: Lang,
    anchors: Option<AnchorKeys>,
    threads: usize,
) -> Vec<Unit> {
    let batch = paras.get(from..).unwrap_or(&[]);
    let batch = batch.get(..n.min(batch.len())).unwrap_or(&[]);
    let make = |chunk: &[Paragraph]| -> Vec<Unit> {
        chunk
            .iter()
            .map(|p| Unit::with_anchors(p, lang, anchors))
            .collect()
    };
    if threads <= 1 || batch.len() < 2 {
        return make(batch);
    }
    let size = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(size)
            .map(|chunk| (chunk, scope.spawn(move || make(chunk))))
            .collect();
        handles
            .into_iter()
            .flat_map(|(chunk, h)| h.join().unwrap_or_else(|_| make(chunk)))
            .collect()
    })
}

impl Iterator for Stream<'_> {
    type Item = Vec<Pair>;

    fn next(&mut self) -> Option<Vec<Pair>> {
        self.next_chunk()
    }
}

/// The dynamic programme over the cells of `rows`; returns the pairs and whether the best path
/// touched an edge of the band (other than the matrix's own edges).
///
/// With `free_end`, the path ends at the cheapest cell of the last Arabic row instead of the
/// corner: the window of a streaming alignment does not know where the two sides meet again.
fn dp(
    ar: &Runs,
    en: &Runs,
    model: &Model,
    rows: &[(usize, usize)],
    free_end: bool,
) -> (Vec<Pair>, bool) {
    let (len_ar, len_en) = (ar.len.len() - 1, en.len.len() - 1);
    let offsets: Vec<usize> = rows
        .iter()
        .scan(0usize, |acc, &(lo, hi)| {
            let start = *acc;
            *acc += hi - lo + 1;
            Some(start)
        })
        .collect();
    let cells =
        offsets.last().copied().unwrap_or(0) + rows.last().map_or(1, |&(lo, hi)| hi - lo + 1);
    let mut cost = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    // Forward–backward beside the best path: `alpha` sums the probability of every path to a
    // cell, `beta` of every path from it to the end; bead costs are kept so that the three
    // passes compute each once.
    let mut alpha = vec![f64::NEG_INFINITY; cells];
    let mut beads = vec![f64::INFINITY; cells * BEADS.len()];
    let index = |i: usize, j: usize| -> Option<usize> {
        let (lo, hi) = *rows.get(i)?;
        (lo..=hi).contains(&j).then(|| offsets[i] + j - lo)
    };
    if let Some(k) = index(0, 0) {
        cost[k] = 0.0;
        alpha[k] = 0.0;
    }
    for (i, &(lo, hi)) in rows.iter().enumerate() {
        for j in lo..=hi {
            let Some(here) = index(i, j) else { continue };
            let mut terms = [f64::NEG_INFINITY; BEADS.len()];
            for (b, &(da, de, prior)) in BEADS.iter().enumerate() {
                if da > i || de > j {
                    continue;
                }
                let Some(prev) = index(i - da, j - de) else {
                    continue;
                };
                let base = cost[prev];
                if !base.is_finite() {
                    continue;
                }
                let bc = bead_cost(model, prior, (ar, i - da..i), (en, j - de..j));
                beads[here * BEADS.len() + b] = bc;
                terms[b] = alpha[prev] - bc;
                let c = base + bc;
                if c < cost[here] {
                    cost[here] = c;
                    back[here] = b as u8;
                }
            }
            if i + j > 0 && cost[here].is_finite() {
                alpha[here] = log_sum_exp(&terms);
            }
        }
    }
    // Trace back from the end.
    let mut pairs = Vec::new();
    let mut touched = false;
    let end_en = if free_end {
        let (lo, hi) = rows[len_ar];
        (lo..=hi)
            .filter_map(|j| Some((j, cost[index(len_ar, j)?])))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(len_en, |(j, _)| j)
    } else {
        len_en
    };
    let beta = backward(rows, &offsets, &beads, index(len_ar, end_en), cells);
    let total = index(len_ar, end_en).map_or(0.0, |k| alpha[k]);
    let (mut i, mut j) = (len_ar, end_en);
    while i > 0 || j > 0 {
        let Some(k) = index(i, j) else { break };
        let (lo, hi) = rows[i];
        touched |= (j == lo && lo > 0) || (j == hi && hi < len_en);
        let b = back[k] as usize;
        let Some(&(da, de, _)) = BEADS.get(b) else {
            break;
        };
        let prev = index(i - da, j - de);
        let bc = beads[k * BEADS.len() + b];
        let posterior = prev.map_or(0.0, |p| (alpha[p] - bc + beta[k] - total).exp());
        pairs.push(Pair {
            ar: (i - da..i).collect(),
            en: (j - de..j).collect(),
            score: (posterior.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        });
        i -= da;
        j -= de;
    }
    pairs.reverse();
    (pairs, touched)
}

/// ln Σ exp(x) over the terms, stable for large negative values.
fn log_sum_exp(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    // Terms more than NEGLIGIBLE below the largest add less than its last bit: no exp for them
    // (most beads of a cell are far dearer than its best).
    max + terms
        .iter()
        .filter(|&&t| t - max > -NEGLIGIBLE)
        .map(|&t| (t - max).exp())
        .sum::<f64>()
        .ln()
}

/// A log-probability this far below another adds nothing to it in f64 (e^−37 < 2^−52).
const NEGLIGIBLE: f64 = 37.0;

/// The backward pass: for each cell, ln of the summed probability of every path from it to
/// `end`, over the bead costs of the forward pass. Each cell gathers from the cells its beads
/// lead to (one log-sum per cell, as in the forward pass, instead of a pairwise log-add per
/// bead).
fn backward(
    rows: &[(usize, usize)],
    offsets: &[usize],
    beads: &[f64],
    end: Option<usize>,
    cells: usize,
) -> Vec<f64> {
    let mut beta = vec![f64::NEG_INFINITY; cells];
    let Some(end) = end else { return beta };
    beta[end] = 0.0;
    let index = |i: usize, j: usize| -> Option<usize> {
        let (lo, hi) = *rows.get(i)?;
        (lo..=hi).contains(&j).then(|| offsets[i] + j - lo)
    };
    // Cells in reverse order: every cell a bead leads to comes later in the forward order.
    for i in (0..rows.len()).rev() {
        let (lo, hi) = rows[i];
        for j in (lo..=hi).rev() {
            let here = offsets[i] + j - lo;
            if here == end {
                continue;
            }
            let mut terms = [f64::NEG_INFINITY; BEADS.len()];
            for (b, &(da, de, _)) in BEADS.iter().enumerate() {
                if let Some(next) = index(i + da, j + de) {
                    // A bead the forward pass did not take costs +∞: its term is −∞.
                    terms[b] = beta[next] - beads[next * BEADS.len() + b];
                }
            }
            beta[here] = log_sum_exp(&terms);
        }
    }
    beta
}

/// Pairs for a document whose other side is missing: one pair per paragraph, scored 1.
pub fn one_sided(n: usize, arabic: bool) -> Vec<Pair> {
    (0..n)
        .map(|i| Pair {
            ar: if arabic { Side::one(i) } else { Side::new() },
            en: if arabic { Side::new() } else { Side::one(i) },
            score: 1.0,
        })
        .collect()
}

/// Whether a string has any Arabic letter (used by tests and callers to sanity-check sides).
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(is_arabic_letter)
}

/// How an alignment agrees with a reference alignment, bead by bead (the strict and lax scores of
/// Vecalign and Bertalign). A bead is a pair's two lists of paragraph indices; one-sided beads
/// count like the others.
///
/// Strict: a bead is right when the reference has exactly that bead. Lax: a bead is right when it
/// is exact or shares a paragraph on each side with one reference bead (so a 2-1 bead found as a
/// 1-1 bead and a dropped paragraph is half right, and a one-sided bead is right only if exact).
/// Precision counts the beads found, recall the reference beads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BeadScore {
    /// Beads of the reference.
    pub gold: usize,
    /// Beads found.
    pub found: usize,
    /// Beads found that the reference has exactly.
    pub strict: usize,
    /// Beads found that are lax-right (precision side).
    pub lax_found: usize,
    /// Reference beads that the found ones lax-match (recall side).
    pub lax_gold: usize,
    /// Documents scored.
    pub documents: usize,
    /// Documents whose every bead is right.
    pub exact: usize,
}

/// A bead: Arabic indices, English indices.
pub type Bead = (Vec<usize>, Vec<usize>);

/// The beads of an alignment, for scoring it.
pub fn beads(pairs: &[Pair]) -> Vec<Bead> {
    pairs
        .iter()
        .map(|p| (p.ar.to_vec(), p.en.to_vec()))
        .collect()
}

fn lax_match(a: &Bead, b: &Bead) -> bool {
    let meets = |x: &[usize], y: &[usize]| x.iter().any(|i| y.contains(i));
    a == b || (meets(&a.0, &b.0) && meets(&a.1, &b.1))
}

impl BeadScore {
    /// Score one document's beads against its reference.
    pub fn of(gold: &[Bead], found: &[Bead]) -> Self {
        let strict = found.iter().filter(|b| gold.contains(b)).count();
        let lax = |from: &[Bead], to: &[Bead]| {
            from.iter()
                .filter(|b| to.iter().any(|g| lax_match(b, g)))
                .count()
        };
        BeadScore {
            gold: gold.len(),
            found: found.len(),
            strict,
            lax_found: lax(found, gold),
            lax_gold: lax(gold, found),
            documents: 1,
            exact: usize::from(strict == gold.len() && strict == found.len()),
        }
    }

    /// Add another document's counts.
    pub fn add(&mut self, o: &BeadScore) {
        self.gold += o.gold;
        self.found += o.found;
        self.strict += o.strict;
        self.lax_found += o.lax_found;
        self.lax_gold += o.lax_gold;
        self.documents += o.documents;
        self.exact += o.exact;
    }

    fn f1(right_found: usize, found: usize, right_gold: usize, gold: usize) -> f64 {
        let p = right_found as f64 / found.max(1) as f64;
        let r = right_gold as f64 / gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Strict F1.
    pub fn strict_f1(&self) -> f64 {
        Self::f1(self.strict, self.found, self.strict, self.gold)
    }

    /// Lax F1.
    pub fn lax_f1(&self) -> f64 {
        Self::f1(self.lax_found, self.found, self.lax_gold, self.gold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Paragraph {
        Paragraph {
            heading: super::super::parse::is_heading(text),
            text: text.to_owned(),
            line: 0,
            source: 0,
        }
    }

    #[test]
    fn normal_cdf_is_right() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
        assert!((normal_cdf(-1.0) - 0.1587).abs() < 1e-3);
    }

    #[test]
    fn numbers_fold_arabic_indic_digits_and_separators() {
        let u = Unit::new(&para("ارتفع بنسبة ٣٫٥٪ إلى 1,234.56 في عام ٢٠١٩ (APEC)"));
        for n in ["3.5", "1234.56", "2019"] {
            assert!(u.numbers.binary_search(&hash(n)).is_ok(), "{n}");
        }
        assert!(u.latin.binary_search(&hash("apec")).is_ok());
        assert_eq!(u.numbers.len(), 3);
    }

    #[test]
    fn equal_counts_align_one_to_one() {
        let ar = [
            para("عنوان"),
            para("قال الوزير إن الاجتماع انتهى بعد ساعتين من النقاش."),
            para("وأضاف أن الجولة المقبلة ستعقد في عام 2025."),
        ];
        let en = [
            para("Headline"),
            para("The minister said the meeting ended after two hours of debate."),
            para("He added that the next round will be held in 2025."),
        ];
        let pairs = align(&ar, &en);
        assert_eq!(
            beads(&pairs),
            vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
        );
        assert!(pairs.iter().all(|p| (0.0..=1.0).contains(&p.score)));
        // Nothing else is plausible here: the posteriors are near certainty.
        assert!(pairs.iter().all(|p| p.score > 0.9), "{pairs:?}");
    }

    #[test]
    fn a_split_paragraph_becomes_a_one_to_two_bead() {
        let ar = [
            para(
                "افتتح المهرجان أبوابه يوم الخميس بحضور 1200 ضيف من 40 دولة، وعرضت فيه أفلام من القارات الخمس على مدى أسبوع كامل، وسط إقبال كبير من الجمهور.",
            ),
            para("وقالت المديرة إن الدورة المقبلة ستقام في الربيع."),
        ];
        let en = [
            para("The festival opened its doors on Thursday with 1200 guests from 40 countries."),
            para(
                "Films from all five continents were shown over a whole week, to great public interest.",
            ),
            para("The director said the next edition will take place in the spring."),
        ];
        assert_eq!(
            beads(&align(&ar, &en)),
            vec![(vec![0], vec![0, 1]), (vec![1], vec![2])]
        );
    }

    #[test]
    fn an_extra_heading_stands_alone() {
        let ar = [
            para("قال الوزير إن الاجتماع انتهى بعد ساعتين من النقاش الطويل."),
            para("وأضاف أن الجولة المقبلة ستعقد في القاهرة خلال الصيف."),
        ];
        let en = [
            para("The minister said the meeting ended after two hours of long debate."),
            para("Next Steps"),
            para("He added that the next round will be held in Cairo during the summer."),
        ];
        assert_eq!(
            beads(&align(&ar, &en)),
            vec![(vec![0], vec![0]), (vec![], vec![1]), (vec![1], vec![2])]
        );
    }

    #[test]
    fn empty_sides() {
        assert!(align(&[], &[]).is_empty());
        let ar = [para("نص عربي.")];
        assert_eq!(beads(&align(&ar, &[])), vec![(vec![0], vec![])]);
        assert_eq!(one_sided(2, false)[1].en, Side::one(1));
    }

    #[test]
    fn the_stream_gives_the_first_pairs_before_the_last() {
        let ar: Vec<Paragraph> = (0..3000)
            .map(|k| {
                para(&format!(
                    "قال المتحدث إن العدد بلغ {k} في التقرير الصادر اليوم."
                ))
            })
            .collect();
        let en: Vec<Paragraph> = (0..3000)
            .map(|k| {
                para(&format!(
                    "The spokesman said the number reached {k} in today's report."
                ))
            })
            .collect();
        let mut stream = Stream::new(&ar, &en);
        let first = stream.next_chunk().unwrap();
        assert!(!first.is_empty() && first.len() < 3000);
        assert_eq!(stream.progress(), (first.len(), first.len()));
        let rest: Vec<Pair> = stream.flatten().collect();
        assert_eq!(first.len() + rest.len(), 3000);
        for (k, p) in first.iter().chain(&rest).enumerate() {
            assert_eq!((p.ar, p.en), (Side::one(k), Side::one(k)));
        }
    }

    #[test]
    fn sentences_are_counted_without_abbreviations_or_decimals() {
        let u = Unit::new(&para(
            "Dr. Smith met U.S. officials. Growth was 2.5 per cent! Why?",
        ));
        assert_eq!(u.sentences, 3);
        assert_eq!(Unit::new(&para("قال الوزير. وأضاف؟ نعم")).sentences, 2);
        assert_eq!(Unit::new(&para("Headline")).sentences, 1);
    }

    #[test]
    fn bead_scores_count_strict_and_lax_matches() {
        let b = |a: &[usize], e: &[usize]| (a.to_vec(), e.to_vec());
        let gold = [b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[])];
        let found = [b(&[0], &[0]), b(&[1], &[1]), b(&[2], &[]), b(&[3], &[])];
        let s = BeadScore::of(&gold, &found);
        assert_eq!((s.strict, s.lax_found, s.lax_gold, s.exact), (2, 3, 3, 0));
        assert!((s.strict_f1() - 2.0 * (0.5 * 2.0 / 3.0) / (0.5 + 2.0 / 3.0)).abs() < 1e-9);
        assert_eq!(BeadScore::of(&gold, &gold).exact, 1);
    }

    #[test]
    fn the_length_model_is_measured_on_aligned_pairs_not_on_the_diagonal() {
        // A translation that drops the first Arabic paragraph: on the diagonal every pair is off
        // by one, and lengths that vary from paragraph to paragraph look like a huge variance.
        let unit = |len: f64| Unit {
            len,
            sentences: 1,
            ..Unit::default()
        };
        let en_lens: Vec<f64> = (0..40)
            .map(|k| 60.0 + f64::from((k * 37) % 11) * 40.0)
            .collect();
        let mut ar = vec![unit(150.0)];
        ar.extend(
            en_lens
                .iter()
                .enumerate()
                .map(|(k, &l)| unit((0.9 * l + if k % 2 == 0 { 3.0 } else { -3.0 }).round())),
        );
        let en: Vec<Unit> = en_lens.iter().map(|&l| unit(l)).collect();
        let model = Model::measure(&ar, &en);
        assert!((model.ratio - 0.9).abs() < 0.02, "{}", model.ratio);
        assert!(model.variance < 5.0, "{}", model.variance);
        let pairs = align_units(&ar, &en, &model, false, en.len());
        assert_eq!(
            (pairs[0].ar.to_vec(), pairs[0].en.to_vec()),
            (vec![0], vec![])
        );
        assert!(
            pairs
                .iter()
                .skip(1)
                .all(|p| p.ar.len() == 1 && p.en.len() == 1)
        );
    }

    #[test]
    fn units_are_the_same_on_any_number_of_threads() {
        fn keys(lang: Lang, text: &str) -> Vec<u64> {
            text.split_whitespace()
                .map(|w| hash(w) ^ u64::from(lang == Lang::Ar))
                .collect()
        }
        let paras: Vec<Paragraph> = (0..700)
            .map(|k| para(&format!("قال المتحدث {k} إن العدد بلغ {} اليوم.", k * 7)))
            .collect();
        let one = units_on(&paras, 5, 650, Lang::Ar, Some(keys), 1);
        for threads in [2, 3, 8] {
            let many = units_on(&paras, 5, 650, Lang::Ar, Some(keys), threads);
            assert_eq!(many.len(), 650);
            for (a, b) in one.iter().zip(&many) {
                assert_eq!((&a.names, &a.numbers, a.len), (&b.names, &b.numbers, b.len));
            }
        }
    }

    #[test]
    fn the_banded_programme_finds_what_the_whole_one_finds() {
        // 400 Arabic paragraphs of varied lengths; the English drops blocks of 3, 12 and 25
        // and adds a block of 6: the path leaves the diagonal far beyond the first band.
        let unit = |len: f64, key: u64| Unit {
            len,
            sentences: 1,
            numbers: if key.is_multiple_of(3) {
                vec![key]
            } else {
                vec![]
            },
            ..Unit::default()
        };
        let lens: Vec<f64> = (0..400u64)
            .map(|k| 40.0 + ((k * 7919) % 23) as f64 * 17.0)
            .collect();
        let ar: Vec<Unit> = (0..400u64).map(|k| unit(lens[k as usize], k)).collect();
        let mut en = Vec::new();
        for k in 0..400u64 {
            if (50..53).contains(&k) || (120..132).contains(&k) || (260..285).contains(&k) {
                continue;
            }
            if k == 200 {
                en.extend((0..6u32).map(|x| unit(90.0 + f64::from(x) * 11.0, 1000 + u64::from(x))));
            }
            let l = lens[k as usize];
            en.push(unit(
                (l / 0.9 + if k % 2 == 0 { 2.0 } else { -2.0 }).round(),
                k,
            ));
        }
        let model = Model::new(0.9, 6.8);
        assert!((ar.len() + 1) * (en.len() + 1) > FULL_DP_CELLS);
        let banded = align_units(&ar, &en, &model, false, en.len());
        let (runs_ar, runs_en) = (
            Runs::new(&ar, &std::collections::HashSet::new()),
            Runs::new(&en, &std::collections::HashSet::new()),
        );
        let whole = dp(
            &runs_ar,
            &runs_en,
            &model,
            &band(ar.len(), en.len(), en.len(), None),
            false,
        )
        .0;
        assert_eq!(beads(&banded), beads(&whole));
        let scores = |p: &[Pair]| p.iter().map(|p| p.score).collect::<Vec<_>>();
        assert_eq!(scores(&banded), scores(&whole));
    }

    #[test]
    fn banding_keeps_long_documents_in_order() {
        let rows = band(3000, 2990, 2990, Some(40));
        assert!(rows.iter().all(|&(lo, hi)| lo <= hi));
        assert_eq!(rows[0].0, 0);
        assert_eq!(rows[3000].1, 2990);
    }
}
