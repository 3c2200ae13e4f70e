//! Fuzz target: any bytes through the structured formats (issue 16): sniffing, HTML (decoding
//! and extraction), subtitles (cues and pairing by time), TMX (whole and in chunks, which must
//! agree), XLIFF, and the export of what was read, which must read back. Nothing may panic.

#![no_main]

use bitext::document::formats::sniff;
use bitext::document::{html, parse_contents, subtitles, tmx, xliff, Content, Format};
use bitext::view::export::{export_document, ExportFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sniff("fuzz.html", data);
    let page = html::decode(data);
    let paragraphs = html::paragraphs(&page.text, 0);
    assert!(paragraphs.iter().all(|p| !p.paragraph.text.is_empty()));
    let text = String::from_utf8_lossy(data);

    let subs = subtitles::parse(&text);
    assert!(subs.cues.windows(2).all(|w| w[0].start <= w[1].start));
    assert!(subs.cues.iter().all(|c| c.start <= c.end && !c.text.is_empty()));
    let mid = subs.cues.len() / 2;
    let units = subtitles::pair(&subs.cues[..mid], &subs.cues[mid..]);
    let taken: usize = units.iter().map(|u| u.ar.len() + u.en.len()).sum();
    assert_eq!(taken, subs.cues.len(), "every cue is paired once");

    if let Ok((whole, _)) = tmx::parse(&text) {
        // The same file in chunks of a size taken from the input.
        let size = 1 + usize::from(data.first().copied().unwrap_or(0));
        let mut reader = tmx::TmxReader::new();
        let bytes = text.as_bytes();
        let (mut at, mut end, mut units) = (0, 0, Vec::new());
        loop {
            end = (end + size).max(at).min(bytes.len());
            let last = end == bytes.len();
            match reader.feed(&bytes[at..end], last) {
                Ok(n) => at += n,
                Err(_) => break,
            }
            units.extend(reader.take_units());
            if last {
                break;
            }
        }
        if !reader.stopped() {
            assert_eq!(units, whole, "chunks of {size}");
        }
        let doc = parse_contents(vec![("f.tmx", Content::Units(whole, Format::Tmx))], 1).finish();
        let out = export_document(&doc, ExportFormat::Tmx);
        let (back, _) = tmx::parse(&out).expect("an export reads back");
        assert_eq!(back.len(), doc.pairs.iter().filter(|p| !(p.ar.is_empty() && p.en.is_empty())).count());
    }
    let _ = xliff::parse(&text);
});
