//! The streaming API with chunk sizes taken from the input: no panic, and
//! the same result as one call to `extract`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    // The first bytes pick the chunk sizes (1..=16 bytes, cycling); the rest is the page.
    if data.len() < 4 {
        return;
    }
    let (sizes, page) = data.split_at(4);
    let options = decant::Options::new().with_time_budget_ms(0);
    let whole = decant::extract(page, &options);
    let mut x = decant::Extractor::new(options);
    let mut at = 0;
    let mut i = 0;
    let mut failed = None;
    while at < page.len() {
        let n = 1 + (sizes[i % sizes.len()] % 16) as usize;
        let end = (at + n).min(page.len());
        if let Err(e) = x.write(&page[at..end]) {
            failed = Some(e);
            break;
        }
        at = end;
        i += 1;
    }
    let chunked = match failed {
        Some(e) => Err(e),
        None => x.finish(),
    };
    assert_eq!(chunked, whole, "chunked result differs");
    if let Ok(article) = &whole {
        if let Some(content) = &article.content {
            check::assert_output_shape(content);
        }
    }
});
