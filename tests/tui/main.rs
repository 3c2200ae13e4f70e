//! The reader without a terminal: every key, the first hour of a new user, the sidebar, hostile
//! text on screen, whole-screen snapshots and the README's screen.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

#[path = "../support/mod.rs"]
mod support;

mod first_hour;
mod hostile;
mod keys;
mod readme_screen;
mod screens;
mod sidebar;
