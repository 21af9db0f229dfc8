//! The pipeline after the scan, and the `Article` it ends in.

use crate::article::{Article, Teaser};
use crate::clean::{self, Plan};
use crate::dom::{flag, Document, NONE};
use crate::meta::RawMeta;
use crate::options::{Deadline, Options};
use crate::sanitize::Links;
use crate::scan::Scan;
use crate::select::{self, Item, Selection};
use crate::tags::Tag;
use crate::{listing, meta, rules, sanitize, teasers, text, Error};

/// Selects, cleans and assembles the article of a scanned page.
pub(crate) fn article(scan: &Scan, options: &Options, deadline: Deadline) -> Result<Article, Error> {
    let Scan { doc, meta: raw } = scan;
    let metadata = meta::resolve(&raw, &doc);
    let links = Links::new(options.url(), raw.base_href.as_deref());
    let title = metadata.title.clone().unwrap_or_default();
    let selection = select::select(&doc, &title, metadata.byline.is_some(), options.char_threshold());
    deadline.check()?;
    let pieces = selection.as_ref().map_or_else(|| vec![false; doc.len()], |s| piece_mask(&doc, s));
    let in_article = selection.as_ref().map_or_else(|| vec![false; doc.len()], |s| article_mask(&doc, s, &pieces));
    let aliases: Vec<&str> = raw.canonical.as_deref().into_iter().chain(og_url(&raw)).collect();
    let page = teasers::Page { url: options.url(), aliases: &aliases, in_article: &in_article };
    let found = teasers::find(&doc, &links, &page, deadline)?;
    let teasers: Vec<Teaser> = dedupe(found.found);

    let mut article = Article {
        title: metadata.title,
        byline: metadata.byline,
        site_name: metadata.site_name,
        lang: raw.html_lang.clone(),
        published_time: metadata.published_time,
        excerpt: metadata.excerpt,
        lead_image: metadata.lead_image.as_deref().and_then(|u| links.image(u)),
        teasers,
        ..Article::default()
    };
    article.lead_image_caption = article.lead_image.as_deref().and_then(|u| lead_caption(&doc, &links, u));
    let Some(sel) = selection else { return Ok(article) };
    let blocks: Vec<u32> = found.blocks.iter().copied().filter(|&b| !holds_the_article(&doc, &sel, &in_article, b)).collect();
    let plan = Plan::new(&doc, &sel, &blocks);
    deadline.check()?;
    let content = clean::rewrite(&doc, &plan, &links);
    let text = plan.plain_text(&doc);
    if text.trim().is_empty() && !content.contains("<img") {
        return Ok(article);
    }
    let in_pieces = |n: u32| pieces[n as usize];
    if listing::is_listing(&doc, &links, options.url(), &in_pieces, &plan.keep_text) {
        return Ok(article);
    }
    if article.byline.is_none() {
        article.byline = sel.byline.clone().filter(|b| !b.is_empty());
    }
    if article.excerpt.is_none() {
        article.excerpt = plan.first_paragraph(&doc);
    }
    if article.lead_image.is_none() {
        article.lead_image = plan.first_image(&doc).and_then(|n| doc.media(n)).and_then(|m| {
            m.src.as_deref().and_then(|s| links.image(s)).or_else(|| m.srcset.as_deref().and_then(|s| links.srcset(s)).map(|s| s.split(' ').next().unwrap_or("").to_string()))
        });
        article.lead_image_caption = article.lead_image.as_deref().and_then(|u| lead_caption(&doc, &links, u));
    }
    article.dir = direction(&doc, &sel);
    article.length = text.chars().count();
    article.word_count = text::word_count(&text);
    article.reading_time = text::reading_time(article.word_count);
    article.content = Some(content);
    article.text_content = Some(text);
    Ok(article)
}

/// The caption of the lead image: the `<figcaption>` of the figure that
/// shows it on the page (the same file, whatever size parameters).
fn lead_caption(doc: &Document, links: &Links, lead: &str) -> Option<String> {
    let file = |url: &str| url.split(['?', '#']).next().unwrap_or(url).rsplit('/').next().unwrap_or("").to_string();
    let wanted = file(lead);
    if wanted.is_empty() {
        return None;
    }
    let img = doc.media.iter().find(|(n, m)| {
        let node = doc.node(*n);
        let srcset = m.srcset.as_deref().map(sanitize::split_srcset).unwrap_or_default();
        let sources = m.src.as_deref().into_iter().chain(srcset.into_iter().filter_map(|c| c.split_whitespace().next()));
        node.tag == Tag::Img && !node.has(flag::NON_CONTENT | flag::HIDDEN) && sources.filter_map(|u| links.image(u)).any(|u| file(&u) == wanted)
    })?;
    let figure = doc.ancestors(img.0).take(rules::lead::FIGURE_LEVELS).find(|&a| doc.tag(a) == Tag::Figure)?;
    let caption = (figure + 1..doc.node(figure).end).find(|&d| doc.tag(d) == Tag::Figcaption)?;
    Some(doc.text(caption)).filter(|c| !c.is_empty())
}

/// Per element: inside one of the article's pieces (removed or not)?
fn piece_mask(doc: &Document, sel: &Selection) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    for &item in &sel.items {
        let (a, b) = match item {
            Item::Node(i) => (i, doc.node(i).end),
            Item::Para(p) => {
                let para = &sel.paras[p as usize];
                if para.nodes.0 == NONE {
                    continue;
                }
                para.nodes
            }
        };
        mask[a as usize..b as usize].fill(true);
    }
    mask
}

/// Per element: is it part of the selected article body? (Inside a piece,
/// and neither it nor an element around it removed.)
fn article_mask(doc: &Document, sel: &Selection, pieces: &[bool]) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    for n in 0..doc.len() {
        if !pieces[n] || sel.removed[n] {
            continue;
        }
        let parent = doc.nodes[n].parent;
        mask[n] = parent == NONE || !pieces[parent as usize] || mask[parent as usize];
    }
    mask
}

/// The page's `og:url`, another name for it besides the canonical link.
fn og_url(raw: &RawMeta) -> Option<&str> {
    raw.metas.iter().find(|m| m.property.as_deref() == Some("og:url")).map(|m| m.content.as_str())
}

/// Is teaser block `b` (a list of cards) really the article, or most of it
/// (of the text `in_article` keeps)? Then it stays: a page is read for its
/// article, whatever it links to.
fn holds_the_article(doc: &Document, sel: &Selection, in_article: &[bool], b: u32) -> bool {
    let holds_item = sel.items.iter().any(|&item| match item {
        Item::Node(n) => doc.contains(b, n),
        Item::Para(p) => sel.paras[p as usize].parent != NONE && doc.contains(b, sel.paras[p as usize].parent),
    });
    if holds_item || (sel.top != NONE && doc.contains(b, sel.top)) {
        return true;
    }
    let node = doc.node(b);
    let chars: usize = doc.texts[node.text_start as usize..node.text_end as usize]
        .iter()
        .filter(|t| t.owner != NONE && in_article[t.owner as usize])
        .map(|t| t.chars as usize)
        .sum();
    chars as f64 > sel.chars as f64 * rules::teaser::BLOCK_MAX_ARTICLE_SHARE
}

/// Readability: the `dir` of the top candidate's parent, itself, or an ancestor.
fn direction(doc: &Document, sel: &Selection) -> Option<String> {
    if sel.top == NONE {
        return None;
    }
    let parent = doc.parent(sel.top);
    let mut order = Vec::new();
    if parent != NONE {
        order.push(parent);
    }
    order.push(sel.top);
    if parent != NONE {
        order.extend(doc.ancestors(parent));
    }
    order.into_iter().find_map(|n| doc.extra(n).and_then(|e| e.dir.clone()).filter(|d| !d.is_empty()))
}

/// Teasers in page order; the same URL twice in a row (one card) is one.
fn dedupe(found: Vec<teasers::Found>) -> Vec<Teaser> {
    let mut out: Vec<Teaser> = Vec::new();
    for f in found {
        if out.last().is_some_and(|l| l.url == f.url && l.group == f.group) {
            continue;
        }
        out.push(Teaser { title: f.title, url: f.url, summary: f.summary, image: f.image, group: f.group });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;
    use crate::{extract, Options};

    #[test]
    fn a_teaser_block_that_is_the_article_stays() {
        let para = "A sentence of the article, long enough to count, with a comma or two. ".repeat(8);
        let html = format!(
            "<body><div id=wrap><div class=story><p>{para}</p><p>{para}</p><ul class=related><li><a href=/a>One other story title</a></li></ul></div></div></body>"
        );
        let s = scan(&html);
        let sel = select::select(&s.doc, "Title", false, 500).unwrap();
        let find = |tag: Tag| s.doc.nodes.iter().position(|n| n.tag == tag).unwrap() as u32;
        let in_article = article_mask(&s.doc, &sel, &piece_mask(&s.doc, &sel));
        assert!(holds_the_article(&s.doc, &sel, &in_article, find(Tag::Div)));
        assert!(!holds_the_article(&s.doc, &sel, &in_article, find(Tag::Ul)));
    }

    #[test]
    fn a_teaser_block_holding_most_of_the_text_stays_unless_that_text_was_taken_out() {
        let para = "A sentence of the article, long enough to count, with a comma or two. ".repeat(3);
        let card = |i: u32| format!("<li><a href=/s{i}>Other story {i}</a> {}</li>", "A long summary of the other story, with commas, and more words. ".repeat(6));
        let html = format!("<body><div class=story><p>{para}</p><ul>{}</ul></div></body>", (0..4).map(card).collect::<String>());
        let s = scan(&html);
        let sel = select::select(&s.doc, "Title", false, 100).unwrap();
        let ul = s.doc.nodes.iter().position(|n| n.tag == Tag::Ul).unwrap() as u32;
        let mut in_article = article_mask(&s.doc, &sel, &piece_mask(&s.doc, &sel));
        assert!(holds_the_article(&s.doc, &sel, &in_article, ul), "the cards are most of the text");
        // The same cards, taken out of the article (as clutter is): their text no longer counts.
        in_article[ul as usize + 1..s.doc.node(ul).end as usize].fill(false);
        assert!(!holds_the_article(&s.doc, &sel, &in_article, ul));
    }

    fn prose(seed: &str) -> String {
        (0..10).map(|i| format!("<p>The {seed} paragraph number {i} tells the story at length, with details and quotes.</p>")).collect()
    }

    #[test]
    fn the_lead_image_caption_is_its_figcaption() {
        let page = format!(
            r#"<html><head><title>A story - Site</title><meta property="og:image" content="https://cdn.example/img/harbour.jpg?w=1200"></head>
            <body><article><h1>A story</h1><figure><img src="/img/harbour.jpg?w=640" alt=""><figcaption>The harbour at dawn / Photo: J. Doe</figcaption></figure>{}</article></body></html>"#,
            prose("first")
        );
        let a = extract(&page, &Options::new().with_url("https://news.example/a").unwrap()).unwrap();
        assert_eq!(a.lead_image.as_deref(), Some("https://cdn.example/img/harbour.jpg?w=1200"));
        assert_eq!(a.lead_image_caption.as_deref(), Some("The harbour at dawn / Photo: J. Doe"));
        let other = page.replace("harbour.jpg?w=640", "boats.jpg");
        assert_eq!(extract(&other, &Options::new()).unwrap().lead_image_caption, None, "another picture's caption is not the lead's");
    }

    #[test]
    fn a_page_without_a_title_is_named_by_its_heading() {
        let page = format!("<html><body><article><h1>Short</h1>{}</article></body></html>", prose("only"));
        let a = extract(&page, &Options::new()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Short"));
        assert!(!a.text_content.unwrap().starts_with("Short"), "the heading is the title, not body text");
    }
}
