//! The user's configuration: key bindings, colours, column order, sidebar, shaping, mouse.
//!
//! Read from TOML (`$BITEXT_CONFIG`, else `$XDG_CONFIG_HOME/bitext/config.toml`, else
//! `~/.config/bitext/config.toml`, else the platform config directory from `directories`), with
//! every key optional and merged over the defaults. Unknown keys and bad values are errors that
//! name the file, the line and the problem; a config with an error is never half applied.
//!
//! May read the environment and the config file; must not depend on ratatui or crossterm (the
//! terminal-side types are converted in `tui`).

mod settings;
mod style;

/// The key types, owned by [`crate::keymap`] (the config reads `[keys]` with them).
pub use crate::keymap::{KeyName, KeySpec};
pub use style::{ColorName, StyleSpec};

use crate::document::Lang;
use crate::keymap::{self, Action};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A problem with the config file. Its message names the file and, for content errors, the line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read. (The message holds the cause, once: it is not also the
    /// error's source.)
    #[error(
        "config file {path}{}: {}",
        if *.from_env { " (named by BITEXT_CONFIG)" } else { "" },
        crate::source::io_problem(.error)
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// Whether `$BITEXT_CONFIG` named it.
        from_env: bool,
        /// Why.
        error: std::io::Error,
    },
    /// The file was read but its content is wrong.
    #[error("config file {path}, line {line}, column {column}: {message}")]
    Invalid {
        /// The file (`<string>` when parsed from a string).
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in chars) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// Where the sidebar goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SidebarSide {
    /// Left of the text.
    Left,
    /// Right of the text.
    Right,
    /// Not shown (a key still toggles it on, on the right).
    Hidden,
}

/// The colours and text attributes of each element of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Colors {
    /// Mentions of people (when entity colours are on).
    pub person: StyleSpec,
    /// Mentions of places.
    pub place: StyleSpec,
    /// Dates.
    pub date: StyleSpec,
    /// Organisations.
    pub organization: StyleSpec,
    /// The mentions of the entity selected in the sidebar.
    pub selected: StyleSpec,
    /// Search matches.
    pub search: StyleSpec,
    /// The current search match.
    pub search_current: StyleSpec,
    /// Headings.
    pub heading: StyleSpec,
    /// The marker of the current pair, beside each column.
    pub current_pair: StyleSpec,
    /// The marker of a pair whose sides disagree.
    pub discrepancy: StyleSpec,
    /// The quiet markers of a pair the aligner is unsure of (`?`) and of the empty side of a
    /// one-sided pair (`-`: a paragraph left untranslated, or added).
    pub unsure_pair: StyleSpec,
    /// The status bar.
    pub status: StyleSpec,
    /// The key hint line.
    pub hint: StyleSpec,
    /// Borders and the column separator.
    pub border: StyleSpec,
}

impl Default for Colors {
    fn default() -> Self {
        let s = |t: &str| StyleSpec::parse(t).unwrap_or_default();
        Colors {
            person: s("cyan"),
            place: s("green"),
            date: s("yellow"),
            organization: s("magenta"),
            selected: s("black on cyan"),
            search: s("black on yellow"),
            search_current: s("bold black on light-yellow"),
            heading: s("bold"),
            current_pair: s("blue bold"),
            discrepancy: s("red bold"),
            unsure_pair: s("dark-gray"),
            status: s("reverse"),
            hint: s("dark-gray"),
            border: s("dark-gray"),
        }
    }
}

/// How the text is arranged.
// Config switches are booleans by nature; each maps to one key of the file.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ViewConfig {
    /// The languages of the columns, left to right.
    #[serde(deserialize_with = "de_column_order")]
    pub column_order: [Lang; 2],
    /// Where the entity sidebar goes.
    pub sidebar: SidebarSide,
    /// The most cells the sidebar takes: it is as wide as its names need, within a share of
    /// the terminal's width and this maximum.
    pub sidebar_width: u16,
    /// Below this terminal width the pair is stacked (Arabic above English).
    pub stack_below: u16,
    /// Emit Arabic presentation forms (for terminals that do not shape).
    pub shaping: bool,
    /// Show bidi control characters as visible marks.
    pub show_bidi_controls: bool,
    /// Colour every entity by kind (toggled by a key).
    pub entity_colors: bool,
    /// Tab stops every this many cells (1 to 16).
    pub tab_width: u8,
    /// The terminal shows cells as they are sent (its own bidi is off): no hint, no escape
    /// for konsole, kitty or mlterm.
    pub terminal_bidi_ok: bool,
}

impl Default for ViewConfig {
    fn default() -> Self {
        ViewConfig {
            column_order: [Lang::En, Lang::Ar],
            sidebar: SidebarSide::Right,
            sidebar_width: 80,
            stack_below: crate::view::options::DEFAULT_STACK_BELOW,
            shaping: true,
            show_bidi_controls: false,
            entity_colors: true,
            tab_width: 8,
            terminal_bidi_ok: false,
        }
    }
}

fn de_column_order<'de, D: serde::Deserializer<'de>>(d: D) -> Result<[Lang; 2], D::Error> {
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Name {
        Ar,
        En,
    }
    let [a, b] = <[Name; 2]>::deserialize(d)?;
    let lang = |n: Name| match n {
        Name::Ar => Lang::Ar,
        Name::En => Lang::En,
    };
    Ok([lang(a), lang(b)])
}

/// Input settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// Capture the mouse (wheel scrolling). Off keeps the terminal's own text selection.
    pub mouse: bool,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig { mouse: true }
    }
}

/// The whole configuration, defaults merged with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Key bindings: for each action, the keys that trigger it.
    pub keys: BTreeMap<Action, Vec<KeySpec>>,
    /// Colours.
    pub colors: Colors,
    /// Arrangement.
    pub view: ViewConfig,
    /// Input.
    pub input: InputConfig,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keys: keymap::default_bindings(),
            colors: Colors::default(),
            view: ViewConfig::default(),
            input: InputConfig::default(),
            path: None,
        }
    }
}

/// The file as written: every table optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<Action, toml::Spanned<KeyList>>,
    #[serde(default)]
    colors: Colors,
    #[serde(default)]
    view: ViewConfig,
    #[serde(default)]
    input: InputConfig,
}

/// One key or a list of keys (a visitor, so a bad key name keeps its own message).
#[derive(Debug)]
struct KeyList(Vec<KeySpec>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = KeyList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key like \"j\" or a list of keys like [\"j\", \"Down\"]")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyList, E> {
                KeySpec::parse(v)
                    .map(|k| KeyList(vec![k]))
                    .map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<KeyList, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = seq.next_element::<KeySpec>()? {
                    out.push(k);
                }
                Ok(KeyList(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl Config {
    /// Finds and reads the config file, or returns the defaults when there is none.
    ///
    /// `$BITEXT_CONFIG` names the file (it must exist); otherwise the first of
    /// `$XDG_CONFIG_HOME/bitext/config.toml`, `~/.config/bitext/config.toml` and the platform
    /// config directory's `config.toml` that exists is read.
    pub fn load() -> Result<Config, ConfigError> {
        if let Some(p) = std::env::var_os("BITEXT_CONFIG").filter(|p| !p.is_empty()) {
            return Config::load_from(Path::new(&p)).map_err(|e| match e {
                ConfigError::Read { path, error, .. } => ConfigError::Read {
                    path,
                    from_env: true,
                    error,
                },
                invalid @ ConfigError::Invalid { .. } => invalid,
            });
        }
        for candidate in Config::search_path() {
            if candidate.is_file() {
                return Config::load_from(&candidate);
            }
        }
        Ok(Config::default())
    }

    /// The places [`Config::load`] looks for a file, in order (without `$BITEXT_CONFIG`).
    pub fn search_path() -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|p| !p.is_empty()) {
            out.push(PathBuf::from(x).join("bitext").join("config.toml"));
        }
        if let Some(home) = std::env::var_os("HOME").filter(|p| !p.is_empty()) {
            out.push(
                PathBuf::from(home)
                    .join(".config")
                    .join("bitext")
                    .join("config.toml"),
            );
        }
        if let Some(dirs) = directories::ProjectDirs::from("", "", "bitext") {
            out.push(dirs.config_dir().join("config.toml"));
        }
        out.dedup();
        out
    }

    /// Reads one config file.
    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            path: path.to_path_buf(),
            from_env: false,
            error,
        })?;
        let mut c = Config::parse(&text, path)?;
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// Parses config text (errors name `<string>` as the file).
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("<string>"))
    }

    fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let (offset, message) = explain(text, offset, e.message().trim());
            invalid(offset, message)
        })?;
        if !(1..=16).contains(&raw.view.tab_width) {
            let offset = text.find("tab_width").unwrap_or(0);
            return Err(invalid(offset, "tab_width must be between 1 and 16".into()));
        }
        if raw.view.column_order[0] == raw.view.column_order[1] {
            let offset = text.find("column_order").unwrap_or(0);
            return Err(invalid(
                offset,
                "column_order must name both languages, e.g. [\"en\", \"ar\"]".into(),
            ));
        }
        if raw.view.sidebar_width < 8 {
            let offset = text.find("sidebar_width").unwrap_or(0);
            return Err(invalid(offset, "sidebar_width must be at least 8".into()));
        }
        let mut keys = keymap::default_bindings();
        // The user's bindings replace the defaults of their action and take their keys away
        // from any other action's defaults; two user bindings of one key are an error.
        let mut taken: BTreeMap<KeySpec, Action> = BTreeMap::new();
        let mut in_file_order: Vec<_> = raw.keys.iter().collect();
        in_file_order.sort_by_key(|(_, spanned)| spanned.span().start);
        for (&action, spanned) in in_file_order {
            let list = spanned.get_ref().0.clone();
            for k in &list {
                if let Some(other) = taken.insert(*k, action)
                    && other != action
                {
                    return Err(invalid(
                        spanned.span().start,
                        format!(
                            "key {k} is bound to both {} and {}",
                            other.name(),
                            action.name()
                        ),
                    ));
                }
            }
            keys.insert(action, list);
        }
        for (action, list) in &mut keys {
            if !raw.keys.contains_key(action) {
                list.retain(|k| !taken.contains_key(k));
            }
        }
        Ok(Config {
            keys,
            colors: raw.colors,
            view: raw.view,
            input: raw.input,
            path: None,
        })
    }
}

/// The parser's message for an error at `offset` of `text`, said for a person: an unknown key
/// or section names its section and the nearest valid name; an array left open is reported at
/// the end of the line where it stops, not at the line where the parser noticed.
fn explain(text: &str, offset: usize, message: &str) -> (usize, String) {
    if let Some(open) = unclosed_array(text, offset, message) {
        return (
            open,
            "the array is not closed: a `]` (or a `,` before the next element) is missing at \
             the end of this line"
                .into(),
        );
    }
    let Some(unknown) = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))
        .and_then(|rest| rest.split('`').next())
    else {
        return (offset, message.to_owned());
    };
    // Every name in backquotes after "expected".
    let valid: Vec<&str> = message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let line_start = text
        .get(..offset)
        .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
    let line = text.get(line_start..).unwrap_or("");
    let line = line.lines().next().unwrap_or("");
    let section = text
        .get(..line_start)
        .unwrap_or("")
        .lines()
        .rev()
        .find_map(table_header);
    let is_section = table_header(line).is_some();
    let key_end = line_start + line.find('=').unwrap_or(line.len());
    let place = section.map_or_else(String::new, |s| format!(" in [{s}]"));
    let (what, kinds) = if is_section {
        (format!("unknown section [{unknown}]"), "sections")
    } else if offset < key_end {
        (format!("unknown key {unknown}{place}"), "keys")
    } else {
        let key = line.split('=').next().unwrap_or("").trim();
        (
            format!("unknown value \"{unknown}\" for {key}{place}"),
            "values",
        )
    };
    let hint = match nearest(unknown, &valid) {
        Some(best) => format!("did you mean {}?", bracket_if(best, is_section)),
        None => format!("valid {kinds}: {}", valid.join(", ")),
    };
    (offset, format!("{what}; {hint}"))
}

fn bracket_if(name: &str, bracket: bool) -> String {
    if bracket {
        format!("[{name}]")
    } else {
        name.to_owned()
    }
}

/// The name of a `[table]` header line.
fn table_header(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix('[')?.split(']').next()?;
    (!inner.starts_with('[')).then(|| inner.trim())
}

/// The byte just after the last element of an array the parser found open at `offset`, when
/// that element is on an earlier line (the parser reads on past the line where `]` is missing).
fn unclosed_array(text: &str, offset: usize, message: &str) -> Option<usize> {
    let about_arrays = message.contains("array") || message.contains("expected `]`");
    if !about_arrays {
        return None;
    }
    let before = text.get(..offset)?;
    let this_line = before.rfind('\n')?;
    // The last line before this one with something else than blanks and comments.
    let mut end = this_line;
    loop {
        let start = text.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
        let content = text.get(start..end)?;
        let code = strip_comment(content).trim_end();
        if !code.trim().is_empty() {
            return Some(start + code.len());
        }
        end = start.checked_sub(1)?;
    }
}

/// A line without its `# comment` (a `#` inside a quoted string is kept).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('#', None) => return line.get(..i).unwrap_or(line),
            _ => {}
        }
    }
    line
}

/// The valid name closest to `word` (by edits: insertions, deletions, substitutions and
/// swaps of neighbours), when it is close enough to be what was meant.
fn nearest<'a>(word: &str, valid: &[&'a str]) -> Option<&'a str> {
    let best = valid
        .iter()
        .map(|v| (edit_distance(word, v), *v))
        .min_by_key(|&(d, _)| d)?;
    let limit = (word.chars().count() / 3).max(1);
    (best.0 <= limit).then_some(best.1)
}

/// Optimal string alignment distance (Levenshtein with swaps of two neighbours).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// 1-based line and column (in chars) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_gives_the_defaults() {
        assert_eq!(Config::from_toml_str("").unwrap(), Config::default());
    }

    #[test]
    fn the_example_file_parses_and_names_every_action_and_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let c = Config::load_from(&path).unwrap();
        // The example spells out the defaults, so it must equal them.
        assert_eq!(
            Config {
                path: None,
                ..c.clone()
            },
            Config::default()
        );
        for a in Action::ALL {
            assert!(
                text.contains(&format!("\n{} = ", a.name())),
                "example lacks {}",
                a.name()
            );
        }
        for key in [
            "person",
            "place",
            "date",
            "organization",
            "selected",
            "search",
            "search_current",
            "heading",
            "current_pair",
            "discrepancy",
            "unsure_pair",
            "status",
            "hint",
            "border",
            "column_order",
            "sidebar",
            "sidebar_width",
            "stack_below",
            "shaping",
            "show_bidi_controls",
            "entity_colors",
            "tab_width",
            "terminal_bidi_ok",
            "mouse",
        ] {
            assert!(text.contains(&format!("\n{key} = ")), "example lacks {key}");
        }
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_line() {
        let e = Config::from_toml_str("[view]\nshaping = true\nshapng = false\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("shapng"), "{msg}");
    }

    #[test]
    fn bad_values_are_errors_naming_the_line() {
        let cases = [
            ("[view]\n\nsidebar = \"top\"\n", 3, "top"),
            (
                "[colors]\nperson = \"cyan\"\nplace = \"greeen\"\n",
                3,
                "greeen",
            ),
            ("[keys]\nquit = \"Ctrl-\"\n", 2, "Ctrl-"),
            ("[keys]\nflip = \"x\"\n", 2, "flip"),
            ("[view]\ntab_width = 0\n", 2, "tab_width"),
            (
                "[view]\ncolumn_order = [\"ar\", \"ar\"]\n",
                2,
                "column_order",
            ),
            ("[input]\nmouse = \"yes\"\n", 2, "boolean"),
        ];
        for (text, line, needle) in cases {
            let msg = Config::from_toml_str(text).unwrap_err().to_string();
            assert!(msg.contains(&format!("line {line},")), "{text:?}: {msg}");
            assert!(msg.contains(needle), "{text:?}: {msg}");
        }
    }

    #[test]
    fn user_bindings_replace_defaults_and_steal_keys() {
        let c = Config::from_toml_str("[keys]\nquit = [\"x\", \"d\"]\n").unwrap();
        assert_eq!(
            c.keys[&Action::Quit],
            vec![KeySpec::parse("x").unwrap(), KeySpec::parse("d").unwrap()]
        );
        // `d` was next_discrepancy's default; the user took it.
        assert!(
            !c.keys[&Action::NextDiscrepancy].contains(&KeySpec::parse("d").unwrap()),
            "{:?}",
            c.keys[&Action::NextDiscrepancy]
        );
        // Untouched actions keep their defaults.
        assert_eq!(
            c.keys[&Action::LineDown],
            Config::default().keys[&Action::LineDown]
        );
    }

    #[test]
    fn one_key_bound_twice_by_the_user_is_an_error() {
        let e = Config::from_toml_str("[keys]\nquit = \"x\"\n\nhelp = \"x\"\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("bound to both"), "{msg}");
        assert!(msg.contains("line 4"), "{msg}");
    }

    #[test]
    fn load_from_a_missing_file_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope.toml");
        let msg = Config::load_from(&p).unwrap_err().to_string();
        assert!(msg.contains("nope.toml"), "{msg}");
    }
}
