//! Any bytes through `decant::extract`: no panic, and safe-looking output.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    let options = decant::Options::new()
        .with_url("https://fuzz.example/a/page.html")
        .unwrap()
        // No time budget: a slow input should show up as a fuzzer timeout.
        .with_time_budget_ms(0);
    if let Ok(article) = decant::extract(data, &options) {
        if let Some(content) = &article.content {
            check::assert_output_shape(content);
        }
    }
    let _ = decant::is_probably_readerable(data, &options);
});
