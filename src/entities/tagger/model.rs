//! The weights file and the decoder.
//!
//! Format (little-endian): magic `BTXTAG01`, format version `u32`, features version `u32`,
//! language `u8` (0 Arabic, 1 English), tag count `u8`, feature count `u32`, seed `u64`,
//! training-data hash `u64`; start scores `i32 × 17`; transition scores `i32 × 17 × 17`; sorted
//! fingerprints `u32 × n`; weight rows `i16 × 17 × n`. Read in place from the
//! `&'static [u8]` of `include_bytes!`: no copy, no alignment needed.

use super::bilou::{NTAGS, allowed, may_end};
use super::features::Vocab;
use super::hash::{find_fp, le_u32 as u32_at};
use crate::document::Lang;

/// File magic.
pub const MAGIC: &[u8; 8] = b"BTXTAG01";
/// File format version.
pub const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 4 + 1 + 1 + 4 + 8 + 8;
const ROW_BYTES: usize = 2 * NTAGS;
const SCORES: usize = 4 * NTAGS + 4 * NTAGS * NTAGS;

/// Scores of the 17 tags.
pub type Row = [i32; NTAGS];

/// Why a weights file was not loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// Not a weights file, or cut short.
    #[error("not a tagger model (bad magic or truncated)")]
    Malformed,
    /// Written by another version of the format or features.
    #[error("model version {0}/{1} does not match this build")]
    Version(u32, u32),
}

/// A loaded model, borrowing its bytes.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    /// Its language.
    pub lang: Lang,
    /// Seed it was trained with.
    pub seed: u64,
    /// Hash of its training data.
    pub data_hash: u64,
    /// What the training corpus says of words.
    pub vocab: Vocab<'a>,
    start: Row,
    trans: [Row; NTAGS],
    fps: &'a [u8],
    rows: &'a [u8],
    /// For each top 16 bits of a fingerprint, the first index with that prefix (65537 entries).
    buckets: Vec<u32>,
}

fn i32_at(b: &[u8], i: usize) -> i32 {
    u32_at(b, i) as i32
}

impl<'a> Model<'a> {
    /// Parse a weights file.
    pub fn parse(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        if bytes.len() < HEADER + SCORES || bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError::Malformed);
        }
        let (format, features) = (u32_at(bytes, 8), u32_at(bytes, 12));
        if format != FORMAT_VERSION || features != super::features::FEATURES_VERSION {
            return Err(ModelError::Version(format, features));
        }
        let lang = match bytes.get(16) {
            Some(0) => Lang::Ar,
            Some(1) => Lang::En,
            _ => return Err(ModelError::Malformed),
        };
        if bytes.get(17).copied() != Some(NTAGS as u8) {
            return Err(ModelError::Malformed);
        }
        let n = u32_at(bytes, 18) as usize;
        let seed = u64::from(u32_at(bytes, 22)) | (u64::from(u32_at(bytes, 26)) << 32);
        let data_hash = u64::from(u32_at(bytes, 30)) | (u64::from(u32_at(bytes, 34)) << 32);
        let mut at = HEADER;
        let mut start = [0; NTAGS];
        for s in &mut start {
            *s = i32_at(bytes, at);
            at += 4;
        }
        let mut trans = [[0; NTAGS]; NTAGS];
        for row in &mut trans {
            for s in row.iter_mut() {
                *s = i32_at(bytes, at);
                at += 4;
            }
        }
        let fps = bytes.get(at..at + 4 * n).ok_or(ModelError::Malformed)?;
        let rows = bytes
            .get(at + 4 * n..at + 4 * n + ROW_BYTES * n)
            .ok_or(ModelError::Malformed)?;
        let at = at + 4 * n + ROW_BYTES * n;
        let m = u32_at(bytes, at) as usize;
        let vfps = bytes
            .get(at + 4..at + 4 + 4 * m)
            .ok_or(ModelError::Malformed)?;
        let codes = bytes
            .get(at + 4 + 4 * m..at + 4 + 5 * m)
            .ok_or(ModelError::Malformed)?;
        let vocab = Vocab::from_bytes(vfps, codes).ok_or(ModelError::Malformed)?;
        let mut buckets = vec![0u32; 65537];
        let mut i = 0usize;
        for (b, slot) in buckets.iter_mut().enumerate() {
            while i < n && (u32_at(fps, 4 * i) >> 16) < b as u32 {
                i += 1;
            }
            *slot = i as u32;
        }
        Ok(Model {
            lang,
            seed,
            data_hash,
            vocab,
            start,
            trans,
            fps,
            rows,
            buckets,
        })
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.fps.len() / 4
    }

    /// Whether it has no features.
    pub fn is_empty(&self) -> bool {
        self.fps.is_empty()
    }

    /// Add the weights of feature `fp` to `row`; false when the model does not know it.
    pub fn add(&self, fp: u32, row: &mut Row) -> bool {
        let b = (fp >> 16) as usize;
        let (lo, hi) = (
            self.buckets.get(b).copied().unwrap_or(0) as usize,
            self.buckets.get(b + 1).copied().unwrap_or(0) as usize,
        );
        let Some(i) = find_fp(self.fps, fp, lo, hi) else {
            return false;
        };
        if let Some(w) = self.rows.get(ROW_BYTES * i..ROW_BYTES * (i + 1)) {
            for (r, x) in row.iter_mut().zip(w.chunks_exact(2)) {
                *r += i32::from(i16::from_le_bytes([x[0], x[1]]));
            }
        }
        true
    }

    /// Best tag sequence for these emission scores.
    pub fn decode(&self, emissions: &[Row], scratch: &mut Viterbi, out: &mut Vec<u8>) {
        scratch.run(&self.start, &self.trans, emissions, out);
    }
}

/// Serialize a model. `fps` sorted ascending, one row of weights each.
#[allow(clippy::too_many_arguments)]
pub fn write(
    lang: Lang,
    seed: u64,
    data_hash: u64,
    start: &Row,
    trans: &[Row; NTAGS],
    fps: &[u32],
    rows: &[[i16; NTAGS]],
    vocab: &Vocab,
) -> Vec<u8> {
    let mut b = Vec::with_capacity(HEADER + SCORES + fps.len() * (4 + ROW_BYTES));
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    b.extend_from_slice(&super::features::FEATURES_VERSION.to_le_bytes());
    b.push(u8::from(lang == Lang::En));
    b.push(NTAGS as u8);
    b.extend_from_slice(&(fps.len() as u32).to_le_bytes());
    b.extend_from_slice(&seed.to_le_bytes());
    b.extend_from_slice(&data_hash.to_le_bytes());
    for s in start {
        b.extend_from_slice(&s.to_le_bytes());
    }
    for row in trans {
        for s in row {
            b.extend_from_slice(&s.to_le_bytes());
        }
    }
    for f in fps {
        b.extend_from_slice(&f.to_le_bytes());
    }
    for row in rows {
        for w in row {
            b.extend_from_slice(&w.to_le_bytes());
        }
    }
    let (vfps, codes) = vocab.bytes();
    b.extend_from_slice(&(vocab.len() as u32).to_le_bytes());
    b.extend_from_slice(vfps);
    b.extend_from_slice(codes);
    b
}

/// Reusable buffers of the Viterbi decoder.
#[derive(Debug, Default, Clone)]
pub struct Viterbi {
    back: Vec<[u8; NTAGS]>,
}

impl Viterbi {
    /// First-order Viterbi under the BILOU constraints; integer scores, ties to the lower tag.
    ///
    /// Scores are `i32`, brought back to a best of 0 after each token: a token's emission and
    /// transition scores are sums of at most a few hundred `i16` weights (a few million), and
    /// the scores of a step lie within a few tokens' worth of each other, so that a forbidden
    /// start ([`FORBIDDEN`]) stays far from overflow and far below any allowed path. Forbidden
    /// transitions are never weighed: each tag's best predecessor is the maximum over those
    /// that [`allowed`] lets precede it, 9 for O, B-* and U-* ([`AFTER_NAME`]), 2 for I-* and
    /// L-*.
    pub fn run(&mut self, start: &Row, trans: &[Row; NTAGS], em: &[Row], out: &mut Vec<u8>) {
        out.clear();
        let n = em.len();
        if n == 0 {
            return;
        }
        self.back.clear();
        self.back.resize(n, [0; NTAGS]);
        // Tags that may not start a sentence: below any path that may.
        let mut score = [FORBIDDEN; NTAGS];
        if let Some(e0) = em.first() {
            for t in 0..NTAGS {
                if allowed(None, t as u8) {
                    score[t] = start[t] + e0[t];
                }
            }
        }
        // Only the allowed transitions are weighed (97 of the 17 × 17): into O, B-* and U-*
        // from O, L-* and U-*, and into I-X and L-X from B-X and I-X.
        let mut open = [[0; OPEN]; OPEN];
        for (row, &p) in open.iter_mut().zip(&AFTER_NAME) {
            for (x, &t) in row.iter_mut().zip(&NAME_START) {
                *x = trans[p][t];
            }
        }
        for (e, back) in em.iter().zip(self.back.iter_mut()).skip(1) {
            let mut next = [0; NTAGS];
            // A maximum over the predecessors in ascending order, a tie to the first.
            let mut best = open[0].map(|tr| score[AFTER_NAME[0]] + tr);
            let mut arg = [AFTER_NAME[0] as u8; OPEN];
            for (&p, row) in AFTER_NAME.iter().zip(&open).skip(1) {
                let sp = score[p];
                for ((b, a), &tr) in best.iter_mut().zip(arg.iter_mut()).zip(row) {
                    let c = sp + tr;
                    if c > *b {
                        *b = c;
                        *a = p as u8;
                    }
                }
            }
            for ((&t, &b), &a) in NAME_START.iter().zip(&best).zip(&arg) {
                next[t] = b;
                back[t] = a;
            }
            for class in 0..4 {
                let (b, i) = (1 + 4 * class, 2 + 4 * class);
                for t in [i, i + 1] {
                    let (from_b, from_i) = (score[b] + trans[b][t], score[i] + trans[i][t]);
                    (next[t], back[t]) = if from_i > from_b {
                        (from_i, i as u8)
                    } else {
                        (from_b, b as u8)
                    };
                }
            }
            for (x, &e) in next.iter_mut().zip(e) {
                *x += e;
            }
            let top = next.iter().copied().max().unwrap_or(0);
            for x in &mut next {
                *x -= top;
            }
            score = next;
        }
        let mut best = i32::MIN;
        let mut last = 0u8;
        for (t, &s) in score.iter().enumerate() {
            if may_end(t as u8) && s > best {
                best = s;
                last = t as u8;
            }
        }
        out.resize(n, 0);
        let mut t = last;
        for i in (0..n).rev() {
            if let Some(o) = out.get_mut(i) {
                *o = t;
            }
            if i > 0 {
                t = self.back.get(i).map_or(0, |b| b[t as usize]);
            }
        }
    }
}

/// The score of a first tag that may not start a sentence.
const FORBIDDEN: i32 = -500_000_000;
/// The tags after which a name may begin: O, L-* and U-*, in ascending order.
const AFTER_NAME: [usize; OPEN] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// The tags that may follow those: O, B-* and U-*, in ascending order.
const NAME_START: [usize; OPEN] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
const OPEN: usize = 9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weighed_transitions_are_the_allowed_ones() {
        for p in 0..NTAGS {
            for t in 0..NTAGS {
                let open = AFTER_NAME.contains(&p) && NAME_START.contains(&t);
                // B-X or I-X into I-X or L-X.
                let inner = p != 0 && (p - 1) % 4 < 2 && t != 0 && (t - 1) / 4 == (p - 1) / 4;
                let inner = inner && (t - 1) % 4 >= 1 && (t - 1) % 4 <= 2;
                assert_eq!(open || inner, allowed(Some(p as u8), t as u8), "{p}->{t}");
            }
        }
    }

    /// Viterbi over all 17 × 17 transitions, the forbidden ones far below the rest.
    fn dense(start: &Row, trans: &[Row; NTAGS], em: &[Row]) -> Vec<u8> {
        const MASKED: i32 = -1_000_000_000;
        let mut score = [FORBIDDEN; NTAGS];
        for t in 0..NTAGS {
            if allowed(None, t as u8) {
                score[t] = start[t] + em[0][t];
            }
        }
        let mut back = vec![[0u8; NTAGS]; em.len()];
        for (e, back) in em.iter().zip(&mut back).skip(1) {
            let mut next = [i32::MIN; NTAGS];
            for p in 0..NTAGS {
                for t in 0..NTAGS {
                    let tr = if allowed(Some(p as u8), t as u8) {
                        trans[p][t]
                    } else {
                        MASKED
                    };
                    if score[p] + tr > next[t] {
                        next[t] = score[p] + tr;
                        back[t] = p as u8;
                    }
                }
            }
            let top = (0..NTAGS).map(|t| next[t] + e[t]).max().unwrap();
            for t in 0..NTAGS {
                score[t] = next[t] + e[t] - top;
            }
        }
        let mut last = 0;
        for t in 0..NTAGS {
            if may_end(t as u8) && score[t] > score[last] {
                last = t;
            }
        }
        let mut out = vec![0; em.len()];
        for i in (0..em.len()).rev() {
            out[i] = last as u8;
            last = back[i][last] as usize;
        }
        out
    }

    #[test]
    fn weighing_only_the_allowed_transitions_decodes_as_weighing_all() {
        let mut rng = super::super::hash::SplitMix64::new(7);
        // Small ranges make many ties, which go to the lower tag either way.
        for range in [3, 40, 20_000] {
            let mut draw = || (rng.next_u64() % (2 * range + 1)) as i32 - range as i32;
            for n in 1..40 {
                let start: Row = std::array::from_fn(|_| draw());
                let trans: [Row; NTAGS] = std::array::from_fn(|_| std::array::from_fn(|_| draw()));
                let em: Vec<Row> = (0..n).map(|_| std::array::from_fn(|_| draw())).collect();
                let mut out = Vec::new();
                Viterbi::default().run(&start, &trans, &em, &mut out);
                assert_eq!(out, dense(&start, &trans, &em), "range {range}, {n} tokens");
            }
        }
    }

    #[test]
    fn a_written_model_reads_back() {
        let mut rows = vec![[0i16; NTAGS]; 3];
        rows[1][5] = 7;
        rows[2][0] = -3;
        let bytes = write(
            Lang::En,
            9,
            11,
            &[1; NTAGS],
            &[[2; NTAGS]; NTAGS],
            &[5, 70_000, 4_000_000_000],
            &rows,
            &Vocab::from_counts([(3, [2, 1, 0, 0])].into_iter()),
        );
        let m = Model::parse(&bytes).unwrap();
        assert_eq!((m.lang, m.seed, m.data_hash, m.len()), (Lang::En, 9, 11, 3));
        // Seen twice (bucket 2), half of the times in a person (share 2).
        assert_eq!(m.vocab.entries().collect::<Vec<_>>(), [(3, 2 | 2 << 3)]);
        let mut row = [0; NTAGS];
        assert!(m.add(70_000, &mut row));
        assert_eq!(row[5], 7);
        assert!(m.add(4_000_000_000, &mut row));
        assert_eq!(row[0], -3);
        assert!(!m.add(6, &mut row));
        assert_eq!(
            Model::parse(&bytes[..40]).unwrap_err(),
            ModelError::Malformed
        );
    }

    #[test]
    fn viterbi_output_is_well_formed() {
        let mut em = vec![[0; NTAGS]; 4];
        // Each token alone prefers an inside tag, which may not start or end a sentence.
        for e in &mut em {
            e[2] = 10;
        }
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.run(&[0; NTAGS], &[[0; NTAGS]; NTAGS], &em, &mut out);
        assert!(allowed(None, out[0]));
        for w in out.windows(2) {
            assert!(allowed(Some(w[0]), w[1]), "{out:?}");
        }
        assert!(may_end(out[3]));
    }
}
