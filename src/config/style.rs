//! Colours and text attributes as written in the config: `"bold black on light-yellow"`.
//!
//! Colours are the terminal's own palette (the 16 ANSI names), a 256-colour index, or `#rrggbb`.
//! Terminal-independent: `tui` converts a [`StyleSpec`] into a ratatui style.

use serde::Deserialize;

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorName {
    /// The terminal's default colour.
    Default,
    /// ANSI palette entry 0 to 15 (0 black ... 7 white/gray, 8 dark gray ... 15 bright white).
    Ansi(u8),
    /// An entry of the 256-colour palette.
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

const ANSI_NAMES: [(&str, u8); 16] = [
    ("black", 0),
    ("red", 1),
    ("green", 2),
    ("yellow", 3),
    ("blue", 4),
    ("magenta", 5),
    ("cyan", 6),
    ("gray", 7),
    ("dark-gray", 8),
    ("light-red", 9),
    ("light-green", 10),
    ("light-yellow", 11),
    ("light-blue", 12),
    ("light-magenta", 13),
    ("light-cyan", 14),
    ("white", 15),
];

impl ColorName {
    fn parse(word: &str) -> Option<ColorName> {
        let w = word.to_ascii_lowercase().replace('_', "-");
        if w == "default" || w == "reset" {
            return Some(ColorName::Default);
        }
        if w == "grey" {
            return Some(ColorName::Ansi(7));
        }
        if w == "dark-grey" {
            return Some(ColorName::Ansi(8));
        }
        if let Some(&(_, n)) = ANSI_NAMES.iter().find(|(name, _)| *name == w) {
            return Some(ColorName::Ansi(n));
        }
        if let Some(hex) = w.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(ColorName::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        w.parse::<u8>().ok().map(ColorName::Indexed)
    }
}

/// Foreground, background and attributes of one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[allow(clippy::struct_excessive_bools)] // one flag per SGR attribute, as the terminal has them
pub struct StyleSpec {
    /// Text colour, if set.
    pub fg: Option<ColorName>,
    /// Background colour, if set.
    pub bg: Option<ColorName>,
    /// Bold.
    pub bold: bool,
    /// Dim.
    pub dim: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Reversed video (foreground and background swapped).
    pub reverse: bool,
}

impl StyleSpec {
    /// Parses words: attributes (`bold`, `dim`, `italic`, `underline`, `reverse`), a foreground
    /// colour, and `on` followed by a background colour; `none` is the plain style.
    pub fn parse(text: &str) -> Result<StyleSpec, String> {
        let mut s = StyleSpec::default();
        let mut words = text.split_whitespace();
        while let Some(w) = words.next() {
            match w.to_ascii_lowercase().as_str() {
                "none" | "plain" => {}
                "bold" => s.bold = true,
                "dim" => s.dim = true,
                "italic" => s.italic = true,
                "underline" | "underlined" => s.underline = true,
                "reverse" | "reversed" => s.reverse = true,
                "on" => {
                    let c = words
                        .next()
                        .ok_or_else(|| format!("{text:?}: `on` needs a colour after it"))?;
                    s.bg = Some(
                        ColorName::parse(c)
                            .ok_or_else(|| format!("{text:?}: unknown colour {c:?}"))?,
                    );
                }
                _ => {
                    if s.fg.is_some() {
                        return Err(format!(
                            "{text:?}: two text colours (use `on` for the background)"
                        ));
                    }
                    s.fg =
                        Some(ColorName::parse(w).ok_or_else(|| {
                            format!("{text:?}: unknown colour or attribute {w:?}")
                        })?);
                }
            }
        }
        Ok(s)
    }
}

impl ColorName {
    /// The SGR parameters that set this colour, as foreground or background.
    fn sgr(self, background: bool) -> String {
        let base = if background { 40 } else { 30 };
        match self {
            ColorName::Default => format!("{}", base + 9),
            ColorName::Ansi(n) if n < 8 => format!("{}", base + u16::from(n)),
            ColorName::Ansi(n) => format!("{}", base + 60 + u16::from(n & 7)),
            ColorName::Indexed(n) => format!("{};5;{n}", base + 8),
            ColorName::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
        }
    }
}

impl StyleSpec {
    /// The SGR parameters of this style (`"1;31"` for bold red; empty for the plain style), for
    /// printed output; the reader converts styles for ratatui instead.
    pub fn sgr(&self) -> String {
        let mut codes: Vec<String> = [
            (self.bold, "1"),
            (self.dim, "2"),
            (self.italic, "3"),
            (self.underline, "4"),
            (self.reverse, "7"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, c)| (*c).to_owned())
        .collect();
        codes.extend(self.fg.map(|c| c.sgr(false)));
        codes.extend(self.bg.map(|c| c.sgr(true)));
        codes.join(";")
    }
}

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        StyleSpec::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours_and_attributes() {
        let s = StyleSpec::parse("bold black on light-yellow").unwrap();
        assert_eq!(s.fg, Some(ColorName::Ansi(0)));
        assert_eq!(s.bg, Some(ColorName::Ansi(11)));
        assert!(s.bold && !s.reverse);
        assert_eq!(
            StyleSpec::parse("#ff8000").unwrap().fg,
            Some(ColorName::Rgb(255, 128, 0))
        );
        assert_eq!(
            StyleSpec::parse("214").unwrap().fg,
            Some(ColorName::Indexed(214))
        );
        assert_eq!(StyleSpec::parse("none").unwrap(), StyleSpec::default());
        for (text, sgr) in [
            ("bold black on light-yellow", "1;30;103"),
            ("red", "31"),
            ("light-cyan", "96"),
            ("underline 214", "4;38;5;214"),
            ("#ff8000 on default", "38;2;255;128;0;49"),
            ("none", ""),
        ] {
            assert_eq!(StyleSpec::parse(text).unwrap().sgr(), sgr, "{text}");
        }
        for bad in ["greeen", "red on", "red blue", "#12345", "on purple", "300"] {
            assert!(StyleSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
