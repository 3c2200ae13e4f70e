//! The reading view as plain data: aligned pairs laid out in columns at given widths, as rows.
//!
//! Shared by `--print` and the TUI, so both show the same layout. Pure: uses `document` and
//! `layout`; must not depend on ratatui, crossterm, or do I/O.
