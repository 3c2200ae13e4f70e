//! Numbers as values: what the digits of a paragraph say, read the way Arabic and English news
//! write them, so that the check compares values and not spellings.
//!
//! - Separators: `1,200.5`, `4٬500`, `٣٫٥`, and the Arabic habits `76.000` (a dot for thousands,
//!   read both ways) and `30, 000` (a space after the comma).
//! - Magnitudes: `2.8 مليار`, `137 ألف`, `3 million`, `£2.8bn`, `$125m`, `40k`.
//! - Ranges (`27-31`, `31-27`) are their two ends, compared as a set; `5:30` is a clock time and
//!   matches `5.30`.
//!
//! Every number carries one or more readings; two numbers match when they share a reading. Real
//! differences stay different: `300 ألف` (300,000) never matches `30,000`. Pure: no I/O.

use super::text::{
    AR_PAIRS, FnvBuild, Prepared, TokKind, ar_ordinal, ar_ordinal_unit, without_article,
};
use crate::document::Lang;
use crate::document::script::is_arabic_letter;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A number found in a paragraph, with its possible values.
#[derive(Debug, Clone, PartialEq)]
pub struct Num<'a> {
    /// Its readings (one for most numbers).
    pub values: Vec<f64>,
    /// Its text, as the source writes it.
    pub text: &'a str,
    /// A number that matches but is never reported as lone: a bare "thousand" or "million"
    /// (also a manner of speaking: a million reasons).
    pub weak: bool,
    /// Weak, and read from the shape of a word that is no number word: a word spelled like a
    /// dual (المسؤولين), an English compound (fourballs) or decade (seventies), an Arabic
    /// adjective of so many parts (الرباعية). Numbers are matched with each other before they
    /// are with a guess.
    pub guess: bool,
}

impl Num<'_> {
    /// Whether two numbers can be the same value.
    pub fn matches(&self, other: &Num) -> bool {
        self.values
            .iter()
            .any(|&x| other.values.iter().any(|&y| close(x, y)))
    }
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

// Folded magnitude words, with the accusative (ألفاً → الفا), plurals and duals.
const THOUSAND: &[&str] = &["thousand", "الف", "الفا", "الاف", "الفين", "الفان"];
const MILLION: &[&str] = &[
    "million",
    "millions",
    "مليون",
    "مليونا",
    "ملايين",
    "مليونين",
    "مليونان",
];
const BILLION: &[&str] = &[
    "billion",
    "billions",
    "مليار",
    "مليارا",
    "مليارات",
    "مليارين",
    "ملياران",
    "بليون",
    "بلايين",
];
const TRILLION: &[&str] = &["trillion", "تريليون", "تريليونات"];

/// The factor a word following a number stands for (`مليار`, `million`, `وألف`).
fn magnitude_word(w: &str) -> Option<f64> {
    let w = w.strip_prefix('و').filter(|r| r.len() > 2).unwrap_or(w);
    if THOUSAND.contains(&w) {
        Some(1e3)
    } else if MILLION.contains(&w) {
        Some(1e6)
    } else if BILLION.contains(&w) {
        Some(1e9)
    } else if TRILLION.contains(&w) {
        Some(1e12)
    } else {
        None
    }
}

/// The factor of a suffix glued to a number (`2.8bn`, `125m`); `m` only after a currency sign,
/// as `100m` is also a distance.
fn magnitude_suffix(w: &str, currency: bool) -> Option<f64> {
    match w {
        "bn" | "b" => Some(1e9),
        "tn" => Some(1e12),
        "k" => Some(1e3),
        "m" | "mn" if currency => Some(1e6),
        _ => None,
    }
}

/// The readings of a number written in digits (already folded to ASCII digits).
///
/// `1,200.5` → 1200.5; `2,5` → 2.5; `9٫9` → 9.9; `4٬500` → 4500; `76.000` → 76000 or 76 (a
/// dot before three digits is a thousands separator in much Arabic writing); `5.30` → 5.3, or
/// the clock time 5:30.
pub fn readings(s: &str) -> Vec<f64> {
    let s = s.replace('٫', ".").replace('٬', ",");
    let mut out = Vec::new();
    if !s.contains([',', '.']) {
        out.extend(s.parse::<f64>().ok());
        return out;
    }
    let groups_of_three = |sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() > 1
            && parts
                .iter()
                .skip(1)
                .all(|g| g.split(['.', ',']).next().is_some_and(|d| d.len() == 3))
    };
    if s.contains(',') {
        if groups_of_three(',') {
            out.extend(s.replace(',', "").parse::<f64>().ok());
        } else if !s.contains('.') {
            // A decimal comma (2,5).
            out.extend(s.replace(',', ".").parse::<f64>().ok());
        }
        return out;
    }
    // Only dots.
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 2 {
        if groups_of_three('.') {
            out.extend(s.replace('.', "").parse::<f64>().ok());
        }
        return out;
    }
    out.extend(s.parse::<f64>().ok());
    if groups_of_three('.') {
        out.extend(s.replace('.', "").parse::<f64>().ok());
    }
    if let [h, m] = parts.as_slice()
        && m.len() == 2
        && let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>())
        && h <= 24
        && m < 60
    {
        out.push(clock(h, m));
    }
    out
}

/// A clock time as a value that no plain number takes (numbers read here are never negative):
/// 5:30 → −(1 + 330 minutes).
fn clock(h: u32, m: u32) -> f64 {
    -(1.0 + f64::from(h * 60 + m))
}

fn is_currency(t: &str) -> bool {
    matches!(t, "£" | "$" | "€" | "¥")
}

/// Whether the digits at token `k` are part of a code (F-16, COVID-19, G20: glued to a Latin
/// word, or after one and a hyphen) or a decade (the '60s, the 1960s), and no count.
fn code_or_decade(p: &Prepared, k: usize) -> bool {
    let toks = &p.toks;
    let Some(t) = toks.get(k) else {
        return false;
    };
    let word_before = |j: usize| {
        toks.get(j).is_some_and(|b| {
            b.kind == TokKind::Word && !matches!(p.tok(j), "و" | "ف" | "ب" | "ل" | "ك")
        })
    };
    let glued_to_word =
        !t.spaced && k > 0 && word_before(k - 1) && !p.tok(k - 1).chars().any(is_arabic_letter);
    let after_code_hyphen = !t.spaced
        && k >= 2
        && p.tok(k - 1) == "-"
        && toks.get(k - 1).is_some_and(|h| !h.spaced)
        && word_before(k - 2);
    let decade = p.tok(k + 1) == "s"
        && toks
            .get(k + 1)
            .is_some_and(|n| !n.spaced && n.kind == TokKind::Word);
    glued_to_word || after_code_hyphen || decade
}

/// Numbers written in digits in a paragraph, outside the given folded byte ranges (dates).
///
/// Digits glued to a Latin word or after a word and a hyphen are part of a code or a name
/// (F-16, COVID-19, G20) and are left out; glued to an Arabic word they are a space left out
/// (حوالي200, about 200). The ends of a range (`27-31`) are two numbers.
pub fn numbers<'a>(p: &'a Prepared, skip: &[(usize, usize)]) -> Vec<Num<'a>> {
    let mut out: Vec<(usize, Num<'a>)> = Vec::new();
    let toks = &p.toks;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let k = i;
        i += 1;
        if t.kind != TokKind::Number || skip.iter().any(|&(s, e)| s < t.end && t.start < e) {
            continue;
        }
        if code_or_decade(p, k) {
            continue;
        }
        let text = p.tok(k);
        let (mut from, mut to) = (t.start, t.end);
        let mut values = readings(text);
        // `30, 000`: a comma and a space inside a number, as Arabic typesetting often leaves.
        if matches!(p.tok(k + 1), "," | "،")
            && let Some(g) = toks.get(k + 2)
            && g.kind == TokKind::Number
            && p.tok(k + 2).len() == 3
            && p.tok(k + 2).starts_with('0')
            && !text.contains(['.', ','])
        {
            let joined = format!("{}{}", text, p.tok(k + 2));
            values = readings(&joined);
            to = g.end;
            i = k + 3;
        }
        // `5:30`: a clock time.
        if p.tok(k + 1) == ":"
            && toks.get(k + 1).is_some_and(|c| !c.spaced)
            && let Some(m) = toks.get(k + 2)
            && !m.spaced
            && m.kind == TokKind::Number
            && let (Ok(h), Ok(mm)) = (text.parse::<u32>(), p.tok(k + 2).parse::<u32>())
            && p.tok(k + 2).len() == 2
            && h <= 24
            && mm < 60
        {
            // On the hour it is also the plain hour (04:00 against الساعة 4).
            values = if mm == 0 {
                vec![clock(h, mm), f64::from(h)]
            } else {
                vec![clock(h, mm)]
            };
            to = m.end;
            i = k + 3;
        }
        let last = i - 1;
        let currency = k > 0 && is_currency(p.tok(k - 1));
        let next = last + 1;
        let factor = if toks
            .get(next)
            .is_some_and(|n| !n.spaced && n.kind == TokKind::Word)
        {
            magnitude_suffix(p.tok(next), currency).or_else(|| magnitude_word(p.tok(next)))
        } else {
            magnitude_word(p.tok(next))
        };
        if let Some(f) = factor {
            for v in &mut values {
                *v *= f;
            }
            // The report quotes the magnitude with the digits (1.5 million, not 1.5).
            if let Some(n) = toks.get(next) {
                to = n.end;
            }
        }
        // And a half: 3 سنوات ونصف, 2 مليون ونصف (not of a clock time).
        let magnitude_end = if factor.is_some() { next } else { last };
        if values.iter().all(|&v| v >= 0.0)
            && let Some(h) = half_after(p, magnitude_end)
        {
            let unit = factor.unwrap_or(1.0);
            for v in &mut values {
                *v += 0.5 * unit;
            }
            if let Some(t) = toks.get(h) {
                to = t.end;
            }
        }
        // And the currency sign before them (£1.5 million).
        if currency && let Some(c) = toks.get(k - 1) {
            from = c.start;
        }
        if !values.is_empty() {
            out.push((
                from,
                Num {
                    values,
                    text: p.source(from, to),
                    weak: false,
                    guess: false,
                },
            ));
        }
    }
    out.extend(spelled(p, skip));
    out.extend(ar_ages_and_hours(p, skip));
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, n)| n).collect()
}

/// The last token of "and a half" after a number ending at token `end`: ونصف right after it or
/// after its counted noun (ثلاث سنوات ونصف, "three and a half years"), or "and a half".
fn half_after(p: &Prepared, end: usize) -> Option<usize> {
    let word = |k: usize| p.toks.get(k).is_some_and(|t| t.kind == TokKind::Word);
    match (p.tok(end + 1), p.tok(end + 2), p.tok(end + 3)) {
        ("ونصف", _, _) => Some(end + 1),
        ("and", "a", "half") => Some(end + 3),
        (_, "ونصف", _) if word(end + 1) && number_word(p.tok(end + 1), true).is_none() => {
            Some(end + 2)
        }
        _ => None,
    }
}

/// Arabic ordinals that say a number an English translation writes as one: an age (في
/// العاشرة من عمره, aged 10; الخامسة والثلاثين من عمرها, 35; سن الثامنة عشرة, the age of 18)
/// and an hour (الساعة الثالثة, 3 p.m. or 15:00; الساعة الواحدة). Elsewhere an ordinal is a
/// rank (لقبه الثالث, his third title), which English says with an ordinal too, and neither
/// side reads.
fn ar_ages_and_hours<'a>(p: &'a Prepared, skip: &[(usize, usize)]) -> Vec<(usize, Num<'a>)> {
    let toks = &p.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((n, end)) = ar_ordinal(p, i) else {
            i += 1;
            continue;
        };
        let (first, last) = (toks[i], toks[end]);
        // من عمره after it, or سن before it (دون سن الخامسة عشرة, under the age of 15).
        let age = (p.tok(end + 1) == "من" && {
            let w = p.tok(end + 2);
            w.starts_with("عمر") || w == "العمر"
        }) || (i > 0 && matches!(p.tok(i - 1), "سن" | "بسن" | "لسن" | "وسن"));
        let hour = i > 0 && n <= 12 && without_article(p.tok(i - 1)) == "ساعه";
        let in_date = skip.iter().any(|&(s, e)| s < last.end && first.start < e);
        if (age || hour) && !in_date {
            // An hour is also the afternoon's (3 p.m., 15:00).
            let values = if hour {
                let pm = (n + 12) % 24;
                vec![f64::from(n), f64::from(pm), clock(n, 0), clock(pm, 0)]
            } else {
                vec![f64::from(n)]
            };
            out.push((
                first.start,
                Num {
                    values,
                    text: p.source(first.start, last.end),
                    weak: false,
                    guess: false,
                },
            ));
        }
        i = end + 1;
    }
    out
}

/// What a spelled-out number word adds to the number it is part of.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// 1 to 9, or an English teen (10 to 19).
    Unit(u32),
    /// 20, 30 … 90, and the Arabic عشرة (10, or the teen's ten after a unit).
    Tens(u32),
    /// "hundred", مائة: multiplies the units before it.
    Hundred,
    /// A hundreds written as one word: مائتان (200), ثلاثمائة (300).
    Hundreds(u32),
    /// "thousand", ألف, "million", مليون…: multiplies what came before it (1 when nothing did).
    Magnitude(f64),
    /// A dual magnitude, which is a number by itself: ألفين (2000), مليونين.
    Dual(f64),
    /// A plural magnitude (آلاف, ملايين): only after a number (ثلاثة آلاف).
    Plural(f64),
    /// An Arabic dual noun, which says "two" without a number word: يومين, مرتين.
    Pair,
}

/// English number words (folded), with their role.
const EN_WORDS: &[(&str, Word)] = &[
    ("one", Word::Unit(1)),
    ("two", Word::Unit(2)),
    ("three", Word::Unit(3)),
    ("four", Word::Unit(4)),
    ("five", Word::Unit(5)),
    ("six", Word::Unit(6)),
    ("seven", Word::Unit(7)),
    ("eight", Word::Unit(8)),
    ("nine", Word::Unit(9)),
    ("ten", Word::Unit(10)),
    ("eleven", Word::Unit(11)),
    ("twelve", Word::Unit(12)),
    ("thirteen", Word::Unit(13)),
    ("fourteen", Word::Unit(14)),
    ("fifteen", Word::Unit(15)),
    ("sixteen", Word::Unit(16)),
    ("seventeen", Word::Unit(17)),
    ("eighteen", Word::Unit(18)),
    ("nineteen", Word::Unit(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Magnitude(1e3)),
    ("million", Word::Magnitude(1e6)),
    ("billion", Word::Magnitude(1e9)),
    ("trillion", Word::Magnitude(1e12)),
];

/// Arabic number words (folded: ة → ه, hamzated alefs → ا), masculine and feminine, in the
/// nominative and the oblique case.
const AR_WORDS: &[(&str, Word)] = &[
    ("واحد", Word::Unit(1)),
    ("واحده", Word::Unit(1)),
    ("اثنان", Word::Unit(2)),
    ("اثنين", Word::Unit(2)),
    ("اثنتان", Word::Unit(2)),
    ("اثنتين", Word::Unit(2)),
    ("اثنا", Word::Unit(2)),
    ("اثني", Word::Unit(2)),
    ("اثنتا", Word::Unit(2)),
    ("اثنتي", Word::Unit(2)),
    ("ثلاث", Word::Unit(3)),
    ("ثلاثه", Word::Unit(3)),
    ("اربع", Word::Unit(4)),
    ("اربعه", Word::Unit(4)),
    ("خمس", Word::Unit(5)),
    ("خمسه", Word::Unit(5)),
    ("ست", Word::Unit(6)),
    ("سته", Word::Unit(6)),
    ("سبع", Word::Unit(7)),
    ("سبعه", Word::Unit(7)),
    ("ثمان", Word::Unit(8)),
    ("ثماني", Word::Unit(8)),
    ("ثمانيه", Word::Unit(8)),
    ("تسع", Word::Unit(9)),
    ("تسعه", Word::Unit(9)),
    ("عشر", Word::Tens(10)),
    ("عشره", Word::Tens(10)),
    ("عشرون", Word::Tens(20)),
    ("عشرين", Word::Tens(20)),
    ("ثلاثون", Word::Tens(30)),
    ("ثلاثين", Word::Tens(30)),
    ("اربعون", Word::Tens(40)),
    ("اربعين", Word::Tens(40)),
    ("خمسون", Word::Tens(50)),
    ("خمسين", Word::Tens(50)),
    ("ستون", Word::Tens(60)),
    ("ستين", Word::Tens(60)),
    ("سبعون", Word::Tens(70)),
    ("سبعين", Word::Tens(70)),
    ("ثمانون", Word::Tens(80)),
    ("ثمانين", Word::Tens(80)),
    ("تسعون", Word::Tens(90)),
    ("تسعين", Word::Tens(90)),
    ("مائه", Word::Hundred),
    ("مئه", Word::Hundred),
    ("مائتان", Word::Hundreds(200)),
    ("مائتين", Word::Hundreds(200)),
    ("مئتان", Word::Hundreds(200)),
    ("مئتين", Word::Hundreds(200)),
    ("الف", Word::Magnitude(1e3)),
    ("الفا", Word::Magnitude(1e3)),
    ("الفان", Word::Dual(1e3)),
    ("الفين", Word::Dual(1e3)),
    ("الاف", Word::Plural(1e3)),
    ("مليون", Word::Magnitude(1e6)),
    ("مليونا", Word::Magnitude(1e6)),
    ("مليونان", Word::Dual(1e6)),
    ("مليونين", Word::Dual(1e6)),
    ("ملايين", Word::Plural(1e6)),
    ("مليار", Word::Magnitude(1e9)),
    ("مليارا", Word::Magnitude(1e9)),
    ("ملياران", Word::Dual(1e9)),
    ("مليارين", Word::Dual(1e9)),
    ("مليارات", Word::Plural(1e9)),
];

/// Arabic masculine cardinals spelled like the fractions (خمس "five" or خُمس "a fifth"): before
/// a word with the article they are the fraction (خمس السكان, a fifth of the people).
const AR_LIKE_FRACTIONS: &[&str] = &["ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر"];

/// English fractions after a number word: "two thirds" is no 2.
const EN_FRACTIONS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourths", "fifth", "fifths",
    "sixths", "sevenths", "eighths", "ninths", "tenths",
];

/// The role of a folded word as a number word, also after an Arabic proclitic و ب ل ف ك when
/// `clitic` (never before a stem of two letters: لست is "I am not").
fn number_word(w: &str, clitic: bool) -> Option<Word> {
    static TABLE: OnceLock<HashMap<&'static str, Word, FnvBuild>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let pairs = AR_PAIRS.words().iter().map(|&w| (w, Word::Pair));
        EN_WORDS
            .iter()
            .chain(AR_WORDS)
            .copied()
            .chain(pairs)
            .collect()
    });
    if w.is_ascii() {
        return table.get(w).copied();
    }
    // The word itself, then after the article: a unit or ten (الأيام الأربعة, the four days)
    // or a dual noun (العامين الماضيين); other numbers with the article are ordinals or days
    // (العشرين, the twentieth; الاثنين, Monday). A feminine dual the lists lack comes last, so
    // that a number word with a proclitic is read as itself (ومائتين, and two hundred).
    let bare = |w: &str| table.get(w).copied().or_else(|| fused_hundreds(w));
    let after_article = |rest: Option<&str>| {
        bare(rest?).filter(|x| matches!(x, Word::Unit(3..=9) | Word::Tens(10) | Word::Pair))
    };
    let listed = || {
        if let Some(x) = bare(w).or_else(|| after_article(w.strip_prefix("ال"))) {
            return Some(x);
        }
        let c = w.chars().next()?;
        let rest = w.get(c.len_utf8()..)?;
        if !clitic || !matches!(c, 'و' | 'ب' | 'ل' | 'ف' | 'ك') || rest.chars().count() <= 2 {
            return None;
        }
        // ل before the article drops its alef: للأربعة.
        let article = if c == 'ل' {
            rest.strip_prefix('ل')
        } else {
            rest.strip_prefix("ال")
        };
        bare(rest).or_else(|| after_article(article))
    };
    listed().or_else(|| (clitic && feminine_dual(w)).then_some(Word::Pair))
}

/// A feminine dual of a word the tagger's training corpus knows as an ordinary word: the
/// singular's ة written تين or تان (تسديدتين, two shots, of تسديدة; الحكومتان, with a proclitic
/// or the article, which the corpus lookup strips). Masculine duals (-ين, -ان) are not read so:
/// they are spelled like plurals (المعلمين, the teachers).
fn feminine_dual(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("تين").or_else(|| w.strip_suffix("تان")) else {
        return false;
    };
    stem.chars().count() >= 2 && super::tagger::ordinary_word(Lang::Ar, &format!("{stem}ه"))
}

/// An Arabic word that may be a dual the lists do not read: a masculine dual in the genitive or
/// accusative (متجرين, two stores, of متجر), spelled like a sound plural (لاعبين, players; the
/// nominative -ان is left out, being also a broken plural: بلدان), or a feminine dual before
/// its complement, which drops the ن (سيارتا شرطة, two police cars; ركلتي جزاء). Its stem must
/// be a word the tagger's corpus knows as ordinary. Weak: it matches an English "two" and
/// stands against a number the English has alone, but is never reported by itself.
fn possible_dual(w: &str) -> bool {
    // Without the article and its proclitics: a number word (والثلاثين, of an ordinal: the
    // thirty-fourth) is no dual.
    let ordinary = |stem: &str| {
        let b = without_article(stem);
        b.chars().count() >= 3
            && number_word(b, false).is_none()
            && number_word(without_article(w), false).is_none()
            && super::tagger::ordinary_word(Lang::Ar, stem)
    };
    if let Some(stem) = w.strip_suffix("ين") {
        // Not a nisba's plural (المدنيين, civilians) nor a verb (يحتلين).
        return !stem.ends_with('ي') && !stem.starts_with('ي') && ordinary(stem);
    }
    w.strip_suffix("تا")
        .or_else(|| w.strip_suffix("تي"))
        .is_some_and(|stem| ordinary(&format!("{stem}ه")))
}

/// The number of an Arabic adjective of so many parts (رباعي, fourfold, quadruple; الرباعية,
/// the foursomes; ثنائية, bilateral; ثلاثيا): weak, as a translation may say it with a number
/// (fourballs, a two-way deal) or not (a duo, a trilogy).
fn ar_multiple(w: &str) -> Option<u32> {
    const STEMS: &[(&str, u32)] = &[
        ("ثنائ", 2),
        ("ثلاث", 3),
        ("رباع", 4),
        ("خماس", 5),
        ("سداس", 6),
        ("سباع", 7),
        ("تساع", 9),
        ("عشار", 10),
    ];
    if w.is_ascii() {
        return None;
    }
    let w = without_article(w);
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    STEMS.iter().find_map(|&(stem, n)| {
        let ending = w.strip_prefix(stem)?;
        matches!(
            ending,
            "ي" | "يه" | "يا" | "يين" | "يان" | "يات" | "يتين" | "يتان"
        )
        .then_some(n)
    })
}

/// The length of the shortest English number word that opens a compound ([`en_compound`]).
const EN_COMPOUND_MIN: usize = 3;

/// The number that opens an English compound of a number word and a word the tagger's corpus
/// knows as ordinary (fourballs, threesome, tenfold): weak, as a translation may spell it
/// (الكرات الأربع, the four balls) or not (a tenfold rise, زيادة كبيرة).
fn en_compound(w: &str) -> Option<u32> {
    // A number word of three letters or more ([`EN_COMPOUND_MIN`]) and a stem of four.
    if !w.is_ascii() || w.len() < EN_COMPOUND_MIN + 4 {
        return None;
    }
    EN_WORDS.iter().find_map(|&(n, role)| {
        let Word::Unit(u @ 2..=12) = role else {
            return None;
        };
        let rest = w.strip_prefix(n)?;
        let stem = rest.strip_suffix('s').unwrap_or(rest);
        let ordinary = |x: &str| super::tagger::ordinary_word(Lang::En, x);
        (stem.len() >= 4 && (ordinary(rest) || ordinary(stem))).then_some(u)
    })
}

/// The tens of an English decade word (twenties … nineties): weak, an age (in her seventies,
/// في السبعين من عمرها, at seventy) or a decade (the nineties, التسعينيات).
fn en_decade(w: &str) -> Option<u32> {
    let tens = w.strip_suffix("ies")?;
    EN_WORDS.iter().find_map(|&(n, role)| match role {
        Word::Tens(t @ 20..=90) if n.strip_suffix('y') == Some(tens) => Some(t),
        _ => None,
    })
}

/// ثلاثمائة, خمسمئة: a unit and "hundred" written as one word.
fn fused_hundreds(w: &str) -> Option<Word> {
    let unit = w.strip_suffix("مائه").or_else(|| w.strip_suffix("مئه"))?;
    let n = match unit {
        "ثلاث" => 3,
        "اربع" => 4,
        "خمس" => 5,
        "ست" => 6,
        "سبع" => 7,
        "ثمان" | "ثماني" => 8,
        "تسع" => 9,
        _ => return None,
    };
    Some(Word::Hundreds(n * 100))
}

/// A spelled-out number as its words are read: the thousands and more already counted, and
/// the group below a thousand being read.
#[derive(Debug, Default)]
struct Spelling {
    total: f64,
    group: u32,
    words: usize,
    only_magnitude: bool,
    /// The magnitude of the last word, when it was one (مليونين, "million").
    last_magnitude: Option<f64>,
}

impl Spelling {
    /// Take the next word, if it can continue the number (`english`: no Arabic teens).
    fn take(&mut self, role: Word, english: bool) -> bool {
        let g = self.group;
        let counted = match role {
            Word::Unit(u) if g.is_multiple_of(10) && (u < 10 || g.is_multiple_of(100)) => {
                self.group += u;
                true
            }
            // خمسة عشر: a unit, then the teen's ten.
            Word::Tens(10) if (1..10).contains(&(g % 100)) && !english => {
                self.group += 10;
                true
            }
            Word::Tens(n) if g % 100 / 10 == 0 && (n > 10 || g.is_multiple_of(100)) => {
                self.group += n;
                true
            }
            Word::Hundred if g % 100 < 10 && g < 1000 => {
                self.group = if g.is_multiple_of(100) {
                    g + 100
                } else {
                    g * 100
                };
                true
            }
            Word::Hundreds(n) if g.is_multiple_of(1000) => {
                self.group += n;
                true
            }
            Word::Magnitude(m) => {
                self.total += f64::from(g.max(1)) * m;
                self.group = 0;
                false
            }
            Word::Plural(m) if g > 0 => {
                self.total += f64::from(g) * m;
                self.group = 0;
                false
            }
            Word::Dual(m) if g == 0 => {
                self.total += 2.0 * m;
                true
            }
            Word::Pair if g == 0 && self.total == 0.0 => {
                self.group = 2;
                true
            }
            _ => return false,
        };
        self.only_magnitude = (self.words == 0 || self.only_magnitude) && !counted;
        self.words += 1;
        self.last_magnitude = match role {
            Word::Magnitude(m) | Word::Plural(m) | Word::Dual(m) => Some(m),
            _ => None,
        };
        true
    }

    /// The number read so far ends at token `end`; add "and a half" (ونصف, also after a counted
    /// noun: ثلاث سنوات ونصف) after it: half a unit (ثلاثة ونصف), or half the magnitude it
    /// ended with (مليونين ونصف, 2.5 million), and
    /// the magnitude after it ("two and a half million"; مليونين ونصف المليون restates it).
    /// Its new last token.
    fn and_a_half(&mut self, p: &Prepared, end: usize) -> usize {
        let Some(last) = half_after(p, end) else {
            return end;
        };
        let after_magnitude = self.last_magnitude.is_some();
        self.total += 0.5 * self.last_magnitude.unwrap_or(1.0);
        self.only_magnitude = false;
        self.words += 1;
        let next = p.tok(last + 1);
        let Some(m) = magnitude_word(next.strip_prefix("ال").unwrap_or(next)) else {
            return last;
        };
        if !after_magnitude {
            self.total = self.value() * m;
            self.group = 0;
        }
        last + 1
    }

    fn value(&self) -> f64 {
        self.total + f64::from(self.group)
    }
}

/// Numbers spelled out in words, outside the given folded byte ranges: "twenty-five", "three
/// million", خمسة وعشرين, ثلاثة آلاف, مائتين, with their first byte. A magnitude alone ("a
/// million", مليون) is weak. Left out: one word for 1 or 2, words with the article (الاثنين
/// is Monday), a number word in a capitalised name (Formula One), fractions (two thirds, خمس
/// السكان), an ordinal's teen (التاسع عشر), a magnitude word after digits (read with them),
/// and أحد (someone) but in أحد عشر (11).
fn spelled<'a>(p: &'a Prepared, skip: &[(usize, usize)]) -> Vec<(usize, Num<'a>)> {
    let toks = &p.toks;
    let mut out = Vec::new();
    let mut next_start = 0;
    for start in 0..toks.len() {
        let tok = toks[start];
        if start < next_start || tok.kind != TokKind::Word {
            continue;
        }
        let text = p.tok(start);
        // أحد عشر, إحدى عشرة: eleven starts with a word of its own.
        let bare = text.strip_prefix(['و', 'ب', 'ل', 'ف', 'ك']).unwrap_or(text);
        let eleven = [text, bare].iter().any(|w| matches!(*w, "احد" | "احدي"))
            && matches!(p.tok(start + 1), "عشر" | "عشره");
        let Some(first) = number_word(text, true).or(eleven.then_some(Word::Unit(1))) else {
            let weak = en_compound(text)
                .or_else(|| en_decade(text))
                .or_else(|| ar_multiple(text))
                .or_else(|| possible_dual(text).then_some(2));
            if let Some(n) = weak {
                out.push((
                    tok.start,
                    Num {
                        values: vec![f64::from(n)],
                        text: p.source(tok.start, tok.end),
                        weak: true,
                        guess: true,
                    },
                ));
            }
            continue;
        };
        // Inside a date (asked only of number words: most words are none).
        if skip.iter().any(|&(s, e)| s < tok.end && tok.start < e) {
            continue;
        }
        let after_digits = start > 0 && toks[start - 1].kind == TokKind::Number;
        // كلتا الكنيستين is "both churches": English says "both", not a number.
        let both = first == Word::Pair
            && start > 0
            && matches!(p.tok(start - 1), "كلا" | "كلتا" | "كلي" | "كلتي");
        if both {
            continue;
        }
        // A number word inside a capitalised name: Formula One, Channel Four.
        let in_name = text.is_ascii() && start > 0 && p.is_cap(start) && p.is_cap(start - 1);
        if in_name || (after_digits && matches!(first, Word::Magnitude(_) | Word::Plural(_))) {
            continue;
        }
        let mut reading = Spelling::default();
        let mut end = start;
        let mut at = start;
        let mut role = Some(first);
        while let Some(r) = role {
            if !reading.take(r, text.is_ascii()) {
                break;
            }
            end = at;
            // The next word: after a hyphen (twenty-five), "and" (a hundred and ten), or an
            // Arabic و run onto it (خمسة وعشرين).
            at += 1;
            if (p.tok(at) == "-" && toks.get(at).is_some_and(|h| !h.spaced)) || p.tok(at) == "and" {
                at += 1;
            }
            let word = p.tok(at);
            let conj = word.strip_prefix('و').filter(|r| r.chars().count() > 2);
            role = number_word(word, false)
                .or_else(|| conj.and_then(|r| number_word(r, false)))
                .filter(|_| toks.get(at).is_some_and(|t| t.kind == TokKind::Word));
        }
        if reading.words == 0 {
            continue;
        }
        end = reading.and_a_half(p, end);
        next_start = end + 1;
        let after = p.tok(end + 1);
        let one_word = reading.words == 1;
        let fraction = EN_FRACTIONS.contains(&after)
            || (after == "-" && EN_FRACTIONS.contains(&p.tok(end + 2)))
            || (one_word && AR_LIKE_FRACTIONS.contains(&text) && after.starts_with("ال"));
        let value = reading.value();
        // "one" is also a pronoun, and واحد "someone".
        let small = one_word && value <= 1.0;
        // عشر after an ordinal is the ordinal's ten: القرن التاسع عشر, the 19th century.
        // (Not after أول "first": أول عشر سنوات, the first ten years.)
        let ordinal_teen = one_word && first == Word::Tens(10) && start > 0 && {
            let before = without_article(p.tok(start - 1));
            before.starts_with("حادي")
                || ar_ordinal_unit(before).is_some_and(|u| (2..10).contains(&u))
        };
        if fraction || small || ordinal_teen || value == 0.0 {
            continue;
        }
        out.push((
            tok.start,
            Num {
                values: vec![value],
                text: p.source(tok.start, toks[end].end),
                // English "two" alone where Arabic may write a dual we do not read
                // (بفوزين, two wins): it matches, and is never reported by itself.
                weak: reading.only_magnitude
                    || (one_word && (value - 2.0).abs() < 0.5 && text.is_ascii()),
                guess: false,
            },
        ));
    }
    out
}

/// The numbers of one side that the other side does not match (each of its numbers used once),
/// in three groups: [`Unmatched::strong`] are the lone numbers a report names.
#[derive(Debug, Default, PartialEq)]
pub struct Unmatched<'a> {
    /// Numbers, not weak, that match nothing.
    pub strong: Vec<&'a str>,
    /// Weak numbers that match nothing.
    pub weak: Vec<&'a str>,
    /// Numbers that only a weak 2 matches (2 against "two", which may have stood for a dual;
    /// "two" against a word that may be a dual, المسؤولين, the officials).
    pub by_weak: Vec<&'a str>,
}

/// The numbers of `a` and of `b` that the other side does not match ([`Unmatched`]), from one
/// matching of the two, so that the two sides' reports always agree. Strong numbers are
/// matched with each other first, so that a weak "two" does not take the 2 that a changed 20
/// leaves alone; then numbers with numbers (اثنين with "two", before a word spelled like a
/// dual takes it); then guesses with guesses (fourballs with الرباعية, the foursomes), so that
/// a compound does not take a number that only matches it by chance; then the rest.
pub fn unmatched<'a, 'b>(a: &[Num<'a>], b: &[Num<'b>]) -> (Unmatched<'a>, Unmatched<'b>) {
    // Each number's partner on the other side.
    let mut of_a: Vec<Option<&Num>> = vec![None; a.len()];
    let mut of_b: Vec<Option<&Num>> = vec![None; b.len()];
    let passes: [fn(&Num, &Num) -> bool; 4] = [
        |n, m| !n.weak && !m.weak,
        |n, m| !n.guess && !m.guess,
        |n, m| n.guess && m.guess,
        |_, _| true,
    ];
    for pass in passes {
        for (n, slot) in a.iter().zip(of_a.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            let hit = (b.iter().zip(of_b.iter_mut()))
                .find(|(m, partner)| partner.is_none() && pass(n, m) && n.matches(m));
            if let Some((m, partner)) = hit {
                *slot = Some(m);
                *partner = Some(n);
            }
        }
    }
    (sort_out(a, &of_a), sort_out(b, &of_b))
}

/// The numbers of one side, given their partners, in the groups of [`Unmatched`]. A partner
/// that is a weak 2 may have stood for a dual; a weak compound (fourballs) is matched by its
/// translation (الأربع كرات), not by chance.
fn sort_out<'a>(side: &[Num<'a>], partners: &[Option<&Num>]) -> Unmatched<'a> {
    let mut out = Unmatched::default();
    for (n, m) in side.iter().zip(partners) {
        match (m, n.weak) {
            (None, false) => out.strong.push(n.text),
            (None, true) => out.weak.push(n.text),
            (Some(m), _) if m.weak && m.values.iter().any(|&v| close(v, 2.0)) => {
                out.by_weak.push(n.text);
            }
            (Some(_), _) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_words_of_compounds_are_three_letters_or_more() {
        for &(n, role) in EN_WORDS {
            if matches!(role, Word::Unit(2..=12)) {
                assert!(n.len() >= EN_COMPOUND_MIN, "{n}");
            }
        }
    }

    fn values(s: &str) -> Vec<Vec<f64>> {
        let p = Prepared::new(s);
        numbers(&p, &[]).into_iter().map(|n| n.values).collect()
    }

    /// Whether every number of `a` matches one of `b` or is weak: nothing of `a` is reported.
    fn nothing_lone(a: &str, b: &str) -> bool {
        let (pa, pb) = (Prepared::new(a), Prepared::new(b));
        unmatched(&numbers(&pa, &[]), &numbers(&pb, &[]))
            .0
            .strong
            .is_empty()
    }

    fn same(a: &str, b: &str) -> bool {
        let (pa, pb) = (Prepared::new(a), Prepared::new(b));
        let (na, nb) = (numbers(&pa, &[]), numbers(&pb, &[]));
        let (ua, ub) = unmatched(&na, &nb);
        ua.strong.is_empty() && ub.strong.is_empty()
    }

    #[test]
    fn separators_are_read_both_ways() {
        assert_eq!(readings("1,200.5"), [1200.5]);
        assert_eq!(readings("4٬800"), [4800.0]);
        assert_eq!(readings("9٫9"), [9.9]);
        assert_eq!(readings("2,5"), [2.5]);
        assert_eq!(readings("76.000"), [76.0, 76_000.0]);
        assert_eq!(readings("1.234.567"), [1_234_567.0]);
        assert!(readings("5.30").contains(&5.3));
        assert_eq!(values("بلغ ٣٠، ٠٠٠ شخص"), [[30_000.0]]);
        assert_eq!(values("reached 30, 000 people"), [[30_000.0]]);
    }

    #[test]
    fn magnitudes_words_and_suffixes() {
        assert_eq!(
            values("زيادة ١٣٧ ألف برميل و3 مليارات دولار في F-16 ونحو 380 ألفاً"),
            [[137_000.0], [3e9], [380_000.0]]
        );
        assert_eq!(
            values("by 137,000 barrels and $3 billion"),
            [[137_000.0], [3e9]]
        );
        assert_eq!(
            values("a £2.8bn market, $125m deal, 40k fans"),
            [[2.8e9], [1.25e8], [40_000.0]]
        );
        assert_eq!(values("the 100m final"), [[100.0]]);
        assert!(same(
            "the £2.8bn beauty market",
            "سوق التجميل بقيمة 2.8 مليار جنيه إسترليني"
        ));
        assert!(same("76,000 fans", "76.000 مشجع"));
    }

    #[test]
    fn ranges_and_times() {
        assert!(same("aged 27-31", "بين 31-27 عامًا"));
        assert!(same("at 5:30 pm", "في الساعة 5.30 مساءً"));
        assert!(!same("at 5:30 pm", "في الساعة 6.30 مساءً"));
        assert_eq!(values("COVID-19 and G20"), Vec::<Vec<f64>>::new());
        // Glued to an Arabic word, digits lost a space: حوالي200, about 200.
        assert_eq!(values("بلغت قوته حوالي200 مرة"), [[200.0]]);
        assert!(!same("about 280 times", "حوالي200 مرة"));
        assert_eq!(values("in the '60s and the 1990s"), Vec::<Vec<f64>>::new());
    }

    #[test]
    fn a_number_is_quoted_with_its_currency_and_magnitude() {
        let p = Prepared::new("deals worth up to £1.5 million and 40k fans");
        let texts: Vec<&str> = numbers(&p, &[]).into_iter().map(|n| n.text).collect();
        assert_eq!(texts, ["£1.5 million", "40k"]);
        let p = Prepared::new("صفقات تساوي 1.5 جنيه إسترليني و3 مليارات دولار");
        let texts: Vec<&str> = numbers(&p, &[]).into_iter().map(|n| n.text).collect();
        assert_eq!(texts, ["1.5", "3 مليارات"]);
    }

    #[test]
    fn numbers_spelled_out_in_words() {
        assert_eq!(
            values("twenty-five people, three million dollars, a hundred and ten"),
            [[25.0], [3e6], [110.0]]
        );
        assert_eq!(
            values("خمسة وعشرين شخصاً و٣ آلاف وثلاثة آلاف وخمسمائة ومائتين"),
            [[25.0], [3000.0], [3500.0], [200.0]]
        );
        assert_eq!(
            values("اثنا عشر لاعباً وأحد عشر هدفاً وإحدى عشرة مرة وألفين"),
            [[12.0], [11.0], [11.0], [2000.0]]
        );
        // Quoted as written, with the harakat and the hamza.
        let p = Prepared::new("قضى عشرينَ عاماً في أربعةِ بلدان");
        let texts: Vec<&str> = numbers(&p, &[]).into_iter().map(|n| n.text).collect();
        assert_eq!(texts, ["عشرينَ", "أربعةِ"]);
        // عشر after أول "first" is a number, after an ordinal a teen.
        assert_eq!(values("خلال أول عشر سنوات"), [[10.0]]);
    }

    #[test]
    fn words_that_are_no_number() {
        for s in [
            "one of them left",
            "Formula One and the Fantastic Four",
            "two thirds of the voters, a two-thirds majority",
            "خمس السكان",
            "في القرن التاسع عشر",
            "في الحادي عشر من الشهر",
            "للمرة الثانية عشرة",
            "يوم الاثنين وأحد",
            "لست أدري",
            "صوت واحد",
        ] {
            assert_eq!(values(s), Vec::<Vec<f64>>::new(), "{s}");
        }
        // A magnitude alone matches but is never reported.
        assert!(nothing_lone("a million reasons", "لأسباب"));
        assert!(same("a million people", "مليون شخص"));
        // So is "two" alone, which Arabic often says with a dual we do not read.
        assert!(nothing_lone("two wins", "بفوزين"));
    }

    #[test]
    fn duals_and_numbers_with_the_article() {
        assert!(same("two days later", "بعد يومين"));
        assert!(same("two shots", "تسديدتين"));
        assert!(!same("six shots", "تسديدتين"));
        // "Both churches": no number on either side.
        assert_eq!(values("كلتا الكنيستين"), Vec::<Vec<f64>>::new());
        // A masculine dual, or a feminine one before its complement, is a weak 2: it matches
        // "two" but is never reported by itself, being spelled like a plural (اللاعبين, the
        // players).
        assert!(same("in two stores", "في متجرين"));
        assert!(same("two police vans", "سيارتا شرطة"));
        assert!(same("two penalty claims", "ركلتي جزاء"));
        assert!(nothing_lone("one of the players", "أحد اللاعبين"));
        assert!(!same("in six stores", "في متجرين"));
        // No dual: a nisba's plural (المدنيين, civilians), a verb, an ordinal's tens (الرابعة
        // والثلاثين, the thirty-fourth).
        for s in ["المدنيين", "يتحدثين", "الرابعة والثلاثين", "السنة الخمسين"]
        {
            assert_eq!(values(s), Vec::<Vec<f64>>::new(), "{s}");
        }
        assert!(!same("six days later", "بعد يومين"));
        assert!(same("over the last four days", "على مدار الأيام الأربعة"));
        assert!(same("for the four teams", "للفرق الأربعة"));
        assert!(!same("over the last five days", "على مدار الأيام الأربعة"));
        // With the article, only the units and ten: العشرين is "the twentieth".
        assert_eq!(values("القرن العشرين"), Vec::<Vec<f64>>::new());
    }

    #[test]
    fn english_compounds_of_a_number_word_are_weak() {
        // The fourballs, الكرات الأربع: the four balls.
        assert_eq!(values("the morning fourballs"), [[4.0]]);
        assert!(same("the morning fourballs", "الكرات الأربع الصباحية"));
        // Said or not, nothing to report: a tenfold rise is often "a large rise".
        assert!(nothing_lone("a tenfold rise", "زيادة كبيرة"));
        // Words that only begin like a number word.
        for s in ["tenants", "a tense fourth", "tennis", "oneself", "sevens"] {
            assert_eq!(values(s), Vec::<Vec<f64>>::new(), "{s}");
        }
    }

    #[test]
    fn arabic_adjectives_of_so_many_parts_are_weak() {
        assert_eq!(
            values("المجموعة الرباعية وقمة ثلاثية وللثنائي وسداسيات"),
            [[4.0], [3.0], [2.0], [6.0]]
        );
        assert!(nothing_lone("an inspired duo", "الثنائي المُلهَم"));
        for s in ["ثلاثين", "الرابع", "خمسين عاماً", "رباط"] {
            assert!(values(s).iter().all(|v| v != &[4.0] && v != &[3.0]), "{s}");
        }
    }

    #[test]
    fn and_a_half_is_read_in_both_languages() {
        assert_eq!(values("جمعوا مليونين ونصف مليون دولار"), [[2.5e6]]);
        assert_eq!(values("مليون ونصف نسمة"), [[1.5e6]]);
        assert_eq!(values("مليوناً ونصف المليون نسمة"), [[1.5e6]]);
        assert_eq!(values("ثلاثة آلاف ونصف"), [[3500.0]]);
        assert_eq!(values("two and a half million dollars"), [[2.5e6]]);
        assert_eq!(values("three and a half hours"), [[3.5]]);
        assert_eq!(values("قضينا ثلاث سنوات ونصف في بنائه"), [[3.5]]);
        assert_eq!(values("انتظرنا 3 ساعات ونصف"), [[3.5]]);
        assert_eq!(values("2 مليون ونصف"), [[2.5e6]]);
        assert!(same(
            "قضينا ثلاث سنوات ونصف في بنائه",
            "we spent three and a half years building it"
        ));
        assert!(same("انتظرنا 3 ساعات ونصف", "we waited 3.5 hours"));
        assert!(!same("قضينا ثلاث سنوات ونصف", "we spent three years"));
        assert!(same(
            "جمعوا مليونين ونصف مليون دولار",
            "they raised 2.5 million dollars"
        ));
        assert!(same("مليون ونصف نسمة", "one and a half million residents"));
        assert!(!same("مليونين ونصف", "3.5 million"));
    }

    #[test]
    fn arabic_ordinals_of_ages_and_hours_are_numbers_and_ranks_are_not() {
        assert_eq!(values("عندما كنت في الثانية عشرة من عمري"), [[12.0]]);
        assert_eq!(values("امرأة في الخامسة والثلاثين من عمرها"), [[35.0]]);
        assert_eq!(values("طفل في العاشرة من العمر"), [[10.0]]);
        assert_eq!(values("رجل في الحادية والعشرين من عمره"), [[21.0]]);
        assert_eq!(values("الأطفال دون سن الخامسة عشرة"), [[15.0]]);
        let three = values("وصلوا في الساعة الثالثة عصرا");
        assert!(three.len() == 1 && three[0].contains(&3.0) && three[0].contains(&15.0));
        // Ranks, and ordinals without an age or an hour: no number.
        for s in [
            "فاز بلقبه الثالث",
            "في الدقيقة العاشرة",
            "القرن التاسع عشر",
            "للمرة الثانية عشرة",
            "الحادي من عمره",
        ] {
            assert!(values(s).is_empty(), "{s}");
        }
        assert!(same(
            "كنت في الثانية عشرة من عمري",
            "when I was 12 years old"
        ));
        assert!(same(
            "بين منتصف النهار والساعة الرابعة عصراً",
            "between noon and 4 p.m."
        ));
        assert!(same("في الساعة الثالثة", "at 15:00"));
        assert!(same(
            "امرأة في السبعين من عمرها",
            "a woman in her seventies"
        ));
        assert!(!same("رجل في الخامسة والثلاثين من عمره", "a man aged 36"));
        assert!(!same("في الساعة الثالثة", "at 4 p.m."));
    }

    #[test]
    fn numbers_match_numbers_first_and_guesses_match_guesses() {
        // The fourballs and foursomes, الأربع كرات والمجموعة الرباعية: the foursomes are
        // الرباعية, so the four points that became three stay lone.
        let ar = Prepared::new("مباريات الأربع كرات والمجموعة الرباعية ليرفع رصيده إلى أربع نقاط");
        let en = Prepared::new(
            "the fourballs and foursomes matches, to take their tally to three points",
        );
        let (a, e) = (numbers(&ar, &[]), numbers(&en, &[]));
        let (ua, ue) = unmatched(&a, &e);
        assert_eq!((ua.strong, ue.strong), (vec!["أربع"], vec!["three"]));
        let ar = Prepared::new("رفع رصيده إلى أربع نقاط في المجموعة الرباعية");
        let en = Prepared::new("took his tally to three points in the foursomes");
        let (a, e) = (numbers(&ar, &[]), numbers(&en, &[]));
        assert_eq!(unmatched(&a, &e).0.strong, ["أربع"]);
        // "Two" that only a word spelled like a dual matched (المسؤولين, the officials) still
        // stands against a lone number: six officers became two.
        let ar = Prepared::new("وتم علاج ستة ضباط. أولئك المسؤولين");
        let en = Prepared::new("Two members of staff were treated. Those responsible");
        let (a, e) = (numbers(&ar, &[]), numbers(&en, &[]));
        let (ua, ue) = unmatched(&a, &e);
        assert_eq!((ua.strong, ue.by_weak), (vec!["ستة"], vec!["Two"]));
        // A number word takes "two" before a word spelled like a dual does.
        let ar = Prepared::new("بتدريب اثنين من الطيارين المفقودين");
        let en = Prepared::new("had trained two of the missing paragliders");
        assert!(same(ar.src, en.src));
    }

    #[test]
    fn spelled_numbers_match_digits_in_the_other_language() {
        assert!(same("twenty years in Cairo", "20 عاماً في القاهرة"));
        assert!(same("20 years in Cairo", "عشرين عاماً في القاهرة"));
        assert!(same("three million viewers", "3 ملايين مشاهد"));
        assert!(same("12 people", "اثني عشر شخصاً"));
        assert!(!same("30 years in Cairo", "عشرين عاماً في القاهرة"));
        assert!(!same("four million viewers", "3 ملايين مشاهد"));
        assert!(!same("13 people", "اثني عشر شخصاً"));
    }

    #[test]
    fn real_differences_stay_different() {
        assert!(!same("30,000 people", "300 ألف شخص"));
        assert!(!same("45,000 people", "450,000 شخص"));
        assert!(!same("£1.5 million", "1.5 جنيه إسترليني"));
        assert!(!same("2.25 per cent", "2.5 في المئة"));
    }
}
