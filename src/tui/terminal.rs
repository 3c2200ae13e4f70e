//! The real terminal: setup and restore, the event loop, signals and the panic hook.
//!
//! **Bidi.** VTE-based terminals reorder right-to-left text themselves unless told not to; the
//! reader lays out every row already, so it asks for explicit mode (`CSI 8 l`). VTE applies the
//! mode to the row the cursor is on, and rows made later inherit it: so the escape is sent
//! *before* the alternate screen is entered, again inside it, and the alternate screen is then
//! cleared (which makes every row anew); implicit mode (`CSI 8 h`) is restored *after* the
//! alternate screen is left, on the shell's row. konsole and mlterm reorder every line and
//! accept an escape that turns that off for the session (konsole: the profile property
//! `BidiRenderingEnabled`, OSC 50; mlterm: `use_ctl`, OSC 5379), which is sent on entry and
//! undone at exit; kitty has no such escape, so the status bar names the setting to change
//! ([`detect`], [`BidiPlan`]). Inside tmux or screen no escape reaches the outer terminal, so
//! the hint is shown there instead.
//!
//! **Lifecycle.** The reader reads its terminal itself ([`Tty`], parsed by [`super::input`]):
//! it waits in `poll(2)` on the terminal and on a pipe the signal handlers write to, with no
//! timeout when nothing is going on, so an idle reader uses no CPU. End of input (EOF or EIO, a
//! hang-up) ends the reader like SIGHUP: the terminal is let go, the reading position saved, and
//! the process ends as the signal would end it (status 128 + 1 for SIGHUP). SIGTERM, SIGINT and
//! SIGHUP end it the same way; if the main thread cannot finish (a terminal that takes no more
//! output blocks every write), a watchdog thread saves the position and ends the process after
//! [`GRACE`], at once on a second signal. The background thread never keeps the process alive.
//!
//! The terminal is always restored: on quit, on an error, on a panic of the reader's thread
//! (the hook restores first, then the panic message is printed on the normal screen; a panic of
//! another thread is kept and printed after the terminal is restored) and on signals.

use super::app::{App, Input};
use super::input::InputParser;
use super::render;
use crate::keymap::{KeyName, KeySpec};
use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
    MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use rustix::event::{PollFd, PollFlags, Timespec};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
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

/// Bidi mode: explicit (the application reorders), as VTE understands it.
pub const BIDI_EXPLICIT: &str = "\x1b[8l";
/// Bidi mode: implicit (the terminal's default).
pub const BIDI_IMPLICIT: &str = "\x1b[8h";
/// Erase the whole screen: VTE makes the rows anew, in the bidi mode in force.
const CLEAR: &str = "\x1b[2J";

/// How long the main thread has to finish after SIGTERM, SIGINT or SIGHUP before the watchdog
/// ends the process.
pub const GRACE: Duration = Duration::from_millis(1500);

/// Whether the terminal is in the reader's mode (so restore runs once).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// What restore sends to undo the terminal's own bidi setting (konsole, mlterm).
static OWN_BIDI_ON: Mutex<&'static str> = Mutex::new("");
/// The thread that owns the terminal (its panics restore it).
static OWNER: Mutex<Option<std::thread::ThreadId>> = Mutex::new(None);
/// Panic messages of other threads, printed once the terminal is restored.
static DEFERRED_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A terminal emulator that reorders right-to-left text by itself, line by line, whatever the
/// application does: the reader's rows, already in visual order, come out reversed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reorderer {
    /// KDE's konsole (`KONSOLE_VERSION`).
    Konsole,
    /// kitty (`KITTY_WINDOW_ID`, `TERM=xterm-kitty`).
    Kitty,
    /// mlterm (`MLTERM`).
    Mlterm,
}

impl Reorderer {
    /// The terminal's name.
    pub fn name(self) -> &'static str {
        match self {
            Reorderer::Konsole => "konsole",
            Reorderer::Kitty => "kitty",
            Reorderer::Mlterm => "mlterm",
        }
    }

    /// The one setting of the terminal that makes it show cells as they are sent.
    pub fn setting(self) -> &'static str {
        match self {
            Reorderer::Konsole => {
                "Edit Profile › Appearance › untick Bi-Directional text rendering"
            }
            Reorderer::Kitty => "put force_ltr yes in kitty.conf",
            Reorderer::Mlterm => "start it as mlterm --ctl=false (use_ctl = false)",
        }
    }

    /// The escapes that turn the terminal's own bidi off and back on for this session, where
    /// it has them.
    fn escapes(self) -> Option<(&'static str, &'static str)> {
        match self {
            Reorderer::Konsole => Some((
                "\x1b]50;BidiRenderingEnabled=false\x07",
                "\x1b]50;BidiRenderingEnabled=true\x07",
            )),
            Reorderer::Mlterm => {
                Some(("\x1b]5379;use_ctl=false\x07", "\x1b]5379;use_ctl=true\x07"))
            }
            Reorderer::Kitty => None,
        }
    }

    /// The status bar's hint: the terminal, the setting, and how to say it is done (the
    /// reader cannot see the terminal's settings).
    pub fn hint(self) -> String {
        format!(
            "{} reorders Arabic again: {} (then terminal_bidi_ok = true)",
            self.name(),
            self.setting()
        )
    }
}

/// What the environment says about the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TerminalInfo {
    /// A VTE-based terminal (`VTE_VERSION`): understands the bidi mode escapes.
    pub vte: bool,
    /// A terminal that reorders by itself.
    pub reorderer: Option<Reorderer>,
    /// Inside tmux or screen: escapes meant for the outer terminal do not reach it.
    pub multiplexer: bool,
}

/// Reads the terminal's kind from environment variables (`var` gives a variable's value).
pub fn detect(var: impl Fn(&str) -> Option<OsString>) -> TerminalInfo {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let term = term.to_string_lossy();
    let reorderer = if set("KONSOLE_VERSION") {
        Some(Reorderer::Konsole)
    } else if set("KITTY_WINDOW_ID") || term == "xterm-kitty" {
        Some(Reorderer::Kitty)
    } else if set("MLTERM") {
        Some(Reorderer::Mlterm)
    } else {
        None
    };
    TerminalInfo {
        vte: set("VTE_VERSION"),
        reorderer,
        multiplexer: set("TMUX")
            || set("STY")
            || term.starts_with("screen")
            || term.starts_with("tmux"),
    }
}

/// The terminal of this process, from its environment.
pub fn detect_env() -> TerminalInfo {
    detect(|name| std::env::var_os(name))
}

/// What the reader does about the terminal's own bidi.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BidiPlan {
    /// Sent on entry to turn the terminal's own reordering off (konsole, mlterm), and on exit
    /// to turn it back on.
    pub own_off: &'static str,
    /// See `own_off`.
    pub own_on: &'static str,
    /// The status bar's hint, when the terminal will reorder and nothing can stop it.
    pub hint: Option<String>,
}

/// The plan for `info`. `terminal_ok` (the config's `terminal_bidi_ok`) says the user has set
/// the terminal up: nothing is sent and no hint shown.
pub fn bidi_plan(info: &TerminalInfo, terminal_ok: bool) -> BidiPlan {
    let Some(r) = info.reorderer.filter(|_| !terminal_ok) else {
        return BidiPlan::default();
    };
    match r.escapes() {
        Some((off, on)) if !info.multiplexer => BidiPlan {
            own_off: off,
            own_on: on,
            hint: None,
        },
        _ => BidiPlan {
            hint: Some(r.hint()),
            ..BidiPlan::default()
        },
    }
}

/// What `--print` does on this terminal: wrap its output in explicit bidi mode (VTE, when
/// standard output is the terminal), and the hint to say once on standard error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrintPlan {
    /// Send `CSI 8 l` before the output and `CSI 8 h` after it.
    pub explicit: bool,
    /// Said once on standard error.
    pub hint: Option<String>,
}

/// The `--print` plan for `info`, when standard output is a terminal (`tty`). The terminal's
/// own escapes (konsole, mlterm) are not used here: turning its bidi back on after printing
/// would reorder the printed lines again, so the hint is said instead.
pub fn print_plan(info: &TerminalInfo, tty: bool, terminal_ok: bool) -> PrintPlan {
    if !tty {
        return PrintPlan::default();
    }
    PrintPlan {
        explicit: info.vte,
        hint: info
            .reorderer
            .filter(|_| !terminal_ok)
            .map(|r| {
                format!(
                    "{} reorders right-to-left lines again, so the Arabic shows reversed; to see it as printed: {}",
                    r.name(),
                    r.setting()
                )
            }),
    }
}

/// Writes `--print`'s output inside explicit bidi mode when the plan says so: the mode is set
/// by [`PrintGuard::begin`] and restored when the guard is dropped, on every path.
#[derive(Debug)]
pub struct PrintGuard {
    explicit: bool,
}

impl PrintGuard {
    /// Says the plan's hint on standard error and sets explicit mode if needed.
    pub fn begin(plan: &PrintPlan) -> PrintGuard {
        if let Some(h) = &plan.hint {
            let _ = writeln!(std::io::stderr(), "bitext: {h}");
        }
        if plan.explicit {
            let mut out = std::io::stdout();
            let _ = out.write_all(BIDI_EXPLICIT.as_bytes());
            let _ = out.flush();
        }
        PrintGuard {
            explicit: plan.explicit,
        }
    }
}

impl Drop for PrintGuard {
    fn drop(&mut self) {
        if self.explicit {
            let mut out = std::io::stdout();
            let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Puts the terminal in the reader's mode: raw mode, explicit bidi mode on every row (see the
/// module's comment), the alternate screen, no cursor, the mouse if asked, and the terminal's
/// own reordering off where `plan` has an escape for it.
pub fn setup(mouse: bool, plan: &BidiPlan) -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Ok(mut owner) = OWNER.lock() {
        *owner = Some(std::thread::current().id());
    }
    if let Ok(mut on) = OWN_BIDI_ON.lock() {
        *on = plan.own_on;
    }
    let mut out = std::io::stdout();
    out.write_all(BIDI_EXPLICIT.as_bytes())?;
    execute!(out, EnterAlternateScreen)?;
    out.write_all(BIDI_EXPLICIT.as_bytes())?;
    out.write_all(CLEAR.as_bytes())?;
    out.write_all(plan.own_off.as_bytes())?;
    execute!(out, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    }
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
    let own_on = OWN_BIDI_ON.try_lock().map_or("", |s| *s);
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    // After leaving: VTE applies the mode to the row the cursor is on, the shell's row.
    let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
    let _ = out.write_all(own_on.as_bytes());
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Installs a panic hook that restores the terminal before the message is printed. A panic on
/// another thread than the terminal's (the background work) does not touch the terminal: its
/// message is kept for [`deferred_panics`] and the reader goes on.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let owner = OWNER.try_lock().ok().and_then(|o| *o);
        let here = std::thread::current();
        if ACTIVE.load(Ordering::SeqCst) && owner.is_some_and(|o| o != here.id()) {
            let name = here.name().unwrap_or("a thread").to_string();
            if let Ok(mut d) = DEFERRED_PANICS.lock() {
                d.push(format!("{name} failed: {info}"));
            }
            return;
        }
        restore();
        previous(info);
    }));
}

/// The panic messages of other threads kept while the terminal was in the reader's mode.
pub fn deferred_panics() -> Vec<String> {
    DEFERRED_PANICS
        .lock()
        .map(|mut d| std::mem::take(&mut *d))
        .unwrap_or_default()
}

/// The signals that end the reader.
const ENDING: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// The signals the reader waits for: their handlers write to a socket the event loop polls.
#[derive(Debug)]
pub struct Signals {
    wake: UnixStream,
    ending: Arc<AtomicUsize>,
    resized: Arc<AtomicBool>,
}

impl Signals {
    /// Registers SIGTERM, SIGHUP, SIGINT and SIGWINCH, and starts the watchdog: if the reader
    /// has not ended [`GRACE`] after an ending signal (or at once, on a second one), it calls
    /// `last_words` (which saves the position) and ends the process as the signal would.
    pub fn register(last_words: impl Fn() + Send + Sync + 'static) -> std::io::Result<Signals> {
        let (wake, write) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        let ending = Arc::new(AtomicUsize::new(0));
        let resized = Arc::new(AtomicBool::new(false));
        for sig in ENDING {
            signal_hook::flag::register_usize(sig, Arc::clone(&ending), sig as usize)?;
            signal_hook::low_level::pipe::register(sig, write.try_clone()?)?;
        }
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized))?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write)?;
        let mut watch = signal_hook::iterator::Signals::new(ENDING)?;
        let last_words = Arc::new(last_words);
        std::thread::Builder::new()
            .name("bitext-signals".into())
            .spawn(move || {
                let mut seen = false;
                for sig in watch.forever() {
                    if seen {
                        end_process(sig, &*last_words);
                    }
                    seen = true;
                    let last_words = Arc::clone(&last_words);
                    let _ = std::thread::Builder::new()
                        .name("bitext-watchdog".into())
                        .spawn(move || {
                            std::thread::sleep(GRACE);
                            end_process(sig, &*last_words);
                        });
                }
            })?;
        Ok(Signals {
            wake,
            ending,
            resized,
        })
    }

    /// The ending signal received, if any.
    pub fn ending(&self) -> Option<i32> {
        match self.ending.load(Ordering::SeqCst) {
            0 => None,
            s => i32::try_from(s).ok(),
        }
    }

    /// Empties the wake-up socket; returns whether the terminal was resized since last asked.
    fn drain(&self) -> bool {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
        self.resized.swap(false, Ordering::SeqCst)
    }
}

/// Ends the process as `sig` would, after `last_words`; touches no terminal (a write to a
/// terminal that takes no more output would block).
fn end_process(sig: i32, last_words: &dyn Fn()) -> ! {
    last_words();
    die_by(sig)
}

/// Ends the process with the default action of `sig`, so the parent sees it killed by that
/// signal (a shell reports 128 + the signal's number); exits with that status if it cannot.
pub fn die_by(sig: i32) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(sig);
    std::process::exit(128 + sig)
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The user quit.
    Quit,
    /// An ending signal arrived (its number).
    Signal(i32),
    /// The terminal went away (end of input, EIO, hang-up).
    Hangup,
}

impl End {
    /// The signal to end the process with after the reader is wound up: SIGHUP for a lost
    /// terminal, as a shell expects.
    pub fn signal(self) -> Option<i32> {
        match self {
            End::Quit => None,
            End::Signal(s) => Some(s),
            End::Hangup => Some(signal_hook::consts::SIGHUP),
        }
    }
}

/// The terminal's input: standard input when it is the terminal, else `/dev/tty`.
#[derive(Debug)]
pub struct Tty {
    file: Option<std::fs::File>,
    parser: InputParser,
}

impl Tty {
    /// Opens the terminal's input.
    pub fn open() -> std::io::Result<Tty> {
        let file = if std::io::stdin().is_terminal() {
            None
        } else {
            Some(
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open("/dev/tty")?,
            )
        };
        Ok(Tty {
            file,
            parser: InputParser::default(),
        })
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.file {
            Some(f) => f.as_fd(),
            None => rustix::stdio::stdin(),
        }
    }

    /// Whether the terminal has hung up (polled without waiting).
    pub fn hung_up(&self) -> bool {
        let fd = self.fd();
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        let zero = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        rustix::event::poll(&mut fds, Some(&zero)).is_ok()
            && fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
    }

    /// Reads what is there (the terminal polled readable); `None` when the input has ended.
    fn read(&mut self) -> std::io::Result<Option<Vec<Event>>> {
        let mut buf = [0u8; 4096];
        loop {
            match rustix::io::read(self.fd(), &mut buf) {
                Ok(0) | Err(rustix::io::Errno::IO) => return Ok(None),
                Ok(n) => {
                    self.parser.feed(buf.get(..n).unwrap_or_default());
                    return Ok(Some(self.parser.events(false)));
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(rustix::io::Errno::AGAIN) => return Ok(Some(Vec::new())),
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// What one wait brought.
enum Woken {
    /// Input events.
    Events(Vec<Event>),
    /// A signal (ending or resize) or a timeout.
    Nothing,
    /// The terminal is gone.
    Hangup,
}

/// Waits for input or a signal, at most `timeout` (`None`: as long as it takes).
fn wait(tty: &mut Tty, signals: &Signals, timeout: Option<Duration>) -> std::io::Result<Woken> {
    let ts = timeout.map(|t| Timespec {
        tv_sec: i64::try_from(t.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(t.subsec_nanos()),
    });
    let (tty_ready, sig_ready) = {
        let fd = tty.fd();
        let mut fds = [
            PollFd::new(&fd, PollFlags::IN),
            PollFd::new(&signals.wake, PollFlags::IN),
        ];
        match rustix::event::poll(&mut fds, ts.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(Woken::Nothing),
            Err(e) => return Err(e.into()),
        }
        (fds[0].revents(), !fds[1].revents().is_empty())
    };
    let mut events = Vec::new();
    if sig_ready
        && signals.drain()
        && let Ok((w, h)) = crossterm::terminal::size()
    {
        events.push(Event::Resize(w, h));
    }
    if tty_ready.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        return Ok(Woken::Hangup);
    }
    if tty_ready.contains(PollFlags::IN) {
        match tty.read()? {
            Some(e) => events.extend(e),
            None => return Ok(Woken::Hangup),
        }
    } else if tty.parser.pending() && !sig_ready {
        // Nothing more came: a lone ESC is the Esc key.
        events.extend(tty.parser.events(true));
    }
    Ok(if events.is_empty() {
        Woken::Nothing
    } else {
        Woken::Events(events)
    })
}

/// How long an unfinished escape sequence waits for the rest of its bytes.
const ESCAPE_WAIT: Duration = Duration::from_millis(30);
/// How often the background work is looked at while it runs.
const WORK_POLL: Duration = Duration::from_millis(50);

/// Runs the event loop until the user quits, an ending signal arrives or the terminal goes
/// away. `observe` sees the app after every frame (the watchdog's copy of the position).
pub fn event_loop(
    app: &mut App,
    signals: &Signals,
    work: &mut super::background::Background,
    observe: &mut dyn FnMut(&App),
) -> std::io::Result<End> {
    let mut tty = Tty::open()?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut terminal = ratatui::Terminal::new(backend)?;
    let end = frames(&mut terminal, &mut tty, app, signals, work, observe);
    if matches!(end, Ok(End::Hangup)) || tty.hung_up() {
        // Dropping it would show the cursor on a terminal that is gone and report the failure
        // on standard error, which is gone too (and `eprintln!` panics then).
        std::mem::forget(terminal);
    }
    end
}

/// The frames of [`event_loop`]: draw, wait, handle, until the reader ends.
fn frames(
    terminal: &mut ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>,
    tty: &mut Tty,
    app: &mut App,
    signals: &Signals,
    work: &mut super::background::Background,
    observe: &mut dyn FnMut(&App),
) -> std::io::Result<End> {
    let size = terminal.size()?;
    app.handle(Input::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        if app.quit {
            return Ok(End::Quit);
        }
        if let Some(sig) = signals.ending() {
            return Ok(End::Signal(sig));
        }
        if dirty {
            if let Err(e) = terminal.draw(|f| render::draw(app, f.buffer_mut())) {
                return if tty.hung_up() {
                    Ok(End::Hangup)
                } else {
                    Err(e)
                };
            }
            observe(app);
            dirty = false;
        }
        let timeout = if tty.parser.pending() {
            Some(ESCAPE_WAIT)
        } else if work.is_running() {
            Some(WORK_POLL)
        } else {
            None
        };
        match wait(tty, signals, timeout)? {
            Woken::Hangup => return Ok(End::Hangup),
            Woken::Nothing => {}
            Woken::Events(events) => {
                for e in events {
                    dirty |= handle_event(app, &e);
                    if app.quit {
                        break;
                    }
                }
            }
        }
        dirty |= work.poll(app);
    }
}

/// Gives one terminal event to the app; returns whether the screen may have changed.
fn handle_event(app: &mut App, e: &Event) -> bool {
    match e {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            if let Some(spec) = key_spec(k) {
                app.handle(Input::Key(spec));
                return true;
            }
            false
        }
        Event::Resize(w, h) => {
            app.handle(Input::Resize(*w, *h));
            true
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => {
                app.handle(Input::Wheel(super::app::WHEEL_ROWS));
                true
            }
            MouseEventKind::ScrollUp => {
                app.handle(Input::Wheel(-super::app::WHEEL_ROWS));
                true
            }
            _ => false,
        },
        _ => false,
    }
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

    fn info(vars: &[(&str, &str)]) -> TerminalInfo {
        detect(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn terminals_are_told_apart_by_their_environment() {
        assert_eq!(info(&[("TERM", "xterm-256color")]), TerminalInfo::default());
        assert!(info(&[("VTE_VERSION", "7006")]).vte);
        assert!(!info(&[("VTE_VERSION", "")]).vte);
        let r = |vars: &[(&str, &str)]| info(vars).reorderer;
        assert_eq!(
            r(&[("KONSOLE_VERSION", "221203")]),
            Some(Reorderer::Konsole)
        );
        assert_eq!(r(&[("KITTY_WINDOW_ID", "1")]), Some(Reorderer::Kitty));
        assert_eq!(r(&[("TERM", "xterm-kitty")]), Some(Reorderer::Kitty));
        assert_eq!(r(&[("MLTERM", "3.9.0")]), Some(Reorderer::Mlterm));
        assert!(info(&[("TMUX", "/tmp/tmux-0/default,1,0")]).multiplexer);
        assert!(info(&[("TERM", "screen-256color")]).multiplexer);
        assert!(info(&[("STY", "1.pts-0.host")]).multiplexer);
    }

    #[test]
    fn an_escape_where_the_terminal_has_one_else_a_hint() {
        let konsole = info(&[("KONSOLE_VERSION", "221203")]);
        let plan = bidi_plan(&konsole, false);
        assert!(plan.own_off.contains("BidiRenderingEnabled=false"));
        assert!(plan.own_on.contains("BidiRenderingEnabled=true"));
        assert_eq!(plan.hint, None);
        let mlterm = bidi_plan(&info(&[("MLTERM", "3.9.0")]), false);
        assert!(mlterm.own_off.contains("use_ctl=false") && mlterm.hint.is_none());
        let kitty = bidi_plan(&info(&[("KITTY_WINDOW_ID", "1")]), false);
        assert_eq!(kitty.own_off, "");
        assert!(kitty.hint.unwrap().contains("force_ltr yes"));
        // In tmux the escape cannot reach konsole: the hint instead.
        let inside = info(&[("KONSOLE_VERSION", "221203"), ("TMUX", "x")]);
        let plan = bidi_plan(&inside, false);
        assert_eq!(plan.own_off, "");
        assert!(plan.hint.unwrap().contains("Bi-Directional text rendering"));
        // The user says the terminal is fine: nothing.
        assert_eq!(bidi_plan(&konsole, true), BidiPlan::default());
        assert_eq!(bidi_plan(&inside, true), BidiPlan::default());
        assert_eq!(
            bidi_plan(&TerminalInfo::default(), false),
            BidiPlan::default()
        );
    }

    #[test]
    fn print_wraps_on_vte_terminals_and_hints_on_the_others() {
        let vte = info(&[("VTE_VERSION", "7006")]);
        assert!(print_plan(&vte, true, false).explicit);
        assert_eq!(print_plan(&vte, false, false), PrintPlan::default());
        let konsole = info(&[("KONSOLE_VERSION", "221203")]);
        let plan = print_plan(&konsole, true, false);
        assert!(!plan.explicit);
        assert!(plan.hint.unwrap().contains("konsole"));
        assert_eq!(print_plan(&konsole, true, true), PrintPlan::default());
        assert_eq!(print_plan(&konsole, false, false), PrintPlan::default());
    }

    #[test]
    fn a_lost_terminal_ends_the_process_as_sighup() {
        assert_eq!(End::Quit.signal(), None);
        assert_eq!(End::Hangup.signal(), Some(signal_hook::consts::SIGHUP));
        assert_eq!(End::Signal(15).signal(), Some(15));
    }

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
