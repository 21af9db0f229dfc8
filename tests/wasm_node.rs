//! The JavaScript API under Node.js: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

mod wasm;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn extracts_article_and_teasers() {
    wasm::extracts_article_and_teasers();
}

#[wasm_bindgen_test]
fn decodes_bytes() {
    wasm::decodes_bytes();
}

#[wasm_bindgen_test]
fn reads_strings_of_every_width() {
    wasm::reads_strings_of_every_width();
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_codes() {
    wasm::errors_are_js_errors_with_codes();
}

#[wasm_bindgen_test]
fn streams_in_chunks() {
    wasm::streams_in_chunks();
}

#[wasm_bindgen_test]
fn checks_readerability() {
    wasm::checks_readerability();
}
