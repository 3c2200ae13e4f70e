//! The layout cache: laid-out paragraphs kept by (language, paragraph) within a byte budget,
//! dropping what the last two screens did not use when it is full.
//!
//! Pure: must not depend on ratatui, crossterm, or do I/O.

use crate::document::Lang;
use crate::layout::VisualLine;
use std::collections::HashMap;
use std::rc::Rc;

/// How much source text (in bytes) the layout cache holds before it drops what the current
/// screen does not use: memory stays bounded on a huge document (a laid-out byte costs a few
/// dozen bytes of cells), while the paragraphs on screen are never laid out twice in a row.
/// Heights, which are small, are always kept (see `heights`).
pub const CACHE_BUDGET_BYTES: usize = 4 << 20;

/// A paragraph: its language and its index within the language.
pub type Key = (Lang, usize);

/// A laid-out paragraph in the cache.
#[derive(Debug)]
struct Entry {
    lines: Rc<[VisualLine]>,
    /// Source bytes it was laid out from.
    bytes: usize,
    /// The frame ([`LayoutCache::next_frame`]) it was last used in.
    used: u64,
}

/// Laid-out paragraphs, within a budget of source bytes.
#[derive(Debug)]
pub struct LayoutCache {
    entries: HashMap<Key, Entry>,
    /// Source bytes held.
    bytes: usize,
    /// Counts frames (one per screen drawn or pair printed), to tell what the current screen
    /// uses.
    tick: u64,
    /// Source bytes it may hold beyond what the last two frames use.
    budget: usize,
}

impl Default for LayoutCache {
    fn default() -> Self {
        LayoutCache {
            entries: HashMap::new(),
            bytes: 0,
            tick: 0,
            budget: CACHE_BUDGET_BYTES,
        }
    }
}

impl LayoutCache {
    /// A new frame begins: what is used from now on belongs to it.
    pub fn next_frame(&mut self) {
        self.tick += 1;
    }

    /// The lines of a paragraph, when cached (marked used in this frame).
    pub fn get(&mut self, key: Key) -> Option<Rc<[VisualLine]>> {
        let tick = self.tick;
        self.entries.get_mut(&key).map(|e| {
            e.used = tick;
            Rc::clone(&e.lines)
        })
    }

    /// Whether a paragraph is cached.
    pub fn contains(&self, key: Key) -> bool {
        self.entries.contains_key(&key)
    }

    /// Caches a paragraph laid out from `bytes` source bytes; when that goes over the budget,
    /// first drops what the last two frames did not use.
    pub fn insert(&mut self, key: Key, lines: Rc<[VisualLine]>, bytes: usize) {
        if self.bytes + bytes > self.budget {
            self.keep_recent();
        }
        self.put(key, lines, bytes);
    }

    /// Caches a paragraph whatever the budget (a printer's prefilled range, held until the
    /// next [`LayoutCache::keep_recent`]).
    pub fn put(&mut self, key: Key, lines: Rc<[VisualLine]>, bytes: usize) {
        let used = self.tick;
        if let Some(old) = self.entries.insert(key, Entry { lines, bytes, used }) {
            self.bytes -= old.bytes;
        }
        self.bytes += bytes;
    }

    /// Drops what the current frame and the one before did not use.
    pub fn keep_recent(&mut self) {
        let tick = self.tick;
        self.entries.retain(|_, e| e.used + 1 >= tick);
        self.bytes = self.entries.values().map(|e| e.bytes).sum();
    }

    /// Drops one paragraph.
    pub fn remove(&mut self, key: Key) {
        if let Some(old) = self.entries.remove(&key) {
            self.bytes -= old.bytes;
        }
    }

    /// Drops everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }

    /// Source bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Changes the budget (source bytes).
    pub fn set_budget(&mut self, bytes: usize) {
        self.budget = bytes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Rc<[VisualLine]> {
        Rc::from(vec![VisualLine::default()])
    }

    #[test]
    fn over_the_budget_only_the_last_two_frames_stay() {
        let mut c = LayoutCache::default();
        c.set_budget(10);
        c.insert((Lang::Ar, 0), lines(), 4);
        c.next_frame();
        c.insert((Lang::Ar, 1), lines(), 4);
        c.next_frame();
        assert!(c.get((Lang::Ar, 1)).is_some());
        assert_eq!(c.bytes(), 8);
        // Over the budget: paragraph 0, last used two frames ago, goes.
        c.insert((Lang::En, 0), lines(), 4);
        assert!(!c.contains((Lang::Ar, 0)));
        assert!(c.contains((Lang::Ar, 1)) && c.contains((Lang::En, 0)));
        assert_eq!(c.bytes(), 8);
        c.remove((Lang::En, 0));
        assert_eq!(c.bytes(), 4);
        c.put((Lang::Ar, 1), lines(), 6);
        assert_eq!(c.bytes(), 6, "a paragraph put again is counted once");
        c.clear();
        assert_eq!(c.bytes(), 0);
    }
}
