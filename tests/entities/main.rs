//! The entity finder and the translation check: the seed, the fixtures, the evaluation floors,
//! the learned tagger, and robustness on any input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod check;
mod eval;
mod fixtures;
mod robust;
mod seed;
mod tagger;
