//! The output policy: which tags and attributes survive, and which URLs.
//!
//! Output HTML is built only from this allow-list. Attribute values come
//! from the scan's decoded copies, are checked here, and are written back
//! escaped, so nothing the page wrote reaches the output unchecked.

use crate::dom::{flag, Document, Extra, Media};
use crate::tags::Tag;
use crate::url::{self, Url};

/// How an element appears in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Render {
    /// Gone, with everything inside.
    Drop,
    /// The tags go, the content stays.
    Unwrap,
    /// Kept as this tag.
    Keep(Tag),
    /// A `<noscript>` written out as the image it holds.
    NoscriptImage,
}

/// The output tag for an element treated as `tag`.
pub(crate) fn render(doc: &Document, n: u32, tag: Tag) -> Render {
    use Tag::*;
    let node = doc.node(n);
    match tag {
        P | H2 | H3 | H4 | H5 | H6 | Blockquote | Pre | Ul | Ol | Li | Dl | Dt | Dd | Figure | Figcaption | Table | Caption
        | Thead | Tbody | Tfoot | Tr | Td | Th | Col | Colgroup | Em | Strong | B | I | U | S | Del | Ins | Sub | Sup
        | Small | Mark | Abbr | Cite | Q | Dfn | Time | Code | Kbd | Samp | Var | Br | Hr | Details | Summary | Bdi
        | Bdo | Ruby | Rt | Rp | Wbr | Picture => Render::Keep(tag),
        H1 => Render::Keep(H2),
        Strike => Render::Keep(S),
        Tt => Render::Keep(Code),
        Img if node.has(flag::HAS_IMAGE_SOURCE) => Render::Keep(Img),
        Source if doc.media(n).is_some_and(|m| m.srcset.is_some() || m.src.is_some()) => Render::Keep(Source),
        Video | Audio => Render::Keep(tag),
        A if node.has(flag::HAS_HREF) && !node.has(flag::SCRIPT_LINK) => Render::Keep(A),
        Noscript if node.has(flag::NOSCRIPT_IMAGE) => Render::NoscriptImage,
        // A span that changes the language or direction of its words
        // ("<span lang=en dir=ltr>Book Bus</span>" in Arabic text) keeps them.
        Span if doc.extra(n).is_some_and(|e| lang_of(e).is_some() || dir_of(e).is_some()) => Render::Keep(Span),
        Span | Font | Label | Legend | Center | Div | Section | Article | Main | Header | Footer | Aside | Nav
        | Address | Hgroup | Search | Body | Html | Form | Fieldset | Menu | Dir | Nobr | Marquee | Other | A | Data
        | Slot | Listing | Output | Meter | Progress => Render::Unwrap,
        _ => Render::Drop,
    }
}

/// Resolves URLs against the page and checks their schemes.
pub(crate) struct Links {
    base: Option<Url>,
    /// Fragment-only links stay relative when there is no `<base>`.
    keep_fragments: bool,
}

/// Ids that would shadow `window`/`document` properties of the embedding page.
const CLOBBERING_IDS: &[&str] = &[
    "location", "cookie", "domain", "document", "window", "top", "self", "parent", "opener", "frames", "name",
    "origin", "body", "head", "forms", "images", "links", "scripts", "defaultview", "attributes", "children",
    "getelementbyid", "queryselector", "createelement", "write", "alert", "fetch", "localstorage", "history",
    "navigator", "console", "length", "url", "baseuri", "documentelement", "activeelement",
];
const MAX_ID_LEN: usize = 128;
/// Longer link and image URLs are dropped: no web URL is this long (browsers
/// and servers stop far earlier), and each copy of a hostile 10 MB `href`
/// would cost 10 MB. `data:` images and `srcset`s may be longer.
const MAX_URL_LEN: usize = 64 * 1024;
const MAX_DATA_URL_LEN: usize = 1 << 20;
/// Longer `alt` text is left out.
const MAX_ALT_LEN: usize = 4096;

impl Links {
    pub(crate) fn new(page: Option<&str>, base_href: Option<&str>) -> Links {
        let page = page.and_then(Url::parse);
        let base = match (&page, base_href) {
            (Some(p), Some(b)) => p.join(b).and_then(|u| Url::parse(&u)).or(Some(p.clone())),
            (None, Some(b)) => Url::parse(b),
            (p, None) => p.clone(),
        };
        let keep_fragments = base_href.is_none() || base == page;
        Links { base, keep_fragments }
    }

    /// An absolute URL for a cleaned one (`url::clean`), or `None` when it
    /// is not a web URL.
    fn absolute(&self, cleaned: &str) -> Option<String> {
        if cleaned.is_empty() {
            return None;
        }
        if url::scheme_in_clean(cleaned, url::LINK_SCHEMES) == Some(false) {
            return None;
        }
        match &self.base {
            Some(b) => b.join_clean(cleaned),
            None => Some(cleaned.to_owned()),
        }
    }

    /// A link target: web and mail URLs, or an in-page fragment.
    pub(crate) fn href(&self, raw: &str) -> Option<String> {
        if raw.len() > MAX_URL_LEN {
            return None;
        }
        let cleaned = url::clean(raw);
        if cleaned.starts_with('#') && self.keep_fragments {
            return Some(cleaned.into_owned());
        }
        let abs = self.absolute(&cleaned)?;
        // Without a base URL a relative link stays relative; never a scheme
        // we refuse. (What `absolute` returns is clean.)
        (url::scheme_in_clean(&abs, url::LINK_SCHEMES) != Some(false)).then_some(abs)
    }

    /// An image source: web URLs and `data:image/*`.
    pub(crate) fn image(&self, raw: &str) -> Option<String> {
        if raw.len() > MAX_DATA_URL_LEN {
            return None;
        }
        let cleaned = url::clean(raw);
        if url::scheme_in_clean(&cleaned, &["data"]) == Some(true) {
            return cleaned.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("data:image/")).then(|| cleaned.into_owned());
        }
        if cleaned.len() > MAX_URL_LEN {
            return None;
        }
        self.absolute(&cleaned).filter(|u| !u.starts_with("mailto:"))
    }

    /// A `srcset`: every candidate URL resolved, unsafe candidates dropped.
    pub(crate) fn srcset(&self, raw: &str) -> Option<String> {
        if raw.len() > MAX_DATA_URL_LEN {
            return None;
        }
        let mut out: Vec<String> = Vec::new();
        for candidate in split_srcset(raw) {
            let mut parts = candidate.split_whitespace();
            let Some(u) = parts.next() else { continue };
            let Some(abs) = self.image(u) else { continue };
            let descriptor: Vec<&str> = parts.collect();
            if descriptor.iter().all(|d| is_descriptor(d)) {
                let mut c = abs;
                for d in descriptor {
                    c.push(' ');
                    c.push_str(d);
                }
                out.push(c);
            }
        }
        (!out.is_empty()).then(|| out.join(", "))
    }
}

/// Splits a `srcset` into candidates: commas separate them, except inside a
/// URL (a comma followed by no whitespace in a `data:` URL, say).
pub(crate) fn split_srcset(raw: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = raw.as_bytes();
    let mut in_url = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_whitespace() {
            in_url = false;
        } else if !in_url && b != b',' {
            in_url = true;
            // A URL starts here; commas inside it do not split.
            if raw[start..i].trim().is_empty() || raw[start..i].trim_end().ends_with(',') {
                continue;
            }
        }
        if b == b',' && !in_url {
            out.push(&raw[start..i]);
            start = i + 1;
        } else if b == b',' && in_url && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            out.push(&raw[start..i]);
            start = i + 1;
            in_url = false;
        }
    }
    out.push(&raw[start..]);
    out.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// A width (`640w`), height (`480h`) or density (`1.5x`) descriptor, as
/// the HTML standard parses `srcset`: widths and heights are integers above
/// zero, densities floating-point numbers not below zero. (Checked by hand:
/// Rust's float parser would link about 14 KB of tables into the
/// WebAssembly module.)
fn is_descriptor(d: &str) -> bool {
    let (num, unit) = d.as_bytes().split_at(d.len().saturating_sub(1));
    let nonzero = |digits: &[u8]| digits.iter().any(|b| (b'1'..=b'9').contains(b));
    match unit {
        [b'w' | b'h'] => num.iter().all(u8::is_ascii_digit) && nonzero(num),
        [b'x'] => {
            // Below zero: a "-" before a mantissa that is not all zeros.
            let negative = num.strip_prefix(b"-").is_some_and(|rest| nonzero(rest.split(|&b| b == b'e' || b == b'E').next().unwrap_or(rest)));
            is_float(num) && !negative
        }
        _ => false,
    }
}

/// The HTML standard's "valid floating-point number": `-`?, digits with an
/// optional fraction (or a fraction alone), then an optional exponent.
fn is_float(s: &[u8]) -> bool {
    fn digits(s: &[u8]) -> (usize, &[u8]) {
        let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
        (n, &s[n..])
    }
    let s = s.strip_prefix(b"-").unwrap_or(s);
    let (whole, rest) = digits(s);
    let (fraction, rest) = match rest.strip_prefix(b".") {
        Some(after) => match digits(after) {
            (0, _) => return false,
            found => found,
        },
        None => (0, rest),
    };
    if whole + fraction == 0 {
        return false;
    }
    match rest {
        [] => true,
        [b'e' | b'E', exponent @ ..] => {
            let exponent = exponent.strip_prefix(b"-").or_else(|| exponent.strip_prefix(b"+")).unwrap_or(exponent);
            matches!(digits(exponent), (1.., []))
        }
        _ => false,
    }
}

fn digits(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit())).then(|| v.to_string())
}

fn plain(v: &str, max: usize) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v.len() <= max).then(|| v.to_string())
}

/// A `dir` value worth writing.
fn dir_of(e: &Extra) -> Option<&str> {
    e.dir.as_deref().filter(|d| matches!(*d, "ltr" | "rtl" | "auto"))
}

/// A `lang` value worth writing: a language tag's letters, digits and dashes.
fn lang_of(e: &Extra) -> Option<&str> {
    e.lang.as_deref().filter(|l| !l.is_empty() && l.len() <= MAX_LANG_LEN && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The longest language tag kept (BCP 47 tags in use are far shorter).
const MAX_LANG_LEN: usize = 35;

/// The attributes to write on a kept element, name and checked value.
pub(crate) fn attributes(tag: Tag, extra: Option<&Extra>, href: Option<&str>, media: Option<&Media>, links: &Links) -> Vec<(&'static str, String)> {
    use Tag::*;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    if let Some(e) = extra {
        if let Some(d) = dir_of(e) {
            out.push(("dir", d.to_string()));
        }
        if let Some(l) = lang_of(e) {
            out.push(("lang", l.to_string()));
        }
        if let Some(id) = e.id.as_deref().filter(|id| is_safe_id(id)) {
            out.push(("id", id.to_string()));
        }
    }
    if tag == A {
        if let Some(h) = href.and_then(|h| links.href(h)) {
            out.push(("href", h));
        }
    }
    if let Some(e) = extra {
        match tag {
            A => {
                if let Some(t) = e.title.as_deref().and_then(|t| plain(t, 500)) {
                    out.push(("title", t));
                }
            }
            Abbr | Dfn => {
                if let Some(t) = e.title.as_deref().and_then(|t| plain(t, 500)) {
                    out.push(("title", t));
                }
            }
            Td | Th => {
                if e.colspan > 1 {
                    out.push(("colspan", e.colspan.to_string()));
                }
                if e.rowspan > 1 {
                    out.push(("rowspan", e.rowspan.to_string()));
                }
                if let Some(s) = e.scope.as_deref().filter(|s| matches!(*s, "row" | "col" | "rowgroup" | "colgroup")) {
                    out.push(("scope", s.to_string()));
                }
            }
            Col | Colgroup if e.colspan > 1 => out.push(("span", e.colspan.to_string())),
            Ol => {
                if let Some(s) = e.start.as_deref().and_then(digits) {
                    out.push(("start", s));
                }
            }
            Time => {
                if let Some(d) = e.datetime.as_deref().and_then(|d| plain(d, 64)) {
                    out.push(("datetime", d));
                }
            }
            Blockquote | Q | Del | Ins => {
                if let Some(c) = e.cite.as_deref().and_then(|c| links.href(c)).filter(|c| !c.starts_with('#')) {
                    out.push(("cite", c));
                }
            }
            _ => {}
        }
    }
    if let Some(m) = media {
        let src = m.src.as_deref().and_then(|s| links.image(s));
        let srcset = m.srcset.as_deref().and_then(|s| links.srcset(s));
        match tag {
            Img | Source => {
                if let Some(s) = src.filter(|_| tag == Img || m.srcset.is_none()) {
                    out.push(("src", s));
                }
                if let Some(s) = srcset {
                    out.push(("srcset", s));
                }
                if let Some(s) = m.sizes.as_deref().and_then(|s| plain(s, 500)) {
                    out.push(("sizes", s));
                }
                if tag == Img {
                    out.push(("alt", m.alt.clone().filter(|a| a.len() <= MAX_ALT_LEN).unwrap_or_default()));
                    for (name, v) in [("width", &m.width), ("height", &m.height)] {
                        if let Some(d) = v.as_deref().and_then(digits) {
                            out.push((name, d));
                        }
                    }
                } else {
                    if let Some(s) = m.media.as_deref().and_then(|s| plain(s, 500)) {
                        out.push(("media", s));
                    }
                    if let Some(s) = m.mime.as_deref().filter(|t| t.len() < 100 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"/+-.;= \"".contains(&b))) {
                        out.push(("type", s.to_string()));
                    }
                }
            }
            Video | Audio => {
                if let Some(s) = m.src.as_deref().and_then(|s| links.href(s)).filter(|s| !s.starts_with('#') && !s.starts_with("mailto:")) {
                    out.push(("src", s));
                }
                if tag == Video {
                    if let Some(p) = m.poster.as_deref().and_then(|p| links.image(p)) {
                        out.push(("poster", p));
                    }
                }
                out.push(("controls", String::new()));
                out.push(("preload", "none".to_string()));
            }
            _ => {}
        }
    }
    out
}

fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.chars().any(char::is_whitespace)
        && !CLOBBERING_IDS.contains(&id.to_ascii_lowercase().as_str())
}

/// Writes `<img ...>` for an image from a `<noscript>`.
pub(crate) fn image_html(media: &Media, links: &Links) -> Option<String> {
    let attrs = attributes(Tag::Img, None, None, Some(media), links);
    if !attrs.iter().any(|(n, _)| *n == "src" || *n == "srcset") {
        return None;
    }
    let mut out = String::from("<img");
    for (n, v) in attrs {
        out.push(' ');
        out.push_str(n);
        out.push_str("=\"");
        out.push_str(&escape_attribute(&v));
        out.push('"');
    }
    out.push('>');
    Some(out)
}

/// Escapes a value for a double-quoted attribute.
pub(crate) fn escape_attribute(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new(Some("https://news.example/a/b.html"), None)
    }

    #[test]
    fn urls_are_absolute_and_web_only() {
        let l = links();
        assert_eq!(l.href("/x").as_deref(), Some("https://news.example/x"));
        assert_eq!(l.href("#fn1").as_deref(), Some("#fn1"));
        assert_eq!(l.href("mailto:a@b.example").as_deref(), Some("mailto:a@b.example"));
        assert_eq!(l.href(" jav\tascript:alert(1)"), None);
        assert_eq!(l.href("data:text/html,x"), None);
        assert_eq!(l.href("vbscript:x"), None);
        assert_eq!(l.image("data:image/png;base64,AAA").as_deref(), Some("data:image/png;base64,AAA"));
        assert_eq!(l.image("data:text/html;base64,AAA"), None);
        assert_eq!(l.image("mailto:x"), None);
    }

    #[test]
    fn base_element_changes_fragments() {
        let l = Links::new(Some("https://news.example/a/b.html"), Some("https://cdn.example/c/"));
        assert_eq!(l.href("#x").as_deref(), Some("https://cdn.example/c/#x"));
        assert_eq!(l.href("d").as_deref(), Some("https://cdn.example/c/d"));
    }

    #[test]
    fn srcset_candidates_are_checked() {
        let l = links();
        assert_eq!(l.srcset("a.jpg 1x, /b.jpg 2x").as_deref(), Some("https://news.example/a/a.jpg 1x, https://news.example/b.jpg 2x"));
        assert_eq!(l.srcset("javascript:alert(1) 1x, c.jpg 640w").as_deref(), Some("https://news.example/a/c.jpg 640w"));
        assert_eq!(l.srcset("x.jpg evil"), None);
        // Found by the fuzzer: a descriptor ending in a multi-byte character panicked.
        assert_eq!(l.srcset("a.jpg 1ة, b.jpg 2é"), None);
        assert_eq!(l.srcset("a.jpg 1ة, b.jpg 2x").as_deref(), Some("https://news.example/a/b.jpg 2x"));
    }

    #[test]
    fn descriptors_follow_the_standard_grammar() {
        for ok in ["640w", "480h", "007w", "1x", "1.5x", ".5x", "0x", "-0x", "-0.0e5x", "2e3x", "2E-3x", "1.25e+2x", "1e-9x"] {
            assert!(is_descriptor(ok), "{ok}");
        }
        let below_zero = ["0w", "000h", "-1x", "-.5x", "-0.01e3x"];
        let not_numbers = ["w", "x", "1.5w", "-640w", "1.x", ".x", "-x", "1e", "1ex", "1e+x", "infx", "NaNx", "+1x", "1..2x", "1 x", "1X", "1é"];
        for bad in below_zero.into_iter().chain(not_numbers) {
            assert!(!is_descriptor(bad), "{bad}");
        }
    }

    #[test]
    fn overlong_urls_are_dropped() {
        let l = links();
        let long = format!("/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(l.href(&long), None);
        assert_eq!(l.image(&long), None);
        assert!(l.href(&long[..MAX_URL_LEN - 100]).is_some());
        let data = format!("data:image/png;base64,{}", "A".repeat(100_000));
        assert!(l.image(&data).is_some(), "data images may be longer than web URLs");
        assert_eq!(l.image(&format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_URL_LEN))), None);
        let m = Media { src: Some("/i.jpg".into()), alt: Some("x".repeat(MAX_ALT_LEN + 1)), ..Default::default() };
        assert_eq!(image_html(&m, &l).unwrap(), r#"<img src="https://news.example/i.jpg" alt="">"#);
    }

    #[test]
    fn ids_that_clobber_are_dropped() {
        assert!(is_safe_id("fn1"));
        assert!(!is_safe_id("Location"));
        assert!(!is_safe_id("a b"));
    }

    #[test]
    fn noscript_images_are_written_escaped() {
        let m = Media { src: Some("/i.jpg?a=1&b=\"2\"".into()), alt: Some("<x>".into()), ..Default::default() };
        assert_eq!(image_html(&m, &links()).unwrap(), r#"<img src="https://news.example/i.jpg?a=1&amp;b=%222%22" alt="&lt;x&gt;">"#);
    }
}
