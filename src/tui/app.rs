//! The reader's state and its pure `update`: keys and events in, new state out.
//!
//! No terminal here: the screen size is data, keys are [`KeySpec`]s, and tests drive the app
//! with key sequences (see [`crate::tui::driver`]). Rendering reads this state; only
//! `tui::terminal` touches the real terminal.

use super::Action;
use super::discrepancies::{Discrepancies, neighbour};
use super::highlight::{Highlights, TextSpan};
use super::navigation::Navigation;
use super::screen::{self, Screen};
use super::search::Search;
use super::sidebar::Sidebar;
use crate::config::{Config, KeyName, KeySpec, SidebarSide};
use crate::document::{Discrepancy, Document, Entity, Lang, Pair};
use crate::view::options::{Choices, Settings};
use crate::view::{Anchor, View, ViewOptions};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Work on the document that is still running in the background (shown in the sidebar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Aligning the paragraphs beyond the first windows: paragraphs done and in all (both
    /// languages counted).
    Aligning {
        /// Paragraphs aligned so far.
        done: usize,
        /// Paragraphs in all.
        total: usize,
    },
    /// Finding the entities and the discrepancies: pairs done and in all.
    Entities {
        /// Pairs analysed so far.
        done: usize,
        /// Pairs in all.
        total: usize,
    },
}

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The text columns.
    Text,
    /// The entity sidebar.
    Sidebar,
}

/// What the keyboard is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Reading: keys are actions.
    Normal,
    /// Typing a search query.
    SearchInput(String),
    /// The help overlay is shown.
    Help,
}

/// Something that happened, for [`App::handle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A key was pressed.
    Key(KeySpec),
    /// An action, without going through the keymap.
    Action(Action),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The mouse wheel turned: rows to scroll, positive down.
    Wheel(isize),
}

/// Rows the mouse wheel scrolls per notch.
pub const WHEEL_ROWS: isize = 3;

/// The whole state of the reader.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // independent toggles of the reader, each a key
pub struct App {
    /// The document, shared with the background work while that runs (see
    /// [`crate::tui::background`]); its pairs and entities may arrive after the first frame.
    pub doc: Arc<Document>,
    /// What is still being worked out in the background (`None`: the document is complete).
    pub loading: Option<Loading>,
    /// Its layout at the current size.
    pub view: View,
    /// The configuration in force.
    pub config: Config,
    keymap: HashMap<KeySpec, Action>,
    /// Where the reader is: the top of the text, the current pair, the moves waiting for
    /// the background work.
    pub nav: Navigation,
    /// Where keys go.
    pub focus: Focus,
    /// What the keyboard is doing.
    pub mode: Mode,
    /// The search and the selected entity's mentions, with where the user is in each.
    pub highlights: Highlights,
    /// The entity sidebar.
    pub sidebar: Sidebar,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// The terminal's own setting that must change for Arabic to show right (a terminal that
    /// reorders by itself); stays in the status bar.
    pub terminal_hint: Option<String>,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// Where each part of the screen goes, at the current size (computed once per size, and
    /// when the sidebar comes or goes).
    screen: Screen,
    /// The run's settings (from the config and the command line), as `--print` has them.
    pub settings: Settings,
    /// What the user chose with the reader's keys: stacked or not, a hidden language, the
    /// column order.
    pub choices: Choices,
    /// Whether all entities are coloured by kind.
    pub entity_colors: bool,
    /// Whether the sidebar is wanted.
    pub sidebar_on: bool,
    /// The translation check's findings, indexed by pair.
    pub discrepancies: Discrepancies,
    /// Draw without colours, attributes only (the `NO_COLOR` convention).
    pub no_color: bool,
    /// Rows of the help overlay scrolled past (the drawing clamps it to the help's length).
    pub help_scroll: usize,
}

impl App {
    /// A reader of `doc` with `config` (and no command-line switch), on a screen of `size`
    /// (columns, rows).
    pub fn new(doc: Document, config: Config, size: (u16, u16)) -> App {
        let settings = config.settings(false);
        App::with_settings(doc, config, settings, size)
    }

    /// A reader of `doc` with `config` and the run's `settings` (built from the config and the
    /// command line by `Config::settings`), on a screen of `size` (columns, rows).
    pub fn with_settings(
        doc: Document,
        config: Config,
        settings: Settings,
        size: (u16, u16),
    ) -> App {
        let mut keymap = HashMap::new();
        for (&action, keys) in &config.keys {
            for &k in keys {
                keymap.insert(k, action);
            }
        }
        let sidebar = Sidebar::new(&doc);
        let discrepancies = Discrepancies::new(&doc.discrepancies);
        // The geometry and the view are made once, at the real size.
        let choices = settings.choices();
        let sidebar_on = config.view.sidebar != SidebarSide::Hidden;
        let screen = App::screen_for(&config, &sidebar, sidebar_on, size);
        let view = View::new(
            &doc,
            usize::from(screen.text.width),
            settings.view_options(usize::from(size.0), &choices),
        );
        let mut app = App {
            view,
            keymap,
            nav: Navigation::default(),
            focus: Focus::Text,
            mode: Mode::Normal,
            highlights: Highlights::default(),
            sidebar,
            message: doc.notices.first().cloned(),
            terminal_hint: None,
            quit: false,
            screen,
            choices,
            settings,
            entity_colors: config.view.entity_colors,
            sidebar_on,
            discrepancies,
            no_color: false,
            help_scroll: 0,
            config,
            doc: Arc::new(doc),
            loading: None,
        };
        if let Some(w) = app.doc.warnings.first() {
            app.message = Some(w.clone());
        }
        // The pair at the top is laid out at once: the first frame shows it, and its exact
        // height anchors the position percentages from the start.
        app.view.height(&app.doc, app.nav.top.pair);
        app
    }

    /// Appends pairs aligned in the background. The pairs already shown keep their place, so
    /// the reading position does not move.
    pub fn extend_pairs(&mut self, pairs: Vec<Pair>) {
        if pairs.is_empty() {
            return;
        }
        let all = &mut Arc::make_mut(&mut self.doc).pairs;
        all.reserve_exact(pairs.len());
        all.extend(pairs);
        self.view.extend(&self.doc);
        if let Some((pair, offset, current)) = self.nav.restore_ready() {
            self.restore_with_current(pair, offset, current);
        }
        if self.nav.bottom_ready() {
            self.go_to_bottom();
        }
    }

    /// Takes in the entities and discrepancies found in the background: the sidebar, the pair
    /// markers and the entity colours change; the reading position does not move (entity
    /// styles do not change how text wraps).
    pub fn set_analysis(&mut self, entities: Vec<Entity>, discrepancies: Vec<Discrepancy>) {
        let doc = Arc::make_mut(&mut self.doc);
        doc.entities = entities;
        doc.discrepancies = discrepancies;
        self.sidebar = Sidebar::new(&self.doc);
        self.highlights.mention = None;
        self.discrepancies = Discrepancies::new(&self.doc.discrepancies);
        self.highlights.forget_mentions();
        self.view.set_entities(&self.doc);
        // Names longer than the sidebar so far widen it (the top pair stays at the top); a
        // position just restored is restored again in the new layout, where it was saved.
        let top = self.nav.top;
        self.sync_view(self.size());
        if let Some((pair, offset, current)) = self.nav.restore_again(top) {
            self.restore_with_current(pair, offset, current);
        }
    }

    /// The screen's parts for `config` and a `sidebar` (wanted or not) at `size`.
    fn screen_for(config: &Config, sidebar: &Sidebar, on: bool, size: (u16, u16)) -> Screen {
        let width = on.then(|| {
            screen::sidebar_width(sidebar.content_width, size.0, config.view.sidebar_width)
        });
        Screen::new(size, width, config.view.sidebar)
    }

    /// The parts of the screen at the current size.
    pub fn areas(&self) -> Screen {
        self.screen
    }

    /// The terminal's size (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        (self.screen.area.width, self.screen.area.height)
    }

    /// Rows of text on the screen.
    pub fn text_rows(&self) -> usize {
        usize::from(self.areas().text.height)
    }

    /// Whether pairs are stacked now.
    pub fn stacked(&self) -> bool {
        self.settings
            .stacked(usize::from(self.screen.area.width), &self.choices)
    }

    fn view_options(&self) -> ViewOptions {
        self.settings
            .view_options(usize::from(self.screen.area.width), &self.choices)
    }

    /// Lays out the screen again at `size` (the sidebar as it is now wanted and as wide as
    /// its names), then the view, keeping the same pair at the top (and the same fraction of
    /// it scrolled past).
    fn sync_view(&mut self, size: (u16, u16)) {
        self.screen = App::screen_for(&self.config, &self.sidebar, self.sidebar_on, size);
        let width = usize::from(self.screen.text.width);
        let opts = self.view_options();
        self.nav.relayout(&mut self.view, &self.doc, width, &opts);
    }

    fn scroll_by(&mut self, delta: isize) {
        let rows = self.text_rows();
        self.nav.scroll_by(&mut self.view, &self.doc, rows, delta);
    }

    /// The end of the pairs known so far, with the last one current.
    fn go_to_bottom(&mut self) {
        let rows = self.text_rows();
        self.nav.go_to_bottom(&mut self.view, &self.doc, rows);
    }

    /// Makes `pair` current and brings it to the top (as far as the end allows).
    pub fn go_to_pair(&mut self, pair: usize) {
        let rows = self.text_rows();
        self.nav.go_to_pair(&mut self.view, &self.doc, rows, pair);
    }

    /// Shows the line holding `byte` of a paragraph, with its pair current.
    fn go_to_text(&mut self, lang: Lang, paragraph: usize, byte: usize) {
        let rows = self.text_rows();
        let at = (&mut self.view, &*self.doc, rows);
        self.nav.go_to_text(at, lang, paragraph, byte);
    }

    /// Restores a saved position: the pair at the top and the rows of it scrolled past.
    pub fn restore(&mut self, pair: usize, offset: usize) {
        self.restore_with_current(pair, offset, None);
    }

    /// Restores a saved position with its current pair (near the end of the document the
    /// current pair is below the top one; without it, the pair at the top is current).
    pub fn restore_with_current(&mut self, pair: usize, offset: usize, current: Option<usize>) {
        let rows = self.text_rows();
        let aligning = matches!(self.loading, Some(Loading::Aligning { .. }));
        let loading = self.loading.is_some();
        let at = (&mut self.view, &*self.doc, rows);
        self.nav
            .restore(at, (pair, offset, current), aligning, loading);
    }

    /// The keys bound to an action, in config order.
    pub fn keys_for(&self, action: Action) -> &[KeySpec] {
        self.config.keys.get(&action).map_or(&[], Vec::as_slice)
    }

    /// Handles one input.
    pub fn handle(&mut self, input: Input) {
        match input {
            Input::Key(k) => self.key(k),
            Input::Action(a) => self.update(a),
            Input::Resize(w, h) => {
                // The same pair stays at the top, even where the end of the text then leaves
                // the bottom of the screen empty.
                self.sync_view((w, h));
                self.sidebar
                    .scroll_into_view(usize::from(self.areas().text.height.saturating_sub(2)));
            }
            Input::Wheel(rows) => {
                if self.mode == Mode::Help {
                    self.help_scroll = self.help_scroll.saturating_add_signed(rows);
                } else {
                    self.scroll_by(rows);
                }
            }
        }
    }

    fn key(&mut self, k: KeySpec) {
        if k.ctrl && k.key == KeyName::Char('c') {
            self.quit = true;
            return;
        }
        if let Mode::SearchInput(query) = &mut self.mode {
            match k.key {
                KeyName::Enter => {
                    let q = std::mem::take(query);
                    self.mode = Mode::Normal;
                    self.run_search(&q);
                }
                KeyName::Esc => self.mode = Mode::Normal,
                // Backspace on an empty query leaves search input, as in less.
                KeyName::Backspace if query.pop().is_none() => self.mode = Mode::Normal,
                KeyName::Char('u') if k.ctrl => query.clear(),
                KeyName::Char(c) if !k.ctrl && !k.alt => query.push(c),
                _ => {}
            }
            return;
        }
        if let Some(&a) = self.keymap.get(&k) {
            self.update(a);
        } else if self.mode == Mode::Help {
            // Any other key closes the help, as in most readers.
            self.mode = Mode::Normal;
        }
    }

    fn run_search(&mut self, query: &str) {
        if query.trim().is_empty() {
            self.highlights.search = None;
            return;
        }
        let view = &self.view;
        let mut s = Search::run(&self.doc, query, |lang, p| view.pair_of(lang, p));
        let from = self.nav.current;
        if let Some(m) = s.step(true, from).cloned() {
            self.highlights.search = Some(s);
            self.go_to_text(m.lang, m.paragraph, m.bytes.start);
        } else {
            self.message = Some(format!("no match for \u{2068}{query}\u{2069}"));
            self.highlights.search = Some(s);
        }
    }

    /// The selected entity's mentions in reading order (by pair, then Arabic before English,
    /// then position), cached per selection.
    pub fn selected_mentions(&mut self) -> Rc<[TextSpan]> {
        let view = &self.view;
        self.highlights
            .mentions_of(&self.doc, self.sidebar.selected_entity(), |lang, p| {
                view.pair_of(lang, p)
            })
    }

    fn step_mention(&mut self, forward: bool) {
        let list = self.selected_mentions();
        if list.is_empty() {
            return;
        }
        let n = list.len();
        let next = match (self.highlights.mention, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => list
                .iter()
                .position(|m| m.pair >= self.nav.current)
                .unwrap_or(0),
            (None, false) => list
                .iter()
                .rposition(|m| m.pair < self.nav.current)
                .unwrap_or(n - 1),
        };
        let wrap = wrapped(self.highlights.mention, Some(next), forward)
            .map_or_else(String::new, |w| format!("  {w}"));
        self.highlights.mention = Some(next);
        let m = list[next].clone();
        self.message = Some(format!("mention {}/{n}{wrap}", next + 1));
        self.go_to_text(m.lang, m.paragraph, m.bytes.start);
    }

    fn step_search(&mut self, forward: bool) {
        let from = self.nav.current;
        let Some(search) = self.highlights.search.as_mut() else {
            return;
        };
        let before = search.current;
        let Some(m) = search.step(forward, from).cloned() else {
            return;
        };
        if let Some(wrap) = wrapped(before, search.current, forward) {
            self.message = Some(format!(
                "/\u{2068}{}\u{2069}  {}  {wrap}",
                search.query,
                search.counter()
            ));
        }
        self.go_to_text(m.lang, m.paragraph, m.bytes.start);
    }

    /// A message for the sidebar toggle: shown, hidden, or wanted but without room.
    fn sidebar_message(&self) -> String {
        if !self.sidebar_on {
            "sidebar hidden".into()
        } else if self.areas().sidebar.is_none() {
            "sidebar shown when the terminal is wider".into()
        } else {
            "sidebar shown".into()
        }
    }

    /// The discrepancies of a pair, as one line of text.
    pub fn discrepancy_text(&self, pair: usize) -> Option<String> {
        self.discrepancies.text(&self.doc, pair)
    }

    /// What `}` on the last pair says: the end, or that more is still being aligned.
    fn last_pair_message(&self) -> String {
        if matches!(self.loading, Some(Loading::Aligning { .. })) {
            "no more pairs yet: the rest is still being aligned".into()
        } else {
            "no more pairs: this is the last pair".into()
        }
    }

    /// Applies an action.
    #[allow(clippy::too_many_lines)] // one arm per action reads best as one match
    pub fn update(&mut self, action: Action) {
        self.message = None;
        let page = self.text_rows().saturating_sub(1).max(1) as isize;
        if self.mode == Mode::Help
            && !matches!(action, Action::Help | Action::Cancel | Action::Quit)
        {
            // The moving keys scroll the help; the others wait for it to close.
            let rows = page.unsigned_abs();
            let s = self.help_scroll;
            self.help_scroll = match action {
                Action::LineDown => s.saturating_add(1),
                Action::LineUp => s.saturating_sub(1),
                Action::PageDown => s.saturating_add(rows),
                Action::PageUp => s.saturating_sub(rows),
                Action::HalfPageDown => s.saturating_add(rows.div_ceil(2)),
                Action::HalfPageUp => s.saturating_sub(rows.div_ceil(2)),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                _ => s,
            };
            return;
        }
        match action {
            Action::LineDown | Action::LineUp => {
                let down = action == Action::LineDown;
                if self.focus == Focus::Sidebar {
                    self.sidebar.move_selection(if down { 1 } else { -1 });
                    self.highlights.mention = None;
                    self.sidebar
                        .scroll_into_view(usize::from(self.areas().text.height.saturating_sub(2)));
                } else {
                    self.scroll_by(if down { 1 } else { -1 });
                }
            }
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::HalfPageDown => self.scroll_by((page + 1) / 2),
            Action::HalfPageUp => self.scroll_by(-(page + 1) / 2),
            Action::Top => {
                self.nav.top = Anchor::default();
                self.nav.current = 0;
            }
            Action::Bottom => {
                self.go_to_bottom();
                if let Some(Loading::Aligning { done, total }) = self.loading {
                    self.nav.wait_for_bottom();
                    self.message = Some(format!(
                        "the end is not aligned yet ({}%): going on to it when it is",
                        done * 100 / total.max(1)
                    ));
                }
            }
            Action::NextPair => {
                if self.nav.current + 1 < self.view.pairs() {
                    self.go_to_pair(self.nav.current + 1);
                } else {
                    self.message = Some(self.last_pair_message());
                }
            }
            Action::PrevPair => {
                if self.nav.top.pair == self.nav.current && self.nav.top.offset > 0 {
                    self.go_to_pair(self.nav.current);
                } else if self.nav.current > 0 {
                    self.go_to_pair(self.nav.current - 1);
                } else {
                    self.message = Some("no more pairs: this is the first pair".into());
                }
            }
            Action::NextHeading | Action::PrevHeading => {
                let forward = action == Action::NextHeading;
                match neighbour(self.view.headings(), self.nav.current, forward) {
                    Some(p) => self.go_to_pair(p),
                    None => self.message = Some("no more headings".into()),
                }
            }
            Action::NextDiscrepancy | Action::PrevDiscrepancy => {
                let forward = action == Action::NextDiscrepancy;
                match self.discrepancies.neighbour(self.nav.current, forward) {
                    Some(p) => {
                        self.go_to_pair(p);
                        self.message = self.discrepancy_text(p);
                    }
                    None => {
                        self.message = Some(if self.discrepancies.is_empty() {
                            "no discrepancies found".into()
                        } else {
                            "no more discrepancies".into()
                        });
                    }
                }
            }
            Action::Focus => {
                self.focus = match self.focus {
                    Focus::Text if self.areas().sidebar.is_some() => {
                        if self.sidebar.selected.is_none() {
                            self.sidebar.move_selection(1);
                        }
                        Focus::Sidebar
                    }
                    _ => Focus::Text,
                };
            }
            Action::Activate => {
                if self.focus == Focus::Sidebar {
                    // Enter goes to the first mention in the document.
                    let list = self.selected_mentions();
                    if let Some(m) = list.first() {
                        self.highlights.mention = Some(0);
                        self.message = Some(format!("mention 1/{}", list.len()));
                        self.go_to_text(m.lang, m.paragraph, m.bytes.start);
                    }
                }
            }
            Action::NextMatch | Action::PrevMatch => {
                let forward = action == Action::NextMatch;
                if self
                    .highlights
                    .search
                    .as_ref()
                    .is_some_and(|s| !s.matches.is_empty())
                {
                    self.step_search(forward);
                } else if self.sidebar.selected_entity().is_some() {
                    self.step_mention(forward);
                } else if let Some(s) = &self.highlights.search {
                    self.message = Some(format!("no match for \u{2068}{}\u{2069}", s.query));
                } else {
                    self.message = Some(
                        "nothing to find: / searches, Tab selects an entity whose mentions n visits"
                            .into(),
                    );
                }
            }
            Action::Search => self.mode = Mode::SearchInput(String::new()),
            Action::Cancel => {
                if self.mode == Mode::Help {
                    self.mode = Mode::Normal;
                } else if self.highlights.search.is_some() {
                    self.highlights.search = None;
                } else if self.sidebar.selected.is_some() {
                    self.sidebar.selected = None;
                    self.highlights.mention = None;
                    self.focus = Focus::Text;
                } else {
                    self.focus = Focus::Text;
                }
            }
            Action::Help => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    self.help_scroll = 0;
                    Mode::Help
                };
            }
            Action::Quit => self.quit = true,
            Action::ToggleStacked => {
                // A choice that matches the width rule is no choice: the layout follows
                // resizes again.
                let want = !self.stacked();
                let by_width = self.settings.stacks_at(usize::from(self.screen.area.width));
                self.choices.stacked = (want != by_width).then_some(want);
                self.sync_view(self.size());
            }
            Action::ToggleArabic | Action::ToggleEnglish => {
                let lang = if action == Action::ToggleArabic {
                    Lang::Ar
                } else {
                    Lang::En
                };
                if self.doc.is_monolingual() {
                    self.message = Some("this document has one language".into());
                } else {
                    self.choices.hidden = if self.choices.hidden == Some(lang) {
                        None
                    } else {
                        Some(lang)
                    };
                    self.sync_view(self.size());
                }
            }
            Action::ToggleEntityColors => {
                self.entity_colors = !self.entity_colors;
                self.message = Some(
                    if self.entity_colors {
                        "entity colours on"
                    } else {
                        "entity colours off"
                    }
                    .into(),
                );
            }
            Action::ToggleSidebar => {
                self.sidebar_on = !self.sidebar_on;
                if !self.sidebar_on {
                    self.focus = Focus::Text;
                }
                self.sync_view(self.size());
                self.message = Some(self.sidebar_message());
            }
            Action::SwapColumns => {
                self.choices.column_order.swap(0, 1);
                self.sync_view(self.size());
                let [first, second] = self.choices.column_order;
                self.message = Some(if self.stacked() {
                    format!("{} above {}", first.name(), second.name())
                } else {
                    format!("{} left, {} right", first.name(), second.name())
                });
            }
        }
    }
}

/// Whether a step from match `before` to `after` went round the end of the list: the words
/// that say so.
fn wrapped(before: Option<usize>, after: Option<usize>, forward: bool) -> Option<&'static str> {
    match (before, after) {
        (Some(b), Some(a)) if forward && a <= b => Some("(wrapped to the top)"),
        (Some(b), Some(a)) if !forward && a >= b => Some("(wrapped to the bottom)"),
        _ => None,
    }
}
