//! Exporting the aligned pairs for other tools: a TMX 1.4 translation memory (each pair a
//! `<tu>` with its confidence as `<prop type="x-bitext-score">`), or TSV (`Arabic<TAB>English
//! <TAB>score`, one pair a line). bitext reads both back into the same pairs.
//!
//! A side of several paragraphs (a 1-2 pair) is one segment, its paragraphs joined with a space;
//! a missing side is an empty cell or no `<tuv>`. Text is made safe for its format: tabs and
//! line breaks become spaces in TSV; in TMX `&`, `<` and `>` are escaped and characters XML
//! cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF) are dropped.
//!
//! Pure: the document in, text out (to a sink given by the caller); no I/O.

use crate::document::{Document, Lang, Pair, Parsed, tmx::SCORE_PROP};
use std::fmt::Write as _;

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// TMX 1.4.
    Tmx,
    /// Tab-separated values: Arabic, English, score.
    Tsv,
}

/// Pairs written per call of the sink.
const BATCH: usize = 512;

/// Writes every pair of `parsed` (aligning the rest as it goes) to `emit`, in chunks of whole
/// units, stopping at the first error `emit` returns.
pub fn export<E>(
    parsed: &mut Parsed,
    format: ExportFormat,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut out = String::new();
    if format == ExportFormat::Tmx {
        out.push_str(&tmx_header());
    }
    let mut done = 0;
    loop {
        while parsed.doc.pairs.len() < done + BATCH && parsed.step().is_some() {}
        let end = parsed.doc.pairs.len().min(done + BATCH);
        for pair in parsed.doc.pairs.get(done..end).unwrap_or_default() {
            match format {
                ExportFormat::Tmx => push_tu(&mut out, &parsed.doc, pair),
                ExportFormat::Tsv => push_row(&mut out, &parsed.doc, pair),
            }
        }
        if !out.is_empty() {
            emit(&out)?;
            out.clear();
        }
        if end <= done {
            break;
        }
        done = end;
    }
    if format == ExportFormat::Tmx {
        emit("  </body>\n</tmx>\n")?;
    }
    Ok(())
}

/// The whole export of a complete document, as one string (for tests and small documents).
pub fn export_document(doc: &Document, format: ExportFormat) -> String {
    let mut parsed = Parsed {
        doc: doc.clone(),
        aligner: None,
        rest: None,
    };
    let mut all = String::new();
    let _ = export(&mut parsed, format, |s| {
        all.push_str(s);
        Ok::<(), ()>(())
    });
    all
}

fn tmx_header() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header \
         creationtool=\"bitext\" creationtoolversion=\"{}\" segtype=\"paragraph\" \
         o-tmf=\"bitext\" adminlang=\"en\" srclang=\"ar\" datatype=\"plaintext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The text of one side of `pair`: its paragraphs joined with a space.
fn side_text(doc: &Document, pair: &Pair, lang: Lang) -> String {
    let paragraphs = doc.paragraphs.of(lang);
    let mut text = String::new();
    for i in pair.side(lang) {
        if let Some(p) = paragraphs.get(i) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&p.text);
        }
    }
    text
}

fn push_tu(out: &mut String, doc: &Document, pair: &Pair) {
    out.push_str("    <tu>\n");
    let _ = writeln!(
        out,
        "      <prop type=\"{SCORE_PROP}\">{}</prop>",
        score(pair.score)
    );
    for lang in Lang::BOTH {
        let text = side_text(doc, pair, lang);
        if text.is_empty() {
            continue;
        }
        let _ = write!(out, "      <tuv xml:lang=\"{}\"><seg>", lang.code());
        push_xml_escaped(out, &text);
        out.push_str("</seg></tuv>\n");
    }
    out.push_str("    </tu>\n");
}

fn push_row(out: &mut String, doc: &Document, pair: &Pair) {
    for lang in Lang::BOTH {
        let text = side_text(doc, pair, lang);
        out.extend(text.chars().map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        }));
        out.push('\t');
    }
    out.push_str(&score(pair.score));
    out.push('\n');
}

/// A score as written: the shortest decimal that reads back as the same number, clamped to 0..=1.
fn score(s: f64) -> String {
    let s = if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.0
    };
    format!("{s}")
}

fn push_xml_escaped(out: &mut String, text: &str) {
    let plain = |b: &u8| *b >= b' ' && !matches!(b, b'&' | b'<' | b'>') && *b != 0xEF;
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_single, tmx};

    #[test]
    fn tmx_escapes_and_drops_what_xml_cannot_hold() {
        let doc = parse_single("x.tsv", "نص <b> & \u{1}\tA <b> & B\n");
        let out = export_document(&doc, ExportFormat::Tmx);
        assert!(out.contains("<seg>نص &lt;b&gt; &amp; </seg>"), "{out}");
        let (units, _) = tmx::parse(&out).unwrap();
        assert_eq!(units[0].ar[0].text, "نص <b> &");
        assert_eq!(units[0].en[0].text, "A <b> & B");
    }

    #[test]
    fn tsv_rows_carry_the_score() {
        let mut doc = parse_single("x.tsv", "نعم\tYes\n");
        doc.pairs[0].score = 0.25;
        assert_eq!(export_document(&doc, ExportFormat::Tsv), "نعم\tYes\t0.25\n");
    }
}
