//! A Fenwick (binary indexed) tree of pair heights: prefix sums, point updates and "which pair
//! holds row r" in O(log n), so a row offset maps to a pair without walking the document.
//!
//! Pure data structure; no dependencies.

/// Prefix sums over non-negative heights.
#[derive(Debug, Clone, Default)]
#[allow(clippy::len_without_is_empty)] // a private helper; emptiness is `len() == 0`
pub struct Fenwick {
    tree: Vec<u64>,
    values: Vec<u64>,
}

impl Fenwick {
    /// Builds the tree over `values` in O(n).
    pub fn new(values: Vec<u64>) -> Fenwick {
        let n = values.len();
        let mut tree = vec![0; n + 1];
        for (i, &v) in values.iter().enumerate() {
            let k = i + 1;
            tree[k] += v;
            let parent = k + (k & k.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[k];
            }
        }
        Fenwick { tree, values }
    }

    /// Appends an entry in O(log n).
    pub fn push(&mut self, value: u64) {
        if self.tree.is_empty() {
            self.tree.push(0);
        }
        let k = self.values.len() + 1;
        // Node k covers the entries (k - lowbit(k), k]: the new value and the sum of the
        // lowbit(k) - 1 entries before it.
        let covered = self.prefix(k - 1) - self.prefix(k - (k & k.wrapping_neg()));
        self.tree.push(covered + value);
        self.values.push(value);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The value at `i`.
    pub fn get(&self, i: usize) -> u64 {
        self.values.get(i).copied().unwrap_or(0)
    }

    /// Sets the value at `i` (ignored out of range).
    pub fn set(&mut self, i: usize, value: u64) {
        let Some(old) = self.values.get_mut(i) else {
            return;
        };
        let (add, sub) = if value >= *old {
            (value - *old, 0)
        } else {
            (0, *old - value)
        };
        *old = value;
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] = self.tree[k] + add - sub;
            k += k & k.wrapping_neg();
        }
    }

    /// Sum of the values before `i` (of entries `0..i`).
    pub fn prefix(&self, i: usize) -> u64 {
        let mut k = i.min(self.values.len());
        let mut sum = 0;
        while k > 0 {
            sum += self.tree[k];
            k &= k - 1;
        }
        sum
    }

    /// Sum of all values.
    pub fn total(&self) -> u64 {
        self.prefix(self.values.len())
    }

    /// The entry that holds position `pos` (the first `i` with `prefix(i + 1) > pos`), and the
    /// position's offset within it; `None` when `pos >= total()`.
    pub fn find(&self, pos: u64) -> Option<(usize, u64)> {
        let n = self.values.len();
        let mut idx = 0;
        let mut rest = pos;
        let mut step = if n == 0 { 0 } else { 1 << n.ilog2() };
        while step > 0 {
            let next = idx + step;
            if next <= n && self.tree[next] <= rest {
                idx = next;
                rest -= self.tree[next];
            }
            step >>= 1;
        }
        (idx < n).then_some((idx, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_a_plain_vector(
            values in proptest::collection::vec(0u64..20, 0..60),
            updates in proptest::collection::vec((0usize..60, 0u64..20), 0..30),
        ) {
            let mut plain = values.clone();
            // Half built at once, half appended: both ways must give the same tree.
            let half = values.len() / 2;
            let mut f = Fenwick::new(values[..half].to_vec());
            for &v in &values[half..] {
                f.push(v);
            }
            for (i, v) in updates {
                if i < plain.len() {
                    plain[i] = v;
                }
                f.set(i, v);
            }
            for i in 0..=plain.len() {
                prop_assert_eq!(f.prefix(i), plain[..i].iter().sum::<u64>());
            }
            let total: u64 = plain.iter().sum();
            prop_assert_eq!(f.total(), total);
            for pos in 0..total + 2 {
                let expected = {
                    let mut acc = 0;
                    let mut found = None;
                    for (i, &v) in plain.iter().enumerate() {
                        if pos < acc + v {
                            found = Some((i, pos - acc));
                            break;
                        }
                        acc += v;
                    }
                    found
                };
                prop_assert_eq!(f.find(pos), expected);
            }
        }
    }
}
