//! The streaming API's result does not depend on chunk boundaries: every
//! fixture page (real pages, many with multi-byte UTF-8) fed in random chunk
//! sizes — 1-byte chunks for some, which split every multi-byte character —
//! gives exactly the one-shot `Article`.

#![cfg(not(target_arch = "wasm32"))]

use decant::{Extractor, Options};

/// A small deterministic generator (no `rand` dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| {
            let path = e.ok()?.path().join("source.html");
            let bytes = std::fs::read(&path).ok()?;
            Some((path.parent()?.file_name()?.to_string_lossy().into_owned(), bytes))
        })
        .collect();
    out.sort();
    out
}

fn chunked(bytes: &[u8], options: &Options, mut size: impl FnMut() -> usize) -> Result<decant::Article, decant::Error> {
    let mut x = Extractor::new(options.clone());
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + size()).min(bytes.len());
        x.write(&bytes[at..end])?;
        at = end;
    }
    x.finish()
}

#[test]
fn chunk_boundaries_do_not_change_the_article() {
    let options = Options::new().with_url("https://news.example/a/page.html").unwrap().with_time_budget_ms(0);
    let pages = fixtures();
    assert!(pages.len() >= 40, "only {} fixtures", pages.len());
    let mut rng = Rng(0x5EED);
    let mut multibyte_splits = 0;
    for (i, (name, bytes)) in pages.iter().enumerate() {
        let whole = decant::extract(bytes, &options);
        assert!(whole.is_ok(), "{name}: {:?}", whole.as_ref().err());
        // Random sizes from 1 byte to 8 KiB.
        let random = chunked(bytes, &options, || 1 + (rng.next() % 8192) as usize);
        assert_eq!(random, whole, "{name}: random chunks");
        // Small chunks (1-7 bytes) that split multi-byte characters.
        if i % 4 == 0 {
            let small = chunked(bytes, &options, || 1 + (rng.next() % 7) as usize);
            assert_eq!(small, whole, "{name}: small chunks");
            multibyte_splits += usize::from(std::str::from_utf8(bytes).is_ok_and(|s| !s.is_ascii()));
        }
    }
    assert!(multibyte_splits >= 5, "too few multi-byte pages in small chunks: {multibyte_splits}");
    // And 1-byte chunks for a page with multi-byte text.
    let (name, bytes) = pages.iter().find(|(_, b)| std::str::from_utf8(b).is_ok_and(|s| !s.is_ascii())).unwrap();
    assert_eq!(chunked(bytes, &options, || 1), decant::extract(bytes, &options), "{name}: 1-byte chunks");
}
