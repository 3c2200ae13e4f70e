//! Planted errors: a faithful English paragraph changed in one place (a number, a year, a month,
//! a person, a place, or a person added), deterministically from a seed, to measure how many
//! real translation errors the check finds (`bitext-eval-align`).
//!
//! The people and places replaced are those the detector finds in the paragraph (so the figure
//! measures linking and the check, given detection); the numbers, years and months are found by
//! their own plain patterns. Pure: text in, text out.

use crate::document::EntityKind;
use std::ops::Range;

/// What kind of error is planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlantKind {
    /// A number written in digits changes one digit (45,000 → 48,000) or its magnitude.
    Number,
    /// A year (1900–2099) moves by one to three years.
    Year,
    /// An English month name becomes another month.
    Month,
    /// A person's name becomes another person's.
    Person,
    /// A place name becomes another place's.
    Place,
    /// A person named on the English side only (an addition the translator should see).
    Addition,
    /// A number spelled out in English (two to ninety) becomes another of its kind: "three
    /// days" → "seven days".
    Spelled,
}

impl PlantKind {
    /// Every kind, in the order they are tried.
    pub const ALL: [PlantKind; 7] = [
        PlantKind::Number,
        PlantKind::Year,
        PlantKind::Month,
        PlantKind::Person,
        PlantKind::Place,
        PlantKind::Addition,
        PlantKind::Spelled,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            PlantKind::Number => "number",
            PlantKind::Year => "year",
            PlantKind::Month => "month",
            PlantKind::Person => "person",
            PlantKind::Place => "place",
            PlantKind::Addition => "addition",
            PlantKind::Spelled => "spelled number",
        }
    }
}

/// One planted error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// What was changed.
    pub kind: PlantKind,
    /// The text replaced (empty for an addition).
    pub from: String,
    /// The text put in its place.
    pub to: String,
    /// The whole changed paragraph.
    pub text: String,
}

/// Given names and family names of replacement people, from many languages, none of them in the
/// development articles; combined, they make 64 people, so a copy rarely names one twice.
const GIVEN: &[&str] = &[
    "Ingrid", "Tomasz", "Akira", "Olumide", "Priya", "Mateus", "Svetlana", "Hamid",
];
const FAMILY: &[&str] = &[
    "Halvorsen",
    "Wieczorek",
    "Nakamura",
    "Bankole",
    "Raghunathan",
    "Carvalho",
    "Morozova",
    "Karimi",
];

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        GIVEN[rng.below(GIVEN.len())],
        FAMILY[rng.below(FAMILY.len())]
    )
}

/// Replacement places.
const PLACES: &[&str] = &[
    "Nairobi",
    "Montevideo",
    "Tbilisi",
    "Winnipeg",
    "Manila",
    "Reykjavik",
    "Lusaka",
    "Hanoi",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A small deterministic generator (`SplitMix64`), so that a seed names one set of errors.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Runs of digits with their inner separators (`45,000`, `2.8`), as byte ranges.
fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || (matches!(b[i], b',' | b'.')
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            // Not part of a code (F-16, COVID-19, 3D).
            let glued = b.get(i).is_some_and(u8::is_ascii_alphabetic)
                || (start > 0 && b[start - 1] == b'-');
            if !glued {
                out.push(start..i);
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y))
}

/// Month names used as months: capitalised, and "May" only before a day or a year or after "in".
fn month_spans(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    for (m, name) in MONTHS.iter().enumerate() {
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            let before_ok = text
                .get(..at)
                .is_none_or(|s| !s.ends_with(|c: char| c.is_alphanumeric()));
            let after = text.get(end..).unwrap_or("");
            let after_ok = !after.starts_with(|c: char| c.is_alphanumeric());
            let may_ok = *name != "May"
                || after.trim_start().starts_with(|c: char| c.is_ascii_digit())
                || text.get(..at).is_some_and(|s| s.ends_with("in "));
            if before_ok && after_ok && may_ok {
                out.push((at..end, m));
            }
        }
    }
    out.sort_by_key(|s| s.0.start);
    out
}

/// English number words by kind: units, teens, tens. A spelled number changes within its kind.
const SPELLED: [&[&str]; 3] = [
    &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ],
    &[
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ],
    &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ],
];

/// Words of `SPELLED` used as numbers in `text` (in any case, as whole words), with their
/// kind and index: not a fraction (two-thirds) and not in a capitalised name (World War Two).
fn spelled_words(text: &str) -> Vec<(Range<usize>, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut previous_cap = false;
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        let lower = w.to_ascii_lowercase();
        let end = at + w.len();
        let after = text.get(end..).unwrap_or("");
        let fraction = after
            .trim_start_matches([' ', '-'])
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|n| n.starts_with("third") || n.starts_with("quarter") || n == "half");
        let cap = w.starts_with(|c: char| c.is_ascii_uppercase());
        for (kind, list) in SPELLED.iter().enumerate() {
            if let Some(i) = list.iter().position(|x| *x == lower)
                && !fraction
                && !(cap && previous_cap)
            {
                out.push((at..end, kind, i));
            }
        }
        if !w.is_empty() {
            previous_cap = cap;
        }
        at = end + after.chars().next().map_or(0, char::len_utf8);
    }
    out
}

fn replace(text: &str, r: &Range<usize>, with: &str) -> String {
    let mut s = String::with_capacity(text.len() + with.len());
    s.push_str(text.get(..r.start).unwrap_or(""));
    s.push_str(with);
    s.push_str(text.get(r.end..).unwrap_or(""));
    s
}

/// Change one digit of a number, or its magnitude (a zero added), never its first digit to 0.
fn change_number(n: &str, rng: &mut Rng) -> String {
    let digits: Vec<usize> = n
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    if rng.below(3) == 0 {
        // 45,000 → 450,000: the magnitude, as a careless translation gets it wrong.
        let first = digits.first().copied().unwrap_or(0);
        let mut s = n.to_string();
        s.insert(first + 1, '0');
        if n.contains(',') && !n.contains('.') {
            let plain: String = s.chars().filter(char::is_ascii_digit).collect();
            return group_thousands(&plain);
        }
        return s;
    }
    let k = digits.get(rng.below(digits.len())).copied().unwrap_or(0);
    let old = n.as_bytes().get(k).map_or(0, |b| b - b'0');
    let mut new = (old + 1 + rng.below(8) as u8) % 10;
    if k == digits.first().copied().unwrap_or(0) && new == 0 && digits.len() > 1 {
        new = 1 + old % 9;
    }
    let mut s = n.to_string();
    s.replace_range(k..=k, &char::from(b'0' + new).to_string());
    s
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Plant one error of `kind` into `text`, given the detector's English spans (byte ranges with
/// kinds); `None` if the paragraph has nothing of that kind to change.
pub fn plant(
    text: &str,
    kind: PlantKind,
    spans: &[(Range<usize>, EntityKind)],
    rng: &mut Rng,
) -> Option<Planted> {
    let (range, to) = match kind {
        PlantKind::Number | PlantKind::Year => {
            let runs: Vec<Range<usize>> = digit_runs(text)
                .into_iter()
                .filter(|r| is_year(text.get(r.clone()).unwrap_or("")) == (kind == PlantKind::Year))
                .filter(|r| !(kind == PlantKind::Number && text.get(r.clone()) == Some("0")))
                .collect();
            let r = runs.get(rng.below(runs.len()))?.clone();
            let n = text.get(r.clone())?;
            let to = if kind == PlantKind::Year {
                let y: i64 = n.parse().ok()?;
                let d = 1 + rng.below(3) as i64;
                (if rng.below(2) == 0 { y + d } else { y - d }).to_string()
            } else {
                change_number(n, rng)
            };
            (r, to)
        }
        PlantKind::Spelled => {
            let words = spelled_words(text);
            let (r, kind, i) = words.get(rng.below(words.len()))?.clone();
            let list = SPELLED[kind];
            let new = list[(i + 1 + rng.below(list.len() - 1)) % list.len()];
            let was_cap = text
                .get(r.clone())?
                .starts_with(|c: char| c.is_ascii_uppercase());
            let to = if was_cap {
                let mut c = new.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_ascii_uppercase().to_string() + c.as_str()
                })
            } else {
                new.to_string()
            };
            (r, to)
        }
        PlantKind::Month => {
            let months = month_spans(text);
            let (r, m) = months.get(rng.below(months.len()))?.clone();
            (r, MONTHS[(m + 1 + rng.below(10)) % 12].to_string())
        }
        PlantKind::Person | PlantKind::Place => {
            let want = if kind == PlantKind::Person {
                EntityKind::Person
            } else {
                EntityKind::Place
            };
            let cands: Vec<&Range<usize>> = spans
                .iter()
                .filter(|(_, k)| *k == want)
                .map(|(r, _)| r)
                .collect();
            let r = (*cands.get(rng.below(cands.len()))?).clone();
            let to = if kind == PlantKind::Person {
                person(rng)
            } else {
                PLACES[rng.below(PLACES.len())].to_string()
            };
            (r, to)
        }
        PlantKind::Addition => {
            let who = person(rng);
            let end = text.trim_end().len();
            let sep = if text.trim_end().ends_with(['.', '!', '?', '"', '\u{201D}']) {
                " "
            } else {
                ". "
            };
            let to = format!("{sep}Prime Minister {who} was also present.");
            (end..end, to)
        }
    };
    let from = text.get(range.clone())?.to_string();
    Some(Planted {
        kind,
        text: replace(text, &range, &to),
        from,
        to: to.trim_start_matches(['.', ' ']).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_years_and_months_are_found_and_changed() {
        let t = "In May 2019 the F-16 fleet grew by 45,000 hours, said COVID-19 experts on 3 June.";
        let runs: Vec<&str> = digit_runs(t)
            .iter()
            .map(|r| t.get(r.clone()).unwrap())
            .collect();
        assert_eq!(runs, ["2019", "45,000", "3"]);
        let mut rng = Rng::new(7);
        for _ in 0..20 {
            let p = plant(t, PlantKind::Number, &[], &mut rng).unwrap();
            assert_ne!(p.from, p.to);
            assert!(p.from == "45,000" || p.from == "3", "{p:?}");
            let y = plant(t, PlantKind::Year, &[], &mut rng).unwrap();
            assert_eq!(y.from, "2019");
            assert_ne!(y.to, "2019");
            let m = plant(t, PlantKind::Month, &[], &mut rng).unwrap();
            assert!(m.from == "May" || m.from == "June");
            assert_ne!(m.from, m.to);
        }
        assert!(month_spans("You may go. They May be").is_empty());
    }

    #[test]
    fn names_come_from_the_spans_and_additions_append() {
        let t = "Nell Scovell spoke in Paris";
        let spans = [(0..12, EntityKind::Person), (22..27, EntityKind::Place)];
        let mut rng = Rng::new(1);
        let p = plant(t, PlantKind::Person, &spans, &mut rng).unwrap();
        assert_eq!(p.from, "Nell Scovell");
        assert!(p.text.ends_with(" spoke in Paris"));
        let q = plant(t, PlantKind::Place, &spans, &mut rng).unwrap();
        assert_eq!(q.from, "Paris");
        let a = plant(t, PlantKind::Addition, &spans, &mut rng).unwrap();
        assert!(
            a.text
                .starts_with("Nell Scovell spoke in Paris. Prime Minister ")
        );
        assert!(plant("no names", PlantKind::Person, &[], &mut rng).is_none());
    }

    #[test]
    fn spelled_numbers_change_within_their_kind() {
        let t = "Three men spent forty days, and thirteen hours; two-thirds left in World War Two.";
        let found: Vec<&str> = spelled_words(t)
            .iter()
            .map(|(r, _, _)| t.get(r.clone()).unwrap())
            .collect();
        assert_eq!(found, ["Three", "forty", "thirteen"]);
        let mut rng = Rng::new(5);
        for _ in 0..30 {
            let p = plant(t, PlantKind::Spelled, &[], &mut rng).unwrap();
            assert_ne!(p.from.to_ascii_lowercase(), p.to.to_ascii_lowercase());
            let kind = |w: &str| {
                SPELLED
                    .iter()
                    .position(|l| l.contains(&w.to_ascii_lowercase().as_str()))
            };
            assert_eq!(kind(&p.from), kind(&p.to), "{p:?}");
            assert_eq!(
                p.from.starts_with(char::is_uppercase),
                p.to.starts_with(char::is_uppercase)
            );
        }
        assert!(plant("no numbers, one of them", PlantKind::Spelled, &[], &mut rng).is_none());
    }

    #[test]
    fn the_seed_decides() {
        let t = "Sales rose 12,345 units in 2020.";
        let a = plant(t, PlantKind::Number, &[], &mut Rng::new(3));
        let b = plant(t, PlantKind::Number, &[], &mut Rng::new(3));
        assert_eq!(a, b);
    }
}
