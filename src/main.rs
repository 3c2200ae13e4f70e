//! The `bitext` binary: command line, config, then run.

fn main() {}
