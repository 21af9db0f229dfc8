//! The XSS suite, native side: every vector of `tests/xss/vectors.json`,
//! embedded in an ordinary article page (see `tests/common/page.rs`), goes
//! through `decant::extract`, and the output is judged by a real HTML parser
//! (`tests/common/safety.rs`).
//!
//! For every vector and placement, with and without a page URL:
//! - the extraction succeeds and has `content`;
//! - `content`, parsed as `div.innerHTML`, has nothing that can run script;
//! - the text right before the vector is extracted, and so is the paragraph
//!   after it whenever a browser shows that paragraph — otherwise the vector
//!   never reached the cleaning pass and the run proves nothing;
//! - `expect_text` of benign vectors survives, as text, in both `content`
//!   and `text_content`;
//! - the URLs of teasers and of the lead image are web URLs.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::browser::{fragment_text, visible_page_text};
use common::page::{article_page, Placement, Vector, PAGE_URL, PLACEMENTS, VECTORS_JSON};
use common::safety::unsafe_findings;
use decant::{Article, Options};

fn vectors() -> Vec<Vector> {
    serde_json::from_str(VECTORS_JSON).expect("vectors.json parses")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_web_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn is_image_url(u: &str) -> bool {
    is_web_url(u) || u.to_ascii_lowercase().starts_with("data:image/")
}

/// Every problem with the extraction of one vector page.
fn problems(v: &Vector, placement: Placement, with_url: bool) -> Vec<String> {
    let page = article_page(&v.html, placement);
    let options = if with_url { Options::new().with_url(PAGE_URL).unwrap() } else { Options::new() };
    let article = match decant::extract(&page, &options) {
        Ok(a) => a,
        Err(e) => return vec![format!("extract failed: {e}")],
    };
    let Some(content) = article.content.as_deref() else {
        return vec!["no content extracted".into()];
    };
    let mut out: Vec<String> = unsafe_findings(content);
    let text = article.text_content.as_deref().unwrap_or("");
    let shown = fragment_text(content);
    let browser = visible_page_text(&page);
    let (lead, trail) = placement.markers();
    assert!(browser.contains(lead), "{}: the page builder lost its own marker", v.name);
    for (marker, required) in [(lead, true), (trail, browser.contains(trail))] {
        if required && !(text.contains(marker) && shown.contains(marker)) {
            out.push(format!("the text around the vector ({marker}) was not extracted"));
        }
    }
    if let Some(expected) = &v.expect_text {
        let expected = squash(expected);
        if !squash(text).contains(&expected) {
            out.push(format!("expect_text {expected:?} missing from text_content"));
        }
        if !squash(&shown).contains(&expected) {
            out.push(format!("expect_text {expected:?} missing from the text of content"));
        }
    }
    out.extend(url_problems(&article, with_url));
    out
}

/// Teaser and lead-image URLs: absolute web URLs (images may be `data:image/*`).
/// Without a page URL, relative URLs cannot be resolved; they must still not
/// carry a scheme other than http(s).
fn url_problems(article: &Article, with_url: bool) -> Vec<String> {
    let mut out = Vec::new();
    let ok = |u: &str, image: bool| {
        let web = if image { is_image_url(u) } else { is_web_url(u) };
        web || (!with_url && !u.contains(':'))
    };
    if let Some(u) = article.lead_image.as_deref().filter(|u| !ok(u, true)) {
        out.push(format!("lead image URL {u:?}"));
    }
    for t in &article.teasers {
        if !ok(&t.url, false) {
            out.push(format!("teaser URL {:?}", t.url));
        }
        if let Some(u) = t.image.as_deref().filter(|u| !ok(u, true)) {
            out.push(format!("teaser image URL {u:?}"));
        }
    }
    out
}

#[test]
fn every_vector_is_extracted_safely() {
    let vectors = vectors();
    assert!(vectors.len() >= 60, "only {} vectors", vectors.len());
    let mut failures = Vec::new();
    let mut runs = 0;
    for v in &vectors {
        for placement in PLACEMENTS {
            for with_url in [true, false] {
                runs += 1;
                let p = problems(v, placement, with_url);
                if !p.is_empty() {
                    failures.push(format!("{} ({placement:?}, url: {with_url}):\n    {}", v.name, p.join("\n    ")));
                }
            }
        }
    }
    let attacks = vectors.iter().filter(|v| v.attack).count();
    eprintln!("xss: {} vectors ({attacks} attacks), {runs} extractions, {} failed", vectors.len(), failures.len());
    assert!(failures.is_empty(), "{} of {runs} vector extractions failed:\n{}", failures.len(), failures.join("\n"));
}

/// The harness itself: an unsafe output, a lost paragraph and a lost
/// `expect_text` are each caught, so a green run means something.
#[test]
fn the_harness_catches_what_it_should() {
    let page = article_page("<p>plain</p>", Placement::Between);
    let article = decant::extract(&page, &Options::new().with_url(PAGE_URL).unwrap()).unwrap();
    let content = article.content.unwrap();
    assert!(unsafe_findings(&content).is_empty());
    let bad = content.replacen("<p>", "<p onclick=alert(1)>", 1);
    assert!(!unsafe_findings(&bad).is_empty());

    // An unclosed comment hides the next paragraph in a browser, so it is not required…
    let swallowing = article_page("<!--", Placement::Between);
    assert!(!visible_page_text(&swallowing).contains(common::page::AFTER_MARKER));
    // …but an ordinary vector page shows it, so it is.
    assert!(visible_page_text(&page).contains(common::page::AFTER_MARKER));

    let v = Vector {
        name: "self-test".into(),
        category: "benign-tricky".into(),
        attack: false,
        html: "<p>one &lt;b&gt; two</p>".into(),
        expect_text: Some("one <b> two".into()),
    };
    assert!(problems(&v, Placement::Between, true).is_empty());
    let wrong = Vector { expect_text: Some("one <i> two".into()), ..v };
    assert_eq!(problems(&wrong, Placement::Between, true).len(), 2);
}

/// Benign images must survive with their `data:image/*` source.
#[test]
fn benign_data_images_are_kept() {
    for v in vectors().iter().filter(|v| !v.attack && v.html.contains("src=\"data:image/")) {
        let article = decant::extract(&article_page(&v.html, Placement::Between), &Options::new().with_url(PAGE_URL).unwrap()).unwrap();
        let content = article.content.unwrap();
        let src = v.html.split("src=\"").nth(1).and_then(|s| s.split('"').next()).unwrap();
        let attrs = common::browser::fragment_attributes(&content);
        assert!(
            attrs.iter().any(|(el, name, value)| el == "img" && name == "src" && value == src),
            "{}: data image lost: {content}",
            v.name
        );
    }
}

/// A small deterministic generator for chunk sizes (no `rand` dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Vector pages give the same Article whatever the chunking.
#[test]
fn vector_pages_do_not_depend_on_chunking() {
    let options = Options::new().with_url(PAGE_URL).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for v in vectors() {
        let page = article_page(&v.html, Placement::Inline);
        let whole = decant::extract(&page, &options);
        let bytes = page.as_bytes();
        let mut x = decant::Extractor::new(options.clone());
        let mut i = 0;
        while i < bytes.len() {
            let n = 1 + (rng.next() % 64) as usize;
            let end = (i + n).min(bytes.len());
            x.write(&bytes[i..end]).unwrap();
            i = end;
        }
        assert_eq!(x.finish(), whole, "{}: chunked result differs", v.name);
    }
}
