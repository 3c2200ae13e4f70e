//! No false alarms on faithful translations: the aligner's fixture articles (written for the
//! repository, each side a translation of the other) must come out with at most one reported
//! mismatch per ten pairs, and their named entities linked across the languages.

use bitext::document::parse_single;
use bitext::entities::annotate;
use std::path::Path;

#[test]
fn faithful_translations_raise_few_alarms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pairs = 0;
    let mut alarms = Vec::new();
    let mut bilingual = 0;
    let mut one_sided = Vec::new();
    for dir in ["align", "formats"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Files holding both languages (not the one-language halves or the TSV forms).
            if p.extension().is_none_or(|e| e != "txt")
                || matches!(name.as_str(), "ar.txt" | "en.txt" | "arabic-only.txt")
            {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut doc = parse_single(&name, &text);
            annotate(&mut doc);
            if doc.is_monolingual() {
                continue;
            }
            pairs += doc.pairs.len();
            alarms.extend(
                doc.discrepancies
                    .iter()
                    .map(|d| format!("{name}: pair {} {}: {}", d.pair, d.kind, d.detail)),
            );
            for e in &doc.entities {
                if e.label.ar.is_some() && e.label.en.is_some() {
                    bilingual += 1;
                } else {
                    one_sided.push(format!(
                        "{name}: {:?} {:?} {:?}",
                        e.kind, e.label.ar, e.label.en
                    ));
                }
            }
        }
    }
    assert!(pairs >= 30, "only {pairs} pairs in the fixtures");
    assert!(
        alarms.len() * 10 <= pairs,
        "{} alarms over {pairs} pairs:\n{}",
        alarms.len(),
        alarms.join("\n")
    );
    assert!(
        bilingual >= 4 * one_sided.len(),
        "{bilingual} linked, one-sided:\n{}",
        one_sided.join("\n")
    );
}
