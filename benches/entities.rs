//! Speed of entity detection (rules and the learned tagger), linking and the check, in MB/s of
//! article text (target ≥ 5 MB/s on one core, issue 11). Input: the evaluation articles repeated into one aligned document of about 2 MB.
//!
//! Also: one pair of two paragraphs that list thousands of names (bounded pair-wise work).
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

/// One pair whose two paragraphs list thousands of different names, each side 60 KB (under
/// the 64 KiB paragraph limit): the pair-wise searches of linking and the check have to stay
/// bounded (this took minutes when every name was set against every other).
fn list_pair() -> Document {
    let syllables = [
        "ka", "ro", "mi", "ta", "lu", "sen", "dor", "vak", "zi", "pe", "han",
    ];
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    // A fixed linear congruential sequence: the same document on every run.
    let mut state = 12345u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let (mut en, mut ar) = (String::new(), String::new());
    while en.len() < 60_000 {
        let name = |n: &mut dyn FnMut(usize) -> usize| {
            let w: String = (0..3).map(|_| syllables[n(syllables.len())]).collect();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let (a, b, c) = (name(&mut next), name(&mut next), name(&mut next));
        en += &[a.as_str(), " ", &b, " met ", &c, " in Paris and "].concat();
    }
    while ar.len() < 60_000 {
        let mut word = || {
            (0..5)
                .map(|_| letters[next(letters.len())])
                .collect::<String>()
        };
        let (a, b, c) = (word(), word(), word());
        ar += &["التقى ", a.as_str(), " ", &b, " مع ", &c, " في باريس و"].concat();
    }
    let para = |text: String| Paragraph {
        text,
        heading: false,
        line: bitext::document::narrow(1),
        source: 0,
    };
    let mut doc = Document::default();
    doc.paragraphs.ar.push(para(ar));
    doc.paragraphs.en.push(para(en));
    doc.pairs.push(Pair {
        ar: bitext::document::Side::one(0),
        en: bitext::document::Side::one(0),
        score: 1.0,
    });
    doc
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
    let list = list_pair();
    g.throughput(Throughput::Bytes(120_000));
    g.bench_function("annotate one pair listing thousands of names", |b| {
        b.iter(|| black_box(analyse(black_box(&list))));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
