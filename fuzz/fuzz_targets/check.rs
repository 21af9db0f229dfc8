//! Cheap checks of decant's output, shared by the fuzz targets. The full
//! html5ever-based safety check is in tests/common/safety.rs; this one is
//! fast enough for millions of runs and looks at what decant writes: tags
//! from the allow-list, only allowed attributes, URLs with safe schemes.

/// Tags decant may write (sanitize.rs).
const TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "col", "colgroup", "em",
    "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "dfn",
    "time", "code", "kbd", "samp", "var", "br", "hr", "details", "summary", "bdi", "bdo", "ruby", "rt", "rp",
    "wbr", "picture", "img", "source", "video", "audio", "a",
    // Kept only to carry lang/dir over a run of words in another language.
    "span",
];

/// Attributes decant may write.
const ATTRIBUTES: &[&str] = &[
    "dir", "lang", "id", "href", "title", "colspan", "rowspan", "scope", "span", "start", "datetime", "cite",
    "src", "srcset", "sizes", "alt", "width", "height", "media", "type", "poster", "controls", "preload",
];

/// Panics with a description if `html` is not what decant may output.
/// decant writes every tag itself: `<name attr="value" ...>` with values
/// escaped (no `"`, `<`, `>` inside), text with `<` and `>` escaped.
pub fn assert_output_shape(html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        assert!(!rest[..i].contains('>'), "stray '>' in text: {html:?}");
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or_else(|| panic!("unterminated tag in {html:?}"));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let (closing, body) = match tag.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, tag),
        };
        let name_end = body.find(' ').unwrap_or(body.len());
        let name = &body[..name_end];
        assert!(TAGS.contains(&name), "tag <{tag}> not on the allow-list in {html:?}");
        assert!(name != "span" || closing || body.contains(" lang=\"") || body.contains(" dir=\""), "<{tag}> kept without lang or dir");
        let mut attrs = &body[name_end..];
        assert!(!closing || attrs.is_empty(), "end tag with attributes: <{tag}>");
        while !attrs.is_empty() {
            attrs = attrs.strip_prefix(' ').unwrap_or_else(|| panic!("bad attribute syntax in <{tag}>"));
            let eq = attrs.find("=\"").unwrap_or_else(|| panic!("unquoted attribute in <{tag}>"));
            let attr = &attrs[..eq];
            assert!(ATTRIBUTES.contains(&attr), "attribute {attr} not allowed in <{tag}>");
            let value_end = attrs[eq + 2..].find('"').unwrap_or_else(|| panic!("unterminated value in <{tag}>"));
            let value = &attrs[eq + 2..eq + 2 + value_end];
            if matches!(attr, "href" | "src" | "poster" | "cite") {
                assert_safe_url(value, attr, name);
            } else if attr == "srcset" {
                for candidate in value.split(", ") {
                    assert_safe_url(candidate.split(' ').next().unwrap_or(""), attr, name);
                }
            }
            attrs = &attrs[eq + 2 + value_end + 1..];
        }
    }
    assert!(!rest.contains('>'), "stray '>' in text: {html:?}");
}

fn assert_safe_url(value: &str, attr: &str, tag: &str) {
    // Values are escaped; decode the few entities decant writes.
    let v = value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let cleaned: String = v.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let Some(colon) = cleaned.find(':') else { return };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return; // a relative URL with a colon later on
    }
    let scheme = scheme.to_ascii_lowercase();
    let image = matches!(tag, "img" | "source") && matches!(attr, "src" | "srcset");
    let ok = matches!(scheme.as_str(), "http" | "https" | "mailto")
        || (image && scheme == "data" && cleaned[colon + 1..].to_ascii_lowercase().starts_with("image/"));
    assert!(ok, "unsafe URL {value:?} in {attr} of <{tag}>");
}
