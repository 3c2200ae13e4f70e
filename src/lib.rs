//! bitext: a terminal reader for bilingual articles, Arabic beside English.
//!
//! Module map and dependency direction (arrows point at what a module may use):
//!
//! - [`document`]: decoding, paragraph splitting, language detection, alignment. Pure.
//! - [`layout`]: the bidi-aware layout engine (shape, wrap, reorder, mirror, cell maps). Pure.
//! - [`entities`]: people, places and dates, cross-language links, discrepancies. Pure; → document.
//! - [`view`]: pairs laid out into rows at given column widths. Pure; → document, layout.
//! - [`source`]: reading files and standard input. → document.
//! - [`config`]: finding, reading and checking the config file. → document.
//! - [`tui`]: the interactive reader (the terminal, the saved reading positions). → view, layout,
//!   document, entities.
//!
//! I/O happens in `source`, `config` and `tui` only (tests/architecture.rs checks the pure ones).
//!
//! `main.rs` is thin: command line, config, then run.

pub mod config;
pub mod document;
pub mod entities;
pub mod layout;
pub mod source;
pub mod tui;
pub mod view;
