//! The XSS vectors through the WebAssembly build in a real browser:
//! `wasm-pack test --headless --chrome -- --test wasm_xss`. Each vector's
//! page goes through the exported `extract`, and the output is parsed by
//! Chromium's own HTML parser (into an inert `<template>`) and walked: no
//! element that runs or embeds anything, no event handler, no URL but
//! http(s), mailto, fragments and `data:image/*` on images.
#![cfg(target_arch = "wasm32")]

#[path = "common/page.rs"]
mod page;

use page::{article_page, Vector, PAGE_URL, PLACEMENTS, VECTORS_JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FORBIDDEN: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "form", "input",
    "button", "textarea", "select", "svg", "math", "template", "noscript", "xmp", "plaintext", "noembed", "noframes", "portal",
];
const URL_ATTRIBUTES: &[&str] = &["href", "src", "srcset", "poster", "cite", "background", "action", "formaction", "data", "xlink:href", "ping"];

/// The scheme of a URL as the browser's URL parser sees it.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    (s.chars().next()?.is_ascii_alphabetic() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then(|| s.to_ascii_lowercase())
}

/// What Chromium's parser finds unsafe in `html`.
fn findings(document: &web_sys::Document, html: &str) -> Vec<String> {
    let template: web_sys::HtmlTemplateElement = document.create_element("template").unwrap().dyn_into().unwrap();
    template.set_inner_html(html);
    let elements = template.content().query_selector_all("*").unwrap();
    let mut out = Vec::new();
    for i in 0..elements.length() {
        let el: web_sys::Element = elements.item(i).unwrap().dyn_into().unwrap();
        let tag = el.local_name();
        if FORBIDDEN.contains(&tag.as_str()) || el.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            out.push(format!("element <{tag}>"));
        }
        for name in el.get_attribute_names().iter().filter_map(|n| n.as_string()) {
            let value = el.get_attribute(&name).unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("on") || matches!(lower.as_str(), "style" | "srcdoc" | "name") {
                out.push(format!("attribute {name} on <{tag}>"));
            }
            if !URL_ATTRIBUTES.contains(&lower.as_str()) {
                continue;
            }
            let urls: Vec<&str> = if lower == "srcset" { value.split(',').filter_map(|c| c.split_whitespace().next()).collect() } else { vec![value.as_str()] };
            for url in urls {
                let ok = match scheme(url).as_deref() {
                    None => true,
                    Some("http" | "https" | "mailto") => true,
                    Some("data") => matches!(tag.as_str(), "img" | "source") && url.trim().to_ascii_lowercase().starts_with("data:image/"),
                    Some(_) => false,
                };
                if !ok {
                    out.push(format!("{name}={url:?} on <{tag}>"));
                }
            }
        }
    }
    out
}

fn get(o: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).ok()?.as_string()
}

#[wasm_bindgen_test]
fn no_vector_gets_a_script_through_in_chromium() {
    let document = web_sys::window().unwrap().document().unwrap();
    let vectors: Vec<Vector> = serde_wasm_bindgen::from_value(js_sys::JSON::parse(VECTORS_JSON).unwrap()).unwrap();
    assert!(vectors.len() >= 60);
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"url".into(), &PAGE_URL.into()).unwrap();
    let mut failures = Vec::new();
    let mut runs = 0;
    for v in &vectors {
        for placement in PLACEMENTS {
            let page = article_page(&v.html, placement);
            let article = decant::wasm::extract(page.into(), options.clone().into()).expect("extract");
            let content = get(&article, "content").expect("content");
            runs += 1;
            let (lead, _) = placement.markers();
            if !content.contains(lead) {
                failures.push(format!("{} ({placement:?}): the text around the vector was not extracted", v.name));
            }
            for f in findings(&document, &content) {
                failures.push(format!("{} ({placement:?}): {f}", v.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems in {runs} extractions:\n{}", failures.len(), failures.join("\n"));
}

#[wasm_bindgen_test]
fn the_browser_check_catches_what_it_should() {
    let document = web_sys::window().unwrap().document().unwrap();
    for bad in ["<img src=x onerror=alert(1)>", "<a href=\"java&#x09;script:alert(1)\">x</a>", "<svg><script>alert(1)</script></svg>", "<img srcset=\"a.jpg 1x, javascript:alert(1) 2x\">"] {
        assert!(!findings(&document, bad).is_empty(), "{bad} not caught");
    }
    for good in ["<p>a &lt;script&gt; b</p>", "<a href=\"https://x.example/\">x</a>", "<img src=\"data:image/png;base64,AAAA\">", "<a href=\"#fn1\">1</a>"] {
        assert!(findings(&document, good).is_empty(), "{good} flagged");
    }
}
