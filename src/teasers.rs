//! Teasers: blocks of cards that link to other articles.
//!
//! Detection works from structure. A *card* is an element holding a link to
//! another article of the same site (not a tag, author, search or paging
//! page) with a headline-like text, often a summary and an image. A *block*
//! is an element whose children are mostly such cards, at least two of them
//! (one is enough when the block is named like a teaser block). The block's
//! heading becomes the teasers' `group`. Blocks inside navigation, site
//! footers and comments are never teasers; blocks inside the article body
//! must also be named like teaser blocks, so lists of sources stay text.

use crate::dom::{flag, tflag, Document, NONE};
use crate::options::Deadline;
use crate::rules::{hint, teaser as T, NON_ARTICLE_PATHS, PAGINATION_WORDS, TEASER_HEADINGS};
use crate::sanitize::Links;
use crate::tags::Tag;
use crate::url::Url;

/// A teaser as found on the page (the public `Teaser` is built from it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub group: Option<String>,
}

/// What detection found: the teasers, and the elements that hold them
/// (block roots and their headings), to take out of the article body.
pub(crate) struct Teasers {
    pub found: Vec<Found>,
    pub blocks: Vec<u32>,
}

struct Card {
    node: u32,
    link: u32,
    url: String,
    title: String,
}

struct Finder<'a> {
    doc: &'a Document,
    /// Card searches on hostile pages can be slow; past the deadline the
    /// search stops (the caller then reports the timeout).
    deadline: Deadline,
    links: &'a Links,
    page: Option<Url>,
    /// Element is hidden, non-content, or inside navigation/footer/comments.
    excluded: Vec<bool>,
    /// Per link element: its teaser URL, if it points to another article.
    targets: Vec<Option<String>>,
    /// `next_target[i]`: the first element from `i` on with a target
    /// (`doc.len()` if none), so a subtree without links is skipped at once.
    next_target: Vec<u32>,
    /// `next_image[i]`: the same for `<img>` elements.
    next_image: Vec<u32>,
}

/// Finds the teasers of a page. `in_article(n)` says whether an element is
/// part of the chosen article body.
pub(crate) fn find(doc: &Document, links: &Links, page_url: Option<&str>, in_article: &dyn Fn(u32) -> bool, deadline: Deadline) -> Teasers {
    let mut f = Finder { doc, deadline, links, page: page_url.and_then(Url::parse), excluded: Vec::new(), targets: Vec::new(), next_target: Vec::new(), next_image: Vec::new() };
    f.excluded = f.exclusions();
    f.targets = (0..doc.len() as u32).map(|n| f.target(n)).collect();
    f.next_target = next_where(doc, |n| f.targets[n as usize].is_some());
    f.next_image = next_where(doc, |n| doc.tag(n) == Tag::Img);
    let mut consumed = vec![false; doc.len()];
    let mut blocks: Vec<(u32, Vec<Card>, Option<(u32, String)>)> = Vec::new();
    for e in (0..doc.len() as u32).rev() {
        if f.excluded[e as usize] || consumed[e as usize] {
            continue;
        }
        if f.deadline.check().is_err() {
            break;
        }
        let Some(cards) = f.cards_of(e, &consumed) else { continue };
        let heading = f.group_heading(e, &cards);
        let named = heading.as_ref().is_some_and(|(_, g)| is_teaser_heading(g)) || f.named_block(e);
        if cards.len() < 2 && !named {
            continue;
        }
        if in_article(e) && !named {
            continue;
        }
        for c in &cards {
            for d in c.node..doc.node(c.node).end {
                consumed[d as usize] = true;
            }
        }
        consumed[e as usize] = true;
        blocks.push((e, cards, heading));
    }
    blocks.sort_by_key(|(e, _, _)| *e);
    let mut found = Vec::new();
    let mut roots = Vec::new();
    for (e, cards, heading) in blocks {
        roots.push(e);
        if let Some((h, _)) = &heading {
            if !doc.contains(e, *h) {
                roots.push(*h);
            }
        }
        let group = heading.map(|(_, g)| g);
        for c in cards {
            found.push(Found {
                summary: f.summary(&c),
                image: f.image(c.node),
                title: c.title,
                url: c.url,
                group: group.clone(),
            });
        }
    }
    Teasers { found, blocks: roots }
}

/// `out[i]`: the first element from `i` on for which `is` holds, else
/// `doc.len()` (one entry past the end, too).
fn next_where(doc: &Document, is: impl Fn(u32) -> bool) -> Vec<u32> {
    let mut out = vec![doc.len() as u32; doc.len() + 1];
    for n in (0..doc.len()).rev() {
        out[n] = if is(n as u32) { n as u32 } else { out[n + 1] };
    }
    out
}

/// Does `n` hold any text? (As `!doc.text(n).is_empty()`, without building
/// the text: on deep pages that was quadratic.)
fn has_text(doc: &Document, n: u32) -> bool {
    let node = doc.node(n);
    doc.texts[node.text_start as usize..node.text_end as usize].iter().any(|t| t.chars > 0 && t.flags & tflag::NON_CONTENT == 0)
}

fn is_teaser_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    TEASER_HEADINGS.iter().any(|h| lower.starts_with(h))
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_headline(text: &str) -> bool {
    let chars = text.chars().count();
    words(text) >= T::MIN_TITLE_WORDS && chars >= T::MIN_TITLE_CHARS && chars <= T::MAX_TITLE_CHARS
}

impl Finder<'_> {
    /// Elements that can never hold teasers.
    fn exclusions(&self) -> Vec<bool> {
        let doc = self.doc;
        let mut out = vec![false; doc.len()];
        for n in 0..doc.len() {
            let node = &doc.nodes[n];
            let inherited = node.parent != NONE && out[node.parent as usize];
            let hints = node.hints();
            let site_footer = node.tag == Tag::Footer && !doc.ancestors(n as u32).any(|a| matches!(doc.tag(a), Tag::Article | Tag::Main));
            out[n] = inherited
                || node.has(flag::HIDDEN)
                || node.has(flag::NON_CONTENT)
                || matches!(node.tag, Tag::Nav | Tag::Form | Tag::Head)
                || site_footer
                || hints & (hint::NAVIGATION | hint::COMMENTS | hint::TAGS | hint::SHARE | hint::AD) != 0
                || (hints & hint::FOOTER != 0 && hints & hint::TEASER == 0);
        }
        out
    }

    /// The article URL a link points to, if it is a teaser-worthy link.
    fn target(&self, n: u32) -> Option<String> {
        let doc = self.doc;
        let node = doc.node(n);
        if node.tag != Tag::A || !node.has(flag::HAS_HREF) || node.has(flag::HASH_LINK) || node.has(flag::SCRIPT_LINK) || self.excluded[n as usize] {
            return None;
        }
        let url = self.links.href(doc.href(n)?)?;
        let parsed = Url::parse(&url)?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return None;
        }
        if let Some(page) = &self.page {
            if site_of(parsed.host()) != site_of(page.host()) {
                return None;
            }
            if parsed.to_string() == page.to_string() {
                return None;
            }
        }
        let path = parsed.path().to_ascii_lowercase();
        if path == "/" || path.is_empty() || NON_ARTICLE_PATHS.iter().any(|p| path.contains(p)) {
            return None;
        }
        let fragment = url.split_once('#').map(|(_, f)| f.to_ascii_lowercase()).unwrap_or_default();
        if fragment.contains("comment") || fragment.contains("respond") || url.contains("replytocom=") {
            return None;
        }
        Some(url)
    }

    /// Is `e` (or a close ancestor) named like a teaser block?
    fn named_block(&self, e: u32) -> bool {
        std::iter::once(e).chain(self.doc.ancestors(e)).take(3).any(|a| self.doc.node(a).hints() & hint::TEASER != 0)
    }

    /// The cards among `e`'s children, if they make a block.
    fn cards_of(&self, e: u32, consumed: &[bool]) -> Option<Vec<Card>> {
        let doc = self.doc;
        let mut cards: Vec<Card> = Vec::new();
        let mut others = 0usize;
        let mut tags: Vec<Tag> = Vec::new();
        for c in doc.children(e) {
            let tag = doc.tag(c);
            if consumed[c as usize] || self.excluded[c as usize] || tag.is_heading() || matches!(tag, Tag::Br | Tag::Hr | Tag::Script | Tag::Style | Tag::Noscript) {
                continue;
            }
            if doc.node(c).hints() & hint::TITLE != 0 && self.next_target[c as usize] >= doc.node(c).end {
                continue;
            }
            match self.card(c) {
                Some(card) => {
                    tags.push(tag);
                    cards.push(card);
                }
                None => {
                    if has_text(doc, c) || self.next_image[c as usize + 1] < doc.node(c).end {
                        others += 1;
                    }
                }
            }
        }
        if cards.is_empty() {
            return None;
        }
        let share = cards.len() as f64 / (cards.len() + others) as f64;
        if share < T::MIN_CARD_SHARE {
            return None;
        }
        // Cards repeat: most share one tag.
        let same = tags.iter().filter(|&&t| t == tags[0]).count();
        if cards.len() >= 2 && same * 2 < cards.len() {
            return None;
        }
        Some(cards)
    }

    /// `c` as a card: its main link and headline.
    fn card(&self, c: u32) -> Option<Card> {
        let doc = self.doc;
        let end = doc.node(c).end;
        if self.next_target[c as usize] >= end || self.deadline.check().is_err() {
            return None;
        }
        let mut urls: Vec<&str> = Vec::new();
        let mut first: Option<u32> = None;
        let mut d = self.next_target[c as usize];
        while d < end {
            if let Some(u) = &self.targets[d as usize] {
                if !urls.contains(&u.as_str()) {
                    urls.push(u);
                    if urls.len() > T::MAX_LINKS_PER_CARD {
                        // Not a card; stop before this gets quadratic on big subtrees.
                        return None;
                    }
                }
                first.get_or_insert(d);
            }
            d = self.next_target[d as usize + 1];
        }
        let link = first?;
        let url = self.targets[link as usize].clone()?;
        // The headline: a heading (or title-named element) in the card,
        // else the text of a link to the card's article.
        let heading = (c..end).find(|&d| {
            let node = doc.node(d);
            (node.tag.is_heading() || (node.hints() & hint::TITLE != 0 && node.hints() & hint::KICKER == 0)) && is_headline(&self.title_text(d))
        });
        let title = match heading {
            Some(h) => self.title_text(h),
            None => (c..end)
                .filter(|&d| self.targets[d as usize].as_deref() == Some(url.as_str()))
                .map(|d| self.title_text(d))
                .find(|t| is_headline(t))?,
        };
        if !is_headline(&title) || is_pagination(&title) {
            return None;
        }
        Some(Card { node: c, link, url, title })
    }

    /// Text of a headline without kickers, dates and other labels inside it.
    fn title_text(&self, n: u32) -> String {
        let doc = self.doc;
        let text = doc.text_where(n, |o| {
            o == n || !doc.ancestors(o).take_while(|&a| a != n).chain(std::iter::once(o)).any(|a| {
                let node = doc.node(a);
                a != n && (node.hints() & hint::KICKER != 0 || matches!(node.tag, Tag::Time | Tag::Img | Tag::Small))
            })
        });
        text.trim().to_string()
    }

    /// The heading of the block `e`: inside it before the first card, or
    /// just before it (climbing a few levels while nothing else is in between).
    fn group_heading(&self, e: u32, cards: &[Card]) -> Option<(u32, String)> {
        let doc = self.doc;
        let first_card = cards.first()?.node;
        if let Some(h) = doc.children(e).take_while(|&c| c < first_card).filter(|&c| self.is_heading_like(c)).last() {
            return Some((h, doc.text(h)));
        }
        let mut cur = e;
        for _ in 0..T::GROUP_SEARCH_LEVELS {
            let parent = doc.parent(cur);
            if parent == NONE || self.excluded[parent as usize] {
                return None;
            }
            let before: Vec<u32> = doc.children(parent).take_while(|&c| c < cur).collect();
            for &s in before.iter().rev() {
                if self.is_heading_like(s) {
                    return Some((s, doc.text(s)));
                }
                if let Some(h) = (s..doc.node(s).end).rev().find(|&d| self.is_heading_like(d) && doc.node(d).end == doc.node(s).end) {
                    return Some((h, doc.text(h)));
                }
                if !doc.text(s).is_empty() {
                    return None;
                }
            }
            cur = parent;
        }
        None
    }

    fn is_heading_like(&self, n: u32) -> bool {
        let doc = self.doc;
        let node = doc.node(n);
        if self.excluded[n as usize] || (n..node.end).any(|d| self.targets[d as usize].is_some() && is_headline(&doc.text(d))) {
            return false;
        }
        let heading = node.tag.is_heading() || (node.hints() & hint::TITLE != 0 && !matches!(node.tag, Tag::A | Tag::Img));
        if !heading {
            return false;
        }
        let text = doc.text(n);
        !text.is_empty() && text.chars().count() <= T::MAX_GROUP_CHARS
    }

    /// The card's lead text: its longest text block outside the headline.
    fn summary(&self, card: &Card) -> Option<String> {
        let doc = self.doc;
        let end = doc.node(card.node).end;
        let mut best: Option<String> = None;
        for d in card.node + 1..end {
            let node = doc.node(d);
            if !matches!(node.tag, Tag::P | Tag::Div | Tag::Span | Tag::Dd) || node.hints() & (hint::KICKER | hint::TITLE) != 0 {
                continue;
            }
            if (d..node.end).any(|x| doc.tag(x).is_heading() || doc.tag(x) == Tag::P && x != d) {
                continue;
            }
            let text = doc.text(d);
            if text == card.title || text.contains(&card.title) || text.chars().count() < T::MIN_SUMMARY_CHARS {
                continue;
            }
            if best.as_ref().is_none_or(|b| text.len() > b.len()) {
                best = Some(text);
            }
        }
        best
    }

    fn image(&self, card: u32) -> Option<String> {
        let doc = self.doc;
        (card..doc.node(card).end).filter(|&d| doc.tag(d) == Tag::Img && doc.node(d).has(flag::HAS_IMAGE_SOURCE)).find_map(|d| {
            let m = doc.media(d)?;
            m.src.as_deref().and_then(|s| self.links.image(s)).or_else(|| {
                let first = m.srcset.as_deref()?.split(',').next()?.split_whitespace().next()?;
                self.links.image(first)
            })
        })
    }
}

fn is_pagination(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    PAGINATION_WORDS.iter().any(|w| lower.starts_with(w))
}

/// A host without `www.`, for same-site comparisons.
fn site_of(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    fn teasers(html: &str) -> Vec<Found> {
        let s = scan(html);
        let links = Links::new(Some("https://news.example/politik/story-1"), None);
        find(&s.doc, &links, Some("https://news.example/politik/story-1"), &|_| false, crate::Options::new().deadline()).found
    }

    #[test]
    fn cards_under_a_heading_are_teasers() {
        let t = teasers(
            r#"<nav><ul><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav>
            <section><h2>Empfohlen</h2><div class=list>
            <div class=card><a href="/politik/erste-geschichte-12"><img src="/a.jpg"><h3>Die erste Geschichte des Tages</h3></a><p>Eine Zusammenfassung mit genug Text für einen Teaser.</p></div>
            <div class=card><a href="/politik/zweite-geschichte-13"><h3>Die zweite Geschichte des Tages</h3></a></div>
            </div></section>
            <footer><ul><li><a href="/impressum">Impressum</a></li></ul></footer>"#,
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].title, "Die erste Geschichte des Tages");
        assert_eq!(t[0].url, "https://news.example/politik/erste-geschichte-12");
        assert_eq!(t[0].group.as_deref(), Some("Empfohlen"));
        assert_eq!(t[0].image.as_deref(), Some("https://news.example/a.jpg"));
        assert!(t[0].summary.as_deref().unwrap().starts_with("Eine Zusammenfassung"));
        assert_eq!(t[1].summary, None);
    }

    #[test]
    fn menus_tags_and_paging_are_not_teasers() {
        let t = teasers(
            r#"<div class=menu-main><a href="/a/one-long-section-name">Eine lange Rubrik hier</a><a href="/b/two-long-section-name">Noch eine lange Rubrik</a></div>
            <ul class=links><li><a href="/tag/politik-und-mehr">Politik und mehr Themen</a></li><li><a href="/tag/sport-und-mehr">Sport und mehr Themen</a></li></ul>
            <div><a href="/page/2">Next page of results here</a><a href="/p/older-story">« Older story about things</a></div>"#,
        );
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn external_links_are_not_teasers() {
        let t = teasers(r#"<ul><li><a href="https://other.example/a-story-here">A story on another site</a></li><li><a href="https://other.example/b-story">Another story on another site</a></li></ul>"#);
        assert!(t.is_empty());
    }
}
