//! Resolving links against the page URL, following the WHATWG URL standard
//! closely enough for links in articles: scheme detection after stripping
//! whitespace and controls, `//host` and `/path` and `?query` references,
//! dot segments, default ports, percent-encoding of spaces and non-ASCII.
//!
//! Host names stay as written (lowercased): no IDNA mapping. That keeps the
//! WebAssembly build free of Unicode tables; such URLs still work in browsers.

use crate::lowercase::lowercase_host;

/// A parsed absolute URL with a `//` authority (http, https, file, ftp, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url {
    scheme: String,
    authority: String,
    path: String,
    query: Option<String>,
}

impl Url {
    /// Parses an absolute hierarchical URL; `None` for anything else.
    pub(crate) fn parse(input: &str) -> Option<Url> {
        if is_resolved_web_url(input) {
            return Some(Url::split_resolved(without_fragment(input)));
        }
        Url::parse_any(input)
    }

    /// `parse`, with the URL's text as parsing writes it (no fragment):
    /// a URL already written so (most links) is its own text.
    pub(crate) fn parse_with_text(input: &str) -> Option<(Url, std::borrow::Cow<'_, str>)> {
        if is_resolved_web_url(input) {
            let text = without_fragment(input);
            return Some((Url::split_resolved(text), text.into()));
        }
        let url = Url::parse_any(input)?;
        let text = url.to_string();
        Some((url, text.into()))
    }

    /// A URL written as resolving writes it (see `is_resolved_web_url`),
    /// less its fragment: its parts are pieces of it, as they are.
    fn split_resolved(url: &str) -> Url {
        let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
        let host_end = find_any(rest, b"/?").unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(host_end);
        let (path, query) = rest.split_once('?').map_or((rest, None), |(p, q)| (p, Some(q.to_string())));
        Url { scheme: scheme.to_string(), authority: authority.to_string(), path: path.to_string(), query }
    }

    /// `parse` the whole way.
    fn parse_any(input: &str) -> Option<Url> {
        let input = clean(input);
        let (scheme, rest) = split_scheme(&input)?;
        let rest = forward_slashes(rest);
        let rest = rest.strip_prefix("//")?;
        let end = find_any(rest, b"/?#").unwrap_or(rest.len());
        let authority = normalize_authority(&scheme, &rest[..end]);
        if authority.is_empty() && scheme != "file" {
            return None;
        }
        let rest = &rest[end..];
        let rest = rest.split('#').next().unwrap_or("");
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (rest, None),
        };
        let path = if path.is_empty() { "/".to_string() } else { remove_dot_segments(path) };
        Some(Url { scheme, authority, path, query })
    }

    pub(crate) fn scheme(&self) -> &str {
        &self.scheme
    }

    pub(crate) fn host(&self) -> &str {
        let a = self.authority.rsplit('@').next().unwrap_or("");
        a.split(':').next().unwrap_or(a)
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Resolves `reference` against this URL, as `new URL(reference, base)`.
    /// Returns `None` when the reference cannot be a URL (e.g. `http://`).
    pub(crate) fn join(&self, reference: &str) -> Option<String> {
        self.join_clean(&clean(reference))
    }

    /// `join` for what `clean` returned (links are cleaned once, then
    /// checked and resolved).
    pub(crate) fn join_clean(&self, reference: &str) -> Option<String> {
        if is_resolved_web_url(reference) {
            return Some(reference.to_owned());
        }
        self.resolve(reference)
    }

    /// `join` for a cleaned reference, the whole way.
    fn resolve(&self, reference: &str) -> Option<String> {
        if let Some((scheme, rest)) = split_scheme(reference) {
            if !is_special(&scheme) {
                return Some(format!("{scheme}:{rest}"));
            }
            let rest = forward_slashes(rest);
            if rest.starts_with('/') || scheme != self.scheme {
                let slashes = rest.trim_start_matches('/');
                return Url::parse(&format!("{scheme}://{slashes}")).map(|u| u.to_string_with(fragment_of(&rest)));
            }
            // "http:foo" with a same-scheme base is relative.
            return self.join(&rest);
        }
        let reference = if is_special(&self.scheme) { forward_slashes(reference) } else { reference.into() };
        let (without_fragment, fragment) = match reference.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (&*reference, None),
        };
        if let Some(rest) = without_fragment.strip_prefix("//") {
            return Url::parse(&format!("{}://{}", self.scheme, rest)).map(|u| u.to_string_with(fragment));
        }
        let (path, query) = match without_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (without_fragment, None),
        };
        // An empty path keeps the base's path, and its query unless it has one.
        let query = if path.is_empty() && query.is_none() { self.query.as_deref() } else { query };
        let path = if path.is_empty() {
            std::borrow::Cow::Borrowed(self.path.as_str())
        } else if path.starts_with('/') {
            remove_dot_segments(path).into()
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            remove_dot_segments(&format!("{dir}{path}")).into()
        };
        Some(serialize(&self.scheme, &self.authority, &path, query, fragment))
    }

    fn to_string_with(&self, fragment: Option<&str>) -> String {
        serialize(&self.scheme, &self.authority, &self.path, self.query.as_deref(), fragment)
    }
}

/// A URL's text from its parts, percent-encoded where browsers encode.
fn serialize(scheme: &str, authority: &str, path: &str, query: Option<&str>, fragment: Option<&str>) -> String {
    let mut out = String::with_capacity(scheme.len() + 3 + authority.len() + path.len() + query.map_or(0, |q| q.len() + 1) + fragment.map_or(0, |f| f.len() + 1));
    out.push_str(scheme);
    out.push_str("://");
    out.push_str(authority);
    encode_into(&mut out, path, Part::Path);
    if let Some(q) = query {
        out.push('?');
        encode_into(&mut out, q, Part::Query);
    }
    if let Some(f) = fragment {
        out.push('#');
        encode_into(&mut out, f, Part::Fragment);
    }
    out
}

/// Is `url` an absolute http(s) URL written as resolving would write it:
/// lowercase scheme and host, no port or user, a path without dot
/// segments, nothing to percent-encode? Most absolute links on a page are,
/// and resolving them would only take them apart and put them back.
fn is_resolved_web_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else { return false };
    let host_end = find_any(rest, b"/?#").unwrap_or(rest.len());
    let (host, after) = rest.split_at(host_end);
    let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !host_ok || !after.starts_with('/') || !after.bytes().all(|b| PLAIN[usize::from(b)]) {
        return false;
    }
    !has_dot_segments(&after[..find_any(after, b"?#").unwrap_or(after.len())])
}

/// The bytes that no part of a URL percent-encodes, less the backslash (it
/// would read as a slash).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte != b'\\' && !encoded(byte, Part::Path) && !encoded(byte, Part::Query) && !encoded(byte, Part::Fragment);
        b += 1;
    }
    table
};

/// `url` up to its fragment (`#...`).
fn without_fragment(url: &str) -> &str {
    &url[..find_any(url, b"#").unwrap_or(url.len())]
}

/// Where the first of some ASCII bytes is (a byte loop: `str::find` with
/// a set of chars decodes every char, and URLs are searched often).
pub(crate) fn find_any<const N: usize>(s: &str, bytes: &[u8; N]) -> Option<usize> {
    s.bytes().position(|b| bytes.contains(&b))
}

/// Backslashes read as slashes in special URLs (a copy only when there are any).
fn forward_slashes(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\\') {
        s.replace('\\', "/").into()
    } else {
        s.into()
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_with(None))
    }
}

/// Strips leading/trailing C0 controls and spaces and removes tabs and
/// newlines anywhere, as the URL parser does before anything else.
pub(crate) fn clean(input: &str) -> std::borrow::Cow<'_, str> {
    // What is trimmed (C0 controls and space) is ASCII, so bytes will do.
    let bytes = input.as_bytes();
    let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b > b' ').map_or(start, |i| i + 1);
    let trimmed = &input[start..end];
    if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        trimmed.chars().filter(|&c| !matches!(c, '\t' | '\n' | '\r')).collect::<String>().into()
    } else {
        trimmed.into()
    }
}

/// The schemes of links a reader may follow: web pages and mail.
pub(crate) const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Is the scheme of a URL (after cleaning) one of `schemes` (lowercase)?
/// `None` when it has no scheme. (Asked of every link: it allocates nothing.)
pub(crate) fn scheme_in(input: &str, schemes: &[&str]) -> Option<bool> {
    scheme_in_clean(&clean(input), schemes)
}

/// `scheme_in` for what `clean` returned.
pub(crate) fn scheme_in_clean(input: &str, schemes: &[&str]) -> Option<bool> {
    let scheme = scheme_part(input)?;
    Some(schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)))
}

/// The scheme as written, if the URL starts with one.
fn scheme_part(input: &str) -> Option<&str> {
    let colon = input.find(':')?;
    let scheme = &input[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        return None;
    }
    Some(scheme)
}

fn split_scheme(input: &str) -> Option<(String, &str)> {
    let scheme = scheme_part(input)?;
    Some((scheme.to_ascii_lowercase(), &input[scheme.len() + 1..]))
}

fn is_special(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ftp" | "ws" | "wss" | "file")
}

fn fragment_of(rest: &str) -> Option<&str> {
    rest.split_once('#').map(|(_, f)| f)
}

fn normalize_authority(scheme: &str, authority: &str) -> String {
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (h, Some(p)),
        _ => (hostport, None),
    };
    let default_port = match scheme {
        "http" | "ws" => "80",
        "https" | "wss" => "443",
        "ftp" => "21",
        _ => "",
    };
    let mut out = String::with_capacity(authority.len());
    if let Some(u) = userinfo {
        out.push_str(u);
        out.push('@');
    }
    if host.is_ascii() {
        out.extend(host.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&lowercase_host(host));
    }
    if let Some(p) = port.filter(|p| !p.is_empty() && *p != default_port) {
        out.push(':');
        out.push_str(p);
    }
    out
}

fn remove_dot_segments(path: &str) -> String {
    // Most paths have none: no need to take them apart.
    if !has_dot_segments(path) {
        return if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match dot_segment(seg) {
            Some(Dot::Current) => {
                if i == last {
                    out.push("");
                }
            }
            Some(Dot::Parent) => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            None => out.push(seg),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

enum Dot {
    Current,
    Parent,
}

fn has_dot_segments(path: &str) -> bool {
    // Every dot segment holds a "." or a "%" (most paths hold neither).
    path.bytes().any(|b| b == b'.' || b == b'%') && path.split('/').any(|seg| dot_segment(seg).is_some())
}

/// `.` and `..`, also percent-encoded (in either case, `%2e%2E` too).
fn dot_segment(seg: &str) -> Option<Dot> {
    let is = |dots: &[&str]| dots.iter().any(|d| seg.eq_ignore_ascii_case(d));
    if is(&[".", "%2e"]) {
        Some(Dot::Current)
    } else if is(&["..", ".%2e", "%2e.", "%2e%2e"]) {
        Some(Dot::Parent)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Part {
    Path,
    Query,
    Fragment,
}

/// Does `part` of a URL percent-encode byte `b`?
const fn encoded(b: u8, part: Part) -> bool {
    match b {
        0x80.. | 0x7f | ..=b' ' => true,
        b'"' | b'<' | b'>' => true,
        b'`' => matches!(part, Part::Path | Part::Fragment),
        b'{' | b'}' => matches!(part, Part::Path),
        b'\'' => matches!(part, Part::Query),
        _ => false,
    }
}

fn encode_into(out: &mut String, s: &str, part: Part) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Bytes, not chars: a non-ASCII character is encoded byte by byte, so
    // every byte left as it is is ASCII, and runs of them are copied whole.
    let mut plain = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if encoded(b, part) {
            if plain < i {
                out.push_str(&s[plain..i]);
            }
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
            plain = i + 1;
        }
    }
    if plain < s.len() {
        out.push_str(&s[plain..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(base: &str, r: &str) -> String {
        Url::parse(base).unwrap().join(r).unwrap()
    }

    #[test]
    fn resolves_like_a_browser() {
        let b = "http://example.org/test/page.html";
        assert_eq!(join(b, "foo/bar.html"), "http://example.org/test/foo/bar.html");
        assert_eq!(join(b, "/abs"), "http://example.org/abs");
        assert_eq!(join(b, "//cdn.example/x.jpg"), "http://cdn.example/x.jpg");
        assert_eq!(join(b, "../up.png"), "http://example.org/up.png");
        assert_eq!(join(b, "../../../x"), "http://example.org/x");
        assert_eq!(join(b, "x/%2e%2E/y"), "http://example.org/test/y", "percent-encoded dots in mixed case");
        assert_eq!(join(b, "x/%2E./y"), "http://example.org/test/y");
        assert_eq!(join(b, "?q=1"), "http://example.org/test/page.html?q=1");
        assert_eq!(join(b, "#frag"), "http://example.org/test/page.html#frag");
        assert_eq!(join(b, ""), "http://example.org/test/page.html");
        assert_eq!(join(b, "  HTTPS://Example.ORG:443/a b\n/ü "), "https://example.org/a%20b/%C3%BC");
        assert_eq!(join(b, "mailto:a@b.example"), "mailto:a@b.example");
        assert_eq!(join(b, "java\tscript:alert(1)"), "javascript:alert(1)");
        assert_eq!(join(b, "http:other.html"), "http://example.org/test/other.html");
        assert_eq!(join(b, "https:\\\\evil.example\\x"), "https://evil.example/x");
        assert_eq!(join("https://a.example", "b"), "https://a.example/b");
        // Pieces of a reference are cleaned again: no space ends up in a host.
        assert_eq!(join(b, "//cdn.example #top"), "http://cdn.example/#top");
        assert_eq!(join(b, "http:  //host/x"), "http://host/x");
    }

    #[test]
    fn resolved_web_urls_are_taken_as_they_are() {
        // Whatever the shortcut takes, full resolution would write the same.
        let base = Url::parse("https://base.example/dir/page").unwrap();
        let pieces = ["/", "a", "b-c", ".", "..", "%2e", "?", "#", "=", "&", "%20", " ", "A", "ü", "'", "`", "{", "\\", ":", "@", "//"];
        let mut taken = 0;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut url = String::from(if next() & 1 == 0 { "https://news.example/" } else { "http://a-1.example" });
            for _ in 0..next() % 9 {
                url.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let url = clean(&url).into_owned();
            if is_resolved_web_url(&url) {
                taken += 1;
                assert_eq!(base.resolve(&url).as_ref(), Some(&url));
                // Parsing takes it apart as the whole way would, and writes
                // it back as it was, less the fragment.
                let (parsed, text) = Url::parse_with_text(&url).unwrap();
                assert_eq!(Some(&parsed), Url::parse_any(&url).as_ref(), "{url}");
                assert_eq!(parsed.to_string(), url.split('#').next().unwrap(), "{url}");
                assert_eq!(text, parsed.to_string(), "{url}");
            }
        }
        assert!(taken > 1000, "the shortcut took {taken}");
        assert!(!is_resolved_web_url("https://Example.org/"));
        assert!(!is_resolved_web_url("https://example.org"));
        assert!(!is_resolved_web_url("https://example.org:443/"));
        assert!(!is_resolved_web_url("https://example.org/a/../b"));
    }

    #[test]
    fn cleaning_trims_controls_and_spaces_and_drops_tabs_and_newlines() {
        assert_eq!(clean("\x01 \t https://a.exam\nple/x\r \x00"), "https://a.example/x");
        assert_eq!(clean(" \u{a0}ü\u{a0} "), "\u{a0}ü\u{a0}");
        assert_eq!(clean(" \x1f "), "");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn percent_encodes_per_part_as_browsers_do() {
        let encoded = |s: &str, part: Part| {
            let mut out = String::from("=");
            encode_into(&mut out, s, part);
            out
        };
        assert_eq!(encoded("a\"<>`{}'b", Part::Path), "=a%22%3C%3E%60%7B%7D'b");
        assert_eq!(encoded("a\"<>`{}'b", Part::Query), "=a%22%3C%3E`{}%27b");
        assert_eq!(encoded("a\"<>`{}'b", Part::Fragment), "=a%22%3C%3E%60{}'b");
        assert_eq!(encoded("ü x\u{7f}€", Part::Path), "=%C3%BC%20x%7F%E2%82%AC");
        assert_eq!(encoded("plain/ascii?", Part::Path), "=plain/ascii?");
    }

    #[test]
    fn parses_parts() {
        let u = Url::parse("https://User@WWW.Example.com:8080/a/./b/../c?x#y").unwrap();
        assert_eq!(u.to_string(), "https://User@www.example.com:8080/a/c?x");
        assert_eq!(u.host(), "www.example.com");
        assert!(Url::parse("not a url").is_none());
        assert!(Url::parse("mailto:x@y").is_none());
        assert_eq!(scheme_in(" JaVa\nScRiPt:x", &["javascript"]), Some(true));
        assert_eq!(scheme_in("HTTPS://a.example/", LINK_SCHEMES), Some(true));
        assert_eq!(scheme_in("data:image/png,x", LINK_SCHEMES), Some(false));
        assert_eq!(scheme_in("/relative:path", LINK_SCHEMES), None);
    }
}
