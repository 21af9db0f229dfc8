//! Native speed and memory: `cargo bench --bench native` (run by `npm run bench`).
//!
//! Prints MB/s over the pages of the Readability corpus, time per MB for
//! generated pages of 100 KB, 1 MB and 10 MB (the cost must grow linearly),
//! and peak heap memory for a 20 MB page as a multiple of its size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts heap bytes in use and their peak.
struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new);
        if !q.is_null() {
            if new > layout.size() {
                let now = CURRENT.fetch_add(new - layout.size(), Relaxed) + new - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const BASE: &str = "http://fakehost/test/page.html";
const ROUNDS: usize = 5;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path().join("source.html")).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    pages
}

/// A news-like page of about `bytes` bytes: navigation, many article
/// sections with paragraphs, links and images, teaser lists, a footer.
fn generated(bytes: usize) -> String {
    let mut s = String::from("<!doctype html><html lang=en><head><meta charset=utf-8><title>Generated page - Bench</title></head><body><nav class=menu><ul>");
    for i in 0..20 {
        s.push_str(&format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"));
    }
    s.push_str("</ul></nav><main>");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!("<article class=\"story\" id=\"s{i}\"><h2>Story number {i} about things</h2>"));
        for p in 0..6 {
            s.push_str(&format!(
                "<p>Paragraph {p} of story {i}, with <a href=\"/s/{i}/{p}\">a link</a>, some <em>emphasis</em>, and enough words, commas, and sentences to look like prose in a newspaper.</p>"
            ));
        }
        s.push_str(&format!("<figure><img src=\"/img/{i}.jpg\" alt=\"\"><figcaption>Caption {i}</figcaption></figure><ul class=related>"));
        for t in 0..3 {
            s.push_str(&format!("<li><a href=\"/story/{i}-{t}-another-story\">Another story worth reading {i} {t}</a></li>"));
        }
        s.push_str("</ul></article>");
        i += 1;
    }
    s.push_str("</main><footer><a href=\"/imprint\">Imprint</a></footer></body></html>");
    s
}

fn time<F: FnMut()>(mut f: F, rounds: usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let options = decant::Options::new().with_url(BASE).expect("url").with_time_budget_ms(0);
    let pages = corpus();
    if pages.is_empty() {
        println!("native: ../shared/corpus/readability not found; skipping the corpus");
    } else {
        let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
        for (_, p) in &pages {
            let _ = decant::extract(p, &options);
        }
        let mut per_page: Vec<f64> = Vec::new();
        let total = time(
            || {
                per_page.clear();
                for (_, p) in &pages {
                    let t = Instant::now();
                    let _ = decant::extract(p, &options);
                    per_page.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            },
            ROUNDS,
        );
        per_page.sort_by(f64::total_cmp);
        let median = per_page[per_page.len() / 2];
        let p90 = per_page[per_page.len() * 9 / 10];
        println!(
            "native  corpus: {} pages, {:.1} MB, total {:.1} ms, median {:.2} ms/page, p90 {:.2} ms, {:.0} MB/s",
            pages.len(),
            bytes as f64 / 1e6,
            total * 1000.0,
            median,
            p90,
            bytes as f64 / 1e6 / total
        );
    }

    let mut per_mb = Vec::new();
    for size in [100_000usize, 1_000_000, 10_000_000] {
        let page = generated(size);
        let t = time(|| drop(decant::extract(&page, &options)), if size > 1_000_000 { 2 } else { ROUNDS });
        let ms_per_mb = t * 1000.0 / (page.len() as f64 / 1e6);
        per_mb.push(ms_per_mb);
        println!("native  {:>6} KB page: {:.1} ms, {:.2} ms/MB", page.len() / 1000, t * 1000.0, ms_per_mb);
    }
    println!("native  scaling: 10 MB costs {:.2}x per MB of 100 KB (must stay under 1.5x)", per_mb[2] / per_mb[0]);

    let page = generated(20_000_000);
    let before = CURRENT.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut x = decant::Extractor::new(options.clone());
    for chunk in page.as_bytes().chunks(64 * 1024) {
        x.write(chunk).expect("write");
    }
    let article = x.finish().expect("finish");
    let peak = PEAK.load(Relaxed) - before;
    println!(
        "native  memory: 20 MB page streamed in 64 KB chunks, peak heap {:.1} MB = {:.2}x the input (must stay under 3x); {} chars extracted",
        peak as f64 / 1e6,
        peak as f64 / page.len() as f64,
        article.length
    );
}
