//! `bitext-eval`: score the entity detector, linker and translation check against the annotated
//! evaluation articles (`tests/eval/*.txt` by default), or the learned tagger on a CoNLL-format
//! corpus (`--conll ar|en FILE`), or show the tagger's labels on a text (`--tag ar|en`, stdin).
//!
//! Articles: precision, recall and F1 per language and kind, linking accuracy, and discrepancy
//! precision and recall; `--notes` also lists every miss and false alarm. Corpus: conlleval-style
//! P/R/F1 per class; `--floor PER,LOC` fails (exit 1) when person or place F1 is below; `--notes`
//! lists each sentence's missed and false person and place chunks. The only
//! I/O is here; the scoring itself is `bitext::entities::eval` and `bitext::entities::tagger`.

use bitext::document::Lang;
use bitext::entities::tagger::{self, bilou::Class};
use bitext::entities::{annotate, eval};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn files(args: &[String]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let roots: Vec<PathBuf> = if args.is_empty() {
        vec![PathBuf::from("tests/eval")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    for r in roots {
        if r.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&r)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(r);
        }
    }
    Ok(out)
}

/// Write to standard output; a reader that went away (`| head`) ends the program quietly.
fn emit(s: &str) {
    use std::io::Write as _;
    if std::io::stdout().lock().write_all(s.as_bytes()).is_err() {
        std::process::exit(0);
    }
}

fn name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        emit(
            "usage: bitext-eval [--notes] [FILE|DIR]...   (default: tests/eval)\n\
             \x20      bitext-eval --conll ar|en FILE [--floor PER,LOC] [--notes]\n\
             \x20      bitext-eval --tag ar|en < TEXT\n",
        );
        return ExitCode::SUCCESS;
    }
    if let Some(i) = args.iter().position(|a| a == "--conll") {
        return conll(&args, i);
    }
    if let Some(i) = args.iter().position(|a| a == "--tag") {
        return tag(args.get(i + 1).map(String::as_str));
    }
    let notes = args.iter().any(|a| a == "--notes");
    args.retain(|a| a != "--notes");
    let paths = match files(&args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bitext-eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut total = eval::Score::default();
    let mut articles = 0;
    for p in &paths {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("bitext-eval: {}: {e}", p.display());
                return ExitCode::FAILURE;
            }
        };
        let article = match eval::parse(&text) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("bitext-eval: {}: {e}", p.display());
                return ExitCode::FAILURE;
            }
        };
        let mut doc = eval::document(&article);
        annotate(&mut doc);
        total.add(&eval::score(&article, &doc, &name(p)));
        articles += 1;
    }
    emit(&format!(
        "{articles} articles, {} aligned pairs\n",
        total.pairs
    ));
    emit(&total.report());
    if notes {
        for n in &total.notes {
            emit(&format!("  {n}\n"));
        }
    }
    ExitCode::SUCCESS
}

fn lang(s: Option<&str>) -> Option<Lang> {
    match s {
        Some("ar") => Some(Lang::Ar),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

/// `--conll LANG FILE [--floor PER,LOC]`.
fn conll(args: &[String], i: usize) -> ExitCode {
    let (Some(l), Some(path)) = (lang(args.get(i + 1).map(String::as_str)), args.get(i + 2)) else {
        eprintln!("bitext-eval: --conll needs a language (ar or en) and a file");
        return ExitCode::FAILURE;
    };
    let floor: Option<(f64, f64)> = args
        .iter()
        .position(|a| a == "--floor")
        .and_then(|j| args.get(j + 1))
        .and_then(|f| {
            let (p, l) = f.split_once(',')?;
            Some((p.parse().ok()?, l.parse().ok()?))
        });
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bitext-eval: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let tagged = match tagger::tag_conll(l, &text) {
        Ok(Some(t)) => t,
        Ok(None) => {
            eprintln!("bitext-eval: no {l} model is compiled in");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("bitext-eval: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let scores = tagger::score_tagged(&tagged);
    if args.iter().any(|a| a == "--notes") {
        for (sent, pred) in &tagged {
            emit(&tagger::score::notes(sent, pred, &[Class::Per, Class::Loc]));
        }
    }
    emit(&format!("{l} {}\n", name(std::path::Path::new(path))));
    emit(&scores.report());
    if let Some((per, loc)) = floor {
        let (p, q) = (
            100.0 * scores.class(Class::Per).f1(),
            100.0 * scores.class(Class::Loc).f1(),
        );
        if p < per || q < loc {
            eprintln!(
                "bitext-eval: below the floor: person {p:.2} < {per} or place {q:.2} < {loc}"
            );
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// `--tag LANG`: the tagger's spans on standard input, one paragraph a line, one document.
fn tag(l: Option<&str>) -> ExitCode {
    let Some(l) = lang(l) else {
        eprintln!("bitext-eval: --tag needs a language (ar or en)");
        return ExitCode::FAILURE;
    };
    let mut text = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
        eprintln!("bitext-eval: stdin: {e}");
        return ExitCode::FAILURE;
    }
    let mut t = tagger::DocTagger::new(l, text.lines());
    if !t.active() {
        eprintln!("bitext-eval: no {l} model is compiled in");
        return ExitCode::FAILURE;
    }
    // The whole input is one document: the first stage reads it all before the second.
    let rules: Vec<_> = text.lines().map(|line| tagger::rules_on(l, line)).collect();
    for (line, r) in text.lines().zip(&rules) {
        t.prepare_text(line, r);
    }
    for (line, r) in text.lines().zip(&rules) {
        let spans = t.tag(line, r);
        let shown: Vec<String> = spans
            .iter()
            .map(|(r, c)| format!("{}[{}]", line.get(r.clone()).unwrap_or(""), c.name()))
            .collect();
        emit(&format!("{}\n", shown.join("  ")));
    }
    ExitCode::SUCCESS
}
