//! The config and the command line turned into the run's [`Settings`]: the one place both
//! `--print` and the reader get their view options and printed colours from.

use super::Config;
use crate::layout::LayoutOptions;
use crate::view::options::{Palette, Settings};

impl Config {
    /// The settings of a run with this config; `no_shaping` is the command line's
    /// `--no-shaping`, which turns shaping off whatever the config says.
    pub fn settings(&self, no_shaping: bool) -> Settings {
        let (v, c) = (&self.view, &self.colors);
        Settings {
            column_order: v.column_order,
            stack_below: v.stack_below,
            layout: LayoutOptions {
                shaping: v.shaping && !no_shaping,
                show_bidi_controls: v.show_bidi_controls,
                tab_width: v.tab_width,
            },
            palette: Palette {
                heading: c.heading.sgr(),
                person: c.person.sgr(),
                place: c.place.sgr(),
                date: c.date.sgr(),
                organization: c.organization.sgr(),
                discrepancy: c.discrepancy.sgr(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_gives_the_default_settings() {
        assert_eq!(Config::default().settings(false), Settings::default());
    }

    #[test]
    fn every_view_setting_and_the_command_line_reach_the_settings() {
        let c = Config::from_toml_str(
            "[view]\nshaping = true\nshow_bidi_controls = true\ntab_width = 3\nstack_below = 70\n\
             column_order = [\"ar\", \"en\"]\n[colors]\ndiscrepancy = \"underline\"\n",
        )
        .unwrap();
        let s = c.settings(false);
        assert!(s.layout.shaping && s.layout.show_bidi_controls);
        assert_eq!((s.layout.tab_width, s.stack_below), (3, 70));
        assert_eq!(
            s.column_order,
            [crate::document::Lang::Ar, crate::document::Lang::En]
        );
        assert_eq!(s.palette.discrepancy, "4");
        assert!(!c.settings(true).layout.shaping, "--no-shaping wins");
    }
}
