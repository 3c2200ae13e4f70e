//! The document: decoding bytes, splitting paragraphs, telling the languages apart by script,
//! and aligning the paragraphs of the two languages into pairs.
//!
//! Pure: bytes or text in, plain data out. Must not depend on ratatui, crossterm, or do I/O.

pub mod align;
mod by_lang;
pub mod decode;
pub mod formats;
pub mod guard;
pub mod html;
mod model;
pub mod normalize;
pub mod parse;
pub mod script;
pub mod subtitles;
pub mod tmx;
pub mod xliff;
pub mod xml;

pub use by_lang::ByLang;
pub use model::{
    Discrepancy, DiscrepancyKind, Document, Entity, EntityKind, Format, Label, Lang, Mention, Pair,
    Paragraph, Paragraphs, Side, SourceInfo, narrow,
};

/// Build the document model from one decoded text (`name` is how the user knows it).
pub fn parse_single(name: &str, text: &str) -> Document {
    parse_sources(&[(name, text)])
}

/// Build the document model from two decoded texts, one per language, in either order.
pub fn parse_two(a: (&str, &str), b: (&str, &str)) -> Document {
    parse_sources(&[a, b])
}

/// Build the document model from any number of decoded texts `(name, text)`.
///
/// Each text may be a TSV bitext (its pairs are taken as given), or paragraphs in one or both
/// languages in any arrangement (blocks, interleaved, one language per file); in that case the
/// paragraphs of each language are aligned by [`align::align`].
pub fn parse_sources(sources: &[(&str, &str)]) -> Document {
    parse_paragraphs(sources).finish()
}

/// A document whose paragraphs are read and whose pairs may still be aligning: what a reader
/// shows at once, before the alignment of a long document is done.
#[derive(Debug)]
pub struct Parsed {
    /// The document: paragraphs, sources and notices; `pairs` holds the pairs aligned so far
    /// (all of them once [`Parsed::is_complete`]).
    pub doc: Document,
    /// The alignment still to run (`None` once the pairs are complete, or when they were given).
    pub aligner: Option<align::Aligner>,
    /// The rest of a large input whose pairs are given (TMX, TSV), still to read (`None` when
    /// it was read whole).
    pub rest: Option<Box<dyn Rest>>,
}

/// The rest of a large input, read as the document is asked for more pairs (see
/// [`Parsed::step`]). [`crate::source`] implements it over a file, so the reading stays out of
/// this pure module.
pub trait Rest: Send + std::fmt::Debug {
    /// The next units read, or `None` when the input is done.
    fn next_units(&mut self) -> Option<Vec<formats::Unit>>;
    /// Warnings found since the last call, each naming the input.
    fn take_warnings(&mut self) -> Vec<String>;
    /// Bytes read so far, and in all.
    fn progress(&self) -> (u64, u64);
    /// The format of the input.
    fn format(&self) -> Format;
}

impl Parsed {
    /// Aligns the next window of paragraphs and appends its pairs to `doc.pairs`; returns how
    /// many pairs were added, or `None` when every paragraph was already paired.
    pub fn step(&mut self) -> Option<usize> {
        let Some(aligner) = self.aligner.as_mut() else {
            return self.read_more();
        };
        let paragraphs = &self.doc.paragraphs;
        if let Some(chunk) = aligner.next_chunk(&paragraphs.ar, &paragraphs.en) {
            let added = chunk.len();
            self.doc.pairs.extend(chunk);
            let (i, j) = aligner.progress();
            if i >= self.doc.paragraphs.ar.len() && j >= self.doc.paragraphs.en.len() {
                self.aligner = None;
            }
            Some(added)
        } else {
            self.aligner = None;
            None
        }
    }

    /// Reads the next units of the rest of the input into the document; returns how many
    /// pairs were added, or `None` when the input is done.
    fn read_more(&mut self) -> Option<usize> {
        let rest = self.rest.as_mut()?;
        let units = rest.next_units();
        let format = rest.format();
        self.doc.warnings.extend(rest.take_warnings());
        let Some(units) = units else {
            self.rest = None;
            return None;
        };
        let added = units.len();
        reserve_for_rest(&mut self.doc, rest.progress(), added);
        let mut split = guard::SplitReport::default();
        let pairs = push_units(&mut self.doc, units, 0, format == Format::Tsv, &mut split);
        self.doc.pairs.extend(pairs);
        let name = self.doc.sources.first().map_or("", |s| s.name.as_str());
        let warning = split.warning(name);
        self.doc.warnings.extend(warning);
        Some(added)
    }

    /// Whether every paragraph is in a pair and the input is read.
    pub fn is_complete(&self) -> bool {
        self.aligner.is_none() && self.rest.is_none()
    }

    /// Paragraphs aligned so far and in all, counting both languages.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.doc.paragraphs.ar.len() + self.doc.paragraphs.en.len();
        match &self.aligner {
            Some(a) => {
                let (i, j) = a.progress();
                (i + j, total)
            }
            None => (total, total),
        }
    }

    /// Runs the rest of the alignment and returns the complete document.
    pub fn finish(mut self) -> Document {
        while self.step().is_some() {}
        self.doc
    }
}

/// Files the paragraph `whole` (cut when too long) under `lang` as part of `pair`.
fn push_side(
    doc: &mut Document,
    pair: &mut Pair,
    lang: Lang,
    whole: Paragraph,
    split: &mut guard::SplitReport,
) {
    let side = doc.paragraphs.of_mut(lang);
    let indices = match lang {
        Lang::Ar => &mut pair.ar,
        Lang::En => &mut pair.en,
    };
    if whole.text.len() <= guard::MAX_PARAGRAPH_BYTES {
        indices.push(side.len());
        side.push(whole);
        return;
    }
    for part in guard::split_paragraph(whole, split) {
        indices.push(side.len());
        side.push(part);
    }
}

/// Makes room in `doc` for the pairs of the rest of an input (read `progress.0` bytes of
/// `progress.1`, `coming` pairs about to be added), estimated from the pairs per byte so far, so
/// that the vectors of a large input do not double past its size.
pub fn reserve_for_rest(doc: &mut Document, (read, total): (u64, u64), coming: usize) {
    let pairs = doc.pairs.len() + coming;
    if read == 0 || doc.pairs.capacity() >= pairs {
        return;
    }
    let scale = |n: usize| -> usize {
        let expected = (n as f64 * total as f64 / read as f64 * 1.02) as usize;
        expected.max(n).saturating_sub(n)
    };
    doc.pairs.reserve_exact(scale(pairs));
    let (ar, en) = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
    doc.paragraphs.ar.reserve_exact(scale(ar));
    doc.paragraphs.en.reserve_exact(scale(en));
}

/// Files the segments of `units` as paragraphs of the source `index` (a short one without final
/// punctuation a heading when `headings`); returns their pairs.
fn push_units(
    doc: &mut Document,
    units: Vec<formats::Unit>,
    index: usize,
    headings: bool,
    split: &mut guard::SplitReport,
) -> Vec<Pair> {
    let mut pairs = Vec::with_capacity(units.len());
    for unit in units {
        let mut pair = Pair {
            ar: Side::new(),
            en: Side::new(),
            score: unit.score,
        };
        for (lang, segs) in [(Lang::Ar, unit.ar), (Lang::En, unit.en)] {
            for seg in segs {
                let whole = Paragraph {
                    heading: headings && parse::is_heading(&seg.text),
                    text: seg.text,
                    line: narrow(seg.line),
                    source: narrow(index),
                };
                push_side(doc, &mut pair, lang, whole, split);
            }
        }
        // A unit whose segments were all empty makes no pair (every pair has a side).
        if !pair.ar.is_empty() || !pair.en.is_empty() {
            pairs.push(pair);
        }
    }
    pairs
}

/// The paragraphs and pairs of `units` read after a document's first `ar` Arabic and `en`
/// English paragraphs (the pairs' indices count those), with the warning for paragraphs cut,
/// naming `name`: the rest of a large input, taken in by a reader that has the document.
pub fn units_after(
    units: Vec<formats::Unit>,
    (ar, en): (usize, usize),
    format: Format,
    name: &str,
) -> (Paragraphs, Vec<Pair>, Option<String>) {
    let mut part = Document::default();
    let mut split = guard::SplitReport::default();
    let mut pairs = push_units(&mut part, units, 0, format == Format::Tsv, &mut split);
    for pair in &mut pairs {
        pair.ar.shift(ar);
        pair.en.shift(en);
    }
    (part.paragraphs, pairs, split.warning(name))
}

/// Reads the paragraphs of any number of decoded texts `(name, text)` without aligning them:
/// the pairs come from [`Parsed::step`] (or at once from [`Parsed::finish`]). TSV pairs, and the
/// pairs of a document in one language, are complete at once.
pub fn parse_paragraphs(sources: &[(&str, &str)]) -> Parsed {
    parse_paragraphs_with(sources, 1)
}

/// What one source holds, once its format is known.
#[derive(Debug)]
pub enum Content<'a> {
    /// Plain text: blocks, interleaved paragraphs, TSV pairs (see [`parse`]).
    Text(&'a str),
    /// Paragraphs already found (an HTML page, subtitle cues of one file), to be filed under
    /// their language and aligned.
    Paragraphs(Vec<parse::RawParagraph>, Format),
    /// Units already paired by the file (TMX, XLIFF, subtitles paired by time).
    Units(Vec<formats::Unit>, Format),
}

/// [`parse_paragraphs`], splitting each large text into paragraphs on up to `threads` threads
/// (see [`parse::paragraphs_with`]); the result is the same for any number of threads.
pub fn parse_paragraphs_with(sources: &[(&str, &str)], threads: usize) -> Parsed {
    let contents = sources
        .iter()
        .map(|&(name, text)| (name, Content::Text(text)))
        .collect();
    parse_contents(contents, threads)
}

/// The document of sources whose format is known: the pairs given by TSV rows and units are
/// kept when every source gives its pairs; otherwise the paragraphs are aligned.
pub fn parse_contents(sources: Vec<(&str, Content<'_>)>, threads: usize) -> Parsed {
    let mut doc = Document::default();
    let mut given_pairs = Vec::new();
    let mut all_tsv = !sources.is_empty();
    let bytes: usize = sources
        .iter()
        .map(|s| match &s.1 {
            Content::Text(t) => t.len(),
            _ => 0,
        })
        .sum();
    let names: Vec<&str> = sources.iter().map(|s| s.0).collect();
    let count = sources.len();
    for (index, (name, content)) in sources.into_iter().enumerate() {
        let mut split = guard::SplitReport::default();
        let (raw, format) = match content {
            Content::Text(text) => {
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
                if let Some(rows) = parse::tsv(text) {
                    let units = parse::tsv_units(rows);
                    given_pairs.extend(push_units(&mut doc, units, index, true, &mut split));
                    doc.sources.push(SourceInfo {
                        name: name.to_owned(),
                        format: Format::Tsv,
                    });
                    doc.warnings.extend(split.warning(name));
                    continue;
                }
                let raw = parse::paragraphs_with(text, index, threads);
                let format = arrangement(&raw, count);
                (raw, format)
            }
            Content::Paragraphs(mut raw, format) => {
                for p in &mut raw {
                    p.paragraph.source = narrow(index);
                }
                (raw, format)
            }
            Content::Units(units, format) => {
                let headings = format == Format::Tsv;
                given_pairs.extend(push_units(&mut doc, units, index, headings, &mut split));
                doc.sources.push(SourceInfo {
                    name: name.to_owned(),
                    format,
                });
                doc.warnings.extend(split.warning(name));
                continue;
            }
        };
        all_tsv = false;
        // A paragraph without letters (a number, a rule) joins the language before it.
        let mut last = raw.iter().find_map(|p| p.lang).unwrap_or(Lang::En);
        let side = doc.paragraphs.of_mut(last);
        if side.is_empty()
            && raw.iter().all(|p| {
                p.lang.is_none_or(|lang| lang == last)
                    && p.paragraph.text.len() <= guard::MAX_PARAGRAPH_BYTES
            })
        {
            // A text in one language, as a file per language is: its paragraphs are that
            // side as they are (collected in place, without moving them to new memory).
            *side = raw.into_iter().map(|p| p.paragraph).collect();
        } else {
            for p in raw {
                let lang = p.lang.unwrap_or(last);
                last = lang;
                let side = doc.paragraphs.of_mut(lang);
                if p.paragraph.text.len() <= guard::MAX_PARAGRAPH_BYTES {
                    side.push(p.paragraph);
                } else {
                    side.extend(guard::split_paragraph(p.paragraph, &mut split));
                }
            }
        }
        doc.sources.push(SourceInfo {
            name: name.to_owned(),
            format,
        });
        doc.warnings.extend(split.warning(name));
    }
    // The paragraphs stay for the whole session: no spare capacity (on a large file the
    // doubling leaves megabytes unused).
    doc.paragraphs.ar.shrink_to_fit();
    doc.paragraphs.en.shrink_to_fit();
    let (n_ar, n_en) = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
    let parallel = threads > 1 && bytes >= parse::PARALLEL_MIN_BYTES;
    let given = all_tsv.then_some(given_pairs);
    let (pairs, aligner, warning) = pairs_and_warning(&doc, given, parallel);
    doc.pairs = pairs;
    // First, so that the reader's status bar, which shows the first warning, shows this one.
    if let Some(w) = warning {
        doc.warnings.insert(0, w);
    }
    language_notice(&mut doc, &names.join(", "), (n_ar, n_en));
    Parsed {
        doc,
        aligner,
        rest: None,
    }
}

/// The notice for a document in one language, or none (the inputs are `names`).
fn language_notice(doc: &mut Document, names: &str, counts: (usize, usize)) {
    match counts {
        (0, 0) => doc
            .notices
            .push(format!("{names}: no paragraphs with letters found")),
        (_, 0) => doc.notices.push(format!(
            "{names}: only Arabic found; showing a single column"
        )),
        (0, _) => doc.notices.push(format!(
            "{names}: only English found; showing a single column"
        )),
        _ => {}
    }
}

/// The pairs of `doc` (those `given`, one per paragraph when it has one language, else none
/// yet and the aligner that will make them) and its warning about bidi controls. Both read the
/// paragraphs only: with `parallel`, they are prepared side by side.
fn pairs_and_warning(
    doc: &Document,
    given: Option<Vec<Pair>>,
    parallel: bool,
) -> (Vec<Pair>, Option<align::Aligner>, Option<String>) {
    let (n_ar, n_en) = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
    let pairing = || match given {
        Some(pairs) => (pairs, None),
        None if n_ar == 0 || n_en == 0 => (align::one_sided(n_ar.max(n_en), n_ar > 0), None),
        None => {
            let aligner = align::Aligner::new(&doc.paragraphs.ar, &doc.paragraphs.en);
            (Vec::new(), Some(aligner))
        }
    };
    if !parallel {
        let (pairs, aligner) = pairing();
        return (pairs, aligner, guard::bidi_override_warning(doc));
    }
    std::thread::scope(|scope| {
        let warning = scope.spawn(|| guard::bidi_override_warning(doc));
        let (pairs, aligner) = pairing();
        let warning = warning
            .join()
            .unwrap_or_else(|_| guard::bidi_override_warning(doc));
        (pairs, aligner, warning)
    })
}

/// A document of the pairs `range` of `doc` alone (their paragraphs copied, indices from 0),
/// with the index of its first Arabic and first English paragraph in `doc`: entity detection
/// runs on such windows of a long document, with memory bounded by the window.
pub fn window(doc: &Document, range: std::ops::Range<usize>) -> (Document, usize, usize) {
    let pairs = doc.pairs.get(range).unwrap_or(&[]);
    let span = |lang: Lang| -> (usize, usize) {
        let lo = pairs.iter().flat_map(|p| p.side(lang)).min().unwrap_or(0);
        let hi = pairs
            .iter()
            .flat_map(|p| p.side(lang))
            .max()
            .map_or(lo, |i| i + 1);
        (lo, hi)
    };
    let (a0, a1) = span(Lang::Ar);
    let (e0, e1) = span(Lang::En);
    let copy = |all: &[Paragraph], lo: usize, hi: usize| -> Vec<Paragraph> {
        all.get(lo..hi).map_or_else(Vec::new, <[Paragraph]>::to_vec)
    };
    let window = Document {
        paragraphs: Paragraphs {
            ar: copy(&doc.paragraphs.ar, a0, a1),
            en: copy(&doc.paragraphs.en, e0, e1),
        },
        pairs: pairs
            .iter()
            .map(|p| Pair {
                ar: p.ar.iter().map(|i| i - a0).collect(),
                en: p.en.iter().map(|i| i - e0).collect(),
                score: p.score,
            })
            .collect(),
        sources: doc.sources.clone(),
        ..Document::default()
    };
    (window, a0, e0)
}

/// How the languages of one file are arranged.
fn arrangement(raw: &[parse::RawParagraph], files: usize) -> Format {
    let langs: Vec<Lang> = raw.iter().filter_map(|p| p.lang).collect();
    let switches = langs.windows(2).filter(|w| w[0] != w[1]).count();
    match switches {
        0 if files > 1 => Format::Single,
        0 => Format::Monolingual,
        1 => Format::Blocks,
        s if s + 1 >= langs.len() * 3 / 4 => Format::Interleaved,
        _ => Format::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: [&str; 3] = [
        "الأسواق تترقب",
        "ارتفعت أسعار النفط بنسبة 3% يوم الاثنين بعد قرار منظمة أوبك.",
        "وقال محللون إن الارتفاع قد يستمر حتى نهاية العام الحالي.",
    ];
    const EN: [&str; 3] = [
        "Markets on Watch",
        "Oil prices rose 3% on Monday after the OPEC decision.",
        "Analysts said the rise could last until the end of the current year.",
    ];

    fn expected() -> Document {
        parse_single("blocks", &format!("{}\n{}\n", AR.join("\n"), EN.join("\n")))
    }

    fn same_model(a: &Document, b: &Document) {
        let texts = |d: &Document, l: Lang| -> Vec<String> {
            d.paragraphs.of(l).iter().map(|p| p.text.clone()).collect()
        };
        assert_eq!(texts(a, Lang::Ar), texts(b, Lang::Ar));
        assert_eq!(texts(a, Lang::En), texts(b, Lang::En));
        let shape = |d: &Document| -> Vec<(Vec<usize>, Vec<usize>)> {
            d.pairs
                .iter()
                .map(|p| (p.ar.to_vec(), p.en.to_vec()))
                .collect()
        };
        assert_eq!(shape(a), shape(b));
    }

    #[test]
    fn all_forms_give_the_same_model() {
        let base = expected();
        assert_eq!(base.pairs.len(), 3);
        assert_eq!(base.sources[0].format, Format::Blocks);
        assert!(base.paragraphs.ar[0].heading && base.paragraphs.en[0].heading);
        let en_first = parse_single("x", &format!("{}\n{}", EN.join("\n"), AR.join("\n")));
        same_model(&base, &en_first);
        let interleaved: Vec<&str> = AR.iter().zip(EN).flat_map(|(a, e)| [*a, e]).collect();
        let inter = parse_single("x", &interleaved.join("\n"));
        assert_eq!(inter.sources[0].format, Format::Interleaved);
        same_model(&base, &inter);
        let two = parse_two(("en.txt", &EN.join("\n")), ("ar.txt", &AR.join("\r\n")));
        assert_eq!(two.sources[0].format, Format::Single);
        same_model(&base, &two);
        let tsv: Vec<String> = AR
            .iter()
            .zip(EN)
            .enumerate()
            .map(|(i, (a, e))| {
                if i % 2 == 0 {
                    format!("{a}\t{e}")
                } else {
                    format!("{e}\t{a}")
                }
            })
            .collect();
        let tsv = parse_single("x.tsv", &tsv.join("\n"));
        assert_eq!(tsv.sources[0].format, Format::Tsv);
        same_model(&base, &tsv);
    }

    #[test]
    fn a_large_document_is_the_same_on_several_threads() {
        // Above the size where the work is shared: bilingual blocks, one language alone, and
        // bidi controls (the warning is made beside the pairs).
        let article = format!("{}\n{}\n", AR.join("\n"), EN.join("\n"));
        let with_controls =
            format!("{article}نص \u{2067}معزول\u{2069}\naccess \u{202E}nimda\u{202C} granted\n");
        let copies = parse::PARALLEL_MIN_BYTES / article.len() + 1;
        let texts = [
            article.repeat(2 * copies),
            AR.join("\n").repeat(3 * copies),
            with_controls.repeat(2 * copies),
        ];
        for text in &texts {
            assert!(text.len() >= parse::PARALLEL_MIN_BYTES);
            let one = parse_paragraphs_with(&[("big.txt", text)], 1);
            for threads in [2, 3] {
                let several = parse_paragraphs_with(&[("big.txt", text)], threads);
                assert!(several.doc == one.doc, "{threads} threads differ");
                // The aligner still to run (its length model is measured on the paragraphs).
                assert_eq!(
                    format!("{:?}", several.aligner),
                    format!("{:?}", one.aligner)
                );
            }
        }
        let one = parse_paragraphs_with(&[("big.txt", &texts[2])], 1);
        assert!(
            one.doc.warnings[0].contains("U+2067"),
            "{:?}",
            one.doc.warnings
        );
        assert!(one.aligner.is_some());
        let alone = parse_paragraphs_with(&[("big.txt", &texts[1])], 2);
        assert_eq!(alone.doc.pairs.len(), alone.doc.paragraphs.ar.len());
    }

    #[test]
    fn a_text_in_one_language_is_its_side_whole() {
        // Lines without letters (first and inside) join Arabic; a second Arabic file is added
        // after the first; a paragraph too long to keep whole is still cut.
        let ar = format!("2019 — 48\n{}\n***\n", AR.join("\n"));
        let d = parse_two(("a.txt", &ar), ("b.txt", &AR.join("\n")));
        let texts: Vec<&str> = d.paragraphs.ar.iter().map(|p| p.text.as_str()).collect();
        let mut expected = vec!["2019 — 48"];
        expected.extend(AR);
        expected.push("***");
        expected.extend(AR);
        assert_eq!(texts, expected);
        assert!(d.paragraphs.en.is_empty());
        assert_eq!(
            d.paragraphs.ar.iter().map(|p| p.source).collect::<Vec<_>>(),
            [0, 0, 0, 0, 0, 1, 1, 1]
        );
        assert_eq!(d.paragraphs.ar[4].line, 5);
        let long = format!(
            "{}\n{}",
            AR[0],
            "كلمة ".repeat(guard::MAX_PARAGRAPH_BYTES / 4)
        );
        let d = parse_single("long.txt", &long);
        assert!(d.paragraphs.ar.len() > 2 && d.paragraphs.en.is_empty());
        assert!(
            d.warnings.iter().any(|w| w.contains("long.txt")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn one_language_gives_a_notice_not_an_error() {
        let d = parse_single("ar.txt", &AR.join("\n"));
        assert!(d.is_monolingual());
        assert_eq!(d.pairs.len(), 3);
        assert!(d.notices[0].contains("only Arabic"));
    }
}
