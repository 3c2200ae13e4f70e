//! Hostile input through the `bitext` binary: every case of "clear errors, no panics" gets its
//! message and exit code, or a sane display; `--print --color=never` never lets a control byte
//! of the file reach the output; bidi overrides are warned about and can be shown.
//!
//! The big inputs (a 20 MB paragraph, a million lines, a word of a million letters) run on the
//! release binary when it is current (CI builds it first), else on the test build.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use crate::support::{self, bitext as bin};

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

/// [`support::temp_file`], as an argument.
fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    support::temp_file(dir, name, bytes).display().to_string()
}

/// Runs and expects exit code 1 with every one of `needles` in the message (and no panic).
fn fails_with(args: &[&str], needles: &[&str]) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.starts_with("bitext: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {n:?} not in {err:?}");
    }
    assert!(out.stdout.is_empty());
}

/// Runs and expects success; returns stdout and stderr.
fn succeeds(args: &[&str]) -> (String, String) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    assert!(!err.contains("panicked"), "{err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&succeeds(&all).0).unwrap()
}

/// No byte below 0x20 but the newline, no DEL, no C1 control (U+0080–U+009F).
fn assert_terminal_safe(out: &str) {
    for (i, b) in out.bytes().enumerate() {
        assert!(
            b == b'\n' || (b >= 0x20 && b != 0x7F),
            "byte 0x{b:02X} at {i} in {:?}",
            out.get(i.saturating_sub(40)..(i + 40).min(out.len()))
        );
    }
    assert!(
        !out.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)),
        "C1 control in output"
    );
}

/// Each printed line fits `width` display columns.
fn assert_fits(out: &str, width: usize) {
    for line in out.lines() {
        assert!(
            line.width() <= width,
            "{} > {width}: {line:?}",
            line.width()
        );
    }
}

#[test]
fn missing_file_and_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.txt").display().to_string();
    fails_with(&["--print", &missing], &["gone.txt", "no such file"]);
    let d = dir.path().display().to_string();
    fails_with(&["--print", &d], &[&d, "is a directory"]);
    // The second of two files is named when it is the bad one.
    let ok = file(&dir, "ar.txt", "مرحبا بالعالم.\n".as_bytes());
    fails_with(&["--json", &ok, &missing], &["gone.txt", "no such file"]);
}

#[test]
fn permission_denied_maps_to_its_own_message() {
    let e = bitext::source::classify(
        std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        "secret.txt",
    );
    assert_eq!(e.to_string(), "secret.txt: permission denied");
    let e = bitext::source::classify(std::io::Error::from(std::io::ErrorKind::NotFound), "x.txt");
    assert_eq!(e.to_string(), "x.txt: no such file");
}

/// Runs `bitext` as `nobody` on a file `nobody` may not read. Only possible as root (then
/// `setpriv` drops the privileges); as another user, `chmod 000` is enough.
#[test]
fn permission_denied_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let secret = file(&dir, "secret.txt", "نص سري.\n\nSecret text.\n".as_bytes());
    let mut perms = std::fs::metadata(&secret).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&secret, perms).unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if is_root {
        // The directory must be traversable for the error to be about the file itself.
        let mut perms = std::fs::metadata(dir.path()).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(dir.path(), perms).unwrap();
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status();
        if !probe.is_ok_and(|s| s.success()) {
            eprintln!("skipped: cannot drop privileges with setpriv");
            return;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(support::bitext_binary());
        support::isolate(&mut c);
        c
    } else {
        bin()
    };
    let out = cmd
        .env("BITEXT_CONFIG", "/dev/null")
        .args(["--print", &secret])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if is_root && err.contains("Permission denied") && !err.contains("secret.txt") {
        // `nobody` cannot run the binary from this build directory.
        eprintln!("skipped: the binary is not executable by nobody: {err}");
        return;
    }
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("secret.txt") && err.contains("permission denied"),
        "{err}"
    );
}

#[test]
fn a_fifo_is_read_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut w = std::fs::OpenOptions::new()
            .write(true)
            .open(&writer_path)
            .unwrap();
        w.write_all("السلام عليكم.\n\nPeace be upon you.\n".as_bytes())
            .unwrap();
    });
    let v = json(&[fifo.to_str().unwrap()]);
    writer.join().unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
    assert_eq!(v["paragraphs"]["en"][0]["text"], "Peace be upon you.");
}

#[test]
fn devices_are_refused() {
    fails_with(
        &["--print", "/dev/null"],
        &["/dev/null", "character device"],
    );
}

#[test]
fn empty_whitespace_nul_binary_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "empty.txt", b"");
    fails_with(&["--print", &f], &["empty.txt", "empty"]);
    let f = file(&dir, "bom-only.txt", b"\xEF\xBB\xBF");
    fails_with(&["--print", &f], &["bom-only.txt", "empty"]);
    let f = file(&dir, "ws.txt", b" \t\r\n\n   \n");
    fails_with(&["--print", &f], &["ws.txt", "only whitespace"]);
    let f = file(&dir, "nul.txt", b"Hello\0world\n");
    fails_with(&["--print", &f], &["nul.txt", "binary", "byte offset 5"]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(4096));
    let f = file(&dir, "image.png", &png);
    fails_with(&["--print", &f], &["image.png", "binary"]);
    for (name, bom, le) in [
        ("le-bom.txt", true, true),
        ("be-bom.txt", true, false),
        ("le.txt", false, true),
        ("be.txt", false, false),
    ] {
        let text = format!(
            "{}مرحبا بكم في المقال.\nWelcome to the article.\n",
            if bom { "\u{FEFF}" } else { "" }
        );
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
        let f = file(&dir, name, &bytes);
        let endian = if le { "little-endian" } else { "big-endian" };
        fails_with(&["--print", &f], &[name, "UTF-16", endian, "iconv"]);
    }
}

#[test]
fn invalid_utf8_names_the_offset_and_lossy_opens_it_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "مرحبا ".as_bytes().to_vec(); // 11 bytes
    bytes.extend_from_slice(b"\xC3\x28 bad\n\nHello \xFF there.\n");
    let f = file(&dir, "bad.txt", &bytes);
    fails_with(
        &["--print", &f],
        &[
            "bad.txt",
            "not valid UTF-8",
            "0xC3",
            "byte offset 11",
            "--lossy",
        ],
    );
    let v = json(&["--lossy", &f]);
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("bad.txt") && warnings.contains("U+FFFD"),
        "{warnings}"
    );
    assert!(
        v["paragraphs"]["ar"][0]["text"]
            .as_str()
            .unwrap()
            .contains('\u{FFFD}')
    );
    let (out, err) = succeeds(&["--print", "--lossy", "--color=never", &f]);
    assert!(err.contains("U+FFFD"), "{err}");
    assert!(out.contains('\u{FFFD}'));
    assert_terminal_safe(&out);
}

#[test]
fn print_without_colour_never_emits_a_control_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut nasty = String::from("عنوان \u{1b}[2J\u{1b}[H المقال\n\n");
    nasty.push_str(
        "نص \u{1b}]0;pwned\u{7} فيه \u{7}\u{8}\u{7f} \u{9b}31m وتاب\tهنا\rو\u{c}\u{b}\n\n",
    );
    // Every C0 and C1 control and DEL, in an English paragraph.
    let mut controls = String::from("Controls:");
    for c in (0x01u32..0x20).chain(0x7F..0xA0) {
        if c != 0x0A && c != 0x0D {
            controls.push(' ');
            controls.push(char::from_u32(c).unwrap());
        }
    }
    nasty.push_str("Title \u{1b}[31mred\u{1b}[0m\n\n");
    nasty.push_str(&controls);
    nasty.push_str(".\n");
    let f = file(&dir, "nasty.txt", nasty.as_bytes());
    for width in ["100", "40", "7", "1"] {
        for layout in [&[][..], &["--only", "ar"][..], &["--only", "en"][..]] {
            let mut args = vec!["--print", "--color=never", "--width", width];
            args.extend_from_slice(layout);
            args.push(&f);
            let (out, _) = succeeds(&args);
            assert_terminal_safe(&out);
            assert_fits(&out, width.parse().unwrap());
        }
    }
    // The controls are shown as visible symbols in the manner of less: ESC as ^[, DEL as ^?,
    // the C1 controls as ~@ to ~_ (their C0 partner), a tab as spaces.
    let (out, _) = succeeds(&[
        "--print",
        "--color=never",
        "--only",
        "en",
        "--width",
        "300",
        &f,
    ]);
    for shown in [
        "Title ^[[31mred^[[0m",
        "^A ^B",
        "^[ ^\\ ^] ^^ ^_ ^?",
        "~@ ~A",
        "~[",
    ] {
        assert!(out.contains(shown), "{shown} in {out}");
    }
    // With colour, the only escapes are our own SGR sequences.
    let (out, _) = succeeds(&["--print", "--color=always", "--width", "100", &f]);
    let mut rest = out.as_str();
    while let Some(i) = rest.find('\u{1b}') {
        let after = rest.get(i + 1..).unwrap();
        let end = after.find('m').expect("an SGR sequence");
        let params = after.get(..end).unwrap();
        assert!(
            params.starts_with('[')
                && params
                    .get(1..)
                    .unwrap()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';'),
            "foreign escape {params:?}"
        );
        rest = after.get(end + 1..).unwrap();
    }
}

#[test]
fn bidi_overrides_are_warned_about_and_can_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let text = "الرئيس يصل اليوم.\n\nنص \u{2067}معزول\u{2069} هنا.\n\nThe president arrives today.\n\nuser: \u{202E}nimda\u{202C} ok.\n";
    let f = file(&dir, "trojan.txt", text.as_bytes());
    let v = json(&[&f]);
    let w = v["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    let w = w[0].as_str().unwrap();
    assert!(
        w.contains("ar paragraph 2 (") && w.contains("line 3, U+2067"),
        "{w}"
    );
    assert!(
        w.contains("en paragraph 2 (") && w.contains("line 7, U+202E"),
        "{w}"
    );
    // The text is kept as it is; the controls are applied (invisible) by default...
    assert!(
        v["paragraphs"]["en"][1]["text"]
            .as_str()
            .unwrap()
            .contains('\u{202E}')
    );
    let (out, err) = succeeds(&["--print", "--color=never", "--only", "en", &f]);
    assert!(err.contains("bidi override"), "{err}");
    assert!(out.contains("admin"), "RLO reverses nimda on screen: {out}");
    assert!(!out.contains('\u{202E}') && !out.contains('\u{21B1}'));
    // ... and shown as marks with `view.show_bidi_controls`.
    let config = file(&dir, "config.toml", b"[view]\nshow_bidi_controls = true\n");
    let out = bin()
        .env("BITEXT_CONFIG", &config)
        .args(["--print", "--color=never", "--only", "en", &f])
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(
        !shown.contains('\u{202E}'),
        "the control itself is not emitted"
    );
    assert!(shown.contains('\u{21DA}'), "RLO shown as ⇚: {shown}");
    assert_ne!(
        shown,
        String::from_utf8_lossy(&run(&["--print", "--color=never", "--only", "en", &f]).stdout)
    );
    assert_terminal_safe(&shown);
}

#[test]
fn a_bad_config_names_the_line_and_nothing_starts() {
    let dir = tempfile::tempdir().unwrap();
    let config = file(
        &dir,
        "config.toml",
        b"[view]\nshaping = true\nstack_below = \"wide\"\n",
    );
    let article = file(&dir, "a.txt", "مرحبا.\n\nHello.\n".as_bytes());
    let out = bin()
        .env("BITEXT_CONFIG", &config)
        .args(["--print", &article])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("config.toml") && err.contains("line 3"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing printed with half a config");
}

/// Runs `--print` and reads at most `lines` lines, then closes the pipe.
fn print_head(args: &[&str], lines: usize) -> (Vec<String>, std::process::ExitStatus) {
    let child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (got, out) = support::head_then_close(child, lines);
    (got, out.status)
}

#[test]
fn a_20_mb_paragraph_without_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "كلمة عربية with English ";
    let text = unit.repeat(20_000_000 / unit.len() + 1);
    let f = file(&dir, "huge.txt", text.as_bytes());
    let (lines, status) = print_head(&["--print", "--color=never", "--width", "80", &f], 200);
    assert!(status.success(), "{status:?}");
    assert_eq!(lines.len(), 200);
    let joined = lines.join("\n");
    assert_terminal_safe(&joined);
    assert_fits(&joined, 80);
    assert!(joined.contains("English"));
    // The model keeps every byte, in parts of at most 64 KiB, and says so.
    let out = bin().args(["--json", &f]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let parts = v["paragraphs"]["ar"].as_array().unwrap();
    assert!(parts.len() > 300, "{}", parts.len());
    let mut rebuilt = String::with_capacity(text.len());
    for p in parts {
        let t = p["text"].as_str().unwrap();
        assert!(t.len() <= bitext::document::guard::MAX_PARAGRAPH_BYTES);
        rebuilt.push_str(t);
    }
    assert_eq!(rebuilt, text.trim_end());
    let w = v["warnings"].to_string();
    assert!(w.contains("huge.txt") && w.contains("line 1"), "{w}");
}

#[test]
fn a_million_one_word_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::with_capacity(12_000_000);
    for i in 0..1_000_000u32 {
        if i % 2 == 0 {
            text.push_str("كلمة\n");
        } else {
            text.push_str("word\n");
        }
    }
    let f = file(&dir, "lines.txt", text.as_bytes());
    // The whole document printed, to the end (a cache that rescans itself on every pair would
    // make this quadratic).
    let out = bin()
        .args(["--print", "--color=never", "--width", "120", &f])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 500_000);
    let arabic =
        |c: char| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c);
    let bad = rows
        .iter()
        .find(|r| !r.contains("word") || !r.chars().any(arabic));
    assert!(bad.is_none(), "{bad:?}");
    assert_fits(&out, 120);
}

#[test]
fn ten_thousand_combining_marks_on_one_letter() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "بداية ب{} نهاية.\n\nStart e{} end.\n",
        "\u{064E}\u{0651}".repeat(5_000),
        "\u{0301}".repeat(10_000)
    );
    let f = file(&dir, "marks.txt", text.as_bytes());
    for width in ["80", "10", "1"] {
        let (out, _) = succeeds(&["--print", "--color=never", "--width", width, &f]);
        assert_terminal_safe(&out);
        assert_fits(&out, width.parse().unwrap());
        assert!(out.contains("Start") || width == "1");
    }
    let v = json(&[&f]);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
}

#[test]
fn a_word_of_a_million_letters() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{}\n\n{}\n", "ب".repeat(1_000_000), "a".repeat(1_000_000));
    let f = file(&dir, "word.txt", text.as_bytes());
    let (lines, status) = print_head(
        &[
            "--print",
            "--color=never",
            "--only",
            "en",
            "--width",
            "50",
            &f,
        ],
        100,
    );
    assert!(status.success());
    assert_eq!(lines.len(), 100);
    // Cut at the width: every line full.
    assert!(
        lines.iter().all(|l| l == &"a".repeat(50)),
        "{:?}",
        lines.first()
    );
    let (lines, status) = print_head(
        &[
            "--print",
            "--color=never",
            "--only",
            "ar",
            "--width",
            "50",
            &f,
        ],
        100,
    );
    assert!(status.success());
    assert!(lines.iter().all(|l| l.width() == 50), "{:?}", lines.first());
}

#[test]
fn wide_and_invisible_characters_keep_the_columns_straight() {
    let dir = tempfile::tempdir().unwrap();
    let ar = "عائلة 👨\u{200D}👩\u{200D}👧 وعلم 🇸🇦 وصيني 中文字 وفاصل\u{200B}صفري وشرطة\u{00AD}ناعمة وإبهام 👍🏽.";
    let en = "Family 👨\u{200D}👩\u{200D}👧 flag 🇸🇦 Chinese 中文字 zero\u{200B}width soft\u{00AD}hyphen thumb 👍🏽 end.";
    let text = format!("{ar}\n\n{en}\n");
    let f = file(&dir, "wide.txt", text.as_bytes());
    for width in [100usize, 61, 40, 23, 9] {
        let w = width.to_string();
        let (out, _) = succeeds(&["--print", "--color=never", "--width", &w, &f]);
        assert_terminal_safe(&out);
        assert_fits(&out, width);
        // Both languages alone: every grapheme is drawn once, in lines that fit.
        for only in ["ar", "en"] {
            let (out, _) = succeeds(&[
                "--print",
                "--color=never",
                "--only",
                only,
                "--width",
                &w,
                &f,
            ]);
            assert_fits(&out, width);
            if only == "ar" {
                // Right-aligned: every line ends at the width exactly (no drift from wide
                // or zero-width characters).
                for line in out.lines().filter(|l| !l.trim().is_empty()) {
                    assert_eq!(line.width(), width, "{line:?}");
                }
            }
            for whole in ["中", "文", "字", "👨\u{200D}👩\u{200D}👧", "👍🏽", "🇸🇦"]
            {
                assert!(out.contains(whole), "{whole} in {out}");
            }
            // Zero-width space and soft hyphen take no cell and are never emitted.
            assert!(
                !out.contains('\u{200B}') && !out.contains('\u{00AD}'),
                "{out}"
            );
        }
    }
}

#[test]
fn standard_input_of_garbage_is_refused_clearly() {
    let mut child = bin()
        .args(["--print", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\x00\x01\x02\x03binary")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>") && err.contains("binary"), "{err}");
}
