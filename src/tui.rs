//! The interactive reader: the only module that knows the terminal (ratatui + crossterm).
//!
//! It turns the view's rows and the layout engine's cells into ratatui cells, handles keys,
//! the mouse and resizes, and always restores the terminal. The state and its `update` live in
//! [`app`] and are pure (tests drive them with [`driver`]); [`render`] draws into a ratatui
//! buffer; only [`terminal`] touches the real terminal.

pub mod app;
pub mod background;
pub mod discrepancies;
pub mod driver;
pub mod highlight;
mod input;
pub mod navigation;
pub mod render;
pub mod screen;
pub mod search;
pub mod sidebar;
pub mod state;
pub mod terminal;
#[cfg(test)]
mod testing;

/// The reader's commands, owned by [`crate::keymap`].
pub use crate::keymap::Action;
pub use app::{App, Input};

use crate::config::Config;
use crate::document::Parsed;
use crate::view::options::Settings;
use state::{Saved, StateStore};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// How the reader is run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// The key the reading position is saved under: the canonical path of the file, a name of
    /// its own for the bundled sample (`None` for standard input, which has no position to
    /// keep).
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
/// When an ending signal (SIGTERM, SIGINT, SIGHUP) arrives or the terminal goes away, the
/// reader is wound up the same way (terminal restored, position saved, warnings said), then the
/// process ends as that signal would end it (SIGHUP for a lost terminal): this function does not
/// return then.
///
/// The first alignment windows are done before the first frame; the rest of the alignment and
/// the entity detection run in the background ([`background`]) while the user reads.
///
/// Warnings that are not failures (a damaged state file, a read-only data directory) are shown
/// in the status bar, and printed on standard error after the terminal is restored.
#[allow(clippy::needless_pass_by_value)] // the options are the caller's to give away
pub fn run(
    parsed: Parsed,
    config: Config,
    settings: Settings,
    opts: RunOptions,
) -> Result<(), TuiError> {
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
    let config_ok = config.view.terminal_bidi_ok;
    let (doc, aligner, rest) = background::first_windows_and_rest(parsed);
    // The real size from the start, so the view is laid out once before the first frame (80x24
    // only when the terminal cannot say).
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::with_settings(doc, config, settings, size);
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
    let plan = terminal::bidi_plan(&terminal::detect_env(), config_ok);
    app.terminal_hint.clone_from(&plan.hint);
    // The watchdog's copy of the position, saved if the main thread cannot finish.
    let last: Arc<Mutex<Option<Saved>>> = Arc::new(Mutex::new(None));
    let signals = {
        let (last, store) = (Arc::clone(&last), store.clone());
        terminal::Signals::register(move || {
            let saved = last.try_lock().ok().and_then(|s| s.clone());
            if let (Some(store), Some(saved)) = (&store, saved) {
                let _ = store.save(&saved);
            }
        })?
    };
    terminal::install_panic_hook();
    // Started before the saved position is restored: a position beyond the first windows is
    // then taken up when the rest of the pairs arrive.
    let mut work = background::Background::start_reading(&mut app, aligner, rest);
    let position = |app: &App| {
        opts.state_key.as_ref().map(|key| Saved {
            key: key.clone(),
            pair: app.nav.top.pair,
            offset: app.nav.top.offset,
            pairs: app.view.pairs(),
            current: Some(app.nav.current),
        })
    };
    let mut observe = |app: &App| {
        if store.is_some()
            && let Ok(mut l) = last.lock()
        {
            *l = position(app);
        }
    };
    let result = terminal::setup(mouse, &plan).and_then(|()| {
        if let Some(s) = &saved {
            // Size first, so the restored position is clamped at the real size.
            let size = crossterm::terminal::size()?;
            app.handle(Input::Resize(size.0, size.1));
            app.restore_with_current(s.pair, s.offset, s.current);
        }
        terminal::event_loop(&mut app, &signals, &mut work, &mut observe)
    });
    terminal::restore();
    if let (Some(store), Some(state)) = (&store, position(&app))
        && let Err(e) = store.save(&state)
    {
        warnings.push(e.to_string());
    }
    warnings.extend(terminal::deferred_panics());
    // The terminal may be gone: what cannot be said is not an error.
    for w in &warnings {
        let _ = writeln!(std::io::stderr(), "bitext: warning: {w}");
    }
    // The background work is left as it is: the process ends here.
    drop(work);
    match result {
        Ok(end) => {
            if let Some(sig) = end.signal() {
                terminal::die_by(sig);
            }
            Ok(())
        }
        Err(e) => Err(TuiError::from(e)),
    }
}
