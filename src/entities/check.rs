//! The translation check: per aligned pair, what does not match across the two sides — a person
//! or place named on each side that the other side does not name, numbers that differ
//! (Arabic-Indic digits, separators and million/مليون normalised), dates that differ.
//!
//! To keep false alarms rare, a mismatch is reported only as a substitution: something on each
//! side with no counterpart on the other. A name or number on one side only (a pronoun or a
//! number written out as a word in the translation) is not reported. Pure: no terminal, no I/O.

use super::dates::DateValue;
use super::text::{Prepared, TokKind};
use crate::document::{Discrepancy, EntityKind, Lang};

/// What the checker needs to know about one side of a pair.
#[derive(Debug, Clone, Default)]
pub struct Side<'a> {
    /// Entities named: (kind, entity index, label).
    pub names: Vec<(EntityKind, usize, &'a str)>,
    /// Dates, with their label.
    pub dates: Vec<(DateValue, &'a str)>,
    /// Numbers outside dates, normalised, with their text.
    pub numbers: Vec<(f64, &'a str)>,
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ar => "Arabic",
        Lang::En => "English",
    }
}

/// Compare the two sides of pair `pair`; append what differs.
pub fn check(pair: usize, ar: &Side, en: &Side, out: &mut Vec<Discrepancy>) {
    for (kind, label) in [(EntityKind::Person, "person"), (EntityKind::Place, "place")] {
        let only = |a: &Side, b: &Side| -> Vec<String> {
            let mut v: Vec<String> = a
                .names
                .iter()
                .filter(|(k, id, _)| *k == kind && !b.names.iter().any(|(_, j, _)| j == id))
                .map(|(_, _, l)| (*l).to_string())
                .collect();
            v.dedup();
            v
        };
        let (a, e) = (only(ar, en), only(en, ar));
        if !a.is_empty() && !e.is_empty() {
            out.push(Discrepancy {
                pair,
                kind: label.into(),
                detail: format!(
                    "the {} names {}, the {} {}",
                    lang_name(Lang::Ar),
                    a.join(", "),
                    lang_name(Lang::En),
                    e.join(", ")
                ),
            });
        }
    }
    // Two dates are compatible when they share a field and no field disagrees; dates in
    // different calendars are not compared.
    let compatible = |x: &DateValue, y: &DateValue| {
        let fields = |d: &DateValue| {
            [
                d.year.map(i64::from),
                d.month.map(i64::from),
                d.day.map(i64::from),
                d.weekday.map(i64::from),
            ]
        };
        if x.relative.is_some() || y.relative.is_some() {
            // Relative dates compare by value (الشهر المقبل against next week); against an
            // absolute date they say nothing.
            let absolute = |d: &DateValue| fields(d).iter().any(Option::is_some);
            return match (absolute(x), absolute(y)) {
                (false, false) => x.relative == y.relative,
                _ => true,
            };
        }
        let (fx, fy) = (fields(x), fields(y));
        let shared = fx.iter().zip(&fy).any(|(a, b)| a.is_some() && b.is_some());
        let clash = fx
            .iter()
            .zip(&fy)
            .any(|(a, b)| a.is_some() && b.is_some() && a != b);
        x.calendar != y.calendar || (shared && !clash)
    };
    let lone_dates = |a: &Side, b: &Side| -> Vec<String> {
        a.dates
            .iter()
            .filter(|(v, _)| !b.dates.iter().any(|(w, _)| compatible(v, w)))
            .map(|(_, t)| (*t).to_string())
            .collect()
    };
    let (a, e) = (lone_dates(ar, en), lone_dates(en, ar));
    if !a.is_empty() && !e.is_empty() {
        out.push(Discrepancy {
            pair,
            kind: "date".into(),
            detail: format!(
                "the Arabic says {}, the English {}",
                a.join(", "),
                e.join(", ")
            ),
        });
    }
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    let lone_numbers = |a: &Side, b: &Side| -> Vec<String> {
        let mut pool: Vec<f64> = b.numbers.iter().map(|n| n.0).collect();
        let mut out = Vec::new();
        for (v, t) in &a.numbers {
            if let Some(i) = pool.iter().position(|w| close(*v, *w)) {
                pool.swap_remove(i);
            } else {
                out.push((*t).to_string());
            }
        }
        out
    };
    let (a, e) = (lone_numbers(ar, en), lone_numbers(en, ar));
    if !a.is_empty() && !e.is_empty() {
        out.push(Discrepancy {
            pair,
            kind: "number".into(),
            detail: format!(
                "the Arabic has {}, the English {}",
                a.join(", "),
                e.join(", ")
            ),
        });
    }
}

// Folded forms, with the accusative (ألفاً → الفا) of the Arabic.
const THOUSAND: &[&str] = &["thousand", "الف", "الفا", "الاف"];
const MILLION: &[&str] = &["million", "millions", "مليون", "مليونا", "ملايين"];
const BILLION: &[&str] = &["billion", "billions", "مليار", "مليارا", "مليارات", "بليون"];

/// Numbers written in digits in a paragraph, outside the given folded byte ranges (dates).
pub fn numbers<'a>(p: &'a Prepared, skip: &[(usize, usize)]) -> Vec<(f64, &'a str)> {
    let mut out = Vec::new();
    for (i, t) in p.toks.iter().enumerate() {
        if t.kind != TokKind::Number || skip.iter().any(|&(s, e)| s < t.end && t.start < e) {
            continue;
        }
        // Part of a code or a name (F-16, COVID-19, G20): glued to a word or a hyphen.
        let glued_before = !t.spaced
            && i > 0
            && p.toks.get(i - 1).is_some_and(|b| {
                (b.kind == TokKind::Word && !matches!(p.tok(i - 1), "و" | "ف" | "ب" | "ل" | "ك"))
                    || (p.tok(i - 1) == "-" && !b.spaced)
            });
        if glued_before {
            continue;
        }
        let Some(mut v) = parse_number(p.tok(i)) else {
            continue;
        };
        let next = p.tok(i + 1);
        let next = next
            .strip_prefix('و')
            .filter(|r| r.len() > 2)
            .unwrap_or(next);
        if THOUSAND.contains(&next) {
            v *= 1e3;
        } else if MILLION.contains(&next) {
            v *= 1e6;
        } else if BILLION.contains(&next) {
            v *= 1e9;
        }
        out.push((v, p.tok(i)));
    }
    out
}

/// Parse `1,200.5`, `9.9`, `٩٫٩` (already folded to ASCII digits), `4٬500`.
pub fn parse_number(s: &str) -> Option<f64> {
    if !s.contains([',', '٬', '٫']) {
        return s.parse().ok();
    }
    let mut clean = String::with_capacity(s.len());
    let groups: Vec<&str> = s.split([',', '٬']).collect();
    let thousands = groups.len() > 1
        && groups
            .iter()
            .skip(1)
            .all(|g| g.split(['.', '٫']).next().is_some_and(|d| d.len() == 3));
    for (k, g) in groups.iter().enumerate() {
        if k > 0 && !thousands {
            clean.push('.');
        }
        clean.push_str(&g.replace('٫', "."));
    }
    clean.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(parse_number("1,200.5"), Some(1200.5));
        assert_eq!(parse_number("4٬800"), Some(4800.0));
        assert_eq!(parse_number("9٫9"), Some(9.9));
        assert_eq!(parse_number("2,5"), Some(2.5));
        let p = Prepared::new("زيادة ١٣٧ ألف برميل و3 مليارات دولار في F-16 ونحو 380 ألفاً");
        let v: Vec<f64> = numbers(&p, &[]).iter().map(|n| n.0).collect();
        assert_eq!(v, [137_000.0, 3e9, 380_000.0]);
        let p = Prepared::new("by 137,000 barrels and $3 billion");
        let v: Vec<f64> = numbers(&p, &[]).iter().map(|n| n.0).collect();
        assert_eq!(v, [137_000.0, 3e9]);
    }

    #[test]
    fn substitutions_are_flagged_omissions_are_not() {
        let num = |v: &[f64]| Side {
            numbers: v.iter().map(|&x| (x, "n")).collect(),
            ..Side::default()
        };
        let mut out = Vec::new();
        check(0, &num(&[2.25, 48.0]), &num(&[2.5, 48.0]), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, "number");
        out.clear();
        check(1, &num(&[48.0, 3.0]), &num(&[48.0]), &mut out);
        assert!(out.is_empty());
        let names = |v: &[(usize, &'static str)]| Side {
            names: v.iter().map(|&(i, l)| (EntityKind::Person, i, l)).collect(),
            ..Side::default()
        };
        check(
            2,
            &names(&[(1, "ترمب"), (2, "لي")]),
            &names(&[(1, "Trump"), (3, "Yoon")]),
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].detail.contains("Yoon"), "{}", out[0].detail);
    }
}
