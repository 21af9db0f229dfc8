//! The text of the page, read from the gaps between the tokens pass 1 sees.
//!
//! Pass 1 hears of every start tag, of the end tags of open elements and of
//! comments, each with its place in the source; the text is what lies
//! between them. Asking lol_html for text as well makes it decode every
//! character into chunks, of which pass 1 only needs the places: reading
//! the gaps instead made all of decant 9% faster natively and 6% in
//! WebAssembly, with the same output on every corpus page.
//!
//! A gap holds text and what lol_html reads without a token or without
//! telling pass 1: the doctype, an end tag with no open element (`</p>`,
//! `</br>`), an empty end tag `</>`, the markers of a CDATA section in SVG or
//! MathML, a tag cut off by the end of the page. Those end a text node, as
//! they do in lol_html, and are not text. The `runs_match_lol_html_*` tests hold
//! this module to lol_html's own text nodes.

use crate::tags::Tag;

/// How lol_html reads the characters of the gap: the HTML standard's
/// tokenizer states, as switched by the element whose start tag came last.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// Markup: tags, comments, text.
    Data,
    /// Inside `<script>`, `<style>`, `<textarea>`, `<title>` and the like
    /// (and after `<plaintext>`): everything is text up to the element's
    /// own end tag, which pass 1 sees (where it ends is lol_html's to say:
    /// `<script><!--<script></script>` has not ended).
    Raw,
}

/// lol_html's own guess of the namespace (its `TreeBuilderSimulator`),
/// which decides how it reads what follows a start tag: `<title>` starts
/// raw text in HTML but not in SVG. The tree follows the HTML standard
/// instead, and the two differ on misnested SVG and MathML; text must be
/// read as lol_html read it, so this mirrors lol_html's rules.
#[derive(Default)]
pub(crate) struct Namespaces(Vec<Ns>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

/// Start tags that end SVG and MathML content (the HTML standard's list).
const BREAKOUT: &[&[u8]] = &[
    b"b", b"big", b"blockquote", b"body", b"br", b"center", b"code", b"dd", b"div", b"dl", b"dt", b"em", b"embed",
    b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"head", b"hr", b"i", b"img", b"li", b"listing", b"menu", b"meta",
    b"nobr", b"ol", b"p", b"pre", b"ruby", b"s", b"small", b"span", b"strong", b"strike", b"sub", b"sup",
    b"table", b"tt", b"u", b"ul", b"var",
];
/// Elements whose contents are HTML again.
const SVG_INTEGRATION: &[&[u8]] = &[b"desc", b"title", b"foreignobject"];
const MATHML_INTEGRATION: &[&[u8]] = &[b"mi", b"mo", b"mn", b"ms", b"mtext"];
const ANNOTATION_XML: &[u8] = b"annotation-xml";

fn one_of(name: &[u8], names: &[&[u8]]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Is the element `name`, in SVG or else MathML, one whose contents are
/// HTML again? `any_attribute` asks about its attributes.
pub(crate) fn is_integration_point(svg: bool, name: &[u8], any_attribute: impl Fn(&dyn Fn(&str, &str) -> bool) -> bool) -> bool {
    if svg {
        return one_of(name, SVG_INTEGRATION);
    }
    let html = |name: &str, value: &str| name.eq_ignore_ascii_case("encoding") && ["text/html", "application/xhtml+xml"].iter().any(|e| e.eq_ignore_ascii_case(value));
    one_of(name, MATHML_INTEGRATION) || (name.eq_ignore_ascii_case(ANNOTATION_XML) && any_attribute(&html))
}

/// Does an end tag `name` in SVG or MathML content end it (`</p>`, `</br>`)?
pub(crate) fn leaves_foreign_content(name: &[u8]) -> bool {
    one_of(name, &[b"p", b"br"])
}

impl Namespaces {
    fn current(&self) -> Ns {
        self.0.last().copied().unwrap_or(Ns::Html)
    }

    /// The start tag `raw` (`<name ...>`) of `tag`: the mode of the text
    /// after it. `any_attribute` asks whether an attribute (name, value)
    /// passes a test; only `<font>` and `<annotation-xml>` need it.
    pub(crate) fn start_tag(&mut self, tag: Tag, raw: &[u8], self_closing: bool, any_attribute: impl Fn(&dyn Fn(&str, &str) -> bool) -> bool) -> Mode {
        let ns = self.current();
        match tag {
            Tag::Svg => self.0.push(Ns::Svg),
            Tag::Math => self.0.push(Ns::MathMl),
            // A `>` right after `attr=` sends lol_html to markup, raw or not.
            _ if ns == Ns::Html => {
                if tag.is_raw_text() && !tag_end(raw, 1 + name_at(raw, 1).len(), raw.len()).1 {
                    return Mode::Raw;
                }
            }
            _ => self.foreign_start_tag(ns, name_at(raw, 1), self_closing, any_attribute),
        }
        Mode::Data
    }

    /// A start tag other than `<svg>` and `<math>` in SVG or MathML content.
    fn foreign_start_tag(&mut self, ns: Ns, name: &[u8], self_closing: bool, any_attribute: impl Fn(&dyn Fn(&str, &str) -> bool) -> bool) {
        if one_of(name, BREAKOUT) {
            self.0.pop();
        } else if name.eq_ignore_ascii_case(b"font") {
            if any_attribute(&|name, _| ["color", "size", "face"].iter().any(|a| a.eq_ignore_ascii_case(name))) {
                self.0.pop();
            }
        } else if !self_closing && is_integration_point(ns == Ns::Svg, name, any_attribute) {
            self.0.push(Ns::Html);
        }
    }

    /// The end tag at `at` in `src` (each once, stray ones too).
    pub(crate) fn end_tag(&mut self, src: &[u8], at: usize) {
        if self.0.is_empty() {
            return; // In HTML content (most pages) an end tag changes nothing.
        }
        let name = name_at(src, at + 2);
        let leaves = match self.current() {
            Ns::Html => match self.0.len().checked_sub(2).map(|i| self.0[i]) {
                Some(Ns::MathMl) => one_of(name, MATHML_INTEGRATION) || name.eq_ignore_ascii_case(ANNOTATION_XML),
                Some(Ns::Svg) => one_of(name, SVG_INTEGRATION),
                _ => false,
            },
            Ns::Svg => name.eq_ignore_ascii_case(b"svg") || leaves_foreign_content(name),
            Ns::MathMl => name.eq_ignore_ascii_case(b"math") || leaves_foreign_content(name),
        };
        if leaves {
            self.0.pop();
        }
    }
}

const CDATA_OPEN: &[u8] = b"<![CDATA[";
const CDATA_CLOSE: &[u8] = b"]]>";

/// What a gap holds, in order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Run {
    /// A text node: its start and end.
    Text(usize, usize),
    /// An end tag that closed no element (it still matters in SVG and
    /// MathML, which `</p>` and `</br>` leave): where it starts and ends.
    StrayEndTag(usize, usize),
}

/// Calls `run` for what `src[from..to]` holds, a gap that ends where the
/// next token pass 1 sees starts (or at the end of the page), read in `mode`.
pub(crate) fn runs(src: &[u8], from: usize, to: usize, mode: Mode, mut run: impl FnMut(Run)) {
    let text = |start: usize, end: usize, run: &mut dyn FnMut(Run)| {
        if start < end {
            run(Run::Text(start, end));
        }
    };
    let (mut start, mut i) = (from, from);
    if mode == Mode::Data {
        while let Some(lt) = memchr::memchr(b'<', &src[i..to]).map(|k| i + k) {
            let markup = markup_at(src, lt, to);
            if markup != Markup::Text {
                text(start, lt, &mut run);
            }
            match markup {
                Markup::Text => i = lt + 1,
                Markup::Skip(end) => (start, i) = (end, end),
                Markup::EndTag(end) => {
                    run(Run::StrayEndTag(lt, end));
                    (start, i) = (end, end);
                }
                Markup::Cdata(content_end, end) => {
                    text(lt + CDATA_OPEN.len(), content_end, &mut run);
                    (start, i) = (end, end);
                }
            }
        }
    }
    text(start, to, &mut run);
}

#[derive(PartialEq, Eq)]
enum Markup {
    /// The `<` is text.
    Text,
    /// Markup up to this byte, not text.
    Skip(usize),
    /// An end tag up to this byte.
    EndTag(usize),
    /// A CDATA section whose text ends at the first number and that ends
    /// at the second.
    Cdata(usize, usize),
}

/// What starts at the `<` at `lt`. Start tags and comments end a gap, so
/// here a tag is one with no element to close (or cut off by the end of the
/// page), and `<!` is the doctype or a CDATA section (lol_html only reads
/// one in foreign content; elsewhere it is a comment, which ends the gap).
fn markup_at(src: &[u8], lt: usize, to: usize) -> Markup {
    let at = |k: usize| if lt + k < to { Some(src[lt + k]) } else { None };
    match at(1) {
        Some(b) if b.is_ascii_alphabetic() => Markup::Skip(tag_end(src, lt + 2, to).0),
        Some(b'/') => match at(2) {
            Some(b) if b.is_ascii_alphabetic() => Markup::EndTag(tag_end(src, lt + 3, to).0),
            Some(b'>') => Markup::Skip(lt + 3),
            // `</` at the end of the page is text; anything else after it
            // makes a comment, which would have ended the gap.
            None => Markup::Text,
            Some(_) => Markup::Skip(after(src, lt, to, b">")),
        },
        Some(b'!') if src[lt..to].starts_with(CDATA_OPEN) => {
            let content = lt + CDATA_OPEN.len();
            match find(src, content, to, CDATA_CLOSE) {
                Some(close) => Markup::Cdata(close, close + CDATA_CLOSE.len()),
                None => Markup::Cdata(to, to),
            }
        }
        Some(b'!' | b'?') => Markup::Skip(after(src, lt, to, b">")),
        _ => Markup::Text,
    }
}

/// The tag name that starts at `at` (after `<` or `</`).
pub(crate) fn name_at(src: &[u8], at: usize) -> &[u8] {
    let rest = src.get(at..).unwrap_or(b"");
    &rest[..rest.iter().position(|&b| is_space(b) || b == b'/' || b == b'>').unwrap_or(rest.len())]
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The end of a tag whose name starts before `i`: past its `>`, reading
/// quoted attribute values as the HTML tokenizer does, or `to` when the
/// page ends first; and whether the `>` came where a value was due
/// (`<script a=>`), after which lol_html reads markup even in raw-text
/// elements.
fn tag_end(src: &[u8], mut i: usize, to: usize) -> (usize, bool) {
    let find_in = |from: usize, stop: &dyn Fn(u8) -> bool| (from..to).find(|&k| stop(src[k])).unwrap_or(to);
    // The rest of the name.
    i = find_in(i, &|b| is_space(b) || b == b'/' || b == b'>');
    while i < to {
        match src[i] {
            b'>' => return (i + 1, false),
            b if is_space(b) || b == b'/' => i += 1,
            _ => {
                // An attribute name (its first character may be `=`).
                i = find_in(i + 1, &|b| is_space(b) || b == b'=' || b == b'/' || b == b'>');
                i = find_in(i, &|b| !is_space(b));
                if i >= to || src[i] != b'=' {
                    continue;
                }
                i = find_in(i + 1, &|b| !is_space(b));
                match src.get(i).filter(|_| i < to) {
                    Some(&q @ (b'"' | b'\'')) => i = find_in(i + 1, &|b| b == q).saturating_add(1).min(to),
                    Some(b'>') => return (i + 1, true),
                    Some(_) => i = find_in(i, &|b| is_space(b) || b == b'>'),
                    None => {}
                }
            }
        }
    }
    (to, false)
}

/// The first `needle` in `src[from..to]`. (Needles are short and rare
/// enough that memchr's `memmem`, and its weight in the wasm module, do not pay.)
fn find(src: &[u8], mut from: usize, to: usize, needle: &[u8]) -> Option<usize> {
    while let Some(k) = memchr::memchr(needle[0], &src[from..to]) {
        let at = from + k;
        if src[at..to].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Past the first `stop` after `lt`, or `to`.
fn after(src: &[u8], lt: usize, to: usize, stop: &[u8]) -> usize {
    find(src, lt, to, stop).map_or(to, |k| k + stop.len())
}

#[cfg(test)]
mod tests {
    use crate::scan::tests::scan;
    use lol_html::{doc_text, Settings};

    /// lol_html's own text nodes: the byte ranges of its text chunks,
    /// joined until `last_in_text_node`.
    fn lol_html_text_nodes(html: &str) -> Vec<(u32, u32)> {
        let mut nodes = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        let settings = Settings::new().append_document_content_handler(doc_text!(|t| {
            if !t.as_str().is_empty() {
                let loc = t.source_location().bytes();
                open = Some((open.map_or(loc.start, |(s, _)| s), loc.end));
            }
            if t.last_in_text_node() {
                if let Some((s, e)) = open.take() {
                    nodes.push((s as u32, e as u32));
                }
            }
            Ok(())
        }));
        crate::sink::read(html, settings).unwrap();
        if let Some((s, e)) = open {
            nodes.push((s as u32, e as u32));
        }
        nodes
    }

    fn scanned_text_nodes(html: &str) -> Vec<(u32, u32)> {
        scan(html).doc.texts.iter().map(|t| (t.start, t.end)).collect()
    }

    /// Markup where text and tokens meet in unusual ways.
    const PIECES: &[&str] = &[
        "<!DOCTYPE html>", "<!doctype html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x.dtd\">", "<html>", "<p>", "</p>",
        "</br>", "</div>", "</>", "</ x>", "</3>", "<!-- c -->", "<!-->", "<!--->", "<!-- a --!> b -->", "<!---->",
        "<?xml version='1.0'?>", "<!bogus>", "<svg>", "</svg>", "<math>", "<![CDATA[ x < y ]]>", "<![CDATA[ open",
        "<title>", "</title>", "<script>", "</script>", "</SCRIPT >", "<script>var s = '</scr' + 'ipt>';</script>",
        "<style>p > b { }</style>", "<textarea><b>not a tag</b></textarea>", "<noscript><img src=a></noscript>",
        "<xmp><p></xmp>", "<iframe><p>x</iframe>", "<a href='x>y'>", "</a data-x=\"a>b\">", "<br/>", "<div/>",
        "<foreignObject>", "<desc>", "text", " a < b ", "a <3", "&amp;", "\n", "<span>", "</span>", "<b>", "</i>",
        "<table><tr><td>", "</td></tr></table>", "<p class=", "</p", "<", "</", "<!--", "<!", "<plaintext>",
        "<script/>", "<style/>", "</style>", "<font color=red>", "<mi>", "<annotation-xml encoding=\"text/html\">",
        "</math>", "</desc>", "<listing>", "<pre>", "<template>", "</template>", "<select><option>", "\u{e9}t\u{e9}",
        "<script a=>", "<title x= >", "<textarea x=y=>", "<style =>", "<annotation-xml encoding=x encoding=text/html>",
        "<annotation-xml encoding encoding=application/xhtml+xml>", "<font size>", "<font face=x/>",
    ];

    #[test]
    fn runs_match_lol_html_on_tricky_markup() {
        for &piece in PIECES {
            let html = format!("a{piece}b");
            assert_eq!(scanned_text_nodes(&html), lol_html_text_nodes(&html), "{html:?}");
        }
    }

    #[test]
    fn runs_match_lol_html_on_random_markup() {
        // A fixed xorshift sequence: the same cases on every run.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..50_000 {
            let html: String = (0..1 + next(16)).map(|_| PIECES[next(PIECES.len())]).collect();
            assert_eq!(scanned_text_nodes(&html), lol_html_text_nodes(&html), "{html:?}");
        }
    }
}
