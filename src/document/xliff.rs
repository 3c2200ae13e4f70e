//! XLIFF files from CAT tools (1.2: `<file source-language target-language>` and
//! `<trans-unit>`; 2.x: `<xliff srcLang trgLang>`, `<unit>` of `<segment>`s): each unit is a
//! unit of its source and its target, filed under Arabic or English by the file's languages
//! (either may be Arabic; without codes, by script). A unit without a target is one-sided.
//! Alternatives (`<alt-trans>`, `<mtc:matches>`), notes, original data and the segmented copy
//! (`<seg-source>`) are not text; inline codes (`<ph>`, `<bpt>`, `<ept>`, `<it>`) are left out,
//! `<g>`, `<mrk>` and `<pc>` keep their text.
//!
//! Pure: text in, units out; no I/O.

use super::formats::{FormatError, Seg, Unit, lang_of_code};
use super::xml::{self, Gather, Handler};
use super::{Lang, script};
use quick_xml::events::BytesStart;
use std::collections::BTreeSet;

const WHAT: &str = "XLIFF";

#[derive(Debug, Default)]
struct Reader {
    units: Vec<Unit>,
    root: Option<String>,
    source_lang: Option<String>,
    target_lang: Option<String>,
    unit_count: usize,
    untranslated: usize,
    without_langs: usize,
    codes: BTreeSet<String>,
    unit: Option<Building>,
    /// The line where the last unit began.
    unit_line: usize,
    /// Depth inside an element whose content is not the unit's text.
    hidden: usize,
}

#[derive(Debug, Default)]
struct Building {
    source: Option<Seg>,
    target: Option<Seg>,
    field: Option<bool>,
    gather: Gather,
    line: usize,
}

impl Building {
    /// Appends the text gathered to the source (`false`) or target (`true`).
    fn close_field(&mut self, target: bool) {
        let text = self.gather.take();
        let slot = if target {
            &mut self.target
        } else {
            &mut self.source
        };
        match slot {
            Some(seg) if !text.is_empty() => {
                if !seg.text.is_empty() {
                    seg.text.push(' ');
                }
                seg.text.push_str(&text);
            }
            Some(_) => {}
            None => {
                *slot = Some(Seg {
                    text,
                    line: self.line,
                });
            }
        }
    }
}

impl Reader {
    fn side(&mut self, code: Option<&String>, text: &str) -> Option<Lang> {
        match code {
            Some(c) => {
                let lang = lang_of_code(c);
                if lang.is_none() && self.codes.len() < 16 {
                    self.codes.insert(c.clone());
                }
                lang
            }
            None => script::detect(text),
        }
    }
}

impl Handler for Reader {
    fn start(&mut self, name: &str, e: &BytesStart<'_>, line: usize) {
        if self.root.is_none() {
            self.root = Some(name.to_owned());
            if name == "xliff" {
                // 2.x
                self.source_lang = xml::attr(e, "srcLang");
                self.target_lang = xml::attr(e, "trgLang");
            }
        }
        if self.hidden > 0 {
            self.hidden += 1;
            return;
        }
        if matches!(
            name,
            "alt-trans"
                | "matches"
                | "note"
                | "notes"
                | "originalData"
                | "seg-source"
                | "ignorable"
        ) {
            self.hidden = 1;
            return;
        }
        match (&mut self.unit, name) {
            (None, "file") => {
                if let Some(l) = xml::attr(e, "source-language") {
                    self.source_lang = Some(l);
                }
                if let Some(l) = xml::attr(e, "target-language") {
                    self.target_lang = Some(l);
                }
            }
            (None, "trans-unit" | "unit") => {
                self.unit = Some(Building::default());
                self.unit_line = line;
            }
            (Some(unit), "source" | "target") if unit.field.is_none() => {
                let target = name == "target";
                if target && let Some(l) = xml::attr(e, "xml:lang") {
                    self.target_lang = Some(l);
                }
                unit.field = Some(target);
                unit.line = line;
            }
            (Some(unit), _) if unit.field.is_some() => {
                unit.gather
                    .start(matches!(name, "ph" | "bpt" | "ept" | "it" | "sub"));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) -> bool {
        if self.hidden > 0 {
            self.hidden -= 1;
            return false;
        }
        let Some(unit) = self.unit.as_mut() else {
            return false;
        };
        match (unit.field, name) {
            (Some(target), "source" | "target") if target == (name == "target") => {
                unit.close_field(target);
                unit.field = None;
                false
            }
            (Some(_), _) => {
                unit.gather.end();
                false
            }
            (None, "trans-unit" | "unit") => {
                let unit = self.unit.take().unwrap_or_default();
                self.unit_count += 1;
                let source = unit.source.filter(|s| !s.text.is_empty());
                let target = unit.target.filter(|s| !s.text.is_empty());
                if source.is_some() && target.is_none() {
                    self.untranslated += 1;
                }
                let mut built = Unit {
                    ar: vec![],
                    en: vec![],
                    score: 1.0,
                };
                let (src_code, trg_code) = (self.source_lang.clone(), self.target_lang.clone());
                for (seg, code) in [(source, src_code), (target, trg_code)] {
                    let Some(seg) = seg else { continue };
                    if let Some(lang) = self.side(code.as_ref(), &seg.text) {
                        let side = built.side_mut(lang);
                        if side.is_empty() {
                            side.push(seg);
                        }
                    }
                }
                if built.ar.is_empty() && built.en.is_empty() {
                    self.without_langs += 1;
                } else {
                    if built.ar.is_empty() || built.en.is_empty() {
                        built.score = 0.0;
                    }
                    self.units.push(built);
                }
                true
            }
            _ => false,
        }
    }

    fn text(&mut self, text: &str) {
        if self.hidden == 0
            && let Some(unit) = self.unit.as_mut()
            && unit.field.is_some()
        {
            unit.gather.text(text);
        }
    }

    fn abandon(&mut self) {
        self.unit = None;
    }
}

/// Reads a whole XLIFF text: its units (an untranslated one has one side, with score 0) and
/// warnings (untranslated units, units in other languages).
pub fn parse(text: &str) -> Result<(Vec<Unit>, Vec<String>), FormatError> {
    let mut reader = Reader::default();
    let fed = xml::drive(WHAT, text.as_bytes(), true, 1, &mut reader);
    let mut warnings = Vec::new();
    if let Err(e) = fed {
        if reader.unit_count == 0 {
            return Err(e);
        }
        warnings.push(format!(
            "{e}; the {} units before it are shown",
            reader.unit_count
        ));
    }
    if let Some(root) = reader.root.as_ref().filter(|r| *r != "xliff") {
        return Err(FormatError::Malformed {
            what: WHAT,
            line: 1,
            message: format!("the root element is <{root}>, not <xliff>"),
        });
    }
    if reader.unit_count == 0 && reader.unit.is_some() {
        return Err(FormatError::Malformed {
            what: WHAT,
            line: reader.unit_line,
            message: "the file ends inside its first unit".to_owned(),
        });
    }
    if reader.unit_count == 0 {
        return Err(FormatError::Empty {
            what: WHAT,
            unit: "unit (<trans-unit> or <unit>)",
        });
    }
    if reader.units.is_empty() {
        let found: Vec<&str> = reader.codes.iter().map(String::as_str).collect();
        return Err(FormatError::NoLanguages {
            what: WHAT,
            found: if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            },
        });
    }
    if reader.untranslated == reader.unit_count {
        warnings.push("no unit has a translation (target); the source is shown alone".to_owned());
    } else if reader.untranslated > 0 {
        warnings.push(format!(
            "{} of {} units have no translation (target); they are shown one-sided",
            reader.untranslated, reader.unit_count
        ));
    }
    if reader.without_langs > 0 {
        warnings.push(format!(
            "{} of {} units have neither Arabic nor English and are skipped",
            reader.without_langs, reader.unit_count
        ));
    }
    Ok((reader.units, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news.html" source-language="en-US" target-language="ar-EG" datatype="html">
    <body>
      <trans-unit id="1">
        <source>Click <g id="1">Save</g><x id="2"/> now.</source>
        <seg-source><mrk mtype="seg" mid="1">Click Save now.</mrk></seg-source>
        <target state="translated">انقر <g id="1">حفظ</g> الآن.</target>
        <alt-trans><target>اضغط حفظ</target></alt-trans>
        <note>UI string</note>
      </trans-unit>
      <trans-unit id="2"><source>Not yet translated.</source><target state="new"/></trans-unit>
      <trans-unit id="3"><source>Also <ph id="1">&lt;br&gt;</ph>untranslated.</source></trans-unit>
    </body>
  </file>
</xliff>"#;

    const V20: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;b&gt;</data></originalData>
   <segment><source>مرحبا <pc id="1">بكم</pc>.</source><target>Welcome.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment><source>شكرا<ph id="2" dataRef="d1"/>.</source><target>Thanks.</target></segment>
  </unit>
 </file>
</xliff>"#;

    #[test]
    fn xliff_12_units_with_untranslated_ones_one_sided() {
        let (units, warnings) = parse(V12).unwrap();
        assert_eq!(units.len(), 3);
        assert_eq!(units[0].en[0].text, "Click Save now.");
        assert_eq!(units[0].ar[0].text, "انقر حفظ الآن.");
        assert!((units[0].score - 1.0).abs() < 1e-9);
        assert_eq!(units[1].en[0].text, "Not yet translated.");
        assert!(units[1].ar.is_empty() && units[1].score == 0.0);
        assert_eq!(units[2].en[0].text, "Also untranslated.");
        assert!(
            warnings[0].starts_with("2 of 3 units have no translation"),
            "{warnings:?}"
        );
    }

    #[test]
    fn xliff_2_segments_join_and_arabic_may_be_the_source() {
        let (units, warnings) = parse(V20).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].ar[0].text, "مرحبا بكم. شكرا.");
        assert_eq!(units[0].en[0].text, "Welcome. Thanks.");
        assert_eq!(units[0].ar[0].line, 5);
    }

    #[test]
    fn no_targets_other_languages_and_broken_markup() {
        let none = V12.replace(
            "<target state=\"translated\">انقر <g id=\"1\">حفظ</g> الآن.</target>",
            "",
        );
        let (units, warnings) = parse(&none).unwrap();
        assert!(units.iter().all(|u| u.ar.is_empty()));
        assert!(
            warnings[0].starts_with("no unit has a translation"),
            "{warnings:?}"
        );
        let fr = V20.replace(
            "srcLang=\"ar\" trgLang=\"en\"",
            "srcLang=\"fr\" trgLang=\"de\"",
        );
        assert_eq!(
            parse(&fr).unwrap_err().to_string(),
            "XLIFF without Arabic or English (languages found: de, fr)"
        );
        let e =
            parse("<xliff version='1.2'>\n<file><body><trans-unit><source>a</target>").unwrap_err();
        assert!(
            e.to_string().starts_with("malformed XLIFF at line 2"),
            "{e}"
        );
    }
}
