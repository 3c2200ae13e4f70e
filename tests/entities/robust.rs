//! `annotate` must not panic on any input, and what it reports must point at real text.

use bitext::document::{Document, Pair, Paragraph, Paragraphs};
use bitext::entities::annotate;
use proptest::prelude::*;

/// Pieces that stress the detectors: Arabic with harakat and clitics, lam-alef, Persian
/// letters, digits of three scripts, brackets, quotes, bidi controls, Latin names, months.
const PIECES: &[&str] = &[
    "الرئيس ",
    "دونالد ترمب",
    "وبكين",
    "لترمب",
    "بالقاهرة",
    "كيم جونغ أون",
    "مُحَمَّدٌ",
    "لا",
    "ﻻ",
    "ی",
    "ک",
    "پ",
    "٢٠١٩",
    "۱۴۰۲",
    "2019",
    "0.25%",
    "٩٫٩",
    "1,200",
    "(",
    ")",
    "«",
    "»",
    "\"",
    "/",
    "-",
    "\u{200F}",
    "\u{202B}",
    "\u{202C}",
    "\u{0640}",
    "Trump",
    "Kim Jong Un",
    "President ",
    "al-",
    "Al-Obeidat",
    " ",
    "  ",
    ".",
    "،",
    "\n",
    "حزيران/يونيو",
    "15 رمضان 1445 هـ",
    "last month",
    "earlier this year",
    "مطلع هذا العام",
    "May",
    "آب",
    "Sept.",
    "CNN",
    "APEC",
    "منظمة التعاون ",
    "مدينة ",
    "قرية ",
    "in ",
    "said ",
    "e\u{301}",
    "🙂",
    "\u{0}",
    "ة",
    "ى",
    // Numbers spelled out, and the words that look like them.
    "twenty-five ",
    "three million ",
    "a hundred and ",
    "two-thirds",
    "Formula One",
    "خمسة وعشرين",
    "ثلاثة آلاف وخمسمائة",
    "اثنا عشر",
    "وإحدى عشرة",
    "التاسع عشر",
    "للأربعة",
    "يومين",
    "مليون",
    // Ordinals of ages and hours, and decade words.
    "الثانية ",
    "عشرة ",
    "والثلاثين ",
    "من عمره",
    "سن ",
    "الساعة ",
    "الحادية ",
    "seventies ",
    "and a half ",
    "ونصف ",
    // Days before the month.
    "first ",
    "3rd ",
    "of March",
    "the ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn para(t: String) -> Paragraph {
    Paragraph {
        heading: t.len() < 20,
        text: t,
        line: 1,
        source: 0,
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    #[test]
    fn never_panics_and_mentions_point_at_their_text(
        ar in prop::collection::vec(text(), 0..5),
        en in prop::collection::vec(text(), 0..5),
        extra in prop::collection::vec((0usize..7, 0usize..7), 0..4),
    ) {
        let n = ar.len().min(en.len());
        let mut pairs: Vec<Pair> = (0..n).map(|i| Pair { ar: bitext::document::Side::one(i), en: bitext::document::Side::one(i), score: 1.0 }).collect();
        // Odd pairs too: empty sides and indices past the end must not break anything.
        for (a, e) in extra {
            pairs.push(Pair { ar: bitext::document::Side::one(a), en: if e % 2 == 0 { bitext::document::Side::new() } else { bitext::document::Side::one(e) }, score: 0.1 });
        }
        let mut doc = Document {
            paragraphs: Paragraphs {
                ar: ar.into_iter().map(para).collect(),
                en: en.into_iter().map(para).collect(),
            },
            pairs,
            ..Document::default()
        };
        annotate(&mut doc);
        for e in &doc.entities {
            for m in &e.mentions {
                let p = &doc.paragraphs.of(m.lang)[m.paragraph];
                prop_assert_eq!(p.text.get(m.bytes.clone()), Some(m.text.as_str()));
                let by_chars: String = p.text.chars().skip(m.start).take(m.end - m.start).collect();
                prop_assert_eq!(by_chars, m.text.clone());
            }
        }
        for d in &doc.discrepancies {
            prop_assert!(d.pair < doc.pairs.len());
        }
    }
}

#[test]
fn deterministic() {
    let mk = || {
        let mut doc = Document {
            paragraphs: Paragraphs {
                ar: vec![para(
                    "التقى الرئيس دونالد ترمب مع كيم في هانوي عام 2019 وقال لي جاي ميونغ".into(),
                )],
                en: vec![para(
                    "President Donald Trump met Kim in Hanoi in 2019, and Yoon Suk-yeol said"
                        .into(),
                )],
            },
            pairs: vec![Pair {
                ar: bitext::document::Side::one(0),
                en: bitext::document::Side::one(0),
                score: 1.0,
            }],
            ..Document::default()
        };
        annotate(&mut doc);
        doc
    };
    let a = mk();
    for _ in 0..3 {
        assert_eq!(a, mk());
    }
    assert!(!a.discrepancies.is_empty());
}

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    /// The tagger's tokens cover the text in order on char boundaries, and its spans start and
    /// end on tokens, in order, without overlap, in both languages.
    #[test]
    fn tagger_tokens_and_spans_are_well_formed(t in text()) {
        use bitext::document::Lang;
        use bitext::entities::tagger::{self, tokens};
        let toks = tokens::tokenize(&t);
        let mut last = 0;
        for r in &toks {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= t.len());
            prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
            last = r.end;
        }
        for lang in [Lang::Ar, Lang::En] {
            let mut tg = tagger::DocTagger::new(lang, std::iter::once(t.as_str()));
            let spans = tg.tag(&t, &tagger::rules_on(lang, &t));
            let mut end = 0;
            for (r, _) in &spans {
                prop_assert!(r.start >= end && r.start < r.end);
                prop_assert!(toks.iter().any(|x| x.start == r.start));
                prop_assert!(toks.iter().any(|x| x.end == r.end));
                end = r.end;
            }
        }
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(64))]

    /// Any string (controls, unpaired marks, every script) through the tagger and its merge with
    /// the rules, in both languages: no panic, spans on char boundaries, in order.
    #[test]
    fn the_tagger_takes_any_string(t in any::<String>(), u in text()) {
        use bitext::document::Lang;
        let mixed = format!("{t}{u}{t}");
        for lang in [Lang::Ar, Lang::En] {
            for s in [&t, &mixed] {
                let spans = bitext::entities::detect_paragraph(lang, s, false);
                let mut end = 0;
                for (r, _) in &spans {
                    prop_assert!(s.get(r.clone()).is_some(), "{r:?} in {s:?}");
                    prop_assert!(r.start >= end);
                    end = r.end;
                }
            }
        }
    }
}

/// One sentence of fifty thousand words (no sentence end, names back to back, both scripts):
/// the tagger's work is bounded per token (Viterbi over the sentence, binary searches in the
/// merge), so this finishes like any other text of its size.
#[test]
fn a_huge_sentence_of_names_is_tagged() {
    use bitext::document::Lang;
    let unit = "Ahmed Ali and محمد بن راشد آل مكتوم و New York Jets في الجامعة الأمريكية في بيروت ";
    let text = unit.repeat(50_000 / 16);
    for lang in [Lang::Ar, Lang::En] {
        let spans = bitext::entities::detect_paragraph(lang, &text, false);
        assert!(!spans.is_empty());
        assert!(spans.windows(2).all(|w| w[0].0.end <= w[1].0.start));
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(200))]

    /// Every number, in digits or in words, is quoted as the source writes it, and has a value.
    #[test]
    fn numbers_quote_their_source(ar in text(), en in text()) {
        for t in [ar, en] {
            let p = bitext::entities::text::Prepared::new(&t);
            for n in bitext::entities::numbers::numbers(&p, &[]) {
                prop_assert!(t.contains(n.text), "{:?} not in {:?}", n.text, t);
                prop_assert!(!n.values.is_empty());
                prop_assert!(n.values.iter().all(|v| v.is_finite()));
            }
        }
    }
}
