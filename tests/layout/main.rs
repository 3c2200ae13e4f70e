//! The layout engine and the view: conformance to UAX #9 (`BidiCharacterTest.txt`), the
//! differential test against GNU fribidi, golden files, the two layout paths against each other,
//! property tests of the cells, and the view's pairs, rows and printing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod conformance;
mod engine;
mod fribidi;
mod golden;
mod paths;
mod props;
mod view;
