//! The real terminal: setup and restore, the event loop, signals and the panic hook.
//!
//! The terminal is always restored: on quit, on an error, on a panic (the hook restores first,
//! then the panic message is printed on the normal screen) and on SIGTERM, SIGHUP and SIGINT
//! (the reading position is saved too). Setup asks VTE-based terminals for explicit bidi mode
//! (`CSI 8 l`) so they do not reorder rows the reader has already laid out, and restores
//! implicit mode (`CSI 8 h`) at exit.

use super::app::{App, Input};
use super::render;
use crate::config::{KeyName, KeySpec};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Bidi mode: explicit (the application reorders), as VTE understands it.
const BIDI_EXPLICIT: &str = "\x1b[8l";
/// Bidi mode: implicit (the terminal's default).
const BIDI_IMPLICIT: &str = "\x1b[8h";

/// Whether the terminal is in the reader's mode (so restore runs once).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The key of a terminal key event, `None` for keys the reader does not use.
pub fn key_spec(e: &KeyEvent) -> Option<KeySpec> {
    let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
    let alt = e.modifiers.contains(KeyModifiers::ALT);
    let key = match e.code {
        KeyCode::Char(c) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Insert => KeyName::Insert,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    Some(KeySpec { key, ctrl, alt })
}

/// Puts the terminal in the reader's mode.
pub fn setup(mouse: bool) -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = std::io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    out.write_all(BIDI_EXPLICIT.as_bytes())?;
    out.flush()
}

/// Gives the terminal back as it was. Safe to call more than once and from the panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Installs a panic hook that restores the terminal before the message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Registers SIGTERM, SIGHUP and SIGINT to set a flag the event loop checks.
pub fn signal_flag() -> std::io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Runs the event loop until the user quits or a signal arrives.
pub fn event_loop(
    app: &mut App,
    stop: &AtomicBool,
    work: &mut super::background::Background,
) -> std::io::Result<()> {
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut terminal = ratatui::Terminal::new(backend)?;
    let size = terminal.size()?;
    app.handle(Input::Resize(size.width, size.height));
    while !app.quit && !stop.load(Ordering::SeqCst) {
        terminal.draw(|f| render::draw(app, f.buffer_mut()))?;
        // Wait for input, waking up now and then to notice signals, and more often while the
        // background work may send something (its progress is shown; its results swap in).
        let mut wait = if work.is_running() { 50 } else { 200 };
        loop {
            if event::poll(Duration::from_millis(wait))? {
                break;
            }
            if work.poll(app) || stop.load(Ordering::SeqCst) {
                break;
            }
            wait = if work.is_running() { 50 } else { 200 };
        }
        work.poll(app);
        if !event::poll(Duration::ZERO)? {
            continue;
        }
        // Drain what is queued (a resize storm ends in one draw).
        loop {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    if let Some(spec) = key_spec(&k) {
                        app.handle(Input::Key(spec));
                    }
                }
                Event::Resize(w, h) => app.handle(Input::Resize(w, h)),
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollDown => app.handle(Input::Wheel(super::app::WHEEL_ROWS)),
                    MouseEventKind::ScrollUp => app.handle(Input::Wheel(-super::app::WHEEL_ROWS)),
                    _ => {}
                },
                _ => {}
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

/// The width of the terminal on standard output, if it is one.
pub fn stdout_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w)
        .filter(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn terminal_keys_map_to_config_keys() {
        let k = |s: &str| KeySpec::parse(s).unwrap();
        assert_eq!(
            key_spec(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(k("j"))
        );
        // Shift is already in the character.
        assert_eq!(
            key_spec(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(k("G"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::Char('}'), KeyModifiers::SHIFT)),
            Some(k("}"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(k("Ctrl-d"))
        );
        assert_eq!(
            key_spec(&ev(
                KeyCode::Char('D'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            )),
            Some(k("Ctrl-d"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(k("S-Tab"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::PageDown, KeyModifiers::NONE)),
            Some(k("PageDown"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::F(1), KeyModifiers::NONE)),
            Some(k("F1"))
        );
        assert_eq!(
            key_spec(&ev(KeyCode::Char('ن'), KeyModifiers::NONE)),
            Some(k("ن"))
        );
        assert_eq!(key_spec(&ev(KeyCode::CapsLock, KeyModifiers::NONE)), None);
    }
}
