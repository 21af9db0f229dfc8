//! Native speed and memory: `cargo bench --bench native` (run by `npm run bench`).
//!
//! Prints MB/s over the pages of the Readability corpus, time per MB for
//! generated pages of 100 KB, 1 MB and 10 MB (the cost must grow linearly),
//! and peak heap memory for a 20 MB page as a multiple of its size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts heap bytes in use and their peak, while [`COUNTING`] (only for the
/// memory figure: the atomic updates would slow the timed runs).
struct Counting;
static COUNTING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() && COUNTING.load(Relaxed) {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        if COUNTING.load(Relaxed) {
            uncount(layout.size());
        }
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new);
        if !q.is_null() && COUNTING.load(Relaxed) {
            if new > layout.size() {
                let now = CURRENT.fetch_add(new - layout.size(), Relaxed) + new - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                uncount(layout.size() - new);
            }
        }
        q
    }
}

/// Takes freed bytes off the count; never below zero (a block allocated
/// before counting began and freed during it would otherwise wrap around).
fn uncount(bytes: usize) {
    let _ = CURRENT.fetch_update(Relaxed, Relaxed, |now| Some(now.saturating_sub(bytes)));
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

/// A news-like page of about `bytes` bytes: navigation, many story
/// sections with paragraphs, links, images, share icons and tracking
/// attributes, teaser lists, a footer. Its density (about 200 bytes per
/// element, 150 per text node) is that of the pages in the development
/// corpora, so memory per byte is what real pages cost.
fn generated(bytes: usize) -> String {
    let mut s = String::from("<!doctype html><html lang=en><head><meta charset=utf-8><title>Generated page - Bench</title><style>.story-card{margin:0 auto;max-width:42rem}.story-card__title{font:700 1.6rem/1.2 Georgia,serif}</style></head><body class=\"page page--section\"><nav class=\"site-nav site-nav--primary\" aria-label=Main><ul class=site-nav__list>");
    for i in 0..20 {
        s.push_str(&format!("<li class=site-nav__item><a class=site-nav__link href=\"/section/{i}\" data-track=\"nav-{i}\">Section {i}</a></li>"));
    }
    s.push_str("</ul></nav><main id=main class=\"main-content layout layout--two-columns\">");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "<article class=\"story-card story-card--medium\" id=\"story-{i}\" data-analytics='{{\"type\":\"story\",\"position\":{i},\"section\":\"news\"}}'><header class=story-card__header><h2 class=story-card__title><a class=story-card__link href=\"/news/2024/05/story-number-{i}-about-things\" data-track=\"headline\">Story number {i} about things that happened this week</a></h2></header>"
        ));
        for p in 0..5 {
            s.push_str(&format!(
                "<p class=\"story-card__paragraph body-text\">Paragraph {p} of story {i}: the council met on Tuesday evening, and after a long debate about the budget, the roads and the new school building, the members agreed to postpone the vote until the spring, when more figures would be known. Residents who came to the meeting said they had expected a decision, and several asked for <a href=\"/topics/council-{p}\" class=inline-link>more information</a> about the plans.</p>"
            ));
        }
        s.push_str(&format!(
            "<figure class=story-card__figure><img class=\"story-card__image lazyload\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/img/{i}.jpg\" data-srcset=\"/img/{i}-640.jpg 640w, /img/{i}-1280.jpg 1280w\" alt=\"Photo for story {i}\" width=1280 height=720><figcaption class=story-card__caption>Caption {i} / Photo: Agency</figcaption></figure><div class=\"share-bar\" data-url=\"/news/2024/05/story-number-{i}\"><a class=share-bar__link href=\"https://social.example/share?u=/news/{i}\"><svg class=icon viewBox=\"0 0 24 24\" aria-hidden=true><path d=\"M18 8h-3V6c0-1 .5-1 1-1h2V1h-3c-4 0-5 2-5 5v2H7v4h3v11h5V12h3l1-4z\"></path></svg></a></div><aside class=related><h3 class=related__title>Related</h3><ul class=related__list>"
        ));
        for t in 0..3 {
            s.push_str(&format!("<li class=related__item><a class=related__link href=\"/news/2024/05/story-{i}-{t}-another-story\" data-track=\"related-{t}\">Another story worth reading, number {i} and {t}</a></li>"));
        }
        s.push_str("</ul></aside></article>");
        i += 1;
    }
    s.push_str("<script>window.__DATA__={\"page\":\"section\",\"items\":[1,2,3]};</script></main><footer class=site-footer><a href=\"/imprint\">Imprint</a></footer></body></html>");
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
    // Nothing allocated before is freed while counting (the page lives on),
    // so the count can start at zero.
    CURRENT.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let mut x = decant::Extractor::new(options.clone());
    for chunk in page.as_bytes().chunks(64 * 1024) {
        x.write(chunk).expect("write");
    }
    let article = x.finish().expect("finish");
    COUNTING.store(false, Relaxed);
    let peak = PEAK.load(Relaxed);
    println!(
        "native  memory: 20 MB page streamed in 64 KB chunks, peak heap {:.1} MB = {:.2}x the input (must stay under 3x); {} chars extracted",
        peak as f64 / 1e6,
        peak as f64 / page.len() as f64,
        article.length
    );
}
