//! The release binary in a real terminal (tmux): reading, resizing, restoring the shell, the
//! saved position, and hostile conditions (resize storms, a dying terminal). Needs tmux.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod e2e;
mod hostile;
mod reading;
