//! Helpers shared by the tests and benchmarks: which `bitext` binary to run, and the project's
//! text files.

#![allow(dead_code)] // each test or benchmark uses a part

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The newest modification time among the sources the binary is built from.
fn newest_source() -> Option<SystemTime> {
    fn walk(dir: &Path, newest: &mut Option<SystemTime>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, newest);
            } else if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                *newest = (*newest).max(Some(t));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut newest = None;
    walk(&root.join("src"), &mut newest);
    walk(&root.join("assets"), &mut newest);
    for f in ["Cargo.toml", "Cargo.lock"] {
        if let Ok(t) = std::fs::metadata(root.join(f)).and_then(|m| m.modified()) {
            newest = newest.max(Some(t));
        }
    }
    newest
}

/// The binary under test: the release build, as a user runs it (CI builds it before the tests),
/// when it is newer than every source file; otherwise the test profile's build.
pub fn bitext_binary() -> PathBuf {
    let test_build = PathBuf::from(env!("CARGO_BIN_EXE_bitext"));
    let release = test_build
        .parent()
        .and_then(Path::parent)
        .map(|target| target.join("release").join("bitext"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match release {
        Some(r) if modified(&r).is_some() && modified(&r) >= newest_source() => r,
        _ => test_build,
    }
}

/// The files under `dir` (recursively, sorted by path within each folder) whose extension is one
/// of `extensions`; nothing when `dir` cannot be read.
pub fn text_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, extensions, out);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, extensions, &mut out);
    out
}
