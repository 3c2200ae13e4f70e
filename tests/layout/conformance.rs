//! Conformance of the reordering step to Unicode's `BidiCharacterTest.txt` (Debian package
//! `unicode-data`): levels from the engine's resolver (its own fast path for paragraphs without
//! explicit formatting characters, `unicode-bidi` otherwise), then our rule L1 and our rule L2,
//! exactly as the engine applies them to a line (removed characters take part, then are left out).
//!
//! When the file is missing the test prints that it skipped, unless `CI=true`, where it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::path::Path;

use bitext::layout::bidi::{LineClass, reset_line_levels, visual_order};
use bitext::layout::levels::ParagraphLevels;
use unicode_bidi::{BidiClass, BidiInfo, Level};

const TEST_FILE: &str = "/usr/share/unicode/BidiCharacterTest.txt";

fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    matches!(class, BN | LRE | RLE | LRO | RLO | PDF)
}

/// Runs one test line; `Err` describes a failure.
fn check(line: &str) -> Result<(), String> {
    let fields: Vec<&str> = line.split(';').collect();
    let [codes, dir, para, levels, order] = fields[..] else {
        return Err(format!("malformed line: {line}"));
    };
    let text: String = codes
        .split_whitespace()
        .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
        .collect();
    let default = match dir {
        "0" => Some(Level::ltr()),
        "1" => Some(Level::rtl()),
        _ => None,
    };
    // The paragraph level (rules P2-P3 for "auto") from unicode-bidi; the levels from the
    // engine's own resolver, which takes its fast path whenever the line has no explicit
    // formatting character.
    let para_level = match default {
        Some(level) => level.number(),
        None => BidiInfo::new(&text, None)
            .paragraphs
            .first()
            .map_or(0, |p| p.level.number()),
    };
    if para_level.to_string() != para {
        return Err(format!("paragraph level {para_level}, expected {para}"));
    }
    let mut resolved = ParagraphLevels::default();
    resolved.resolve(&text, para_level);
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let class = |k: usize| resolved.classes[starts[k]];
    let mut ours: Vec<u8> = starts.iter().map(|&i| resolved.levels[i]).collect();
    reset_line_levels(|k| LineClass::of(class(k)), &mut ours, para_level);

    let expected: Vec<Option<u8>> = levels.split_whitespace().map(|l| l.parse().ok()).collect();
    for (k, want) in expected.iter().enumerate() {
        match want {
            None if !removed_by_x9(class(k)) => {
                return Err(format!("char {k} is removed by X9 in the test, not by us"));
            }
            Some(want) if ours[k] != *want => {
                return Err(format!("levels {ours:?}, expected {levels}"));
            }
            _ => {}
        }
    }
    let mut visual = Vec::new();
    visual_order(&ours, &mut visual);
    let got: Vec<String> = visual
        .into_iter()
        .filter(|&k| !removed_by_x9(class(k)))
        .map(|k| k.to_string())
        .collect();
    let want: Vec<&str> = order.split_whitespace().collect();
    if got != want {
        return Err(format!("order {}, expected {order}", got.join(" ")));
    }
    Ok(())
}

#[test]
fn reordering_conforms_to_bidi_character_test() {
    let path = Path::new(TEST_FILE);
    let Ok(data) = std::fs::read_to_string(path) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {TEST_FILE} is missing: apt-get install unicode-data"
        );
        println!("SKIPPED: {TEST_FILE} not found (apt-get install unicode-data)");
        return;
    };
    let mut passed = 0;
    let mut failures = vec![];
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match check(line) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("line {}: {line}\n  {why}", n + 1)),
        }
    }
    println!(
        "BidiCharacterTest: {passed} passed, {} failed",
        failures.len()
    );
    assert!(passed > 90_000, "too few test lines: {passed}");
    assert!(
        failures.is_empty(),
        "{} lines fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
