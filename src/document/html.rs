//! HTML pages (a saved article): the article's text only. The page is parsed by html5ever (through
//! `scraper`), the way a browser parses it; the article is the `<article>` with the most text,
//! else `<main>` (or `role="main"`), else the body. Its paragraphs are `<p>`, list items, block
//! quotes, `<pre>` and headings (`<h1>`–`<h3>` are headings); navigation, page headers and
//! footers, asides, forms, figures, scripts, styles, templates, hidden elements, and elements
//! whose class or id names boilerplate (related links, cookie banners, sharing, newsletters,
//! ads, comments) are left out. Entities are decoded by the parser; the bytes' charset comes
//! from a BOM, else `<meta charset>` (or its `http-equiv` form), else UTF-8. `lang` (the
//! nearest) is the language of a paragraph whose script does not tell.
//!
//! Pure: bytes in, paragraphs out; no I/O.

use super::parse::RawParagraph;
use super::{Lang, Paragraph, narrow, script};
use scraper::{ElementRef, Html, Node};

/// A page decoded: its text and a warning when its bytes were not all valid in its charset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The charset used.
    pub charset: &'static str,
    /// What was wrong, if anything.
    pub warning: Option<String>,
}

/// Pages larger than this are refused: a page is parsed into a tree of several times its size,
/// and a saved article is a few megabytes at most.
pub const MAX_PAGE_BYTES: usize = 128 << 20;

/// Decodes the bytes of a page: a BOM, else the charset its `<meta>` declares, else UTF-8
/// (invalid bytes replaced, with a warning).
pub fn decode(bytes: &[u8]) -> Decoded {
    let declared = encoding_rs::Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_charset(bytes));
    let encoding = declared.unwrap_or(encoding_rs::UTF_8);
    let (text, used, bad) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        charset: used.name(),
        warning: bad.then(|| {
            format!(
                "bytes not valid in the page's charset ({}) were replaced with U+FFFD",
                used.name()
            )
        }),
    }
}

/// The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`
/// within its first 4 KB (read as windows-1252, which keeps every ASCII byte in place).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let (head, _, _) = encoding_rs::WINDOWS_1252.decode(head);
    let page = Html::parse_document(&head);
    page.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "meta")
        .find_map(|meta| {
            let m = meta.value();
            let label = m.attr("charset").map(str::to_owned).or_else(|| {
                let equiv = m.attr("http-equiv")?;
                if !equiv.eq_ignore_ascii_case("content-type") {
                    return None;
                }
                let content = m.attr("content")?.to_ascii_lowercase();
                let (_, after) = content.split_once("charset=")?;
                Some(
                    after
                        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                        .to_owned(),
                )
            })?;
            encoding_rs::Encoding::for_label(label.trim().as_bytes())
        })
        // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard's rule).
        .map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        })
}

/// Elements whose content is never the article's text.
const LEFT_OUT: [&str; 20] = [
    "nav", "aside", "footer", "script", "style", "noscript", "template", "form", "button",
    "figure", "iframe", "svg", "select", "textarea", "object", "video", "audio", "canvas",
    "dialog", "menu",
];

/// Words in a class or id that name boilerplate.
const BOILERPLATE: [&str; 24] = [
    "related",
    "cookie",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "ads",
    "sponsor",
    "breadcrumb",
    "comment",
    "sidebar",
    "navbar",
    "menu",
    "footer",
    "masthead",
    "banner",
    "popup",
    "modal",
    "recommended",
];

/// ARIA roles of the page's furniture.
const FURNITURE_ROLES: [&str; 6] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
];

fn is_left_out(e: &ElementRef<'_>, in_article: bool) -> bool {
    let v = e.value();
    let name = v.name();
    if LEFT_OUT.contains(&name) || (name == "header" && !in_article) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r)) {
        return true;
    }
    let names = v.attr("class").into_iter().chain(v.attr("id"));
    names
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|word| BOILERPLATE.iter().any(|b| word.eq_ignore_ascii_case(b)))
}

/// The block elements that are paragraphs.
fn block_kind(name: &str) -> Option<bool> {
    match name {
        "h1" | "h2" | "h3" => Some(true),
        "p" | "li" | "blockquote" | "pre" | "h4" | "h5" | "h6" | "dd" | "dt" => Some(false),
        _ => None,
    }
}

/// The page's paragraphs, in reading order, each with its language (by script, else by the
/// nearest `lang`), as the source `source`.
pub fn paragraphs(text: &str, source: usize) -> Vec<RawParagraph> {
    let page = Html::parse_document(text);
    let root = page.root_element();
    let page_lang = root
        .value()
        .attr("lang")
        .and_then(super::formats::lang_of_code);
    let article = article_root(&page);
    let in_article = article.is_some();
    let start = article.unwrap_or(root);
    let mut out = Vec::new();
    collect(start, in_article, page_lang, source, &mut out);
    if out.is_empty() && in_article {
        collect(root, false, page_lang, source, &mut out);
    }
    out
}

/// The `<article>` with the most paragraph text, else `<main>` / `role="main"`.
fn article_root(page: &Html) -> Option<ElementRef<'_>> {
    let elements = || {
        page.root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
    };
    let text_in = |e: &ElementRef<'_>| -> usize {
        e.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|p| p.value().name() == "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    let best_article = elements()
        .filter(|e| e.value().name() == "article")
        .map(|e| (text_in(&e), e))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e);
    best_article.or_else(|| {
        elements().find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
    })
}

fn collect(
    e: ElementRef<'_>,
    in_article: bool,
    lang: Option<Lang>,
    source: usize,
    out: &mut Vec<RawParagraph>,
) {
    let lang = e
        .value()
        .attr("lang")
        .map_or(lang, |l| super::formats::lang_of_code(l).or(lang));
    if let Some(heading) = block_kind(e.value().name())
        && !has_block_child(e)
    {
        let mut text = String::new();
        gather(e, in_article, &mut text);
        super::formats::collapse_whitespace(&mut text);
        if !text.is_empty() {
            let lang = script::detect(&text).or(lang);
            out.push(RawParagraph {
                paragraph: Paragraph {
                    text,
                    heading,
                    line: narrow(out.len() + 1),
                    source: narrow(source),
                },
                lang,
            });
        }
        return;
    }
    for child in e.children().filter_map(ElementRef::wrap) {
        if !is_left_out(&child, in_article) {
            collect(child, in_article, lang, source, out);
        }
    }
}

fn has_block_child(e: ElementRef<'_>) -> bool {
    e.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|d| block_kind(d.value().name()).is_some())
}

/// The text inside `e`, left-out elements skipped, `<br>` as a space.
fn gather(e: ElementRef<'_>, in_article: bool, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) if el.name() == "br" => out.push(' '),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child)
                    && !is_left_out(&child, in_article)
                {
                    gather(child, in_article, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, bool, Option<Lang>)> {
        paragraphs(html, 0)
            .into_iter()
            .map(|p| (p.paragraph.text, p.paragraph.heading, p.lang))
            .collect()
    }

    #[test]
    fn the_article_without_the_furniture() {
        let page = r#"<!DOCTYPE html><html lang="en"><head><title>T</title><style>p{}</style>
<script>var p = "<p>no</p>";</script></head><body>
<header><nav><ul><li>Home</li><li>World</li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies.</p></div>
<main><article><header><h1>Oil &amp; markets</h1><p class="byline">By A. Writer</p></header>
<p>Prices <b>rose</b><br>on Monday.</p><!-- <p>a comment</p> -->
<aside><p>Read more</p></aside>
<ul><li><p>First point.</p></li><li>Second point.</li></ul>
<blockquote><p>A quote.</p></blockquote>
<div class="related-links"><p>Related story</p></div>
<p hidden>Hidden.</p><p>2024</p></article></main>
<footer><p>© Paper</p></footer></body></html>"#;
        let got: Vec<String> = texts(page).into_iter().map(|t| t.0).collect();
        assert_eq!(
            got,
            [
                "Oil & markets",
                "By A. Writer",
                "Prices rose on Monday.",
                "First point.",
                "Second point.",
                "A quote.",
                "2024"
            ]
        );
        let all = texts(page);
        assert!(all[0].1 && !all[1].1);
        assert_eq!(
            all[6].2,
            Some(Lang::En),
            "a paragraph without letters takes the page's lang"
        );
    }

    #[test]
    fn without_article_the_body_less_its_header() {
        let page = "<html lang=ar dir=rtl><body><header><h1>الموقع</h1></header><h2>عنوان</h2><p>نص المقال.</p><p lang=en>12</p></body></html>";
        let all = texts(page);
        let got: Vec<&str> = all.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(got, ["عنوان", "نص المقال.", "12"]);
        assert_eq!(all[2].2, Some(Lang::En));
    }

    #[test]
    fn the_declared_charset_decodes_the_bytes() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(
            "<html><head><meta charset=\"windows-1256\"></head><body><p>مرحبا</p></body></html>",
        );
        let d = decode(&bytes);
        assert_eq!(d.charset, "windows-1256");
        assert!(d.warning.is_none());
        assert_eq!(texts(&d.text)[0].0, "مرحبا");
        let http = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>caf\xe9</p>";
        assert_eq!(texts(&decode(http).text)[0].0, "café");
        let bad = decode(b"<p>a\xff</p>");
        assert!(bad.warning.is_some());
    }
}
