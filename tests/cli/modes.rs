//! End-to-end tests of the `bitext` binary's non-interactive modes: every input form loads into
//! the same model, the seed article aligns 1-1, and every bad input gets a clear message naming
//! the file and the problem, with exit code 1 (2 for usage).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::{
    bitext as bin, format_fixture as fixture, head_then_close, root, seed_path as seed, temp_file,
};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn json(args: &[&Path]) -> Value {
    let out = bin().arg("--json").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A side's paragraphs as (text, heading).
type Side = Vec<(String, bool)>;

/// The parts of the model every input form must agree on: texts, headings and pairs.
fn essence(v: &Value) -> (Side, Side, Vec<(Value, Value)>) {
    let side = |lang: &str| {
        v["paragraphs"][lang]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["text"].as_str().unwrap().to_owned(),
                    p["heading"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let pairs = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["ar"].clone(), p["en"].clone()))
        .collect();
    (side("ar"), side("en"), pairs)
}

/// Runs `bitext args` with `input` written to its standard input (a pipe).
fn piped(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn run_err(args: &[&str]) -> (i32, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn seed_article_has_18_paragraphs_3_headings_and_18_pairs_in_order() {
    let v = json(&[&seed()]);
    let (ar, en, pairs) = essence(&v);
    assert_eq!((ar.len(), en.len()), (18, 18));
    assert_eq!(ar.iter().filter(|p| p.1).count(), 3);
    assert_eq!(en.iter().filter(|p| p.1).count(), 3);
    assert_eq!(pairs.len(), 18);
    for (i, (a, e)) in pairs.iter().enumerate() {
        assert_eq!(a, &serde_json::json!([i]));
        assert_eq!(e, &serde_json::json!([i]));
    }
    for p in v["pairs"].as_array().unwrap() {
        let s = p["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
    assert!(v["entities"].is_array() && v["discrepancies"].is_array());
}

#[test]
fn every_input_form_loads_into_the_same_model() {
    let canonical = essence(&json(&[&fixture("blocks-ar-first.txt")]));
    assert_eq!(canonical.0.len(), 7);
    assert_eq!(canonical.2.len(), 7);
    for one in [
        "blocks-en-first.txt",
        "interleaved.txt",
        "blank-lines.txt",
        "pairs.tsv",
        "pairs-en-first.tsv",
        "heading-markdown.txt",
    ] {
        assert_eq!(essence(&json(&[&fixture(one)])), canonical, "{one}");
    }
    for two in [["ar.txt", "en.txt"], ["en.txt", "ar.txt"]] {
        let v = json(&[&fixture(two[0]), &fixture(two[1])]);
        assert_eq!(essence(&v), canonical, "{two:?}");
    }
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read(fixture("interleaved.txt")).unwrap();
    let out = piped(&["--json", "-"], &text);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        essence(&v),
        essence(&json(&[&fixture("blocks-ar-first.txt")]))
    );
}

#[test]
fn a_one_language_file_opens_with_a_notice() {
    let out = bin()
        .args(["--json"])
        .arg(fixture("arabic-only.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("only Arabic"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paragraphs"]["en"].as_array().unwrap().len(), 0);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 7);
}

#[test]
fn the_bundled_sample_is_bilingual_with_headings() {
    let out = bin().arg("--json").output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (ar, en, pairs) = essence(&v);
    assert!(ar.len() >= 12 && en.len() >= 12);
    assert!(ar.iter().any(|p| p.1) && en.iter().any(|p| p.1));
    assert_eq!(pairs.len(), ar.len());
}

#[test]
fn bad_inputs_get_a_clear_message_and_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let (code, err) = run_err(&["--json", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("nope.txt") && err.contains("no such file"),
        "{err}"
    );

    let (code, err) = run_err(&["--json", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("is a directory"), "{err}");

    let bad = temp_file(&dir, "latin1.txt", b"caf\xE9 au lait\n");
    let (code, err) = run_err(&["--json", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("latin1.txt")
            && err.contains("not valid UTF-8")
            && err.contains("byte offset 3"),
        "{err}"
    );

    let empty = temp_file(&dir, "empty.txt", b"");
    let (code, err) = run_err(&["--json", empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");

    let blank = temp_file(&dir, "blank.txt", b"  \n\r\n\t\n");
    let (code, err) = run_err(&["--json", blank.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("only whitespace"), "{err}");

    let binary = temp_file(&dir, "prog.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    let (code, err) = run_err(&["--json", binary.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("prog.bin") && err.contains("binary"), "{err}");

    let utf16: Vec<u8> = "\u{FEFF}مرحبا hello"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let utf16 = temp_file(&dir, "utf16.txt", &utf16);
    let (code, err) = run_err(&["--json", utf16.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn lossy_opens_invalid_utf8_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "مرحبا بكم ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF\nWelcome to you.\n");
    let bad = temp_file(&dir, "bad.txt", &bytes);
    let out = bin()
        .args(["--json", "--lossy"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+FFFD"));
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _) = run_err(&["--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, _) = run_err(&["a", "b", "c"]);
    assert_eq!(code, 2);
    let (code, _) = run_err(&["--width", "0", "--print"]);
    assert_eq!(code, 2);
}

#[test]
fn help_and_version() {
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--print"));
    let out = bin().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("bitext "));
}

/// Runs the binary with `args` on ten seed articles, far more output than a pipe buffers (so
/// the writer really meets a closed pipe), reads `lines` lines and closes its end: the writer
/// gets EPIPE and must end with success and nothing on standard error.
fn ends_quietly_in_a_closed_pipe(args: &[&str], lines: usize) {
    let dir = tempfile::tempdir().unwrap();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let big = temp_file(&dir, "big.txt", seed_text.repeat(10).as_bytes());
    let child = bin()
        .args(args)
        .arg(big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (head, out) = head_then_close(child, lines);
    assert_eq!(head.len(), lines);
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    ends_quietly_in_a_closed_pipe(&["--json"], 1);
}

#[test]
fn print_into_a_closed_pipe_ends_quietly_too() {
    ends_quietly_in_a_closed_pipe(&["--print", "--width", "120"], 2);
}

#[test]
fn print_shows_the_sample_side_by_side() {
    let out = bin().args(["--print", "--width", "120"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    // English on the left, Arabic (presentation forms) on the right of the same row.
    assert!(first.contains("Jordan"), "{first}");
    assert!(
        first
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)),
        "{first}"
    );
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120)
    );
}

/// Each loading error is one line that names the input and says its cause once (not
/// "the file is empty: the file is empty").
#[test]
fn every_loading_error_says_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = "\u{FEFF}مرحبا hello"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \n\t\n", "only whitespace"),
        ("prog.bin", b"\x7fELF\x02\x01\x01\x00\x00", "binary"),
        ("utf16.txt", &utf16, "is UTF-16"),
        ("latin1.txt", b"caf\xE9 au lait\n", "not valid UTF-8"),
    ];
    let once = |err: &str, name: &str, cause: &str| {
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(err.matches(name).count(), 1, "{err}");
        assert_eq!(err.matches(cause).count(), 1, "{err}");
        assert!(!err.contains(": :"), "{err}");
    };
    for (name, bytes, cause) in cases {
        let path = temp_file(&dir, name, bytes);
        let (code, err) = run_err(&["--print", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        once(&err, name, cause);
        // The same from standard input.
        let out = piped(&["--print", "-"], bytes);
        assert_eq!(out.status.code(), Some(1));
        once(&String::from_utf8_lossy(&out.stderr), "<stdin>", cause);
    }
    let missing = dir.path().join("missing.toml");
    let out = bin()
        .arg("--print")
        .env("BITEXT_CONFIG", &missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    once(&err, "missing.toml", "no such file");
    assert!(err.contains("BITEXT_CONFIG"), "{err}");
}

/// Runs `bitext args` with `config` as the config file; returns the exit code, stdout, stderr.
fn with_config(config: &str, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "config.toml", config.as_bytes());
    let out = bin()
        .args(args)
        .env("BITEXT_CONFIG", &path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn printed_colours_come_from_the_config() {
    let args = ["--print", "--color", "always", "--width", "120"];
    let (code, default, err) = with_config("", &args);
    assert_eq!(code, 0, "{err}");
    // People are cyan by default (Samer al-Khatib in the sample's first pair).
    assert!(default.contains("\x1b[36mSamer"), "{default}");
    let (code, red, err) = with_config(
        "[colors]\nperson = \"red\"\nheading = \"underline\"\n",
        &args,
    );
    assert_eq!(code, 0, "{err}");
    assert!(red.contains("\x1b[31mSamer"), "{red}");
    assert!(!red.contains("\x1b[36m"), "{red}");
    // Headings are underlined, not bold.
    assert!(red.contains("\x1b[4m") && !red.contains("\x1b[1m"), "{red}");
}

#[test]
fn printed_discrepancy_markers_take_the_configured_colour() {
    let args = ["--print", "--color", "always", "--width", "120"];
    let (code, default, err) = with_config("", &args);
    assert_eq!(code, 0, "{err}");
    // The sample has a pair whose sides disagree: its marker is bold red by default, as in
    // the reader.
    assert!(default.contains("\x1b[1;31m!\x1b[0m"), "{default}");
    let (code, out, err) = with_config("[colors]\ndiscrepancy = \"underline blue\"\n", &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\x1b[4;34m!\x1b[0m"), "{out}");
    assert!(!out.contains("\x1b[1;31m"), "{out}");
    // Without colour the marker is the bare `!`.
    let (_, plain, _) = with_config("[colors]\ndiscrepancy = \"blue\"\n", &args[..1]);
    assert!(!plain.contains('\x1b') && plain.contains('!'), "{plain}");
}

#[test]
fn printed_tabs_stop_at_the_configured_width() {
    let dir = tempfile::tempdir().unwrap();
    let text = temp_file(&dir, "tabs.txt", "one\ttwo\n\nواحد\tاثنان\n".as_bytes());
    let text = text.to_str().unwrap();
    let args = [
        "--print", "--only", "en", "--width", "40", "--color", "never", text,
    ];
    let line = |config: &str| {
        let (code, out, err) = with_config(config, &args);
        assert_eq!(code, 0, "{err}");
        out.lines().next().unwrap_or_default().trim_end().to_owned()
    };
    assert_eq!(
        line(""),
        format!("one{}two", " ".repeat(5)),
        "tab stops every 8 by default"
    );
    assert_eq!(line("[view]\ntab_width = 4\n"), "one two");
    assert_eq!(line("[view]\ntab_width = 6\n"), "one   two");
}

#[test]
fn no_shaping_prints_plain_arabic_letters_whatever_the_config() {
    let args = [
        "--print", "--only", "ar", "--width", "60", "--color", "never",
    ];
    let presentation = |s: &str| {
        s.chars()
            .filter(|c| matches!(u32::from(*c), 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
            .count()
    };
    let (code, shaped, err) = with_config("[view]\nshaping = true\n", &args);
    assert_eq!(code, 0, "{err}");
    assert!(presentation(&shaped) > 100, "{shaped}");
    let mut unshaped_args = args.to_vec();
    unshaped_args.push("--no-shaping");
    let (code, unshaped, err) = with_config("[view]\nshaping = true\n", &unshaped_args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(presentation(&unshaped), 0, "{unshaped}");
}

#[test]
fn a_config_typo_names_the_section_and_the_nearest_key() {
    let cases = [
        (
            "[keys]\nnxt_pair = \"x\"\n",
            "line 2",
            "unknown key nxt_pair in [keys]; did you mean next_pair?",
        ),
        (
            "[view]\nshaping = true\nsidebar_widht = 40\n",
            "line 3",
            "unknown key sidebar_widht in [view]; did you mean sidebar_width?",
        ),
        (
            "[colours]\nperson = \"red\"\n",
            "line 1",
            "unknown section [colours]; did you mean [colors]?",
        ),
        (
            "[input]\nmouse = true\nzzzz = 1\n",
            "line 3",
            "unknown key zzzz in [input]; valid keys: mouse",
        ),
    ];
    for (config, line, message) in cases {
        let (code, out, err) = with_config(config, &["--print"]);
        assert_eq!(code, 1, "{config}");
        assert!(out.is_empty());
        assert!(
            err.contains(line) && err.contains(message),
            "{config}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_missing_bracket_is_reported_on_its_own_line() {
    let example = std::fs::read_to_string(root().join("config.example.toml")).unwrap();
    let mut lines: Vec<String> = example.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("quit = [\"q\"]"))
        .unwrap();
    lines[at] = "quit = [\"q\"".to_owned();
    let (code, _, err) = with_config(&lines.join("\n"), &["--print"]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("line {},", at + 1)), "{err}");
    assert!(err.contains('`') && err.contains(']'), "{err}");
}

/// Two files of one language are not a bitext: say so and stop, in every mode.
#[test]
fn two_files_of_one_language_are_refused() {
    let en = fixture("en.txt");
    let dir = tempfile::tempdir().unwrap();
    let en2 = temp_file(&dir, "en2.txt", &std::fs::read(&en).unwrap());
    for mode in ["--print", "--json"] {
        let (code, err) = run_err(&[mode, en.to_str().unwrap(), en2.to_str().unwrap()]);
        assert_eq!(code, 1, "{mode}: {err}");
        assert!(
            err.contains("en.txt") && err.contains("en2.txt") && err.contains("both English"),
            "{mode}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let ar = fixture("arabic-only.txt");
    let (code, err) = run_err(&["--print", ar.to_str().unwrap(), ar.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("both Arabic"), "{err}");
}

/// `--only` a language the document does not have prints nothing and says why.
#[test]
fn only_a_missing_language_is_an_error() {
    let en = fixture("en.txt");
    let (code, err) = run_err(&["--print", "--only", "ar", en.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("en.txt") && err.contains("no Arabic"), "{err}");
    let out = bin()
        .args(["--print", "--only", "ar"])
        .arg(&en)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let ar = fixture("arabic-only.txt");
    let (code, err) = run_err(&["--print", "--only", "en", ar.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("no English"), "{err}");
    // The language it has prints as before.
    let (code, err) = run_err(&["--print", "--only", "en", en.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

/// With no file named, a pipe on standard input is read (as `less` and `bat` do); an empty
/// `/dev/null` standard input still opens the bundled sample.
#[test]
fn a_pipe_is_read_when_no_file_is_named() {
    let text = std::fs::read(fixture("interleaved.txt")).unwrap();
    let out = piped(&["--json"], &text);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        essence(&v),
        essence(&json(&[&fixture("blocks-ar-first.txt")]))
    );
    assert_eq!(v["sources"][0]["name"], "<stdin>");
    // A file redirected to standard input too.
    let out = bin()
        .arg("--json")
        .stdin(std::fs::File::open(fixture("interleaved.txt")).unwrap())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["name"], "<stdin>");
    // Nothing on standard input: the sample.
    let out = bin().arg("--json").stdin(Stdio::null()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["name"], "sample");
}

/// A warning found far into a large input (read in chunks after the first screen's worth) is
/// said on standard error once, by `--print` (with markers, and plain) and by `--export`, and
/// the output is whole.
#[test]
fn a_late_warning_of_a_large_input_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let row = "قال الرئيس إن الاجتماع سيعقد في عمان يوم الخميس المقبل.\tThe president said the meeting will be held in Amman next Thursday.\n";
    let rows = (9 << 20) / row.len() + 1;
    let mut bytes = row.repeat(rows).into_bytes();
    // One byte that is not UTF-8, in the last row: far past the first chunk.
    let at = bytes.len() - 3;
    bytes[at] = 0xFF;
    let path = temp_file(&dir, "large.tsv", &bytes);
    let path = path.to_str().unwrap();
    for args in [
        vec!["--print", "--width", "120", path],
        vec!["--print", "--only", "en", path],
        vec!["--export", "tsv", path],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.matches("invalid UTF-8").count(), 1, "{args:?}: {err}");
        assert!(err.contains("large.tsv"), "{args:?}: {err}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.matches("Amman").count() >= rows - 1,
            "{args:?}: the output is whole"
        );
    }
}
