//! Throughput of the layout engine (shape + wrap + reorder + cells) on a few MB of Arabic text
//! at width 80, in MB/s of source text.
//!
//! The corpus is built from the project's Arabic text: every Arabic paragraph of `assets/` and
//! `tests/fixtures/` (the seed article among them), repeated to about 4 MB.
//!
//! `cargo bench --bench layout` runs the criterion benchmarks. With `BITEXT_CORPUS_OUT=FILE` the
//! bench only writes its corpus to FILE (one paragraph per line) and exits; with
//! `BITEXT_CORPUS_IN=FILE` it times a plain loop over that file's lines and prints
//! `bitext_mb_per_s <value>`: `scripts/bench-fribidi.sh` uses both to compare with
//! `fribidi --nobreak --nopad --rtl` on exactly the same text.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use bitext::layout::{Direction, LayoutOptions, layout_paragraph, layout_plain};
use criterion::{Criterion, Throughput};

const TARGET_BYTES: usize = 4 << 20;
const WIDTH: usize = 80;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_arabic_paragraph(line: &str) -> bool {
    let arabic = line
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    arabic > 0 && arabic * 2 > line.chars().filter(|c| !c.is_whitespace()).count()
}

/// The Arabic paragraphs of the project's text, repeated to about `TARGET_BYTES`.
fn corpus() -> Vec<String> {
    let mut files = vec![];
    for dir in ["assets", "tests/fixtures"] {
        files.extend(support::text_files(&root().join(dir), &["txt"]));
    }
    let mut base: Vec<String> = vec![];
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        base.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| is_arabic_paragraph(l))
                .map(str::to_string),
        );
    }
    assert!(!base.is_empty(), "no Arabic text found");
    let mut out = vec![];
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for p in &base {
            bytes += p.len() + 1;
            out.push(p.clone());
        }
    }
    out
}

fn lay_all(paras: &[String], opts: LayoutOptions) -> usize {
    let mut cells = 0;
    for p in paras {
        let lines = layout_paragraph(p, Direction::Rtl, WIDTH, &opts, &[]);
        cells += lines.iter().map(|l| l.cells.len()).sum::<usize>();
    }
    cells
}

/// A way of laying out the whole corpus.
type LayAll = dyn Fn(&[String], LayoutOptions) -> usize;

/// The lines as plain text (what `--print --only ar` writes), without cells.
fn print_all(paras: &[String], opts: LayoutOptions) -> usize {
    let mut out = String::new();
    let mut bytes = 0;
    for p in paras {
        layout_plain(p, Direction::Rtl, WIDTH, &opts, &mut out);
        if out.len() > 1 << 16 {
            bytes += out.len();
            out.clear();
        }
    }
    bytes + out.len()
}

fn bench(c: &mut Criterion) {
    let paras = corpus();
    let bytes: usize = paras.iter().map(|p| p.len() + 1).sum();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let shaped = LayoutOptions::default();
    group.bench_function("arabic_width80_shaped", |b| {
        b.iter(|| black_box(lay_all(black_box(&paras), shaped)));
    });
    let unshaped = LayoutOptions {
        shaping: false,
        ..LayoutOptions::default()
    };
    group.bench_function("arabic_width80_unshaped", |b| {
        b.iter(|| black_box(lay_all(black_box(&paras), unshaped)));
    });
    group.bench_function("arabic_width80_plain", |b| {
        b.iter(|| black_box(print_all(black_box(&paras), shaped)));
    });
    group.finish();
}

fn main() {
    if let Ok(path) = std::env::var("BITEXT_CORPUS_OUT") {
        let mut text = corpus().join("\n");
        text.push('\n');
        std::fs::write(path, text).unwrap();
        return;
    }
    if let Ok(path) = std::env::var("BITEXT_CORPUS_IN") {
        let text = std::fs::read_to_string(path).unwrap();
        let paras: Vec<String> = text.lines().map(str::to_string).collect();
        let opts = LayoutOptions::default();
        let runs: [(&str, &LayAll); 2] = [
            ("bitext_mb_per_s", &lay_all),
            ("bitext_plain_mb_per_s", &print_all),
        ];
        for (name, run) in runs {
            run(&paras, opts); // warm up
            let mut secs = f64::INFINITY;
            for _ in 0..5 {
                let start = Instant::now();
                black_box(run(black_box(&paras), opts));
                secs = secs.min(start.elapsed().as_secs_f64());
            }
            println!("{name} {:.2}", text.len() as f64 / secs / 1e6);
        }
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
