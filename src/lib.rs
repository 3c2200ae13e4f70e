//! bitext: a terminal reader for bilingual articles, Arabic beside English.
//!
//! Module map and dependency direction (arrows point at what a module may use):
//!
//! - [`document`]: decoding, paragraph splitting, language detection, alignment. Pure.
//! - [`layout`]: the bidi-aware layout engine (shape, wrap, reorder, mirror, cell maps). Pure.
//! - [`entities`]: people, places and dates, cross-language links, discrepancies. Pure; → document.
//! - [`view`]: pairs laid out into rows at given column widths. Pure; → document, layout.
//! - [`source`]: reading files and standard input (the only I/O below the binary). → document.
//! - [`tui`]: the interactive reader. → view, layout, document, entities.
//!
//! `main.rs` is thin: command line, config, then run.

pub mod config;
pub mod document;
pub mod entities;
pub mod layout;
pub mod source;
pub mod tui;
pub mod view;
