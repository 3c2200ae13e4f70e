//! What the user can ask the reader to do, independent of the key that asks it.
//!
//! Keys map to actions through the keymap (rebindable in the config); `update` applies them.
//! Plain data: must not depend on the terminal.

use serde::Deserialize;

/// A command of the reader. The snake-case names are the keys of the `[keys]` config table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Scroll down one row (in the sidebar: select the next entity).
    LineDown,
    /// Scroll up one row (in the sidebar: select the previous entity).
    LineUp,
    /// Scroll down one screen.
    PageDown,
    /// Scroll up one screen.
    PageUp,
    /// Scroll down half a screen.
    HalfPageDown,
    /// Scroll up half a screen.
    HalfPageUp,
    /// Go to the start of the document.
    Top,
    /// Go to the end of the document.
    Bottom,
    /// Move to the next aligned pair.
    NextPair,
    /// Move to the previous aligned pair (or the start of the current one).
    PrevPair,
    /// Move to the next heading.
    NextHeading,
    /// Move to the previous heading.
    PrevHeading,
    /// Move the focus between the text and the sidebar.
    Focus,
    /// In the sidebar: jump to the selected entity's first mention.
    Activate,
    /// Next search match, or next mention of the selected entity.
    NextMatch,
    /// Previous search match, or previous mention of the selected entity.
    PrevMatch,
    /// Start typing a search.
    Search,
    /// Clear the search, the selection, or close the help.
    Cancel,
    /// Show or hide the help overlay.
    Help,
    /// Quit the reader.
    Quit,
    /// Switch between side-by-side and stacked (Arabic above English).
    ToggleStacked,
    /// Hide or show the Arabic text.
    ToggleArabic,
    /// Hide or show the English text.
    ToggleEnglish,
    /// Show or hide the per-kind colours of all entities.
    ToggleEntityColors,
    /// Show or hide the sidebar.
    ToggleSidebar,
    /// Swap the left and right columns.
    SwapColumns,
    /// Move to the next pair with a discrepancy between its two sides.
    NextDiscrepancy,
    /// Move to the previous pair with a discrepancy.
    PrevDiscrepancy,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 28] = [
        Action::LineDown,
        Action::LineUp,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::NextPair,
        Action::PrevPair,
        Action::NextHeading,
        Action::PrevHeading,
        Action::NextDiscrepancy,
        Action::PrevDiscrepancy,
        Action::Focus,
        Action::Activate,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Cancel,
        Action::ToggleStacked,
        Action::ToggleArabic,
        Action::ToggleEnglish,
        Action::ToggleEntityColors,
        Action::ToggleSidebar,
        Action::SwapColumns,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::LineDown => "line_down",
            Action::LineUp => "line_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPair => "next_pair",
            Action::PrevPair => "prev_pair",
            Action::NextHeading => "next_heading",
            Action::PrevHeading => "prev_heading",
            Action::Focus => "focus",
            Action::Activate => "activate",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::Search => "search",
            Action::Cancel => "cancel",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::ToggleStacked => "toggle_stacked",
            Action::ToggleArabic => "toggle_arabic",
            Action::ToggleEnglish => "toggle_english",
            Action::ToggleEntityColors => "toggle_entity_colors",
            Action::ToggleSidebar => "toggle_sidebar",
            Action::SwapColumns => "swap_columns",
            Action::NextDiscrepancy => "next_discrepancy",
            Action::PrevDiscrepancy => "prev_discrepancy",
        }
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::LineDown => "down one row (sidebar: next entity)",
            Action::LineUp => "up one row (sidebar: previous entity)",
            Action::PageDown => "down one screen",
            Action::PageUp => "up one screen",
            Action::HalfPageDown => "down half a screen",
            Action::HalfPageUp => "up half a screen",
            Action::Top => "start of the document",
            Action::Bottom => "end of the document",
            Action::NextPair => "next aligned pair",
            Action::PrevPair => "previous aligned pair",
            Action::NextHeading => "next heading",
            Action::PrevHeading => "previous heading",
            Action::Focus => "focus text / sidebar",
            Action::Activate => "jump to the selected entity",
            Action::NextMatch => "next match / next mention",
            Action::PrevMatch => "previous match / mention",
            Action::Search => "search both languages",
            Action::Cancel => "clear search, selection, help",
            Action::Help => "this help",
            Action::Quit => "quit (Ctrl-c always quits)",
            Action::ToggleStacked => "side by side / stacked",
            Action::ToggleArabic => "hide / show Arabic",
            Action::ToggleEnglish => "hide / show English",
            Action::ToggleEntityColors => "entity colours on / off",
            Action::ToggleSidebar => "sidebar on / off",
            Action::SwapColumns => "swap the columns",
            Action::NextDiscrepancy => "next pair that differs",
            Action::PrevDiscrepancy => "previous pair that differs",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_action_once_and_names_round_trip() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for a in Action::ALL {
            let parsed: Action =
                serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                    serde::de::value::Error,
                >::new(a.name()))
                .unwrap();
            assert_eq!(parsed, a);
        }
    }
}
