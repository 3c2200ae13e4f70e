//! Differential test of the layout engine against GNU FriBidi (through `tests/oracle/fribidi.py`,
//! which drives libfribidi with ctypes).
//!
//! Inputs: every row of `tests/fixtures/bidi/cases.tsv`, and every paragraph (line) of the seed
//! article (in `tests/fixtures/seed/`), of every `.txt` file under `assets/` and `tests/fixtures/`,
//! unwrapped and wrapped at widths 20, 33, 47 and 80. Our engine chooses the line breaks; FriBidi
//! gets exactly the same break positions, so both reorder the same lines. The only differences
//! forgiven are the ones documented in `docs/bidi.md`, each recognised precisely and counted.
//!
//! When python3 or libfribidi is missing the test prints that it skipped, unless `CI=true`, where
//! it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design
#![allow(clippy::doc_markdown)] // "FriBidi" is a name, not code

use crate::support::{self, column_of, root};

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use bitext::document::script::is_arabic_letter;
use bitext::layout::bidi::{LineClass, reset_line_levels};
use bitext::layout::{Direction, LayoutOptions, VisualLine, layout_paragraph};
use unicode_width::UnicodeWidthChar;

const WIDTHS: [usize; 5] = [1_000_000, 20, 33, 47, 80];

fn oracle() -> PathBuf {
    root().join("tests/oracle/fribidi.py")
}

/// Is the oracle usable here? Panics under CI when it is not.
fn oracle_available() -> bool {
    let ok = Command::new("python3")
        .arg(oracle())
        .arg("--check")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but the FriBidi oracle cannot run: install python3 and libfribidi-bin"
        );
        println!("SKIPPED: python3 or libfribidi is missing (apt-get install libfribidi-bin)");
    }
    ok
}

/// A paragraph to compare, with where it came from.
struct Para {
    origin: String,
    dir: Direction,
    text: String,
}

fn paragraphs() -> Vec<Para> {
    let mut paras = vec![];
    let cases = std::fs::read_to_string(root().join("tests/fixtures/bidi/cases.tsv")).unwrap();
    for (n, line) in cases.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (dir, text) = line.split_once('\t').unwrap();
        paras.push(Para {
            origin: format!("cases.tsv:{}", n + 1),
            dir: if dir == "rtl" {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
            text: text.to_string(),
        });
    }
    let hard = std::fs::read_to_string(root().join("tests/golden/hard-cases.txt")).unwrap();
    for (n, line) in hard.lines().enumerate() {
        let (dir, text) = if let Some(t) = line.strip_prefix("rtl:") {
            (Direction::Rtl, t)
        } else if let Some(t) = line.strip_prefix("ltr:") {
            (Direction::Ltr, t)
        } else {
            continue;
        };
        paras.push(Para {
            origin: format!("tests/golden/hard-cases.txt:{}", n + 1),
            dir,
            text: text.to_string(),
        });
    }
    let mut files = vec![];
    for dir in ["assets", "tests/fixtures"] {
        files.extend(support::text_files(&root().join(dir), &["txt"]));
    }
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // not UTF-8 (a hostile-input fixture): not a layout comparison
        };
        if text.len() > 1 << 20 {
            continue; // stress fixtures are for the fuzz and speed tests
        }
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            paras.push(Para {
                origin: format!("{name}:{}", n + 1),
                dir: column_of(line),
                text: line.to_string(),
            });
        }
    }
    paras
}

/// Our line as text, with each tab (drawn as spaces up to the next stop) put back as one tab.
fn our_text(text: &str, line: &VisualLine, counts: &mut BTreeMap<&'static str, usize>) -> String {
    let mut out = String::with_capacity(line.text.len());
    let mut last_tab = None;
    for cell in &line.cells {
        if text.get(cell.source.clone()) == Some("\u{AD}") {
            // A soft hyphen drawn as "-" where the line breaks after it.
            *counts
                .entry("soft hyphen shown at a line break")
                .or_default() += 1;
        } else if text.get(cell.source.clone()) == Some("\t") {
            if last_tab != Some(cell.source.start) {
                out.push('\t');
                *counts.entry("tab expanded to the next stop").or_default() += 1;
            }
            last_tab = Some(cell.source.start);
        } else {
            out.push_str(line.cell_text(cell));
        }
    }
    out
}

/// Line starts after the first, in code points of the paragraph.
fn breaks(text: &str, lines: &[VisualLine]) -> Vec<usize> {
    lines
        .iter()
        .skip(1)
        .map(|l| text.get(..l.source.start).unwrap().chars().count())
        .collect()
}

/// FriBidi's answer for one paragraph: its visual lines and its resolved paragraph levels, and
/// ICU's levels when ICU is installed.
struct Answer {
    lines: Vec<String>,
    levels: Vec<u8>,
    icu_levels: Option<Vec<u8>>,
}

fn levels_of(v: &serde_json::Value) -> Option<Vec<u8>> {
    v.as_array().map(|a| {
        a.iter()
            .map(|n| u8::try_from(n.as_u64().unwrap()).unwrap())
            .collect()
    })
}

/// Runs the oracle on a batch of requests, one answer per request.
fn run_oracle(requests: &[serde_json::Value]) -> Vec<Answer> {
    let mut child = Command::new("python3")
        .arg(oracle())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for r in requests {
        input.push_str(&r.to_string());
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "oracle failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Answer {
                lines: v["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
                levels: levels_of(&v["levels"]).unwrap(),
                icu_levels: levels_of(&v["icu_levels"]),
            }
        })
        .collect()
}

/// Our paragraph levels (from `unicode-bidi`, which the conformance test checks against
/// `BidiCharacterTest.txt`), one per code point, with rule L1 applied to the paragraph as one
/// line (FriBidi applies it when resolving levels). Characters removed by rule X9 have no level
/// of their own (`None`): we drop them, FriBidi gives them one by convention.
fn our_levels(text: &str, dir: Direction) -> Vec<Option<u8>> {
    use unicode_bidi::BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    let level = match dir {
        Direction::Ltr => unicode_bidi::Level::ltr(),
        Direction::Rtl => unicode_bidi::Level::rtl(),
    };
    let info = unicode_bidi::BidiInfo::new(text, Some(level));
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut levels: Vec<u8> = starts.iter().map(|&i| info.levels[i].number()).collect();
    let class = |k: usize| info.original_classes[starts[k]];
    reset_line_levels(|k| LineClass::of(class(k)), &mut levels, level.number());
    levels
        .iter()
        .enumerate()
        .map(|(k, &l)| (!matches!(class(k), BN | LRE | RLE | LRO | RLO | PDF)).then_some(l))
        .collect()
}

/// Do our levels agree with FriBidi's, wherever ours are defined?
fn same_levels(ours: &[Option<u8>], theirs: &[u8]) -> bool {
    ours.len() == theirs.len()
        && ours
            .iter()
            .zip(theirs)
            .all(|(a, &b)| a.is_none_or(|a| a == b))
}

/// What to make of the paragraph levels.
enum Levels {
    /// FriBidi agrees with us.
    Agree,
    /// FriBidi disagrees, and ICU (a third implementation) sides with us: a FriBidi 1.0.8 bug.
    /// All seen involve several isolates, e.g. RTL `RLI x PDI LRI 9 ب`, where FriBidi puts the 9
    /// at level 4 but UAX #9 (W7 with the isolating run sequence's sos = L), ICU and we at 2.
    FribidiOutvoted,
    /// A real disagreement, described.
    Disagree(String),
}

fn judge_levels(text: &str, dir: Direction, answer: &Answer) -> Levels {
    let ours = our_levels(text, dir);
    if same_levels(&ours, &answer.levels) {
        return Levels::Agree;
    }
    let icu = answer.icu_levels.as_deref();
    if icu.is_some_and(|icu| same_levels(&ours, icu)) {
        return Levels::FribidiOutvoted;
    }
    let hint = if icu.is_none() {
        "\n  (ICU's libicuuc is not installed: it arbitrates FriBidi 1.0.8's level bugs; apt-get install libicu72)"
    } else {
        ""
    };
    Levels::Disagree(format!(
        "paragraph levels differ: input {text:?}\n  ours    {ours:?}\n  fribidi {:?}\n  icu     {icu:?}{hint}",
        answer.levels
    ))
}

/// Characters we apply and then drop, which FriBidi leaves in its output (documented).
fn dropped_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}')
}

/// FriBidi does not form a lam-alef ligature across a haraka; we do (documented). In FriBidi's
/// visual output that shows as a final alef, its marks, then an initial or medial lam with at
/// least one mark; rewrite it as our ligature followed by the lam's marks then the alef's.
fn ligate_across_marks(visual: &[char], counts: &mut BTreeMap<&'static str, usize>) -> Vec<char> {
    let mut out = Vec::with_capacity(visual.len());
    let mut i = 0;
    while i < visual.len() {
        let lig = match visual[i] {
            '\u{FE82}' => Some(0xFEF5),
            '\u{FE84}' => Some(0xFEF7),
            '\u{FE88}' => Some(0xFEF9),
            '\u{FE8E}' => Some(0xFEFB),
            _ => None,
        };
        if let Some(lig) = lig {
            let mut j = i + 1;
            while j < visual.len() && is_arabic_mark(visual[j]) {
                j += 1;
            }
            let alef_marks = i + 1..j;
            if j < visual.len() && matches!(visual[j], '\u{FEDF}' | '\u{FEE0}') {
                let medial = visual[j] == '\u{FEE0}';
                let mut k = j + 1;
                while k < visual.len() && is_arabic_mark(visual[k]) {
                    k += 1;
                }
                if k > j + 1 {
                    out.push(char::from_u32(lig + u32::from(medial)).unwrap());
                    out.extend_from_slice(&visual[j + 1..k]);
                    out.extend_from_slice(&visual[alef_marks]);
                    *counts
                        .entry("lam-alef ligature across harakat")
                        .or_default() += 1;
                    i = k;
                    continue;
                }
            }
        }
        out.push(visual[i]);
        i += 1;
    }
    out
}

/// FriBidi's line without the invisible characters we drop, optionally with the lam-alef
/// ligatures across harakat formed, counting what was forgiven.
fn expected(fribidi: &str, ligate: bool, counts: &mut BTreeMap<&'static str, usize>) -> String {
    // The ligature first, on FriBidi's own output: a ZWJ between lam and alef prevents it.
    let raw: Vec<char> = fribidi.chars().collect();
    let raw = if ligate {
        ligate_across_marks(&raw, counts)
    } else {
        raw
    };
    let mut out = String::with_capacity(fribidi.len());
    let wide = |k: Option<&char>| k.is_some_and(|&c| c.width() == Some(2));
    for (k, &c) in raw.iter().enumerate() {
        let code = u32::from(c);
        if c == '\u{200D}' && k > 0 && wide(raw.get(k - 1)) && wide(raw.get(k + 1)) {
            out.push(c); // inside an emoji ZWJ sequence: kept, it makes one picture
            continue;
        }
        if c != '\t' && (code < 0x20 || (0x7F..0xA0).contains(&code)) {
            // Shown in caret notation (^X, ^?, ~X for C1).
            let (lead, shown) = match code {
                0x7F => ('^', '?'),
                0x80.. => ('~', char::from_u32(code - 0x40).unwrap()),
                _ => ('^', char::from_u32(code + 0x40).unwrap()),
            };
            out.push(lead);
            out.push(shown);
            *counts.entry("control shown in caret notation").or_default() += 1;
        } else if dropped_invisible(c) {
            *counts
                .entry("invisible format character dropped")
                .or_default() += 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// Does our line equal FriBidi's, up to the documented differences? The ligature rewrite is only
/// tried when the plain comparison fails: in LTR-overridden text, an alef followed by a lam looks
/// the same in visual order as a lam-haraka-alef in RTL text, and must not be rewritten.
fn agrees(
    got: &str,
    fribidi: &str,
    counts: &mut BTreeMap<&'static str, usize>,
) -> Result<(), String> {
    let mut scratch = BTreeMap::new();
    let plain = expected(fribidi, false, &mut scratch);
    if got == plain {
        for (k, v) in scratch {
            *counts.entry(k).or_default() += v;
        }
        return Ok(());
    }
    let mut scratch = BTreeMap::new();
    let ligated = expected(fribidi, true, &mut scratch);
    if got == ligated {
        for (k, v) in scratch {
            *counts.entry(k).or_default() += v;
        }
        return Ok(());
    }
    Err(plain)
}

fn hex(s: &str) -> String {
    s.chars()
        .map(|c| format!("{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn engine_matches_fribidi() {
    if !oracle_available() {
        return;
    }
    let paras = paragraphs();
    assert!(paras.len() >= 20, "inputs not found");
    let mut jobs = vec![]; // (para index, width, shaping, our lines)
    let mut requests = vec![];
    for (p, para) in paras.iter().enumerate() {
        let shaping_modes: &[bool] = if para.origin.starts_with("cases") {
            &[true, false]
        } else {
            &[true]
        };
        for &shaping in shaping_modes {
            for width in WIDTHS {
                let opts = LayoutOptions {
                    shaping,
                    ..LayoutOptions::default()
                };
                let ours = layout_paragraph(&para.text, para.dir, width, &opts, &[]);
                requests.push(serde_json::json!({
                    "dir": if para.dir == Direction::Rtl { "rtl" } else { "ltr" },
                    "text": para.text,
                    "breaks": breaks(&para.text, &ours),
                    "shape": shaping,
                    "icu": true,
                }));
                jobs.push((p, width, shaping, ours));
            }
        }
    }
    let answers = run_oracle(&requests);
    assert_eq!(answers.len(), jobs.len());
    let mut counts = BTreeMap::new();
    let mut compared = 0;
    let mut failures = vec![];
    for ((p, width, shaping, ours), answer) in jobs.iter().zip(&answers) {
        let para = &paras[*p];
        let theirs = &answer.lines;
        assert_eq!(ours.len(), theirs.len(), "{}: line count", para.origin);
        match judge_levels(&para.text, para.dir, answer) {
            Levels::Agree => {}
            Levels::FribidiOutvoted => {
                *counts
                    .entry("FriBidi level bug, ICU agrees with us")
                    .or_default() += 1;
                continue;
            }
            Levels::Disagree(why) => failures.push(format!("{}: {why}", para.origin)),
        }

        for (k, (line, fribidi)) in ours.iter().zip(theirs).enumerate() {
            compared += 1;
            let mut got = our_text(&para.text, line, &mut counts);
            if got.contains('\u{25CC}') && !para.text.contains('\u{25CC}') {
                got = got.replace('\u{25CC}', "");
                *counts
                    .entry("dotted circle under a mark with no base")
                    .or_default() += 1;
            }
            if let Err(want) = agrees(&got, fribidi, &mut counts) {
                failures.push(format!(
                    "{} width {width} shaping {shaping} line {k}:\n  input  {}\n  ours   {got}\n  fribidi {want}\n  ours    {}\n  fribidi {}",
                    para.origin,
                    para.text,
                    hex(&got),
                    hex(&want)
                ));
            }
        }
    }
    println!(
        "compared {compared} lines of {} paragraphs; forgiven documented differences: {counts:?}",
        paras.len()
    );
    assert!(
        failures.is_empty(),
        "{} lines differ from FriBidi:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A small deterministic generator (xorshift), so failures reproduce without a seed file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random paragraph of words drawn from Arabic (with harakat, lam-alef, Persian and Urdu
/// letters), Latin, digits, punctuation, brackets, quotes and, rarely, bidi controls.
fn random_paragraph(rng: &mut Rng) -> String {
    const ARABIC: &[&str] = &[
        "ا", "أ", "إ", "آ", "ب", "ت", "ة", "ج", "ح", "د", "ر", "س", "ع", "ف", "ق", "ك", "ل", "ل",
        "ل", "م", "ن", "ه", "و", "ي", "ى", "ء", "ئ", "ؤ", "پ", "چ", "ژ", "گ", "ک", "ی", "ٹ", "ں",
        "ے", "ھ", "ـ",
    ];
    const MARKS: &[&str] = &[
        "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{064B}",
    ];
    const LATIN: &[&str] = &["a", "b", "X", "y", "Z", "e", "o", "n"];
    const DIGITS: &[&str] = &["0", "1", "2", "9", "٠", "١", "٢", "٣"];
    const PUNCT: &[&str] = &[
        ".", ",", "،", "؛", "؟", "!", ":", "-", "/", "%", "+", "#", "@", "_", "\"", "(", ")", "[",
        "]", "{", "}", "«", "»", "‹", "›", "<", ">",
    ];
    const CONTROLS: &[&str] = &[
        "\u{200E}", "\u{200F}", "\u{061C}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{200C}", "\u{200D}",
    ];
    let mut s = String::new();
    let words = 1 + rng.below(25);
    for w in 0..words {
        if w > 0 {
            s.push(' ');
        }
        let len = 1 + rng.below(9);
        let script = rng.below(10);
        for _ in 0..len {
            match (script, rng.below(20)) {
                (_, 0) => s.push_str(rng.pick(PUNCT)),
                (_, 1) if rng.below(4) == 0 => s.push_str(rng.pick(CONTROLS)),
                // Marks follow a letter (a mark with no base is a documented difference).
                (0..=5, 2..=4)
                    if s.ends_with(|c: char| is_arabic_letter(c) || is_arabic_mark(c)) =>
                {
                    s.push_str(rng.pick(MARKS));
                }
                (0..=5, _) => s.push_str(rng.pick(ARABIC)),
                (6..=7, _) => s.push_str(rng.pick(LATIN)),
                _ => s.push_str(rng.pick(DIGITS)),
            }
        }
    }
    s
}

#[test]
fn engine_matches_fribidi_on_random_paragraphs() {
    if !oracle_available() {
        return;
    }
    // A longer run: BITEXT_FRIBIDI_RANDOM=<count>[,<seed>].
    let setting = std::env::var("BITEXT_FRIBIDI_RANDOM").unwrap_or_default();
    let mut parts = setting.split(',');
    let count = parts.next().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let seed = parts
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed);
    let mut jobs = vec![];
    let mut requests = vec![];
    for _ in 0..count {
        let text = random_paragraph(&mut rng);
        let dir = if rng.below(4) == 0 {
            Direction::Ltr
        } else {
            Direction::Rtl
        };
        let width = if rng.below(5) == 0 {
            1_000_000
        } else {
            1 + rng.below(60)
        };
        let ours = layout_paragraph(&text, dir, width, &LayoutOptions::default(), &[]);
        requests.push(serde_json::json!({
            "dir": if dir == Direction::Rtl { "rtl" } else { "ltr" },
            "text": text,
            "breaks": breaks(&text, &ours),
            "shape": true,
            "icu": true,
        }));
        jobs.push((text, dir, width, ours));
    }
    let answers = run_oracle(&requests);
    let mut counts = BTreeMap::new();
    let mut failures = vec![];
    for ((text, dir, width, ours), answer) in jobs.iter().zip(&answers) {
        let theirs = &answer.lines;
        assert_eq!(ours.len(), theirs.len());
        match judge_levels(text, *dir, answer) {
            Levels::Agree => {}
            Levels::FribidiOutvoted => {
                *counts
                    .entry("FriBidi level bug, ICU agrees with us")
                    .or_default() += 1;
                continue;
            }
            Levels::Disagree(why) => failures.push(format!("{dir:?} width {width}: {why}")),
        }
        for (k, (line, fribidi)) in ours.iter().zip(theirs).enumerate() {
            let got = line.text.replace('\u{25CC}', "");
            if let Err(want) = agrees(&got, fribidi, &mut counts) {
                failures.push(format!(
                    "{dir:?} width {width} line {k}: input {text:?}\n  ours    {}\n  fribidi {}",
                    hex(&got),
                    hex(&want)
                ));
            }
        }
    }
    println!("random paragraphs: forgiven documented differences: {counts:?}");
    assert!(
        failures.is_empty(),
        "{} lines differ from FriBidi:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
