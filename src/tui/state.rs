//! Reading positions remembered per file, under the data directory from `directories`.
//!
//! One small JSON file per document, named by a stable hash of the document's canonical path.
//! Writes are atomic (write a unique temporary file, fsync it, rename it over the old one, fsync
//! the directory), so a process killed mid-write leaves the previous state intact and two
//! instances on one file never interleave their bytes. A damaged file reads as an error that the
//! caller shows as a warning; nothing here panics. Does file I/O; must not touch the terminal.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is remembered about one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The key it was saved under (the canonical path), to catch hash collisions.
    pub key: String,
    /// The pair at the top of the screen.
    pub pair: usize,
    /// Rows of that pair scrolled past.
    pub offset: usize,
    /// How many pairs the document had (a changed file may move the position).
    pub pairs: usize,
    /// The current pair, which near the end of the document is below the top one (absent in
    /// files saved before it was kept: the pair at the top is current then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<usize>,
}

/// A problem reading or writing state. Never fatal: the reader warns and goes on.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// No data directory could be determined (no home directory).
    #[error("no data directory for the reading position")]
    NoDir,
    /// Reading or writing failed.
    #[error("reading position {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid state.
    #[error("reading position {path} is damaged ({message}); it was ignored")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The directory of state files.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
}

/// Numbers the temporary files of this process. With the pid and the time, two writers never
/// share a temporary file.
static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// FNV-1a, 64 bits: a hash that stays the same across Rust releases (file names depend on it).
fn fnv1a(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}

impl StateStore {
    /// The store in the platform data directory (`$XDG_DATA_HOME/bitext/positions` on Linux).
    pub fn open_default() -> Result<StateStore, StateError> {
        let dirs = directories::ProjectDirs::from("", "", "bitext").ok_or(StateError::NoDir)?;
        Ok(StateStore::new(dirs.data_dir().join("positions")))
    }

    /// A store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> StateStore {
        StateStore { dir: dir.into() }
    }

    /// The file that holds the state of `key`.
    pub fn file_for(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.json", fnv1a(key.as_bytes())))
    }

    /// The saved state of `key`, `None` when there is none.
    pub fn load(&self, key: &str) -> Result<Option<Saved>, StateError> {
        let path = self.file_for(key);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StateError::Io { path, source }),
        };
        let saved: Saved = serde_json::from_slice(&bytes).map_err(|e| StateError::Damaged {
            path: path.clone(),
            message: e.to_string(),
        })?;
        // Another document whose key hashes alike: not ours.
        Ok((saved.key == key).then_some(saved))
    }

    /// Saves `state` atomically.
    pub fn save(&self, state: &Saved) -> Result<(), StateError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StateError::Io { path, source }
        };
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let path = self.file_for(&state.key);
        let seq = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = self.dir.join(format!(
            ".{:016x}.{}.{seq}.{nanos}.tmp",
            fnv1a(state.key.as_bytes()),
            std::process::id()
        ));
        let json = serde_json::to_vec_pretty(state).map_err(|e| StateError::Damaged {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            // Make the rename itself durable (not possible on every platform; best effort).
            if let Ok(d) = std::fs::File::open(&self.dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            StateError::Io {
                path: path.clone(),
                source,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(key: &str, pair: usize) -> Saved {
        Saved {
            key: key.into(),
            pair,
            offset: 2,
            pairs: 18,
            current: Some(pair + 1),
        }
    }

    #[test]
    fn round_trips_and_keeps_files_apart() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::new(dir.path().join("deep").join("positions"));
        assert_eq!(store.load("/a.txt").unwrap(), None);
        store.save(&saved("/a.txt", 3)).unwrap();
        store.save(&saved("/b.txt", 7)).unwrap();
        store.save(&saved("/a.txt", 5)).unwrap();
        assert_eq!(store.load("/a.txt").unwrap(), Some(saved("/a.txt", 5)));
        assert_eq!(store.load("/b.txt").unwrap(), Some(saved("/b.txt", 7)));
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("deep").join("positions"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| Path::new(n).extension().is_some_and(|e| e == "json"))
        );
    }

    #[test]
    fn damaged_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::new(dir.path());
        for junk in [&b"{\"key\": \"/a.txt\", \"pa"[..], b"\xff\xfe", b"[]", b""] {
            std::fs::write(store.file_for("/a.txt"), junk).unwrap();
            let e = store.load("/a.txt").unwrap_err();
            assert!(e.to_string().contains("damaged"), "{e}");
        }
        // Saving over a damaged file repairs it.
        store.save(&saved("/a.txt", 1)).unwrap();
        assert_eq!(store.load("/a.txt").unwrap(), Some(saved("/a.txt", 1)));
    }

    #[test]
    fn unwritable_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the directory should be.
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let store = StateStore::new(blocker.join("positions"));
        assert!(store.save(&saved("/a.txt", 1)).is_err());
        assert!(store.load("/a.txt").is_err() || store.load("/a.txt").unwrap().is_none());
    }

    #[test]
    fn concurrent_writers_leave_one_whole_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::new(dir.path());
        std::thread::scope(|s| {
            for t in 0..4 {
                let store = store.clone();
                s.spawn(move || {
                    for i in 0..50 {
                        store.save(&saved("/same.txt", t * 100 + i)).unwrap();
                    }
                });
            }
        });
        let got = store.load("/same.txt").unwrap().unwrap();
        assert_eq!(got.key, "/same.txt");
        assert!(got.pair % 100 == 49, "{got:?}");
    }

    #[test]
    fn a_write_killed_before_its_rename_leaves_the_old_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::new(dir.path());
        store.save(&saved("/a.txt", 4)).unwrap();
        // What a process killed between writing its temporary file and renaming it leaves:
        // a half-written temporary beside the real file.
        let stale = dir
            .path()
            .join(format!(".{:016x}.99999.0.0.tmp", fnv1a(b"/a.txt")));
        std::fs::write(&stale, b"{\"key\": \"/a.txt\", \"pa").unwrap();
        assert_eq!(store.load("/a.txt").unwrap(), Some(saved("/a.txt", 4)));
        // The next save is not disturbed by it.
        store.save(&saved("/a.txt", 9)).unwrap();
        assert_eq!(store.load("/a.txt").unwrap(), Some(saved("/a.txt", 9)));
    }

    #[test]
    fn a_file_saved_without_the_current_pair_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::new(dir.path());
        std::fs::write(
            store.file_for("/a.txt"),
            br#"{"key": "/a.txt", "pair": 3, "offset": 1, "pairs": 18}"#,
        )
        .unwrap();
        let got = store.load("/a.txt").unwrap().unwrap();
        assert_eq!((got.pair, got.current), (3, None));
    }

    #[test]
    fn hash_is_stable() {
        // FNV-1a test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
