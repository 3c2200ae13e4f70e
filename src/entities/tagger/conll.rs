//! Reading CoNLL-format corpora: one `token ... TAG` a line, blank lines between sentences,
//! `-DOCSTART-` between documents. Tags in IOB1 (CoNLL-2003) or BIO (`ANERcorp`) are read with
//! conlleval's rule, which is right for both: a chunk starts at `B-X`, or at `I-X` when the
//! previous tag is not of class X.
//!
//! Pure: text in, sentences out.

use super::bilou::{Class, Span};

/// One annotated sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Its tokens as written.
    pub tokens: Vec<String>,
    /// Its chunks, in order.
    pub spans: Vec<Span>,
    /// Whether a document starts here (`-DOCSTART-` before it, or the first sentence).
    pub doc_start: bool,
}

impl Sentence {
    /// The class of the chunk holding token `i`, if any.
    pub fn class_at(&self, i: usize) -> Option<Class> {
        self.spans
            .iter()
            .find(|sp| sp.start <= i && i < sp.end)
            .map(|sp| sp.class)
    }
}

/// A malformed corpus line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {what}")]
pub struct ConllError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

/// Parse a corpus. Unknown classes are an error; so is a line with one field.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(usize, Class)> = None;
    let mut doc_start = true;
    let flush = |tokens: &mut Vec<String>,
                 spans: &mut Vec<Span>,
                 open: &mut Option<(usize, Class)>,
                 doc_start: &mut bool,
                 out: &mut Vec<Sentence>| {
        if let Some((s, c)) = open.take() {
            spans.push(Span {
                start: s,
                end: tokens.len(),
                class: c,
            });
        }
        if !tokens.is_empty() {
            out.push(Sentence {
                tokens: std::mem::take(tokens),
                spans: std::mem::take(spans),
                doc_start: std::mem::take(doc_start),
            });
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut tokens, &mut spans, &mut open, &mut doc_start, &mut out);
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut tokens, &mut spans, &mut open, &mut doc_start, &mut out);
            doc_start = true;
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(token), Some(tag)) = (fields.next(), fields.next_back()) else {
            return Err(ConllError {
                line: n + 1,
                what: "expected a token and a tag".into(),
            });
        };
        let i = tokens.len();
        let (kind, class) = if tag == "O" {
            ('O', None)
        } else {
            let (k, c) = tag.split_once('-').ok_or_else(|| ConllError {
                line: n + 1,
                what: format!("bad tag {tag:?}"),
            })?;
            let class = Class::parse(c).ok_or_else(|| ConllError {
                line: n + 1,
                what: format!("unknown class {c:?}"),
            })?;
            let k = match k {
                "B" => 'B',
                "I" => 'I',
                _ => {
                    return Err(ConllError {
                        line: n + 1,
                        what: format!("bad tag {tag:?}"),
                    });
                }
            };
            (k, Some(class))
        };
        let continues = kind == 'I' && open.is_some_and(|(_, c)| Some(c) == class);
        if !continues && let Some((s, c)) = open.take() {
            spans.push(Span {
                start: s,
                end: i,
                class: c,
            });
        }
        if !continues && let Some(c) = class {
            open = Some((i, c));
        }
        tokens.push(token.to_string());
    }
    flush(&mut tokens, &mut spans, &mut open, &mut doc_start, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize, &'static str)> {
        parse(text).unwrap()[0]
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.class.name()))
            .collect()
    }

    #[test]
    fn iob1_chunks_start_at_i_after_o_or_another_class() {
        // IOB1: I-X opens a chunk after O, after another class, and at the start.
        let t = "a I-ORG\nb I-ORG\nc I-LOC\nd O\ne I-PER\nf B-PER\ng I-PER\n";
        assert_eq!(
            spans(t),
            [(0, 2, "ORG"), (2, 3, "LOC"), (4, 5, "PER"), (5, 7, "PER")]
        );
    }

    #[test]
    fn bio_with_pers_and_stray_i_reads_like_conlleval() {
        let t = "x I-PERS\ny O\nz B-LOC\nw I-LOC\n";
        assert_eq!(spans(t), [(0, 1, "PER"), (2, 4, "LOC")]);
    }

    #[test]
    fn documents_and_sentences_split() {
        let s = parse("-DOCSTART- -X- O O\n\nA NNP I-NP I-PER\n. . O O\n\nB NNP I-NP O\n").unwrap();
        assert_eq!(s.len(), 2);
        assert!(s[0].doc_start && !s[1].doc_start);
        assert!(parse("lonely\n").is_err());
        assert!(parse("x B-FOO\n").is_err());
    }
}
