//! conlleval-style scoring: a chunk counts only with exact start, end and class; precision,
//! recall and F1 per class and overall, and an error breakdown.

use super::bilou::{Class, Span};
use super::conll::Sentence;
use std::fmt::Write as _;

/// Counts of one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Exact matches.
    pub tp: usize,
    /// Predicted chunks with no exact gold match.
    pub fp: usize,
    /// Gold chunks with no exact predicted match.
    pub fn_: usize,
    /// Of the misses and false alarms: same class, overlapping, different boundaries.
    pub boundary: usize,
    /// Same span, other class (counted on the gold side).
    pub wrong_class: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        crate::entities::eval::f1(self.precision(), self.recall())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores per class.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Per class, in [`Class::ALL`] order.
    pub classes: [Counts; 4],
}

impl Scores {
    /// Add one sentence: gold and predicted chunks.
    pub fn add(&mut self, gold: &[Span], pred: &[Span]) {
        for g in gold {
            let c = &mut self.classes[g.class as usize];
            if pred.contains(g) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
                if pred
                    .iter()
                    .any(|p| p.start == g.start && p.end == g.end && p.class != g.class)
                {
                    c.wrong_class += 1;
                } else if pred
                    .iter()
                    .any(|p| p.class == g.class && p.start < g.end && g.start < p.end)
                {
                    c.boundary += 1;
                }
            }
        }
        for p in pred {
            if !gold.contains(p) {
                self.classes[p.class as usize].fp += 1;
            }
        }
    }

    /// One class.
    pub fn class(&self, c: Class) -> Counts {
        self.classes[c as usize]
    }

    /// All classes together (micro average).
    pub fn overall(&self) -> Counts {
        let mut t = Counts::default();
        for c in &self.classes {
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
            t.boundary += c.boundary;
            t.wrong_class += c.wrong_class;
        }
        t
    }

    /// A table: class, P, R, F1 (in percent), counts and the error breakdown.
    pub fn report(&self) -> String {
        let mut s = String::from(
            "class   P      R      F1     (tp/fp/fn)  misses: boundary, wrong class\n",
        );
        let rows = Class::ALL
            .iter()
            .map(|&c| (c.name(), self.class(c)))
            .chain(std::iter::once(("all", self.overall())));
        for (name, c) in rows {
            let _ = writeln!(
                s,
                "{name:<6} {:>6.2} {:>6.2} {:>6.2}  ({}/{}/{})  {}, {}",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.tp,
                c.fp,
                c.fn_,
                c.boundary,
                c.wrong_class
            );
        }
        s
    }
}

/// What a reader needs to see of one sentence's errors in `classes`: each gold chunk the model
/// missed (`miss PER «tokens»`, with what it found over those tokens instead) and each chunk it
/// predicted that the gold lacks (`false LOC «tokens»`), then the sentence with its gold chunks
/// in [brackets]. Empty when the sentence has none.
pub fn notes(sent: &Sentence, pred: &[Span], classes: &[Class]) -> String {
    let words = |sp: &Span| sent.tokens.get(sp.start..sp.end).unwrap_or(&[]).join(" ");
    let mut out = String::new();
    for g in sent.spans.iter().filter(|g| classes.contains(&g.class)) {
        if pred.contains(g) {
            continue;
        }
        let _ = write!(out, "miss {} «{}»", g.class.name(), words(g));
        for p in pred.iter().filter(|p| p.start < g.end && g.start < p.end) {
            let _ = write!(out, " (found {} «{}»)", p.class.name(), words(p));
        }
        out.push('\n');
    }
    for p in pred.iter().filter(|p| classes.contains(&p.class)) {
        if !sent.spans.contains(p) {
            let _ = writeln!(out, "false {} «{}»", p.class.name(), words(p));
        }
    }
    if out.is_empty() {
        return out;
    }
    out.push_str("   ");
    for (i, t) in sent.tokens.iter().enumerate() {
        out.push(' ');
        if sent.spans.iter().any(|g| g.start == i) {
            out.push('[');
        }
        out.push_str(t);
        if sent.spans.iter().any(|g| g.end == i + 1) {
            out.push(']');
        }
    }
    out.push_str("\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, class: Class) -> Span {
        Span { start, end, class }
    }

    #[test]
    fn only_exact_chunks_count() {
        let mut s = Scores::default();
        let gold = [
            sp(0, 2, Class::Per),
            sp(3, 4, Class::Loc),
            sp(5, 6, Class::Org),
        ];
        let pred = [
            sp(0, 2, Class::Per),
            sp(3, 5, Class::Loc),
            sp(5, 6, Class::Loc),
        ];
        s.add(&gold, &pred);
        let per = s.class(Class::Per);
        assert_eq!((per.tp, per.fp, per.fn_), (1, 0, 0));
        let loc = s.class(Class::Loc);
        assert_eq!((loc.tp, loc.fp, loc.fn_, loc.boundary), (0, 2, 1, 1));
        let org = s.class(Class::Org);
        assert_eq!((org.fn_, org.wrong_class), (1, 1));
        assert!((s.overall().f1() - 2.0 / 6.0).abs() < 1e-9);
    }
}
