//! Runs every page fixture (tests/fixtures/*/ and ../shared/fixtures/*/)
//! through the extractor, in random chunk sizes, and checks each field of
//! its expected.json (format: ../shared/fixtures/README.md, plus `htmlWith`,
//! `htmlWithout`, `dir`, `contentNull` and a teaser's `alsoListedUnder`,
//! which this project adds).
#![cfg(not(target_arch = "wasm32"))]

use decant::{Article, Extractor, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Chunkings tried per page besides the whole page at once.
const CHUNKINGS: usize = 3;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = Vec::new();
    for base in [root.join("tests/fixtures"), root.join("../shared/fixtures")] {
        let Ok(entries) = std::fs::read_dir(&base) else { continue };
        for e in entries.flatten() {
            if e.path().join("expected.json").exists() {
                dirs.push(e.path());
            }
        }
    }
    dirs.sort();
    dirs
}

fn options(expected: &Value) -> Options {
    match expected.get("url").and_then(Value::as_str) {
        Some(u) => Options::new().with_url(u).expect("fixture url is absolute"),
        None => Options::new(),
    }
}

/// Extracts with the page cut at random places (sometimes inside a UTF-8
/// character, since chunks are bytes).
fn extract_chunked(bytes: &[u8], options: &Options, rng: &mut Rng) -> Article {
    let mut x = Extractor::new(options.clone());
    let mut i = 0;
    while i < bytes.len() {
        let max = if rng.next(4) == 0 { 16 } else { 4096 };
        let size = 1 + rng.next(max);
        let j = (i + size).min(bytes.len());
        x.write(&bytes[i..j]).expect("write");
        i = j;
    }
    x.finish().expect("finish")
}

fn check(dir: &Path, a: &Article, e: &Value) -> (usize, Vec<String>) {
    let mut checks = 0;
    let mut fails = Vec::new();
    let mut fail = |msg: String| fails.push(format!("{}: {msg}", dir.display()));
    let field = |name: &str| -> Option<&Option<String>> {
        match name {
            "title" => Some(&a.title),
            "siteName" => Some(&a.site_name),
            "lang" => Some(&a.lang),
            "publishedTime" => Some(&a.published_time),
            "leadImage" => Some(&a.lead_image),
            "dir" => Some(&a.dir),
            _ => None,
        }
    };
    for key in ["title", "siteName", "lang", "publishedTime", "leadImage", "dir"] {
        if let Some(want) = e.get(key) {
            checks += 1;
            let got = field(key).and_then(|v| v.as_deref()).map(norm);
            let want = want.as_str().map(norm);
            if got != want {
                fail(format!("{key} = {got:?}, expected {want:?}"));
            }
        }
    }
    if let Some(want) = e.get("bylineContains").and_then(Value::as_str) {
        checks += 1;
        if !a.byline.as_deref().unwrap_or("").contains(want) {
            fail(format!("byline {:?} lacks {want:?}", a.byline));
        }
    }
    if e.get("contentNull").and_then(Value::as_bool) == Some(true) {
        checks += 1;
        if a.content.is_some() {
            fail("content should be null: the page is not an article".into());
        }
    }
    let text = norm(a.text_content.as_deref().unwrap_or(""));
    let html = a.content.as_deref().unwrap_or("");
    let list = |key: &str| e.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    for s in list("contentWith").iter().filter_map(Value::as_str) {
        checks += 1;
        if !text.contains(&norm(s)) {
            fail(format!("content lacks {:?}", s.chars().take(60).collect::<String>()));
        }
    }
    for s in list("contentWithout").iter().filter_map(Value::as_str) {
        checks += 1;
        if text.contains(&norm(s)) {
            fail(format!("content has clutter {s:?}"));
        }
    }
    for s in list("htmlWith").iter().filter_map(Value::as_str) {
        checks += 1;
        if !html.contains(s) {
            fail(format!("content HTML lacks {s:?}"));
        }
    }
    for s in list("htmlWithout").iter().filter_map(Value::as_str) {
        checks += 1;
        if html.contains(s) {
            fail(format!("content HTML has {s:?}"));
        }
    }
    // Each expected teaser is matched to the first unused extracted teaser
    // with its title, so a story listed in two blocks is matched twice.
    let mut used = vec![false; a.teasers.len()];
    for t in list("teasers") {
        checks += 1;
        let title = norm(t.get("title").and_then(Value::as_str).unwrap_or(""));
        // A story listed under a second heading names it `alsoListedUnder`
        // (the shared checker compares every entry with the title's first
        // teaser, so only that entry has `group`).
        let group = t.get("group").or_else(|| t.get("alsoListedUnder")).map(|g| g.as_str().map(norm));
        let candidates = |want_group: bool| {
            a.teasers.iter().enumerate().position(|(i, g)| {
                !used[i] && norm(&g.title) == title && (!want_group || group.as_ref().is_none_or(|w| g.group.as_deref().map(norm) == *w))
            })
        };
        let Some(i) = candidates(true).or_else(|| candidates(false)) else {
            fail(format!("teaser missing {:?}", title.chars().take(60).collect::<String>()));
            continue;
        };
        used[i] = true;
        let got = &a.teasers[i];
        if let Some(url) = t.get("url").and_then(Value::as_str) {
            if got.url != url {
                fail(format!("teaser {title:?} url {:?}, expected {url:?}", got.url));
            }
        }
        if let Some(want) = &group {
            if got.group.as_deref().map(norm) != *want {
                fail(format!("teaser {title:?} group {:?}, expected {want:?}", got.group));
            }
        }
        if let Some(start) = t.get("summaryStartsWith").and_then(Value::as_str) {
            if !norm(got.summary.as_deref().unwrap_or("")).starts_with(&norm(start)) {
                fail(format!("teaser {title:?} summary {:?} should start {start:?}", got.summary));
            }
        }
    }
    for s in list("notTeasers").iter().filter_map(Value::as_str) {
        checks += 1;
        if a.teasers.iter().any(|t| norm(&t.title) == norm(s)) {
            fail(format!("{s:?} listed as a teaser"));
        }
    }
    (checks, fails)
}

#[test]
fn every_fixture_meets_its_expectations_in_any_chunking() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 10, "fixtures not found");
    let (mut total, mut failures) = (0, Vec::new());
    for (i, dir) in dirs.iter().enumerate() {
        let bytes = std::fs::read(dir.join("source.html")).expect("source.html");
        let expected: Value = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json")).expect("valid JSON");
        let options = options(&expected);
        let whole = decant::extract(&bytes, &options).expect("extract");
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1));
        for _ in 0..CHUNKINGS {
            let chunked = extract_chunked(&bytes, &options, &mut rng);
            assert_eq!(chunked, whole, "{}: the result depends on chunk boundaries", dir.display());
        }
        let (n, f) = check(dir, &whole, &expected);
        total += n;
        failures.extend(f);
    }
    println!("{} fixtures, {}/{} checks pass", dirs.len(), total - failures.len(), total);
    assert!(failures.is_empty(), "{} of {total} fixture checks fail:\n{}", failures.len(), failures.join("\n"));
}
