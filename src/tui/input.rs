//! Bytes from the terminal into key and mouse events.
//!
//! The reader reads its terminal itself (see [`super::terminal`]) so that it sees the end of the
//! input (EOF, EIO) and never waits where a signal cannot reach it; this parser turns what it
//! reads into crossterm's event types, which the rest of the reader already speaks.
//!
//! It understands what terminals send for the keys the reader binds: UTF-8 characters, control
//! characters (Ctrl-a … Ctrl-z, Tab, Enter, Backspace, Esc), Alt as an `ESC` prefix, CSI and SS3
//! cursor and function keys with xterm's modifier parameter (`CSI 1;5A`), `CSI n ~` keys, the
//! kitty/fixterms `CSI code;mod u` form, and SGR mouse reports (`CSI < b;x;y M`). Anything else
//! is skipped whole. A sequence cut at the end of a read is kept until the next read, or taken
//! as it stands when no more comes (a lone `ESC` is the Esc key). No terminal, no I/O here.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The longest sequence kept while waiting for its end; beyond it the bytes are dropped.
const MAX_PENDING: usize = 256;

/// A parser of terminal input.
#[derive(Debug, Default)]
pub struct InputParser {
    buf: Vec<u8>,
}

/// What the start of a buffer holds.
#[derive(Debug, PartialEq)]
enum Parsed {
    /// An event, and the bytes it took.
    Event(Event, usize),
    /// Bytes that mean nothing to the reader.
    Skip(usize),
    /// The start of a sequence whose end has not arrived.
    Incomplete,
}

impl InputParser {
    /// Adds bytes read from the terminal.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Whether bytes of an unfinished sequence are waiting.
    pub fn pending(&self) -> bool {
        !self.buf.is_empty()
    }

    /// The events complete in what was fed. With `flush`, an unfinished sequence at the end is
    /// taken as it stands (a lone `ESC` is the Esc key, an `ESC` before a character is Alt).
    pub fn events(&mut self, flush: bool) -> Vec<Event> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.buf.len() {
            let rest = self.buf.get(at..).unwrap_or_default();
            match parse(rest) {
                Parsed::Event(e, n) => {
                    out.push(e);
                    at += n;
                }
                Parsed::Skip(n) => at += n,
                Parsed::Incomplete if flush || rest.len() > MAX_PENDING => {
                    let (e, n) = flush_incomplete(rest);
                    out.extend(e);
                    at += n;
                }
                Parsed::Incomplete => break,
            }
        }
        self.buf.drain(..at);
        out
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// An unfinished sequence taken as it stands: `ESC` alone is Esc; `ESC` then the start of a
/// sequence is Esc followed by what comes; anything else is dropped.
fn flush_incomplete(rest: &[u8]) -> (Option<Event>, usize) {
    if rest.first() == Some(&0x1b) {
        (Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1)
    } else {
        (None, rest.len())
    }
}

/// The first event (or skippable run) of `b`, which is not empty.
fn parse(b: &[u8]) -> Parsed {
    let Some(&first) = b.first() else {
        return Parsed::Incomplete;
    };
    match first {
        0x1b => parse_escape(b),
        _ => parse_plain(b),
    }
}

/// A key that does not start with `ESC`: a control character or a UTF-8 character.
fn parse_plain(b: &[u8]) -> Parsed {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let Some(&first) = b.first() else {
        return Parsed::Incomplete;
    };
    let event = match first {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0 => key(KeyCode::Char(' '), ctrl),
        0x01..=0x1a => key(KeyCode::Char(char::from(b'a' + first - 1)), ctrl),
        0x1c..=0x1f => key(KeyCode::Char(char::from(b'4' + first - 0x1c)), ctrl),
        0x20..=0x7e => key(
            KeyCode::Char(char::from(first)),
            shift_of(char::from(first)),
        ),
        _ => {
            let len = match first {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => return Parsed::Skip(1),
            };
            let Some(bytes) = b.get(..len) else {
                // A cut character completes with the next read; a broken one is dropped.
                return if b.iter().skip(1).all(|&c| c & 0xc0 == 0x80) {
                    Parsed::Incomplete
                } else {
                    Parsed::Skip(1)
                };
            };
            return match std::str::from_utf8(bytes)
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) => Parsed::Event(key(KeyCode::Char(c), shift_of(c)), len),
                None => Parsed::Skip(1),
            };
        }
    };
    Parsed::Event(event, 1)
}

/// Shift for an upper-case letter, as terminals send no separate modifier for it.
fn shift_of(c: char) -> KeyModifiers {
    if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    }
}

/// A sequence starting with `ESC`.
fn parse_escape(b: &[u8]) -> Parsed {
    match b.get(1) {
        None => Parsed::Incomplete,
        Some(b'[') => parse_csi(b),
        Some(b'O') => match b.get(2) {
            None => Parsed::Incomplete,
            Some(&f) => match final_key(f) {
                Some(code) => Parsed::Event(key(code, KeyModifiers::NONE), 3),
                None => Parsed::Skip(3),
            },
        },
        // `ESC ESC`: the first is the Esc key, the second starts what follows.
        Some(0x1b) => Parsed::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        Some(_) => match parse_plain(b.get(1..).unwrap_or_default()) {
            Parsed::Event(Event::Key(k), n) => {
                Parsed::Event(key(k.code, k.modifiers | KeyModifiers::ALT), n + 1)
            }
            Parsed::Incomplete => Parsed::Incomplete,
            _ => Parsed::Skip(1),
        },
    }
}

/// The key of a CSI or SS3 final byte without parameters (`A` up …, `P` F1 …).
fn final_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
fn modifiers(param: Option<u32>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// `CSI` parameters intermediates final.
fn parse_csi(seq: &[u8]) -> Parsed {
    // Legacy X10 mouse report: `CSI M` and three bytes.
    if seq.get(2) == Some(&b'M') {
        return match seq.get(3..6) {
            Some(&[cb, cx, cy]) => mouse(
                u32::from(cb.saturating_sub(32)),
                u16::from(cx.saturating_sub(33)),
                u16::from(cy.saturating_sub(33)),
                true,
            )
            .map_or(Parsed::Skip(6), |e| Parsed::Event(e, 6)),
            _ => Parsed::Incomplete,
        };
    }
    let mut end = 2;
    loop {
        match seq.get(end) {
            None => return Parsed::Incomplete,
            Some(0x20..=0x3f) => end += 1,
            Some(0x40..=0x7e) => break,
            // A control inside a sequence breaks it: drop what came so far.
            Some(_) => return Parsed::Skip(end),
        }
    }
    let len = end + 1;
    let (Some(params), Some(&fin)) = (seq.get(2..end), seq.get(end)) else {
        return Parsed::Skip(len);
    };
    if let Some(sgr) = params.strip_prefix(b"<") {
        let nums = numbers(sgr);
        let at = |i: usize, default: u32| nums.get(i).copied().flatten().unwrap_or(default);
        let cell = |i: usize| u16::try_from(at(i, 1).saturating_sub(1)).unwrap_or(u16::MAX);
        return mouse(at(0, 0), cell(1), cell(2), fin == b'M')
            .map_or(Parsed::Skip(len), |e| Parsed::Event(e, len));
    }
    if params
        .first()
        .is_some_and(|c| !c.is_ascii_digit() && *c != b';')
    {
        // Private sequences (`CSI ? …`, `CSI > …`): replies the reader did not ask for.
        return Parsed::Skip(len);
    }
    let nums = numbers(params);
    let first = nums.first().copied().flatten();
    let mods = modifiers(nums.get(1).copied().flatten());
    let code = match fin {
        b'~' => match first {
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(v @ 11..=15) => KeyCode::F((v - 10) as u8),
            Some(v @ 17..=21) => KeyCode::F((v - 11) as u8),
            Some(v @ 23..=24) => KeyCode::F((v - 12) as u8),
            _ => return Parsed::Skip(len),
        },
        b'Z' => return Parsed::Event(key(KeyCode::BackTab, KeyModifiers::SHIFT | mods), len),
        b'u' => match first.and_then(char::from_u32) {
            Some('\r') => KeyCode::Enter,
            Some('\t') => KeyCode::Tab,
            Some('\u{1b}') => KeyCode::Esc,
            Some('\u{7f}') => KeyCode::Backspace,
            Some(c) if !c.is_control() => KeyCode::Char(c),
            _ => return Parsed::Skip(len),
        },
        f => match final_key(f) {
            Some(code) => code,
            None => return Parsed::Skip(len),
        },
    };
    Parsed::Event(key(code, mods), len)
}

/// The numbers of a parameter string (`1;5`, `;2`, `1:2;3`: sub-parameters after `:` are
/// ignored); an empty parameter is `None`.
fn numbers(params: &[u8]) -> Vec<Option<u32>> {
    params
        .split(|&c| c == b';')
        .map(|p| {
            let main = p.split(|&c| c == b':').next().unwrap_or_default();
            std::str::from_utf8(main).ok().and_then(|s| s.parse().ok())
        })
        .collect()
}

/// A mouse report: button code `cb` (with xterm's bits: 4 shift, 8 alt, 16 ctrl, 32 motion,
/// 64 wheel) at a 0-based cell. Only the wheel and presses are events the reader can use.
fn mouse(cb: u32, column: u16, row: u16, press: bool) -> Option<Event> {
    let mut modifiers = KeyModifiers::NONE;
    if cb & 4 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if cb & 8 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if cb & 16 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    let kind = if cb & 64 != 0 {
        match cb & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else {
        let button = match cb & 3 {
            0 => MouseButton::Left,
            1 => MouseButton::Middle,
            2 => MouseButton::Right,
            _ => return None,
        };
        if cb & 32 != 0 {
            MouseEventKind::Drag(button)
        } else if press {
            MouseEventKind::Down(button)
        } else {
            MouseEventKind::Up(button)
        }
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(bytes: &[u8]) -> Vec<Event> {
        let mut p = InputParser::default();
        p.feed(bytes);
        let mut out = p.events(false);
        out.extend(p.events(true));
        out
    }

    fn k(code: KeyCode, m: KeyModifiers) -> Event {
        key(code, m)
    }

    const N: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn characters_and_control_keys() {
        assert_eq!(
            events("jG}ن".as_bytes()),
            vec![
                k(KeyCode::Char('j'), N),
                k(KeyCode::Char('G'), KeyModifiers::SHIFT),
                k(KeyCode::Char('}'), N),
                k(KeyCode::Char('ن'), N),
            ]
        );
        assert_eq!(
            events(b"\x04\r\t\x7f\x00"),
            vec![
                k(KeyCode::Char('d'), KeyModifiers::CONTROL),
                k(KeyCode::Enter, N),
                k(KeyCode::Tab, N),
                k(KeyCode::Backspace, N),
                k(KeyCode::Char(' '), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn escape_sequences() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            events(b"\x1b[A\x1bOB\x1b[1;5C\x1b[5~\x1b[6;2~\x1b[Z\x1bOP\x1b[15~\x1b[24~"),
            vec![
                k(KeyCode::Up, N),
                k(KeyCode::Down, N),
                k(KeyCode::Right, ctrl),
                k(KeyCode::PageUp, N),
                k(KeyCode::PageDown, KeyModifiers::SHIFT),
                k(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::F(1), N),
                k(KeyCode::F(5), N),
                k(KeyCode::F(12), N),
            ]
        );
        assert_eq!(
            events(b"\x1b[H\x1b[4~\x1b[3~\x1b[2~\x1b[106;5u"),
            vec![
                k(KeyCode::Home, N),
                k(KeyCode::End, N),
                k(KeyCode::Delete, N),
                k(KeyCode::Insert, N),
                k(KeyCode::Char('j'), ctrl),
            ]
        );
    }

    #[test]
    fn esc_alone_alt_and_unknown_sequences() {
        assert_eq!(events(b"\x1b"), vec![k(KeyCode::Esc, N)]);
        assert_eq!(
            events(b"\x1b\x1b[B"),
            vec![k(KeyCode::Esc, N), k(KeyCode::Down, N)]
        );
        assert_eq!(
            events(b"\x1bj"),
            vec![k(KeyCode::Char('j'), KeyModifiers::ALT)]
        );
        // Focus reports, private replies and unknown finals are skipped whole.
        assert_eq!(
            events(b"\x1b[I\x1b[?1;2c\x1b[99xq"),
            vec![k(KeyCode::Char('q'), N)]
        );
    }

    #[test]
    fn a_sequence_cut_between_reads_is_joined() {
        let mut p = InputParser::default();
        p.feed(b"j\x1b[1;");
        assert_eq!(p.events(false), vec![k(KeyCode::Char('j'), N)]);
        assert!(p.pending());
        p.feed(b"5B");
        assert_eq!(
            p.events(false),
            vec![k(KeyCode::Down, KeyModifiers::CONTROL)]
        );
        assert!(!p.pending());
        // A cut UTF-8 character too.
        let bytes = "ش".as_bytes();
        p.feed(&bytes[..1]);
        assert!(p.events(false).is_empty());
        p.feed(&bytes[1..]);
        assert_eq!(p.events(false), vec![k(KeyCode::Char('ش'), N)]);
        // Flushed, an unfinished CSI is Esc then the rest as keys.
        p.feed(b"\x1b[");
        assert_eq!(
            p.events(true),
            vec![k(KeyCode::Esc, N), k(KeyCode::Char('['), N)]
        );
    }

    #[test]
    fn mouse_wheel_reports() {
        let wheel = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 9,
                row: 4,
                modifiers: N,
            })
        };
        assert_eq!(
            events(b"\x1b[<65;10;5M\x1b[<64;10;5M"),
            vec![
                wheel(MouseEventKind::ScrollDown),
                wheel(MouseEventKind::ScrollUp)
            ]
        );
        assert_eq!(events(b"\x1b[M`*%"), vec![wheel(MouseEventKind::ScrollUp)]);
    }

    #[test]
    fn garbage_never_panics_and_never_stalls() {
        let mut p = InputParser::default();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut chunk = Vec::new();
            for _ in 0..(state % 17) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                chunk.push(if state.is_multiple_of(5) {
                    0x1b
                } else {
                    state as u8
                });
            }
            p.feed(&chunk);
            let _ = p.events(false);
            assert!(p.buf.len() <= MAX_PENDING + 17);
        }
        let _ = p.events(true);
        assert!(!p.pending());
    }
}
