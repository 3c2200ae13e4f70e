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

use super::text::{Prepared, TokKind};

/// A number found in a paragraph, with its possible values.
#[derive(Debug, Clone, PartialEq)]
pub struct Num<'a> {
    /// Its readings (one for most numbers).
    pub values: Vec<f64>,
    /// Its text, as folded.
    pub text: &'a str,
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

/// Numbers written in digits in a paragraph, outside the given folded byte ranges (dates).
///
/// Digits glued to a word or after a word and a hyphen are part of a code or a name (F-16,
/// COVID-19, G20) and are left out; the ends of a range (`27-31`) are two numbers.
pub fn numbers<'a>(p: &'a Prepared, skip: &[(usize, usize)]) -> Vec<Num<'a>> {
    let mut out: Vec<Num<'a>> = Vec::new();
    let toks = &p.toks;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let k = i;
        i += 1;
        if t.kind != TokKind::Number || skip.iter().any(|&(s, e)| s < t.end && t.start < e) {
            continue;
        }
        let word_before = |j: usize| {
            toks.get(j).is_some_and(|b| {
                b.kind == TokKind::Word && !matches!(p.tok(j), "و" | "ف" | "ب" | "ل" | "ك")
            })
        };
        let glued_to_word = !t.spaced && k > 0 && word_before(k - 1);
        let after_code_hyphen = !t.spaced
            && k >= 2
            && p.tok(k - 1) == "-"
            && toks.get(k - 1).is_some_and(|h| !h.spaced)
            && word_before(k - 2);
        if glued_to_word || after_code_hyphen {
            continue;
        }
        let mut text = p.tok(k);
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
            text = p.slice(t.start, g.end);
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
            text = p.slice(t.start, m.end);
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
                text = p.slice(t.start, n.end);
            }
        }
        // And the currency sign before them (£1.5 million).
        if currency && let Some(c) = toks.get(k - 1) {
            text = p.slice(c.start, t.start + text.len());
        }
        if !values.is_empty() {
            out.push(Num { values, text });
        }
    }
    out
}

/// The numbers of `a` that match none of `b` (each number of `b` used once).
pub fn lone<'a>(a: &[Num<'a>], b: &[Num]) -> Vec<&'a str> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    for n in a {
        let hit = b
            .iter()
            .enumerate()
            .find(|(j, m)| !used[*j] && n.matches(m))
            .map(|(j, _)| j);
        match hit {
            Some(j) => used[j] = true,
            None => out.push(n.text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<Vec<f64>> {
        let p = Prepared::new(s);
        numbers(&p, &[]).into_iter().map(|n| n.values).collect()
    }

    fn same(a: &str, b: &str) -> bool {
        let (pa, pb) = (Prepared::new(a), Prepared::new(b));
        let (na, nb) = (numbers(&pa, &[]), numbers(&pb, &[]));
        lone(&na, &nb).is_empty() && lone(&nb, &na).is_empty()
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
    fn real_differences_stay_different() {
        assert!(!same("30,000 people", "300 ألف شخص"));
        assert!(!same("45,000 people", "450,000 شخص"));
        assert!(!same("£1.5 million", "1.5 جنيه إسترليني"));
        assert!(!same("2.25 per cent", "2.5 في المئة"));
    }
}
