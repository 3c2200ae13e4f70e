//! The dependency rules of ARCHITECTURE.md, checked on the source: each module uses only the
//! modules its row of the table allows ("may depend on"), the pure modules never import the
//! terminal crates or do I/O, and every module file opens with a `//!` comment.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::collections::{BTreeMap, BTreeSet};
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
    for module in ["document", "layout", "entities", "view", "keymap"] {
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

/// The module table of ARCHITECTURE.md: for each module of the library, the modules of ours it
/// may use. A row's last column names them in backquotes; "nothing of ours" allows none, "all of
/// the above" every module of the rows above. Rows naming files (`main.rs`) are the binary's, which
/// may use the whole library, and are not checked here.
fn allowed_table(markdown: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut table: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut above: Vec<String> = vec![];
    for line in markdown.lines().map(str::trim) {
        let cells: Vec<&str> = line
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
            .map(|l| l.split('|').map(str::trim).collect())
            .unwrap_or_default();
        if cells.len() < 3 {
            continue;
        }
        let (Some(name), Some(deps)) = (
            cells[0].strip_prefix('`').and_then(|c| c.strip_suffix('`')),
            cells.last(),
        ) else {
            continue;
        };
        if name.contains('.') || name.contains('`') {
            continue;
        }
        let allowed: BTreeSet<String> = if deps.contains("all of the above") {
            above.iter().cloned().collect()
        } else {
            deps.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        above.push(name.to_owned());
        table.insert(name.to_owned(), allowed);
    }
    table
}

/// The modules of ours that `code` (a file of module `own`, at `depth` modules below the crate
/// root) uses by path: `crate::x`, `crate::{x, y::z}`, and `super::…::x` that climbs to the root.
fn used_modules(code: &str, depth: usize, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let before = |at: usize| code.get(..at).unwrap_or_default().chars().next_back();
    for (at, _) in code.match_indices("crate::") {
        let after = code.get(at + "crate::".len()..).unwrap_or_default();
        if before(at).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            // Only the first level of the group names modules.
            let mut level = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        used.insert(ident(item.trim()));
                        item.clear();
                    }
                    _ if level == 0 => item.push(c),
                    _ => {}
                }
            }
            used.insert(ident(item.trim()));
        } else {
            used.insert(ident(after));
        }
    }
    for (at, _) in code.match_indices("super::") {
        let mut after = code.get(at..).unwrap_or_default();
        if before(at).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut climbs = 0;
        while let Some(next) = after.strip_prefix("super::") {
            climbs += 1;
            after = next;
        }
        if climbs >= depth {
            used.insert(ident(after));
        }
    }
    used.retain(|m| known.contains(m));
    used
}

/// Every use of a module that the table does not allow, as `file: module → used`.
fn violations(
    table: &BTreeMap<String, BTreeSet<String>>,
    files: &[(String, usize, String, String)],
) -> Vec<String> {
    let known: BTreeSet<String> = table.keys().cloned().collect();
    let mut out = vec![];
    for (module, depth, name, text) in files {
        let allowed = &table[module];
        for used in used_modules(text, *depth, &known) {
            if used != *module && !allowed.contains(&used) {
                out.push(format!(
                    "{name}: {module} uses {used}, which its row does not allow"
                ));
            }
        }
    }
    out
}

#[test]
fn modules_use_only_what_the_architecture_table_allows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = allowed_table(&std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap());
    for m in [
        "document", "layout", "entities", "view", "config", "tui", "keymap",
    ] {
        assert!(table.contains_key(m), "ARCHITECTURE.md has no row for {m}");
    }
    let src = root.join("src");
    // Every module of the library has a row, so a new one cannot escape the check.
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line
            .trim()
            .strip_prefix("pub mod ")
            .or_else(|| line.trim().strip_prefix("mod "))
        {
            let m = m.trim_end_matches(';');
            assert!(
                table.contains_key(m),
                "ARCHITECTURE.md has no row for module {m}"
            );
        }
    }
    let mut files = vec![];
    for module in table.keys() {
        for file in module_files(module) {
            let rel = file.strip_prefix(&src).unwrap();
            let depth = rel.components().count();
            files.push((
                module.clone(),
                depth,
                rel.display().to_string(),
                code(&file),
            ));
        }
    }
    let offences = violations(&table, &files);
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn the_dependency_checker_catches_what_the_table_forbids() {
    let table = allowed_table(
        "| module | what it does | may depend on |\n\
         |---|---|---|\n\
         | `base` | the bottom, see `top` in the middle column | nothing of ours |\n\
         | `mid` | uses base | `base` (for its types) |\n\
         | `top` | the rest | all of the above |\n\
         | `main.rs` | the binary | the library |\n",
    );
    assert_eq!(table.len(), 3, "{table:?}");
    assert!(table["base"].is_empty());
    assert_eq!(table["mid"], BTreeSet::from(["base".to_owned()]));
    assert_eq!(
        table["top"],
        BTreeSet::from(["base".to_owned(), "mid".to_owned()])
    );
    let file = |module: &str, depth: usize, text: &str| {
        (
            module.to_owned(),
            depth,
            format!("{module}.rs"),
            text.to_owned(),
        )
    };
    // Allowed: its own module, an allowed one, a crate of the same name outside ours, a
    // `super` that stays inside the module.
    let allowed_uses = [
        file(
            "mid",
            1,
            "use crate::base::Thing;\nuse crate::mid::x;\nuse top::y;",
        ),
        file("mid", 2, "use super::super::base::T;"),
        file("mid", 3, "use super::super::x;"),
        file("top", 1, "use crate::{base::A, mid::{B, C}};"),
        file("base", 1, "let s = \"not$crate::top\";"),
    ];
    assert_eq!(violations(&table, &allowed_uses), Vec::<String>::new());
    // Forbidden: a plain path, a group, a path in an expression, a `super` to the root.
    let forbidden_uses = [
        file("base", 1, "use crate::mid::Thing;"),
        file("mid", 1, "use crate::{base::A, top::{B, C}};"),
        file("mid", 1, "let x = crate::top::f();"),
        file("base", 2, "use super::super::top::T;"),
    ];
    let found = violations(&table, &forbidden_uses);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("base uses mid"), "{found:#?}");
    assert!(found[1].contains("mid uses top"), "{found:#?}");
    assert!(found[2].contains("mid uses top"), "{found:#?}");
    assert!(found[3].contains("base uses top"), "{found:#?}");
}
