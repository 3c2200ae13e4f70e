//! Evaluation against annotated articles (`tests/eval/*.txt`): parsing the `[[KIND id|text]]`
//! markup and `%% discrepancy` headers, building the plain 1-1 aligned document, and scoring
//! detection (P/R/F1 per language and kind), linking and the translation check.
//!
//! Pure: text in, numbers out. The `bitext-eval` binary reads the files.

use crate::document::{Document, EntityKind, Lang, Pair, Paragraph, Paragraphs, Side};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// A malformed evaluation article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EvalError {
    /// The markup is broken at the given line.
    #[error("line {line}: {what}")]
    Markup {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// The two languages do not have the same number of paragraphs.
    #[error("{ar} Arabic paragraphs but {en} English ones")]
    Counts {
        /// Arabic paragraphs.
        ar: usize,
        /// English paragraphs.
        en: usize,
    },
}

/// One gold mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// Language.
    pub lang: Lang,
    /// Paragraph index within the language.
    pub paragraph: usize,
    /// Start in chars of the plain paragraph.
    pub start: usize,
    /// End in chars.
    pub end: usize,
    /// Kind.
    pub kind: EntityKind,
    /// The annotation id (the same on both sides for one entity).
    pub id: String,
}

/// A parsed evaluation article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Its topic header, if any.
    pub topic: Option<String>,
    /// Plain Arabic paragraphs.
    pub ar: Vec<String>,
    /// Plain English paragraphs.
    pub en: Vec<String>,
    /// Every gold mention (organisations excluded).
    pub mentions: Vec<GoldMention>,
    /// Planted discrepancies: (pair, kind).
    pub discrepancies: Vec<(usize, String)>,
}

/// Parse an annotated article.
pub fn parse(text: &str) -> Result<Article, EvalError> {
    let mut topic = None;
    let mut discrepancies = Vec::new();
    let mut blocks: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    let mut started = false;
    for (n, line) in text.lines().enumerate() {
        if let Some(h) = line.strip_prefix("%% ") {
            if let Some(t) = h.strip_prefix("topic:") {
                topic = Some(t.trim().to_string());
            } else if let Some(d) = h.strip_prefix("discrepancy ") {
                let (head, _) = d.split_once(':').unwrap_or((d, ""));
                let mut it = head.split_whitespace();
                let (Some(p), Some(k)) = (it.next().and_then(|p| p.parse().ok()), it.next()) else {
                    return Err(EvalError::Markup {
                        line: n + 1,
                        what: "bad discrepancy header".into(),
                    });
                };
                discrepancies.push((p, k.to_string()));
            }
            continue;
        }
        if line.trim().is_empty() {
            if started && blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            continue;
        }
        started = true;
        if let Some(b) = blocks.last_mut() {
            b.push((n + 1, line));
        }
    }
    blocks.retain(|b| !b.is_empty());
    let empty = Vec::new();
    let ar_lines = blocks.first().unwrap_or(&empty);
    let en_lines = blocks.get(1).unwrap_or(&empty);
    if ar_lines.len() != en_lines.len() {
        return Err(EvalError::Counts {
            ar: ar_lines.len(),
            en: en_lines.len(),
        });
    }
    let mut mentions = Vec::new();
    let mut side = |lang: Lang, lines: &[(usize, &str)]| -> Result<Vec<String>, EvalError> {
        let mut out = Vec::new();
        for (pi, &(n, line)) in lines.iter().enumerate() {
            let (plain, ms) = strip(line).map_err(|what| EvalError::Markup { line: n, what })?;
            for (start, end, kind, id) in ms {
                if let Some(kind) = kind {
                    mentions.push(GoldMention {
                        lang,
                        paragraph: pi,
                        start,
                        end,
                        kind,
                        id,
                    });
                }
            }
            out.push(plain);
        }
        Ok(out)
    };
    let ar = side(Lang::Ar, ar_lines)?;
    let en = side(Lang::En, en_lines)?;
    Ok(Article {
        topic,
        ar,
        en,
        mentions,
        discrepancies,
    })
}

type Marked = (usize, usize, Option<EntityKind>, String);

/// Remove the markup of one line: plain text and (start, end, kind, id) in chars.
fn strip(line: &str) -> Result<(String, Vec<Marked>), String> {
    let mut plain = String::with_capacity(line.len());
    let mut chars = 0usize;
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("[[") {
        let before = rest.get(..i).unwrap_or("");
        plain.push_str(before);
        chars += before.chars().count();
        let inner = rest.get(i + 2..).unwrap_or("");
        let close = inner.find("]]").ok_or("unclosed [[")?;
        let body = inner.get(..close).unwrap_or("");
        let (head, surface) = body.split_once('|').ok_or("no | in markup")?;
        let (kind, id) = head.split_once(' ').ok_or("no id in markup")?;
        let kind = match kind {
            "PER" => Some(EntityKind::Person),
            "LOC" => Some(EntityKind::Place),
            "DATE" => Some(EntityKind::Date),
            "ORG" => None,
            k => return Err(format!("unknown kind {k}")),
        };
        let n = surface.chars().count();
        out.push((chars, chars + n, kind, id.trim().to_string()));
        plain.push_str(surface);
        chars += n;
        rest = inner.get(close + 2..).unwrap_or("");
    }
    plain.push_str(rest);
    Ok((plain, out))
}

/// Whether a line reads as a heading: short, without final punctuation.
pub fn looks_like_heading(line: &str) -> bool {
    let t = line.trim_end();
    let words = t.split_whitespace().count();
    words > 0
        && words <= 12
        && !t.ends_with(['.', '!', '?', '؟', ':', '»', '"', '”', '،', ',', ')', '…'])
}

/// The plain article as a document aligned 1-1.
pub fn document(a: &Article) -> Document {
    let para = |t: &String, i: usize| Paragraph {
        text: t.clone(),
        heading: looks_like_heading(t),
        line: crate::document::narrow(i + 1),
        source: 0,
    };
    Document {
        paragraphs: Paragraphs {
            ar: a.ar.iter().enumerate().map(|(i, t)| para(t, i)).collect(),
            en: a.en.iter().enumerate().map(|(i, t)| para(t, i)).collect(),
        },
        pairs: (0..a.ar.len().min(a.en.len()))
            .map(|i| Pair {
                ar: Side::one(i),
                en: Side::one(i),
                score: 1.0,
            })
            .collect(),
        ..Document::default()
    }
}

/// True/false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct.
    pub tp: usize,
    /// Predicted but not gold.
    pub fp: usize,
    /// Gold but not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean of a precision and a recall (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores over one or more articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Mention detection per (language, kind), exact spans.
    pub mentions: BTreeMap<(Lang, EntityKind), Counts>,
    /// Gold entities present on both sides.
    pub bilingual: usize,
    /// Of those, how many ended up as one predicted entity.
    pub linked: usize,
    /// Planted discrepancies against reported ones, by pair and kind.
    pub discrepancies: Counts,
    /// Aligned pairs looked at.
    pub pairs: usize,
    /// Human-readable misses and false alarms, for tuning.
    pub notes: Vec<String>,
}

impl Score {
    /// Add another article's score.
    pub fn add(&mut self, o: &Score) {
        for (k, c) in &o.mentions {
            self.mentions.entry(*k).or_default().add(*c);
        }
        self.bilingual += o.bilingual;
        self.linked += o.linked;
        self.discrepancies.add(o.discrepancies);
        self.pairs += o.pairs;
        self.notes.extend(o.notes.iter().cloned());
    }

    /// Share of bilingual entities linked into one.
    pub fn link_accuracy(&self) -> f64 {
        ratio(self.linked, self.bilingual)
    }

    /// False alarms per aligned pair.
    pub fn false_alarm_rate(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.discrepancies.fp as f64 / self.pairs as f64
        }
    }

    /// The report the evaluation command prints.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "lang kind        P      R      F1     (tp/fp/fn)");
        for ((lang, kind), c) in &self.mentions {
            let _ = writeln!(
                s,
                "{:<4} {:<9} {:.3}  {:.3}  {:.3}  ({}/{}/{})",
                lang.code(),
                format!("{kind:?}").to_lowercase(),
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        let _ = writeln!(
            s,
            "linking: {}/{} bilingual entities linked ({:.3})",
            self.linked,
            self.bilingual,
            self.link_accuracy()
        );
        let d = self.discrepancies;
        let _ = writeln!(
            s,
            "discrepancies: P {:.3} R {:.3} ({} found of {} planted, {} false alarms over {} pairs = {:.3}/pair)",
            d.precision(),
            d.recall(),
            d.tp,
            d.tp + d.fn_,
            d.fp,
            self.pairs,
            self.false_alarm_rate()
        );
        s
    }
}

/// Score an annotated document (after [`crate::entities::annotate`]) against its article.
#[allow(clippy::too_many_lines)] // one pass in the order of the algorithm
pub fn score(a: &Article, doc: &Document, name: &str) -> Score {
    let mut sc = Score {
        pairs: doc.pairs.len(),
        ..Score::default()
    };
    // Predicted mentions: (lang, paragraph, start, end, kind, entity).
    let mut pred = Vec::new();
    for (ei, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Organization {
            continue;
        }
        for m in &e.mentions {
            pred.push((
                m.lang,
                m.paragraph,
                m.start,
                m.end,
                e.kind,
                ei,
                m.text.clone(),
            ));
        }
    }
    for lang in Lang::BOTH {
        for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Date] {
            let gold: HashSet<(usize, usize, usize)> = a
                .mentions
                .iter()
                .filter(|m| m.lang == lang && m.kind == kind)
                .map(|m| (m.paragraph, m.start, m.end))
                .collect();
            let got: HashSet<(usize, usize, usize)> = pred
                .iter()
                .filter(|p| p.0 == lang && p.4 == kind)
                .map(|p| (p.1, p.2, p.3))
                .collect();
            let c = Counts {
                tp: gold.intersection(&got).count(),
                fp: got.difference(&gold).count(),
                fn_: gold.difference(&got).count(),
            };
            let text = |p: usize, s: usize, e: usize| {
                let t = match lang {
                    Lang::Ar => a.ar.get(p),
                    Lang::En => a.en.get(p),
                };
                t.map(|t| t.chars().skip(s).take(e - s).collect::<String>())
                    .unwrap_or_default()
            };
            let mut miss: Vec<_> = gold.difference(&got).collect();
            miss.sort_unstable();
            for &(p, s, e) in miss {
                sc.notes.push(format!(
                    "{name}: missed {lang} {kind:?} p{p} «{}»",
                    text(p, s, e)
                ));
            }
            let mut extra: Vec<_> = got.difference(&gold).collect();
            extra.sort_unstable();
            for &(p, s, e) in extra {
                sc.notes.push(format!(
                    "{name}: spurious {lang} {kind:?} p{p} «{}»",
                    text(p, s, e)
                ));
            }
            sc.mentions.insert((lang, kind), c);
        }
    }
    // Linking: gold ids with mentions on both sides, found as one predicted entity.
    let mut ids: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for m in &a.mentions {
        let e = ids.entry(m.id.as_str()).or_default();
        match m.lang {
            Lang::Ar => e.0 = true,
            Lang::En => e.1 = true,
        }
    }
    for (id, _) in ids.iter().filter(|(_, v)| v.0 && v.1) {
        sc.bilingual += 1;
        let ents = |lang: Lang| -> HashSet<usize> {
            a.mentions
                .iter()
                .filter(|m| m.id == *id && m.lang == lang)
                .flat_map(|m| {
                    pred.iter()
                        .filter(move |p| {
                            p.0 == lang && p.1 == m.paragraph && p.2 < m.end && m.start < p.3
                        })
                        .map(|p| p.5)
                })
                .collect()
        };
        if ents(Lang::Ar)
            .intersection(&ents(Lang::En))
            .next()
            .is_some()
        {
            sc.linked += 1;
        } else {
            sc.notes.push(format!("{name}: not linked: {id}"));
        }
    }
    // Discrepancies by (pair, kind).
    let gold: HashSet<(usize, &str)> = a
        .discrepancies
        .iter()
        .map(|(p, k)| (*p, k.as_str()))
        .collect();
    let got: HashSet<(usize, &str)> = doc
        .discrepancies
        .iter()
        .map(|d| (d.pair, d.kind.as_str()))
        .collect();
    sc.discrepancies = Counts {
        tp: gold.intersection(&got).count(),
        fp: got.difference(&gold).count(),
        fn_: gold.difference(&got).count(),
    };
    for d in &doc.discrepancies {
        if !gold.contains(&(d.pair, d.kind.as_str())) {
            sc.notes.push(format!(
                "{name}: false alarm pair {} {}: {}",
                d.pair, d.kind, d.detail
            ));
        }
    }
    for (p, k) in gold.difference(&got) {
        sc.notes
            .push(format!("{name}: discrepancy not found: pair {p} {k}"));
    }
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    const ART: &str = "%% topic: politics\n%% discrepancy 1 person: x\n\nزار [[PER t|ترمب]] و[[LOC w|واشنطن]]\nقال الرئيس [[PER l|لي جاي ميونغ]] شيئا.\n\nOn Monday, President [[PER t|Trump]] visited [[LOC w|Washington]].\nPresident [[PER y|Yoon]] said something.\n";

    #[test]
    fn parses_markup_into_plain_text_and_char_offsets() {
        let a = parse(ART).unwrap();
        assert_eq!(a.ar[0], "زار ترمب وواشنطن");
        assert_eq!(a.en[1], "President Yoon said something.");
        let w = a
            .mentions
            .iter()
            .find(|m| m.id == "w" && m.lang == Lang::Ar)
            .unwrap();
        assert_eq!((w.start, w.end), (10, 16));
        assert_eq!(a.discrepancies, [(1, "person".to_string())]);
        let d = document(&a);
        assert!(d.paragraphs.ar[0].heading && !d.paragraphs.en[1].heading);
    }

    #[test]
    fn broken_markup_is_an_error() {
        assert!(matches!(
            parse("\nزار [[PER t|ترمب\n\nx\n"),
            Err(EvalError::Markup { .. })
        ));
        assert!(matches!(
            parse("\nا\nب\n\nx\n"),
            Err(EvalError::Counts { .. })
        ));
    }

    #[test]
    fn scoring_counts_exact_spans_links_and_discrepancies() {
        let a = parse(ART).unwrap();
        let mut d = document(&a);
        crate::entities::annotate(&mut d);
        let s = score(&a, &d, "t");
        let per_en = s.mentions[&(Lang::En, EntityKind::Person)];
        assert_eq!(per_en.tp, 2, "{:?}", s.notes);
        assert!(s.linked >= 2, "{:?}", s.notes);
        assert_eq!(s.discrepancies.tp, 1, "{:?}", s.notes);
    }
}
