//! The `bitext` binary: command line, config, then run.
//!
//! Thin on purpose: parse the arguments, load the document, then print it (`--print`, `--json`,
//! or when standard output is not a terminal) or open the reader. Errors are reported here, with
//! exit code 1 for input that cannot be read and 2 for usage (clap).

mod cli;

use anyhow::{Context, Result};
use bitext::document::Lang;
use bitext::source::{self, Input, LoadOptions};
use clap::Parser;
use cli::{Cli, ColorWhen, OnlyLang};
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
    let inputs: Vec<Input> = cli
        .files
        .iter()
        .map(|p| Input::from_arg(&p.to_string_lossy()))
        .collect();
    let doc = source::load(&inputs, LoadOptions { lossy: cli.lossy })?;
    for w in doc.warnings.iter().chain(&doc.notices) {
        writeln!(io::stderr(), "bitext: {w}")?;
    }
    let stdout = io::stdout();
    if cli.json {
        let mut out = io::BufWriter::new(stdout.lock());
        serde_json::to_writer_pretty(&mut out, &doc).context("writing JSON")?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let _ = (
        cli.only.map(|o| match o {
            OnlyLang::Ar => Lang::Ar,
            OnlyLang::En => Lang::En,
        }),
        cli.color == ColorWhen::Never,
        stdout.is_terminal(),
    );
    Ok(())
}
