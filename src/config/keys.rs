//! Key names as written in the config (`j`, `Ctrl-d`, `PageDown`, `Space`, `S-Tab`) and the
//! default bindings. Terminal-independent: `tui` converts terminal key events into [`KeySpec`].

use crate::tui::Action;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    /// A printable character (case matters: `G` is not `g`).
    Char(char),
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// A function key, F1 to F24.
    F(u8),
}

/// A key with its modifiers, e.g. `Ctrl-d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    /// The key.
    pub key: KeyName,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
}

impl KeySpec {
    /// A key without modifiers.
    pub const fn plain(key: KeyName) -> KeySpec {
        KeySpec {
            key,
            ctrl: false,
            alt: false,
        }
    }

    /// Parses a key as written in the config: an optional `Ctrl-`/`C-`, `Alt-`/`M-` prefix (also
    /// with `+`), then one character or a key name (`Space`, `Up`, `PageDown`/`PgDn`, `Home`,
    /// `Enter`, `Esc`, `Tab`, `S-Tab`/`BackTab`, `F1`...).
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let mut rest = text;
        let mut ctrl = false;
        let mut alt = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "ctrl+", "c-", "alt-", "alt+", "m-", "meta-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some(p) => {
                    if p.starts_with('c') {
                        ctrl = true;
                    } else {
                        alt = true;
                    }
                    rest = rest.get(p.len()..).unwrap_or_default();
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => named(rest).ok_or_else(|| format!("unknown key {text:?}"))?,
        };
        Ok(KeySpec { key, ctrl, alt })
    }
}

fn named(name: &str) -> Option<KeyName> {
    let n = name.to_ascii_lowercase();
    Some(match n.as_str() {
        "space" => KeyName::Char(' '),
        "up" => KeyName::Up,
        "down" => KeyName::Down,
        "left" => KeyName::Left,
        "right" => KeyName::Right,
        "pageup" | "pgup" => KeyName::PageUp,
        "pagedown" | "pgdn" => KeyName::PageDown,
        "home" => KeyName::Home,
        "end" => KeyName::End,
        "enter" | "return" => KeyName::Enter,
        "esc" | "escape" => KeyName::Esc,
        "tab" => KeyName::Tab,
        "s-tab" | "shift-tab" | "backtab" => KeyName::BackTab,
        "backspace" => KeyName::Backspace,
        "delete" | "del" => KeyName::Delete,
        "insert" | "ins" => KeyName::Insert,
        _ => {
            let num: u8 = n.strip_prefix('f')?.parse().ok()?;
            if !(1..=24).contains(&num) {
                return None;
            }
            KeyName::F(num)
        }
    })
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::Up => f.write_str("Up"),
            KeyName::Down => f.write_str("Down"),
            KeyName::Left => f.write_str("Left"),
            KeyName::Right => f.write_str("Right"),
            KeyName::PageUp => f.write_str("PageUp"),
            KeyName::PageDown => f.write_str("PageDown"),
            KeyName::Home => f.write_str("Home"),
            KeyName::End => f.write_str("End"),
            KeyName::Enter => f.write_str("Enter"),
            KeyName::Esc => f.write_str("Esc"),
            KeyName::Tab => f.write_str("Tab"),
            KeyName::BackTab => f.write_str("S-Tab"),
            KeyName::Backspace => f.write_str("Backspace"),
            KeyName::Delete => f.write_str("Delete"),
            KeyName::Insert => f.write_str("Insert"),
            KeyName::F(n) => write!(f, "F{n}"),
        }
    }
}

impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KeySpec::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The default bindings (the help overlay and `config.example.toml` show the same).
pub fn default_bindings() -> BTreeMap<Action, Vec<KeySpec>> {
    let table: [(Action, &[&str]); 28] = [
        (Action::LineDown, &["j", "Down"]),
        (Action::LineUp, &["k", "Up"]),
        (Action::PageDown, &["Space", "PageDown", "f"]),
        (Action::PageUp, &["b", "PageUp"]),
        (Action::HalfPageDown, &["Ctrl-d"]),
        (Action::HalfPageUp, &["Ctrl-u"]),
        (Action::Top, &["g", "Home"]),
        (Action::Bottom, &["G", "End"]),
        (Action::NextPair, &["}"]),
        (Action::PrevPair, &["{"]),
        (Action::NextHeading, &["]"]),
        (Action::PrevHeading, &["["]),
        (Action::Focus, &["Tab", "S-Tab"]),
        (Action::Activate, &["Enter"]),
        (Action::NextMatch, &["n"]),
        (Action::PrevMatch, &["N"]),
        (Action::Search, &["/"]),
        (Action::Cancel, &["Esc"]),
        (Action::Help, &["?", "F1"]),
        (Action::Quit, &["q"]),
        (Action::ToggleStacked, &["s"]),
        (Action::ToggleArabic, &["a"]),
        (Action::ToggleEnglish, &["e"]),
        (Action::ToggleEntityColors, &["c"]),
        (Action::ToggleSidebar, &["t"]),
        (Action::SwapColumns, &["w"]),
        (Action::NextDiscrepancy, &["d"]),
        (Action::PrevDiscrepancy, &["D"]),
    ];
    table
        .into_iter()
        .map(|(a, keys)| {
            let keys = keys.iter().filter_map(|k| KeySpec::parse(k).ok()).collect();
            (a, keys)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_chars_and_modifiers() {
        let k = |s: &str| KeySpec::parse(s).unwrap();
        assert_eq!(k("j"), KeySpec::plain(KeyName::Char('j')));
        assert_eq!(k("G"), KeySpec::plain(KeyName::Char('G')));
        assert_eq!(k("Space"), KeySpec::plain(KeyName::Char(' ')));
        assert_eq!(k("PgDn"), KeySpec::plain(KeyName::PageDown));
        assert_eq!(k("F12"), KeySpec::plain(KeyName::F(12)));
        let cd = k("Ctrl-d");
        assert!(cd.ctrl && !cd.alt && cd.key == KeyName::Char('d'));
        assert_eq!(k("C-D"), cd);
        assert_eq!(k("ctrl+d"), cd);
        assert!(k("M-x").alt);
        assert_eq!(k("-"), KeySpec::plain(KeyName::Char('-')));
        assert_eq!(k("ن"), KeySpec::plain(KeyName::Char('ن')));
        for bad in ["", "Ctrl-", "F0", "F25", "Hyper", "jj"] {
            assert!(KeySpec::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_round_trips() {
        for list in default_bindings().values() {
            for k in list {
                assert_eq!(KeySpec::parse(&k.to_string()).unwrap(), *k);
            }
        }
    }

    #[test]
    fn defaults_bind_every_action_and_no_key_twice() {
        let d = default_bindings();
        let mut seen = std::collections::BTreeSet::new();
        for a in Action::ALL {
            assert!(!d[&a].is_empty(), "{a:?} has no key");
            for k in &d[&a] {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
    }
}
