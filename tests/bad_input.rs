//! Bad input gets a clear error or a sane result: never a panic, a hang or
//! unbounded memory. Every case runs under a time bound, and the big ones
//! under a memory bound measured by a counting global allocator.
//!
//! Sizes: `cargo test --release` (or `DECANT_FULL_SIZE=1`) runs the sizes of
//! the issue — a 50 MB page, 100k-deep nesting, a 10 MB attribute, millions
//! of elements, a 20 MB page for the memory ratio. A debug `cargo test`
//! runs the same cases at a tenth of the size (nesting and the attribute
//! stay full size; they are cheap), with time bounds for unoptimized code.
//! `DECANT_REPORT=1` prints each measurement.

#![cfg(not(target_arch = "wasm32"))]

use decant::{Error, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Measuring

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Tests in this file run one at a time, so that the peak is their own.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

struct Measured<T> {
    result: T,
    /// CPU time where the system reports it, else wall time.
    elapsed: Duration,
    /// Most bytes allocated at once while `f` ran, beyond what was
    /// allocated before (the input itself is not counted).
    peak: usize,
}

/// The CPU time this thread has used, where the system tells it (Linux's
/// `/proc/thread-self/stat`, in clock ticks of 10 ms). The time bounds here are
/// about work, not about how busy the machine is: other builds running at the
/// same time stretch wall time two- or threefold, CPU time hardly at all.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // After the command name in parentheses: the state is field 3 and utime and
    // stime are fields 14 and 15.
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn measure<T>(f: impl FnOnce() -> T) -> Measured<T> {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let (start, cpu_start) = (Instant::now(), thread_cpu_time());
    let result = f();
    let elapsed = match (cpu_start, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => start.elapsed(),
    };
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    Measured { result, elapsed, peak }
}

fn full_size() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("DECANT_FULL_SIZE").is_some()
}

/// How much more CPU time than on a quiet machine a busy one may take: another
/// process on the same core shares its caches (measured here: up to a third
/// more with two builds running).
const BUSY_MACHINE: f64 = 1.5;

/// `release` seconds in an optimized build on a quiet machine, with room for a
/// busy one; unoptimized code is ~8x slower. The bounds catch work that grows
/// faster than the input (quadratic work would take hours at these sizes);
/// speed itself is measured by the bench.
fn bound(release_secs: f64) -> Duration {
    let secs = release_secs * BUSY_MACHINE;
    Duration::from_secs_f64(if cfg!(debug_assertions) { secs * 8.0 } else { secs })
}

fn report(what: &str, input: usize, m: &Measured<impl Sized>) {
    if std::env::var_os("DECANT_REPORT").is_some() {
        eprintln!(
            "{what}: input {:.1} MB, {:.2} s, peak {:.1} MB ({:.2}x input)",
            input as f64 / 1e6,
            m.elapsed.as_secs_f64(),
            m.peak as f64 / 1e6,
            m.peak as f64 / input.max(1) as f64
        );
    }
}

/// Runs `extract` on `input` under a time bound; returns the measurement.
fn run(what: &str, input: &[u8], options: &Options, release_secs: f64) -> Measured<Result<decant::Article, Error>> {
    let m = measure(|| decant::extract(input, options));
    report(what, input.len(), &m);
    assert!(m.elapsed < bound(release_secs), "{what}: took {:?}", m.elapsed);
    m
}

fn opts() -> Options {
    Options::new().with_url("https://news.example/a/page.html").unwrap()
}

// ---------------------------------------------------------------------------
// Inputs, generated here (no big files in the repository)

/// A deterministic generator (no `rand` dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const WORDS: &[&str] = &[
    "the", "harbour", "council", "voted", "to", "rebuild", "old", "sea", "wall", "after", "winter", "storms",
    "fishing", "fleet", "engineers", "say", "work", "will", "take", "summer", "and", "cost", "shared", "town",
];

/// A news page of about `bytes` bytes, built like real ones: navigation,
/// an article of long paragraphs (with classes, inline links and markup),
/// ad slots with scripts, teaser cards with images, and comments. Its text
/// is about a third of its bytes (real pages: a tenth at the median of the
/// test corpora, three fifths at the 90th percentile).
fn news_page(bytes: usize) -> String {
    let mut rng = Rng(42);
    let mut s = String::with_capacity(bytes + 8192);
    s.push_str("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>A long report - Example News</title>");
    s.push_str("<link rel=stylesheet href=/static/site.css><script src=/static/app.js defer></script></head><body class=\"page page-article\">");
    s.push_str("<header class=site-header><nav class=main-nav><ul>");
    for i in 0..40 {
        s.push_str(&format!("<li class=nav-item><a class=nav-link href=\"/section/{i}\">Section {i}</a></li>"));
    }
    s.push_str("</ul></nav></header><main id=content><article class=\"article article--long\" itemscope itemtype=https://schema.org/NewsArticle>");
    s.push_str("<h1 class=article__title itemprop=headline>A long report</h1>\n<div class=article__body itemprop=articleBody>\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str("<div class=\"block block--text\" data-component=text-block><p class=\"article__paragraph paragraph--body\" data-block-type=text>");
        for w in 0..45 {
            if w > 0 {
                s.push(' ');
            }
            if w == 20 {
                s.push_str("<em>");
            }
            s.push_str(WORDS[(rng.next() % WORDS.len() as u64) as usize]);
            if w == 22 {
                s.push_str("</em>");
            }
        }
        s.push_str(&format!(", with <a class=\"link link--inline\" data-track=inline-link href=\"/story/{}\">a link</a>, and more.</p></div>\n", rng.next() % 1_000_000));
        if i % 3 == 2 {
            s.push_str("<div class=\"ad-slot ad-slot--inline\" data-ad-unit=article-inline data-ad-sizes=300x250,728x90><script>window.ads=window.ads||[];ads.push({slot:'inline',sizes:[[300,250],[728,90]],targeting:{section:'news',position:");
            s.push_str(&format!("{i}}}}});</script>"));
            // A tracking pixel and its configuration, as ad slots have.
            s.push_str(&format!("<script type=application/json class=ad-config>{{\"slot\":\"inline-{i}\",\"lazy\":true,\"refresh\":30,\"sizes\":[[300,250],[336,280],[728,90],[970,250]],\"targeting\":{{\"section\":\"news\",\"subsection\":\"harbour\",\"keywords\":[\"sea wall\",\"council\",\"storm\",\"fishing\"],\"position\":{i}}},\"consent\":{{\"required\":true,\"vendors\":[1,2,3,5,8,13,21,34,55,89]}}}}</script>"));
            s.push_str("<img class=pixel src=\"https://ads.example/pixel.gif?slot=inline\" width=1 height=1 alt=\"\"></div>\n");
        }
        if i % 10 == 9 {
            s.push_str("<aside class=related><h3>Related</h3><ul class=cards>");
            for c in 0..4 {
                let id = rng.next() % 1_000_000;
                s.push_str(&format!("<li class=card><a class=card__link href=\"/story/{id}\"><img class=card__image src=\"/img/{id}-320.jpg\" srcset=\"/img/{id}-320.jpg 320w, /img/{id}-640.jpg 640w\" sizes=\"(max-width: 600px) 100vw, 320px\" alt=\"\" loading=lazy><span class=card__title>Another story number {c} about the harbour</span></a></li>"));
            }
            s.push_str("</ul></aside>\n");
        }
        i += 1;
    }
    s.push_str("</div></article><section class=comments><h2>Comments</h2>");
    for c in 0..20 {
        s.push_str(&format!("<div class=comment id=comment-{c}><span class=comment__author>Reader {c}</span><p class=comment__text>I agree with this report.</p></div>"));
    }
    s.push_str("</section></main><footer class=site-footer><p>Example News</p></footer></body></html>");
    s
}

/// The worst case for memory: a page that is nothing but its article, so
/// the HTML and the text that come out are each about as big as the page.
fn bare_article_page(bytes: usize) -> String {
    let mut rng = Rng(43);
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>A long report - Example News</title></head><body><article><h1>A long report</h1>\n");
    while s.len() < bytes {
        s.push_str("<p>");
        for w in 0..80 {
            if w > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[(rng.next() % WORDS.len() as u64) as usize]);
        }
        s.push_str(&format!(", with <a href=\"/story/{}\">a link</a>, and more.</p>\n", rng.next() % 1_000_000));
    }
    s.push_str("</article></body></html>");
    s
}

fn article_text() -> String {
    "<p>The harbour council voted on Tuesday to rebuild the old sea wall, which was damaged in the winter storms and has kept the fleet in port, and the work will take most of the summer.</p>".repeat(4)
}

// ---------------------------------------------------------------------------
// Empty, binary, unclosed

#[test]
fn empty_and_blank_input_is_an_error() {
    let _s = serial();
    for input in ["", " ", "\n\t\r\n  ", "\u{FEFF}", "\u{FEFF}  \n"] {
        assert_eq!(decant::extract(input, &opts()), Err(Error::Empty), "{input:?}");
    }
    assert_eq!(decant::extract(&[0xEF, 0xBB, 0xBF][..], &opts()), Err(Error::Empty));
    assert_eq!(decant::Extractor::new(opts()).finish(), Err(Error::Empty));
    assert_eq!(decant::is_probably_readerable("", &opts()), Err(Error::Empty));
    assert_eq!(Error::Empty.code(), "EMPTY");
}

#[test]
fn binary_junk_is_not_html() {
    let _s = serial();
    let mut rng = Rng(7);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".repeat(100);
    let random: Vec<u8> = (0..1 << 20).map(|_| rng.next() as u8).collect();
    let elf = [&b"\x7fELF\x02\x01\x01\0"[..], &[0u8; 4096][..]].concat();
    let gzip = [&[0x1f, 0x8b, 0x08, 0][..], &random[..2048]].concat();
    for (what, input) in [("png", &png[..]), ("random", &random[..]), ("elf", &elf[..]), ("gzip", &gzip[..])] {
        let m = run(what, input, &opts(), 1.0);
        match m.result {
            Err(e @ Error::NotHtml(_)) => assert_eq!(e.code(), "NOT_HTML"),
            other => panic!("{what}: {other:?}"),
        }
    }
    // Text without a single tag is not HTML either.
    assert!(matches!(decant::extract("just some words, no markup at all", &opts()), Err(Error::NotHtml(_))));
    // Random bytes without NULs or control characters: decoded as
    // windows-1252 text, never a panic; the result is an error or an article.
    let printable: Vec<u8> = (0..1 << 20).map(|_| 0x20 + (rng.next() % 0xE0) as u8).collect();
    let m = run("printable junk", &printable, &opts(), 2.0);
    assert!(matches!(m.result, Ok(_) | Err(Error::NotHtml(_))), "{:?}", m.result.err());
    // Binary junk after a real page start is judged on its first kilobyte.
    let mut tail = news_page(4096).into_bytes();
    tail.extend_from_slice(&random[..1 << 16]);
    assert!(run("page then junk", &tail, &opts(), 2.0).result.is_ok());
}

#[test]
fn unclosed_everything_gives_a_sane_result() {
    let _s = serial();
    let body = article_text();
    let unclosed = [
        "<div><section><p>",
        "<table><tr><td><ul><li><dl><dt><dd><a href=/x><b><i><span><font><em>",
        "<blockquote><pre><code>",
        "<h2>heading",
        "<!-- unclosed comment",
        "<![CDATA[ unclosed",
        "<script>var x = 1;",
        "<style>p { color: red }",
        "<textarea>",
        "<title>",
        "<noscript>",
        "<template>",
        "<svg><g><text>",
        "<math><mi>",
        "<select><option>",
        "<iframe>",
        "<xmp>",
        "<plaintext>",
        "<a href=\"unclosed quote",
        "<img src='x' alt=\"unclosed",
        "<div class=",
        "<",
        "</",
        "<!",
        "<!DOCTYPE",
        "&#x",
        "&amp",
    ];
    for tail in unclosed {
        // The tail at the end (nothing after it to swallow), and in the middle.
        for page in [format!("<html><head><title>T</title></head><body><article>{body}{tail}"), format!("<body><article>{body}{tail}{body}")] {
            let m = run(tail, page.as_bytes(), &opts(), 1.0);
            let article = m.result.unwrap_or_else(|e| panic!("{tail}: {e}"));
            let text = article.text_content.unwrap_or_default();
            assert!(text.contains("The harbour council voted"), "{tail}: {text:?}");
        }
    }
    // Everything at once.
    let all: String = unclosed.concat();
    let page = format!("<body><article>{body}{}", all.repeat(200));
    assert!(run("all unclosed", page.as_bytes(), &opts(), 2.0).result.is_ok());
    // Each one many times over: a sane result, or the time budget's error.
    let reps = if full_size() { 20_000 } else { 2_000 };
    for tail in unclosed {
        let page = format!("<body><article>{body}{}", format!("{tail}x").repeat(reps));
        let m = run(tail, page.as_bytes(), &opts().with_time_budget_ms(2_000), 3.0);
        assert!(matches!(m.result, Ok(_) | Err(Error::Timeout { .. })), "{tail}: {:?}", m.result.err());
    }
}

// ---------------------------------------------------------------------------
// Size

#[test]
fn a_50_mb_page_is_extracted_in_bounded_time_and_memory() {
    let _s = serial();
    let size = if full_size() { 50_000_000 } else { 5_000_000 };
    let page = news_page(size);
    let m = run("50 MB page", page.as_bytes(), &opts(), 15.0);
    let article = m.result.expect("extracts");
    // The whole article is extracted: its text is about a third of the page.
    assert!(article.length > size / 4, "only {} chars of text", article.length);
    assert!((m.peak as f64) < MAX_PEAK_RATIO * page.len() as f64, "peak {} for {} bytes", m.peak, page.len());
}

/// Peak memory over input size, at most (measured: 3.1x-3.6x).
const MAX_PEAK_RATIO: f64 = 4.0;

#[test]
fn peak_memory_is_bounded_by_the_input() {
    let _s = serial();
    let size = if full_size() { 20_000_000 } else { 2_000_000 };
    let page = news_page(size);
    let m = run("20 MB news page", page.as_bytes(), &opts(), 6.0);
    let article = m.result.expect("extracts");
    let share = article.length as f64 / page.len() as f64;
    assert!((0.25..0.45).contains(&share), "text is {share:.2} of the page");
    let ratio = m.peak as f64 / page.len() as f64;
    eprintln!("peak memory: {:.1} MB for a {:.1} MB news page ({ratio:.2}x; text {share:.2} of the page)", m.peak as f64 / 1e6, page.len() as f64 / 1e6);
    // The performance issue's target is 3x. Pages with many elements per
    // byte are above it: the selection keeps ~200 bytes of scoring tables
    // per element (see SECURITY.md). This guards against regressions.
    assert!(ratio < MAX_PEAK_RATIO, "peak {ratio:.2}x the input");
    // The same through the streaming API in 64 KiB chunks.
    let m = measure(|| {
        let mut x = decant::Extractor::new(opts());
        for chunk in page.as_bytes().chunks(1 << 16) {
            x.write(chunk).unwrap();
        }
        x.finish()
    });
    report("20 MB news page, streamed", page.len(), &m);
    assert!(m.result.is_ok());
    let ratio = m.peak as f64 / page.len() as f64;
    eprintln!("peak memory, streamed: {ratio:.2}x");
    assert!(ratio < MAX_PEAK_RATIO, "streamed: peak {ratio:.2}x");
}

/// A page that is all article: the page, its HTML and its text must exist
/// at once (about 3x), plus the element tables.
#[test]
fn peak_memory_of_a_bare_article_page() {
    let _s = serial();
    let size = if full_size() { 20_000_000 } else { 2_000_000 };
    let page = bare_article_page(size);
    let m = run("20 MB bare article", page.as_bytes(), &opts(), 6.0);
    let article = m.result.expect("extracts");
    let (content, text) = (article.content.unwrap().len(), article.text_content.unwrap().len());
    let ratio = m.peak as f64 / page.len() as f64;
    eprintln!(
        "peak memory: {ratio:.2}x for a bare article page (of which output: HTML {:.2}x, text {:.2}x)",
        content as f64 / page.len() as f64,
        text as f64 / page.len() as f64
    );
    assert!(ratio < MAX_PEAK_RATIO, "peak {ratio:.2}x the input");
}

#[test]
fn deep_nesting_is_bounded() {
    let _s = serial();
    let text = article_text();
    for (open, close) in [("<div>", "</div>"), ("<span>", "</span>"), ("<blockquote>", ""), ("<ul><li>", ""), ("<table><tr><td>", ""), ("<a href=/x>", ""), ("<svg><g>", ""), ("<b><i>", "")] {
        let depth = 100_000;
        let page = format!("<html><body>{}{text}{}</body></html>", open.repeat(depth), close.repeat(depth));
        let m = run(open, page.as_bytes(), &opts(), 3.0);
        assert!(m.result.is_ok(), "{open}: {:?}", m.result.err());
        let elements = depth * open.matches('<').count();
        assert!(m.peak < BYTES_PER_ELEMENT * elements + 4 * page.len(), "{open}: peak {} for {elements} elements", m.peak);
    }
    // The text at the bottom of a 100k-deep stack of divs is still found.
    let page = format!("<body>{}{text}", "<div>".repeat(100_000));
    let article = decant::extract(&page, &opts()).unwrap();
    assert!(article.text_content.unwrap().contains("The harbour council voted"));
}

#[test]
fn a_10_mb_attribute_is_bounded() {
    let _s = serial();
    let big = "j".repeat(10_000_000);
    let text = article_text();
    for (what, tag) in [
        ("href", format!("<a href=\"{big}\">link</a>")),
        ("src", format!("<img src=\"https://img.example/{big}.jpg\">")),
        ("data-src", format!("<img data-src=\"{big}.jpg\" class=lazy>")),
        ("srcset", format!("<img srcset=\"{}\">", "a.jpg 1x, ".repeat(1_000_000))),
        ("class", format!("<p class=\"{}\">x</p>", "a ".repeat(5_000_000))),
        ("style", format!("<p style=\"{big}\">x</p>")),
        ("title", format!("<abbr title=\"{big}\">x</abbr>")),
        ("unquoted", format!("<p id={big}>x</p>")),
        ("name", format!("<p {big}=1>x</p>")),
        ("meta", format!("<meta property=og:image content=\"https://img.example/{big}\">")),
        ("entities", format!("<p title=\"{}\">x</p>", "&amp;".repeat(2_000_000))),
    ] {
        let page = format!("<html><head><title>T</title></head><body><article>{text}{tag}{text}</article></body></html>");
        let m = run(what, page.as_bytes(), &opts(), 3.0);
        let article = m.result.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(article.text_content.unwrap_or_default().contains("The harbour council voted"), "{what}");
        assert!(m.peak < 8 * page.len(), "{what}: peak {:.1}x", m.peak as f64 / page.len() as f64);
    }
}

/// What decant keeps per element, at most: the element table, the scoring
/// tables of the selection, the plan of the output (measured: 200-380).
const BYTES_PER_ELEMENT: usize = 450;

#[test]
fn millions_of_tiny_elements_are_bounded() {
    let _s = serial();
    let n = if full_size() { 1_900_000 } else { 190_000 };
    for (what, tiny) in [("<b>", "<b>x</b>"), ("<p>", "<p>x</p>"), ("<span>", "<span></span>"), ("<br>", "<br>"), ("<li>", "<li>x")] {
        let page = format!("<html><body><article>{}{}</article></body></html>", article_text(), tiny.repeat(n));
        let m = run(what, page.as_bytes(), &opts().with_time_budget_ms(0), 8.0);
        assert!(m.result.is_ok(), "{what}: {:?}", m.result.err());
        assert!(m.peak < BYTES_PER_ELEMENT * n + 4 * page.len(), "{what}: peak {} for {n} elements", m.peak);
        if std::env::var_os("DECANT_REPORT").is_some() {
            eprintln!("{what}: {} bytes per element", m.peak / n);
        }
    }
}

// ---------------------------------------------------------------------------
// Limits

#[test]
fn going_over_the_input_limit_is_too_large() {
    let _s = serial();
    let page = news_page(100_000);
    let options = opts().with_max_input_bytes(50_000);
    let e = decant::extract(&page, &options).unwrap_err();
    assert_eq!(e, Error::TooLarge { limit: 50_000 });
    assert_eq!(e.code(), "TOO_LARGE");
    assert!(decant::extract(&page, &opts().with_max_input_bytes(page.len())).is_ok(), "the limit itself is allowed");
    // Streaming fails at the chunk that crosses the limit, without keeping
    // what comes after, and stays failed.
    let mut x = decant::Extractor::new(options);
    let mut failed_at = None;
    for (i, chunk) in page.as_bytes().chunks(10_000).enumerate() {
        if let Err(e) = x.write(chunk) {
            assert_eq!(e, Error::TooLarge { limit: 50_000 });
            failed_at.get_or_insert(i);
        }
    }
    assert_eq!(failed_at, Some(5));
    assert_eq!(x.finish(), Err(Error::TooLarge { limit: 50_000 }));
    // The default limit is 64 MiB.
    assert_eq!(Options::new().max_input_bytes(), 64 << 20);
    let m = measure(|| {
        let mut x = decant::Extractor::new(opts().with_max_input_bytes(1 << 20));
        let chunk = vec![b'a'; 1 << 16];
        (0..1000).map(|_| x.write(&chunk)).find(|r| r.is_err())
    });
    assert!(matches!(m.result, Some(Err(Error::TooLarge { .. }))));
    assert!(m.peak < 8 << 20, "memory grew past the limit: {}", m.peak);
}

#[test]
fn going_over_the_element_limit_is_too_many_elements() {
    let _s = serial();
    let page = format!("<body><article>{}{}</article></body>", article_text(), "<b>x</b>".repeat(10_000));
    let e = decant::extract(&page, &opts().with_max_elements(5_000)).unwrap_err();
    assert_eq!(e, Error::TooManyElements { limit: 5_000 });
    assert_eq!(e.code(), "TOO_MANY_ELEMENTS");
    assert!(decant::extract(&page, &opts().with_max_elements(20_000)).is_ok());
    assert!(matches!(decant::is_probably_readerable(&page, &opts().with_max_elements(5_000)), Err(Error::TooManyElements { .. })));
    assert_eq!(Options::new().max_elements(), 2_000_000);
    // Past the default: an error, fast, before the tables grow further.
    let n = if full_size() { 2_100_000 } else { 210_000 };
    let limit = if full_size() { 2_000_000 } else { 200_000 };
    let page = format!("<body>{}", "<i></i>".repeat(n));
    let m = run("too many elements", page.as_bytes(), &opts().with_max_elements(limit), 4.0);
    assert_eq!(m.result.unwrap_err(), Error::TooManyElements { limit });
}

static TICKS: AtomicUsize = AtomicUsize::new(0);
/// A clock that advances one second each time it is read.
fn fast_clock() -> f64 {
    TICKS.fetch_add(1, Relaxed) as f64 * 1000.0
}

#[test]
fn going_over_the_time_budget_is_a_timeout() {
    let _s = serial();
    let page = news_page(200_000);
    // The budget is checked while scanning and between the later phases.
    let e = decant::extract(&page, &opts().with_clock(fast_clock).with_time_budget_ms(1_500)).unwrap_err();
    assert_eq!(e, Error::Timeout { budget_ms: 1_500 });
    assert_eq!(e.code(), "TIMEOUT");
    // A budget of 0 disables it, whatever the clock says.
    assert!(decant::extract(&page, &opts().with_clock(fast_clock).with_time_budget_ms(0)).is_ok());
    assert_eq!(Options::new().time_budget_ms(), 10_000);
    // With the real clock, a tiny budget stops a big page early.
    let big = news_page(if full_size() { 20_000_000 } else { 2_000_000 });
    let m = run("1 ms budget", big.as_bytes(), &opts().with_time_budget_ms(1), 1.0);
    assert_eq!(m.result.unwrap_err(), Error::Timeout { budget_ms: 1 });
}

#[test]
fn invalid_options_are_errors() {
    let _s = serial();
    for url in ["", "not a url", "/relative/path", "mailto:x@y.example", "javascript:alert(1)", "http://"] {
        let e = Options::new().with_url(url).unwrap_err();
        assert!(matches!(e, Error::InvalidOption(_)), "{url}: {e:?}");
        assert_eq!(e.code(), "INVALID_OPTION");
    }
    for label in ["", "no-such-encoding", "utf-9"] {
        assert!(matches!(Options::new().with_encoding(label), Err(Error::InvalidOption(_))), "{label}");
    }
    // Every error has a distinct code and a message.
    let all = [
        Error::Empty,
        Error::NotHtml("x".into()),
        Error::TooLarge { limit: 1 },
        Error::TooManyElements { limit: 1 },
        Error::Timeout { budget_ms: 1 },
        Error::InvalidOption("x".into()),
        Error::Internal("x".into()),
    ];
    let codes: std::collections::HashSet<_> = all.iter().map(Error::code).collect();
    assert_eq!(codes.len(), all.len());
    assert!(all.iter().all(|e| !e.to_string().is_empty()));
}
