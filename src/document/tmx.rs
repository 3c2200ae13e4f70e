//! TMX translation memories (1.4, and 1.1's `lang` attribute): each `<tu>` is a unit of its
//! Arabic and English `<tuv>` (codes such as `ar`, `ar-SA`, `en-US`, in any order; other
//! languages ignored). Inline codes (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>`) are left out of
//! the text, `<hi>` keeps its text, `<prop>` and `<note>` are not text. A `<prop
//! type="x-bitext-score">` (written by `bitext --export tmx`) is the unit's confidence.
//!
//! The reader takes the file in chunks ([`TmxReader::feed`]) so that a large memory is shown
//! before it is all read. Pure: bytes in, units out; no I/O.

use super::formats::{FormatError, Seg, Unit, lang_of_code};
use super::xml::{self, Gather, Handler};
use super::{Lang, script};
use quick_xml::events::BytesStart;
use std::collections::BTreeSet;

/// The `<prop>` type that holds bitext's confidence in a unit.
pub const SCORE_PROP: &str = "x-bitext-score";

const WHAT: &str = "TMX";

/// A TMX file read chunk by chunk.
#[derive(Debug, Default)]
pub struct TmxReader {
    units: Vec<Unit>,
    warnings: Vec<String>,
    /// Lines before the next chunk.
    line: usize,
    root: Option<String>,
    tu_count: usize,
    without_langs: usize,
    codes: BTreeSet<String>,
    stopped: bool,
    tu: Option<Tu>,
}

#[derive(Debug, Default)]
struct Tu {
    line: usize,
    score: Option<f64>,
    ar: Option<Seg>,
    en: Option<Seg>,
    tuv_code: Option<String>,
    seg_line: usize,
    in_seg: bool,
    seg: Gather,
    prop: Option<(String, String)>,
}

impl TmxReader {
    /// A reader at the start of a file.
    pub fn new() -> Self {
        TmxReader {
            line: 1,
            ..TmxReader::default()
        }
    }

    /// Reads the next chunk of the file (the bytes after those consumed so far, `last` when
    /// they run to its end); returns how many bytes were consumed (the rest, a unit cut in two,
    /// comes again at the start of the next chunk). Broken markup after some units is a
    /// warning and the end of reading; before any, an error.
    pub fn feed(&mut self, bytes: &[u8], last: bool) -> Result<usize, FormatError> {
        if self.stopped {
            return Ok(bytes.len());
        }
        match xml::drive(WHAT, bytes, last, self.line, self) {
            Ok(fed) => {
                self.line += fed.newlines;
                Ok(fed.consumed)
            }
            Err(FormatError::Malformed { line, message, .. }) if self.tu_count > 0 => {
                self.warnings.push(format!(
                    "malformed TMX at line {line}: {message}; the {} units before it are shown",
                    self.tu_count
                ));
                self.stopped = true;
                Ok(bytes.len())
            }
            Err(e) => Err(e),
        }
    }

    /// The units read since the last call.
    pub fn take_units(&mut self) -> Vec<Unit> {
        std::mem::take(&mut self.units)
    }

    /// Whether reading stopped at broken markup (the rest of the file need not be read).
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// After the last chunk: an error when the file had no unit in Arabic or English, else the
    /// warnings (units skipped, markup broken).
    pub fn finish(&mut self, units_read: usize) -> Result<Vec<String>, FormatError> {
        if let Some(root) = self.root.as_ref().filter(|r| *r != "tmx") {
            return Err(FormatError::Malformed {
                what: WHAT,
                line: 1,
                message: format!("the root element is <{root}>, not <tmx>"),
            });
        }
        if self.tu_count == 0
            && let Some(tu) = &self.tu
        {
            return Err(FormatError::Malformed {
                what: WHAT,
                line: tu.line,
                message: "the file ends inside its first translation unit".to_owned(),
            });
        }
        if self.tu_count == 0 {
            return Err(FormatError::Empty {
                what: WHAT,
                unit: "translation unit (<tu>)",
            });
        }
        if units_read == 0 {
            let found: Vec<&str> = self.codes.iter().map(String::as_str).collect();
            return Err(FormatError::NoLanguages {
                what: WHAT,
                found: if found.is_empty() {
                    "none".to_owned()
                } else {
                    found.join(", ")
                },
            });
        }
        let mut warnings = std::mem::take(&mut self.warnings);
        if let Some(tu) = self.tu.take() {
            warnings.push(format!(
                "the file ends inside a translation unit (line {}); it is left out",
                tu.line
            ));
        }
        if self.without_langs > 0 {
            warnings.insert(
                0,
                format!(
                    "{} of {} translation units have neither Arabic nor English and are skipped",
                    self.without_langs, self.tu_count
                ),
            );
        }
        Ok(warnings)
    }
}

impl Handler for TmxReader {
    fn start(&mut self, name: &str, e: &BytesStart<'_>, line: usize) {
        if self.root.is_none() {
            self.root = Some(name.to_owned());
        }
        let Some(tu) = self.tu.as_mut() else {
            if name == "tu" {
                self.tu = Some(Tu {
                    line,
                    ..Tu::default()
                });
            }
            return;
        };
        if tu.in_seg {
            tu.seg
                .start(matches!(name, "ph" | "bpt" | "ept" | "it" | "ut"));
            return;
        }
        match name {
            "tuv" => {
                tu.tuv_code = xml::attr(e, "xml:lang").or_else(|| xml::attr(e, "lang"));
            }
            "seg" => {
                tu.in_seg = true;
                tu.seg_line = line;
            }
            "prop" => tu.prop = Some((xml::attr(e, "type").unwrap_or_default(), String::new())),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) -> bool {
        let Some(tu) = self.tu.as_mut() else {
            return false;
        };
        if tu.in_seg && name != "seg" {
            tu.seg.end();
            return false;
        }
        match name {
            "seg" => {
                tu.in_seg = false;
                let text = tu.seg.take();
                let code = tu.tuv_code.take();
                let lang = match &code {
                    Some(c) => lang_of_code(c),
                    None => script::detect(&text),
                };
                if let (None, Some(c)) = (lang, code)
                    && self.codes.len() < 16
                {
                    self.codes.insert(c);
                }
                let seg = Seg {
                    text,
                    line: tu.seg_line,
                };
                match lang {
                    Some(Lang::Ar) if tu.ar.is_none() => tu.ar = Some(seg),
                    Some(Lang::En) if tu.en.is_none() => tu.en = Some(seg),
                    _ => {}
                }
            }
            "prop" => {
                if let Some((kind, value)) = tu.prop.take()
                    && kind == SCORE_PROP
                {
                    tu.score = value
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|s| (0.0..=1.0).contains(s));
                }
            }
            "tu" => {
                let tu = self.tu.take().unwrap_or_default();
                self.tu_count += 1;
                let keep = |s: Option<Seg>| s.filter(|s| !s.text.is_empty()).into_iter().collect();
                let unit = Unit {
                    ar: keep(tu.ar),
                    en: keep(tu.en),
                    score: tu.score.unwrap_or(1.0),
                };
                if unit.ar.is_empty() && unit.en.is_empty() {
                    self.without_langs += 1;
                } else {
                    self.units.push(unit);
                }
                return true;
            }
            _ => {}
        }
        false
    }

    fn text(&mut self, text: &str) {
        if let Some(tu) = self.tu.as_mut() {
            if tu.in_seg {
                tu.seg.text(text);
            } else if let Some((_, value)) = tu.prop.as_mut() {
                value.push_str(text);
            }
        }
    }

    fn abandon(&mut self) {
        self.tu = None;
    }
}

/// Reads a whole TMX text: its units and warnings.
pub fn parse(text: &str) -> Result<(Vec<Unit>, Vec<String>), FormatError> {
    let mut reader = TmxReader::new();
    reader.feed(text.as_bytes(), true)?;
    let units = reader.take_units();
    let warnings = reader.finish(units.len())?;
    Ok((units, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="x" srclang="en-US" datatype="xml" segtype="sentence" adminlang="en" o-tmf="x"/>
  <body>
    <tu tuid="1">
      <prop type="x-domain">news</prop>
      <note>checked</note>
      <tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> &amp; wait<ph>&lt;br/&gt;</ph>.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Appuyez</seg></tuv>
      <tuv xml:lang="ar-SA"><seg>اضغط <hi type="b">هنا</hi>
         وانتظر&#x2E;</seg></tuv>
    </tu>
    <tu><prop type="x-bitext-score">0.25</prop><tuv lang="AR"><seg>نعم</seg></tuv></tu>
    <tu><tuv xml:lang="de"><seg>Ja</seg></tuv></tu>
  </body>
</tmx>
"#;

    #[test]
    fn units_have_their_arabic_and_english_without_codes() {
        let (units, warnings) = parse(TMX).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].en[0].text, "Press here & wait.");
        assert_eq!(units[0].ar[0].text, "اضغط هنا وانتظر.");
        assert_eq!(units[0].en[0].line, 9);
        assert!((units[0].score - 1.0).abs() < 1e-9);
        assert_eq!(units[1].ar[0].text, "نعم");
        assert!(units[1].en.is_empty());
        assert!((units[1].score - 0.25).abs() < 1e-9);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("1 of 3"));
    }

    #[test]
    fn chunks_give_the_same_units_as_the_whole() {
        let (whole, _) = parse(TMX).unwrap();
        for size in [1, 7, 64, 300] {
            let mut reader = TmxReader::new();
            let bytes = TMX.as_bytes();
            let (mut at, mut units) = (0, Vec::new());
            let mut end = 0;
            while at < bytes.len() {
                end = (end + size).max(at + 1).min(bytes.len());
                let last = end == bytes.len();
                at += reader.feed(&bytes[at..end], last).unwrap();
                units.extend(reader.take_units());
                if last {
                    break;
                }
            }
            assert_eq!(units, whole, "chunks of {size}");
        }
    }

    #[test]
    fn broken_or_foreign_files_are_errors_naming_the_problem() {
        let e = parse("<tmx><body><tu><tuv xml:lang='fr'><seg>Oui</seg></tuv></tu></body></tmx>")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "TMX without Arabic or English (languages found: fr)"
        );
        let e = parse("<tmx>\n<body>\n<tu><tuv xml:lang='ar'><seg>نعم</tuv></tu><").unwrap_err();
        assert!(e.to_string().starts_with("malformed TMX at line 3"), "{e}");
        let e = parse("<tmx><body></body></tmx>").unwrap_err();
        assert!(matches!(e, FormatError::Empty { .. }));
        // Broken after some units: best effort, with a warning naming the line (an end tag
        // that does not match is skipped, as a file read in chunks must: the unit left open is
        // left out).
        let text = "<tmx><body><tu><tuv xml:lang='ar'><seg>نعم</seg></tuv></tu>\n<tu><tuv xml:lang='ar'><seg>x</tuv></tu>";
        let (units, warnings) = parse(text).unwrap();
        assert_eq!(units.len(), 1);
        assert!(
            warnings[0].contains("translation unit (line 2)"),
            "{warnings:?}"
        );
        // Damaged so that an end tag has no start (found by the damaged-fixture proptest): read
        // whole, it reads as in chunks.
        let text = "<tmx><body><tu><tuv xml:lang='ar'><seg>نعم</seg></tuv><tuv xml:lang='en'><seg>Yes</seg></tuv></tu>\n    </tu>tiondate='x'>\n<tu><tuv xml:lang='ar'><seg>لا</seg></tuv><tuv xml:lang='en'><seg>No</seg></tuv></tu></body></tmx>";
        let (units, _) = parse(text).unwrap();
        assert_eq!(units.len(), 2);
    }
}
