//! SubRip (`.srt`) and WebVTT (`.vtt`) subtitles: cues in, paragraphs out, and the cues of two
//! languages paired by the time they are on screen.
//!
//! A cue's number, timing line, settings (`line:0 align:start`), tags (`<i>`, `<font …>`,
//! `<c.yellow>`, `<v Speaker>`, karaoke timestamps) and ASS overrides (`{\an8}`) are removed; its
//! lines are joined with a space. `NOTE`, `STYLE` and `REGION` blocks of WebVTT are skipped.
//! The pairing is linear in the number of cues: cues that overlap in time (by a quarter of the
//! shorter one) are grouped, so a cue split in two on one side pairs 1-2.
//!
//! Pure: text in, cues and pairs out; no I/O.

use super::formats::{Seg, Unit};
use super::parse::RawParagraph;
use super::{Lang, Paragraph, narrow, script};

/// One subtitle cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// When it appears, in milliseconds.
    pub start: u64,
    /// When it disappears, in milliseconds (never before `start`).
    pub end: u64,
    /// Its text, tags removed, one line of the cue per line (see [`Cue::joined`]).
    pub text: String,
    /// 1-based line of its timing line in the file.
    pub line: usize,
}

/// The cues of a subtitle file, in time order, and what was wrong with the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subtitles {
    /// The cues with text, sorted by start time (stable: equal starts keep file order).
    pub cues: Vec<Cue>,
    /// Problems worth a warning (blocks without a timing, cues out of order).
    pub warnings: Vec<String>,
}

/// Whether `text` starts as a subtitle file: `WEBVTT`, or a SubRip cue (a number, then a timing).
pub fn looks_like(text: &str) -> bool {
    let text = text.trim_start_matches('\u{FEFF}');
    if text.starts_with("WEBVTT") {
        return true;
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    let second = lines.next().unwrap_or_default();
    let numbered = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    (numbered && timing(second).is_some()) || timing(first).is_some()
}

/// Reads the cues of an SRT or WebVTT text. Never fails: a block that is not a cue is skipped
/// (with a warning), and cues out of order are sorted (with a warning).
pub fn parse(text: &str) -> Subtitles {
    let mut subs = Subtitles::default();
    let mut skipped = 0usize;
    let mut first_skipped = 0usize;
    let mut block: Vec<(usize, &str)> = Vec::new();
    let mut lines = text.split('\n').enumerate().peekable();
    while lines.peek().is_some() {
        block.clear();
        for (i, raw) in lines.by_ref() {
            let line = raw.trim_end_matches('\r').trim_start_matches('\u{FEFF}');
            if line.trim().is_empty() {
                if block.is_empty() {
                    continue;
                }
                break;
            }
            block.push((i + 1, line));
        }
        if block.is_empty() {
            break;
        }
        match cue(&block) {
            Block::Cue(c) => subs.cues.push(c),
            Block::Empty | Block::Other => {}
            Block::NoTiming => {
                if skipped == 0 {
                    first_skipped = block[0].0;
                }
                skipped += 1;
            }
        }
    }
    if skipped > 0 {
        subs.warnings.push(format!(
            "{skipped} block(s) without a cue timing skipped (the first at line {first_skipped})"
        ));
    }
    if subs.cues.windows(2).any(|w| w[1].start < w[0].start) {
        subs.cues.sort_by_key(|c| c.start);
        subs.warnings
            .push("cues out of time order; they are shown in time order".to_owned());
    }
    subs
}

/// What a block of lines is.
enum Block {
    /// A cue with text.
    Cue(Cue),
    /// A cue without text.
    Empty,
    /// Rightly not a cue: the WebVTT header, a note, a style, a region.
    Other,
    /// Lines without a timing.
    NoTiming,
}

/// What `block` is.
fn cue(block: &[(usize, &str)]) -> Block {
    let first = block[0].1.trim();
    if first.starts_with("WEBVTT")
        || ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| first == *k || first.starts_with(&format!("{k} ")))
    {
        return Block::Other;
    }
    // The timing is the first line, or the second after a cue number or identifier.
    let Some((at, (start, end))) = block
        .iter()
        .take(2)
        .enumerate()
        .find_map(|(i, (_, l))| Some((i, timing(l)?)))
    else {
        return Block::NoTiming;
    };
    let line = block[at].0;
    let mut text = String::new();
    for (_, l) in &block[at + 1..] {
        let clean = clean_line(l);
        let clean = clean.trim();
        if !clean.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(clean);
        }
    }
    if text.is_empty() {
        return Block::Empty;
    }
    Block::Cue(Cue {
        start,
        end: end.max(start),
        text,
        line,
    })
}

impl Cue {
    /// The text as one paragraph: its lines joined with a space.
    pub fn joined(&self) -> String {
        self.text.replace('\n', " ")
    }
}

/// The language of a file's cues, by the script of (up to) its first 200 cues.
pub fn language(cues: &[Cue]) -> Option<Lang> {
    let sample: Vec<&str> = cues.iter().take(200).map(|c| c.text.as_str()).collect();
    script::detect(&sample.join(" "))
}

/// The units of the subtitles of two files, one per language (in either order), paired by
/// time; `None` when both files are in the same language (or have no letters).
pub fn pair_files(a: &[Cue], b: &[Cue]) -> Option<Vec<Unit>> {
    match (language(a)?, language(b)?) {
        (Lang::Ar, Lang::En) => Some(pair(a, b)),
        (Lang::En, Lang::Ar) => Some(pair(b, a)),
        _ => None,
    }
}

/// What one subtitle file holds: when most cues hold both languages (an Arabic line and an
/// English line), the units of each cue's Arabic and English lines; otherwise `None` (its cues
/// are paragraphs, see [`paragraphs`]).
pub fn bilingual_cues(cues: &[Cue]) -> Option<Vec<Unit>> {
    let mut units = Vec::with_capacity(cues.len());
    let mut both = 0usize;
    for cue in cues {
        let mut unit = Unit {
            ar: vec![],
            en: vec![],
            score: 1.0,
        };
        let mut last = None;
        for line in cue.text.split('\n') {
            let Some(lang) = script::detect(line).or(last) else {
                continue;
            };
            last = Some(lang);
            let side = unit.side_mut(lang);
            match side.last_mut() {
                Some(seg) => {
                    seg.text.push(' ');
                    seg.text.push_str(line);
                }
                None => side.push(Seg {
                    text: line.to_owned(),
                    line: cue.line,
                }),
            }
        }
        if !unit.ar.is_empty() && !unit.en.is_empty() {
            both += 1;
        } else {
            unit.score = 0.0;
        }
        units.push(unit);
    }
    (both * 2 > cues.len()).then_some(units)
}

/// The cues of one file as paragraphs (their language by script), for the aligner.
pub fn paragraphs(cues: &[Cue], source: usize) -> Vec<RawParagraph> {
    cues.iter()
        .map(|c| {
            let text = c.joined();
            RawParagraph {
                lang: script::detect(&text),
                paragraph: Paragraph {
                    text,
                    heading: false,
                    line: narrow(c.line),
                    source: narrow(source),
                },
            }
        })
        .collect()
}

/// The start and end of a timing line `00:01:02,500 --> 00:01:04,000 [settings]`, in ms.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (a, b) = line.split_once("-->")?;
    let b = b.split_whitespace().next()?;
    Some((timestamp(a.trim())?, timestamp(b)?))
}

/// `HH:MM:SS,mmm`, `HH:MM:SS.mmm` or `MM:SS.mmm` in milliseconds.
fn timestamp(s: &str) -> Option<u64> {
    let (clock, frac) = s.split_once([',', '.']).unwrap_or((s, "0"));
    if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: u64 = frac.parse::<u64>().ok()? * 10u64.pow(3 - frac.len() as u32);
    let mut parts = clock.split(':').rev();
    let secs = number(parts.next()?, 59)?;
    let mins = number(parts.next()?, 59)?;
    let hours = match parts.next() {
        Some(h) => number(h, 100_000)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(((hours * 60 + mins) * 60 + secs) * 1000 + ms)
}

fn number(s: &str, max: u64) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n <= max)
}

/// A cue line without its tags (`<i>`, `</font>`, `<c.x>`, `<v Name>`, `<00:01.000>`), ASS
/// overrides (`{\an8}`) and character references (`&amp;`, `&lrm;` …). A `<` or `{` that does
/// not open a tag closed on the same line is text.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let skip = match c {
            '<' => rest
                .find('>')
                .map(|e| e + 1)
                .filter(|&e| rest.get(1..e - 1).is_some_and(is_tag)),
            '{' if rest.starts_with("{\\") => rest.find('}').map(|e| e + 1),
            '&' => {
                if let Some((len, decoded)) = reference(rest) {
                    out.push_str(decoded);
                    Some(len)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(n) = skip {
            rest = rest.get(n..).unwrap_or_default();
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
    }
    out
}

/// Whether the inside of `<…>` is a subtitle tag: a name (`i`, `/b`, `font color=…`, `c.x`,
/// `v Name`, `lang ar`) or a timestamp, not text such as `3 < 5 > 2`.
fn is_tag(inside: &str) -> bool {
    let name = inside.trim_start_matches('/');
    let first = name.chars().next();
    first.is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .split([' ', '.'])
            .next()
            .is_some_and(|n| n.len() <= 4 || n == "font" || n == "ruby")
        && name
            .split([' ', '.'])
            .next()
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
        || first.is_some_and(|c| c.is_ascii_digit()) && timestamp(name).is_some()
}

/// The length and replacement of the character reference at the start of `s`.
fn reference(s: &str) -> Option<(usize, &'static str)> {
    const REFS: [(&str, &str); 8] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&nbsp;", "\u{A0}"),
        ("&lrm;", "\u{200E}"),
        ("&rlm;", "\u{200F}"),
    ];
    REFS.iter()
        .find(|(r, _)| s.starts_with(r))
        .map(|(r, d)| (r.len(), *d))
}

/// How much of two spans must overlap for their cues to pair: a quarter of the shorter.
fn overlaps(a: &Cue, b: &Cue) -> bool {
    let shared = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let shorter = (a.end - a.start).min(b.end - b.start);
    shared > 0 && shared * 4 >= shorter
}

/// At most this many cues of one side in one group: a run of cues that all overlap (a broken
/// file) is cut, so the pairing stays linear.
const MAX_GROUP: usize = 8;

/// Pairs the cues of the two languages by time: cues that overlap are grouped (1-1, 1-2, 2-1 …);
/// a cue that overlaps none is a pair of its own with nothing on the other side. The score of
/// a group is the time both sides share over the time either shows.
pub fn pair(ar: &[Cue], en: &[Cue]) -> Vec<Unit> {
    let mut units = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < ar.len() || j < en.len() {
        let (i0, j0) = (i, j);
        // The group starts with the cue that starts first.
        let take_ar = j >= en.len() || (i < ar.len() && ar[i].start <= en[j].start);
        if take_ar {
            i += 1;
        } else {
            j += 1;
        }
        loop {
            let grow_ar =
                i < ar.len() && i - i0 < MAX_GROUP && j > j0 && overlaps(&ar[i], &en[j - 1]);
            let grow_en =
                j < en.len() && j - j0 < MAX_GROUP && i > i0 && overlaps(&en[j], &ar[i - 1]);
            match (grow_ar, grow_en) {
                (true, true) if ar[i].start <= en[j].start => i += 1,
                (_, true) => j += 1,
                (true, false) => i += 1,
                (false, false) => break,
            }
        }
        units.push(group(&ar[i0..i], &en[j0..j]));
    }
    units
}

fn group(ar: &[Cue], en: &[Cue]) -> Unit {
    let span = |c: &[Cue]| -> Option<(u64, u64)> {
        Some((c.first()?.start, c.iter().map(|c| c.end).max()?))
    };
    let score = match (span(ar), span(en)) {
        (Some(a), Some(e)) => {
            let shared = a.1.min(e.1).saturating_sub(a.0.max(e.0));
            let either = a.1.max(e.1) - a.0.min(e.0);
            if either == 0 {
                1.0
            } else {
                shared as f64 / either as f64
            }
        }
        _ => 0.0,
    };
    let segs = |c: &[Cue]| -> Vec<Seg> {
        c.iter()
            .map(|c| Seg {
                text: c.joined(),
                line: c.line,
            })
            .collect()
    };
    Unit {
        ar: segs(ar),
        en: segs(en),
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>Hello</i> there,\r\nfriend.\r\n\r\n2\r\n00:00:04,500 --> 00:00:06,000 X1:10\r\n{\\an8}Top &amp; more\r\n\r\n";

    #[test]
    fn srt_cues_lose_numbers_timings_and_tags() {
        let s = parse(SRT);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        let texts: Vec<String> = s.cues.iter().map(Cue::joined).collect();
        assert_eq!(texts, ["Hello there, friend.", "Top & more"]);
        assert_eq!(
            (s.cues[0].start, s.cues[0].end, s.cues[0].line),
            (1000, 4000, 2)
        );
        assert!(looks_like(SRT));
        assert!(!looks_like("1\nHello\n"));
    }

    #[test]
    fn webvtt_headers_notes_settings_and_voices_go() {
        let vtt = "WEBVTT - film\n\nNOTE a note\nover lines\n\nSTYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:02.500 line:0 align:start\n<v Amal><c.yellow>مرحبا</c> <00:01.500>بكم</v>\n\n00:03.000 --> 00:04.000\n3 < 5 and 6 > 2\n";
        let s = parse(vtt);
        let texts: Vec<&str> = s.cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["مرحبا بكم", "3 < 5 and 6 > 2"]);
        assert_eq!((s.cues[0].start, s.cues[0].end), (1000, 2500));
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn bad_timings_are_warned_sorted_and_never_fatal() {
        let srt = "1\n00:00:05,000 --> 00:00:06,000\nB\n\n2\nno timing here\nX\n\n3\n00:00:01,000 --> 00:00:00,500\nA\n";
        let s = parse(srt);
        let texts: Vec<&str> = s.cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["A", "B"]);
        assert_eq!(
            s.cues[0].end, s.cues[0].start,
            "an end before the start is clamped"
        );
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("line 5"));
    }

    fn cue(start: u64, end: u64, text: &str) -> Cue {
        Cue {
            start,
            end,
            text: text.to_owned(),
            line: 1,
        }
    }

    #[test]
    fn a_split_cue_pairs_one_two_and_gaps_stay_alone() {
        let ar = [
            cue(0, 4000, "أ"),
            cue(4100, 6000, "ب"),
            cue(9000, 10000, "ج"),
        ];
        let en = [
            cue(0, 2000, "A1"),
            cue(2000, 4000, "A2"),
            cue(4100, 6100, "B"),
            cue(20000, 21000, "Z"),
        ];
        let units = pair(&ar, &en);
        let shape: Vec<(usize, usize)> = units.iter().map(|u| (u.ar.len(), u.en.len())).collect();
        assert_eq!(shape, [(1, 2), (1, 1), (1, 0), (0, 1)]);
        assert!(units[0].score > 0.99 && units[1].score > 0.9);
        assert!(units[2].score == 0.0);
    }

    #[test]
    fn files_pair_in_either_order_and_dual_cues_split_by_script() {
        let ar = [cue(0, 1000, "مرحبا")];
        let en = [cue(0, 1000, "Hello")];
        let units = pair_files(&en, &ar).unwrap();
        assert_eq!(units[0].ar[0].text, "مرحبا");
        assert!(pair_files(&en, &en).is_none());
        let dual = [cue(0, 1000, "مرحبا\nHello\n2024"), cue(1000, 2000, "Bye")];
        assert!(bilingual_cues(&dual).is_none(), "half is not most");
        let dual = [cue(0, 1000, "مرحبا\nHello\n2024")];
        let units = bilingual_cues(&dual).unwrap();
        assert_eq!(
            (units[0].ar[0].text.as_str(), units[0].en[0].text.as_str()),
            ("مرحبا", "Hello 2024")
        );
    }

    #[test]
    fn overlapping_runs_are_cut_and_linear() {
        let ar: Vec<Cue> = (0..10_000).map(|_| cue(0, 1_000_000, "x")).collect();
        let en: Vec<Cue> = (0..10_000).map(|_| cue(0, 1_000_000, "y")).collect();
        let units = pair(&ar, &en);
        let total: usize = units.iter().map(|u| u.ar.len() + u.en.len()).sum();
        assert_eq!(total, 20_000);
        assert!(
            units
                .iter()
                .all(|u| u.ar.len() <= MAX_GROUP && u.en.len() <= MAX_GROUP)
        );
    }
}
