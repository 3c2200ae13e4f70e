//! The feature fingerprint and the trainer's random numbers, both written here so that a model
//! trained today loads the same way under any later Rust or crate release; and the one search
//! over a stored table of fingerprints (the model's weights and its vocabulary).
//!
//! Pinned by golden tests: a change to either function invalidates every saved model.

/// Multiplier of the mixing step (a 64-bit odd constant with good bit dispersion).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// A streaming 64-bit hash over feature parts: word-at-a-time multiply-rotate, then the
/// `fmix64` avalanche finaliser.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    /// Start a fingerprint for feature template `template`.
    pub fn new(template: u16) -> Self {
        FeatureHasher(mix(0x51_7cc1_b727_220a ^ u64::from(template)))
    }

    /// Add one part (its length is mixed in, so parts never run into each other).
    #[must_use]
    pub fn part(mut self, bytes: &[u8]) -> Self {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = step(self.0, u64::from_le_bytes(w));
        }
        // The last bytes little-endian, zero-padded (byte by byte: a copy of a length known
        // only at run time calls memcpy).
        let rest = chunks
            .remainder()
            .iter()
            .rev()
            .fold(0u64, |w, &b| w << 8 | u64::from(b));
        self.0 = step(self.0, rest ^ ((bytes.len() as u64) << 56));
        self
    }

    /// The 32-bit fingerprint that models store.
    pub fn finish(self) -> u32 {
        let h = mix(self.0);
        ((h >> 32) ^ h) as u32
    }
}

fn step(h: u64, w: u64) -> u64 {
    (h ^ w.wrapping_mul(K)).rotate_left(27).wrapping_mul(K) ^ (h >> 29)
}

/// `fmix64` (`MurmurHash3`'s finaliser).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The little-endian `u32` at byte `at` of `b` (0 past its end).
pub fn le_u32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}

/// The index of fingerprint `fp` among the entries `lo..hi` of `table`, sorted little-endian
/// `u32`s: a binary search. Unsorted entries give a wrong answer, never a panic.
pub fn find_fp(table: &[u8], fp: u32, mut lo: usize, mut hi: usize) -> Option<usize> {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match le_u32(table, 4 * mid).cmp(&fp) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// `SplitMix64`: the trainer's deterministic shuffles.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K);
        mix(self.0)
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_pinned() {
        // Golden values: if these change, every committed model is invalid.
        assert_eq!(FeatureHasher::new(1).part(b"word").finish(), 0x8f0a_d5e6);
        assert_eq!(
            FeatureHasher::new(2).part("القاهرة".as_bytes()).finish(),
            0xbfa5_9954
        );
        assert_eq!(
            FeatureHasher::new(3).part(b"a").part(b"b").finish(),
            0xaa0d_9cb9
        );
    }

    #[test]
    fn a_stored_table_finds_each_of_its_fingerprints_and_nothing_else() {
        let fps = [3u32, 7, 7 << 16, u32::MAX];
        let table: Vec<u8> = fps.iter().flat_map(|f| f.to_le_bytes()).collect();
        for (i, &f) in fps.iter().enumerate() {
            assert_eq!(find_fp(&table, f, 0, fps.len()), Some(i));
        }
        for f in [0, 4, 8, u32::MAX - 1] {
            assert_eq!(find_fp(&table, f, 0, fps.len()), None);
        }
        // Only within the range asked; a range past the table's end finds nothing, safely.
        assert_eq!(find_fp(&table, 3, 1, 4), None);
        assert_eq!(find_fp(&table, 3, 4, 9), None);
        assert_eq!(le_u32(&table, 13), 0);
    }

    #[test]
    fn parts_do_not_run_into_each_other() {
        let ab = FeatureHasher::new(3).part(b"ab").part(b"").finish();
        let a_b = FeatureHasher::new(3).part(b"a").part(b"b").finish();
        assert_ne!(ab, a_b);
        assert_ne!(
            FeatureHasher::new(1).part(b"x").finish(),
            FeatureHasher::new(2).part(b"x").finish()
        );
    }

    #[test]
    fn the_generator_is_pinned() {
        let mut r = SplitMix64::new(42);
        assert_eq!(r.next_u64(), 0x2d1c_8760_f804_7fc7);
    }
}
