//! The interactive reader: the only module that knows the terminal (ratatui + crossterm).
//!
//! It turns the view's rows and the layout engine's cells into ratatui cells, handles keys,
//! the mouse and resizes, and always restores the terminal.

mod action;
pub mod search;
pub mod sidebar;
pub mod state;

pub use action::Action;
