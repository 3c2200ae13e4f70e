//! The `bitext` binary's non-interactive modes: every input form, every error's message and exit
//! code, `--print`, `--json` and `--export`, closed pipes, and hostile input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod hostile_inputs;
mod modes;
mod print;
