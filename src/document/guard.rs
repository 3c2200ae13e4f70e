//! Guards against hostile text: paragraphs too long to lay out at once, and bidi override and
//! isolate controls (the "Trojan Source" trick) that make text display in another order than it
//! is stored.
//!
//! Pure: text in, plain data out. Must not depend on ratatui, crossterm, or do I/O.

use super::model::{Document, Lang, Paragraph};
use std::ops::Range;
use unicode_segmentation::GraphemeCursor;

/// The longest paragraph kept whole, in bytes. A longer one (a 20 MB file without a newline, a
/// word of a million letters) is cut into parts of at most this size, so that laying out the
/// paragraph on the screen never costs more than laying out this many bytes.
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// Cuts `text` into consecutive byte ranges of at most `max` bytes (at least one char each)
/// that tile it. Each cut is after the last whitespace of the window when there is one in its
/// second half, else at the last grapheme boundary, else (one grapheme longer than `max`, e.g. a
/// letter with thousands of combining marks) at the last char boundary.
pub fn split_ranges(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(4);
    let mut out = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    while text.len() - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = text.as_bytes().get(start..end).unwrap_or_default();
        let half = window.len() / 2;
        let space = window
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .filter(|&i| i >= half)
            .map(|i| start + i + 1);
        let cut = space
            .or_else(|| grapheme_boundary_before(text, start, end))
            .unwrap_or(end);
        out.push(start..cut);
        start = cut;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The last grapheme boundary in `start + 1..=end`, if there is one.
fn grapheme_boundary_before(text: &str, start: usize, end: usize) -> Option<usize> {
    // The whole text is given as the one chunk, so the cursor never asks for more context.
    let mut cursor = GraphemeCursor::new(end, text.len(), true);
    if cursor.is_boundary(text, 0).ok()? {
        return Some(end);
    }
    match cursor.prev_boundary(text, 0) {
        Ok(Some(b)) if b > start => Some(b),
        _ => None,
    }
}

/// Paragraphs cut by [`split_paragraph`], counted for one warning per source.
#[derive(Debug, Default)]
pub struct SplitReport {
    /// How many paragraphs were cut.
    pub paragraphs: usize,
    /// The line of the first one cut and its length in bytes.
    pub first: Option<(usize, usize)>,
    /// How many parts they were cut into.
    pub parts: usize,
}

impl SplitReport {
    /// The warning for the source `name`, if anything was cut.
    pub fn warning(&self, name: &str) -> Option<String> {
        let (line, bytes) = self.first?;
        let kib = MAX_PARAGRAPH_BYTES / 1024;
        Some(if self.paragraphs == 1 {
            format!(
                "{name}: the paragraph at line {line} is {bytes} bytes long; shown in {} parts of at most {kib} KiB",
                self.parts
            )
        } else {
            format!(
                "{name}: {} paragraphs are longer than {kib} KiB (the first at line {line}, {bytes} bytes); shown in {} parts",
                self.paragraphs, self.parts
            )
        })
    }
}

/// The paragraph itself when it is short enough, else its parts of at most
/// [`MAX_PARAGRAPH_BYTES`] (none of them a heading), counted in `report`.
pub fn split_paragraph(p: Paragraph, report: &mut SplitReport) -> Vec<Paragraph> {
    if p.text.len() <= MAX_PARAGRAPH_BYTES {
        return vec![p];
    }
    let ranges = split_ranges(&p.text, MAX_PARAGRAPH_BYTES);
    report.paragraphs += 1;
    report.parts += ranges.len();
    report.first.get_or_insert((p.line as usize, p.text.len()));
    ranges
        .into_iter()
        .map(|r| Paragraph {
            text: p.text.get(r).unwrap_or_default().to_owned(),
            heading: false,
            line: p.line,
            source: p.source,
        })
        .collect()
}

/// Whether `c` is a bidi embedding, override or isolate control (U+202A–202E, U+2066–2069):
/// the characters that can make text display in an order other than the one it is stored in.
pub fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first bidi embedding, override or isolate control in `text` (see [`is_bidi_override`]),
/// found on bytes: in UTF-8 they are `E2 80 AA`–`E2 80 AE` and `E2 81 A6`–`E2 81 A9`, and
/// `0xE2` only ever leads a three-byte char, so a search for that byte finds every candidate.
pub fn first_bidi_override(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).find_map(|i| {
        let (second, third) = (*bytes.get(i + 1)?, *bytes.get(i + 2)?);
        let hit = matches!((second, third), (0x80, 0xAA..=0xAE) | (0x81, 0xA6..=0xA9));
        // U+2000 + six bits from each continuation byte.
        hit.then(|| {
            char::from_u32(0x2000 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F))
        })
        .flatten()
    })
}

/// How many paragraphs a warning names before it says "and N more".
const NAMED: usize = 5;

/// A warning naming the paragraphs that hold bidi embedding, override or isolate controls, or
/// `None` when none does. The controls are still applied as Unicode says; the warning tells the
/// reader that what is shown may not be the order of the stored text, and how to see them.
pub fn bidi_override_warning(doc: &Document) -> Option<String> {
    let mut found: Vec<(Lang, usize, &Paragraph, char)> = Vec::new();
    for lang in Lang::BOTH {
        for (i, p) in doc.paragraphs.of(lang).iter().enumerate() {
            if let Some(c) = first_bidi_override(&p.text) {
                found.push((lang, i, p, c));
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    // In file order: by source, then line.
    found.sort_by_key(|(lang, i, p, _)| (p.source, p.line, *lang, *i));
    let named: Vec<String> = found
        .iter()
        .take(NAMED)
        .map(|(lang, i, p, c)| {
            let file = doc
                .sources
                .get(p.source as usize)
                .map_or("", |s| s.name.as_str());
            format!(
                "{lang} paragraph {} ({file} line {}, U+{:04X})",
                i + 1,
                p.line,
                u32::from(*c)
            )
        })
        .collect();
    let more = found.len().saturating_sub(NAMED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "bidi override/isolate controls in {}{more}: the text may display in another order than it is stored; set view.show_bidi_controls = true to see them",
        named.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_tiling(text: &str, max: usize) -> Vec<Range<usize>> {
        let ranges = split_ranges(text, max);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for w in ranges.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for r in &ranges {
            assert!(
                text.get(r.clone()).is_some(),
                "{r:?} not on char boundaries"
            );
            assert!(r.len() <= max.max(4), "{r:?} longer than {max}");
            assert!(!r.is_empty() || text.is_empty());
        }
        ranges
    }

    #[test]
    fn short_text_is_one_range() {
        assert_eq!(check_tiling("", 10), vec![0..0]);
        assert_eq!(check_tiling("abc", 10), vec![0..3]);
    }

    #[test]
    fn cuts_after_spaces_when_it_can() {
        let text = "كلمة ".repeat(100);
        for r in check_tiling(&text, 64) {
            assert!(text.get(r).unwrap().ends_with(' '));
        }
    }

    #[test]
    fn a_word_without_spaces_is_cut_between_graphemes() {
        // Each letter carries a shadda and a fatha: never cut a letter from its marks.
        let word = "بَّ".repeat(1000);
        for r in check_tiling(&word, 100) {
            let part = word.get(r).unwrap();
            assert!(part.starts_with('ب'), "{part:?}");
            assert!(part.ends_with('\u{0651}'), "{part:?}");
        }
        // An emoji ZWJ sequence stays whole.
        let family = "👨\u{200D}👩\u{200D}👧".repeat(50);
        for r in check_tiling(&family, 40) {
            let part = family.get(r).unwrap();
            assert!(part.starts_with('👨') && part.ends_with('👧'), "{part:?}");
        }
    }

    #[test]
    fn one_grapheme_longer_than_the_limit_is_cut_at_chars() {
        let text = format!("ب{}", "\u{064E}".repeat(10_000));
        let ranges = check_tiling(&text, 1000);
        assert!(ranges.len() >= 20);
    }

    #[test]
    fn long_paragraphs_are_split_and_reported() {
        let p = Paragraph {
            text: "word ".repeat(MAX_PARAGRAPH_BYTES / 2),
            heading: true,
            line: 7,
            source: 0,
        };
        let mut report = SplitReport::default();
        let parts = split_paragraph(p.clone(), &mut report);
        assert!(parts.len() >= 2);
        assert_eq!(
            parts.iter().map(|q| q.text.as_str()).collect::<String>(),
            p.text
        );
        assert!(parts.iter().all(|q| !q.heading && q.line == 7));
        let w = report.warning("a.txt").unwrap();
        assert!(w.contains("a.txt") && w.contains("line 7"), "{w}");
        let short = Paragraph {
            text: "short".into(),
            ..p
        };
        let mut none = SplitReport::default();
        assert_eq!(split_paragraph(short.clone(), &mut none), vec![short]);
        assert!(none.warning("a.txt").is_none());
    }

    /// The plain definition [`first_bidi_override`] must agree with.
    fn first_by_chars(text: &str) -> Option<char> {
        text.chars().find(|&c| is_bidi_override(c))
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_controls_at_the_borders_of_their_ranges() {
        let cases = [
            ('\u{2029}', false),
            ('\u{202A}', true),
            ('\u{202B}', true),
            ('\u{202C}', true),
            ('\u{202D}', true),
            ('\u{202E}', true),
            ('\u{202F}', false),
            ('\u{2065}', false),
            ('\u{2066}', true),
            ('\u{2067}', true),
            ('\u{2068}', true),
            ('\u{2069}', true),
            ('\u{206A}', false),
            // Same continuation bytes under another lead, and same lead with others.
            ('\u{302A}', false),
            ('\u{1EAA}', false),
            ('\u{20AA}', false),
            ('\u{2026}', false),
            ('\u{200F}', false),
        ];
        for (c, is_control) in cases {
            assert_eq!(is_bidi_override(c), is_control, "{c:?}");
            for text in [
                format!("{c}"),
                format!("نص {c} text"),
                format!("\u{2029}\u{202F}{c}"),
                format!("…{c}…\u{2069}"),
            ] {
                assert_eq!(
                    first_bidi_override(&text),
                    first_by_chars(&text),
                    "{text:?}"
                );
            }
            let alone = first_bidi_override(&c.to_string());
            assert_eq!(alone, is_control.then_some(c), "{c:?}");
        }
        assert_eq!(first_bidi_override(""), None);
        assert_eq!(first_bidi_override("\u{2069}\u{202A}"), Some('\u{2069}'));
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_agrees_with_the_char_scan(
            chars in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::range('\u{2000}', '\u{2070}'),
                proptest::char::range('\u{0600}', '\u{06FF}'),
                proptest::prelude::any::<char>(),
                proptest::sample::select(vec!['a', ' ', '\u{E2}', '\u{AA}', '\u{3000}']),
            ], 0..24),
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(first_bidi_override(&text), first_by_chars(&text));
        }
    }

    #[test]
    fn override_warning_names_the_paragraphs() {
        let mut doc = Document::default();
        doc.sources.push(super::super::model::SourceInfo {
            name: "t.txt".into(),
            format: super::super::model::Format::Blocks,
        });
        let para = |text: &str, line| Paragraph {
            text: text.into(),
            heading: false,
            line,
            source: 0,
        };
        doc.paragraphs.ar.push(para("نص عادي", 1));
        doc.paragraphs.en.push(para("plain", 3));
        assert_eq!(bidi_override_warning(&doc), None);
        doc.paragraphs
            .en
            .push(para("access \u{202E}nimda\u{202C} granted", 5));
        doc.paragraphs.ar.push(para("نص \u{2067}معزول\u{2069}", 4));
        let w = bidi_override_warning(&doc).unwrap();
        assert!(
            w.contains("ar paragraph 2 (t.txt line 4, U+2067)")
                && w.contains("en paragraph 2 (t.txt line 5, U+202E)"),
            "{w}"
        );
        assert!(w.find("line 4") < w.find("line 5"), "in file order: {w}");
        assert!(w.contains("show_bidi_controls"));
        // LRM/RLM are not overrides.
        assert!(!is_bidi_override('\u{200E}') && !is_bidi_override('\u{061C}'));
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_override(c));
        }
    }
}
