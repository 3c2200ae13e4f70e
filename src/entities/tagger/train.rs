//! The trainer: an averaged structured perceptron (Collins 2002) over the features of
//! [`super::features`], decoding with the same constrained Viterbi as the run time; for
//! Arabic, cost-augmented (the training decoder favours wrong tags by a margin, most of all `O`
//! on a person's token: [`Options::margins`]).
//!
//! Deterministic: single-threaded, documents shuffled by a seeded [`SplitMix64`], features
//! numbered in first-seen order, no hash-map iteration order reaching the output. The best
//! epoch on the development documents is kept, then pruned and quantised to i16 rows.

use super::bilou::{self, NTAGS, Span};
use super::conll::Sentence;
use super::features::{
    self, DocStats, Lexicon, Memory, RuleCode, TypeInfo, Vocab, VocabCounts, WINDOW,
};
use super::hash::{FeatureHasher, SplitMix64};
use super::model::{self, Model, Row};
use super::score::Scores;
use super::{facts, remember, rule_codes, tag_corpus_doc_stages};
use crate::document::{EntityKind, Lang};
use crate::entities::gazetteer::Gazetteer;
use crate::entities::text::FnvBuild;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A function giving the rule detector's spans (source bytes) on a text.
pub type Rules<'a> = &'a dyn Fn(&str) -> Vec<(Range<usize>, EntityKind)>;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Most passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Features seen fewer times are not learned.
    pub min_count: u32,
    /// Share (per mille) of training sentences whose rule features are hidden, so the model
    /// does not lean on the rules alone.
    pub rule_dropout: u64,
    /// Share (per ten thousand) of the largest row weights clipped by the quantisation.
    pub clip: usize,
    /// Margins of the training decoder, per language (Arabic, English): added to the score of
    /// every wrong tag of a token, besides to the score of `O` on a token of a person's name,
    /// and besides to the score of `O` on a token of a place's name. The perceptron then learns
    /// from the sentences it tags right by too little, and a missed person costs it more than a
    /// wrong tag elsewhere (a cost-augmented perceptron: recall of Arabic persons was the weak
    /// side).
    pub margins: [Margins; 2],
    /// Per language (Arabic, English), how many models are trained on differently shuffled
    /// passes over the data, each stopped at its best epoch on the development documents; the
    /// mean of their weights is the model (1: one model). The mean varies less from one
    /// shuffle to another than one model does, and one model's best epoch flatters it on the
    /// development documents that chose it: over the ten tenths of `ANERcorp`, each scored on
    /// the tenth after the one that chose the epochs, three runs raised Arabic person F1 (see
    /// the README's development section).
    pub runs: [usize; 2],
}

impl Options {
    /// The number of runs for `lang`.
    fn runs(&self, lang: Lang) -> usize {
        self.runs[usize::from(lang == Lang::En)].max(1)
    }

    /// The margins for `lang`.
    fn margin(&self, lang: Lang) -> Margins {
        self.margins[usize::from(lang == Lang::En)]
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 10,
            seed: 0x00b1_7e47,
            min_count: 2,
            rule_dropout: 300,
            clip: 0,
            margins: [
                Margins {
                    any: 10,
                    person: 30,
                    place: 0,
                },
                Margins::default(),
            ],
            runs: [3, 1],
        }
    }
}

/// The tokens joined by spaces, and each token's byte range in the result.
pub fn join(tokens: &[String]) -> (String, Vec<Range<usize>>) {
    let mut s = String::new();
    let mut ranges = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        let a = s.len();
        s.push_str(t);
        ranges.push(a..s.len());
    }
    (s, ranges)
}

/// The keys of a document's words, numbered in first-seen order in `keys` (shared by the
/// documents of a corpus): one list a sentence.
pub fn number_keys(
    doc: &[Sentence],
    types: &HashMap<&str, TypeInfo, FnvBuild>,
    keys: &mut HashMap<String, u32, FnvBuild>,
) -> Vec<Vec<u32>> {
    doc.iter()
        .map(|s| {
            s.tokens
                .iter()
                .filter_map(|w| types.get(w.as_str()))
                .map(|t| {
                    let next = keys.len() as u32;
                    *keys.entry(t.key.clone()).or_insert(next)
                })
                .collect()
        })
        .collect()
}

/// The words a document writes in lowercase (normalized), for the case feature.
pub fn doc_lower_words(lang: Lang, doc: &[Sentence]) -> HashSet<String, FnvBuild> {
    let mut set = HashSet::default();
    if lang == Lang::En {
        for s in doc {
            for w in &s.tokens {
                if w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase) {
                    set.insert(features::normalize(lang, w));
                }
            }
        }
    }
    set
}

/// Every feature of token `i` except the history ones: one-word features of the words around
/// it, then the context features.
pub fn static_features(
    infos: &[&TypeInfo],
    i: usize,
    codes: &[RuleCode],
    lower: &HashSet<String, FnvBuild>,
    out: &mut Vec<u32>,
) {
    window_features(infos, i, out);
    let doc_lower = infos
        .get(i)
        .is_some_and(|t| t.cap && lower.contains(&t.norm));
    features::context(infos, i, facts(infos), codes, doc_lower, out);
}

/// The one-word features of the words around token `i` (the second stage's features besides
/// the document's, [`features::stage2`]).
pub fn window_features(infos: &[&TypeInfo], i: usize, out: &mut Vec<u32>) {
    for k in 0..WINDOW {
        let j = i as isize + k as isize - 2;
        match usize::try_from(j).ok().and_then(|j| infos.get(j)) {
            Some(t) => out.extend_from_slice(&t.feats[k]),
            None => out.push(features::boundary(k as i8 - 2)),
        }
    }
}

/// Split a corpus into documents: at `-DOCSTART-`, or every `chunk` sentences when it has none.
pub fn documents(sentences: Vec<Sentence>, chunk: usize) -> Vec<Vec<Sentence>> {
    let marked = sentences.iter().skip(1).any(|s| s.doc_start);
    let mut out: Vec<Vec<Sentence>> = Vec::new();
    for (i, s) in sentences.into_iter().enumerate() {
        let new = if marked {
            s.doc_start
        } else {
            i % chunk.max(1) == 0
        };
        if new || out.is_empty() {
            out.push(Vec::new());
        }
        if let Some(d) = out.last_mut() {
            d.push(s);
        }
    }
    out
}

/// Blocks of training documents for the jackknifed vocabulary features.
const FOLDS: usize = 5;

/// Count the words of a document (normalized, and their cores) by the class of the name they
/// are in.
fn count_vocab(
    doc: &[Sentence],
    types: &HashMap<&str, TypeInfo, FnvBuild>,
    out: &mut HashMap<u32, VocabCounts, FnvBuild>,
) {
    for s in doc {
        for (i, w) in s.tokens.iter().enumerate() {
            let Some(t) = types.get(w.as_str()) else {
                continue;
            };
            let class = s.class_at(i);
            for key in [
                features::vocab_key(&t.norm, false),
                features::vocab_key(&t.key, true),
            ] {
                features::count(out.entry(key).or_default(), class);
            }
        }
    }
}

/// A sentence's feature fingerprints, token offsets into them, and gold tags.
type RawSentence = (Vec<u32>, Vec<u32>, Vec<u8>);

/// A sentence ready for training: features as dense ids per token.
struct Prepared {
    /// Offsets into `ids` of each token's features (len = tokens + 1).
    offsets: Vec<u32>,
    /// The dense ids of every token's features, one token after the other.
    ids: Vec<u32>,
    /// Each token's key into the document's memory.
    keys: Vec<u32>,
    /// The right tags.
    gold: Vec<u8>,
    /// Whether this sentence hides its rule features (dropout).
    drop_rules: bool,
    /// Per entry of `ids`, whether it is a rule feature.
    rule_ids: Vec<bool>,
}

impl Prepared {
    /// The ids of token `i`'s features that this sentence shows (the rule features hidden
    /// under dropout).
    fn token_ids(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.offsets.get(i).copied().unwrap_or(0) as usize;
        let b = self.offsets.get(i + 1).copied().unwrap_or(0) as usize;
        (a..b).filter_map(move |k| {
            let hidden = self.drop_rules && self.rule_ids.get(k).copied().unwrap_or(false);
            (!hidden)
                .then(|| self.ids.get(k).map(|&f| f as usize))
                .flatten()
        })
    }
}

/// Dense weights with lazily averaged sums.
struct Weights {
    w: Vec<Row>,
    u: Vec<[i64; NTAGS]>,
    start: Row,
    start_u: [i64; NTAGS],
    trans: [Row; NTAGS],
    trans_u: [[i64; NTAGS]; NTAGS],
    c: i64,
}

impl Weights {
    fn new(n: usize) -> Self {
        Weights {
            w: vec![[0; NTAGS]; n],
            u: vec![[0; NTAGS]; n],
            start: [0; NTAGS],
            start_u: [0; NTAGS],
            trans: [[0; NTAGS]; NTAGS],
            trans_u: [[0; NTAGS]; NTAGS],
            c: 1,
        }
    }

    fn bump(&mut self, f: usize, t: u8, d: i32) {
        let c = self.c;
        if let (Some(w), Some(u)) = (self.w.get_mut(f), self.u.get_mut(f)) {
            w[t as usize] += d;
            u[t as usize] += c * i64::from(d);
        }
    }

    /// The perceptron's update of feature `f` where gold tag `gold` was predicted as `pred`.
    fn correct(&mut self, f: usize, gold: u8, pred: u8) {
        self.bump(f, gold, 1);
        self.bump(f, pred, -1);
    }

    /// Add feature `f`'s current weights to an emission row.
    fn add_to(&self, f: usize, row: &mut Row) {
        if let Some(w) = self.w.get(f) {
            for (r, x) in row.iter_mut().zip(w) {
                *r += x;
            }
        }
    }

    /// The emission rows of sentence `s` (`hist`: each token's history feature ids).
    fn emissions(&self, s: &Prepared, hist: &[Vec<u32>], em: &mut Vec<Row>) {
        em.clear();
        for (i, h) in hist.iter().enumerate() {
            let mut row = [0; NTAGS];
            for f in s.token_ids(i) {
                self.add_to(f, &mut row);
            }
            for &f in h {
                self.add_to(f as usize, &mut row);
            }
            em.push(row);
        }
    }

    /// The perceptron's update for sentence `s` tagged `pred`: each token whose tag or
    /// previous tag is wrong corrects its transition, and each whose tag is wrong its
    /// features.
    fn learn(&mut self, s: &Prepared, hist: &[Vec<u32>], pred: &[u8]) {
        for (i, (&gt, &pt)) in s.gold.iter().zip(pred).enumerate() {
            let before = i
                .checked_sub(1)
                .and_then(|j| s.gold.get(j).zip(pred.get(j)));
            if gt == pt && before.is_none_or(|(g, p)| g == p) {
                continue;
            }
            if gt != pt {
                for f in s.token_ids(i) {
                    self.correct(f, gt, pt);
                }
                for &f in hist.get(i).map_or(&[][..], Vec::as_slice) {
                    self.correct(f as usize, gt, pt);
                }
            }
            let c = self.c;
            if let Some((&gprev, &pprev)) = before {
                self.trans[gprev as usize][gt as usize] += 1;
                self.trans_u[gprev as usize][gt as usize] += c;
                self.trans[pprev as usize][pt as usize] -= 1;
                self.trans_u[pprev as usize][pt as usize] -= c;
            } else {
                self.start[gt as usize] += 1;
                self.start_u[gt as usize] += c;
                self.start[pt as usize] -= 1;
                self.start_u[pt as usize] -= c;
            }
        }
    }

    fn averaged(&self, w: i32, u: i64) -> f64 {
        f64::from(w) - u as f64 / self.c as f64
    }
}

/// The first stage, for training a second one.
#[derive(Debug, Clone, Copy)]
pub struct Stage1<'a> {
    /// The first-stage model (for the development scores).
    pub model: &'a Model<'a>,
    /// Its tags of each training document, from a model that did not see the document
    /// (jackknifed: [`jackknife`]).
    pub train: &'a [Vec<Vec<Span>>],
}

/// The first stage's spans on every training document, each from a model trained on the other
/// [`FOLDS`] − 1 blocks of documents (so that the second stage learns from the first stage's
/// real errors, not from its memory of the training data).
pub fn jackknife(
    lang: Lang,
    data: Corpus,
    rules: Rules,
    opts: Options,
    log: &mut dyn FnMut(&str),
) -> Vec<Vec<Vec<Span>>> {
    let train = data.train;
    let fold_of = |d: usize| d * FOLDS / train.len().max(1);
    let mut out = Vec::with_capacity(train.len());
    for f in 0..FOLDS {
        let rest: Vec<Vec<Sentence>> = train
            .iter()
            .enumerate()
            .filter(|(d, _)| fold_of(*d) != f)
            .map(|(_, d)| d.clone())
            .collect();
        let part = Corpus {
            train: &rest,
            ..data
        };
        let t = self::train(lang, part, rules, opts, None, &mut |_| {});
        log(&format!(
            "{lang}: jackknife fold {f}: best epoch {}",
            t.best
        ));
        let Ok(m) = Model::parse(&t.bytes) else {
            continue;
        };
        for (_, d) in train.iter().enumerate().filter(|(d, _)| fold_of(*d) == f) {
            out.push(tag_corpus_doc_stages(None, &m, lang, d, rules));
        }
    }
    out
}

/// What the trainer says after each epoch.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// 1-based epoch.
    pub epoch: usize,
    /// Development scores of the exported (quantised) model.
    pub dev: Scores,
}

/// The result of training.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The weights file of the best epoch.
    pub bytes: Vec<u8>,
    /// Each epoch's development scores.
    pub epochs: Vec<EpochReport>,
    /// The best epoch (1-based).
    pub best: usize,
}

/// A fingerprint of the training data (recorded in the model).
pub fn data_hash(docs: &[Vec<Sentence>]) -> u64 {
    let mut lo = FeatureHasher::new(1);
    let mut hi = FeatureHasher::new(2);
    for d in docs {
        for s in d {
            for (t, w) in s.tokens.iter().enumerate() {
                let tag = bilou::encode(s.tokens.len(), &s.spans);
                let b = [tag.get(t).copied().unwrap_or(0)];
                lo = lo.part(w.as_bytes()).part(&b);
                hi = hi.part(&b).part(w.as_bytes());
            }
        }
    }
    u64::from(lo.finish()) | (u64::from(hi.finish()) << 32)
}

/// Score a model on corpus documents (the run-time decoder on the corpus's tokens).
pub fn evaluate(model: &Model, lang: Lang, docs: &[Vec<Sentence>], rules: Rules) -> Scores {
    evaluate_stages(None, model, lang, docs, rules)
}

/// Score a second-stage `model` fed by the `first` stage (or a first stage alone, `None`).
pub fn evaluate_stages(
    first: Option<&Model>,
    model: &Model,
    lang: Lang,
    docs: &[Vec<Sentence>],
    rules: Rules,
) -> Scores {
    let mut s = Scores::default();
    for d in docs {
        let pred = tag_corpus_doc_stages(first, model, lang, d, rules);
        for (sent, p) in d.iter().zip(&pred) {
            s.add(&sent.spans, p);
        }
    }
    s
}

/// What a model learns from.
#[derive(Debug, Clone, Copy)]
pub struct Corpus<'a> {
    /// The training documents.
    pub train: &'a [Vec<Sentence>],
    /// The development documents (they choose the epoch).
    pub dev: &'a [Vec<Sentence>],
    /// Counts from outside the corpus added to its vocabulary (the English names Arabic words
    /// may spell, [`features::xlit_counts`]); the same for every block.
    pub outside: &'a [(u32, VocabCounts)],
    /// What general text says of each word ([`features::general_codes`]), added to the
    /// vocabulary as it is; empty for none.
    pub general: &'a [(u32, u8)],
}

/// Train a model for `lang` on `data.train`, choosing the epoch by `data.dev`.
#[allow(clippy::too_many_lines)] // one pass in the order of the algorithm
pub fn train(
    lang: Lang,
    data: Corpus,
    rules: Rules,
    opts: Options,
    stage1: Option<Stage1>,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let Corpus {
        train,
        dev,
        outside,
        general,
    } = data;
    let gaz = Gazetteer::get();
    let lex = Lexicon::builtin();
    let mut types: HashMap<&str, TypeInfo, FnvBuild> = HashMap::default();
    let mut raw: Vec<Vec<RawSentence>> = Vec::new();
    let mut counts: HashMap<u32, u32, FnvBuild> = HashMap::default();
    let mut keys: HashMap<String, u32, FnvBuild> = HashMap::default();
    let mut feats = Vec::new();
    // 0. Every word type's own features, and the corpus vocabulary: whole, and without each
    // of `FOLDS` contiguous blocks of documents for the features of the documents in the block.
    for d in train {
        for s in d {
            for w in &s.tokens {
                types
                    .entry(w.as_str())
                    .or_insert_with(|| features::type_info(lang, w, gaz, lex));
            }
        }
    }
    let fold_of = |d: usize| d * FOLDS / train.len().max(1);
    let mut fold_counts: Vec<HashMap<u32, VocabCounts, FnvBuild>> = vec![HashMap::default(); FOLDS];
    for (di, d) in train.iter().enumerate() {
        let Some(c) = fold_counts.get_mut(fold_of(di)) else {
            continue;
        };
        count_vocab(d, &types, c);
    }
    let mut total: HashMap<u32, VocabCounts, FnvBuild> = HashMap::default();
    for c in &fold_counts {
        for (&f, n) in c {
            let t = total.entry(f).or_default();
            for (a, b) in t.iter_mut().zip(n) {
                *a += b;
            }
        }
    }
    for &(f, n) in outside {
        let t = total.entry(f).or_default();
        for (a, b) in t.iter_mut().zip(n) {
            *a += b;
        }
    }
    let vocab = Vocab::from_counts(total.iter().map(|(&f, &c)| (f, c))).with(general);
    let fold_vocabs: Vec<Vocab> = fold_counts
        .iter()
        .map(|c| {
            Vocab::from_counts(total.iter().map(|(&f, &t)| {
                let mut n = t;
                if let Some(x) = c.get(&f) {
                    for (a, b) in n.iter_mut().zip(x) {
                        *a -= b;
                    }
                }
                (f, n)
            }))
            .with(general)
        })
        .collect();
    drop(fold_counts);
    let mut fold_types: Vec<HashMap<&str, TypeInfo, FnvBuild>> =
        (0..FOLDS).map(|_| HashMap::default()).collect();
    // 1. Features of every token, as fingerprints; rule fingerprints remembered apart.
    let mut rule_fps: HashSet<u32, FnvBuild> = HashSet::default();
    let mut stats = DocStats::default();
    for (di, d) in train.iter().enumerate() {
        let lower = doc_lower_words(lang, d);
        let mut doc = Vec::new();
        let fold = fold_of(di).min(FOLDS - 1);
        let doc_keys = number_keys(d, &types, &mut keys);
        // The first stage's tags of this document (from a model that did not see it).
        let first_tags: Vec<Vec<u8>> = match stage1.as_ref().and_then(|s| s.train.get(di)) {
            Some(pred) => d
                .iter()
                .zip(pred)
                .map(|(s, p)| bilou::encode(s.tokens.len(), p))
                .collect(),
            None => Vec::new(),
        };
        stats.clear();
        for (k, t) in doc_keys.iter().zip(&first_tags) {
            stats.add(k, t);
        }
        for (si, s) in d.iter().enumerate() {
            for w in &s.tokens {
                if let (Some(ft), Some(base), Some(v)) = (
                    fold_types.get_mut(fold),
                    types.get(w.as_str()),
                    fold_vocabs.get(fold),
                ) {
                    ft.entry(w.as_str()).or_insert_with(|| {
                        let mut t = base.clone();
                        features::add_vocab(&mut t, v);
                        t
                    });
                }
            }
            let Some(ft) = fold_types.get(fold) else {
                continue;
            };
            let infos: Vec<&TypeInfo> =
                s.tokens.iter().filter_map(|w| ft.get(w.as_str())).collect();
            let (joined, ranges) = join(&s.tokens);
            let codes = rule_codes(&ranges, &rules(&joined));
            let mut fps = Vec::new();
            let mut offsets = vec![0u32];
            for i in 0..infos.len() {
                feats.clear();
                if let (Some(k), Some(t)) = (doc_keys.get(si), first_tags.get(si)) {
                    window_features(&infos, i, &mut feats);
                    features::stage2(&stats, k, t, i, &mut feats);
                } else {
                    static_features(&infos, i, &codes, &lower, &mut feats);
                }
                // The rule features of this token, to hide under dropout.
                let mut no_rules = Vec::new();
                features::context(&infos, i, facts(&infos), &[], false, &mut no_rules);
                let mut with_rules = Vec::new();
                features::context(&infos, i, facts(&infos), &codes, false, &mut with_rules);
                for f in with_rules {
                    if !no_rules.contains(&f) {
                        rule_fps.insert(f);
                    }
                }
                for &f in &feats {
                    *counts.entry(f).or_insert(0) += 1;
                }
                fps.extend_from_slice(&feats);
                offsets.push(fps.len() as u32);
            }
            let gold = bilou::encode(s.tokens.len(), &s.spans);
            doc.push((fps, offsets, gold));
        }
        raw.push(doc);
    }
    // 2. Dense ids in first-seen order, features below the cutoff left out.
    let mut dense: HashMap<u32, u32, FnvBuild> = HashMap::default();
    let mut fp_of: Vec<u32> = Vec::new();
    for f in features::all_history() {
        dense.entry(f).or_insert_with(|| {
            fp_of.push(f);
            fp_of.len() as u32 - 1
        });
    }
    let history_ids: HashMap<u32, u32, FnvBuild> = dense.iter().map(|(&f, &i)| (f, i)).collect();
    let mut rng = SplitMix64::new(opts.seed);
    let mut docs: Vec<Vec<Prepared>> = Vec::new();
    for (d, doc) in train.iter().zip(raw) {
        let mut out = Vec::new();
        for (s, (fps, offsets, gold)) in d.iter().zip(doc) {
            let mut ids = Vec::with_capacity(fps.len());
            let mut rule_ids = Vec::with_capacity(fps.len());
            let mut new_offsets = vec![0u32];
            for w in offsets.windows(2) {
                for &f in fps.get(w[0] as usize..w[1] as usize).unwrap_or(&[]) {
                    if counts.get(&f).copied().unwrap_or(0) < opts.min_count {
                        continue;
                    }
                    let id = *dense.entry(f).or_insert_with(|| {
                        fp_of.push(f);
                        fp_of.len() as u32 - 1
                    });
                    ids.push(id);
                    rule_ids.push(rule_fps.contains(&f));
                }
                new_offsets.push(ids.len() as u32);
            }
            let infos: Vec<&TypeInfo> = s
                .tokens
                .iter()
                .filter_map(|w| types.get(w.as_str()))
                .collect();
            let key_ids: Vec<u32> = infos
                .iter()
                .map(|t| keys.get(&t.key).copied().unwrap_or(0))
                .collect();
            out.push(Prepared {
                offsets: new_offsets,
                ids,
                keys: key_ids,
                gold,
                drop_rules: rng.next_u64() % 1000 < opts.rule_dropout,
                rule_ids,
            });
        }
        docs.push(out);
    }
    drop(counts);
    drop(fold_types);
    log(&format!(
        "{lang}: {} documents, {} sentences, {} features",
        docs.len(),
        docs.iter().map(Vec::len).sum::<usize>(),
        fp_of.len()
    ));
    // The second stage has no history features (its other features depend on one word, one
    // tag or one key: the run time sums them ahead).
    let second = stage1.is_some();
    let history_fp = |memory: &[Memory], keys: &[u32], i: usize| -> Vec<u32> {
        let mut v = Vec::new();
        if !second {
            features::history_of(memory, keys, i, &mut v);
        }
        v.iter()
            .filter_map(|f| history_ids.get(f).copied())
            .collect()
    };
    let hash = data_hash(train);
    let mut viterbi = model::Viterbi::default();
    let mut pred = Vec::new();
    let mut em: Vec<Row> = Vec::new();
    let mut epochs = Vec::new();
    let mut memory = vec![Memory::default(); keys.len()];
    let margin = opts.margin(lang);
    // A model's scores on the development documents.
    let scored = |bytes: &[u8]| {
        Model::parse(bytes)
            .map(|m| evaluate_stages(stage1.as_ref().map(|s| s.model), &m, lang, dev, rules))
            .unwrap_or_default()
    };
    let mut chosen: Vec<(usize, Averaged)> = Vec::new();
    for run in 0..opts.runs(lang) {
        if run > 0 {
            rng = SplitMix64::new(opts.seed ^ (run as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        let mut weights = Weights::new(fp_of.len());
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut best: Option<(f64, usize, Averaged)> = None;
        for epoch in 1..=opts.epochs {
            rng.shuffle(&mut order);
            for &di in &order {
                let Some(doc) = docs.get(di) else { continue };
                for m in &mut memory {
                    *m = Memory::default();
                }
                for s in doc {
                    let hist: Vec<Vec<u32>> = (0..s.gold.len())
                        .map(|i| history_fp(&memory, &s.keys, i))
                        .collect();
                    weights.emissions(s, &hist, &mut em);
                    add_margins(&mut em, &s.gold, margin);
                    viterbi.run(&weights.start, &weights.trans, &em, &mut pred);
                    if pred != s.gold {
                        weights.learn(s, &hist, &pred);
                    }
                    remember(&mut memory, &s.keys, &pred);
                    weights.c += 1;
                }
            }
            let averaged = Averaged::of(&weights);
            let dev_scores = scored(&export(lang, &opts, hash, &averaged, &fp_of, &vocab));
            let per = dev_scores.class(bilou::Class::Per).f1();
            let loc = dev_scores.class(bilou::Class::Loc).f1();
            log(&format!("epoch {epoch:>2}: {}", dev_line(&dev_scores)));
            // Person and place are what the reader shows.
            let goal = per + loc;
            if best.as_ref().is_none_or(|(b, _, _)| goal > *b) {
                best = Some((goal, epoch, averaged));
            }
            epochs.push(EpochReport {
                epoch,
                dev: dev_scores,
            });
        }
        if let Some((_, epoch, averaged)) = best {
            chosen.push((epoch, averaged));
        }
    }
    let best_epoch = chosen.first().map_or(0, |c| c.0);
    let averaged = Averaged::mean(chosen.into_iter().map(|c| c.1).collect());
    let bytes = export(lang, &opts, hash, &averaged, &fp_of, &vocab);
    if opts.runs(lang) > 1 {
        let line = dev_line(&scored(&bytes));
        log(&format!("{} runs averaged: {line}", opts.runs(lang)));
    }
    Trained {
        bytes,
        epochs,
        best: best_epoch,
    }
}

/// The training decoder's margins of one language (see [`Options::margins`]), in the model's
/// units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Margins {
    /// Added to every wrong tag of a token.
    pub any: i32,
    /// Added besides to `O` on a token of a person's name.
    pub person: i32,
    /// Added besides to `O` on a token of a place's name.
    pub place: i32,
}

/// Adds the training decoder's margins to a sentence's emission rows.
fn add_margins(em: &mut [Row], gold: &[u8], margin: Margins) {
    if margin == Margins::default() {
        return;
    }
    for (row, &g) in em.iter_mut().zip(gold) {
        let extra = match bilou::parts(g).map(|(c, _)| c) {
            Some(bilou::Class::Per) => margin.person,
            Some(bilou::Class::Loc) => margin.place,
            _ => 0,
        };
        for (t, x) in row.iter_mut().enumerate() {
            if t != usize::from(g) {
                *x += margin.any;
                if t == usize::from(bilou::O) {
                    *x += extra;
                }
            }
        }
    }
}

/// The development F1 of persons, places and all classes, as the trainer logs them.
fn dev_line(s: &Scores) -> String {
    format!(
        "dev F1 person {:.2} place {:.2} all {:.2}",
        100.0 * s.class(bilou::Class::Per).f1(),
        100.0 * s.class(bilou::Class::Loc).f1(),
        100.0 * s.overall().f1()
    )
}

/// Averaged weights (Collins' average over every update), as reals.
#[derive(Debug, Clone, Default)]
struct Averaged {
    rows: Vec<[f64; NTAGS]>,
    start: [f64; NTAGS],
    trans: [[f64; NTAGS]; NTAGS],
}

impl Averaged {
    fn of(w: &Weights) -> Averaged {
        let avg = |a: &[i32; NTAGS], b: &[i64; NTAGS]| {
            let mut r = [0.0; NTAGS];
            for ((x, &a), &b) in r.iter_mut().zip(a).zip(b) {
                *x = w.averaged(a, b);
            }
            r
        };
        let mut trans = [[0.0; NTAGS]; NTAGS];
        for ((o, a), b) in trans.iter_mut().zip(&w.trans).zip(&w.trans_u) {
            *o = avg(a, b);
        }
        Averaged {
            rows: w.w.iter().zip(&w.u).map(|(a, b)| avg(a, b)).collect(),
            start: avg(&w.start, &w.start_u),
            trans,
        }
    }

    /// The mean of several runs' weights (one run: itself).
    fn mean(mut runs: Vec<Averaged>) -> Averaged {
        let k = runs.len();
        let Some(mut sum) = runs.pop() else {
            return Averaged::default();
        };
        if k == 1 {
            return sum;
        }
        let add = |o: &mut [f64; NTAGS], x: &[f64; NTAGS]| {
            for (o, x) in o.iter_mut().zip(x) {
                *o += x;
            }
        };
        for r in &runs {
            for (o, x) in sum.rows.iter_mut().zip(&r.rows) {
                add(o, x);
            }
            add(&mut sum.start, &r.start);
            for (o, x) in sum.trans.iter_mut().zip(&r.trans) {
                add(o, x);
            }
        }
        let div = |o: &mut [f64; NTAGS]| {
            for o in o.iter_mut() {
                *o /= k as f64;
            }
        };
        sum.rows.iter_mut().for_each(div);
        div(&mut sum.start);
        sum.trans.iter_mut().for_each(div);
        sum
    }
}

/// Prune, quantise and serialize.
fn export(
    lang: Lang,
    opts: &Options,
    hash: u64,
    w: &Averaged,
    fp_of: &[u32],
    vocab: &Vocab,
) -> Vec<u8> {
    let avg = &w.rows;
    // The scale maps the largest row weight (bar the `clip` share) to 32767.
    let mut maxes: Vec<f64> = avg
        .iter()
        .map(|r| r.iter().fold(0.0f64, |m, x| m.max(x.abs())))
        .collect();
    maxes.sort_by(f64::total_cmp);
    let top = maxes
        .get(
            maxes
                .len()
                .saturating_sub(1 + maxes.len() * opts.clip / 10000),
        )
        .copied()
        .unwrap_or(1.0)
        .max(1e-9);
    let scale = 32767.0 / top;
    let mut rows: Vec<(u32, [i16; NTAGS])> = Vec::new();
    for (r, &f) in avg.iter().zip(fp_of) {
        let mut q = [0i16; NTAGS];
        for (o, &x) in q.iter_mut().zip(r) {
            *o = (x * scale).round().clamp(-32767.0, 32767.0) as i16;
        }
        if q.iter().any(|&x| x != 0) {
            rows.push((f, q));
        }
    }
    rows.sort_by_key(|r| r.0);
    let q = |x: f64| (x * scale).round() as i32;
    let start = w.start.map(q);
    let trans = w.trans.map(|r| r.map(q));
    let fps: Vec<u32> = rows.iter().map(|r| r.0).collect();
    let qs: Vec<[i16; NTAGS]> = rows.iter().map(|r| r.1).collect();
    model::write(lang, opts.seed, hash, &start, &trans, &fps, &qs, vocab)
}

/// Spans predicted by a model on corpus documents (one list per sentence).
pub fn predict(
    first: Option<&Model>,
    model: &Model,
    lang: Lang,
    docs: &[Vec<Sentence>],
    rules: Rules,
) -> Vec<Vec<Span>> {
    docs.iter()
        .flat_map(|d| tag_corpus_doc_stages(first, model, lang, d, rules))
        .collect()
}

/// An annotated article's paragraphs in one language as corpus sentences: the tagger's tokens,
/// gold persons and places (`mentions`: paragraph, char start, char end, class) widened to
/// whole tokens, as the corpora tag them (clitics included). One document.
pub fn article_sentences(
    paragraphs: &[String],
    mentions: &[(usize, usize, usize, bilou::Class)],
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, text) in paragraphs.iter().enumerate() {
        let byte_of = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
        let ranges = super::tokens::tokenize(text);
        let spans: Vec<(Range<usize>, bilou::Class)> = mentions
            .iter()
            .filter(|m| m.0 == pi)
            .map(|m| (byte_of(m.1)..byte_of(m.2), m.3))
            .collect();
        for sentence in super::tokens::sentences(text, &ranges) {
            let toks = ranges.get(sentence).unwrap_or(&[]);
            let mut s = Sentence {
                tokens: toks
                    .iter()
                    .map(|r| text.get(r.clone()).unwrap_or("").to_string())
                    .collect(),
                spans: Vec::new(),
                doc_start: out.is_empty(),
            };
            for (r, class) in &spans {
                let a = toks.partition_point(|t| t.end <= r.start);
                let b = toks.partition_point(|t| t.start < r.end);
                if a < b && !s.spans.iter().any(|x| x.start < b && a < x.end) {
                    s.spans.push(Span {
                        start: a,
                        end: b,
                        class: *class,
                    });
                }
            }
            s.spans.sort();
            out.push(s);
        }
    }
    out
}

/// A corpus back in `CoNLL` form (`token TAG`, BIO), for fixtures.
pub fn to_conll(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        let mut tags = vec![String::from("O"); sent.tokens.len()];
        for sp in &sent.spans {
            for (i, t) in tags.iter_mut().enumerate().take(sp.end).skip(sp.start) {
                let name = if sp.class == bilou::Class::Per {
                    "PERS"
                } else {
                    sp.class.name()
                };
                *t = format!("{}-{name}", if i == sp.start { "B" } else { "I" });
            }
        }
        for (w, t) in sent.tokens.iter().zip(tags) {
            s.push_str(w);
            s.push(' ');
            s.push_str(&t);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp)] // the means of these whole numbers are whole: exact
    fn the_mean_of_runs_averages_every_weight() {
        let run = |x: f64| Averaged {
            rows: vec![[x; NTAGS], [-x; NTAGS]],
            start: [2.0 * x; NTAGS],
            trans: [[3.0 * x; NTAGS]; NTAGS],
        };
        let m = Averaged::mean(vec![run(1.0), run(2.0), run(6.0)]);
        assert_eq!(m.rows, vec![[3.0; NTAGS], [-3.0; NTAGS]]);
        assert_eq!(m.start, [6.0; NTAGS]);
        assert_eq!(m.trans, [[9.0; NTAGS]; NTAGS]);
        // One run is itself, bit for bit (so one run writes the same model as before).
        let one = Averaged::mean(vec![run(0.1)]);
        assert_eq!(one.rows, run(0.1).rows);
        assert!(Averaged::mean(Vec::new()).rows.is_empty());
    }

    #[test]
    fn the_averaged_weights_are_collins_average() {
        // A weight of 4 set at step 1 and of 1 from step 3 on, read at step 5: updates add
        // `c * d` to the sum, so the average is w − u / c.
        let mut w = Weights::new(1);
        w.bump(0, 2, 4);
        w.c = 3;
        w.bump(0, 2, -3);
        w.c = 5;
        let a = Averaged::of(&w);
        let want = 1.0 - (4.0 - 9.0) / 5.0;
        assert!((a.rows.first().map_or(0.0, |r| r[2]) - want).abs() < 1e-12);
    }
}
