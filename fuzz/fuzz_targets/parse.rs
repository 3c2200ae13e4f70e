//! Fuzz target: any bytes through decoding (strict and lossy) and parsing, as one file and as
//! two; the model must hold its invariants (see `tests/support/invariants.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    for lossy in [false, true] {
        let Ok(decoded) = bitext::document::decode::decode(data, lossy) else {
            continue;
        };
        let text = decoded.text;
        let doc = bitext::document::parse_single("a.txt", &text);
        invariants::check_document(&doc);
        // The same text cut in two at a char boundary, as two files.
        let mid = (0..=text.len() / 2)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let (a, b) = text.split_at(mid);
        let doc = bitext::document::parse_two(("a.txt", a), ("b.txt", b));
        invariants::check_document(&doc);
    }
});
