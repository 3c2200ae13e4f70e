//! Paragraph alignment of 100,000 paragraphs a side (the scale target: under 1 s), without and
//! with the entity layer's anchor keys (`entities::anchors`, as the reader runs it).
//!
//! The document is the bundled sample repeated with its digits varied per copy (the same on both
//! sides), so the anchors stay meaningful and no two copies are identical.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use bitext::document::{self, Paragraph, align};
use bitext::entities::anchors;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn vary(text: &str, k: usize) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + k as u32 * 7) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

fn paragraphs(n: usize) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let sample = document::parse_single("sample", bitext::source::SAMPLE);
    let (mut ar, mut en) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut k = 0;
    while ar.len() < n {
        for p in &sample.paragraphs.ar {
            ar.push(Paragraph {
                text: vary(&p.text, k),
                ..p.clone()
            });
        }
        for p in &sample.paragraphs.en {
            en.push(Paragraph {
                text: vary(&p.text, k),
                ..p.clone()
            });
        }
        k += 1;
    }
    ar.truncate(n);
    en.truncate(n);
    (ar, en)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [1_000, 100_000] {
        let (ar, en) = paragraphs(n);
        group.bench_function(format!("{n} paragraphs a side"), |b| {
            b.iter(|| align::align(black_box(&ar), black_box(&en)));
        });
        // As the reader aligns: with the entity layer's names and places as anchors.
        group.bench_function(format!("{n} paragraphs a side, anchored"), |b| {
            b.iter(|| align::align_with(black_box(&ar), black_box(&en), anchors::keys));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
