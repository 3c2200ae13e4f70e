//! The structured-format parsers on their own (issue 16): the two fixture web pages, a
//! translation memory of about 3 MB as TMX and as XLIFF (the sample's pairs repeated), the same
//! TMX read in 1 MB chunks as a large file is, and the pairing by time of 20 000 cues a side.
//! The whole-process figures (first screen of 3 MB against 300 MB) are in
//! `scripts/bench-formats.py`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use bitext::document::{self, Lang, html, subtitles, tmx, xliff};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(path).unwrap()
}

/// The sample's pairs (escaped for XML), repeated to about `bytes`.
fn pairs(bytes: usize) -> Vec<(String, String)> {
    let doc = document::parse_single("sample", bitext::source::SAMPLE);
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut out = Vec::new();
    let mut size = 0;
    while size < bytes {
        for p in &doc.pairs {
            let text_of = |lang: Lang, idx: bitext::document::Side| -> String {
                idx.iter()
                    .map(|i| esc(&doc.paragraphs.of(lang)[i].text))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (arabic, english) = (text_of(Lang::Ar, p.ar), text_of(Lang::En, p.en));
            size += arabic.len() + english.len() + 120;
            out.push((arabic, english));
        }
    }
    out
}

fn tmx_text(bytes: usize) -> String {
    let mut t = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    for (i, (a, e)) in pairs(bytes).iter().enumerate() {
        writeln!(
            t,
            "<tu tuid=\"{i}\"><prop type=\"x-domain\">news</prop><tuv xml:lang=\"ar-SA\"><seg>{a}</seg></tuv>\n<tuv xml:lang=\"en-US\"><seg>{e} <ph>&lt;br/&gt;</ph></seg></tuv></tu>"
        )
        .unwrap();
    }
    t.push_str("</body></tmx>\n");
    t
}

fn xliff_text(bytes: usize) -> String {
    let mut t = String::from(
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ar\"><body>\n",
    );
    for (i, (a, e)) in pairs(bytes).iter().enumerate() {
        writeln!(
            t,
            "<trans-unit id=\"{i}\"><source>{e}</source><target>{a}</target></trans-unit>"
        )
        .unwrap();
    }
    t.push_str("</body></file></xliff>\n");
    t
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("formats");
    for name in ["article-ar.html", "article-en.html"] {
        let bytes = fixture(name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let page = html::decode(black_box(&bytes));
                html::paragraphs(&page.text, 0).len()
            });
        });
    }
    let memory = tmx_text(3 << 20);
    g.throughput(Throughput::Bytes(memory.len() as u64));
    g.bench_function("tmx_3MB", |b| {
        b.iter(|| tmx::parse(black_box(&memory)).unwrap().0.len());
    });
    g.bench_function("tmx_3MB_in_1MB_chunks", |b| {
        b.iter(|| {
            let mut reader = tmx::TmxReader::new();
            let bytes = memory.as_bytes();
            let (mut at, mut n) = (0, 0);
            while at < bytes.len() {
                let end = (at + (1 << 20)).min(bytes.len());
                at += reader.feed(&bytes[at..end], end == bytes.len()).unwrap();
                n += reader.take_units().len();
                if end == bytes.len() {
                    break;
                }
            }
            n
        });
    });
    let xlf = xliff_text(3 << 20);
    g.throughput(Throughput::Bytes(xlf.len() as u64));
    g.bench_function("xliff_3MB", |b| {
        b.iter(|| xliff::parse(black_box(&xlf)).unwrap().0.len());
    });
    let cue = |i: u64, shift: u64, text: &str| subtitles::Cue {
        start: i * 3000 + shift,
        end: i * 3000 + 2500 + shift,
        text: text.to_owned(),
        line: 1,
    };
    let ar: Vec<_> = (0..20_000).map(|i| cue(i, 120, "نص")).collect();
    let en: Vec<_> = (0..20_000).map(|i| cue(i, 0, "text")).collect();
    g.throughput(Throughput::Elements(40_000));
    g.bench_function("pair_20000_cues", |b| {
        b.iter(|| subtitles::pair(black_box(&ar), black_box(&en)).len());
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
