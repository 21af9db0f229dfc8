//! The WebAssembly binding: the only module that knows about JavaScript.
//!
//! Exports `extract`, `isProbablyReaderable` and the streaming `Extractor`
//! class. Input may be a string or a `Uint8Array` (bytes in any encoding).
//! Results are plain objects shaped like the JSON the CLI prints; errors are
//! JavaScript `Error`s with a `code` (`"NOT_HTML"`, `"TOO_LARGE"`, ...).

use crate::{Error, Options};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Reads the options object (every field optional; unknown fields ignored).
fn options(value: JsValue) -> Result<Options, JsValue> {
    let mut o = Options::new().with_clock(now).with_decoder_factory(text_decoder);
    if value.is_undefined() || value.is_null() {
        return Ok(o);
    }
    if !value.is_object() {
        return Err(error(&Error::InvalidOption("options must be an object".into())));
    }
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let text = |key: &str| -> Result<Option<String>, JsValue> {
        match get(key) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or_else(|| error(&Error::InvalidOption(format!("{key} must be a string")))),
        }
    };
    let count = |key: &str| -> Result<Option<u64>, JsValue> {
        match get(key) {
            None => Ok(None),
            Some(v) => match v.as_f64() {
                Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n as u64)),
                _ => Err(error(&Error::InvalidOption(format!("{key} must be a non-negative number")))),
            },
        }
    };
    if let Some(url) = text("url")?.filter(|u| !u.is_empty()) {
        o = o.with_url(url).map_err(|e| error(&e))?;
    }
    if let Some(enc) = text("encoding")? {
        o = o.with_encoding(&enc).map_err(|e| error(&e))?;
    }
    if let Some(n) = count("maxInputBytes")? {
        o = o.with_max_input_bytes(n as usize);
    }
    if let Some(n) = count("maxElements")? {
        o = o.with_max_elements(n as usize);
    }
    if let Some(n) = count("timeBudgetMs")? {
        o = o.with_time_budget_ms(n);
    }
    if let Some(n) = count("charThreshold")? {
        o = o.with_char_threshold(n as usize);
    }
    Ok(o)
}

/// Legacy encodings are decoded by the platform's `TextDecoder` (the npm
/// package's build links a UTF-8-only stand-in for encoding_rs; see
/// wasm/README.md).
fn text_decoder(encoding: &str) -> Option<Box<dyn crate::ExternalDecoder>> {
    let decoder = web_sys::TextDecoder::new_with_label(encoding).ok()?;
    Some(Box::new(JsTextDecoder(decoder)))
}

struct JsTextDecoder(web_sys::TextDecoder);

impl crate::ExternalDecoder for JsTextDecoder {
    fn decode(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        let options = web_sys::TextDecodeOptions::new();
        options.set_stream(!last);
        if let Ok(text) = self.0.decode_with_u8_array_and_options(bytes, &options) {
            out.push_str(&text);
        }
    }
}

/// `performance.now()` where there is one (browsers, Node), else `Date.now()`.
fn now() -> f64 {
    thread_local! {
        static PERFORMANCE: Option<web_sys::Performance> = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .filter(|p| p.is_object())
            .map(|p| p.unchecked_into::<web_sys::Performance>());
    }
    PERFORMANCE.with(|p| p.as_ref().map_or_else(js_sys::Date::now, |p| p.now()))
}

/// A JavaScript `Error` with the error's message and `code`.
fn error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    err.into()
}

/// A page as JavaScript hands it over: a string is text already (its
/// `<meta charset>` and the `encoding` option do not apply); a
/// `Uint8Array` or `ArrayBuffer` is bytes in any encoding.
enum Page {
    Text(String),
    Bytes(Vec<u8>),
}

fn page(input: &JsValue) -> Result<Page, JsValue> {
    if let Some(s) = input.dyn_ref::<js_sys::JsString>() {
        return Ok(Page::Text(utf8(s)));
    }
    if let Some(a) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Page::Bytes(a.to_vec()));
    }
    if let Some(b) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Page::Bytes(js_sys::Uint8Array::new(b).to_vec()));
    }
    Err(error(&Error::InvalidOption("the page must be a string or a Uint8Array".into())))
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &js_sys::JsString, destination: &js_sys::Uint8Array) -> EncodeIntoResult;

    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// A JavaScript string as UTF-8, written by the platform's
/// `TextEncoder.encodeInto` straight into our memory. (wasm-bindgen's own
/// conversion copies the ASCII part in a JavaScript loop, a character at a
/// time: 8% of a page's time in Chromium.)
fn utf8(s: &js_sys::JsString) -> String {
    thread_local! {
        static ENCODER: TextEncoder = TextEncoder::new();
    }
    let units = s.length() as usize;
    let mut bytes = Vec::<u8>::new();
    let mut read = 0;
    // Room for one byte per UTF-16 unit first (pages are mostly ASCII),
    // then for the rest at the worst, three bytes per unit: two rounds at
    // most.
    let mut room = units;
    loop {
        bytes.reserve_exact(room);
        let rest = if read == 0 { s.clone() } else { s.slice(read as u32, units as u32) };
        let spare = bytes.spare_capacity_mut();
        // SAFETY: the view covers the vector's spare capacity and is used
        // for this call only. (Were our memory to grow before the call, the
        // view would be detached: nothing is written and the next round
        // tries again.)
        let done = ENCODER.with(|e| e.encode_into(&rest, &unsafe { js_sys::Uint8Array::view_mut_raw(spare.as_mut_ptr().cast(), spare.len()) }));
        // SAFETY: encodeInto wrote `written` bytes into the spare capacity.
        unsafe { bytes.set_len(bytes.len() + done.written() as usize) };
        read += done.read() as usize;
        if read >= units {
            break;
        }
        room = (units - read) * 3;
    }
    // SAFETY: TextEncoder writes UTF-8 only (a lone surrogate becomes U+FFFD).
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// Feeds a page, or a chunk of one, to the extractor.
fn feed(x: &mut crate::Extractor, page: Page, whole: bool) -> Result<(), JsValue> {
    match page {
        Page::Text(s) => x.write_text(s),
        Page::Bytes(b) => {
            if whole {
                x.reserve(b.len());
            }
            x.write(&b)
        }
    }
    .map_err(|e| error(&e))
}

/// An extractor fed with a whole page.
fn fed(html: &JsValue, options_: JsValue) -> Result<crate::Extractor, JsValue> {
    let mut x = crate::Extractor::new(options(options_)?);
    feed(&mut x, page(html)?, true)?;
    Ok(x)
}

fn to_js(article: &crate::Article) -> Result<JsValue, JsValue> {
    use serde::Serialize;
    article.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| error(&Error::Internal(e.to_string())))
}

/// Extracts the article and teasers of a page.
#[wasm_bindgen]
pub fn extract(html: JsValue, options_: JsValue) -> Result<JsValue, JsValue> {
    let article = fed(&html, options_)?.finish().map_err(|e| error(&e))?;
    to_js(&article)
}

/// Does the page look like it holds an article?
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(html: JsValue, options_: JsValue) -> Result<bool, JsValue> {
    fed(&html, options_)?.finish_readerable().map_err(|e| error(&e))
}

/// Streaming extraction: `write` chunks as they arrive, then `finish`.
#[wasm_bindgen(js_name = Extractor)]
pub struct JsExtractor {
    inner: Option<crate::Extractor>,
}

#[wasm_bindgen(js_class = Extractor)]
impl JsExtractor {
    #[wasm_bindgen(constructor)]
    pub fn new(options_: JsValue) -> Result<JsExtractor, JsValue> {
        Ok(JsExtractor { inner: Some(crate::Extractor::new(options(options_)?)) })
    }

    /// Feeds a chunk (string or `Uint8Array`).
    pub fn write(&mut self, chunk: JsValue) -> Result<(), JsValue> {
        let inner = self.inner.as_mut().ok_or_else(finished)?;
        feed(inner, page(&chunk)?, false)
    }

    /// Ends the input and returns the article.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let inner = self.inner.take().ok_or_else(finished)?;
        let article = inner.finish().map_err(|e| error(&e))?;
        to_js(&article)
    }
}

fn finished() -> JsValue {
    error(&Error::InvalidOption("finish() was already called".into()))
}
