//! The reading settings, and the one place that turns them into the options of a view.
//!
//! [`Settings`] holds what the config file and the command line decide once for a run (the
//! column order, the width below which a pair is stacked, what the layout engine emits, the
//! printed colours); `Config::settings` builds it, and both `--print` and the reader take it.
//! [`Settings::view_options`] then adds what is decided at a width and by the reader's toggles
//! ([`Choices`]): side by side or stacked, a hidden language, the column order, the markers.
//!
//! Pure: plain data; must not depend on ratatui, crossterm, or do I/O.

use super::{Arrangement, ViewOptions};
use crate::document::Lang;
use crate::layout::LayoutOptions;

/// The width of the view when nothing gives one (`--print` to a pipe without `--width`).
pub const DEFAULT_WIDTH: u16 = 100;

/// The default of `[view] stack_below`: narrower than this, a pair is stacked.
pub const DEFAULT_STACK_BELOW: u16 = 100;

/// What the config and the command line decide for a whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The languages of the columns, left to right, as configured.
    pub column_order: [Lang; 2],
    /// Below this total width (the terminal's, or `--width`) pairs are stacked unless the user
    /// chose otherwise.
    pub stack_below: u16,
    /// What the layout engine emits (shaping, bidi controls, tab stops).
    pub layout: LayoutOptions,
    /// The colours of printed output (the reader converts the same `[colors]` for ratatui).
    pub palette: Palette,
}

impl Default for Settings {
    /// The settings of the default config, without command-line switches.
    fn default() -> Self {
        Settings {
            column_order: [Lang::En, Lang::Ar],
            stack_below: DEFAULT_STACK_BELOW,
            layout: LayoutOptions::default(),
            palette: Palette::default(),
        }
    }
}

/// What can change while reading (the reader's keys), and what differs between a screen and a
/// printout: everything of [`ViewOptions`] that [`Settings`] does not fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices {
    /// Stacked (`Some(true)`) or side by side (`Some(false)`) by choice; `None` follows the
    /// width ([`Settings::stacks_at`]).
    pub stacked: Option<bool>,
    /// A language not to show.
    pub hidden: Option<Lang>,
    /// The languages of the columns, left to right.
    pub column_order: [Lang; 2],
    /// Reserve a cell left of each column for the pair markers.
    pub markers: bool,
}

impl Settings {
    /// The choices a run starts with: the arrangement by width, both languages, the
    /// configured column order, markers on.
    pub fn choices(&self) -> Choices {
        Choices {
            stacked: None,
            hidden: None,
            column_order: self.column_order,
            markers: true,
        }
    }

    /// Whether pairs are stacked at a total width of `width` cells when the user has not
    /// chosen: the one rule for `--print` and the reader.
    pub fn stacks_at(&self, width: usize) -> bool {
        width < usize::from(self.stack_below)
    }

    /// Whether pairs are stacked at `width` with `choices`.
    pub fn stacked(&self, width: usize, choices: &Choices) -> bool {
        choices.stacked.unwrap_or_else(|| self.stacks_at(width))
    }

    /// The options of a view on a total width of `width` cells (the terminal's or the
    /// printout's, which decides stacking) with `choices`.
    pub fn view_options(&self, width: usize, choices: &Choices) -> ViewOptions {
        ViewOptions {
            arrangement: if self.stacked(width, choices) {
                Arrangement::Stacked
            } else {
                Arrangement::SideBySide
            },
            hidden: choices.hidden,
            column_order: choices.column_order,
            markers: choices.markers,
            layout: self.layout,
        }
    }
}

/// The SGR parameters (`"1"`, `"38;5;214"`, `"4;31"`; empty for none) printed output is
/// coloured with; `Config::settings` fills it from the config's `[colors]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Headings.
    pub heading: String,
    /// People.
    pub person: String,
    /// Places.
    pub place: String,
    /// Dates.
    pub date: String,
    /// Organisations.
    pub organization: String,
    /// The marker of a pair whose sides disagree.
    pub discrepancy: String,
}

impl Default for Palette {
    /// The default config's colours: bold headings, people cyan, places green, dates yellow,
    /// organisations magenta, the discrepancy marker bold red (a test in `config` pins them to
    /// the default `[colors]`).
    fn default() -> Self {
        Palette {
            heading: "1".into(),
            person: "36".into(),
            place: "32".into(),
            date: "33".into(),
            organization: "35".into(),
            discrepancy: "1;31".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_stacks_unless_the_user_chose() {
        let s = Settings {
            stack_below: 90,
            ..Settings::default()
        };
        let by_width = s.choices();
        assert_eq!(
            s.view_options(89, &by_width).arrangement,
            Arrangement::Stacked
        );
        assert_eq!(
            s.view_options(90, &by_width).arrangement,
            Arrangement::SideBySide
        );
        let chosen = Choices {
            stacked: Some(false),
            ..by_width
        };
        assert_eq!(
            s.view_options(40, &chosen).arrangement,
            Arrangement::SideBySide
        );
    }

    #[test]
    fn the_options_carry_the_settings_and_the_choices() {
        let s = Settings {
            column_order: [Lang::Ar, Lang::En],
            layout: LayoutOptions {
                shaping: false,
                show_bidi_controls: true,
                tab_width: 4,
            },
            ..Settings::default()
        };
        let choices = Choices {
            hidden: Some(Lang::En),
            markers: false,
            ..s.choices()
        };
        let o = s.view_options(120, &choices);
        assert_eq!(o.layout, s.layout);
        assert_eq!(o.column_order, [Lang::Ar, Lang::En]);
        assert_eq!((o.hidden, o.markers), (Some(Lang::En), false));
    }
}
