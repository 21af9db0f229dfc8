//! Checks of the JavaScript API shared by the Node and browser test files
//! (tests/wasm_node.rs, tests/wasm_browser.rs). Each function panics on failure.
#![allow(dead_code)]

use decant::wasm::{extract, is_probably_readerable, JsExtractor};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

pub const PAGE: &str = r#"<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke eröffnet - Stadtanzeiger</title>
<meta property="og:site_name" content="Stadtanzeiger">
<meta property="og:image" content="/bilder/bruecke.jpg">
<meta name="author" content="Lena Vogt"></head><body>
<nav class="main-nav"><a href="/">Startseite</a> <a href="/lokales">Lokales</a></nav>
<main><article><h1>Neue Brücke eröffnet</h1>
<p>Nach drei Jahren Bauzeit ist die neue Brücke über den Fluss am Samstag eröffnet worden, und Hunderte Menschen kamen zur Feier.</p>
<p>Die Stadt hatte das Projekt lange geplant, denn die alte Brücke war marode und musste für Lastwagen gesperrt werden.</p>
<p>Der Bürgermeister sprach von einem wichtigen Tag für die Stadt, für die Pendler und für die Händler in der Altstadt.</p>
<p>Für Radfahrer gibt es nun eine eigene Spur, die durch ein Geländer vom Autoverkehr getrennt ist, wie die Planer betonten.</p>
<script>alert("x")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">klick</a>
</article>
<section class="related"><h2>Mehr zum Thema</h2><ul>
<li><a href="/lokales/baustelle-am-ring-dauert-laenger-101">Baustelle am Ring dauert länger als geplant</a></li>
<li><a href="/lokales/neuer-radweg-an-der-uferstrasse-102">Neuer Radweg an der Uferstraße freigegeben</a></li>
</ul></section></main>
<footer><a href="/impressum">Impressum</a></footer></body></html>"#;

pub const URL: &str = "https://www.stadtanzeiger.example/lokales/neue-bruecke-100";

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).expect("property")
}

fn get_str(o: &JsValue, key: &str) -> Option<String> {
    get(o, key).as_string()
}

pub fn options(url: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"url".into(), &url.into()).unwrap();
    o.into()
}

/// `extract(html, {url})` returns a plain object shaped like the CLI's JSON.
pub fn extracts_article_and_teasers() {
    let a = extract(PAGE.into(), options(URL)).expect("extract");
    assert!(a.is_object() && Object::get_prototype_of(&a) == Object::get_prototype_of(&Object::new()), "a plain object");
    assert_eq!(get_str(&a, "title").as_deref(), Some("Neue Brücke eröffnet"));
    assert_eq!(get_str(&a, "siteName").as_deref(), Some("Stadtanzeiger"));
    assert_eq!(get_str(&a, "byline").as_deref(), Some("Lena Vogt"));
    assert_eq!(get_str(&a, "lang").as_deref(), Some("de"));
    assert_eq!(get_str(&a, "leadImage").as_deref(), Some("https://www.stadtanzeiger.example/bilder/bruecke.jpg"));
    assert!(get(&a, "dir").is_null(), "missing values are null, not undefined");
    let text = get_str(&a, "textContent").unwrap();
    assert!(text.starts_with("Nach drei Jahren Bauzeit"), "{text}");
    assert!(!text.contains("Startseite") && !text.contains("Impressum"));
    let html = get_str(&a, "content").unwrap();
    assert!(!html.contains("<script") && !html.contains("onerror") && !html.contains("javascript:"), "{html}");
    assert!(get(&a, "wordCount").as_f64().unwrap() > 50.0);
    assert!(get(&get(&a, "readingTime"), "max").as_f64().unwrap() >= 1.0);
    let teasers: Array = get(&a, "teasers").dyn_into().expect("an array");
    assert_eq!(teasers.length(), 2);
    let first = teasers.get(0);
    assert_eq!(get_str(&first, "title").as_deref(), Some("Baustelle am Ring dauert länger als geplant"));
    assert_eq!(get_str(&first, "url").as_deref(), Some("https://www.stadtanzeiger.example/lokales/baustelle-am-ring-dauert-laenger-101"));
    assert_eq!(get_str(&first, "group").as_deref(), Some("Mehr zum Thema"));
}

/// Bytes in a legacy encoding are decoded as the page declares; a string
/// is text already, whatever it declares.
pub fn decodes_bytes() {
    let page = PAGE.replace("charset=\"utf-8\"", "charset=\"windows-1252\"");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let a = extract(Uint8Array::from(&bytes[..]).into(), options(URL)).expect("extract bytes");
    assert_eq!(get_str(&a, "title").as_deref(), Some("Neue Brücke eröffnet"));
    // (An encoding option would make its UTF-8 bytes UTF-16 garbage.)
    let o = options(URL);
    Reflect::set(&o, &"encoding".into(), &"utf-16le".into()).unwrap();
    let a = extract(page.as_str().into(), o).expect("extract text");
    assert_eq!(get_str(&a, "title").as_deref(), Some("Neue Brücke eröffnet"));
}

/// A string arrives as the same text whatever the UTF-8 widths of its
/// characters (one to four bytes, first and last), and a lone surrogate
/// becomes U+FFFD, as in a `TextEncoder`.
pub fn reads_strings_of_every_width() {
    for title in ["€ 中文 𝄞 Ärger", "𝄞𝄞𝄞", "中文中文中文中文", "ä", "Zug"] {
        let page = format!("<title>{title}</title><p>{title}</p>");
        let a = extract(page.as_str().into(), JsValue::UNDEFINED).expect("extract");
        assert_eq!(get_str(&a, "title").as_deref(), Some(title));
    }
    let lone = js_sys::JsString::from("<title>Zug").concat(&js_sys::JsString::from_char_code1(0xD800)).concat(&"fahrt</title>".into());
    let a = extract(lone.into(), JsValue::UNDEFINED).expect("extract");
    assert_eq!(get_str(&a, "title").as_deref(), Some("Zug\u{FFFD}fahrt"));
}

/// Errors are `Error`s with a message and a `code`.
pub fn errors_are_js_errors_with_codes() {
    let cases: [(JsValue, JsValue, &str); 4] = [
        ("".into(), JsValue::UNDEFINED, "EMPTY"),
        ("just some text, no markup".into(), JsValue::UNDEFINED, "NOT_HTML"),
        (PAGE.into(), options("not a url"), "INVALID_OPTION"),
        (JsValue::from_f64(3.0), JsValue::UNDEFINED, "INVALID_OPTION"),
    ];
    for (input, opts, code) in cases {
        let err = extract(input, opts).expect_err("must fail");
        let err: js_sys::Error = err.dyn_into().expect("an Error");
        assert!(!String::from(err.message()).is_empty());
        assert_eq!(get_str(&err, "code").as_deref(), Some(code));
    }
    let limits = Object::new();
    Reflect::set(&limits, &"maxInputBytes".into(), &JsValue::from_f64(100.0)).unwrap();
    let err = extract(PAGE.into(), limits.into()).expect_err("too large");
    assert_eq!(get_str(&err, "code").as_deref(), Some("TOO_LARGE"));
}

/// The streaming class gives the same article as the one-shot call.
pub fn streams_in_chunks() {
    let whole = extract(PAGE.into(), options(URL)).unwrap();
    let mut x = JsExtractor::new(options(URL)).unwrap();
    let bytes = PAGE.as_bytes();
    for chunk in bytes.chunks(37) {
        x.write(Uint8Array::from(chunk).into()).unwrap();
    }
    let streamed = x.finish().unwrap();
    assert_eq!(js_sys::JSON::stringify(&streamed).unwrap(), js_sys::JSON::stringify(&whole).unwrap());
    assert!(x.finish().is_err(), "finish twice is an error");
    // The same in string chunks.
    let mut x = JsExtractor::new(options(URL)).unwrap();
    let chars: Vec<char> = PAGE.chars().collect();
    for chunk in chars.chunks(37) {
        x.write(chunk.iter().collect::<String>().as_str().into()).unwrap();
    }
    assert_eq!(js_sys::JSON::stringify(&x.finish().unwrap()).unwrap(), js_sys::JSON::stringify(&whole).unwrap());
}

pub fn checks_readerability() {
    assert!(is_probably_readerable(PAGE.replace("</article>", &"<p>Mehr Text, damit es reicht, mit vielen Wörtern und Sätzen hier.</p>".repeat(8)).into(), JsValue::UNDEFINED).unwrap());
    assert!(!is_probably_readerable("<html><body><a href=/>Home</a></body></html>".into(), JsValue::UNDEFINED).unwrap());
}
