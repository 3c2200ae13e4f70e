//! Fuzz target: entity detection (rules and the learned tagger) and linking on any text; every
//! mention must point at its own text (char offsets and byte range), every discrepancy at an
//! existing pair, and the tagger's spans lie on char boundaries in both languages.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = bitext::document::parse_single("a.txt", &text);
    bitext::entities::annotate(&mut doc);
    invariants::check_document(&doc);
    invariants::check_entities(&doc);
    for lang in [bitext::document::Lang::Ar, bitext::document::Lang::En] {
        use bitext::entities::tagger;
        let mut t = tagger::DocTagger::new(lang, std::iter::once(text.as_ref()));
        for (r, _) in t.tag(&text, &tagger::rules_on(lang, &text)) {
            assert!(text.get(r).is_some());
        }
    }
});
