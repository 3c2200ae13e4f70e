//! Date expressions in Arabic and English: months of every Arabic regional family (doubled
//! forms like حزيران/يونيو included), Hijri months and years, weekdays, years, day-month-year in
//! either order, and relative dates (الشهر الماضي, earlier this year). Durations are not dates.
//!
//! Works on [`Prepared`] paragraphs; returns spans in folded bytes with a normalised value, so
//! the two languages link by value, not by string. Pure: no terminal, no I/O.

// The detectors are single passes over tokens, in the order a reader of the grammar expects;
// token scanners index with i, j, k over tokens and a, b for span ends.
#![allow(clippy::many_single_char_names, clippy::too_many_lines)]

use super::gazetteer::{GazKind, Gazetteer, Hit};
use super::text::{
    Prepared, TokKind, WordSet, ar_ordinal, is_proclitic, proclitic_splits, strip_to,
};

/// Which calendar a date is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Calendar {
    /// Gregorian.
    #[default]
    Gregorian,
    /// Hijri (Islamic lunar).
    Hijri,
}

/// A unit of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelUnit {
    /// A day (yesterday, today, tomorrow).
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// Spring.
    Spring,
    /// Summer.
    Summer,
    /// Autumn.
    Autumn,
    /// Winter.
    Winter,
}

/// The normalised value of a date expression; equal values name the same date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DateValue {
    /// Calendar of `year`, `month` and `day`.
    pub calendar: Calendar,
    /// Year, when given.
    pub year: Option<i32>,
    /// Month 1–12, when given.
    pub month: Option<u8>,
    /// Day of month, when given.
    pub day: Option<u8>,
    /// Weekday, 1 = Monday … 7 = Sunday, when given.
    pub weekday: Option<u8>,
    /// A relative date: unit and offset (−1 last, 0 this, +1 next).
    pub relative: Option<(RelUnit, i8)>,
}

impl DateValue {
    /// A short label for the sidebar when no surface form is better (`2019-11`, `last month`).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((u, o)) = self.relative {
            let unit = match u {
                RelUnit::Day => "day",
                RelUnit::Week => "week",
                RelUnit::Month => "month",
                RelUnit::Year => "year",
                RelUnit::Spring => "spring",
                RelUnit::Summer => "summer",
                RelUnit::Autumn => "autumn",
                RelUnit::Winter => "winter",
            };
            let when = match o {
                -1 => "last",
                0 => "this",
                _ => "next",
            };
            parts.push(format!("{when} {unit}"));
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if let Some(m) = self.month {
            parts.push(format!("month {m}"));
        }
        if let Some(d) = self.day {
            parts.push(format!("day {d}"));
        }
        if let Some(w) = self.weekday {
            parts.push(format!("weekday {w}"));
        }
        if self.calendar == Calendar::Hijri {
            parts.push("AH".into());
        }
        parts.join(" ")
    }
}

/// A date found in a paragraph: folded byte range and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// The value.
    pub value: DateValue,
}

const AR_REL_UNITS: &[(&str, RelUnit)] = &[
    ("الشهر", RelUnit::Month),
    ("الاسبوع", RelUnit::Week),
    ("العام", RelUnit::Year),
    ("السنه", RelUnit::Year),
    ("الصيف", RelUnit::Summer),
    ("الشتاء", RelUnit::Winter),
    ("الربيع", RelUnit::Spring),
    ("الخريف", RelUnit::Autumn),
];
const AR_REL_MODS: &[(&str, i8)] = &[
    ("الماضي", -1),
    ("الماضيه", -1),
    ("المنصرم", -1),
    ("المنصرمه", -1),
    ("الفائت", -1),
    ("الفائته", -1),
    ("السابق", -1),
    ("المقبل", 1),
    ("المقبله", 1),
    ("القادم", 1),
    ("القادمه", 1),
    ("الحالي", 0),
    ("الحاليه", 0),
    ("الجاري", 0),
    ("الجاريه", 0),
];
const AR_PARTS: &[&str] = &["مطلع", "اوائل", "اواخر", "منتصف", "اواسط"];
/// Words before an ambiguous month name (ماي، آب، May) that make it a month.
const AR_MONTH_INTRO: &[&str] = &[
    "في", "منذ", "بين", "حتي", "قبل", "بعد", "خلال", "مطلع", "شهر",
];
const AR_ERA: &[&str] = &["هـ", "ه", "هجري", "هجريه", "م", "ميلادي", "ميلاديه"];
const AR_YEAR_CUES: &[&str] = &["عام", "العام", "سنه", "السنه", "عامي"];
const AR_WEEKDAY_CUE: &[&str] = &["يوم"];
const AR_SIMPLE_REL: &[(&str, RelUnit, i8)] = &[
    ("امس", RelUnit::Day, -1),
    ("البارحه", RelUnit::Day, -1),
    ("غدا", RelUnit::Day, 1),
];
const EN_REL_UNITS: &[(&str, RelUnit)] = &[
    ("week", RelUnit::Week),
    ("weekend", RelUnit::Week),
    ("month", RelUnit::Month),
    ("year", RelUnit::Year),
    ("summer", RelUnit::Summer),
    ("winter", RelUnit::Winter),
    ("spring", RelUnit::Spring),
    ("autumn", RelUnit::Autumn),
    ("fall", RelUnit::Autumn),
];
const EN_REL_MODS: &[(&str, i8)] = &[
    ("last", -1),
    ("past", -1),
    ("previous", -1),
    ("next", 1),
    ("coming", 1),
    ("upcoming", 1),
    ("this", 0),
];
const EN_PARTS: &[&str] = &["early", "earlier", "late", "later", "mid"];
const EN_SIMPLE_REL: &[(&str, RelUnit, i8)] = &[
    ("yesterday", RelUnit::Day, -1),
    ("tomorrow", RelUnit::Day, 1),
];
/// Words after a 4-digit number that make it a quantity, not a year (folded; units, currencies
/// and counted nouns of both languages).
static COUNT_WORDS: WordSet = WordSet::file(include_str!("../../assets/words/count-words.txt"));

fn number_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
        return None;
    }
    s.parse().ok()
}

fn weekday_number(id: &str) -> Option<u8> {
    Some(match id {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// A calendar name found by the gazetteer, before extension into a full expression.
#[derive(Debug, Clone, Copy)]
struct Seed {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    value: DateValue,
    needs_context: bool,
}

fn seeds(p: &Prepared, g: &Gazetteer, hits: &[Hit], arabic: bool) -> Vec<Seed> {
    let mut out: Vec<Seed> = Vec::new();
    for h in hits {
        let Some(e) = h.entries.iter().filter_map(|&i| g.entry(i)).find(|e| {
            matches!(
                e.kind,
                GazKind::Month | GazKind::HijriMonth | GazKind::Weekday
            )
        }) else {
            continue;
        };
        // Boundaries: the hit must end a word, and start one (after a proclitic in Arabic).
        let Some(last) = p.tok_containing(h.end.saturating_sub(1)) else {
            continue;
        };
        let Some(first) = p.tok_containing(h.start) else {
            continue;
        };
        let (Some(ft), Some(lt)) = (p.toks.get(first), p.toks.get(last)) else {
            continue;
        };
        if lt.end != h.end {
            continue;
        }
        if arabic {
            let prefix = p.slice(ft.start, h.start);
            if !is_proclitic(prefix, p.slice(h.start, h.end).starts_with("ال")) {
                continue;
            }
        } else if ft.start != h.start || !p.cap_at(h.start) {
            continue;
        }
        let mut value = DateValue::default();
        let mut needs_context = false;
        match e.kind {
            GazKind::Weekday => value.weekday = weekday_number(&e.id),
            GazKind::HijriMonth => {
                value.calendar = Calendar::Hijri;
                value.month = e.month_number();
                // صفر is also "zero"; Safar/Rajab/Shaban are names too.
                needs_context = matches!(p.slice(h.start, h.end), "صفر" | "رجب" | "شعبان")
                    || (!arabic && e.id != "9");
            }
            _ => {
                value.month = e.month_number();
                let s = p.slice(h.start, h.end);
                // آب folds to اب ("father"); جوان, June in the Maghreb, is also Joan or Juan
                // (جوان ريان, Joan Ryan); May and the short forms are common words.
                needs_context =
                    matches!(s, "اب" | "ماي" | "جوان" | "may" | "mar") || (!arabic && s.len() <= 3);
            }
        }
        let seed = Seed {
            first,
            last,
            start: h.start,
            end: h.end,
            value,
            needs_context,
        };
        // Keep the longest seed per start (كانون الثاني over a shorter overlapping hit).
        if let Some(prev) = out
            .iter_mut()
            .find(|s| s.start < seed.end && seed.start < s.end)
        {
            if seed.end - seed.start > prev.end - prev.start {
                *prev = seed;
            }
        } else {
            out.push(seed);
        }
    }
    out
}

/// Find every date expression in an Arabic paragraph.
pub fn find_ar(p: &Prepared, g: &Gazetteer) -> Vec<DateSpan> {
    find_ar_in(p, g, &g.hits_ar(&p.folded.text))
}

/// [`find_ar`] with the paragraph's gazetteer hits already computed.
pub fn find_ar_in(p: &Prepared, g: &Gazetteer, hits: &[Hit]) -> Vec<DateSpan> {
    let mut out = Vec::new();
    let n = p.toks.len();
    let mut used = vec![false; n];
    for s in seeds(p, g, hits, true) {
        let mut value = s.value;
        let (mut first, mut last) = (s.first, s.last);
        let mut start = s.start;
        let mut context = !s.needs_context;
        if s.value.weekday.is_some() {
            // يوم الاثنين: the cue is part of the expression.
            if first > 0 && strip_to(p.tok(first - 1), AR_WEEKDAY_CUE).is_some() {
                first -= 1;
                start = strip_start(p, first, AR_WEEKDAY_CUE);
            }
            // يوم الثلاثاء المقبل
            if AR_REL_MODS.iter().any(|(m, _)| *m == p.tok(last + 1)) {
                last += 1;
            }
            push(&mut out, &mut used, p, first, last, start, value);
            continue;
        }
        // Doubled month: حزيران/يونيو, حزيران (يونيو), حزيران - يونيو.
        let mut j = last + 1;
        if matches!(p.tok(j), "/" | "(" | "-" | "،" | "|") {
            let close = p.tok(j) == "(";
            if let Some(next) = seeds_at(p, g, j + 1) {
                last = next;
                context = true;
                if close && p.tok(last + 1) == ")" {
                    last += 1;
                }
                j = last + 1;
            }
        }
        // Day before: 15 رمضان, 3 حزيران, 30 من سبتمبر; or in words: الأول من أكتوبر, الحادي
        // والعشرين من مايو.
        let of = first >= 2 && p.tok(first - 1) == "من";
        let free = |k: usize| !used.get(k..first).is_some_and(|u| u.iter().any(|&x| x));
        if first > 0
            && let Some(d) = number_value(p.tok(first - 1))
            && (1..=31).contains(&d)
        {
            first -= 1;
            start = p.toks.get(first).map_or(start, |t| t.start);
            value.day = Some(d as u8);
            context = true;
        } else if of
            && let Some(d) = number_value(p.tok(first - 2))
            && (1..=31).contains(&d)
            && free(first - 2)
        {
            first -= 2;
            start = p.toks.get(first).map_or(start, |t| t.start);
            value.day = Some(d as u8);
            context = true;
        } else if of
            && let Some((k, d)) = arabic_ordinal_day(p, first - 2)
            && free(k)
        {
            first = k;
            start = p.toks.get(k).map_or(start, |t| t.start);
            value.day = Some(d);
            context = true;
        }
        // Year after, with an optional era.
        if let Some(y) = number_value(p.tok(j))
            && (100..=2200).contains(&y)
        {
            value.year = Some(y as i32);
            last = j;
            context = true;
            if strip_to(p.tok(j + 1), AR_ERA).is_some() {
                last = j + 1;
                if matches!(p.tok(j + 1), "هـ" | "ه" | "هجري" | "هجريه") {
                    value.calendar = Calendar::Hijri;
                }
            }
        } else if AR_REL_MODS.iter().any(|(m, _)| *m == p.tok(j)) {
            last = j;
            context = true;
        }
        if first > 0 && strip_to(p.tok(first - 1), AR_MONTH_INTRO).is_some() {
            context = true;
        }
        // Part of month before: أوائل حزيران; or the cue شهر.
        if first > 0 {
            let prev = p.tok(first - 1);
            if let Some(k) = strip_to(prev, AR_PARTS).or_else(|| strip_to(prev, &["شهر"])) {
                first -= 1;
                start = p.toks.get(first).map_or(start, |t| t.start + k);
                context = true;
            }
        }
        if context {
            push(&mut out, &mut used, p, first, last, start, value);
        }
    }
    // Years: عام 2019, 1445 هـ, and bare years.
    for i in 0..n {
        if used.get(i).copied().unwrap_or(true)
            || p.toks.get(i).map(|t| t.kind) != Some(TokKind::Number)
        {
            continue;
        }
        let Some(y) = number_value(p.tok(i)) else {
            continue;
        };
        let era =
            strip_to(p.tok(i + 1), AR_ERA).is_some() && p.toks.get(i + 1).is_some_and(|t| t.spaced);
        let hijri = era && matches!(p.tok(i + 1), "هـ" | "ه" | "هجري" | "هجريه");
        let cue = i > 0 && strip_to(p.tok(i - 1), AR_YEAR_CUES).is_some();
        let plausible = if hijri {
            (1200..=1600).contains(&y)
        } else {
            (1900..=2100).contains(&y)
                || (cue && (1000..=2200).contains(&y))
                || (era && (1000..=2200).contains(&y))
        };
        if !plausible
            || COUNT_WORDS.contains(p.tok(i + 1))
            || i.checked_sub(1).is_some_and(|k| p.tok(k) == "$")
        {
            continue;
        }
        let mut value = DateValue {
            year: Some(y as i32),
            ..DateValue::default()
        };
        if hijri {
            value.calendar = Calendar::Hijri;
        }
        let (mut first, mut start) = (i, p.toks.get(i).map_or(0, |t| t.start));
        if cue {
            first = i - 1;
            start = strip_start(p, first, AR_YEAR_CUES);
        }
        if first > 0
            && let Some(k) = strip_to(p.tok(first - 1), AR_PARTS)
            && !used.get(first - 1).copied().unwrap_or(true)
        {
            first -= 1;
            start = p.toks.get(first).map_or(start, |t| t.start + k);
        }
        let last = if era { i + 1 } else { i };
        push(&mut out, &mut used, p, first, last, start, value);
    }
    // Decades: الثمانينيات, تسعينات القرن الماضي, عشرينيات القرن الحالي (the 1990s is year
    // 1990 in English too).
    for i in 0..n {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Some((cut, tens)) = arabic_decade(p.tok(i)) else {
            continue;
        };
        let mut last = i;
        let mut century = 1900;
        if p.tok(i + 1) == "القرن" {
            match (p.tok(i + 2), p.tok(i + 3)) {
                ("الماضي" | "العشرين" | "المنصرم", _) => last = i + 2,
                ("الحالي" | "الجاري", _) => (last, century) = (i + 2, 2000),
                ("الحادي", "والعشرين") => (last, century) = (i + 3, 2000),
                ("التاسع", "عشر") => (last, century) = (i + 3, 1800),
                _ => {}
            }
        }
        let mut first = i;
        let mut start = p.toks.get(i).map_or(0, |t| t.start + cut);
        if i > 0
            && let Some(k) = strip_to(p.tok(i - 1), AR_PARTS)
            && !used.get(i - 1).copied().unwrap_or(true)
        {
            first = i - 1;
            start = p.toks.get(first).map_or(start, |t| t.start + k);
        }
        let value = DateValue {
            year: Some(century + 10 * tens),
            ..DateValue::default()
        };
        push(&mut out, &mut used, p, first, last, start, value);
    }
    // Relative: الشهر الماضي, مطلع هذا العام, أمس.
    for i in 0..n {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let w = p.tok(i);
        let mut found: Option<(usize, usize, usize, DateValue)> = None;
        if let Some(k) = strip_to(w, AR_REL_UNITS)
            && let Some(&(_, unit)) = AR_REL_UNITS.iter().find(|x| Some(x.0) == w.get(k..))
            && let Some(&(_, off)) = AR_REL_MODS.iter().find(|x| x.0 == p.tok(i + 1))
        {
            let start = p.toks.get(i).map_or(0, |t| t.start + k);
            found = Some((i, i + 1, start, rel(unit, off)));
        } else if let Some(k) = strip_to(w, &["هذا", "هذه"])
            && let Some(&(_, unit)) = AR_REL_UNITS.iter().find(|x| x.0 == p.tok(i + 1))
        {
            let start = p.toks.get(i).map_or(0, |t| t.start + k);
            found = Some((i, i + 1, start, rel(unit, 0)));
        } else if let Some(k) = strip_to(w, AR_SIMPLE_REL)
            && let Some(&(_, unit, off)) = AR_SIMPLE_REL.iter().find(|x| Some(x.0) == w.get(k..))
        {
            let start = p.toks.get(i).map_or(0, |t| t.start + k);
            // أول أمس: the day before yesterday.
            if i > 0 && p.tok(i - 1) == "اول" && off == -1 {
                let s = p.toks.get(i - 1).map_or(start, |t| t.start);
                found = Some((i - 1, i, s, rel(unit, -2)));
            } else {
                found = Some((i, i, start, rel(unit, off)));
            }
        }
        if let Some((mut first, last, mut start, value)) = found {
            if first > 0
                && let Some(k) = strip_to(p.tok(first - 1), AR_PARTS)
                && !used.get(first - 1).copied().unwrap_or(true)
            {
                first -= 1;
                start = p.toks.get(first).map_or(start, |t| t.start + k);
            }
            push(&mut out, &mut used, p, first, last, start, value);
        }
    }
    finish(p, out)
}

/// A day of the month written as an Arabic ordinal whose last word is token `end` (الأول,
/// الحادي عشر, الخامس والعشرين): the token it starts at and the day.
fn arabic_ordinal_day(p: &Prepared, end: usize) -> Option<(usize, u8)> {
    [end.checked_sub(1), Some(end)]
        .into_iter()
        .flatten()
        .find_map(|k| match ar_ordinal(p, k) {
            // Without a proclitic: the span starts at the article.
            Some((d @ 1..=31, last)) if last == end && p.tok(k).starts_with("ال") => {
                Some((k, d as u8))
            }
            _ => None,
        })
}

/// A folded Arabic word naming a decade (الثمانينيات, وتسعينات, بالعشرينيات): the length of its
/// proclitics and the decade's tens (8 for the eighties).
fn arabic_decade(word: &str) -> Option<(usize, i32)> {
    const TENS: [&str; 8] = [
        "عشرين",
        "ثلاثين",
        "اربعين",
        "خمسين",
        "ستين",
        "سبعين",
        "ثمانين",
        "تسعين",
    ];
    proclitic_splits(word).find_map(|(cut, stem)| {
        let bare = stem.strip_prefix("ال").unwrap_or(stem);
        let tens = bare
            .strip_suffix("يات")
            .or_else(|| bare.strip_suffix("ات"))?;
        let k = TENS.iter().position(|t| *t == tens)?;
        Some((cut, k as i32 + 2))
    })
}

/// Find every date expression in an English paragraph.
pub fn find_en(p: &Prepared, g: &Gazetteer) -> Vec<DateSpan> {
    find_en_in(p, g, &g.hits_en(&p.folded.text))
}

/// [`find_en`] with the paragraph's gazetteer hits already computed.
pub fn find_en_in(p: &Prepared, g: &Gazetteer, hits: &[Hit]) -> Vec<DateSpan> {
    let mut out = Vec::new();
    let n = p.toks.len();
    let mut used = vec![false; n];
    for s in seeds(p, g, hits, false) {
        let mut value = s.value;
        let (mut first, mut last) = (s.first, s.last);
        let mut context = !s.needs_context;
        if value.weekday.is_some() {
            // next Tuesday, last Friday
            let mut start = s.start;
            if first > 0 && EN_REL_MODS.iter().any(|m| m.0 == p.tok(first - 1)) {
                first -= 1;
                start = p.toks.get(first).map_or(start, |t| t.start);
            }
            push(&mut out, &mut used, p, first, last, start, value);
            continue;
        }
        // Abbreviation with a full stop: Sept. 5
        if p.tok(last + 1) == "."
            && s.end - s.start <= 4
            && !matches!(p.slice(s.start, s.end), "may" | "june" | "july")
            && p.toks.get(last + 1).is_some_and(|t| !t.spaced)
        {
            last += 1;
            context = true;
        }
        // Day after (March 15, March 15th) or before (15 March).
        let mut j = last + 1;
        if let Some(d) = number_value(p.tok(j))
            && (1..=31).contains(&d)
            && !COUNT_WORDS.contains(p.tok(j + 1))
        {
            value.day = Some(d as u8);
            last = j;
            context = true;
            if matches!(p.tok(j + 1), "st" | "nd" | "rd" | "th") {
                last = j + 1;
            }
            j = last + 1;
            if p.tok(j) == "," && number_value(p.tok(j + 1)).is_some_and(|y| y >= 1000) {
                j += 1;
            }
        } else if let Some((k, d)) = english_day_before(p, first) {
            value.day = Some(d);
            first = k;
            context = true;
        }
        // A year: four digits, or fewer with an era (March 44 BC); "September 209" is none.
        let era = matches!(p.tok(j + 1), "ah" | "ad" | "ce" | "bc") && p.is_acronym(j + 1);
        if let Some(y) = number_value(p.tok(j))
            && ((1000..=2200).contains(&y) || (era && (100..1000).contains(&y)))
        {
            value.year = Some(y as i32);
            last = j;
            context = true;
            if era {
                last = j + 1;
                if p.tok(j + 1) == "ah" {
                    value.calendar = Calendar::Hijri;
                }
            }
        }
        // next November, last August, early March, mid-June.
        if first > 0 {
            let prev = p.tok(first - 1);
            if EN_REL_MODS.iter().any(|m| m.0 == prev) || EN_PARTS.contains(&prev) {
                first -= 1;
                context = true;
            } else if prev == "-" && first > 1 && EN_PARTS.contains(&p.tok(first - 2)) {
                first -= 2;
                context = true;
            } else if matches!(
                prev,
                "in" | "since" | "until" | "by" | "of" | "from" | "during" | "between" | "and"
            ) {
                context = true;
            }
        }
        if context {
            let start = p.toks.get(first).map_or(s.start, |t| t.start);
            push(&mut out, &mut used, p, first, last, start, value);
        }
    }
    for i in 0..n {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let w = p.tok(i);
        // Years and decades: 2019, 1445 AH, the 1990s.
        if p.toks.get(i).map(|t| t.kind) == Some(TokKind::Number) {
            let Some(y) = number_value(w) else {
                continue;
            };
            let era = matches!(p.tok(i + 1), "ah" | "ad" | "ce") && p.is_acronym(i + 1);
            let decade = p.tok(i + 1) == "s" && p.toks.get(i + 1).is_some_and(|t| !t.spaced);
            let plausible = (1900..=2100).contains(&y) || (era && (600..=2200).contains(&y));
            if !plausible
                || COUNT_WORDS.contains(p.tok(i + 1))
                || (i > 0 && matches!(p.tok(i - 1), "$" | "€" | "£"))
            {
                continue;
            }
            let mut value = DateValue {
                year: Some(y as i32),
                ..DateValue::default()
            };
            if era && p.tok(i + 1) == "ah" {
                value.calendar = Calendar::Hijri;
            }
            let last = if era || decade { i + 1 } else { i };
            let mut first = i;
            if i > 0 && matches!(p.tok(i - 1), "early" | "late" | "mid") {
                first = i - 1;
            } else if i > 1 && p.tok(i - 1) == "-" && p.tok(i - 2) == "mid" {
                first = i - 2;
            }
            let start = p.toks.get(first).map_or(0, |t| t.start);
            push(&mut out, &mut used, p, first, last, start, value);
            // A range with the second year cut to its last two digits: 1950-53.
            let joined = |k: usize| p.toks.get(k).is_some_and(|t| !t.spaced);
            if !era
                && !decade
                && matches!(p.tok(i + 1), "-" | "–")
                && joined(i + 1)
                && joined(i + 2)
                && p.tok(i + 2).len() == 2
                && let Some(yy) = number_value(p.tok(i + 2))
                && yy > y % 100
            {
                let value = DateValue {
                    year: Some((y - y % 100 + yy) as i32),
                    ..DateValue::default()
                };
                let start = p.toks.get(i + 2).map_or(0, |t| t.start);
                push(&mut out, &mut used, p, i + 2, i + 2, start, value);
            }
            continue;
        }
        if let Some(&(_, unit, off)) = EN_SIMPLE_REL.iter().find(|x| x.0 == w) {
            let start = p.toks.get(i).map_or(0, |t| t.start);
            push(&mut out, &mut used, p, i, i, start, rel(unit, off));
            continue;
        }
        // last month, next week, earlier this year, late last year.
        let (mut first, mut k) = (i, i);
        if EN_PARTS.contains(&w) {
            k = i + 1;
        }
        if let Some(&(_, off)) = EN_REL_MODS.iter().find(|x| x.0 == p.tok(k))
            && let Some(&(_, unit)) = EN_REL_UNITS.iter().find(|x| x.0 == p.tok(k + 1))
        {
            if k == i && i > 0 && EN_PARTS.contains(&p.tok(i - 1)) {
                first = i - 1;
            }
            let start = p.toks.get(first).map_or(0, |t| t.start);
            push(&mut out, &mut used, p, first, k + 1, start, rel(unit, off));
        }
    }
    finish(p, out)
}

/// A day of the month before the month at token `month`: 15 March, 15th March, the 15th of
/// March, the fifteenth of March, the twenty-first of March (a word ordinal only after "the"
/// and before "of": "second March", "a third of March" are no dates). Its first token and the
/// day.
fn english_day_before(p: &Prepared, month: usize) -> Option<(usize, u8)> {
    const ORDINALS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let of = month > 0 && p.tok(month - 1) == "of";
    let j = month.checked_sub(usize::from(of))?;
    let day = |d: u32| u8::try_from(d).ok().filter(|d| (1..=31).contains(d));
    let joined = |k: usize| p.toks.get(k).is_some_and(|t| !t.spaced);
    // 15th: the digits and their suffix, one word.
    if j >= 2 && matches!(p.tok(j - 1), "st" | "nd" | "rd" | "th") && joined(j - 1) {
        return Some((j - 2, day(number_value(p.tok(j - 2))?)?));
    }
    let before = j.checked_sub(1)?;
    if !of {
        return Some((before, day(number_value(p.tok(before))?)?));
    }
    let word = p.tok(before);
    let (at, d) = match word {
        "twentieth" => (before, 20),
        "thirtieth" => (before, 30),
        _ => {
            let unit = ORDINALS.iter().position(|&o| o == word)? as u32 + 1;
            // twenty-first, thirty-first.
            let tens_at = j.checked_sub(3);
            let tens = match (tens_at.map(|k| p.tok(k)), tens_at.map(|k| p.tok(k + 1))) {
                (Some("twenty"), Some("-")) if unit < 10 => 20,
                (Some("thirty"), Some("-")) if unit < 2 => 30,
                _ => 0,
            };
            match tens_at {
                Some(k) if tens > 0 => (k, tens + unit),
                _ => (before, unit),
            }
        }
    };
    // "a third of March's rain" is a fraction.
    (at > 0 && p.tok(at - 1) == "the").then_some(())?;
    Some((at, day(d)?))
}

fn rel(unit: RelUnit, off: i8) -> DateValue {
    DateValue {
        relative: Some((unit, off)),
        ..DateValue::default()
    }
}

/// Start byte of token `i` after stripping the proclitics before one of `words`.
fn strip_start(p: &Prepared, i: usize, words: &[&str]) -> usize {
    let t = p.toks.get(i).map_or(0, |t| t.start);
    t + strip_to(p.tok(i), words).unwrap_or(0)
}

/// The last token of a month name starting at token `i` (for doubled months).
fn seeds_at(p: &Prepared, g: &Gazetteer, i: usize) -> Option<usize> {
    let t = p.toks.get(i)?;
    // Try one- and two-word month names starting here.
    for last in [i + 1, i] {
        let Some(lt) = p.toks.get(last) else {
            continue;
        };
        let name = p.slice(t.start, lt.end);
        let entries = g.lookup_ar(name);
        let entries = if entries.is_empty() {
            g.lookup_en(name)
        } else {
            entries
        };
        if entries
            .iter()
            .filter_map(|&e| g.entry(e))
            .any(|e| matches!(e.kind, GazKind::Month | GazKind::HijriMonth))
        {
            return Some(last);
        }
    }
    None
}

fn push(
    out: &mut Vec<DateSpan>,
    used: &mut [bool],
    p: &Prepared,
    first: usize,
    last: usize,
    start: usize,
    value: DateValue,
) {
    if (first..=last).any(|i| used.get(i).copied().unwrap_or(true)) {
        return;
    }
    let Some(end) = p.toks.get(last).map(|t| t.end) else {
        return;
    };
    for u in used.iter_mut().take(last + 1).skip(first) {
        *u = true;
    }
    out.push(DateSpan { start, end, value });
}

/// Sort, and join a weekday with the date right after it (الأحد 15 جوان, Tuesday 23 September).
fn finish(p: &Prepared, mut out: Vec<DateSpan>) -> Vec<DateSpan> {
    out.sort_by_key(|d| (d.start, d.end));
    let mut merged: Vec<DateSpan> = Vec::with_capacity(out.len());
    for d in out {
        if let Some(prev) = merged.last_mut() {
            let between = p.slice(prev.end, d.start);
            let only_weekday = prev.value.weekday.is_some()
                && prev.value.month.is_none()
                && prev.value.year.is_none();
            if only_weekday
                && d.value.weekday.is_none()
                && (d.value.day.is_some() || d.value.month.is_some())
                && between
                    .chars()
                    .all(|c| c.is_whitespace() || c == ',' || c == '،')
                && between.chars().count() <= 2
            {
                prev.end = d.end;
                let w = prev.value.weekday;
                prev.value = d.value;
                prev.value.weekday = w;
                continue;
            }
        }
        merged.push(d);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(text: &str) -> Vec<String> {
        let p = Prepared::new(text);
        find_ar(&p, Gazetteer::get())
            .iter()
            .map(|d| {
                text.get(p.folded.source_range(text, d.start, d.end))
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    fn en(text: &str) -> Vec<String> {
        let p = Prepared::new(text);
        find_en(&p, Gazetteer::get())
            .iter()
            .map(|d| {
                text.get(p.folded.source_range(text, d.start, d.end))
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn arabic_months_of_every_family_doubled_and_with_years() {
        assert_eq!(ar("في حزيران/يونيو 2019 قال"), ["حزيران/يونيو 2019"]);
        assert_eq!(ar("خلال نوفمبر القادم."), ["نوفمبر القادم"]);
        assert_eq!(ar("منذ جانفي الماضي وفي 3 غشت"), ["جانفي الماضي", "3 غشت"]);
        assert_eq!(ar("في 15 رمضان 1445 هـ"), ["15 رمضان 1445 هـ"]);
        assert_eq!(ar("وفي أيلول (سبتمبر) الماضي"), ["أيلول (سبتمبر) الماضي"]);
        assert_eq!(ar("في تشرين الأول"), ["تشرين الأول"]);
    }

    #[test]
    fn arabic_years_relatives_and_weekdays() {
        assert_eq!(ar("لقاء عام 2019 في"), ["عام 2019"]);
        assert_eq!(ar("ولقاء 2019 غير"), ["2019"]);
        assert_eq!(
            ar("الشهر الماضي ومطلع هذا العام"),
            ["الشهر الماضي", "مطلع هذا العام"]
        );
        assert_eq!(ar("وصل يوم الاثنين"), ["يوم الاثنين"]);
        assert_eq!(ar("خلال أقل من 48 ساعة"), Vec::<String>::new());
        assert_eq!(ar("قُتل 2000 شخص"), Vec::<String>::new());
        // A measure (the bundled sample: 2,000 megawatts).
        assert_eq!(ar("بين الشبكتين إلى 2000 ميغاواط."), Vec::<String>::new());
        assert_eq!(en("rose to 2000 megawatts"), Vec::<String>::new());
    }

    #[test]
    fn arabic_ambiguous_month_names_need_context() {
        assert_eq!(ar("قال الأب إن"), Vec::<String>::new());
        assert_eq!(ar("في آب 2020"), ["آب 2020"]);
        assert_eq!(ar("رقم صفر"), Vec::<String>::new());
        assert_eq!(
            ar("تلقت زميلتي جوان ريان معاملة مماثلة"),
            Vec::<String>::new()
        );
        assert_eq!(ar("في جوان الماضي"), ["جوان الماضي"]);
        assert_eq!(ar("الأحد 15 جوان 2018"), ["الأحد 15 جوان 2018"]);
    }

    #[test]
    fn arabic_ordinal_days() {
        assert_eq!(ar("في الأول من أكتوبر"), ["الأول من أكتوبر"]);
        assert_eq!(
            ar("منذ الحادي والعشرين من آب 2020"),
            ["الحادي والعشرين من آب 2020"]
        );
        assert_eq!(ar("في الثاني عشر من مارس"), ["الثاني عشر من مارس"]);
        assert_eq!(ar("سجل 247 الموافق 30 من سبتمبر."), ["30 من سبتمبر"]);
        let p = Prepared::new("منذ الحادي والعشرين من آب 2020");
        let d = find_ar(&p, Gazetteer::get());
        assert_eq!(
            (d[0].value.day, d[0].value.month, d[0].value.year),
            (Some(21), Some(8), Some(2020))
        );
        // Not before a month: the first of the ministers.
        assert_eq!(ar("الأول من الوزراء"), Vec::<String>::new());
    }

    #[test]
    fn arabic_decades() {
        assert_eq!(
            ar("في الثمانينيات ومطلع التسعينات"),
            ["الثمانينيات", "مطلع التسعينات"]
        );
        assert_eq!(ar("منذ ستينيات القرن الماضي"), ["ستينيات القرن الماضي"]);
        assert_eq!(
            ar("في عشرينيات القرن الحادي والعشرين"),
            ["عشرينيات القرن الحادي والعشرين"]
        );
        // Tens that are no decade: ثمانين "eighty", الثمانيني "the eighty-year-old".
        assert_eq!(ar("ثمانين شخصا والثمانيني"), Vec::<String>::new());
    }

    #[test]
    fn english_dates() {
        assert_eq!(en("during the upcoming November."), ["upcoming November"]);
        assert_eq!(en("at the White House last August."), ["last August"]);
        assert_eq!(
            en("on March 15, 2019 and in 2020"),
            ["March 15, 2019", "2020"]
        );
        assert_eq!(en("Kim earlier this year said"), ["earlier this year"]);
        assert_eq!(en("parliament last month: I"), ["last month"]);
        assert_eq!(en("in less than 48 hours"), Vec::<String>::new());
        assert_eq!(
            en("on 15 Ramadan 1445 AH, on Monday"),
            ["15 Ramadan 1445 AH", "Monday"]
        );
        assert_eq!(en("She May go"), Vec::<String>::new());
        // The day before the month, British and spoken.
        assert_eq!(en("on 5th March 2019"), ["5th March 2019"]);
        assert_eq!(en("on the 3rd of March, we"), ["3rd of March"]);
        assert_eq!(en("on the third of March"), ["third of March"]);
        assert_eq!(en("on the twenty-first of June"), ["twenty-first of June"]);
        assert_eq!(en("the second March on Washington"), ["March"]);
        assert_eq!(en("a third of March's rain"), ["March"]);
        // A month at the start of the text, after "of" or an ordinal alone: nothing before it.
        for t in [
            "March 5",
            "of March",
            "first of March",
            "3rd March",
            "- first of March",
        ] {
            assert!(!en(t).is_empty(), "{t}");
        }
        assert_eq!(en("in the 1990s"), ["1990s"]);
        assert_eq!(en("the 1950-53 Korean War"), ["1950", "53"]);
        assert_eq!(en("the 2019-18 season"), ["2019"]);
        // A number after a month that can be neither its day nor a year is neither.
        assert_eq!(
            en("in Birmingham, Britain, September 209, 2018."),
            ["September", "2018"]
        );
    }
}
