//! The dependency rules of ARCHITECTURE.md, checked on the source: the pure modules never import
//! the terminal crates or do I/O, and every module file opens with a `//!` comment.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_files(name: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    let top = src.join(format!("{name}.rs"));
    if top.exists() {
        files.push(top);
    }
    rust_files(&src.join(name), &mut files);
    files
}

/// Code lines, without comments (so a doc comment may name what a module must not use).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn pure_modules_do_not_touch_the_terminal_or_do_io() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "std::io",
        "std::env",
        "std::process",
        "std::net",
        "std::thread::sleep",
    ];
    let mut offences = vec![];
    for module in ["document", "layout", "entities", "view"] {
        let files = module_files(module);
        assert!(!files.is_empty(), "module {module} has no files");
        for file in files {
            // Tests beside the code may read fixtures.
            let text = code(&file);
            let body = text.split("#[cfg(test)]").next().unwrap_or_default();
            for word in forbidden {
                if body.contains(word) {
                    offences.push(format!("{}: uses {word}", file.display()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn every_module_file_opens_with_a_doc_comment() {
    let mut files = vec![];
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "no //! comment: {missing:#?}");
}
