//! The input formats bitext recognises beyond plain text, told apart by content (the file name's
//! extension only breaks ties), and what every structured format yields: units of Arabic and
//! English segments that are already paired.
//!
//! Pure: bytes or text in, a kind or units out; no I/O.

use super::Lang;
use thiserror::Error;

/// What a file holds, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text: blocks, interleaved paragraphs, TSV (see [`super::parse`]).
    Text,
    /// An HTML page.
    Html,
    /// SubRip or WebVTT subtitles.
    Subtitles,
    /// A TMX translation memory.
    Tmx,
    /// An XLIFF file (1.2 or 2.x).
    Xliff,
}

/// One segment of a unit: its text and where it starts in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    /// The text, markup removed, whitespace collapsed.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// A unit whose sides are paired by the file itself (a TMX `<tu>`, an XLIFF unit, subtitle cues
/// that overlap in time): the segments of each side, and the confidence of the pairing.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The Arabic segments (none for a unit without Arabic).
    pub ar: Vec<Seg>,
    /// The English segments.
    pub en: Vec<Seg>,
    /// The confidence, from 0 to 1.
    pub score: f64,
}

impl Unit {
    /// The segments of one side.
    pub fn side_mut(&mut self, lang: Lang) -> &mut Vec<Seg> {
        match lang {
            Lang::Ar => &mut self.ar,
            Lang::En => &mut self.en,
        }
    }
}

/// Why a structured file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// The markup is broken before anything could be read.
    #[error("malformed {what} at line {line}: {message}")]
    Malformed {
        /// The format (`TMX`, `XLIFF`).
        what: &'static str,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is of the format, but has neither Arabic nor English.
    #[error("{what} without Arabic or English (languages found: {found})")]
    NoLanguages {
        /// The format.
        what: &'static str,
        /// The language codes found, or `none`.
        found: String,
    },
    /// Larger than a file of its kind can reasonably be (a page is read whole into a tree).
    #[error("{what} too large ({size} bytes; the limit is {limit})")]
    TooLarge {
        /// The format.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The file has no unit at all.
    #[error("{what} without any {unit}")]
    Empty {
        /// The format.
        what: &'static str,
        /// What its units are called.
        unit: &'static str,
    },
}

/// The kind of a file from its first bytes (`head`; a few kilobytes are enough) and its name.
/// Content decides; the extension is only a hint for a page that does not say it is HTML.
pub fn sniff(name: &str, head: &[u8]) -> Kind {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = head.get(start..).unwrap_or_default();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if head.first() == Some(&b'<') {
        match super::xml::root_name(head).as_deref() {
            Some("tmx") => return Kind::Tmx,
            Some("xliff") => return Kind::Xliff,
            Some("html" | "head" | "body" | "article" | "div" | "p" | "meta" | "title") => {
                return Kind::Html;
            }
            _ => {}
        }
        if starts_with_ignore_case(head, b"<!doctype html")
            || matches!(ext.as_str(), "html" | "htm" | "xhtml")
        {
            return Kind::Html;
        }
        return match ext.as_str() {
            "tmx" => Kind::Tmx,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Kind::Xliff,
            _ => Kind::Text,
        };
    }
    let text = String::from_utf8_lossy(head.get(..head.len().min(4096)).unwrap_or_default());
    if super::subtitles::looks_like(&text) {
        return Kind::Subtitles;
    }
    Kind::Text
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix))
}

/// The language of a language code (`ar`, `ar-SA`, `AR_eg`, `en-US`, `ara`, `eng`), if it is
/// Arabic or English.
pub fn lang_of_code(code: &str) -> Option<Lang> {
    let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "ara" => Some(Lang::Ar),
        "en" | "eng" => Some(Lang::En),
        _ => None,
    }
}

/// Collapses runs of XML whitespace (space, tab, line breaks) into one space and trims the ends,
/// in place. Other spaces (a no-break space) are text and stay.
pub fn collapse_whitespace(text: &mut String) {
    let bytes = text.as_bytes();
    let tidy = memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none();
    if tidy {
        let trimmed = text.trim_matches(' ');
        if trimmed.len() != text.len() {
            *text = trimmed.to_owned();
        }
        return;
    }
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(['\t', '\n', '\r', ' '])
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_content_first() {
        let tmx =
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">";
        assert_eq!(sniff("memory.txt", tmx), Kind::Tmx);
        assert_eq!(
            sniff("a.xml", b"\xEF\xBB\xBF  <xliff version='2.0'>"),
            Kind::Xliff
        );
        assert_eq!(sniff("page", b"<!DOCTYPE html><html lang=ar>"), Kind::Html);
        assert_eq!(sniff("page.htm", b"<!-- saved --><p>hi"), Kind::Html);
        assert_eq!(
            sniff("x.srt", b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"),
            Kind::Subtitles
        );
        assert_eq!(sniff("x.txt", b"WEBVTT\n\n"), Kind::Subtitles);
        assert_eq!(sniff("x.html", b"just text\n"), Kind::Text);
        assert_eq!(sniff("x.tmx", b"<broken"), Kind::Tmx);
        assert_eq!(sniff("x.txt", b"<3 you\n"), Kind::Text);
    }

    #[test]
    fn codes_and_whitespace() {
        assert_eq!(lang_of_code("ar-SA"), Some(Lang::Ar));
        assert_eq!(lang_of_code("EN_us"), Some(Lang::En));
        assert_eq!(lang_of_code("fr"), None);
        let mut s = " a \n\t b  c ".to_owned();
        collapse_whitespace(&mut s);
        assert_eq!(s, "a b c");
        let mut s = " a\u{A0} b ".to_owned();
        collapse_whitespace(&mut s);
        assert_eq!(s, "a\u{A0} b");
    }
}
