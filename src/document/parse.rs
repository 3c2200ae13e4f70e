//! Splitting text into paragraphs, finding headings and each paragraph's language, and reading
//! tab-separated bitexts.
//!
//! Paragraphs are lines, or blocks separated by blank lines when the file wraps its paragraphs
//! over several lines. A large text is split on several threads, with the same result as on one.
//! Pure: text in, paragraphs out; no I/O.

use super::script;
use super::{Lang, Paragraph, narrow};

/// A paragraph before it is filed under its language.
#[derive(Debug, Clone, PartialEq)]
pub struct RawParagraph {
    /// The paragraph, as in [`Paragraph::text`].
    pub paragraph: Paragraph,
    /// Its language, when it has letters.
    pub lang: Option<Lang>,
}

/// Whether a line ends a sentence (or a quotation or parenthesis that ends one): such a line is
/// a whole paragraph, not a wrapped fragment.
fn ends_sentence(line: &str) -> bool {
    line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '؟' | '۔' | '…' | '»' | '"' | '”' | '\'' | '’' | ')' | ']'
        )
    })
}

/// Whether a line ends with punctuation of any kind that a heading would not have.
fn ends_with_final_punctuation(line: &str) -> bool {
    line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '؟'
                | '؛'
                | '۔'
                | '…'
                | '»'
                | '"'
                | '”'
                | '\''
                | '’'
                | ')'
                | ']'
                | '،'
                | ','
        )
    })
}

/// Whether a line is a Markdown heading (`# Title` … `###### Title`).
pub fn is_markdown_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && line.chars().nth(hashes).is_some_and(char::is_whitespace)
}

/// The title of a Markdown heading line (`## Title ##` → `Title`), or `None` if it is not one.
pub fn strip_markdown_heading(line: &str) -> Option<&str> {
    if !is_markdown_heading(line) {
        return None;
    }
    let title = line.trim_start_matches('#').trim();
    let title = title.trim_end_matches('#').trim_end();
    Some(if title.is_empty() { line.trim() } else { title })
}

/// Whether a paragraph reads as a heading: a Markdown heading, or a short line with letters and
/// without final punctuation.
pub fn is_heading(text: &str) -> bool {
    if is_markdown_heading(text) {
        return true;
    }
    // The cheap tests first: this runs on every paragraph of a file as it loads, and most
    // paragraphs are far longer than 120 chars (a char is at most 4 bytes).
    text.len() <= 4 * 120
        && !ends_with_final_punctuation(text)
        && !text.contains('\n')
        && text.chars().count() <= 120
        && text.split_whitespace().nth(16).is_none()
        && text.chars().any(char::is_alphabetic)
}

/// One input line, cleaned: CR and trailing whitespace removed.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    number: usize,
    /// The line's language, once detected.
    lang: Option<Lang>,
}

/// The lines of `text` as `str::split('\n')` gives them, found with `memchr`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = text.get(start..end).unwrap_or_default();
            start = end + 1;
            line
        })
}

/// The non-blank lines of a text, with their 1-based numbers, grouped into blank-separated blocks.
fn blocks(text: &str) -> (Vec<Vec<Line<'_>>>, bool) {
    let mut blocks: Vec<Vec<Line<'_>>> = vec![Vec::new()];
    let mut blank_between = false;
    for (i, raw) in split_lines(text).enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            continue;
        }
        if blocks.len() > 1 {
            blank_between = true;
        }
        if let Some(b) = blocks.last_mut() {
            b.push(Line {
                text: line,
                number: i + 1,
                lang: None,
            });
        }
    }
    blocks.retain(|b| !b.is_empty());
    (blocks, blank_between)
}

/// Texts shorter than this are split on the calling thread alone: below it, starting a thread
/// costs more than it saves.
pub const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Split `text` (from source number `source`) into paragraphs with their languages.
pub fn paragraphs(text: &str, source: usize) -> Vec<RawParagraph> {
    paragraphs_with(text, source, 1)
}

/// [`paragraphs`], with the work shared by up to `threads` threads when the text is large
/// (at least [`PARALLEL_MIN_BYTES`], and as many bytes per thread). The result is the same
/// for any number of threads.
pub fn paragraphs_with(text: &str, source: usize, threads: usize) -> Vec<RawParagraph> {
    let parts = threads.min(text.len() / PARALLEL_MIN_BYTES).max(1);
    paragraphs_in_parts(text, source, parts)
}

/// [`paragraphs`] on `parts` threads (the calling thread and `parts - 1` others), whatever the
/// size of the text. The lines are found first, on the calling thread; then each thread turns a
/// run of consecutive lines (or of whole blocks, when blank lines separate paragraphs) into
/// paragraphs, and the runs are put back in order.
fn paragraphs_in_parts(text: &str, source: usize, parts: usize) -> Vec<RawParagraph> {
    let (blocks, blank_lines) = blocks(text);
    if blank_lines {
        // At most one paragraph per line.
        let lines = blocks.iter().map(Vec::len).sum();
        in_parts(&blocks, parts, block_bytes, lines, |blocks, out| {
            for block in blocks {
                block_paragraphs(block, source, out);
            }
        })
    } else {
        // No blank line between two lines: there is one block at most, and each of its lines
        // is a paragraph of its own, in its own language.
        let lines = blocks.into_iter().next().unwrap_or_default();
        in_parts(
            &lines,
            parts,
            |l| l.text.len(),
            lines.len(),
            |lines, out| {
                out.extend(
                    lines
                        .iter()
                        .map(|l| raw(l.text.to_owned(), l.number, source)),
                );
            },
        )
    }
}

/// The bytes of a block's lines: the weight of its work.
fn block_bytes(block: &Vec<Line<'_>>) -> usize {
    block.iter().map(|l| l.text.len()).sum()
}

/// `work` on `parts` consecutive slices of `items` of about the same `weight`, each on its own
/// thread (the first on the calling thread, straight into the result, which is made with room
/// for `capacity` items), and the results appended in order.
fn in_parts<T: Sync, R: Send>(
    items: &[T],
    parts: usize,
    weight: impl Fn(&T) -> usize,
    capacity: usize,
    work: impl Fn(&[T], &mut Vec<R>) + Sync,
) -> Vec<R> {
    let mut out = Vec::with_capacity(capacity);
    if parts <= 1 || items.len() < 2 {
        work(items, &mut out);
        return out;
    }
    let total: usize = items.iter().map(&weight).sum();
    let share = total.div_ceil(parts).max(1);
    let mut slices = Vec::with_capacity(parts);
    let (mut start, mut acc) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        acc += weight(item);
        if acc >= share && slices.len() + 1 < parts {
            slices.push(items.get(start..=i).unwrap_or_default());
            start = i + 1;
            acc = 0;
        }
    }
    slices.push(items.get(start..).unwrap_or_default());
    let work = &work;
    let (first, rest) = slices.split_at(1);
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .iter()
            .map(|&slice| {
                scope.spawn(move || {
                    let mut part = Vec::new();
                    work(slice, &mut part);
                    part
                })
            })
            .collect();
        work(first.first().copied().unwrap_or_default(), &mut out);
        for (other, &slice) in others.into_iter().zip(rest) {
            // A thread that panicked did so on a bug; doing its share again here panics the
            // same way, on the calling thread, instead of losing paragraphs.
            match other.join() {
                Ok(part) => out.extend(part),
                Err(_) => work(slice, &mut out),
            }
        }
    });
    out
}

/// The paragraphs of one block (lines between blank lines), in a file whose paragraphs are
/// separated by blank lines.
fn block_paragraphs(block: &[Line<'_>], source: usize, out: &mut Vec<RawParagraph>) {
    // Runs of consecutive lines in the same language; a line without letters joins the run.
    let mut runs: Vec<(Option<Lang>, Vec<Line<'_>>)> = Vec::new();
    for &line in block {
        let lang = script::detect(line.text);
        let line = Line { lang, ..line };
        match runs.last_mut() {
            Some((run_lang, lines))
                if lang.is_none() || *run_lang == lang || run_lang.is_none() =>
            {
                if run_lang.is_none() {
                    *run_lang = lang;
                }
                lines.push(line);
            }
            _ => runs.push((lang, vec![line])),
        }
    }
    for (_, lines) in runs {
        if lines_are_paragraphs(&lines) {
            for line in lines {
                out.push(raw_in(line.text.to_owned(), line.number, source, line.lang));
            }
        } else {
            join_wrapped(&lines, source, out);
        }
    }
}

/// In a file that separates paragraphs with blank lines, a block is still one paragraph per line
/// unless some line is a fragment of a wrapped paragraph: a line that is not the last, does not end
/// a sentence and is nearly as long as the longest line (it was cut at the wrap width). Headings in
/// a block of whole-line paragraphs are short, so they are not fragments.
fn lines_are_paragraphs(lines: &[Line<'_>]) -> bool {
    let widest = lines
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    let is_fragment = |l: &Line<'_>| {
        !ends_sentence(l.text)
            && !is_markdown_heading(l.text)
            && l.text.chars().count() * 10 >= widest * 6
    };
    lines.len() == 1 || !lines.iter().take(lines.len() - 1).any(is_fragment)
}

/// Join the lines of a hard-wrapped block into paragraphs; Markdown headings and a leading
/// heading-like line stand alone.
fn join_wrapped(lines: &[Line<'_>], source: usize, out: &mut Vec<RawParagraph>) {
    let widest = lines
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    let mut current: Option<(String, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let short = line.text.chars().count() * 10 < widest * 6;
        let alone = is_markdown_heading(line.text) || (i == 0 && short && is_heading(line.text));
        if alone {
            if let Some((text, number)) = current.take() {
                out.push(raw(text, number, source));
            }
            out.push(raw_in(line.text.to_owned(), line.number, source, line.lang));
            continue;
        }
        match &mut current {
            Some((text, _)) => {
                text.push(' ');
                text.push_str(line.text.trim_start());
            }
            None => current = Some((line.text.to_owned(), line.number)),
        }
    }
    if let Some((text, number)) = current {
        out.push(raw(text, number, source));
    }
}

/// A paragraph from its text, detecting its language.
fn raw(text: String, line: usize, source: usize) -> RawParagraph {
    let lang = script::detect(&text);
    raw_in(text, line, source, lang)
}

/// A paragraph from its text, in a language already detected.
fn raw_in(text: String, line: usize, source: usize, lang: Option<Lang>) -> RawParagraph {
    let (text, markdown) = match strip_markdown_heading(&text) {
        Some(title) => (title.to_owned(), true),
        None => (text, false),
    };
    RawParagraph {
        paragraph: Paragraph {
            heading: markdown || is_heading(&text),
            text,
            line: narrow(line),
            source: narrow(source),
        },
        lang,
    }
}

/// One line of a tab-separated bitext: the Arabic and English cells (either may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct TsvRow {
    /// 1-based line number.
    pub line: usize,
    /// The Arabic cell.
    pub ar: Option<String>,
    /// The English cell.
    pub en: Option<String>,
    /// The confidence in a third column (as `bitext --export tsv` writes it), if any.
    pub score: Option<f64>,
}

/// Read `text` as a TSV bitext if it is one: every non-blank line has a tab, and most lines hold
/// one Arabic and one English cell (in either order, even line by line).
pub fn tsv(text: &str) -> Option<Vec<TsvRow>> {
    let (rows, bilingual, lines) = tsv_scan(text, false)?;
    (lines > 0 && bilingual * 10 >= lines * 6).then_some(rows)
}

/// The units of TSV rows: each row a pair of its cells, with its score (1 when it has none).
pub fn tsv_units(rows: Vec<TsvRow>) -> Vec<super::formats::Unit> {
    use super::formats::{Seg, Unit};
    rows.into_iter()
        .map(|row| {
            let line = row.line;
            let seg = |text: Option<String>| -> Vec<Seg> {
                text.map(|text| Seg { text, line }).into_iter().collect()
            };
            Unit {
                score: row.score.unwrap_or(1.0),
                ar: seg(row.ar),
                en: seg(row.en),
            }
        })
        .collect()
}

/// The rows of a part of a TSV bitext known to be one (the file's start was read by [`tsv`]):
/// every line, numbered from `first_line`; a line without a tab is one cell.
pub fn tsv_rows(text: &str, first_line: usize) -> Vec<TsvRow> {
    let mut rows = tsv_scan(text, true).map(|r| r.0).unwrap_or_default();
    for row in &mut rows {
        row.line += first_line - 1;
    }
    rows
}

/// The rows of `text`, how many hold both languages, and how many lines are not blank; `None`
/// (unless `lenient`) at a line without a tab.
fn tsv_scan(text: &str, lenient: bool) -> Option<(Vec<TsvRow>, usize, usize)> {
    let mut rows = Vec::new();
    let mut bilingual = 0usize;
    let mut lines = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let (a, rest) = match line.split_once('\t') {
            Some(cells) => cells,
            None if lenient => (line, ""),
            None => return None,
        };
        let (b, score) = split_score(rest);
        let (a, b) = (a.trim(), b.trim());
        let (la, lb) = (script::detect(a), script::detect(b));
        let mut row = TsvRow {
            line: i + 1,
            ar: None,
            en: None,
            score,
        };
        let cell = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        match (la, lb) {
            (Some(Lang::Ar), Some(Lang::En)) => {
                bilingual += 1;
                row.ar = cell(a);
                row.en = cell(b);
            }
            (Some(Lang::En), Some(Lang::Ar)) => {
                bilingual += 1;
                row.en = cell(a);
                row.ar = cell(b);
            }
            // A header such as `ar<TAB>en` or `Arabic<TAB>English` is skipped.
            _ if !lenient && is_tsv_header(a, b) && rows.is_empty() => continue,
            _ => {
                // One cell empty or both in one script: file each cell by its own script.
                for s in [a, b] {
                    match script::detect(s) {
                        Some(Lang::Ar) if row.ar.is_none() => row.ar = cell(s),
                        Some(_) if row.en.is_none() => row.en = cell(s),
                        _ => {}
                    }
                }
            }
        }
        // A line with no letter of either script (controls, punctuation) is no pair.
        if row.ar.is_some() || row.en.is_some() {
            rows.push(row);
        }
    }
    Some((rows, bilingual, lines))
}

/// The second cell of a TSV line and the score in a third, when the third is a number from 0
/// to 1; otherwise the rest of the line is the second cell.
fn split_score(rest: &str) -> (&str, Option<f64>) {
    if let Some((b, third)) = rest.split_once('\t')
        && let Ok(score) = third.trim().parse::<f64>()
        && (0.0..=1.0).contains(&score)
    {
        return (b, Some(score));
    }
    (rest, None)
}

fn is_tsv_header(a: &str, b: &str) -> bool {
    let names = [
        "ar",
        "en",
        "arabic",
        "english",
        "العربية",
        "الإنجليزية",
        "source",
        "target",
    ];
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    names.contains(&a.as_str()) && names.contains(&b.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[RawParagraph]) -> Vec<&str> {
        v.iter().map(|p| p.paragraph.text.as_str()).collect()
    }

    /// The single-threaded split, as it was written before the work was shared: the
    /// definition [`paragraphs_in_parts`] must agree with for any number of parts.
    fn reference_paragraphs(text: &str, source: usize) -> Vec<RawParagraph> {
        let mut blocks: Vec<Vec<Line<'_>>> = vec![Vec::new()];
        let mut blank_lines = false;
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() {
                if blocks.last().is_some_and(|b| !b.is_empty()) {
                    blocks.push(Vec::new());
                }
                continue;
            }
            blank_lines |= blocks.len() > 1;
            blocks.last_mut().unwrap().push(Line {
                text: line,
                number: i + 1,
                lang: None,
            });
        }
        let mut out = Vec::new();
        for block in blocks.into_iter().filter(|b| !b.is_empty()) {
            let mut runs: Vec<(Option<Lang>, Vec<Line<'_>>)> = Vec::new();
            for mut line in block {
                let lang = script::detect(line.text);
                line.lang = lang;
                match runs.last_mut() {
                    Some((run_lang, lines))
                        if lang.is_none() || *run_lang == lang || run_lang.is_none() =>
                    {
                        if run_lang.is_none() {
                            *run_lang = lang;
                        }
                        lines.push(line);
                    }
                    _ => runs.push((lang, vec![line])),
                }
            }
            for (_, lines) in runs {
                if !blank_lines || lines_are_paragraphs(&lines) {
                    for line in lines {
                        out.push(raw_in(line.text.to_owned(), line.number, source, line.lang));
                    }
                } else {
                    join_wrapped(&lines, source, &mut out);
                }
            }
        }
        out
    }

    /// Lines of every kind a file may hold: Arabic and English sentences, headings (plain and
    /// Markdown), wrapped fragments, lines without letters, blank and whitespace-only lines.
    fn line() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "قال الوزير إن الاجتماع انتهى.",
            "وأضاف أن المحادثات ستستمر حتى نهاية الأسبوع المقبل في القاهرة",
            "عنوان الخبر",
            "## العنوان الثاني",
            "The minister said the meeting ended.",
            "and the talks will go on until the end of next week in Cairo",
            "# Markets on Watch",
            "Short heading",
            "2019 — 48",
            "قال Elon Musk إن شركة Tesla ستنمو",
            "",
            "   ",
            "\t",
            "\u{a0}",
            "\r",
            "line with trailing spaces   \r",
        ])
    }

    proptest::proptest! {
        #[test]
        fn any_number_of_parts_gives_the_single_threaded_paragraphs(
            lines in proptest::collection::vec(line(), 0..40),
            parts in 1usize..6,
            newline_at_end in proptest::bool::ANY,
        ) {
            let mut text = lines.join("\n");
            if newline_at_end {
                text.push('\n');
            }
            let expected = reference_paragraphs(&text, 3);
            proptest::prop_assert_eq!(&paragraphs(&text, 3), &expected);
            proptest::prop_assert_eq!(&paragraphs_in_parts(&text, 3, parts), &expected);
        }

        #[test]
        fn lines_split_as_str_split_does(
            text in "[a\n\r ب]{0,30}",
        ) {
            let ours: Vec<&str> = split_lines(&text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn a_large_text_is_split_the_same_on_several_threads() {
        // Above the threshold, so `paragraphs_with` really shares the work; both kinds of
        // file: one paragraph per line, and blank-line separated blocks with wrapped lines.
        let per_line = "قال الوزير إن الاجتماع انتهى.\nThe minister said the meeting ended.\n"
            .repeat(PARALLEL_MIN_BYTES / 40);
        let blocks = "عنوان\n\nوأضاف أن المحادثات ستستمر حتى نهاية الأسبوع المقبل في\nالقاهرة.\n\n"
            .repeat(PARALLEL_MIN_BYTES / 60);
        for text in [per_line, blocks] {
            assert!(text.len() >= 2 * PARALLEL_MIN_BYTES);
            let one = paragraphs(&text, 0);
            assert!(one.len() > 1000);
            assert_eq!(paragraphs_with(&text, 0, 2), one);
            assert_eq!(paragraphs_with(&text, 0, 3), one);
        }
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        let t = "عنوان الخبر\nقال الوزير إن الاجتماع انتهى.\nThe Headline\nThe minister said the meeting ended.\n";
        let p = paragraphs(t, 0);
        assert_eq!(p.len(), 4);
        assert!(p[0].paragraph.heading && !p[1].paragraph.heading);
        assert_eq!(p[0].lang, Some(Lang::Ar));
        assert_eq!(p[3].lang, Some(Lang::En));
        assert_eq!(p[2].paragraph.line, 3);
    }

    #[test]
    fn wrapped_blocks_join_with_a_space_and_crlf_is_removed() {
        let t = "\u{FEFF}# Title\r\n\r\nThe first paragraph is wrapped  \r\nover two lines.\r\n\r\n\r\n\r\nSecond paragraph.\r\n";
        let p = paragraphs(t.trim_start_matches('\u{FEFF}'), 0);
        assert_eq!(
            texts(&p),
            [
                "Title",
                "The first paragraph is wrapped over two lines.",
                "Second paragraph."
            ]
        );
        assert!(p[0].paragraph.heading);
        assert_eq!(p[1].paragraph.line, 3);
    }

    #[test]
    fn a_block_of_complete_lines_stays_one_paragraph_per_line() {
        let t = "سطر أول كامل.\nسطر ثان كامل.\n\nA first full line.\nA second full line.\n";
        assert_eq!(paragraphs(t, 0).len(), 4);
    }

    #[test]
    fn language_change_inside_a_block_splits_it() {
        let t = "هذه فقرة عربية طويلة\nتمتد على سطرين\nThis English paragraph\nalso spans two lines\n\nEnd.";
        let p = paragraphs(t, 0);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].paragraph.text, "هذه فقرة عربية طويلة تمتد على سطرين");
        assert_eq!(p[1].lang, Some(Lang::En));
    }

    #[test]
    fn headings() {
        assert!(is_heading("اهتمام البيت الأبيض"));
        assert!(is_heading("## Section two."));
        assert!(!is_heading("He said: «yes»"));
        assert!(!is_markdown_heading("#hashtag"));
        assert!(!is_heading("2019"));
    }

    #[test]
    fn tsv_in_either_order_with_header() {
        let t = "ar\ten\nمرحبا بكم.\tWelcome.\nGoodbye.\tمع السلامة.\n";
        let rows = tsv(t).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].ar.as_deref(), Some("مع السلامة."));
        assert_eq!(rows[1].en.as_deref(), Some("Goodbye."));
        assert!(tsv("no tabs here\n").is_none());
        assert!(tsv("a\tb\nc\td\n").is_none());
    }

    #[test]
    fn a_tsv_line_without_letters_is_no_row() {
        // Found by the `parse` fuzz target: a line of tabs and a control made a pair of no
        // paragraphs.
        let t = "مرحبا بكم.\tWelcome.\n\t\t\t\u{6})\nشكرا.\tThanks.\n";
        let rows = tsv(t).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.ar.is_some() && r.en.is_some()));
        let doc = crate::document::parse_single("a.tsv", t);
        assert_eq!(doc.pairs.len(), 2);
        assert!(
            doc.pairs
                .iter()
                .all(|p| !p.ar.is_empty() && !p.en.is_empty())
        );
    }
}
