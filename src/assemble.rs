//! The pipeline after the scan, and the `Article` it ends in.

use crate::article::{Article, Teaser};
use crate::clean::{self, Plan};
use crate::dom::{Document, NONE};
use crate::options::{Deadline, Options};
use crate::sanitize::Links;
use crate::scan::Scan;
use crate::select::{self, Item, Selection};
use crate::{meta, teasers, text, Error};

/// Selects, cleans and assembles the article of a scanned page.
pub(crate) fn article(scan: Scan, options: &Options, deadline: Deadline) -> Result<Article, Error> {
    let Scan { doc, meta: raw } = scan;
    let metadata = meta::resolve(&raw, &doc);
    let links = Links::new(options.url(), raw.base_href.as_deref());
    let title = metadata.title.clone().unwrap_or_default();
    let selection = select::select(&doc, &title, metadata.byline.is_some(), options.char_threshold());
    deadline.check()?;
    let in_article = |n: u32| selection.as_ref().is_some_and(|s| contains(&doc, s, n));
    let found = teasers::find(&doc, &links, options.url(), &in_article, deadline);
    deadline.check()?;
    let teasers: Vec<Teaser> = dedupe(found.found);

    let mut article = Article {
        title: metadata.title,
        byline: metadata.byline,
        site_name: metadata.site_name,
        lang: raw.html_lang,
        published_time: metadata.published_time,
        excerpt: metadata.excerpt,
        lead_image: metadata.lead_image.as_deref().and_then(|u| links.image(u)),
        teasers,
        ..Article::default()
    };
    let Some(sel) = selection else { return Ok(article) };
    let plan = Plan::new(&doc, &sel, &found.blocks);
    deadline.check()?;
    let content = clean::rewrite(&doc, &plan, &links)?;
    let text = plan.plain_text(&doc);
    if text.trim().is_empty() && !content.contains("<img") {
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
    }
    article.dir = direction(&doc, &sel);
    article.length = text.chars().count();
    article.word_count = text::word_count(&text);
    article.reading_time = text::reading_time(article.word_count);
    article.content = Some(content);
    article.text_content = Some(text);
    Ok(article)
}

/// Is element `n` part of the selected article body?
fn contains(doc: &Document, sel: &Selection, n: u32) -> bool {
    sel.items.iter().any(|&item| match item {
        Item::Node(i) => doc.contains(i, n),
        Item::Para(p) => {
            let para = &sel.paras[p as usize];
            para.nodes.0 != NONE && n >= para.nodes.0 && n < para.nodes.1
        }
    }) && !sel.removed[n as usize]
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
