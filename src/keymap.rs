//! The keymap: what the user can ask the reader to do (an [`Action`]), the keys as written in the
//! config (`j`, `Ctrl-d`, `PageDown`, `Space`, `S-Tab`: a [`KeySpec`]) and the default bindings.
//!
//! Every action is declared once, on one line of the `actions!` table: its variant, its name in the
//! `[keys]` config table, what the help overlay says of it and its default keys. The enum, the help
//! order ([`Action::ALL`]), the names, the descriptions and [`default_bindings`] all come from that
//! table. `config` reads user bindings with these types and `tui` maps terminal key events onto
//! them and draws the help from them.
//!
//! Pure data: must not depend on the terminal (ratatui, crossterm) or on any other module of ours.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Declares the actions from one table: `Variant = "config_name", "help text", ["default", "keys"];`.
/// The order of the table is the order of the help overlay (and of [`Action`]'s `Ord`).
macro_rules! actions {
    ($($variant:ident = $name:literal, $describe:literal, [$($key:literal),+ $(,)?];)+) => {
        /// A command of the reader, independent of the key that asks for it. Its snake-case
        /// name (see [`Action::name`]) is its key in the `[keys]` config table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $(
                #[doc = concat!("`", $name, "`: ", $describe, ".")]
                $variant,
            )+
        }

        impl Action {
            /// How many actions there are.
            pub const COUNT: usize = [$($name),+].len();

            /// Every action, in the order the help overlay lists them.
            pub const ALL: [Action; Action::COUNT] = [$(Action::$variant),+];

            /// The names used in the config file, in the order of [`Action::ALL`].
            pub const NAMES: [&'static str; Action::COUNT] = [$($name),+];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// What the action does, for the help overlay.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Action::$variant => $describe,)+
                }
            }

            /// The default keys, as written in the config.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Action::$variant => &[$($key),+],)+
                }
            }
        }
    };
}

actions! {
    LineDown = "line_down", "down one row (sidebar: next entity)", ["j", "Down"];
    LineUp = "line_up", "up one row (sidebar: previous entity)", ["k", "Up"];
    PageDown = "page_down", "down one screen", ["Space", "PageDown", "f"];
    PageUp = "page_up", "up one screen", ["b", "PageUp"];
    HalfPageDown = "half_page_down", "down half a screen", ["Ctrl-d"];
    HalfPageUp = "half_page_up", "up half a screen", ["Ctrl-u"];
    Top = "top", "start of the document", ["g", "Home"];
    Bottom = "bottom", "end of the document", ["G", "End"];
    NextPair = "next_pair", "next aligned pair", ["}"];
    PrevPair = "prev_pair", "previous aligned pair", ["{"];
    NextHeading = "next_heading", "next heading", ["]"];
    PrevHeading = "prev_heading", "previous heading", ["["];
    NextDiscrepancy = "next_discrepancy", "next pair that differs", ["d"];
    PrevDiscrepancy = "prev_discrepancy", "previous pair that differs", ["D"];
    Focus = "focus", "focus text / sidebar", ["Tab", "S-Tab"];
    Activate = "activate", "jump to the selected entity", ["Enter"];
    Search = "search", "search both languages", ["/"];
    NextMatch = "next_match", "next match / next mention", ["n"];
    PrevMatch = "prev_match", "previous match / mention", ["N"];
    Cancel = "cancel", "clear search, selection, help", ["Esc"];
    ToggleStacked = "toggle_stacked", "side by side / stacked", ["s"];
    ToggleArabic = "toggle_arabic", "hide / show Arabic", ["a"];
    ToggleEnglish = "toggle_english", "hide / show English", ["e"];
    ToggleEntityColors = "toggle_entity_colors", "entity colours on / off", ["c"];
    ToggleSidebar = "toggle_sidebar", "sidebar on / off", ["t"];
    SwapColumns = "swap_columns", "swap the columns", ["w"];
    Help = "help", "this help", ["?", "F1"];
    Quit = "quit", "quit (Ctrl-c always quits)", ["q"];
}

impl Action {
    /// The action of a config name (`line_down`), if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Action::from_name(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &Action::NAMES))
    }
}

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
    Action::ALL
        .into_iter()
        .map(|a| {
            let keys = a
                .default_keys()
                .iter()
                .filter_map(|k| KeySpec::parse(k).ok())
                .collect();
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
    fn all_lists_each_action_once_and_names_round_trip() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::COUNT);
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            let parsed: Action = Deserialize::deserialize(serde::de::value::StrDeserializer::<
                serde::de::value::Error,
            >::new(a.name()))
            .unwrap();
            assert_eq!(parsed, a);
        }
        let e = <Action as Deserialize>::deserialize(serde::de::value::StrDeserializer::<
            serde::de::value::Error,
        >::new("flip"))
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("unknown variant `flip`, expected one of `line_down`, `line_up`"),
            "{e}"
        );
    }

    #[test]
    fn every_default_key_parses() {
        for a in Action::ALL {
            for k in a.default_keys() {
                assert!(KeySpec::parse(k).is_ok(), "{a:?}: {k:?}");
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
