//! `bitext-eval`: score the entity detector, linker and translation check against the annotated
//! evaluation articles (`tests/eval/*.txt` by default).
//!
//! Prints precision, recall and F1 per language and kind, linking accuracy, and discrepancy
//! precision and recall. `--notes` also lists every miss and false alarm. The only I/O is here;
//! the scoring itself is `bitext::entities::eval`.

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

fn name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: bitext-eval [--notes] [FILE|DIR]...   (default: tests/eval)");
        return ExitCode::SUCCESS;
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
    println!("{articles} articles, {} aligned pairs", total.pairs);
    print!("{}", total.report());
    if notes {
        for n in &total.notes {
            println!("  {n}");
        }
    }
    ExitCode::SUCCESS
}
