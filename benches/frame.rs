//! Time per frame of the reader (key, update, draw to a `TestBackend`) at 200x60, on a 50 KB and
//! a 50 MB document made from the seed article with varied numbers. The two must cost the same:
//! a frame lays out only what is on the screen. Target: under 1 ms.
//!
//! Run: `cargo bench --bench frame`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use bitext::config::Config;
use bitext::document::{Document, Pair, parse_single};
use bitext::tui::{App, Input, render};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;

/// The seed article repeated until its text reaches `bytes`, each copy's numbers changed so no
/// two copies are the same text.
fn document_of(bytes: usize) -> Document {
    let seed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/000_18ef8cb601dfb36a.txt");
    let seed = parse_single("seed", &std::fs::read_to_string(seed_path).unwrap());
    let mut doc = Document {
        sources: seed.sources.clone(),
        ..Document::default()
    };
    let mut size = 0;
    let mut copy = 0usize;
    while size < bytes {
        let (ar0, en0) = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
        let vary = |text: &str| -> String {
            text.chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + copy as u32) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect()
        };
        for p in &seed.paragraphs.ar {
            let mut p = p.clone();
            p.text = vary(&p.text);
            size += p.text.len();
            doc.paragraphs.ar.push(p);
        }
        for p in &seed.paragraphs.en {
            let mut p = p.clone();
            p.text = vary(&p.text);
            size += p.text.len();
            doc.paragraphs.en.push(p);
        }
        for pair in &seed.pairs {
            doc.pairs.push(Pair {
                ar: pair.ar.iter().map(|i| i + ar0).collect(),
                en: pair.en.iter().map(|i| i + en0).collect(),
                score: pair.score,
            });
        }
        copy += 1;
    }
    doc
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_200x60");
    for (name, bytes) in [("50KB", 50_000), ("50MB", 50_000_000)] {
        let doc = document_of(bytes);
        let mut app = App::new(doc, Config::default(), (200, 60));
        // Read from the middle of the document.
        let middle = app.view.pairs() / 2;
        app.go_to_pair(middle);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        terminal
            .draw(|f| render::draw(&mut app, f.buffer_mut()))
            .unwrap();
        // Keys that come back where they started: the steady cost of a frame.
        let keys: Vec<_> = bitext::tui::driver::parse_keys("jjj}}kk{{kj<C-d><C-u>").unwrap();
        let mut i = 0;
        group.bench_function(format!("{name}/steady"), |b| {
            b.iter(|| {
                app.handle(Input::Key(keys[i % keys.len()]));
                i += 1;
                terminal
                    .draw(|f| render::draw(&mut app, f.buffer_mut()))
                    .unwrap();
                black_box(app.nav.top)
            });
        });
        // Reading forward with `}`: each frame brings a pair never laid out before.
        if bytes >= 1_000_000 {
            let next = bitext::tui::driver::parse_keys("}").unwrap()[0];
            group.bench_function(format!("{name}/forward"), |b| {
                b.iter(|| {
                    app.handle(Input::Key(next));
                    terminal
                        .draw(|f| render::draw(&mut app, f.buffer_mut()))
                        .unwrap();
                    black_box(app.nav.top)
                });
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60);
    targets = frames
}
criterion_main!(benches);
