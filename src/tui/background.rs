//! The work the reader does not wait for: the alignment of a long document beyond its first
//! windows, then the entity detection, on a thread of its own. The reader shows the first screen
//! at once, stays responsive meanwhile (it only polls a channel between frames), shows the
//! progress in the sidebar, and takes each result in without moving the reading position.
//!
//! The document is shared as an `Arc`: the worker reads the paragraphs while the reader draws
//! them. The worker drops its handle before it sends a result, so the reader, the only holder
//! then, changes the document in place (`Arc::make_mut` copies nothing), and hands it back for
//! the next stage.
//!
//! No terminal here; the event loop in [`super::terminal`] calls [`Background::poll`].

use super::app::{App, Loading};
use crate::document::align::Aligner;
use crate::document::{Discrepancy, Document, Entity, Lang, Pair, Paragraphs, Parsed, Rest};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

/// What the worker reports.
#[derive(Debug)]
enum Update {
    /// Paragraphs aligned so far and in all.
    Aligning(usize, usize),
    /// Pairs whose entities are found so far, and in all.
    Entities(usize, usize),
    /// The rest of the pairs; the worker waits for the document back (with these pairs) to
    /// find the entities.
    Pairs(Vec<Pair>),
    /// More of a large input, read: its paragraphs, its pairs, its warnings, and the bytes read
    /// so far and in all.
    More(Paragraphs, Vec<Pair>, Vec<String>, (u64, u64)),
    /// The entities and discrepancies of the whole document; the worker is done.
    Analysis(Vec<Entity>, Vec<Discrepancy>),
}

/// The background work of one reader session.
#[derive(Debug)]
pub struct Background {
    updates: Receiver<Update>,
    give_back: Sender<Arc<Document>>,
    worker: Option<JoinHandle<()>>,
}

/// Aligns the first windows of `parsed` (enough for the first screens, and all of an ordinary
/// article), and returns the document as it stands with the alignment left to do.
pub fn first_windows(parsed: Parsed) -> (Document, Option<Aligner>) {
    let (doc, aligner, _) = first_windows_and_rest(parsed);
    (doc, aligner)
}

/// [`first_windows`], and the rest of a large input still to read (see [`Background::start_reading`]).
pub fn first_windows_and_rest(
    mut parsed: Parsed,
) -> (Document, Option<Aligner>, Option<Box<dyn Rest>>) {
    if parsed.aligner.is_some() {
        parsed.step();
    }
    (parsed.doc, parsed.aligner, parsed.rest)
}

impl Background {
    /// Starts the work on `app`'s document: the rest of the alignment (when `aligner` is
    /// given), then the entities. The app shows the progress from now on.
    pub fn start(app: &mut App, aligner: Option<Aligner>) -> Background {
        Background::start_reading(app, aligner, None)
    }

    /// [`Background::start`], reading first the `rest` of a large input (its pairs are given:
    /// there is nothing to align); the sidebar shows the bytes read meanwhile.
    pub fn start_reading(
        app: &mut App,
        aligner: Option<Aligner>,
        rest: Option<Box<dyn Rest>>,
    ) -> Background {
        let (tx, updates) = mpsc::channel();
        let (give_back, docs) = mpsc::channel();
        let doc = Arc::clone(&app.doc);
        app.loading = Some(match &aligner {
            Some(a) => {
                let (i, j) = a.progress();
                Loading::Aligning {
                    done: i + j,
                    total: doc.paragraphs.ar.len() + doc.paragraphs.en.len(),
                }
            }
            None => match &rest {
                Some(rest) => {
                    let (done, total) = rest.progress();
                    Loading::Aligning {
                        done: done as usize,
                        total: total as usize,
                    }
                }
                None => Loading::Entities {
                    done: 0,
                    total: doc.pairs.len(),
                },
            },
        });
        let worker = thread::Builder::new()
            .name("bitext-background".into())
            .spawn(move || work(doc, aligner, rest, &tx, &docs))
            .ok();
        if worker.is_none() {
            // No thread: the reader still works, with the pairs and entities it has.
            app.loading = None;
        }
        Background {
            updates,
            give_back,
            worker,
        }
    }

    /// Takes in what the worker has sent since the last call, without waiting; returns
    /// whether anything changed (the screen should be drawn again).
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        loop {
            match self.updates.try_recv() {
                Ok(Update::Aligning(done, total)) => {
                    app.loading = Some(Loading::Aligning { done, total });
                }
                Ok(Update::Entities(done, total)) => {
                    app.loading = Some(Loading::Entities { done, total });
                }
                Ok(Update::More(paragraphs, pairs, warnings, (done, total))) => {
                    // The worker holds no handle while it reads: nothing is copied.
                    let doc = Arc::make_mut(&mut app.doc);
                    crate::document::reserve_for_rest(doc, (done, total), pairs.len());
                    doc.paragraphs.ar.extend(paragraphs.ar);
                    doc.paragraphs.en.extend(paragraphs.en);
                    doc.warnings.extend(warnings);
                    app.extend_pairs(pairs);
                    app.loading = Some(Loading::Aligning {
                        done: done as usize,
                        total: total as usize,
                    });
                }
                Ok(Update::Pairs(pairs)) => {
                    app.extend_pairs(pairs);
                    app.loading = Some(Loading::Entities {
                        done: 0,
                        total: app.doc.pairs.len(),
                    });
                    if self.give_back.send(Arc::clone(&app.doc)).is_err() {
                        app.loading = None;
                    }
                }
                Ok(Update::Analysis(entities, discrepancies)) => {
                    app.set_analysis(entities, discrepancies);
                    app.loading = None;
                    if let Some(w) = self.worker.take() {
                        let _ = w.join();
                    }
                }
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    // The worker is gone (finished, or failed): nothing more will come.
                    if let Some(w) = self.worker.take() {
                        let _ = w.join();
                    }
                    if app.loading.take().is_some() {
                        changed = true;
                    }
                    return changed;
                }
            }
            changed = true;
        }
    }

    /// Whether the worker may still send something.
    pub fn is_running(&self) -> bool {
        self.worker.is_some()
    }
}

/// The worker: align the rest, hand the pairs over, get the document back, find the entities.
fn work(
    doc: Arc<Document>,
    aligner: Option<Aligner>,
    rest: Option<Box<dyn Rest>>,
    tx: &Sender<Update>,
    docs: &Receiver<Arc<Document>>,
) {
    let doc = match rest {
        Some(rest) if aligner.is_none() => match read_rest(doc, rest, tx, docs) {
            Some(doc) => doc,
            None => return,
        },
        _ => doc,
    };
    let doc = match aligner {
        Some(mut aligner) => {
            let total = doc.paragraphs.ar.len() + doc.paragraphs.en.len();
            let mut pairs = Vec::new();
            while let Some(chunk) = aligner.next_chunk(&doc.paragraphs.ar, &doc.paragraphs.en) {
                pairs.extend(chunk);
                let (i, j) = aligner.progress();
                if tx.send(Update::Aligning(i + j, total)).is_err() {
                    return;
                }
            }
            // The reader must be the only holder when it adds the pairs.
            drop(doc);
            pairs.shrink_to_fit();
            if tx.send(Update::Pairs(pairs)).is_err() {
                return;
            }
            match docs.recv() {
                Ok(doc) => doc,
                Err(_) => return,
            }
        }
        None => doc,
    };
    let (entities, discrepancies) = analyse_in_windows(&doc, ENTITY_WINDOW, |done, total| {
        tx.send(Update::Entities(done, total)).is_ok()
    });
    drop(doc);
    let _ = tx.send(Update::Analysis(entities, discrepancies));
}

/// Reads the rest of a large input, sending its paragraphs and pairs as they come; then waits
/// for the document back (with them all) and returns it. `None` when the reader has gone.
fn read_rest(
    doc: Arc<Document>,
    mut rest: Box<dyn Rest>,
    tx: &Sender<Update>,
    docs: &Receiver<Arc<Document>>,
) -> Option<Arc<Document>> {
    let mut counts = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
    let name = doc
        .sources
        .first()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    // The reader must be the only holder when it adds what is read.
    drop(doc);
    let format = rest.format();
    while let Some(units) = rest.next_units() {
        let (paragraphs, pairs, split) = crate::document::units_after(units, counts, format, &name);
        counts.0 += paragraphs.ar.len();
        counts.1 += paragraphs.en.len();
        let mut warnings = rest.take_warnings();
        warnings.extend(split);
        tx.send(Update::More(paragraphs, pairs, warnings, rest.progress()))
            .ok()?;
    }
    let warnings = rest.take_warnings();
    if !warnings.is_empty() {
        tx.send(Update::More(
            Paragraphs::default(),
            Vec::new(),
            warnings,
            rest.progress(),
        ))
        .ok()?;
    }
    // No pairs left to add: the reader gives the document back for the entities.
    tx.send(Update::Pairs(Vec::new())).ok()?;
    docs.recv().ok()
}

/// An entity's kind and both labels (its tests check that no two entities share them).
#[cfg(test)]
type EntityKey = (crate::document::EntityKind, Option<String>, Option<String>);

#[cfg(test)]
fn entity_key(e: &Entity) -> EntityKey {
    (e.kind, e.label.ar.clone(), e.label.en.clone())
}

/// Pairs analysed together for entities. A document of up to this many pairs is analysed
/// whole; a longer one window by window (then linked across the windows), which bounds the
/// memory of the analysis by the window, not the document, and lets the sidebar show progress.
pub const ENTITY_WINDOW: usize = 1024;

/// The entities and discrepancies of `doc`, found `window` pairs at a time
/// ([`crate::entities::analyse`] on each window alone); the entities of the windows are then
/// linked across them ([`crate::entities::merge::merge_across_windows`]). `progress(done, total)` is told the pairs done after
/// each window; returning `false` stops the work early (what was found is returned).
pub fn analyse_in_windows(
    doc: &Document,
    window: usize,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> (Vec<Entity>, Vec<Discrepancy>) {
    let n = doc.pairs.len();
    if n <= window {
        let found = crate::entities::analyse(doc);
        progress(n, n);
        return found;
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut discrepancies = Vec::new();
    let mut start = 0;
    while start < n {
        let end = (start + window).min(n);
        let (part, ar0, en0) = crate::document::window(doc, start..end);
        let (found, disc) = crate::entities::analyse(&part);
        drop(part);
        for mut e in found {
            for m in &mut e.mentions {
                m.paragraph += match m.lang {
                    Lang::Ar => ar0,
                    Lang::En => en0,
                };
            }
            entities.push(e);
        }
        discrepancies.extend(disc.into_iter().map(|mut d| {
            d.pair += start;
            d
        }));
        start = end;
        if !progress(start, n) {
            break;
        }
    }
    // Linked across the windows: labels in common, one side only, a surname alone.
    (
        crate::entities::merge::merge_across_windows(entities),
        discrepancies,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::parse_paragraphs;

    /// A bilingual text long enough to take several alignment windows: numbered paragraphs,
    /// a heading every ten, each side in its own block.
    fn long_text(n: usize) -> String {
        let (ar, en): (Vec<String>, Vec<String>) = (0..n)
            .map(|i| {
                if i % 10 == 0 {
                    (format!("الفصل {i}"), format!("Chapter {i}"))
                } else {
                    (
                        format!("زار وفد من بغداد مدينة البصرة في اليوم {i} وناقش مشاريع المياه."),
                        format!(
                            "A delegation from Baghdad visited Basra on day {i} and discussed water projects."
                        ),
                    )
                }
            })
            .unzip();
        format!("{}\n\n{}\n", ar.join("\n"), en.join("\n"))
    }

    fn wait(bg: &mut Background, app: &mut App) {
        let start = std::time::Instant::now();
        while app.loading.is_some() {
            bg.poll(app);
            assert!(
                start.elapsed().as_secs() < 120,
                "background work did not finish"
            );
            thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn the_reader_gets_every_pair_and_the_entities_without_moving() {
        let text = long_text(3000);
        let whole = crate::document::parse_single("long", &text);
        let (entities, discrepancies) = analyse_in_windows(&whole, ENTITY_WINDOW, |_, _| true);
        let (doc, aligner) = first_windows(parse_paragraphs(&[("long", &text)]));
        assert!(
            aligner.is_some(),
            "3000 paragraphs take more than one window"
        );
        let first = doc.pairs.len();
        assert!(first > 0 && first < whole.pairs.len());
        let mut app = App::new(doc, Config::default(), (120, 40));
        app.go_to_pair(first / 2);
        app.press("jjj").unwrap();
        let top = app.nav.top;
        let row = app.view.row_of(top);
        let mut bg = Background::start(&mut app, aligner);
        assert!(app.loading.is_some());
        wait(&mut bg, &mut app);
        assert!(!bg.is_running());
        assert_eq!(app.nav.top, top);
        assert_eq!(app.view.row_of(top), row);
        assert_eq!(app.doc.pairs, whole.pairs);
        assert_eq!(app.view.pairs(), whole.pairs.len());
        assert!(!entities.is_empty());
        assert_eq!(app.doc.entities, entities);
        assert_eq!(app.doc.discrepancies, discrepancies);
        assert!(
            !app.sidebar.rows.is_empty(),
            "the sidebar lists the entities"
        );
        // The whole document is reachable now.
        app.press("G").unwrap();
        assert_eq!(app.nav.current, whole.pairs.len() - 1);
    }

    /// In windows, every mention still points at its own text in the whole document, each
    /// kind and label is one entity, and every discrepancy names a pair of the whole document.
    #[test]
    fn entities_found_in_windows_point_into_the_whole_document() {
        let text = long_text(600);
        let doc = crate::document::parse_single("long", &text);
        let mut steps = Vec::new();
        let (entities, discrepancies) = analyse_in_windows(&doc, 128, |done, total| {
            steps.push((done, total));
            true
        });
        let n = doc.pairs.len();
        assert_eq!(steps.last(), Some(&(n, n)));
        assert!(steps.len() >= 4, "{steps:?}");
        assert!(!entities.is_empty());
        let mut seen = std::collections::HashSet::new();
        for e in &entities {
            assert!(seen.insert(entity_key(e)), "merged: {:?}", e.label);
            for m in &e.mentions {
                let p = &doc.paragraphs.of(m.lang)[m.paragraph];
                assert_eq!(p.text.get(m.bytes.clone()), Some(m.text.as_str()));
            }
        }
        // Mentions from the last windows are there too (not only the first window's).
        let last_ar = entities
            .iter()
            .flat_map(|e| &e.mentions)
            .filter(|m| m.lang == Lang::Ar)
            .map(|m| m.paragraph)
            .max();
        assert!(last_ar.is_some_and(|p| p + 128 > doc.paragraphs.ar.len()));
        assert!(discrepancies.iter().all(|d| d.pair < n));
        // Stopping early keeps what was found.
        let (few, _) = analyse_in_windows(&doc, 128, |_, _| false);
        assert!(!few.is_empty() && few.len() <= entities.len());
    }

    /// A saved position beyond the first windows is reached once the pairs arrive; one the
    /// user has moved away from in the meantime is not forced on them.
    #[test]
    fn a_saved_position_beyond_the_first_windows_is_reached_when_the_pairs_arrive() {
        let text = long_text(3000);
        for moved in [false, true] {
            let (doc, aligner) = first_windows(parse_paragraphs(&[("long", &text)]));
            let first = doc.pairs.len();
            let mut app = App::new(doc, Config::default(), (120, 40));
            let mut bg = Background::start(&mut app, aligner);
            app.restore(2500, 0);
            assert!(app.nav.top.pair < first);
            if moved {
                app.press("k").unwrap();
            }
            let top = app.nav.top;
            wait(&mut bg, &mut app);
            if moved {
                assert_eq!(app.nav.top, top);
            } else {
                assert_eq!(app.nav.top.pair, 2500);
                assert_eq!(app.nav.current, 2500);
            }
        }
    }

    #[test]
    fn a_short_document_only_waits_for_its_entities() {
        let text = long_text(40);
        let (doc, aligner) = first_windows(parse_paragraphs(&[("short", &text)]));
        assert!(aligner.is_none(), "one window aligns a short document");
        let mut app = App::new(doc, Config::default(), (120, 40));
        let mut bg = Background::start(&mut app, aligner);
        assert!(matches!(
            app.loading,
            Some(Loading::Entities { done: 0, .. })
        ));
        wait(&mut bg, &mut app);
        let mut expected = crate::document::parse_single("short", &text);
        crate::entities::annotate(&mut expected);
        assert_eq!(app.doc.entities, expected.entities);
    }
}
