//! Output-safety checker for decant's extracted `content` HTML.
//!
//! [`unsafe_findings`] re-parses an HTML string the way a browser does when
//! the string is assigned to `div.innerHTML` (HTML fragment parsing with a
//! `<div>` context element in the HTML namespace, scripting enabled), walks
//! the resulting tree — template contents and SVG/MathML content included —
//! and lists everything that breaks decant's output policy:
//!
//! * forbidden elements (script, iframe, object, style, form controls, svg,
//!   math, template, noscript, …) in any namespace, and any element outside
//!   the HTML namespace;
//! * `on*` event-handler attributes, `style`, `srcdoc`, `action`,
//!   `formaction`, `xmlns`-ish and `xlink:href` attributes;
//! * DOM-clobbering hooks: any `name` attribute, and `id`s that shadow
//!   well-known `window`/`document` properties;
//! * URL attributes whose scheme, after the WHATWG URL parser's clean-up, is
//!   not `http`, `https` or `mailto` — except `data:image/*` on `img`/`source`
//!   `src`/`srcset`. Relative and fragment-only URLs are accepted.
//!
//! Because the check works on the parsed tree rather than on the string,
//! entity tricks (`&#106;avascript:`), odd spacing and parser-state
//! confusion (`<noscript>`, comments, foreign content) are seen exactly as a
//! browser would see them.

#![allow(dead_code)] // each integration test uses only part of this module

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_fragment, Attribute, Namespace, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements that must never appear in decant's output, whatever their namespace.
#[rustfmt::skip]
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "style", "form", "input", "button", "textarea", "select", "isindex", "svg",
    "math", "template", "noscript", "xmp", "plaintext", "noembed", "noframes", "portal",
];

/// Attributes that are forbidden outright, whatever their value.
const FORBIDDEN_ATTRIBUTES: &[&str] = &["style", "srcdoc", "formaction", "action", "xlink:href"];

/// Attributes whose value is (or, for `srcset`/`ping`, contains) a URL.
#[rustfmt::skip]
const URL_ATTRIBUTES: &[&str] = &[
    "href", "src", "srcset", "poster", "cite", "background", "action", "formaction", "data",
    "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "ping", "xlink:href",
];

/// `id` values that would shadow `window`/`document` properties an embedding
/// page is likely to rely on (compared case-insensitively).
#[rustfmt::skip]
const CLOBBERING_IDS: &[&str] = &[
    "location", "cookie", "domain", "document", "window", "top", "self", "parent", "opener",
    "frames", "name", "origin", "body", "head", "forms", "images", "links", "scripts",
    "defaultview", "attributes", "children", "getelementbyid", "queryselector",
    "createelement", "write", "alert", "fetch", "localstorage",
];

/// URL schemes allowed anywhere.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Parses `html` as `div.innerHTML` would and returns one human-readable
/// finding per policy violation. An empty vector means the HTML is safe.
pub fn unsafe_findings(html: &str) -> Vec<String> {
    let context = QualName::new(None, ns!(html), local_name!("div"));
    let dom = parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        context,
        Vec::new(),
        true,
    )
    .one(html);

    let mut findings = Vec::new();
    // Iterative walk: arbitrarily deep input cannot overflow the stack.
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } = &node.data
        {
            check_element(name, &attrs.borrow(), &mut findings);
            if let Some(contents) = template_contents.borrow().as_ref() {
                stack.push(contents.clone());
            }
        }
        // Push in reverse so findings come out in document order.
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    findings
}

/// Panics, listing every finding, if `html` is not safe by decant's policy.
pub fn assert_safe(html: &str) {
    let findings = unsafe_findings(html);
    if !findings.is_empty() {
        panic!(
            "unsafe HTML ({} finding(s)):\n  - {}\n--- html ---\n{}",
            findings.len(),
            findings.join("\n  - "),
            html
        );
    }
}

/// Checks one element and its attributes, appending findings.
fn check_element(name: &QualName, attrs: &[Attribute], findings: &mut Vec<String>) {
    let element = element_label(name);
    let local = name.local.to_string().to_ascii_lowercase();
    if FORBIDDEN_ELEMENTS.contains(&local.as_str()) {
        findings.push(format!("forbidden element <{element}>"));
    } else if name.ns != ns!(html) {
        findings.push(format!(
            "foreign-namespace element <{element}> ({})",
            name.ns
        ));
    }

    for attr in attrs {
        let attr_name = attribute_label(attr);
        let value: &str = &attr.value;
        if attr_name.starts_with("on") {
            findings.push(format!(
                "event-handler attribute {attr_name}={value:?} on <{element}>"
            ));
        } else if FORBIDDEN_ATTRIBUTES.contains(&attr_name.as_str()) || is_xmlns_like(attr) {
            findings.push(format!(
                "forbidden attribute {attr_name}={value:?} on <{element}>"
            ));
        } else if attr_name == "name" {
            findings.push(format!(
                "clobbering attribute name={value:?} on <{element}>"
            ));
        } else if attr_name == "id" && CLOBBERING_IDS.contains(&value.to_ascii_lowercase().as_str())
        {
            findings.push(format!("clobbering attribute id={value:?} on <{element}>"));
        } else if URL_ATTRIBUTES.contains(&attr_name.as_str()) {
            let image_slot = name.ns == ns!(html)
                && (local == "img" || local == "source")
                && (attr_name == "src" || attr_name == "srcset");
            let urls: Vec<&str> = match attr_name.as_str() {
                "srcset" => srcset_urls(value),
                "ping" => value.split_ascii_whitespace().collect(),
                _ => vec![value],
            };
            for url in urls {
                if let Some(scheme) = bad_scheme(url, image_slot) {
                    findings.push(format!(
                        "disallowed URL scheme {scheme:?} in {attr_name}={value:?} on <{element}>"
                    ));
                }
            }
        }
    }
}

/// `svg:foo` / `math:foo` for foreign elements, plain `foo` for HTML ones.
fn element_label(name: &QualName) -> String {
    let prefix = if name.ns == ns!(svg) {
        "svg:"
    } else if name.ns == ns!(mathml) {
        "math:"
    } else if name.ns == ns!(html) {
        ""
    } else {
        "?:"
    };
    format!("{prefix}{}", name.local)
}

/// Lower-cased qualified attribute name, e.g. `onclick` or `xlink:href`.
/// (On HTML elements the parser keeps `xlink:href` as one local name; on
/// foreign elements it splits it into prefix `xlink` and local `href`.)
fn attribute_label(attr: &Attribute) -> String {
    match &attr.name.prefix {
        Some(prefix) => format!("{}:{}", prefix, attr.name.local).to_ascii_lowercase(),
        None => attr.name.local.to_string().to_ascii_lowercase(),
    }
}

/// `xmlns`, `xmlns:*`, or anything placed in the XMLNS namespace.
fn is_xmlns_like(attr: &Attribute) -> bool {
    let label = attribute_label(attr);
    let xmlns: Namespace = ns!(xmlns);
    label == "xmlns" || label.starts_with("xmlns:") || attr.name.ns == xmlns
}

/// Returns the offending scheme if `url` is not allowed. `image_slot` is true
/// for `img`/`source` `src`/`srcset`, where `data:image/*` is accepted.
fn bad_scheme(url: &str, image_slot: bool) -> Option<String> {
    let cleaned = clean_url(url);
    let scheme = url_scheme(&cleaned)?;
    if SAFE_SCHEMES.contains(&scheme.as_str()) {
        return None;
    }
    if scheme == "data" && image_slot {
        // Data URL processor: the MIME type is everything before the first
        // comma, with surrounding ASCII whitespace stripped.
        let mime = cleaned[5..].split(',').next().unwrap_or("");
        if mime
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .to_ascii_lowercase()
            .starts_with("image/")
        {
            return None;
        }
    }
    Some(scheme)
}

/// WHATWG URL pre-processing: strip leading/trailing C0 controls and spaces,
/// then remove every ASCII tab, LF and CR.
fn clean_url(url: &str) -> String {
    url.trim_matches(|c: char| c <= '\u{20}')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The lower-cased scheme of an already cleaned URL, or `None` if the URL is
/// relative (the WHATWG "scheme state": an ASCII letter followed by ASCII
/// alphanumerics, `+`, `-` or `.`, terminated by `:`).
fn url_scheme(cleaned: &str) -> Option<String> {
    let mut chars = cleaned.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(cleaned[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

/// Every candidate URL in a `srcset`, following the HTML "parse a srcset
/// attribute" algorithm: candidates are separated by whitespace/commas, a URL
/// runs to the next whitespace (trailing commas removed), and descriptors run
/// to the next comma outside parentheses. Candidates with invalid descriptors
/// are still returned, to stay on the safe side.
fn srcset_urls(srcset: &str) -> Vec<&str> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{0C}' | '\r');
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| is_ws(c) || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let url_end = rest.find(is_ws).unwrap_or(rest.len());
        let (raw_url, after) = rest.split_at(url_end);
        rest = after;
        let url = raw_url.trim_end_matches(',');
        urls.push(url);
        if url.len() == raw_url.len() {
            // No trailing comma: skip the descriptors up to the next comma
            // that is not inside parentheses.
            let mut in_parens = false;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => in_parens = true,
                    ')' => in_parens = false,
                    ',' if !in_parens => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            rest = &rest[end..];
        }
    }
}
