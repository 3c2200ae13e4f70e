//! People, places and dates in Arabic and English, linked across the languages, and the
//! translation check that reports what does not match across an aligned pair.
//!
//! Pure: text in, spans out. Depends at most on `document`; must not depend on ratatui,
//! crossterm, or do I/O (its gazetteer is compiled into the binary).

pub mod arabic;
pub mod dates;
pub mod english;
pub mod found;
pub mod gazetteer;
pub mod skeleton;
pub mod text;
