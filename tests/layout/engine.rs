//! Behaviour of the layout engine on hand-written Arabic/English paragraphs: shaping, wrapping,
//! reordering, mirroring, alignment, cell maps, controls and styles.

use bitext::layout::{Direction, LayoutOptions, StyleSpan, VisualLine, layout_paragraph, restyle};

fn lay(text: &str, dir: Direction, width: usize) -> Vec<VisualLine> {
    layout_paragraph(text, dir, width, &LayoutOptions::default(), &[])
}

fn texts(lines: &[VisualLine]) -> Vec<String> {
    lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn rtl_paragraph_is_shaped_reordered_and_mirrored() {
    let lines = lay(
        "ذهب سامي إلى السوق (القديم) يوم ٣ آذار «مبكرا» ثم عاد.",
        Direction::Rtl,
        200,
    );
    assert_eq!(
        texts(&lines),
        [".ﺩﺎﻋ ﻢﺛ «ﺍﺮﻜﺒﻣ» ﺭﺍﺫﺁ ٣ ﻡﻮﻳ (ﻢﻳﺪﻘﻟﺍ) ﻕﻮﺴﻟﺍ ﻰﻟﺇ ﻲﻣﺎﺳ ﺐﻫﺫ"]
    );
}

#[test]
fn wrapping_happens_in_logical_order_and_lines_are_right_aligned() {
    let lines = lay(
        "ذهب سامي إلى السوق (القديم) يوم ٣ آذار «مبكرا» ثم عاد.",
        Direction::Rtl,
        14,
    );
    let plain: Vec<String> = lines.iter().map(|l| l.to_plain(None)).collect();
    assert_eq!(
        plain,
        [
            "  ﻰﻟﺇ ﻲﻣﺎﺳ ﺐﻫﺫ",
            "(ﻢﻳﺪﻘﻟﺍ) ﻕﻮﺴﻟﺍ",
            "    ﺭﺍﺫﺁ ٣ ﻡﻮﻳ",
            "    ﻢﺛ «ﺍﺮﻜﺒﻣ»",
            "          .ﺩﺎﻋ",
        ]
    );
    for l in &lines {
        assert!(l.width <= 14);
        assert_eq!(l.indent + l.width, 14);
    }
    // Lines cover the source in logical order, without gaps.
    for pair in lines.windows(2) {
        assert_eq!(pair[0].source.end, pair[1].source.start);
    }
}

#[test]
fn harakat_stay_after_their_base_and_numbers_keep_their_order() {
    let lines = lay("قرأتُ كتابًا عن Rust 2024 في المكتبة", Direction::Rtl, 200);
    assert_eq!(texts(&lines), ["ﺔﺒﺘﻜﻤﻟﺍ ﻲﻓ Rust 2024 ﻦﻋ ﺎﺑًﺎﺘﻛ ﺕُﺃﺮﻗ"]);
    // The damma is in the same cell as the teh it sits on.
    let line = &lines[0];
    let cell = line
        .cells
        .iter()
        .find(|c| line.cell_text(c).contains('\u{064F}'))
        .unwrap();
    assert_eq!(line.cell_text(cell), "ﺕُ");
    assert_eq!(cell.width, 1);
}

#[test]
fn english_column_reorders_arabic_names() {
    let lines = lay("The city of دمشق (Damascus) is old.", Direction::Ltr, 200);
    assert_eq!(texts(&lines), ["The city of ﻖﺸﻣﺩ (Damascus) is old."]);
    assert_eq!(lines[0].indent, 0);
}

#[test]
fn pure_ltr_text_is_unchanged() {
    let text = "Plain English, with (brackets) and «quotes».";
    let lines = lay(text, Direction::Ltr, 200);
    assert_eq!(texts(&lines), [text]);
    assert_eq!(lines[0].source, 0..text.len());
}

#[test]
fn lam_alef_is_one_cell_covering_both_letters() {
    let text = "لا";
    let lines = lay(text, Direction::Rtl, 10);
    assert_eq!(lines[0].text, "\u{FEFB}");
    assert_eq!(lines[0].cells.len(), 1);
    assert_eq!(lines[0].cells[0].source, 0..text.len());
    assert_eq!(lines[0].indent, 9);
}

#[test]
fn shaping_off_emits_plain_letters_in_visual_order() {
    let opts = LayoutOptions {
        shaping: false,
        ..LayoutOptions::default()
    };
    let lines = layout_paragraph("سلام (يا) صديقي", Direction::Rtl, 80, &opts, &[]);
    assert_eq!(lines[0].text, "يقيدص (اي) مالس");
}

#[test]
fn empty_paragraph_and_zero_width() {
    let lines = lay("", Direction::Rtl, 10);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].cells.is_empty());
    assert_eq!(lines[0].indent, 10);
    let lines = lay("كلمة", Direction::Rtl, 0);
    assert_eq!(lines.len(), 4, "width 0 behaves as 1: one letter per line");
    assert!(lines.iter().all(|l| l.width == 1 && l.indent == 0));
}

#[test]
fn long_words_are_broken_and_keep_their_joined_forms() {
    let lines = lay("مستشفيات", Direction::Rtl, 3);
    assert_eq!(texts(&lines), ["ﺘﺴﻣ", "ﻴﻔﺸ", "ﺕﺎ"]);
}

#[test]
fn controls_are_shown_in_caret_notation_never_raw() {
    let lines = lay("a\u{1b}[31mb\u{7f}\u{85}c", Direction::Ltr, 80);
    assert_eq!(lines[0].text, "a^[[31mb^?~Ec");
    let esc = &lines[0].cells[1];
    assert_eq!((esc.width, esc.source.clone()), (2, 1..2));
    assert!(lines[0].text.chars().all(|c| !c.is_control()));
}

#[test]
fn tabs_expand_to_the_next_stop() {
    let opts = LayoutOptions {
        tab_width: 4,
        ..LayoutOptions::default()
    };
    let lines = layout_paragraph("ab\tc", Direction::Ltr, 80, &opts, &[]);
    assert_eq!(lines[0].to_plain(None), "ab  c");
    assert_eq!(lines[0].width, 5);
    assert!(lines[0].cells[2..4].iter().all(|c| c.source == (2..3)));
}

#[test]
fn bidi_controls_are_applied_then_dropped_or_shown() {
    // RLI…PDI isolates "abc" in an RTL paragraph; RLM and ALM take no cell.
    let text = "\u{200F}مرحبا\u{200F} \u{2067}abc\u{2069} \u{061C}1";
    let lines = lay(text, Direction::Rtl, 80);
    assert_eq!(lines[0].text, "1 abc ﺎﺒﺣﺮﻣ");
    let opts = LayoutOptions {
        show_bidi_controls: true,
        ..LayoutOptions::default()
    };
    let shown = layout_paragraph(text, Direction::Rtl, 80, &opts, &[]);
    assert!(shown[0].text.contains('\u{2BC7}'), "RLM is shown as ⯇");
    assert!(shown[0].text.contains('\u{21E4}'), "RLI is shown as ⇤");
    assert_eq!(shown[0].width, lines[0].width + 5);
}

#[test]
fn zero_width_characters_get_no_cell_of_their_own() {
    let text = "a\u{200B}b\u{00AD}c\u{FEFF}d";
    let lines = lay(text, Direction::Ltr, 80);
    assert_eq!(lines[0].text, "abcd");
    assert_eq!(lines[0].width, 4);
    // A combining mark with no base is drawn on a dotted circle.
    let lines = lay("\u{064F}مرحبا", Direction::Rtl, 80);
    assert!(lines[0].text.ends_with("\u{25CC}\u{064F}"));
}

#[test]
fn wide_characters_and_emoji_sequences_measure_two_cells() {
    let text = "中文 👨\u{200D}👩\u{200D}👧 x";
    let lines = lay(text, Direction::Ltr, 80);
    let widths: Vec<u8> = lines[0].cells.iter().map(|c| c.width).collect();
    assert_eq!(widths, [2, 2, 1, 2, 1, 1]);
    assert_eq!(lines[0].width, 9);
    // In a one-cell layout a wide character is replaced, never overflowing.
    let narrow = lay("中", Direction::Ltr, 1);
    assert_eq!((narrow[0].text.as_str(), narrow[0].width), (">", 1));
}

#[test]
fn styles_follow_source_bytes_through_reordering() {
    let text = "قال أحمد إن";
    let name = text.find("أحمد").unwrap();
    let spans = [StyleSpan {
        bytes: name..name + "أحمد".len(),
        style: 0b10,
    }];
    let mut lines = layout_paragraph(text, Direction::Rtl, 80, &LayoutOptions::default(), &spans);
    let styled: String = lines[0]
        .cells
        .iter()
        .filter(|c| c.style == 0b10)
        .map(|c| lines[0].cell_text(c))
        .collect();
    assert_eq!(styled, "ﺪﻤﺣﺃ");
    restyle(&mut lines, &[]);
    assert!(lines[0].cells.iter().all(|c| c.style == 0));
}

#[test]
fn to_plain_pads_to_the_requested_width() {
    let lines = lay("نعم", Direction::Rtl, 6);
    assert_eq!(lines[0].to_plain(None), "   ﻢﻌﻧ");
    assert_eq!(lines[0].to_plain(Some(8)), "   ﻢﻌﻧ  ");
}

#[test]
fn same_input_gives_the_same_cells() {
    let text = "وأطلقت تلك التغريدة عام 2019 على منصة «X» سلسلة تحركات";
    let a = lay(text, Direction::Rtl, 24);
    let b = lay(text, Direction::Rtl, 24);
    assert_eq!(a, b);
}

#[test]
fn a_soft_hyphen_shows_only_where_the_line_breaks() {
    let text = "extra\u{AD}ordinary";
    let wide = lay(text, Direction::Ltr, 80);
    assert_eq!(wide[0].text, "extraordinary");
    let narrow = lay(text, Direction::Ltr, 8);
    assert_eq!(texts(&narrow), ["extra-", "ordinary"]);
    assert_eq!(
        narrow[0].cells[5].source,
        5..7,
        "the hyphen maps to the soft hyphen"
    );
    // Arabic: the hyphen sits at the logical end, on the left of the RTL line.
    let arabic = lay("مستش\u{AD}فيات", Direction::Rtl, 6);
    assert_eq!(arabic[0].text, "-ﺸﺘﺴﻣ");
}
