//! The article page that XSS vectors are embedded in, and the vectors.
//!
//! This file has no dependencies beyond `serde` (a dependency of decant
//! itself on every target), so the WebAssembly test can include it as is:
//!
//! ```ignore
//! #[path = "common/page.rs"]
//! mod page;
//! // page::VECTORS_JSON holds the vectors; parse it with JSON.parse +
//! // serde_wasm_bindgen, or serde_json on native.
//! ```
//!
//! `tests/xss/vectors.json` stays the single source of vectors: it is
//! compiled in with `include_str!`, so no file system is needed at run time.
//!
//! A vector goes into an otherwise ordinary news page, inside the article
//! body, either between two real paragraphs ([`Placement::Between`]) or in
//! the middle of one ([`Placement::Inline`]). The paragraphs around it carry
//! marker words ([`BEFORE_MARKER`], [`AFTER_MARKER`], [`INLINE_MARKER`]) so
//! a test can check that the text around the vector was extracted — which
//! proves the vector itself went through decant's cleaning pass rather than
//! being thrown away with some sidebar.

#![allow(dead_code)] // each test binary uses only part of this module

/// `tests/xss/vectors.json`, compiled in.
pub const VECTORS_JSON: &str = include_str!("../xss/vectors.json");

/// The URL the page is extracted with (relative links resolve against it).
pub const PAGE_URL: &str = "https://news.example/2024/05/harbour-report.html";

/// The title of the page, as decant should report it.
pub const TITLE: &str = "Harbour town rebuilds its old sea wall";

/// Words in the paragraph right before the vector (`Between`).
pub const BEFORE_MARKER: &str = "Quillfeather";
/// Words in the paragraph right after the vector (`Between`).
pub const AFTER_MARKER: &str = "Brackenridge";
/// Words at the start of the paragraph that holds the vector (`Inline`).
pub const INLINE_MARKER: &str = "Marrowstone";

/// One entry of `vectors.json`.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Vector {
    pub name: String,
    pub category: String,
    pub attack: bool,
    pub html: String,
    #[serde(default)]
    pub expect_text: Option<String>,
}

/// Where in the article the vector goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// As a block of its own between two paragraphs.
    Between,
    /// In the middle of a paragraph, after some words.
    Inline,
}

pub const PLACEMENTS: [Placement; 2] = [Placement::Between, Placement::Inline];

impl Placement {
    /// The marker of the text right before the vector, which must always be
    /// extracted, and of the paragraph right after it, which must be
    /// extracted whenever a browser shows it (an unclosed `<script>` or
    /// comment swallows it in a browser too).
    pub fn markers(self) -> (&'static str, &'static str) {
        match self {
            Placement::Between => (BEFORE_MARKER, AFTER_MARKER),
            Placement::Inline => (INLINE_MARKER, BEFORE_MARKER),
        }
    }
}

const PARAGRAPHS: [&str; 6] = [
    "The council of the small harbour town voted on Tuesday to rebuild the old sea wall, \
     which was damaged in the winter storms and has kept the fishing fleet in port for weeks. \
     Engineers say the work will take most of the summer, and the cost will be shared between \
     the town, the county and a national fund for coastal defence.",
    "Residents who live along the front have waited a long time for the decision. Many of them \
     remember the flood of the last great storm, when the water came over the wall and into \
     the houses, and they have asked for a higher wall with a wider walkway on top, so that \
     people can still walk along the sea in the evening.",
    "Quillfeather, the oldest boat builder in town, said the fleet had lost a whole season of \
     fishing already. He hopes the work on the harbour side of the wall will be finished first, \
     so that the boats can go out again before the autumn, when the prices for fish are usually \
     at their highest and the weather is still calm enough.",
    "Brackenridge, who chairs the harbour committee, said the plan had been changed twice after \
     public meetings. The new wall will be built from local stone where possible, the old steps \
     down to the beach will be kept, and there will be more lights along the walkway, which many \
     older residents had asked for during the consultation.",
    "The county engineer explained that the foundations of the old wall are in better condition \
     than feared. Divers inspected them in the spring and found that most of the damage is in \
     the upper part, which makes the work cheaper and faster than a complete rebuild would have \
     been, and allows the road behind the wall to stay open.",
    "Work is due to start next month. The council will publish a timetable, and the harbour \
     office will keep a list of the days when the slipway is closed, so that the owners of \
     small boats can plan their trips. A public meeting on the progress of the work is planned \
     for the end of the summer, in the hall next to the church.",
];

/// The vector's page: `fragment` embedded in an ordinary article page.
pub fn article_page(fragment: &str, placement: Placement) -> String {
    let mut body = String::new();
    for (i, p) in PARAGRAPHS.iter().enumerate() {
        match (placement, i) {
            (Placement::Between, 3) => {
                body.push_str("\n");
                body.push_str(fragment);
                body.push_str("\n");
                push_paragraph(&mut body, p);
            }
            (Placement::Inline, 2) => {
                body.push_str("<p>Marrowstone, a fisherman, summed up the mood in town: ");
                body.push_str(fragment);
                body.push_str(" Everyone wants the wall finished before the next storm season.</p>\n");
                push_paragraph(&mut body, p);
            }
            _ => push_paragraph(&mut body, p),
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE} - Coast Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Coast Courier">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site-header"><a href="/" class="logo">Coast Courier</a>
<nav class="menu"><ul><li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></nav>
</header>
<main>
<article class="post">
<h1>{TITLE}</h1>
<p class="byline">By <a href="/authors/jane-doe" rel="author">Jane Doe</a></p>
<div class="entry-content">
{body}</div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/news/ferry-timetable">New ferry timetable</a></li><li><a href="/news/lifeboat-day">Lifeboat day</a></li></ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2024 Coast Courier. <a href="/contact">Contact</a></p></footer>
</body>
</html>
"#
    )
}

fn push_paragraph(out: &mut String, text: &str) {
    out.push_str("<p>");
    out.push_str(text);
    out.push_str("</p>\n");
}
