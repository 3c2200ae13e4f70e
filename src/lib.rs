//! bitext: a terminal reader for bilingual articles, Arabic beside English.
//!
//! Module map and dependency direction (arrows point at what a module may use):
//!
//! - [`document`]: decoding, paragraph splitting, language detection, alignment. Pure.
//! - [`layout`]: the bidi-aware layout engine (shape, wrap, reorder, mirror, cell maps). Pure.
//! - [`entities`]: people, places and dates, cross-language links, discrepancies. Pure; → document.
//! - [`view`]: pairs laid out into rows at given column widths. Pure; → document, layout.
//! - [`source`]: reading files and standard input. → document.
//! - [`keymap`]: the reader's actions, key specs and default bindings, from one table. Pure.
//! - [`config`]: finding, reading and checking the config file. → document, source, keymap.
//! - [`tui`]: the interactive reader (the terminal, the saved reading positions). → all of the
//!   above.
//!
//! ARCHITECTURE.md holds the full table; `tests/architecture.rs` checks every `crate::` path
//! against it, and that the pure modules never touch the terminal or do I/O. I/O happens in
//! `source` (the input files), `config` (the config file and the environment) and `tui` (the
//! terminal, the saved positions), and in the binaries (`main.rs` writes `--print` and `--json`
//! to standard output; the `src/bin` tools read corpora and write weights).
//!
//! `main.rs` is thin: command line, config, then run.

pub mod config;
pub mod document;
pub mod entities;
pub mod keymap;
pub mod layout;
pub mod source;
pub mod tui;
pub mod view;
