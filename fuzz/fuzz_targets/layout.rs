//! Fuzz target: the layout engine on any text, at any width, in both directions, with every
//! option; its output must hold the layout invariants (see `tests/support/invariants.rs`), not only not
//! crash.

#![no_main]

use bitext::layout::{Direction, LayoutOptions, StyleSpan, layout_paragraph};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let [w, flags, rest @ ..] = data else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let width = usize::from(*w % 160) + 1;
    let dir = if flags & 1 == 0 { Direction::Ltr } else { Direction::Rtl };
    let opts = LayoutOptions {
        shaping: flags & 2 != 0,
        show_bidi_controls: flags & 4 != 0,
        tab_width: (flags >> 3) % 9,
    };
    // A style span over the first half, on a char boundary.
    let mid = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let spans = [StyleSpan {
        bytes: 0..mid,
        style: 1,
    }];
    let lines = layout_paragraph(&text, dir, width, &opts, &spans);
    invariants::check_layout(&text, dir, width, opts, &lines);
});
