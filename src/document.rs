//! The document: decoding bytes, splitting paragraphs, telling the languages apart by script,
//! and aligning the paragraphs of the two languages into pairs.
//!
//! Pure: bytes or text in, plain data out. Must not depend on ratatui, crossterm, or do I/O.

mod model;
pub mod normalize;

pub use model::{
    Discrepancy, Document, Entity, EntityKind, Format, Label, Lang, Mention, Pair, Paragraph,
    Paragraphs, SourceInfo,
};
