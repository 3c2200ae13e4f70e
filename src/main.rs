//! The `bitext` binary: command line, config, then run.
//!
//! Thin on purpose: parse the arguments, load the document, then print it (`--print`, `--json`,
//! or when standard output is not a terminal) or open the reader. Errors are reported here, with
//! exit code 1 for input that cannot be read and 2 for usage (clap).

mod cli;

use anyhow::{Context, Result};
use bitext::config::Config;
use bitext::document::{Document, Lang, Parsed};
use bitext::source::{self, Input, LoadOptions};
use bitext::tui::{RunOptions, terminal};
use bitext::view::export::{ExportFormat, export};
use bitext::view::options::{DEFAULT_WIDTH, Settings};
use bitext::view::print::{
    Annotator, PrintOptions, is_plain, needs_entities, print_parsed, print_plain,
};
use clap::Parser;
use cli::{Cli, ColorWhen, ExportAs, OnlyLang};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "bitext: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// A closed pipe (`bitext --print x | head`) ends the output quietly.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io_kind = e.downcast_ref::<io::Error>().map(io::Error::kind);
        let json_kind = e
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io_kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: &Cli) -> Result<()> {
    let mut inputs: Vec<Input> = cli
        .files
        .iter()
        .map(|p| Input::from_arg(&p.to_string_lossy()))
        .collect();
    if inputs.is_empty() {
        inputs.push(source::default_input());
    }
    let stdout = io::stdout();
    let interactive = !cli.print && !cli.json && cli.export.is_none() && stdout.is_terminal();
    // The reader does not start with half a config: a bad file is an error, before anything else.
    let config = if cli.json {
        Config::default()
    } else {
        Config::load()?
    };
    // Paragraphs only: the pairs are aligned window by window, as printing or reading needs them.
    let mut parsed = source::load_parsed(&inputs, LoadOptions { lossy: cli.lossy })?;
    // The names, places and dates the entity layer knows anchor the alignment.
    if let Some(aligner) = parsed.aligner.as_mut() {
        aligner.anchor(bitext::entities::anchors::keys);
    }
    if let Some(only) = cli.only
        && !interactive
        && !cli.json
    {
        source::require_language(&parsed, only_lang(only))?;
    }
    if !interactive {
        for w in parsed.doc.warnings.iter().chain(&parsed.doc.notices) {
            writeln!(io::stderr(), "bitext: {w}")?;
        }
    }
    if let Some(format) = cli.export {
        let format = match format {
            ExportAs::Tmx => ExportFormat::Tmx,
            ExportAs::Tsv => ExportFormat::Tsv,
        };
        let mut parsed = parsed;
        let said = parsed.doc.warnings.len();
        let mut out = io::BufWriter::new(stdout.lock());
        let written =
            export(&mut parsed, format, |s| out.write_all(s.as_bytes())).and_then(|()| out.flush());
        say_late_warnings(&parsed, said);
        return Ok(written?);
    }
    if cli.json {
        // JSON prints everything, so it waits for everything.
        let mut doc = parsed.finish();
        bitext::entities::annotate(&mut doc);
        let mut out = io::BufWriter::new(stdout.lock());
        serde_json::to_writer_pretty(&mut out, &doc).context("writing JSON")?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    // The one place the config and the command line become the view's settings, for both.
    let settings = config.settings(cli.no_shaping);
    if !interactive {
        return print(cli, &config, settings, parsed);
    }
    let state_key = state_key(&inputs);
    bitext::tui::run(
        parsed,
        config,
        settings,
        RunOptions {
            state_key,
            save_state: !cli.no_state,
        },
    )?;
    Ok(())
}

/// `--print`, or any run whose standard output is not a terminal. Pairs are printed as the
/// alignment yields them, each window annotated on its own when the output shows entities.
fn print(cli: &Cli, config: &Config, settings: Settings, parsed: Parsed) -> Result<()> {
    let width = cli
        .width
        .or_else(terminal::stdout_width)
        .unwrap_or(DEFAULT_WIDTH);
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let opts = PrintOptions {
        width: usize::from(width),
        only: cli.only.map(only_lang),
        color,
        stacked: None,
        threads: std::thread::available_parallelism().map_or(1, usize::from),
        settings,
    };
    // On VTE the lines are printed in explicit bidi mode (restored when `_bidi` is dropped,
    // after `out`); on a terminal that reorders by itself, the setting to change is said once.
    let plan = terminal::print_plan(
        &terminal::detect_env(),
        io::stdout().is_terminal(),
        config.view.terminal_bidi_ok,
    );
    let _bidi = terminal::PrintGuard::begin(&plan);
    let annotate: Option<Annotator> = needs_entities(&parsed.doc, &opts)
        .then(|| Box::new(|d: &Document| bitext::entities::analyse(d)) as Annotator);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if is_plain(&opts) {
        let mut parsed = parsed;
        let said = parsed.doc.warnings.len();
        let written = print_plain(&mut parsed, &opts, |text| out.write_all(text.as_bytes()))
            .and_then(|()| out.flush());
        say_late_warnings(&parsed, said);
        // As below: the memory goes back to the system whole when the process ends.
        std::mem::forget(parsed);
        return Ok(written?);
    }
    let mut lines = print_parsed(parsed, &opts, annotate, say_warning);
    let written = lines
        .by_ref()
        .try_for_each(|line| {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")
        })
        .and_then(|()| out.flush());
    // The process ends here: freeing a large document paragraph by paragraph would only delay
    // the exit (and `| head` waits for it), so the memory goes back to the system whole.
    std::mem::forget(lines);
    Ok(written?)
}

/// Says a warning on standard error (a failure to say it is not worth stopping the output for).
fn say_warning(w: &str) {
    let _ = writeln!(io::stderr(), "bitext: {w}");
}

/// Says the warnings that reading the rest of a large input added after the first `said`
/// (those were said before the output began).
fn say_late_warnings(parsed: &Parsed, said: usize) {
    for w in parsed.doc.warnings.get(said..).unwrap_or_default() {
        say_warning(w);
    }
}

/// The key of the bundled sample's reading position (not a path, so no file can share it).
const SAMPLE_STATE_KEY: &str = "<bundled sample>";

fn only_lang(o: OnlyLang) -> Lang {
    match o {
        OnlyLang::Ar => Lang::Ar,
        OnlyLang::En => Lang::En,
    }
}

/// The key the reading position is kept under: the canonical path(s) of the file(s) opened, or
/// the sample's own key; standard input has none.
fn state_key(inputs: &[Input]) -> Option<String> {
    let paths: Option<Vec<String>> = inputs
        .iter()
        .map(|i| match i {
            Input::Path(p) => std::fs::canonicalize(p)
                .ok()
                .map(|p| p.display().to_string()),
            Input::Sample => Some(SAMPLE_STATE_KEY.to_owned()),
            Input::Stdin => None,
        })
        .collect();
    paths.filter(|p| !p.is_empty()).map(|p| p.join("\n"))
}
