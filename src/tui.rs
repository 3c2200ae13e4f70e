//! The interactive reader: the only module that knows the terminal (ratatui + crossterm).
//!
//! It turns the view's rows and the layout engine's cells into ratatui cells, handles keys,
//! the mouse and resizes, and always restores the terminal. The state and its `update` live in
//! [`app`] and are pure (tests drive them with [`driver`]); [`render`] draws into a ratatui
//! buffer; only [`terminal`] touches the real terminal.

mod action;
pub mod app;
pub mod background;
pub mod driver;
pub mod render;
pub mod search;
pub mod sidebar;
pub mod state;
pub mod terminal;

pub use action::Action;
pub use app::{App, Input};

use crate::config::Config;
use crate::document::Parsed;
use state::{Saved, StateStore};

/// How the reader is run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// The key the reading position is saved under: the canonical path of the file (`None` for
    /// standard input and the sample, which have no position to keep).
    pub state_key: Option<String>,
    /// Whether to read and save the reading position (`--no-state` turns it off).
    pub save_state: bool,
}

/// A failure of the reader (the terminal could not be used).
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The terminal failed.
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Runs the reader on `parsed` until the user quits; restores the terminal in every case.
///
/// The first alignment windows are done before the first frame; the rest of the alignment and
/// the entity detection run in the background ([`background`]) while the user reads.
///
/// Warnings that are not failures (a damaged state file, a read-only data directory) are shown
/// in the status bar, and printed on standard error after the terminal is restored.
#[allow(clippy::needless_pass_by_value)] // the options are the caller's to give away
pub fn run(parsed: Parsed, config: Config, opts: RunOptions) -> Result<(), TuiError> {
    let mut warnings = Vec::new();
    let store = match (&opts.state_key, opts.save_state) {
        (Some(_), true) => match StateStore::open_default() {
            Ok(s) => Some(s),
            Err(e) => {
                warnings.push(e.to_string());
                None
            }
        },
        _ => None,
    };
    let mouse = config.input.mouse;
    let (doc, aligner, rest) = background::first_windows_and_rest(parsed);
    let mut app = App::new(doc, config, (80, 24));
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let saved = match (&store, &opts.state_key) {
        (Some(store), Some(key)) => match store.load(key) {
            Ok(s) => s,
            Err(e) => {
                warnings.push(e.to_string());
                None
            }
        },
        _ => None,
    };
    if let Some(w) = warnings.first() {
        app.message = Some(w.clone());
    }
    let stop = terminal::signal_flag()?;
    terminal::install_panic_hook();
    // Started before the saved position is restored: a position beyond the first windows is
    // then taken up when the rest of the pairs arrive.
    let mut work = background::Background::start_reading(&mut app, aligner, rest);
    let result = terminal::setup(mouse).and_then(|()| {
        if let Some(s) = &saved {
            // Size first, so the restored position is clamped at the real size.
            let size = crossterm::terminal::size()?;
            app.handle(Input::Resize(size.0, size.1));
            app.restore(s.pair, s.offset);
        }
        terminal::event_loop(&mut app, &stop, &mut work)
    });
    terminal::restore();
    if let (Some(store), Some(key)) = (&store, &opts.state_key) {
        let state = Saved {
            key: key.clone(),
            pair: app.top.pair,
            offset: app.top.offset,
            pairs: app.view.pairs(),
        };
        if let Err(e) = store.save(&state) {
            warnings.push(e.to_string());
        }
    }
    for w in &warnings {
        eprintln!("bitext: warning: {w}");
    }
    result.map_err(TuiError::from)
}
