//! The reader's screen geometry: where the text, the sidebar, the status bar and the key hints
//! go on a terminal of a given size. Computed once per size (and when the sidebar is toggled
//! or widens), kept in the app, and read by the update and by every widget.
//!
//! Knows ratatui's `Rect` and `Layout` only; no terminal here.

use crate::config::SidebarSide;
use ratatui::layout::{Constraint, Layout, Rect};

/// Narrowest text area for which the sidebar is still shown.
pub const MIN_TEXT_WITH_SIDEBAR: u16 = 40;
/// The sidebar is never narrower than this (its border included): room for its title and
/// for the progress of the background work, so the text does not re-wrap when names arrive.
pub const MIN_SIDEBAR: u16 = 24;
/// The sidebar takes at most this share of the terminal's width (1/N).
pub const SIDEBAR_SHARE: u16 = 3;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// The whole terminal.
    pub area: Rect,
    /// The text columns.
    pub text: Rect,
    /// The sidebar, when shown (its border included).
    pub sidebar: Option<Rect>,
    /// Which side the sidebar's border is on: the text's side.
    pub sidebar_on_left: bool,
    /// The status bar row, when there is room.
    pub status: Option<Rect>,
    /// The key hint row, when there is room.
    pub hint: Option<Rect>,
}

/// The sidebar's width, its border included, on a terminal `terminal_width` wide: what its
/// names need (`content` cells, border not counted), at least [`MIN_SIDEBAR`], at most a
/// third of the terminal and the configured `most`.
pub fn sidebar_width(content: usize, terminal_width: u16, most: u16) -> u16 {
    let content = u16::try_from(content + 1).unwrap_or(u16::MAX);
    let most = most.min((terminal_width / SIDEBAR_SHARE).max(MIN_SIDEBAR));
    content.max(MIN_SIDEBAR).min(most)
}

impl Screen {
    /// The parts of a terminal of `size` (columns, rows) with a sidebar of `sidebar_width`
    /// cells when one is wanted, on the side `place` says (`None`: not wanted). Rows from the bottom: the key
    /// hints (3 rows or more), the status bar (2 or more), the text above; the sidebar only
    /// when it leaves the text [`MIN_TEXT_WITH_SIDEBAR`] cells.
    pub fn new(size: (u16, u16), sidebar_width: Option<u16>, place: SidebarSide) -> Screen {
        let area = Rect::new(0, 0, size.0, size.1);
        let bars = match size.1 {
            0 | 1 => 0,
            2 => 1,
            _ => 2,
        };
        let [main, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(bars)]).areas(area);
        let (status, hint) = match bars {
            0 => (None, None),
            1 => (Some(bottom), None),
            _ => {
                let [s, h] = Layout::vertical([Constraint::Length(1); 2]).areas(bottom);
                (Some(s), Some(h))
            }
        };
        let left = place == SidebarSide::Left;
        let fits = |sw: u16| size.0 >= sw.saturating_add(MIN_TEXT_WITH_SIDEBAR);
        let (text, sidebar) = match sidebar_width.filter(|&sw| fits(sw)) {
            Some(sw) if left => {
                let [s, t] =
                    Layout::horizontal([Constraint::Length(sw), Constraint::Fill(1)]).areas(main);
                (t, Some(s))
            }
            Some(sw) => {
                let [t, s] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(sw)]).areas(main);
                (t, Some(s))
            }
            None => (main, None),
        };
        Screen {
            area,
            text,
            sidebar,
            sidebar_on_left: left,
            status,
            hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_at_the_bottom_sidebar_beside_the_text() {
        let s = Screen::new((160, 45), Some(30), SidebarSide::Right);
        assert_eq!(s.text, Rect::new(0, 0, 130, 43));
        assert_eq!(s.sidebar, Some(Rect::new(130, 0, 30, 43)));
        assert_eq!(s.status, Some(Rect::new(0, 43, 160, 1)));
        assert_eq!(s.hint, Some(Rect::new(0, 44, 160, 1)));
        let s = Screen::new((160, 45), Some(30), SidebarSide::Left);
        assert_eq!(s.sidebar, Some(Rect::new(0, 0, 30, 43)));
        assert_eq!(s.text, Rect::new(30, 0, 130, 43));
        assert!(s.sidebar_on_left);
    }

    #[test]
    fn small_terminals_drop_the_bars_then_the_sidebar() {
        let s = Screen::new((60, 2), Some(24), SidebarSide::Right);
        assert_eq!((s.status.map(|r| r.y), s.hint), (Some(1), None));
        assert_eq!(s.text.height, 1);
        let s = Screen::new((60, 1), None, SidebarSide::Right);
        assert_eq!((s.status, s.hint, s.text.height), (None, None, 1));
        let s = Screen::new((63, 20), Some(24), SidebarSide::Right);
        assert_eq!(s.sidebar, None, "40 cells of text would not be left");
        assert_eq!(s.text.width, 63);
        let s = Screen::new((0, 0), Some(24), SidebarSide::Right);
        assert_eq!((s.text.width, s.text.height), (0, 0));
    }

    #[test]
    fn the_sidebar_is_as_wide_as_its_names_within_bounds() {
        assert_eq!(sidebar_width(10, 160, 80), MIN_SIDEBAR);
        assert_eq!(sidebar_width(40, 160, 80), 41);
        assert_eq!(sidebar_width(90, 160, 80), 53, "a third of the terminal");
        assert_eq!(sidebar_width(90, 300, 60), 60, "the configured maximum");
    }
}
