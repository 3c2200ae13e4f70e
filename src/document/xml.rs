//! What the XML formats (TMX, XLIFF) share: a pull parser (quick-xml) driven over a slice of
//! bytes that may end in the middle of the file, so that a large file can be read in chunks,
//! each ending after the last whole unit; line numbers; character references.
//!
//! Pure: bytes in, events to a [`Handler`] out; no I/O.

use super::formats::FormatError;
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

/// What a format does with the events of its file.
pub trait Handler {
    /// An element starts at 1-based `line` (an empty element `<x/>` starts, then ends).
    fn start(&mut self, name: &str, element: &BytesStart<'_>, line: usize);
    /// An element ends; returns whether a unit was completed (a place where a chunk may end).
    fn end(&mut self, name: &str) -> bool;
    /// Text (character references resolved).
    fn text(&mut self, text: &str);
    /// The chunk ended inside a unit: forget the unit begun, it will be read again.
    fn abandon(&mut self);
}

/// How far a chunk was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fed {
    /// Bytes read for good (up to the end of the last whole unit, or all of the last chunk).
    pub consumed: usize,
    /// Lines ended within those bytes.
    pub newlines: usize,
}

/// An error at most this far from the end of a chunk that is not the last may come from the
/// cut (a tag cut in two); it is read again with the next chunk.
const CUT_MARGIN: usize = 1 << 16;

/// Reads the events of `bytes` (the file from line `first_line` on) into `handler`. With
/// `last`, `bytes` runs to the end of the file; otherwise reading stops after the last whole
/// unit. An error is reported with its line.
pub fn drive<H: Handler>(
    what: &'static str,
    bytes: &[u8],
    last: bool,
    first_line: usize,
    handler: &mut H,
) -> Result<Fed, FormatError> {
    let mut reader = Reader::from_reader(bytes);
    // A chunk may start inside the root element: its end tag then has no start in the chunk.
    // So that a file read in chunks reads as it does whole, an end tag that does not match the
    // open element is not an error either (a chunk does not know the elements opened before
    // it): the handlers go by the names they see, and skip what does not fit.
    let config = reader.config_mut();
    config.allow_unmatched_ends = true;
    config.check_end_names = false;
    config.allow_dangling_amp = true;
    let mut lines = Lines {
        bytes,
        at: 0,
        newlines: 0,
    };
    let mut committed = Fed {
        consumed: 0,
        newlines: 0,
    };
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let pos = reader.error_position() as usize;
                handler.abandon();
                if !last && pos + CUT_MARGIN >= bytes.len() {
                    return Ok(committed);
                }
                return Err(FormatError::Malformed {
                    what,
                    line: first_line + lines.up_to(pos),
                    message: err.to_string(),
                });
            }
        };
        match event {
            Event::Start(e) => {
                let line = first_line + lines.up_to(at);
                handler.start(&utf8(e.local_name().as_ref()), &e, line);
            }
            Event::Empty(e) => {
                let line = first_line + lines.up_to(at);
                let local = e.local_name();
                let name = utf8(local.as_ref());
                handler.start(&name, &e, line);
                if handler.end(&name) {
                    committed = lines.commit(reader.buffer_position() as usize);
                }
            }
            Event::End(e) => {
                if handler.end(&utf8(e.local_name().as_ref())) {
                    committed = lines.commit(reader.buffer_position() as usize);
                }
            }
            Event::Text(t) => handler.text(&utf8(&t)),
            Event::CData(t) => handler.text(&utf8(&t)),
            Event::GeneralRef(r) => handler.text(&reference(&r)),
            Event::Eof => {
                if last {
                    return Ok(lines.commit(bytes.len()));
                }
                handler.abandon();
                return Ok(committed);
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

/// Text as UTF-8 (checked at its speed first; invalid bytes replaced).
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Counts lines as the parser moves on (each byte is looked at once).
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    newlines: usize,
}

impl Lines<'_> {
    /// Lines ended before `pos`.
    fn up_to(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.bytes.len());
        if pos > self.at {
            let between = self.bytes.get(self.at..pos).unwrap_or_default();
            self.newlines += memchr::memchr_iter(b'\n', between).count();
            self.at = pos;
        }
        self.newlines
    }

    fn commit(&mut self, pos: usize) -> Fed {
        let newlines = self.up_to(pos);
        Fed {
            consumed: pos.min(self.bytes.len()),
            newlines,
        }
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    utf8(e.local_name().as_ref()).into_owned()
}

/// The text of `&name;` or `&#n;`: a character reference or one of XML's five entities; any
/// other entity (declared in a DTD bitext does not read) is kept as written.
fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(r);
    quick_xml::escape::resolve_predefined_entity(&name)
        .map_or_else(|| format!("&{name};"), str::to_owned)
}

/// The value of the attribute `name` (a qualified name such as `xml:lang`), unescaped.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| {
            a.unescape_value().map_or_else(
                |_| String::from_utf8_lossy(&a.value).into_owned(),
                std::borrow::Cow::into_owned,
            )
        })
}

/// The local name of the first element of `head`, lowercased (past the declaration, comments
/// and doctype); `None` when there is none or the markup breaks first.
pub fn root_name(head: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(head);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => return Some(local_name(&e).to_ascii_lowercase()),
            Event::Eof => return None,
            Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => return None,
            _ => {}
        }
    }
}

/// Text gathered inside an element, with the content of some children (inline codes) left out.
#[derive(Debug, Default)]
pub struct Gather {
    /// The text so far.
    pub text: String,
    /// Depth inside left-out elements.
    skip: usize,
}

impl Gather {
    /// An element starts inside: `left_out` ones hide their content.
    pub fn start(&mut self, left_out: bool) {
        if left_out || self.skip > 0 {
            self.skip += 1;
        }
    }

    /// An element ends inside.
    pub fn end(&mut self) {
        self.skip = self.skip.saturating_sub(1);
    }

    /// Text inside.
    pub fn text(&mut self, text: &str) {
        if self.skip == 0 {
            self.text.push_str(text);
        }
    }

    /// The text, whitespace collapsed; the gatherer is empty again.
    pub fn take(&mut self) -> String {
        self.skip = 0;
        let mut text = std::mem::take(&mut self.text);
        super::formats::collapse_whitespace(&mut text);
        text
    }
}
