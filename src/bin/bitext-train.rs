//! `bitext-train`: train the entity tagger's models from the corpora and write them into
//! `assets/tagger/` (see the README's development section).
//!
//! Reads `DATA/anercorp/{train.conll,gazetteer-*.txt}`, `DATA/conll2003/{eng.train,eng.testa}`
//! (DATA is required: the folder of the training data, which the repository does not hold), the
//! annotated articles of `tests/eval` and, for Arabic, the word frequencies of general text in
//! `assets/words/ar-general.tsv` (`scripts/gen-wordfreq.py`), those of them a dictionary of
//! ordinary words lacks in `assets/words/ar-not-in-dictionary.txt` (`scripts/gen-dictionary.py`)
//! and the words of people's names in
//! `assets/words/ar-person-names.tsv` (`scripts/gen-person-names.py`). Arabic: the
//! first 10% of `ANERcorp`'s training part (a contiguous block, [`DEV_BLOCK`]) is the development
//! split (also written to `tests/fixtures/tagger/anercorp-dev.conll` for the tests), the last 90%
//! trains. English:
//! `eng.train` trains, `eng.testa` is the development split. The held-back test parts are never
//! read. Deterministic: the same data and seed give the same bytes.

use bitext::document::Lang;
use bitext::entities::tagger::{bilou, conll, features, model::Model, train};
use bitext::entities::{eval, tagger};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The tenth of `ANERcorp`'s training part that the shipped Arabic model holds out as its
/// development split: the first. The corpus's held-back test part follows its last tenth, and
/// neighbouring news shares its stories and names: a tenth scores higher when the tenth before
/// it trains (see the README's development section), so the last tenth trains.
const DEV_BLOCK: usize = 0;

struct Args {
    data: PathBuf,
    out: PathBuf,
    langs: Vec<Lang>,
    opts: train::Options,
    /// Which tenth of `ANERcorp`'s training part is the Arabic development split
    /// ([`DEV_BLOCK`] unless `--dev-block`).
    dev_block: usize,
    /// Another tenth of `ANERcorp` set aside and scored once trained (`--test-block K`): the
    /// development split chooses the epochs, so its own scores flatter a method that varies
    /// more from run to run.
    test_block: Option<usize>,
    /// Sentences per pseudo-document where a corpus marks none.
    doc_sentences: usize,
    /// Per language (Arabic, English), 1: one model; 2: a second stage fed by the first's
    /// output over the document.
    stages: [u8; 2],
    /// Whether the Arabic vocabulary learns from the English corpus which words spell like
    /// English names (`--no-xlit` leaves it out, to measure what it brings).
    xlit: bool,
    /// The general-language word frequencies of Arabic (`WORD<TAB>CENTIBELS`), or none
    /// (`--no-general`).
    general: Option<PathBuf>,
    /// The words of people's names in Arabic letters (`WORD<TAB>GIVEN<TAB>FAMILY`), or none
    /// (`--no-names`).
    names: Option<PathBuf>,
    /// The words of general text that a dictionary of ordinary words lacks (one a line), or
    /// none (`--no-dictionary`).
    dictionary: Option<PathBuf>,
}

fn usage() -> &'static str {
    "usage: bitext-train --data DIR [--out DIR] [--lang ar|en] [--epochs N] [--seed N] [--margin N,M[,L]]\n\
     \x20   [--stages 1|2] [--runs N] [--dev-block K] [--test-block K] [--no-xlit]\n\
     \x20   [--general FILE | --no-general] [--names FILE | --no-names]\n\
     \x20   [--dictionary FILE | --no-dictionary]\n\
     \x20 --data: the training data's folder (anercorp/, conll2003/); --out defaults to assets/tagger\n\
     \x20 --margin: the training margins of the languages of --lang (given before it): N for any\n\
     \x20   wrong tag, M more for O on a person's token, L more for O on a place's token\n\
     \x20   (defaults: Arabic 10,30,0; English 0,0,0)\n\
     \x20 --stages: 2 trains a second stage on the first's output over each document (jackknifed\n\
     \x20   over 5 folds), written as LANG-2.model, for the languages of --lang (given before it);\n\
     \x20   defaults: Arabic 2, English 1\n\
     \x20 --runs N: the model is the mean of N models trained on differently shuffled data, for\n\
     \x20   the languages of --lang (given before it); defaults: Arabic 3, English 1\n\
     \x20 --dev-block K: the tenth (0-9) of ANERcorp's training part held out to choose the\n\
     \x20   epochs, and scored (default 0, the first)\n\
     \x20 --test-block K: another tenth of ANERcorp held out, scored once trained (it\n\
     \x20   chooses nothing)\n\
     \x20 --no-xlit: Arabic without what eng.train says of the names its words may spell\n\
     \x20 --general: Arabic word frequencies in general text (default assets/words/ar-general.tsv,\n\
     \x20   written by scripts/gen-wordfreq.py); --no-general trains without them\n\
     \x20 --names: the words of people's names in Arabic letters, with how many people carry each\n\
     \x20   as a given and a family name (default assets/words/ar-person-names.tsv, written by\n\
     \x20   scripts/gen-person-names.py from Wikidata); --no-names trains without them\n\
     \x20 --dictionary: the words of --general that a dictionary of ordinary words lacks (default\n\
     \x20   assets/words/ar-not-in-dictionary.txt, written by scripts/gen-dictionary.py from\n\
     \x20   Ayaspell); --no-dictionary trains without them"
}

/// The value of `flag` that names a tenth of `ANERcorp`'s training part (0 to 9).
fn tenth(flag: &str, v: &str) -> Result<usize, String> {
    match v.parse() {
        Ok(k @ 0..=9) => Ok(k),
        Ok(_) => Err(format!("{flag}: 0 to 9")),
        Err(e) => Err(format!("{flag}: {e}")),
    }
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::new(),
        out: PathBuf::from("assets/tagger"),
        langs: vec![Lang::Ar, Lang::En],
        opts: train::Options::default(),
        dev_block: DEV_BLOCK,
        test_block: None,
        doc_sentences: 20,
        stages: [2, 1],
        xlit: true,
        general: Some(PathBuf::from("assets/words/ar-general.tsv")),
        names: Some(PathBuf::from("assets/words/ar-person-names.tsv")),
        dictionary: Some(PathBuf::from("assets/words/ar-not-in-dictionary.txt")),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{x} needs a value"));
        match x.as_str() {
            "--data" => a.data = PathBuf::from(val()?),
            "--out" => a.out = PathBuf::from(val()?),
            "--lang" => {
                a.langs = match val()?.as_str() {
                    "ar" => vec![Lang::Ar],
                    "en" => vec![Lang::En],
                    v => return Err(format!("unknown language {v:?}")),
                }
            }
            "--epochs" => a.opts.epochs = val()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--margin" => {
                let v = val()?;
                let parse = |x: Option<&str>| {
                    x.and_then(|x| x.trim().parse::<i32>().ok())
                        .ok_or_else(|| format!("--margin: {v:?} is not N,M or N,M,L"))
                };
                let mut it = v.split(',');
                let (any, person) = (parse(it.next())?, parse(it.next())?);
                let place = it.next().map_or(Ok(0), |x| parse(Some(x)))?;
                if it.next().is_some() {
                    return Err(format!("--margin: {v:?} is not N,M or N,M,L"));
                }
                let m = train::Margins { any, person, place };
                // For the languages given by --lang (both unless it comes first).
                for l in &a.langs {
                    a.opts.margins[usize::from(*l == Lang::En)] = m;
                }
            }
            "--clip" => a.opts.clip = val()?.parse().map_err(|e| format!("--clip: {e}"))?,
            "--min-count" => {
                a.opts.min_count = val()?.parse().map_err(|e| format!("--min-count: {e}"))?;
            }
            "--rule-dropout" => {
                a.opts.rule_dropout = val()?.parse().map_err(|e| format!("--rule-dropout: {e}"))?;
            }
            "--test-block" => a.test_block = Some(tenth(x.as_str(), &val()?)?),
            "--dev-block" => a.dev_block = tenth(x.as_str(), &val()?)?,
            "--doc-sentences" => {
                a.doc_sentences = val()?
                    .parse()
                    .map_err(|e| format!("--doc-sentences: {e}"))?;
            }
            "--stages" => {
                let n = match val()?.as_str() {
                    "1" => 1,
                    "2" => 2,
                    v => return Err(format!("--stages: {v:?} is not 1 or 2")),
                };
                // For the languages given by --lang (both unless it comes first).
                for l in &a.langs {
                    a.stages[usize::from(*l == Lang::En)] = n;
                }
            }
            "--no-xlit" => a.xlit = false,
            "--general" => a.general = Some(PathBuf::from(val()?)),
            "--no-general" => a.general = None,
            "--names" => a.names = Some(PathBuf::from(val()?)),
            "--no-names" => a.names = None,
            "--dictionary" => a.dictionary = Some(PathBuf::from(val()?)),
            "--no-dictionary" => a.dictionary = None,
            "--seed" => a.opts.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--runs" => {
                let n = val()?.parse().map_err(|e| format!("--runs: {e}"))?;
                // For the languages given by --lang (both unless it comes first).
                for l in &a.langs {
                    a.opts.runs[usize::from(*l == Lang::En)] = n;
                }
            }
            "-h" | "--help" => return Err(usage().to_string()),
            _ => return Err(format!("unknown argument {x:?}\n{}", usage())),
        }
    }
    if a.data.as_os_str().is_empty() {
        return Err(format!("--data DIR is required\n{}", usage()));
    }
    if a.test_block == Some(a.dev_block) {
        return Err("--test-block: not the development tenth (--dev-block)".into());
    }
    // English is tuned on eng.testa: the tenths are ANERcorp's, and said nothing without it.
    if (a.test_block.is_some() || a.dev_block != DEV_BLOCK) && !a.langs.contains(&Lang::Ar) {
        return Err("--dev-block and --test-block split ANERcorp: they need --lang ar".into());
    }
    Ok(a)
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn corpus(p: &Path) -> Result<Vec<conll::Sentence>, String> {
    conll::parse(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))
}

/// The rule detector on a text, as features.
fn rules(
    lang: Lang,
) -> impl Fn(&str) -> Vec<(std::ops::Range<usize>, bitext::document::EntityKind)> {
    move |text: &str| tagger::rules_on(lang, text)
}

/// The annotated articles of `tests/eval`, as training documents of one language.
fn articles(lang: Lang) -> Result<Vec<Vec<conll::Sentence>>, String> {
    let dir = Path::new("tests/eval");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let a = eval::parse(&read(&p)?).map_err(|e| format!("{}: {e}", p.display()))?;
        let mentions: Vec<_> = a
            .mentions
            .iter()
            .filter(|m| m.lang == lang)
            .filter_map(|m| {
                let class = match m.kind {
                    bitext::document::EntityKind::Person => bilou::Class::Per,
                    bitext::document::EntityKind::Place => bilou::Class::Loc,
                    _ => return None,
                };
                Some((m.paragraph, m.start, m.end, class))
            })
            .collect();
        let paras = match lang {
            Lang::Ar => &a.ar,
            Lang::En => &a.en,
        };
        docs.push(train::article_sentences(paras, &mentions));
    }
    Ok(docs)
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

/// Documents of sentences.
type Docs = Vec<Vec<conll::Sentence>>;

/// Arabic: `ANERcorp`'s training part less the tenth `--dev-block` (by tokens) and the tenth
/// `--test-block` if any, with the annotated articles; that first tenth as the development split
/// ([`DEV_BLOCK`], the default, is also written to `tests/fixtures/tagger/` for the tests), and
/// the other as the test split.
fn anercorp(a: &Args) -> Result<(Docs, Docs, Option<Docs>), String> {
    let per_doc = a.doc_sentences;
    let all = corpus(&a.data.join("anercorp/train.conll"))?;
    let total: usize = all.iter().map(|s| s.tokens.len()).sum();
    // The sentence where the tokens reach `k` tenths of the corpus.
    let cut = |k: usize| {
        if k == 0 {
            return 0;
        }
        let mut seen = 0;
        all.iter()
            .position(|s| {
                seen += s.tokens.len();
                seen * 10 >= total * k
            })
            .map_or(all.len(), |i| i + 1)
    };
    let block = |k: usize| cut(k)..cut(k + 1);
    let dev = block(a.dev_block);
    let dv = all.get(dev.clone()).unwrap_or(&[]);
    if a.dev_block == DEV_BLOCK {
        write(
            Path::new("tests/fixtures/tagger/anercorp-dev.conll"),
            train::to_conll(dv).as_bytes(),
        )?;
    }
    let test = a.test_block.map(block);
    // The training part: the runs of sentences outside the blocks set aside.
    let mut held: Vec<std::ops::Range<usize>> = [Some(dev.clone()), test.clone()]
        .into_iter()
        .flatten()
        .collect();
    held.sort_by_key(|r| r.start);
    let mut train_docs = Vec::new();
    let mut at = 0;
    for r in held.iter().chain([&(all.len()..all.len())]) {
        let run = all.get(at..r.start.max(at)).unwrap_or(&[]);
        train_docs.extend(train::documents(run.to_vec(), per_doc));
        at = at.max(r.end);
    }
    train_docs.extend(articles(Lang::Ar)?);
    let test = test.map(|r| train::documents(all.get(r).unwrap_or(&[]).to_vec(), 20));
    Ok((train_docs, train::documents(dv.to_vec(), 20), test))
}

fn run(a: &Args) -> Result<(), String> {
    // The Arabic name lists: normalized into assets, and they must be the ones compiled in.
    let mut stale = false;
    for ((k, src), built) in [("per", "pers"), ("loc", "loc"), ("org", "org")]
        .iter()
        .zip(features::BUILTIN_LISTS)
    {
        let raw = read(&a.data.join(format!("anercorp/gazetteer-{src}.txt")))?;
        let list = features::normalize_list(&raw);
        write(&a.out.join(format!("anergazet-{k}.txt")), list.as_bytes())?;
        stale |= list != built;
    }
    if stale {
        return Err(
            "the ANERGazet lists changed and were rewritten: rebuild, then run again".into(),
        );
    }
    for &lang in &a.langs {
        let t0 = Instant::now();
        let (train_docs, dev_docs, test_docs) = match lang {
            Lang::Ar => anercorp(a)?,
            Lang::En => {
                let mut train_docs = train::documents(
                    corpus(&a.data.join("conll2003/eng.train"))?,
                    a.doc_sentences,
                );
                train_docs.extend(articles(lang)?);
                let dev = train::documents(corpus(&a.data.join("conll2003/eng.testa"))?, 20);
                (train_docs, dev, None)
            }
        };
        let r = rules(lang);
        let mut log = |s: &str| eprintln!("{s}");
        // Arabic words that spell like English names: counted on the English training corpus.
        let outside = match lang {
            Lang::Ar if a.xlit => {
                features::xlit_counts(&corpus(&a.data.join("conll2003/eng.train"))?)
            }
            _ => Vec::new(),
        };
        // What general Arabic text says of each word (its frequency, its endings, whether a
        // dictionary of ordinary words has it).
        let mut general = match (&a.general, lang) {
            (Some(p), Lang::Ar) => {
                let lacking = match &a.dictionary {
                    Some(d) => read(d)?,
                    None => String::new(),
                };
                features::general_codes(&read(p)?, &lacking)
            }
            _ => Vec::new(),
        };
        // Which words people carry as given and family names.
        if let (Some(p), Lang::Ar) = (&a.names, lang) {
            general.extend(features::person_name_codes(&read(p)?));
        }
        let data = train::Corpus {
            train: &train_docs,
            dev: &dev_docs,
            outside: &outside,
            general: &general,
        };
        let first = train::train(lang, data, &r, a.opts, None, &mut log);
        let name = match lang {
            Lang::Ar => "ar",
            Lang::En => "en",
        };
        write(&a.out.join(format!("{name}.model")), &first.bytes)?;
        let m1 = Model::parse(&first.bytes).map_err(|e| e.to_string())?;
        let second = if a.stages[usize::from(lang == Lang::En)] == 2 {
            let jk = train::jackknife(lang, data, &r, a.opts, &mut log);
            let stage1 = train::Stage1 {
                model: &m1,
                train: &jk,
            };
            log(&format!("{lang}: second stage"));
            let t = train::train(lang, data, &r, a.opts, Some(stage1), &mut log);
            write(&a.out.join(format!("{name}-2.model")), &t.bytes)?;
            Some(t)
        } else {
            None
        };
        let trained = second.as_ref().unwrap_or(&first);
        let m = Model::parse(&trained.bytes).map_err(|e| e.to_string())?;
        let stage1 = second.as_ref().map(|_| &m1);
        let dev = train::evaluate_stages(stage1, &m, lang, &dev_docs, &r);
        if std::env::var_os("BITEXT_TRAIN_ERRORS").is_some() {
            let pred = train::predict(stage1, &m, lang, &dev_docs, &r);
            person_errors(&dev_docs, &pred);
        }
        println!(
            "{lang}: best epoch {} of {}, {} features, {} bytes, {:.1} s\ndevelopment split:\n{}",
            trained.best,
            a.opts.epochs,
            m.len(),
            trained.bytes.len(),
            t0.elapsed().as_secs_f64(),
            dev.report()
        );
        if let Some(test) = &test_docs {
            let scores = train::evaluate_stages(stage1, &m, lang, test, &r);
            println!("test split:\n{}", scores.report());
        }
    }
    Ok(())
}

/// Print the development split's missed and false persons (`BITEXT_TRAIN_ERRORS` set), with
/// their sentences: what to read before adding features.
fn person_errors(dev_docs: &Docs, pred: &[Vec<bilou::Span>]) {
    for (s, p) in dev_docs.iter().flatten().zip(pred) {
        eprint!("{}", tagger::score::notes(s, p, &[bilou::Class::Per]));
    }
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bitext-train: {e}");
            return ExitCode::FAILURE;
        }
    };
    match run(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bitext-train: {e}");
            ExitCode::FAILURE
        }
    }
}
