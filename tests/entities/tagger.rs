//! The learned entity tagger on data it never trained on: floors of F1 on the Arabic development
//! split (the first 10% of the `ANERcorp` training part, `tests/fixtures/tagger/`) and on the English
//! side of `tests/eval-heldout`; a fixed sentence guards against drift between trainer and run time.

use crate::support::root;
use bitext::document::{EntityKind, Lang};
use bitext::entities::eval;
use bitext::entities::tagger::{self, bilou::Class, conll, score::Scores, train};

#[test]
fn arabic_development_split_holds_its_floors() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/tagger/anercorp-dev.conll"))
        .expect("dev fixture");
    let s = tagger::evaluate_conll(Lang::Ar, &text)
        .expect("parses")
        .expect("an Arabic model is compiled in");
    let (per, loc) = (s.class(Class::Per).f1(), s.class(Class::Loc).f1());
    // Measured 81.8 / 88.3 at commit time (both stages, three runs averaged), flattered by
    // choosing the epochs on this split; the first tenth is also an easier tenth than the last
    // (76.6 / 85.7 when the last was held out instead). Floors a little below.
    assert!(per >= 0.80, "person F1 {per:.3}\n{}", s.report());
    assert!(loc >= 0.87, "place F1 {loc:.3}\n{}", s.report());
}

#[test]
fn english_held_out_articles_hold_their_floors() {
    let dir = root().join("tests/eval-heldout");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/eval-heldout")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let model = tagger::builtin(Lang::En).expect("an English model is compiled in");
    // A second stage when one is compiled in: then `model` feeds it.
    let (first, model) = match tagger::builtin_second(Lang::En) {
        Some(second) => (Some(model), second),
        None => (None, model),
    };
    let mut s = Scores::default();
    for p in &paths {
        let a = eval::parse(&std::fs::read_to_string(p).expect("read")).expect("parse");
        let mentions: Vec<_> = a
            .mentions
            .iter()
            .filter(|m| m.lang == Lang::En)
            .filter_map(|m| match m.kind {
                EntityKind::Person => Some((m.paragraph, m.start, m.end, Class::Per)),
                EntityKind::Place => Some((m.paragraph, m.start, m.end, Class::Loc)),
                _ => None,
            })
            .collect();
        let doc = train::article_sentences(&a.en, &mentions);
        let docs = vec![doc];
        let pred = train::predict(first, model, Lang::En, &docs, &|t: &str| {
            tagger::rules_on(Lang::En, t)
        });
        for (sent, p) in docs[0].iter().zip(&pred) {
            // Organisations and other names are not annotated in these articles.
            let p: Vec<_> = p
                .iter()
                .filter(|x| matches!(x.class, Class::Per | Class::Loc))
                .copied()
                .collect();
            s.add(&sent.spans, &p);
        }
    }
    let (per, loc) = (s.class(Class::Per).f1(), s.class(Class::Loc).f1());
    assert!(per >= 0.80, "person F1 {per:.3}\n{}", s.report());
    assert!(loc >= 0.88, "place F1 {loc:.3}\n{}", s.report());
}

#[test]
fn a_fixed_sentence_tags_as_stored() {
    // Trainer and run time share tokenizer, normalisation, features and hash; a drift between
    // them would silently change these.
    let cases = [
        (
            Lang::En,
            "US President Donald Trump visited Washington on Monday.",
            "US[LOC] Donald Trump[PER] Washington[LOC]",
        ),
        (
            Lang::Ar,
            "وارتفع منسوب سد الملك طلال قرب البحر الأحمر.",
            "سد الملك طلال[LOC] البحر الأحمر[LOC]",
        ),
    ];
    for (lang, text, want) in cases {
        let mut t = tagger::DocTagger::new(lang, std::iter::once(text));
        let got: Vec<String> = t
            .tag(text, &tagger::rules_on(lang, text))
            .iter()
            .map(|(r, c)| format!("{}[{}]", text.get(r.clone()).unwrap_or(""), c.name()))
            .collect();
        assert_eq!(got.join(" "), want);
    }
}

#[test]
fn corpus_reader_and_bilou_round_trip_on_the_fixture() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/tagger/anercorp-dev.conll"))
        .expect("dev fixture");
    let sentences = conll::parse(&text).expect("parses");
    assert!(sentences.len() > 300);
    for s in &sentences {
        let tags = tagger::bilou::encode(s.tokens.len(), &s.spans);
        assert_eq!(tagger::bilou::decode(&tags), s.spans);
    }
    assert_eq!(
        conll::parse(&train::to_conll(&sentences)).expect("again"),
        sentences
    );
}

/// The bundled sample is a faithful translation: every person and place the sidebar lists is
/// named on both sides. (The English "American University of Beirut" is an organisation that
/// the tagger does not show; the Arabic بيروت inside الجامعة الأمريكية في بيروت goes with it.)
#[test]
fn the_sample_lists_no_one_sided_person_or_place() {
    let mut doc = bitext::document::parse_single("sample", bitext::source::SAMPLE);
    bitext::entities::annotate(&mut doc);
    let one_sided: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Place))
        .filter(|e| e.label.ar.is_none() || e.label.en.is_none())
        .map(|e| (e.kind, e.label.ar.clone(), e.label.en.clone()))
        .collect();
    assert!(one_sided.is_empty(), "{one_sided:?}");
    assert!(doc.entities.len() >= 20, "{}", doc.entities.len());
}
