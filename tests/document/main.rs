//! The document model: decoding and every input format, paragraph splitting, language by script,
//! the aligner (on the seed, the fixtures and NTREX), and property tests of all of them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod align;
mod align_ntrex;
mod formats;
mod props;
