//! The reader's terminal handling under a panic: puts the terminal in the reader's mode
//! (alternate screen, raw mode, hidden cursor, mouse capture), installs the reader's panic hook,
//! draws one frame of the sample view, then panics. The terminal must come back as it was, with
//! the panic message printed on the normal screen. The end-to-end test runs it in tmux.
//!
//! Run: `cargo run --example terminal_panic` (in a terminal you do not mind testing).

use bitext::tui::terminal;

fn main() -> std::io::Result<()> {
    terminal::install_panic_hook();
    terminal::setup(true, &terminal::BidiPlan::default())?;
    print!("in the reader's mode\r\n");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let frame: Option<u8> = None;
    // A bug in drawing: the hook must restore the terminal before this message is printed.
    assert!(
        frame.is_some(),
        "deliberate panic to test the terminal restore"
    );
    terminal::restore();
    Ok(())
}
