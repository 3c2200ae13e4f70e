//! Fuzz target: entity detection and linking on any text; every mention must point at its own
//! text (char offsets and byte range), every discrepancy at an existing pair.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = bitext::document::parse_single("a.txt", &text);
    bitext::entities::annotate(&mut doc);
    invariants::check_document(&doc);
    invariants::check_entities(&doc);
});
