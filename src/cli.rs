//! The command line, declared with clap. Part of the binary, not the library.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// bitext — read an Arabic article beside its English translation, scroll-locked.
///
/// Opens one file holding both languages (in two blocks, interleaved, or as TSV pairs), or two
/// files, one per language, in either order; also saved web pages (the article's text), SRT or
/// WebVTT subtitles (paired by time), TMX translation memories and XLIFF files, known by content. `-` reads standard input. With no file, opens a
/// bundled sample article. When standard output is not a terminal, prints the side-by-side view.
// Command-line switches are booleans by nature; clap maps each to one.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Parser)]
#[command(name = "bitext", version, about, long_about)]
pub struct Cli {
    /// One bilingual file, or two files (one per language); `-` for standard input.
    #[arg(value_name = "FILE", num_args = 0..=2)]
    pub files: Vec<PathBuf>,

    /// Print the side-by-side view to standard output as text, for the whole document.
    #[arg(long, conflicts_with = "json")]
    pub print: bool,

    /// Print the document model (paragraphs, pairs, entities, discrepancies) as JSON.
    #[arg(long)]
    pub json: bool,

    /// Write the aligned pairs, with their confidence, to standard output as a TMX 1.4
    /// translation memory or as TSV (Arabic, English, score), for a CAT tool.
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["print", "json"])]
    pub export: Option<ExportAs>,

    /// Width of the printed view in columns [default: the terminal's width, or 100].
    #[arg(long, short = 'w', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// Print only one language, in a single column.
    #[arg(long, value_enum, value_name = "LANG")]
    pub only: Option<OnlyLang>,

    /// When to use colour in printed output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Do not shape Arabic into presentation forms (for terminals that shape by themselves).
    #[arg(long)]
    pub no_shaping: bool,

    /// Do not read or write the saved reading position.
    #[arg(long)]
    pub no_state: bool,

    /// Open files with invalid UTF-8, replacing bad bytes with U+FFFD.
    #[arg(long)]
    pub lossy: bool,
}

/// A language for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyLang {
    /// Arabic.
    Ar,
    /// English.
    En,
}

/// `--export` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportAs {
    /// A TMX 1.4 translation memory.
    Tmx,
    /// Tab-separated values: Arabic, English, score.
    Tsv,
}

/// `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
