//! Differential test of the layout engine against GNU FriBidi (through `tests/oracle/fribidi.py`,
//! which drives libfribidi with ctypes).
//!
//! Inputs: every row of `tests/fixtures/bidi/cases.tsv`, and every paragraph (line) of the seed
//! article in `../shared/seed/`, of every `.txt` file under `assets/` and `tests/fixtures/`,
//! unwrapped and wrapped at widths 20, 33, 47 and 80. Our engine chooses the line breaks; FriBidi
//! gets exactly the same break positions, so both reorder the same lines. The only differences
//! forgiven are the ones documented in `docs/bidi.md`, each recognised precisely and counted.
//!
//! When python3 or libfribidi is missing the test prints that it skipped, unless `CI=true`, where
//! it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design
#![allow(clippy::doc_markdown)] // "FriBidi" is a name, not code

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bitext::layout::{Direction, LayoutOptions, VisualLine, layout_paragraph};

const WIDTHS: [usize; 5] = [1_000_000, 20, 33, 47, 80];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
        && c.is_alphabetic()
}

/// The column a paragraph belongs in: Arabic when its letters are mostly Arabic.
fn column_of(text: &str) -> Direction {
    let arabic = text.chars().filter(|&c| is_arabic_letter(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if arabic > latin {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            txt_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
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
    let mut files = vec![];
    let seed = root().join("../shared/seed");
    txt_files(&seed, &mut files);
    txt_files(&root().join("assets"), &mut files);
    txt_files(&root().join("tests/fixtures"), &mut files);
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

/// Line starts after the first, in code points of the paragraph.
fn breaks(text: &str, lines: &[VisualLine]) -> Vec<usize> {
    lines
        .iter()
        .skip(1)
        .map(|l| text.get(..l.source.start).unwrap().chars().count())
        .collect()
}

/// Runs the oracle on a batch of requests, one answer per request.
fn run_oracle(requests: &[serde_json::Value]) -> Vec<Vec<String>> {
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
            v["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
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

/// FriBidi's line with each documented difference applied, counting what was forgiven.
fn expected(fribidi: &str, counts: &mut BTreeMap<&'static str, usize>) -> String {
    let mut visual: Vec<char> = Vec::with_capacity(fribidi.len());
    for c in fribidi.chars() {
        if dropped_invisible(c) {
            *counts
                .entry("invisible format character dropped")
                .or_default() += 1;
        } else {
            visual.push(c);
        }
    }
    ligate_across_marks(&visual, counts).into_iter().collect()
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
    for ((p, width, shaping, ours), theirs) in jobs.iter().zip(&answers) {
        let para = &paras[*p];
        assert_eq!(ours.len(), theirs.len(), "{}: line count", para.origin);
        for (k, (line, fribidi)) in ours.iter().zip(theirs).enumerate() {
            compared += 1;
            let want = expected(fribidi, &mut counts);
            let mut got = line.text.clone();
            if got.contains('\u{25CC}') && !para.text.contains('\u{25CC}') {
                got = got.replace('\u{25CC}', "");
                *counts
                    .entry("dotted circle under a mark with no base")
                    .or_default() += 1;
            }
            if got != want {
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
