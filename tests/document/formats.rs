//! The structured input forms (issue 16): HTML pages, SRT/WebVTT subtitles, TMX and XLIFF read
//! into the article of `tests/fixtures/formats` and nothing else; the pairs are right; an export
//! reopens as the same pairs; bad input gets a message naming the file, or a warning.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use bitext::document::{Document, Format, Lang};
use bitext::source::{Input, LoadOptions, load};
use bitext::view::export::{ExportFormat, export_document};

use crate::support::format_fixture as fixture;

fn open(names: &[&str]) -> Document {
    let inputs: Vec<Input> = names.iter().map(|n| Input::Path(fixture(n))).collect();
    load(&inputs, LoadOptions::default()).unwrap()
}

/// The article: the 7 Arabic and 7 English paragraphs of the canonical fixture.
fn article() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(fixture("blocks-ar-first.txt")).unwrap();
    let (ar, en) = text.trim_end().split_once("\n\n").unwrap();
    let lines = |b: &str| b.lines().map(str::to_owned).collect::<Vec<_>>();
    (lines(ar), lines(en))
}

fn texts(doc: &Document, lang: Lang) -> Vec<&str> {
    doc.paragraphs
        .of(lang)
        .iter()
        .map(|p| p.text.as_str())
        .collect()
}

/// Each pair as (Arabic indices, English indices).
fn shape(doc: &Document) -> Vec<(Vec<usize>, Vec<usize>)> {
    doc.pairs
        .iter()
        .map(|p| (p.ar.to_vec(), p.en.to_vec()))
        .collect()
}

fn one_to_one(n: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    (0..n).map(|i| (vec![i], vec![i])).collect()
}

#[test]
fn two_web_pages_give_the_article_and_nothing_else() {
    let (ar, en) = article();
    // The Arabic page is in windows-1256 (its <meta charset> says so), with a cookie banner,
    // navigation, breadcrumbs, share buttons, a figure, an aside, comments, a newsletter box, a
    // footer, scripts, styles and an HTML comment around the article; the English page has no
    // <article>, an advert, a pull quote, related stories and a hidden consent pop-up.
    for names in [
        ["article-ar.html", "article-en.html"],
        ["article-en.html", "article-ar.html"],
    ] {
        let doc = open(&names);
        assert_eq!(texts(&doc, Lang::Ar), ar);
        assert_eq!(texts(&doc, Lang::En), en);
        assert_eq!(shape(&doc), one_to_one(7));
        for lang in Lang::BOTH {
            let headings: Vec<bool> = doc.paragraphs.of(lang).iter().map(|p| p.heading).collect();
            assert_eq!(headings, [true, false, false, false, false, false, false]);
        }
        assert!(doc.sources.iter().all(|s| s.format == Format::Html));
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(
            doc.paragraphs.ar[0].source,
            u32::from(names[0] != "article-ar.html")
        );
    }
}

#[test]
fn subtitles_pair_by_time_and_a_split_cue_pairs_one_two() {
    let (ar, en) = article();
    let doc = open(&["subtitles-en.vtt", "subtitles-ar.srt"]);
    assert_eq!(
        texts(&doc, Lang::Ar),
        ar,
        "tags, numbers and timings are not text"
    );
    // The English paragraph 2 is two cues.
    let mut en_cues = en.clone();
    let (a, b) = en[2].split_once(", and that ").unwrap();
    en_cues.splice(2..3, [format!("{a},"), format!("and that {b}")]);
    assert_eq!(texts(&doc, Lang::En), en_cues);
    let mut expected = one_to_one(7);
    for (i, pair) in expected.iter_mut().enumerate().skip(2) {
        pair.1 = if i == 2 { vec![2, 3] } else { vec![i + 1] };
    }
    assert_eq!(shape(&doc), expected);
    assert!(
        doc.pairs.iter().all(|p| p.score > 0.9),
        "the drift of 120 ms costs little"
    );
    assert!(doc.sources.iter().all(|s| s.format == Format::Subtitles));
}

#[test]
fn a_translation_memory_gives_its_units_without_inline_codes() {
    let (ar, en) = article();
    let doc = open(&["memory.tmx"]);
    assert_eq!(texts(&doc, Lang::Ar), ar);
    assert_eq!(texts(&doc, Lang::En), en);
    assert_eq!(shape(&doc), one_to_one(7));
    assert_eq!(doc.sources[0].format, Format::Tmx);
    // The German-only unit is skipped, and said so.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].contains("memory.tmx: 1 of 8 translation units"));
}

#[test]
fn xliff_files_give_their_units_and_mark_the_untranslated_one() {
    let (ar, en) = article();
    let doc = open(&["project.xlf"]);
    assert_eq!(texts(&doc, Lang::Ar), ar);
    let mut en_units = en.clone();
    en_units.push("Photo: visitors at the fair (archive).".to_owned());
    assert_eq!(texts(&doc, Lang::En), en_units);
    let mut expected = one_to_one(7);
    expected.push((vec![], vec![7]));
    assert_eq!(shape(&doc), expected);
    assert!(doc.pairs[7].score.abs() < 1e-9 && (doc.pairs[0].score - 1.0).abs() < 1e-9);
    assert!(
        doc.warnings[0].contains("1 of 8 units have no translation"),
        "{:?}",
        doc.warnings
    );
    // XLIFF 2.0 with Arabic as the source language.
    let doc = open(&["project-2.0.xlf"]);
    assert_eq!(texts(&doc, Lang::Ar), ar);
    assert_eq!(texts(&doc, Lang::En), en);
    assert_eq!(shape(&doc), one_to_one(7));
    assert_eq!(doc.sources[0].format, Format::Xliff);
}

/// Pairs as texts of each side (paragraphs joined with a space) and scores.
fn pair_texts(doc: &Document) -> Vec<(String, String, f64)> {
    let side = |idx: bitext::document::Side, lang: Lang| -> String {
        idx.iter()
            .map(|i| doc.paragraphs.of(lang)[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    doc.pairs
        .iter()
        .map(|p| (side(p.ar, Lang::Ar), side(p.en, Lang::En), p.score))
        .collect()
}

#[test]
fn an_export_reopens_as_the_same_pairs() {
    let dir = tempfile::tempdir().unwrap();
    for names in [
        &["article-ar.html", "article-en.html"][..],
        &["subtitles-ar.srt", "subtitles-en.vtt"],
        &["project.xlf"],
        &["memory.tmx"],
        &["../seed/000_18ef8cb601dfb36a.txt"],
    ] {
        let doc = open(names);
        assert!(doc.pairs.len() >= 7);
        for (format, ext) in [(ExportFormat::Tmx, "tmx"), (ExportFormat::Tsv, "tsv")] {
            let path = dir.path().join(format!("out.{ext}"));
            std::fs::write(&path, export_document(&doc, format)).unwrap();
            let back = load(&[Input::Path(path)], LoadOptions::default()).unwrap();
            assert_eq!(pair_texts(&back), pair_texts(&doc), "{names:?} as {ext}");
        }
    }
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = crate::support::bitext().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_exports_both_forms() {
    let memory = fixture("memory.tmx");
    let (code, out, _) = run(&["--export", "tsv", memory.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 7);
    assert!(
        out.lines()
            .all(|l| l.split('\t').count() == 3 && l.ends_with("\t1"))
    );
    let (code, out, _) = run(&["--export", "tmx", memory.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<?xml") && out.ends_with("</tmx>\n"));
    assert_eq!(out.matches("<tu>").count(), 7);
    let (code, _, err) = run(&["--export", "csv", memory.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_structured_input_is_named_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, Option<&str>); 8] = [
        (
            "cut.tmx",
            "<tmx>\n<body>\n<tu><tuv xml:lang='ar'><seg>نص لا ينتهي",
            Some(
                "cut.tmx: malformed TMX at line 3: the file ends inside its first translation unit",
            ),
        ),
        (
            "cut.xlf",
            "<xliff version='1.2'><file><body>\n<trans-unit><source>word word",
            Some("cut.xlf: malformed XLIFF at line 2: the file ends inside its first unit"),
        ),
        (
            "fr.tmx",
            "<tmx version='1.4'><body><tu><tuv xml:lang='fr'><seg>Oui</seg></tuv><tuv xml:lang='de'><seg>Ja</seg></tuv></tu></body></tmx>",
            Some("fr.tmx: TMX without Arabic or English (languages found: de, fr)"),
        ),
        (
            "broken.tmx",
            "<?xml version='1.0'?>\n<tmx>\n<body><tu><tuv xml:lang='ar'><seg>نعم</tuv>",
            Some("broken.tmx: malformed TMX at line 3"),
        ),
        (
            "empty.xlf",
            "<xliff version='1.2'><file></file></xliff>",
            Some("empty.xlf: XLIFF without any unit"),
        ),
        (
            "targets.xlf",
            "<xliff version='1.2'><file source-language='en' target-language='ar'><body><trans-unit id='1'><source>Hello.</source></trans-unit></body></file></xliff>",
            None,
        ),
        (
            "tangled.srt",
            "2\n00:00:05,000 --> 00:00:01,000\nLate <i>and backwards</i>\n\n1\n00:00:00,000 --> 00:00:09,000\nFirst\n\nnot a cue\n",
            None,
        ),
        (
            "tags.html",
            "<html><body><p>Unclosed <b>bold<div><p>Another</body>",
            None,
        ),
    ];
    for (name, text, error) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (code, out, err) = run(&["--print", "--width", "60", path.to_str().unwrap()]);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if let Some(message) = error {
            assert_eq!(code, 1, "{name}: {err}");
            assert_eq!(err.matches(message).count(), 1, "{name}: {err}");
            assert_eq!(err.lines().count(), 1, "said once: {err}");
        } else {
            assert_eq!(code, 0, "{name}: {err}");
            assert!(!out.is_empty(), "{name}");
        }
    }
    let (_, _, err) = run(&["--print", dir.path().join("targets.xlf").to_str().unwrap()]);
    assert!(
        err.contains("targets.xlf: no unit has a translation"),
        "{err}"
    );
    let (_, out, err) = run(&["--print", dir.path().join("tangled.srt").to_str().unwrap()]);
    assert!(
        err.contains("tangled.srt: 1 block(s) without a cue timing"),
        "{err}"
    );
    assert!(err.contains("out of time order"), "{err}");
    assert!(
        out.find("First").unwrap() < out.find("Late and backwards").unwrap(),
        "{out}"
    );
}

#[test]
fn a_one_line_gigabyte_of_markup_is_linear() {
    // Not a gigabyte in a test: 32 MB of one line, in each structured form's worst shape (one
    // unit that never closes, text without a tag). The parsers are linear (the scale benchmark
    // reads 300 MB), so this finishes in well under a second in release builds.
    let line = "<tmx><body><tu><tuv xml:lang='ar'><seg>".to_owned() + &"نص ".repeat(6 << 20);
    let (units, warnings) =
        bitext::document::tmx::parse(&line).map_or((0, vec![]), |(u, w)| (u.len(), w));
    assert_eq!(units, 0);
    assert!(warnings.is_empty());
    let subs =
        bitext::document::subtitles::parse(&"00:00:01,000 --> 00:00:02,000 ".repeat(1 << 20));
    assert!(subs.cues.is_empty());
    let html = "<p>".to_owned() + &"word ".repeat(6 << 20);
    assert_eq!(bitext::document::html::paragraphs(&html, 0).len(), 1);
}

mod damaged {
    //! The fixtures damaged at random (bytes cut out, bytes put in): every parser reads them
    //! without a panic, and a TMX read in chunks gives what it gives read whole. The same checks
    //! run on arbitrary bytes in `fuzz/fuzz_targets/formats.rs`.

    use super::fixture;
    use bitext::document::{html, subtitles, tmx, xliff};
    use proptest::prelude::*;

    fn fixtures() -> Vec<Vec<u8>> {
        [
            "memory.tmx",
            "project.xlf",
            "project-2.0.xlf",
            "subtitles-ar.srt",
            "subtitles-en.vtt",
            "article-en.html",
            "article-ar.html",
        ]
        .iter()
        .map(|n| std::fs::read(fixture(n)).unwrap())
        .collect()
    }

    fn damage(mut bytes: Vec<u8>, edits: &[(usize, usize, u8)]) -> Vec<u8> {
        for &(at, len, byte) in edits {
            let at = at % (bytes.len() + 1);
            let end = (at + len % 24).min(bytes.len());
            if byte % 2 == 0 {
                bytes.drain(at..end);
            } else {
                let noise = [byte, b'<', b'>', b'&', b'/', b'\n', b':', b'-'];
                bytes.splice(at..at, noise[..len % 8].iter().copied());
            }
        }
        bytes
    }

    proptest! {
        #![proptest_config(crate::support::proptest_config(64))]
        #[test]
        fn damaged_files_never_panic(
            which in 0usize..7,
            edits in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 1..6),
            chunk in 1usize..400,
        ) {
            let bytes = damage(fixtures().swap_remove(which), &edits);
            let page = html::decode(&bytes);
            let _ = html::paragraphs(&page.text, 0);
            let text = String::from_utf8_lossy(&bytes);
            let subs = subtitles::parse(&text);
            let mid = subs.cues.len() / 2;
            let units = subtitles::pair(&subs.cues[..mid], &subs.cues[mid..]);
            let taken: usize = units.iter().map(|u| u.ar.len() + u.en.len()).sum();
            prop_assert_eq!(taken, subs.cues.len());
            let _ = xliff::parse(&text);
            if let Ok((whole, _)) = tmx::parse(&text) {
                let mut reader = tmx::TmxReader::new();
                let bytes = text.as_bytes();
                let (mut at, mut end, mut got) = (0, 0, Vec::new());
                loop {
                    end = (end + chunk).max(at).min(bytes.len());
                    let last = end == bytes.len();
                    match reader.feed(&bytes[at..end], last) {
                        Ok(n) => at += n,
                        Err(_) => break,
                    }
                    got.extend(reader.take_units());
                    if last {
                        break;
                    }
                }
                if !reader.stopped() {
                    prop_assert_eq!(got, whole);
                }
            }
        }
    }
}
