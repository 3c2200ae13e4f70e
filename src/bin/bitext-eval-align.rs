//! `bitext-eval-align`: score the aligner and the translation check on article pairs with a true
//! alignment (the NTREX layout: a folder per document with `AR.txt` and `EN.txt`, one paragraph a
//! line, and `gold.json` whose `beads` list `[[ar indices], [en indices]]`).
//!
//! Prints the aligner's strict and lax F1 over beads and the documents aligned exactly; the
//! check's reports per pair on the faithful texts (on the true alignment, so that alignment errors
//! do not count against the check); and the share of planted errors it finds: copies of each
//! document where every pair's English gets one error of one kind (a number, a year, a month, a
//! person, a place, or a person added), chosen by `--seed`. The reports on the faithful texts are
//! also counted by kind, to show which class of false alarm dominates, and counted again with
//! every pair checked alone, as a document of its own (no other paragraph names its people and
//! places: what a short article gets). A planted error is found when its pair
//! gets a report the faithful document did not have. `--notes` lists the misaligned beads, the
//! false alarms and the missed errors; `--no-anchors` aligns without the entity layer's anchor
//! keys (`entities::anchors`), to measure what they bring. The only I/O is here; the scoring lives in the library
//! (`document::align::BeadScore`, `entities::plant`).

use bitext::document::align::{self, Bead, BeadScore};
use bitext::document::parse::is_heading;
use bitext::document::{Discrepancy, Document, Lang, Pair, Paragraph, Paragraphs};
use bitext::entities::plant::{PlantKind, Rng, plant};
use bitext::entities::{anchors, annotate, detect_paragraph};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Doc {
    name: String,
    ar: Vec<Paragraph>,
    en: Vec<Paragraph>,
    gold: Vec<Bead>,
}

fn paragraphs(text: &str) -> Vec<Paragraph> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Paragraph {
            text: l.trim_end().to_string(),
            heading: is_heading(l),
            line: bitext::document::narrow(i + 1),
            source: 0,
        })
        .collect()
}

fn load(dir: &Path) -> Result<Doc, String> {
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()))
    };
    let gold: serde_json::Value = serde_json::from_str(&read("gold.json")?)
        .map_err(|e| format!("{}: {e}", dir.join("gold.json").display()))?;
    let bad = || format!("{}: `beads` is not a list of index pairs", dir.display());
    let list = |v: &serde_json::Value| -> Option<Vec<usize>> {
        v.as_array()?
            .iter()
            .map(|x| x.as_u64().map(|n| n as usize))
            .collect()
    };
    let beads = gold
        .get("beads")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(bad)?
        .iter()
        .map(|b| Some((list(b.get(0)?)?, list(b.get(1)?)?)))
        .collect::<Option<Vec<Bead>>>()
        .ok_or_else(bad)?;
    let (ar, en) = (paragraphs(&read("AR.txt")?), paragraphs(&read("EN.txt")?));
    let out_of_range = beads
        .iter()
        .any(|(a, e)| a.iter().any(|&i| i >= ar.len()) || e.iter().any(|&j| j >= en.len()));
    if out_of_range {
        return Err(format!(
            "{}: a bead names a paragraph past the end",
            dir.display()
        ));
    }
    let name = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Doc {
        name,
        ar,
        en,
        gold: beads,
    })
}

/// Document folders: each argument is one, or holds them.
fn folders(args: &[String]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.join("gold.json").is_file() {
            out.push(p);
        } else {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|d| d.join("gold.json").is_file())
                .collect();
            v.sort();
            out.extend(v);
        }
    }
    Ok(out)
}

fn document(ar: &[Paragraph], en: &[Paragraph], beads: &[Bead]) -> Document {
    let mut doc = Document {
        paragraphs: Paragraphs {
            ar: ar.to_vec(),
            en: en.to_vec(),
        },
        pairs: beads
            .iter()
            .map(|(a, e)| Pair {
                ar: a.as_slice().into(),
                en: e.as_slice().into(),
                score: 1.0,
            })
            .collect(),
        ..Document::default()
    };
    annotate(&mut doc);
    doc
}

fn reports_of(doc: &Document, pair: usize) -> Vec<&Discrepancy> {
    doc.discrepancies
        .iter()
        .filter(|d| d.pair == pair)
        .collect()
}

#[derive(Default)]
struct Tally {
    planted: usize,
    found: usize,
}

/// Below this confidence the reader marks a pair as unsure.
const LOW: f64 = 0.5;

struct Options {
    seed: u64,
    notes: bool,
    anchors: bool,
}

#[allow(clippy::too_many_lines)] // one pass: align, check, plant
fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "usage: bitext-eval-align [--notes] [--no-anchors] [--seed N] DIR...\n  \
             DIR: a document folder (AR.txt, EN.txt, gold.json) or a folder of them"
        );
        return ExitCode::SUCCESS;
    }
    let mut opts = Options {
        seed: 12,
        notes: false,
        anchors: true,
    };
    if let Some(i) = args.iter().position(|a| a == "--seed") {
        let Some(n) = args.get(i + 1).and_then(|s| s.parse().ok()) else {
            eprintln!("bitext-eval-align: --seed needs a number");
            return ExitCode::FAILURE;
        };
        opts.seed = n;
        args.drain(i..=i + 1);
    }
    opts.notes = args.iter().any(|a| a == "--notes");
    opts.anchors = !args.iter().any(|a| a == "--no-anchors");
    args.retain(|a| a != "--notes" && a != "--no-anchors");
    let dirs = match folders(&args) {
        Ok(d) if !d.is_empty() => d,
        Ok(_) => {
            eprintln!("bitext-eval-align: no document folder (with gold.json) found");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("bitext-eval-align: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut beads = BeadScore::default();
    // Confidence of the wrong and of the right beads: (sum, count), and how many are low.
    let mut confidence = [(0.0f64, 0usize); 2];
    let mut low = [0usize; 2];
    // Brier score of the confidences as probabilities that a bead is right.
    let mut brier = 0.0f64;
    // Paragraphs present on one side only: (found one-sided, in the reference).
    let mut one_sided = (0usize, 0usize);
    let (mut pairs_checked, mut false_alarms) = (0usize, 0usize);
    // Reports on the faithful pairs each checked as a document of its own.
    let mut alone_alarms = 0usize;
    let mut tallies: BTreeMap<PlantKind, Tally> = BTreeMap::new();
    // Reports on the faithful texts by kind (person, place, omission, number, date).
    let mut by_kind: BTreeMap<_, usize> = BTreeMap::new();
    let mut notes = Vec::new();
    for (di, dir) in dirs.iter().enumerate() {
        let d = match load(dir) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("bitext-eval-align: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The aligner, with the entity layer's names as anchors (as the reader runs it).
        let aligned = if opts.anchors {
            align::align_with(&d.ar, &d.en, anchors::keys)
        } else {
            align::align(&d.ar, &d.en)
        };
        for p in &aligned {
            let right = d.gold.iter().any(|(a, e)| p.ar == a[..] && p.en == e[..]);
            let slot = &mut confidence[usize::from(right)];
            slot.0 += p.score;
            slot.1 += 1;
            if p.score < LOW {
                low[usize::from(right)] += 1;
            }
            brier += (p.score - f64::from(u8::from(right))).powi(2);
        }
        let found = align::beads(&aligned);
        let s = BeadScore::of(&d.gold, &found);
        beads.add(&s);
        for g in d.gold.iter().filter(|(a, e)| a.is_empty() || e.is_empty()) {
            one_sided.1 += 1;
            one_sided.0 += usize::from(found.contains(g));
        }
        if opts.notes {
            for b in found.iter().filter(|b| !d.gold.contains(b)) {
                notes.push(format!("{}: bead {:?} is not in the reference", d.name, b));
            }
        }
        // The check on the faithful text, over the true alignment.
        let faithful = document(&d.ar, &d.en, &d.gold);
        let two_sided: Vec<usize> = d
            .gold
            .iter()
            .enumerate()
            .filter(|(_, (a, e))| !a.is_empty() && !e.is_empty())
            .map(|(i, _)| i)
            .collect();
        pairs_checked += two_sided.len();
        false_alarms += faithful.discrepancies.len();
        for r in &faithful.discrepancies {
            *by_kind.entry(r.kind).or_default() += 1;
        }
        if opts.notes {
            for r in &faithful.discrepancies {
                notes.push(format!(
                    "{}: false alarm in pair {}: {}: {}",
                    d.name, r.pair, r.kind, r.detail
                ));
            }
        }
        // Each pair alone, as a document of its own: no other paragraph names its people and
        // places, as in a short article or a pair pasted by itself.
        for &bi in &two_sided {
            let Some((a, e)) = d.gold.get(bi) else {
                continue;
            };
            let pick = |side: &[Paragraph], idx: &[usize]| -> Vec<Paragraph> {
                idx.iter().filter_map(|&i| side.get(i).cloned()).collect()
            };
            let bead: Bead = ((0..a.len()).collect(), (0..e.len()).collect());
            let alone = document(&pick(&d.ar, a), &pick(&d.en, e), &[bead]);
            alone_alarms += alone.discrepancies.len();
            if opts.notes {
                for r in &alone.discrepancies {
                    notes.push(format!(
                        "{}: false alarm in pair {bi} alone: {}: {}",
                        d.name, r.kind, r.detail
                    ));
                }
            }
        }
        // Planted errors: one copy per kind, one error in every pair that has something to change.
        let spans: Vec<Vec<(std::ops::Range<usize>, bitext::document::EntityKind)>> =
            d.en.iter()
                .map(|p| detect_paragraph(Lang::En, &p.text, p.heading))
                .collect();
        for kind in PlantKind::ALL {
            let mut rng = Rng::new(
                opts.seed
                    .wrapping_mul(1_000_003)
                    .wrapping_add(di as u64 * 101 + kind as u64),
            );
            let mut en = d.en.clone();
            let mut planted = Vec::new();
            for &pi in &two_sided {
                let Some((_, ens)) = d.gold.get(pi) else {
                    continue;
                };
                let start = rng.below(ens.len());
                for k in 0..ens.len() {
                    let j = ens[(start + k) % ens.len()];
                    let Some(p) = en.get_mut(j) else { continue };
                    let empty = Vec::new();
                    let sp = spans.get(j).unwrap_or(&empty);
                    if let Some(change) = plant(&p.text, kind, sp, &mut rng) {
                        p.text.clone_from(&change.text);
                        p.heading = is_heading(&p.text);
                        planted.push((pi, change));
                        break;
                    }
                }
            }
            if planted.is_empty() {
                continue;
            }
            let changed = document(&d.ar, &en, &d.gold);
            let t = tallies.entry(kind).or_default();
            for (pi, change) in planted {
                let before = reports_of(&faithful, pi);
                let new = reports_of(&changed, pi)
                    .into_iter()
                    .any(|r| !before.contains(&r));
                t.planted += 1;
                if new {
                    t.found += 1;
                } else if opts.notes {
                    let said: Vec<String> = reports_of(&changed, pi)
                        .iter()
                        .map(|r| format!("{}: {}", r.kind, r.detail))
                        .collect();
                    notes.push(format!(
                        "{}: missed in pair {pi}: {} {:?} → {:?} (reports: {})",
                        d.name,
                        kind.name(),
                        change.from,
                        change.to,
                        if said.is_empty() {
                            "none".to_string()
                        } else {
                            said.join("; ")
                        }
                    ));
                }
            }
        }
    }
    // Written at once, and a reader that went away (| head) ends the program quietly.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} documents, {} reference beads, {} found",
        beads.documents, beads.gold, beads.found
    );
    let _ = writeln!(
        out,
        "aligner: strict F1 {:.3}, lax F1 {:.3}, documents aligned exactly {} of {} ({:.0}%)",
        beads.strict_f1(),
        beads.lax_f1(),
        beads.exact,
        beads.documents,
        100.0 * beads.exact as f64 / beads.documents.max(1) as f64
    );
    let _ = writeln!(
        out,
        "aligner: one-sided paragraphs kept one-sided {} of {}",
        one_sided.0, one_sided.1
    );
    let mean = |k: usize| confidence[k].0 / confidence[k].1.max(1) as f64;
    let _ = writeln!(
        out,
        "aligner confidence: mean {:.3} on right beads, {:.3} on wrong ones; below {LOW}: {} of {} wrong, {} of {} right; Brier score {:.4}",
        mean(1),
        mean(0),
        low[0],
        confidence[0].1,
        low[1],
        confidence[1].1,
        brier / (confidence[0].1 + confidence[1].1).max(1) as f64
    );
    let _ = writeln!(
        out,
        "check, faithful texts: {false_alarms} reports over {pairs_checked} pairs ({:.3} per pair)",
        false_alarms as f64 / pairs_checked.max(1) as f64
    );
    let _ = writeln!(
        out,
        "check, faithful pairs each alone (a document of one pair): {alone_alarms} reports over {pairs_checked} pairs ({:.3} per pair)",
        alone_alarms as f64 / pairs_checked.max(1) as f64
    );
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(
        out,
        "check, faithful texts, reports by kind: {}",
        if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(", ")
        }
    );
    let (mut planted, mut found) = (0, 0);
    for (kind, t) in &tallies {
        let _ = writeln!(
            out,
            "check, planted {:<8} found {:>4} of {:>4} ({:.0}%)",
            kind.name(),
            t.found,
            t.planted,
            100.0 * t.found as f64 / t.planted.max(1) as f64
        );
        if *kind != PlantKind::Addition {
            planted += t.planted;
            found += t.found;
        }
    }
    let _ = writeln!(
        out,
        "check, planted substitutions found {found} of {planted} ({:.0}%), seed {}",
        100.0 * found as f64 / f64::from(u32::try_from(planted.max(1)).unwrap_or(u32::MAX)),
        opts.seed
    );
    for n in &notes {
        let _ = writeln!(out, "  {n}");
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
