//! Pages that are not articles: home pages, category archives, search
//! results. Their best candidate is a list of excerpts, each under a
//! headline that links to the article it comes from. Such a page has no
//! article to return (`content` is null); its cards are its teasers.
//!
//! The test is conservative: several linked headlines inside the chosen
//! content, each pointing to another page of the same site, and little
//! text per headline, as excerpts have and article sections do not.

use crate::dom::{tflag, Document};
use crate::rules::{hint, listing as L};
use crate::sanitize::Links;
use crate::tags::Tag;
use crate::url::Url;

/// Is the chosen content a list of excerpts? `in_article` tells the
/// elements of its pieces, before cleaning (which strips the headers that
/// archive entries put their headlines in); `kept` tells the text nodes of
/// the clean article.
pub(crate) fn is_listing(doc: &Document, links: &Links, page_url: Option<&str>, in_article: &dyn Fn(u32) -> bool, kept: &[bool]) -> bool {
    // The page's URL, and its site (once, not per headline).
    let page = page_url.and_then(Url::parse).map(|u| {
        let site = crate::teasers::site_key(u.host());
        (u, site)
    });
    let mut headlines: Vec<u32> = Vec::new();
    let mut n = 0u32;
    while (n as usize) < doc.len() {
        let node = doc.node(n);
        if node.tag.is_heading() && in_article(n) {
            if !in_link_block(doc, n) && is_linked_headline(doc, links, page.as_ref(), n) {
                headlines.push(n);
            }
            n = node.end.max(n + 1);
            continue;
        }
        n += 1;
    }
    if headlines.len() < L::MIN_HEADLINES {
        return false;
    }
    let kept_chars = |a: u32, b: u32| -> usize {
        (a..b).filter(|&t| kept.get(t as usize).copied().unwrap_or(false)).map(|t| doc.texts[t as usize].chars as usize).sum()
    };
    let total = kept_chars(0, doc.texts.len() as u32);
    // Each headline's entry: its largest ancestor holding no other
    // headline. An excerpt is short; a longer entry is an article.
    let mut entries = 0;
    let mut in_entries = 0;
    for (i, &h) in headlines.iter().enumerate() {
        let prev = if i > 0 { headlines[i - 1] } else { 0 };
        let next = headlines.get(i + 1).copied().unwrap_or(u32::MAX);
        let mut entry = h;
        for a in doc.ancestors(h).take(L::ENTRY_LEVELS) {
            let node = doc.node(a);
            if !in_article(a) || (i > 0 && a <= prev) || node.end > next {
                break;
            }
            entry = a;
        }
        let node = doc.node(entry);
        let chars = kept_chars(node.text_start, node.text_end);
        if chars <= L::MAX_ENTRY_CHARS {
            entries += 1;
            in_entries += chars;
        }
    }
    entries >= L::MIN_HEADLINES && in_entries as f64 >= total as f64 * L::ENTRIES_SHARE && total < headlines.len() * L::MAX_CHARS_PER_HEADLINE
}

/// Is heading `n` in a block named for links elsewhere (navigation,
/// comments, footer, ads)? Those list other pages on article pages too.
/// (Related-post cards count: on an article page they are not kept text,
/// so their entries hold none of the article.)
fn in_link_block(doc: &Document, n: u32) -> bool {
    let named = hint::NAVIGATION | hint::COMMENTS | hint::FOOTER | hint::AD;
    doc.ancestors(n).take(L::BLOCK_LEVELS).any(|a| doc.node(a).hints() & named != 0 || matches!(doc.tag(a), Tag::Nav | Tag::Aside | Tag::Footer))
}

/// A heading whose text is a link to another page of the same site.
fn is_linked_headline(doc: &Document, links: &Links, page: Option<&(Url, String)>, h: u32) -> bool {
    let node = doc.node(h);
    let texts = &doc.texts[node.text_start as usize..node.text_end as usize];
    let all: u32 = texts.iter().filter(|t| t.flags & tflag::NON_CONTENT == 0).map(|t| t.chars).sum();
    let linked: u32 = texts.iter().filter(|t| t.flags & tflag::NON_CONTENT == 0 && t.flags & tflag::IN_LINK != 0).map(|t| t.chars).sum();
    if all == 0 || (linked as f64) < all as f64 * L::HEADLINE_LINK_SHARE {
        return false;
    }
    // The link is inside the heading, or the heading inside the link.
    let inside = (h + 1..node.end).find(|&d| doc.tag(d) == Tag::A);
    let around = doc.ancestors(h).take(L::LINK_LEVELS).find(|&a| doc.tag(a) == Tag::A);
    let Some(href) = inside.or(around).and_then(|a| doc.href(a)).and_then(|raw| links.href(raw)) else { return false };
    if href.starts_with('#') {
        return false;
    }
    match (page, Url::parse(&href)) {
        (Some((page, site)), Some(target)) => crate::teasers::site_key(target.host()) == *site && target.path() != page.path(),
        (None, None) => true,
        (None, Some(_)) => true,
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    fn listing(html: &str) -> bool {
        let s = scan(html);
        let links = Links::new(Some("https://blog.example/category/garden/"), None);
        let kept = vec![true; s.doc.texts.len()];
        is_listing(&s.doc, &links, Some("https://blog.example/category/garden/"), &|_| true, &kept)
    }

    #[test]
    fn headlines_in_navigation_do_not_make_a_listing() {
        let body = "<p>The article itself, a few sentences long, with some details in it.</p>";
        let entry = |i: usize| format!("<h3><a href=/other-{i}/>Headline number {i} of the site</a></h3>");
        let entries: String = (0..8).map(entry).collect();
        assert!(!listing(&format!("<article>{body}</article><nav>{entries}</nav>")));
        assert!(listing(&format!("<article>{body}</article><div>{entries}</div>")), "the same headlines outside navigation");
    }

    #[test]
    fn a_list_of_excerpts_is_not_an_article() {
        let entry = |i: usize| format!("<article><h2><a href=/post-{i}/>Post number {i} about the garden</a></h2><p>An excerpt of the post, a few lines long, then it stops […]</p></article>");
        let page: String = (0..6).map(entry).collect();
        assert!(listing(&page));
        // The same site under its www. name.
        assert!(listing(&page.replace("href=/post-", "href=https://www.blog.example/post-")));
    }

    #[test]
    fn a_home_page_of_teaser_cards_is_not_an_article() {
        let card = |i: usize| format!("<article class=teaser><a class=teaser__link href=/news/story-{i}.html><img src=/i{i}.jpg><h3>Story number {i} in the news today</h3></a><p>One sentence of summary for story {i}.</p></article>");
        let page = format!("<main><section><h2>Top</h2><div class=teaser-grid>{}</div></section></main>", (0..8).map(card).collect::<String>());
        assert!(listing(&page));
    }

    #[test]
    fn an_article_with_a_read_also_headline_and_cards_is_an_article() {
        let long = "A long paragraph of the article, with sentences and details that go on. ".repeat(20);
        let cards: String = (0..4).map(|i| format!("<div class=card><h5><a href=/other-{i}>Another story {i}</a></h5></div>")).collect();
        assert!(!listing(&format!("<div class=body><p>{long}</p><h6><a href=/x>Read: one more story</a></h6><p>{long}</p></div>{cards}")));
    }

    #[test]
    fn articles_with_linked_or_external_headings_are_articles() {
        let long = "A long section of the article, with sentences and details that go on. ".repeat(12);
        let section = |i: usize| format!("<h2><a href=/guide-{i}/>Part {i}</a></h2><p>{long}</p>");
        assert!(!listing(&(0..4).map(section).collect::<String>()));
        let product = |i: usize| format!("<h2><a href=https://shop.example/p{i}>Product {i}</a></h2><p>Short note.</p>");
        assert!(!listing(&(0..6).map(product).collect::<String>()));
        let toc = |i: usize| format!("<h2><a href=#s{i}>Section {i}</a></h2><p>Short.</p>");
        assert!(!listing(&(0..6).map(toc).collect::<String>()));
    }
}
