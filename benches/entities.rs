//! Speed of entity detection (rules and the learned tagger), linking and the check, in MB/s of
//! article text (target ≥ 5 MB/s on one core, issue 11). Input: the evaluation articles repeated into one aligned document of about 2 MB.
//!
//! Run: `cargo bench --bench entities`.

// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use bitext::document::{Document, Lang, Pair, Paragraph};
use bitext::entities::{analyse, detect_paragraph, eval};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// All evaluation articles as (Arabic, English) paragraph lists.
fn articles() -> Vec<(Vec<String>, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| eval::parse(&t).ok())
        .map(|a| (a.ar, a.en))
        .collect()
}

fn big_document(target_bytes: usize) -> Document {
    let arts = articles();
    let mut doc = Document::default();
    let mut bytes = 0;
    while bytes < target_bytes && !arts.is_empty() {
        for (ar, en) in &arts {
            for (a, e) in ar.iter().zip(en) {
                let i = doc.paragraphs.ar.len();
                let para = |t: &String| Paragraph {
                    text: t.clone(),
                    heading: eval::looks_like_heading(t),
                    line: bitext::document::narrow(i + 1),
                    source: 0,
                };
                doc.paragraphs.ar.push(para(a));
                doc.paragraphs.en.push(para(e));
                doc.pairs.push(Pair {
                    ar: bitext::document::Side::one(i),
                    en: bitext::document::Side::one(i),
                    score: 1.0,
                });
                bytes += a.len() + e.len();
            }
        }
    }
    eprintln!("bench document: {} pairs, {bytes} bytes", doc.pairs.len());
    doc
}

/// Nanoseconds this thread has spent on a CPU (Linux), so a busy machine does not distort
/// the figure as much as wall-clock time does.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Throughput in MB/s of on-CPU time over a few whole-document runs.
fn cpu_throughput(doc: &Document, bytes: usize) {
    let runs = 5;
    let (Some(t0), w0) = (thread_cpu_ns(), std::time::Instant::now()) else {
        return;
    };
    for _ in 0..runs {
        black_box(analyse(black_box(doc)));
    }
    let (Some(t1), wall) = (thread_cpu_ns(), w0.elapsed()) else {
        return;
    };
    let cpu = (t1 - t0) as f64 / 1e9;
    let mb = (bytes * runs) as f64 / 1e6;
    eprintln!(
        "annotate: {:.1} MB/s of CPU time ({mb:.1} MB in {cpu:.2} s on CPU, {:.2} s wall)",
        mb / cpu,
        wall.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let doc = big_document(2_000_000);
    let total: usize = doc
        .paragraphs
        .ar
        .iter()
        .chain(&doc.paragraphs.en)
        .map(|p| p.text.len())
        .sum();
    cpu_throughput(&doc, total);
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("annotate (detect, link, check) whole document", |b| {
        b.iter(|| black_box(analyse(black_box(&doc))));
    });
    for lang in [Lang::Ar, Lang::En] {
        let paras = doc.paragraphs.of(lang);
        let bytes: usize = paras.iter().map(|p| p.text.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("detect only {lang}"), |b| {
            b.iter(|| {
                for p in paras {
                    black_box(detect_paragraph(lang, &p.text, p.heading));
                }
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
