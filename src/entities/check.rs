//! The translation check: per aligned pair, what does not match across the two sides — a person
//! or place named on each side that the other side does not name, numbers that differ
//! (Arabic-Indic digits, separators and million/مليون normalised), dates that differ.
//!
//! To keep false alarms rare, a mismatch is reported only as a substitution: something on each
//! side with no counterpart on the other. A name or number on one side only (a pronoun or a
//! number written out as a word in the translation) is not reported. Pure: no terminal, no I/O.

use super::dates::DateValue;
use super::numbers::{Num, lone};
use crate::document::{Discrepancy, EntityKind, Lang};

/// What the checker needs to know about one side of a pair.
#[derive(Debug, Clone, Default)]
pub struct Side<'a> {
    /// Entities named: (kind, entity index, label).
    pub names: Vec<(EntityKind, usize, &'a str)>,
    /// Dates, with their label.
    pub dates: Vec<(DateValue, &'a str)>,
    /// Numbers outside dates, as values.
    pub numbers: Vec<Num<'a>>,
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
    let (a, e) = (lone(&ar.numbers, &en.numbers), lone(&en.numbers, &ar.numbers));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutions_are_flagged_omissions_are_not() {
        let num = |v: &[f64]| Side {
            numbers: v
                .iter()
                .map(|&x| Num {
                    values: vec![x],
                    text: "n",
                })
                .collect(),
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
