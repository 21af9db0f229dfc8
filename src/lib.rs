//! decant: reader mode for any article page.
//!
//! A page's HTML goes in; out come the article — title, byline, date, site,
//! language, lead image, clean and safe body HTML, plain text — and its
//! teasers, the cards that point to other articles.
//!
//! ```
//! let html = r#"<html><head><title>A day at the sea - Example News</title></head>
//! <body><nav><a href="/">Home</a></nav><article><h1>A day at the sea</h1>
//! <p>The morning was bright, and the water was calm, so we set out early.</p>
//! </article></body></html>"#;
//! let options = decant::Options::new().with_url("https://news.example/sea").unwrap();
//! let article = decant::extract(html, &options).unwrap();
//! assert_eq!(article.title.as_deref(), Some("A day at the sea"));
//! assert!(article.text_content.unwrap().starts_with("The morning was bright"));
//! ```
//!
//! # The pipeline
//! Every module is one step, in this order:
//! 1. `decode` — bytes to UTF-8 (byte order mark, UTF-8 validity, `<meta charset>`);
//! 2. `scan` — pass 1 with lol_html: the element table (`dom`), built with
//!    the HTML standard's implied end tags (`tree`), its text read from
//!    between the tokens (`gaps`), and the raw metadata;
//! 3. `meta` — title, byline, date, site name, lead image (JSON-LD via `json`);
//! 4. `select` — Readability's scoring (`score`) and retry ladder: the article,
//!    then `clutter` — what a reader did not come for inside it;
//! 5. `teasers` — blocks of cards linking to other articles; `listing` —
//!    pages that list excerpts (archives, search results) have no article;
//! 6. `clean` — pass 2: the article written from the element table, under
//!    the allow-list of `sanitize`;
//! 7. `assemble` — the [`Article`]; when it is short and the page hides
//!    markup in `<noscript>` or template scripts, `hidden` unwraps it and
//!    the page is read once more.
//!
//! Heuristic word lists and thresholds live in `rules`; tag categories in `tags`.

mod article;
mod assemble;
mod clean;
mod clutter;
mod decode;
mod dom;
mod entities;
mod entities_table;
mod error;
mod gaps;
mod hidden;
mod hints;
mod json;
mod listing;
mod lowercase;
mod meta;
mod options;
mod readerable;
mod rules;
mod sanitize;
mod scan;
mod score;
mod select;
mod sink;
mod stream;
mod tags;
mod teasers;
mod text;
mod tree;
mod url;

/// The JavaScript API (compiled only for wasm32).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{Article, ReadingTime, Teaser};
pub use error::Error;
pub use options::{Clock, DecoderFactory, ExternalDecoder, Options};
pub use stream::Extractor;

/// Extracts the article from a whole page (bytes in any encoding, or a `&str`).
pub fn extract<H: AsRef<[u8]> + ?Sized>(html: &H, options: &Options) -> Result<Article, Error> {
    let mut x = Extractor::new(options.clone());
    x.reserve(html.as_ref().len());
    x.write(html.as_ref())?;
    x.finish()
}

/// Readability's `isProbablyReaderable`: does the page look like it holds an
/// article? Cheaper than [`extract`]; it only scans.
pub fn is_probably_readerable<H: AsRef<[u8]> + ?Sized>(html: &H, options: &Options) -> Result<bool, Error> {
    let mut x = Extractor::new(options.clone());
    x.reserve(html.as_ref().len());
    x.write(html.as_ref())?;
    x.finish_readerable()
}
