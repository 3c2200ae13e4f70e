//! Character classes the engine treats specially: terminal controls (shown in caret notation),
//! bidi controls (applied, then dropped or shown as symbols), and invisible format characters.
//!
//! Pure: no terminal, no I/O.

/// ZERO WIDTH JOINER.
pub(super) const ZWJ: char = '\u{200D}';
/// ZERO WIDTH NON-JOINER.
pub(super) const ZWNJ: char = '\u{200C}';
/// DOTTED CIRCLE: the base shown under a combining mark that has no base of its own.
pub(super) const DOTTED_CIRCLE: char = '\u{25CC}';
/// Shown in a 1-cell-wide layout in place of a 2-cell-wide character (as Vim does).
pub(super) const TOO_WIDE: char = '>';

/// The visible stand-in of a bidi control for `show_bidi_controls`, or `None` when `c` is not
/// one. Every symbol is one cell wide (East Asian Width "N") and not mirrored.
pub(super) fn bidi_control_symbol(c: char) -> Option<char> {
    Some(match c {
        '\u{200E}' => '\u{2BC8}', // LRM ⯈
        '\u{200F}' => '\u{2BC7}', // RLM ⯇
        '\u{061C}' => '\u{25C2}', // ALM ◂
        '\u{202A}' => '\u{21B1}', // LRE ↱
        '\u{202B}' => '\u{21B0}', // RLE ↰
        '\u{202C}' => '\u{21A5}', // PDF ↥
        '\u{202D}' => '\u{21DB}', // LRO ⇛
        '\u{202E}' => '\u{21DA}', // RLO ⇚
        '\u{2066}' => '\u{21E5}', // LRI ⇥
        '\u{2067}' => '\u{21E4}', // RLI ⇤
        '\u{2068}' => '\u{2B6C}', // FSI ⭬
        '\u{2069}' => '\u{21F9}', // PDI ⇹
        _ => return None,
    })
}

/// Caret notation for C0 controls and DEL (`^@` … `^_`, `^?`), and `~@` … `~_` for the C1
/// controls U+0080–U+009F (each C1 control is the 7-bit `ESC` + that character). `None` for any
/// other character. Tab and the line separators are handled before this is asked.
pub(super) fn control_picture(c: char) -> Option<[char; 2]> {
    let code = u32::from(c);
    match code {
        0x00..=0x1F => char::from_u32(code + 0x40).map(|x| ['^', x]),
        0x7F => Some(['^', '?']),
        0x80..=0x9F => char::from_u32(code - 0x40).map(|x| ['~', x]),
        _ => None,
    }
}

/// Characters that end a line of their own accord: LF, CR (and CR LF), LINE SEPARATOR and
/// PARAGRAPH SEPARATOR. They take no cell.
pub(super) fn is_hard_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Invisible format characters: exactly Unicode's `Default_Ignorable_Code_Point` (of Unicode
/// 15.0, the version of the crates' tables; a test compares the ranges with the UCD's
/// `DerivedCoreProperties.txt` where the system has it). When such a character makes up a
/// grapheme of zero width, the grapheme is dropped rather than drawn.
pub(super) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    /// `is_format` is `Default_Ignorable_Code_Point` exactly, as the Unicode Character Database
    /// derives it (Debian's `unicode-data` package; CI installs it).
    #[test]
    fn format_characters_are_exactly_the_default_ignorables() {
        let path = "/usr/share/unicode/DerivedCoreProperties.txt";
        let Ok(ucd) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} not found (apt-get install unicode-data)");
            return;
        };
        let mut ignorable = vec![false; 0x11_0000];
        for line in ucd.lines() {
            let data = line.split('#').next().unwrap_or_default();
            let mut fields = data.split(';').map(str::trim);
            let (Some(range), Some("Default_Ignorable_Code_Point")) =
                (fields.next(), fields.next())
            else {
                continue;
            };
            let (lo, hi) = range.split_once("..").unwrap_or((range, range));
            let lo = u32::from_str_radix(lo, 16).unwrap();
            let hi = u32::from_str_radix(hi, 16).unwrap();
            for code in lo..=hi {
                ignorable[code as usize] = true;
            }
        }
        assert!(ignorable.iter().filter(|&&b| b).count() > 4000);
        for code in 0u32..0x11_0000 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_format(c), ignorable[code as usize], "U+{code:04X}");
            }
        }
    }

    #[test]
    fn caret_notation() {
        assert_eq!(control_picture('\u{1B}'), Some(['^', '[']));
        assert_eq!(control_picture('\0'), Some(['^', '@']));
        assert_eq!(control_picture('\u{7F}'), Some(['^', '?']));
        assert_eq!(control_picture('\u{85}'), Some(['~', 'E']));
        assert_eq!(control_picture('\u{9B}'), Some(['~', '[']));
        assert_eq!(control_picture('a'), None);
    }

    #[test]
    fn bidi_symbols_are_one_cell_and_not_mirrored() {
        for c in [
            '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            let s = bidi_control_symbol(c).unwrap();
            assert_eq!(s.width(), Some(1), "{c:?}");
            assert_eq!(s.width_cjk(), Some(1), "{c:?}");
            assert!(unicode_bidi_mirroring::get_mirrored(s).is_none());
            assert!(is_format(c));
        }
        assert_eq!(bidi_control_symbol('a'), None);
    }
}
