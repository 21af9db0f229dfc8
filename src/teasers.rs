//! Teasers: blocks of cards that link to other articles.
//!
//! Detection works from structure, in three steps over the element table.
//!
//! 1. **Facts**, in linear passes: which elements can never hold teasers
//!    (navigation, hidden, comments, share bars, ads, tag and archive lists —
//!    unless they hold the article; classes on `<html>`/`<body>` describe the
//!    page and do not count), which sit in a site footer, and for every link
//!    the page it leads to: the same site (the registrable domain of the page
//!    or of its canonical URL), not the page itself or a part of it, not a
//!    tag, author, search, legal, shop, job, feed or download page, not a
//!    section front (`/politik/`), not another language edition. The URL's
//!    *shape* says whether it looks like an article (an id, a date, a slug).
//!    Prefix sums over document order then answer "how many links, different
//!    URLs, characters inside this element" in constant time; no step
//!    rescans subtrees, and every remaining scan is capped.
//! 2. **Cards and blocks.** A *card* is an element with links to at most
//!    three pages; the one its links give the most text to is its article.
//!    The headline is a heading element that does not link elsewhere, else
//!    the link's text (not "Read more", not a sentence with a link in it);
//!    short headlines ("Cut") need an article-shaped URL. A *block* is an
//!    element whose children are mostly cards of one kind, each to a
//!    different article, with no running text of its own; plain link lists
//!    need mostly article-shaped URLs. Elements are visited in post-order, so
//!    the innermost element that makes a block wins and its cards are used
//!    up; single boxes ("Lesen Sie auch: …") come last, as the outermost
//!    element that holds nothing but their card.
//! 3. **Groups.** The block's heading: a heading before its first card, a
//!    label in front of its link ("Lire aussi : …"), or, climbing out of
//!    wrappers, the nearest heading (or header holding one) before it; a
//!    later row of a block continues the row above it.
//!
//! A single box, a block inside the article body and a block inside a site
//! footer must be *named*: a teaser heading ("Mehr zum Thema") or a teaser
//! class on the block, its card or a close ancestor. So link lists in the
//! text and footer menus stay what they are.

use crate::dom::{flag, tflag, Document, TextNode, NONE};
use crate::lowercase::lowercase;
use crate::rules::{
    hint, teaser as T, ACTION_PARAMETERS, COMMENT_FRAGMENTS, FEED_WORDS, GENERIC_SECOND_LEVEL, NON_ARTICLE_EXTENSIONS, NON_ARTICLE_HOSTS,
    NON_ARTICLE_SEGMENTS, PAGE_EXTENSIONS, NON_ARTICLE_SEGMENT_PREFIXES, PAGINATION_WORDS, QUERY_ID_PARAMETERS, QUERY_ID_SUFFIXES, QUERY_ID_WORD_SUFFIXES, QUERY_NON_ID_WORDS, READ_MORE_WORDS, SERVICE_TITLES, SHARED_HOSTS,
    TEASER_HEADINGS,
};
use crate::options::Deadline;
use crate::sanitize::Links;
use crate::Error;
use crate::tags::Tag;
use crate::url::Url;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

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

/// The page a teaser search runs on.
pub(crate) struct Page<'a> {
    /// The page URL links were resolved against.
    pub url: Option<&'a str>,
    /// Other URLs of the same page (`<link rel=canonical>`, `og:url`): a copy
    /// served elsewhere still belongs to its site.
    pub aliases: &'a [&'a str],
    /// Per element: part of the chosen article body.
    pub in_article: &'a [bool],
}

/// How a URL looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// An id, a dated path or a multi-word slug: an article.
    Article,
    /// A few plain words (`/politik/`, `/meine-welt/gesundheit/`): a section page.
    Section,
    Other,
}

/// A link to a page that may be a teaser's article.
struct Target {
    url: String,
    /// The URL without its fragment, to compare links.
    key: String,
    same_site: bool,
    article: bool,
}

#[derive(Clone)]
struct Card {
    node: u32,
    /// Index into `Finder::targets`.
    target: u32,
    title: String,
    /// The element the title was read from.
    title_node: u32,
    /// The title is headline-like on its own (not only with an article URL).
    strict: bool,
}

struct Block {
    node: u32,
    cards: Vec<Card>,
    heading: Option<Heading>,
    /// Named like a teaser block (by its heading or a class).
    named: bool,
}

#[derive(Clone)]
struct Heading {
    /// The heading element (the block itself for a leading label).
    node: u32,
    text: String,
    /// A teaser heading ("Mehr zum Thema"), or that of the block this one continues.
    named: bool,
}

impl Heading {
    fn new(node: u32, text: String) -> Heading {
        Heading { named: is_teaser_heading(&text), node, text }
    }
}

/// Elements in post-order: each after everything inside it, in page order.
fn post_order(doc: &Document) -> Vec<u32> {
    let mut out = Vec::with_capacity(doc.len());
    let mut open: Vec<u32> = Vec::new();
    for i in 0..doc.len() as u32 {
        while open.last().is_some_and(|&o| doc.node(o).end <= i) {
            out.extend(open.pop());
        }
        open.push(i);
    }
    while let Some(o) = open.pop() {
        out.push(o);
    }
    out
}

struct Finder<'a> {
    doc: &'a Document,
    links: &'a Links,
    in_article: &'a [bool],
    /// Element holds (part of) the article body.
    holds_article: Vec<bool>,
    /// Element can never hold teasers.
    excluded: Vec<bool>,
    /// Element is inside a site footer: only named blocks count there.
    footer: Vec<bool>,
    /// Element is a label (kicker, date, byline, badge), left out of titles.
    label: Vec<bool>,
    /// Element has block-level descendants (paragraphs, divs, headings).
    has_blocks: Vec<bool>,
    /// Characters of each element's own text, outside its child elements.
    own_chars: Vec<u32>,
    /// Per element: index into `targets` for links to possible articles.
    link: Vec<u32>,
    /// Prefix counts over elements: links to the page itself.
    self_links_before: Vec<u32>,
    targets: Vec<Target>,
    /// Prefix counts over elements: target links, and target links whose
    /// URL differs from the previous target link's.
    links_before: Vec<u32>,
    changes_before: Vec<u32>,
    /// First target link / heading element at or after each element.
    next_link: Vec<u32>,
    next_heading: Vec<u32>,
    /// Previous and next sibling of each element.
    prev_sibling: Vec<u32>,
    next_sibling: Vec<u32>,
    /// Prefix sums over text nodes: characters, and characters inside links.
    chars_before: Vec<u32>,
    link_chars_before: Vec<u32>,
    /// Per text node: the link element it is in.
    text_link: Vec<u32>,
}

/// Finds the teasers of a page.
pub(crate) fn find(doc: &Document, links: &Links, page: &Page, deadline: Deadline) -> Result<Teasers, Error> {
    let f = Finder::new(doc, links, page);
    let mut consumed = vec![false; doc.len()];
    let mut holds_block = vec![false; doc.len()];
    let mut blocks: Vec<Block> = Vec::new();
    let mut by_node: BTreeMap<u32, usize> = BTreeMap::new();
    let order = post_order(doc);
    // Lists of cards first, then single boxes ("Lesen Sie auch: …"), each as
    // the outermost element that holds only its card. Elements come in
    // post-order: inner ones before the elements around them, and earlier
    // rows of a block before later ones.
    for single in [false, true] {
        for (i, &e) in order.iter().enumerate() {
            if i % DEADLINE_EVERY == 0 {
                deadline.check()?;
            }
            if f.excluded[e as usize] || consumed[e as usize] {
                continue;
            }
            let Some(mut cards) = f.cards_of(e, &consumed, &holds_block) else { continue };
            if (cards.len() == 1) != single || (single && !f.is_box_top(e, &cards[0])) {
                continue;
            }
            let lead = if single { None } else { f.lead_card(e, &cards, &consumed) };
            let heading = f.block_heading(e, &cards, lead.as_ref().map(|l| l.node), &blocks, &by_node);
            let named = heading.as_ref().is_some_and(|h| h.named) || f.named(e, &cards);
            let guarded = page.in_article[e as usize] || f.footer[e as usize] || f.plain_without_articles(&cards);
            if (single || guarded) && !named {
                continue;
            }
            // A block never swallows the article it sits next to.
            if f.holds_article[e as usize] && !page.in_article[e as usize] {
                continue;
            }
            if let Some(lead) = lead {
                cards.insert(0, lead);
            }
            for c in &cards {
                consumed[c.node as usize..doc.node(c.node).end as usize].fill(true);
            }
            consumed[e as usize] = true;
            // Elements around a block can no longer be cards.
            for a in doc.ancestors(e) {
                if holds_block[a as usize] {
                    break;
                }
                holds_block[a as usize] = true;
            }
            by_node.insert(e, blocks.len());
            blocks.push(Block { node: e, cards, heading, named });
        }
    }
    // In page order.
    let mut blocks: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    let blocks = by_node.values().filter_map(|&i| blocks[i].take());
    let mut found = Vec::new();
    let mut roots = Vec::new();
    for b in blocks {
        roots.push(b.node);
        if let Some(h) = &b.heading {
            if !doc.contains(b.node, h.node) {
                roots.push(h.node);
            }
        }
        let group = b.heading.map(|h| h.text);
        for c in b.cards {
            found.push(Found {
                summary: f.summary(&c),
                image: f.image(c.node),
                url: f.targets[c.target as usize].url.clone(),
                title: c.title,
                group: group.clone(),
            });
        }
    }
    Ok(Teasers { found, blocks: roots })
}

/// How often (in candidate blocks) the time budget is checked.
const DEADLINE_EVERY: usize = 1024;

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Does `s` have at least `n` words? (Counts no further.)
fn has_words(s: &str, n: usize) -> bool {
    n == 0 || s.split_whitespace().nth(n - 1).is_some()
}

/// A headline on its own: a few words, not a sentence-long paragraph.
fn is_headline(text: &str) -> bool {
    let chars = text.chars().count();
    words(text) >= T::MIN_TITLE_WORDS && (T::MIN_TITLE_CHARS..=T::MAX_TITLE_CHARS).contains(&chars)
}

/// A short headline ("Cut", "Der FCKW-Krimi"): fine when the URL is an article's.
fn is_short_headline(text: &str) -> bool {
    let chars = text.chars().count();
    (T::MIN_SHORT_TITLE_CHARS..=T::MAX_TITLE_CHARS).contains(&chars) && text.chars().any(char::is_alphabetic)
}

fn is_teaser_heading(text: &str) -> bool {
    // Only its start can match: a long text is not lowercased whole.
    let text = text.trim_start();
    let end = text.char_indices().nth(T::MAX_TEASER_HEADING_CHARS + 1).map_or(text.len(), |(i, _)| i);
    let lower = lowercase(&text[..end]);
    let Some(&first) = lower.as_bytes().first() else { return false };
    TEASER_HEADINGS.iter().filter(|h| h.as_bytes().first() == Some(&first)).any(|h| match h.strip_suffix('*') {
        Some(stem) => lower.starts_with(stem),
        // "Popularity and criticism" is not "Popular"; "Lire:" ends itself.
        None => lower.strip_prefix(h).is_some_and(|rest| !h.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric)),
    })
}

fn is_pagination(title: &str) -> bool {
    let lower = lowercase(title.trim());
    PAGINATION_WORDS.iter().any(|w| lower.starts_with(w))
}

/// "Read more", "Weiterlesen", "Impressum", ...: a link text that is no headline.
fn is_read_more(title: &str) -> bool {
    let lower = lowercase(title);
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    // A handle ("@name") names an account, not a story.
    let handle = bare.len() < lower.len() && lower.trim_start().starts_with('@') && !bare.contains(' ');
    READ_MORE_WORDS.contains(&bare) || SERVICE_TITLES.contains(&bare) || handle
}

/// The language code a path starts with (`/fr/…`, `/pt-br/…`), if any.
fn language_of(path: &str) -> Option<&str> {
    let first = path.trim_start_matches('/').split('/').next()?;
    let (lang, region) = first.split_once(['-', '_']).unwrap_or((first, "ab"));
    let letters = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_alphabetic());
    (letters(lang, 2) && letters(region, 2) && path.len() > first.len() + 1).then_some(first)
}


/// The name that identifies a site, from its host: the registrable domain
/// without its public suffix (`sport.aktualne.cz` → `aktualne`), or the
/// tenant on a shared host (`a.blogspot.de` → `a.blogspot`). Country
/// variants of one domain count as one site.
pub(crate) fn site_key(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 || labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return host;
    }
    if let Some(i) = labels.iter().position(|l| SHARED_HOSTS.contains(l)) {
        if i > 0 {
            return format!("{}.{}", labels[i - 1], labels[i]);
        }
    }
    let n = labels.len();
    let country = labels[n - 1].len() == 2;
    if n >= 3 && country && GENERIC_SECOND_LEVEL.contains(&labels[n - 2]) {
        labels[n - 3].to_string()
    } else {
        labels[n - 2].to_string()
    }
}

/// The URL without fragment, scheme, `www.` and trailing slash, to compare pages.
fn page_key(url: &str) -> &str {
    let no_fragment = url.split('#').next().unwrap_or(url);
    let rest = no_fragment.split_once("://").map_or(no_fragment, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/')
}

/// Parses a URL, with its text as parsing writes it (no fragment); for an
/// archived or proxied copy (`/web/2016…/http://site/x`) the URL inside it,
/// which says what the page is.
fn parse_inner(url: &str) -> Option<(Url, Cow<'_, str>)> {
    let (parsed, full) = Url::parse_with_text(url)?;
    // Parsing makes a "/http" only from a backslash or by dropping a tab or
    // newline (it lowercases only the scheme and host), so most links need
    // no second look.
    if !url.contains("/http") && crate::url::find_any(url, b"\\\t\n\r").is_none() {
        return Some((parsed, full));
    }
    let rest = &full[full.find("://")? + 3..];
    // The first "/http://" or "/https://" (one search: links are many).
    let inner = rest.match_indices("/http").map(|(at, _)| at).find(|&at| matches!(rest.get(at + 5..at + 8), Some("://")) || matches!(rest.get(at + 5..at + 9), Some("s://")));
    let parsed = inner.and_then(|at| Url::parse(&rest[at + 1..])).unwrap_or(parsed);
    let text = parsed.to_string();
    Some((parsed, Cow::Owned(text)))
}

const LONGEST_NON_ARTICLE_SEGMENT: usize = longest(NON_ARTICLE_SEGMENTS);
const LONGEST_FEED_WORD: usize = longest(FEED_WORDS);

/// The length of the longest word of `list`.
const fn longest(list: &[&str]) -> usize {
    let (mut max, mut i) = (0, 0);
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}

/// Does a (lowercase) path lead to a tag, author, search, legal or account
/// page, or to a file download?
fn is_non_article_path(path: &str) -> bool {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.rsplit_once('.').is_some_and(|(_, ext)| NON_ARTICLE_EXTENSIONS.contains(&ext)) {
        return true;
    }
    // Profile pages are written `/@name` (Medium, Mastodon, YouTube); their
    // posts live below them.
    if last.starts_with('@') {
        return true;
    }
    path.split('/').filter(|s| !s.is_empty()).any(|segment| {
        // `tag.html`, `tag_maladie` (a tag page's prefix); words between
        // `_` and `.` for feeds. (Most segments are slugs longer than any
        // listed word: the length rules them out first.)
        let mut words = segment.as_bytes().split(|&b| b == b'_' || b == b'.');
        let stem = words.next().unwrap_or_default();
        let listed = |list: &[&str], longest: usize, word: &[u8]| word.len() <= longest && list.iter().any(|w| w.as_bytes() == word);
        listed(NON_ARTICLE_SEGMENTS, LONGEST_NON_ARTICLE_SEGMENT, stem)
            || listed(FEED_WORDS, LONGEST_FEED_WORD, stem)
            || words.any(|w| listed(FEED_WORDS, LONGEST_FEED_WORD, w))
            || NON_ARTICLE_SEGMENT_PREFIXES.iter().any(|p| segment.starts_with(p))
    })
}

/// A text to keep in the result, without the room it grew into (a page's
/// teasers are many).
fn exact(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

/// Does `name` end with the word `word` (any case): all of it, or after a
/// `_`, `-` or `.`, or as a capital after a small letter (`seqCode`, not
/// `ZIPCODE`)?
fn ends_with_word(name: &str, word: &str) -> bool {
    let (name, word) = (name.as_bytes(), word.as_bytes());
    let Some(at) = name.len().checked_sub(word.len()) else { return false };
    let camel = |before: u8| before.is_ascii_lowercase() && name[at].is_ascii_uppercase();
    name[at..].eq_ignore_ascii_case(word) && (at == 0 || matches!(name[at - 1], b'_' | b'-' | b'.') || camel(name[at - 1]))
}

/// The last run of digits in a path, when it is long enough to be an id
/// and is not a date (`-nid03052022`, `20240309`).
fn last_id(path: &str) -> Option<&str> {
    let end = path.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = path[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let run = &path[start..end];
    (run.len() >= T::ID_DIGITS && !is_date(run)).then_some(run)
}

/// Eight digits that read as a date, year first or last.
fn is_date(run: &str) -> bool {
    let num = |r: std::ops::Range<usize>| run.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let (year, month, day) = (1900..2100, 1..13, 1..32);
    run.len() == 8
        && ((year.contains(&num(0..4)) && month.contains(&num(4..6)) && day.contains(&num(6..8)))
            || (day.contains(&num(0..2)) && month.contains(&num(2..4)) && year.contains(&num(4..8))))
}

fn longest_digit_run(s: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// The shape of a URL's path and query.
fn shape(path: &str, query: Option<&str>) -> Shape {
    // An id parameter (`?p=123`, `?id=4711`), not a tracking code.
    let id_param = |pair: &str| {
        pair.split_once('=').is_some_and(|(name, v)| {
            let k = name.to_ascii_lowercase();
            let id_name = QUERY_ID_PARAMETERS.contains(&k.as_str())
                || QUERY_ID_SUFFIXES.iter().any(|s| k.ends_with(s))
                || QUERY_ID_WORD_SUFFIXES.iter().any(|s| ends_with_word(name, s));
            id_name && !QUERY_NON_ID_WORDS.iter().any(|w| k.contains(w)) && v.len() >= T::QUERY_ID_DIGITS && v.bytes().all(|b| b.is_ascii_digit())
        })
    };
    if query.is_some_and(|q| q.split('&').any(id_param)) {
        return Shape::Article;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| longest_digit_run(s) >= T::ID_DIGITS) {
        return Shape::Article;
    }
    // A dated path with a slug after the date: /2016/07/11/cut/.
    let year = segments.iter().position(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (s.starts_with("19") || s.starts_with("20")));
    if year.is_some_and(|y| segments[y + 1..].iter().any(|s| has_letters(s))) {
        return Shape::Article;
    }
    let is_slug = |s: &&str| {
        let stem = s.rsplit_once('.').map_or(*s, |(stem, ext)| if PAGE_EXTENSIONS.contains(&ext) { stem } else { s });
        let parts: Vec<&str> = stem.split(['-', '_', '+', '.']).filter(|p| !p.is_empty()).collect();
        parts.len() >= T::SLUG_PARTS && parts.iter().filter(|p| has_letters(p)).count() >= T::SLUG_WORDS
    };
    // A slug at the end, or before a final id (`/a-long-slug/17-335.html`);
    // a slug higher up names a section (`/faz-net-services/apps/`).
    let n = segments.len();
    let last_has_digits = segments.last().is_some_and(|s| s.chars().any(|c| c.is_ascii_digit()));
    if segments.last().is_some_and(is_slug) || (n >= 2 && last_has_digits && is_slug(&segments[n - 2])) {
        return Shape::Article;
    }
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphabetic() || c == '-' || c == '_');
    let last_is_word = segments.last().is_some_and(|s| plain(s) && !s.contains(['-', '_']));
    // Section pages, also with tracking parameters (`/topics?source=footer`).
    if !segments.is_empty() && segments.len() <= T::MAX_SECTION_SEGMENTS && last_is_word
        && segments.iter().all(|s| plain(s) && s.split(['-', '_']).count() <= 2)
    {
        return Shape::Section;
    }
    Shape::Other
}

impl<'a> Finder<'a> {
    fn new(doc: &'a Document, links: &'a Links, page: &Page<'a>) -> Finder<'a> {
        let n = doc.len();
        let mut f = Finder {
            doc,
            links,
            in_article: page.in_article,
            holds_article: vec![false; n],
            excluded: vec![false; n],
            footer: vec![false; n],
            label: vec![false; n],
            has_blocks: vec![false; n],
            own_chars: vec![0; n],
            link: vec![NONE; n],
            self_links_before: vec![0; n + 1],
            targets: Vec::new(),
            links_before: vec![0; n + 1],
            changes_before: vec![0; n + 1],
            next_link: vec![NONE; n + 1],
            next_heading: vec![NONE; n + 1],
            prev_sibling: vec![NONE; n],
            next_sibling: vec![NONE; n],
            chars_before: vec![0; doc.texts.len() + 1],
            link_chars_before: vec![0; doc.texts.len() + 1],
            text_link: vec![NONE; doc.texts.len()],
        };
        f.structure();
        f.exclusions();
        f.find_targets(page);
        f.prefix_sums();
        f.badges_and_blocks();
        f
    }

    /// Badges ("▶ Vidéo" after a headline: an empty icon element, then a
    /// word or two) are labels; own text; which elements hold block-level
    /// children.
    fn badges_and_blocks(&mut self) {
        let doc = self.doc;
        for i in 0..doc.len() {
            let node = &doc.nodes[i];
            if !matches!(node.tag, Tag::Span | Tag::I | Tag::Em | Tag::Small) || self.chars(i as u32) as usize > T::MAX_BADGE_CHARS {
                continue;
            }
            if let Some(first) = doc.children(i as u32).next() {
                let icon = doc.node(first);
                let empty = icon.text_start == icon.text_end && icon.end == first + 1 && icon.tag != Tag::Br;
                if empty && self.chars(i as u32) > 0 {
                    self.label[i] = true;
                }
            }
        }
        for i in 0..doc.len() {
            self.own_chars[i] = self.chars(i as u32);
        }
        for i in 0..doc.len() {
            let parent = doc.nodes[i].parent;
            if parent != NONE {
                self.own_chars[parent as usize] = self.own_chars[parent as usize].saturating_sub(self.chars(i as u32));
            }
        }
        for i in (0..doc.len()).rev() {
            let parent = doc.nodes[i].parent;
            if parent != NONE && (self.has_blocks[i] || matches!(doc.nodes[i].tag, Tag::P | Tag::Div | Tag::Li | Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)) {
                self.has_blocks[parent as usize] = true;
            }
        }
    }

    /// Siblings, article ancestors, labels.
    fn structure(&mut self) {
        let doc = self.doc;
        let mut last_child = vec![NONE; doc.len()];
        for i in 0..doc.len() {
            let node = &doc.nodes[i];
            if node.parent != NONE {
                let prev = last_child[node.parent as usize];
                self.prev_sibling[i] = prev;
                if prev != NONE {
                    self.next_sibling[prev as usize] = i as u32;
                }
                last_child[node.parent as usize] = i as u32;
            }
            self.label[i] = node.hints() & hint::KICKER != 0 || matches!(node.tag, Tag::Time | Tag::Small | Tag::Img);
        }
        for i in (0..doc.len()).rev() {
            let parent = doc.nodes[i].parent;
            if (self.in_article[i] || self.holds_article[i]) && parent != NONE {
                self.holds_article[parent as usize] = true;
            }
        }
    }

    /// Elements that can never hold teasers, and footers.
    fn exclusions(&mut self) {
        let doc = self.doc;
        for i in 0..doc.len() {
            let node = &doc.nodes[i];
            let parent = node.parent;
            let inherited = parent != NONE && self.excluded[parent as usize];
            // Classes on <html> and <body> describe the page, not a part of it
            // ("navigation-sticky", "breadcrumbs-hidden").
            let page_level = matches!(node.tag, Tag::Html | Tag::Body);
            let holds = self.holds_article[i];
            let hints = if page_level { 0 } else { node.hints() };
            self.excluded[i] = inherited
                || node.has(flag::HIDDEN)
                || node.has(flag::NON_CONTENT)
                || matches!(node.tag, Tag::Head)
                || (!holds && matches!(node.tag, Tag::Nav | Tag::Form))
                || (!holds && hints & (hint::NAVIGATION | hint::COMMENTS | hint::TAGS | hint::SHARE | hint::AD) != 0);
            let site_footer = node.tag == Tag::Footer && !doc.ancestors(i as u32).any(|a| matches!(doc.tag(a), Tag::Article | Tag::Main));
            let footer_class = hints & hint::FOOTER != 0 && hints & hint::TEASER == 0;
            self.footer[i] = (parent != NONE && self.footer[parent as usize]) || (!holds && (site_footer || footer_class));
        }
    }

    fn find_targets(&mut self, page: &Page) {
        let doc = self.doc;
        let page_url = page.url.and_then(parse_inner).map(|(parsed, _)| parsed);
        let mut sites: Vec<String> = Vec::new();
        let mut selves: Vec<String> = Vec::new();
        for u in page.url.iter().chain(page.aliases.iter()) {
            if let Some((parsed, text)) = parse_inner(u) {
                sites.push(site_key(parsed.host()));
                selves.push(page_key(&text).to_string());
            }
        }
        let page_path = page_url.as_ref().map(|p| p.path().trim_end_matches('/').to_string());
        // Short links, print and AMP versions carry the page's id (`/-4451133`).
        let page_id = page_url.as_ref().and_then(|p| last_id(p.path()));
        let page_is_article = page_url.as_ref().is_some_and(|p| shape(p.path(), None) == Shape::Article);
        let page_language = page_url.as_ref().and_then(|p| language_of(p.path()));
        for i in 0..doc.len() {
            let node = &doc.nodes[i];
            if node.tag != Tag::A || !node.has(flag::HAS_HREF) || node.has(flag::HASH_LINK) || node.has(flag::SCRIPT_LINK) || self.excluded[i] {
                continue;
            }
            let Some(url) = doc.href(i as u32).and_then(|h| self.links.href(h)) else { continue };
            let Some((parsed, inner)) = parse_inner(&url) else { continue };
            if !matches!(parsed.scheme(), "http" | "https") {
                continue;
            }
            if selves.iter().any(|k| k == page_key(&inner)) || (page_id.is_some() && last_id(parsed.path()) == page_id) {
                self.self_links_before[i + 1] = 1;
                continue;
            }
            let host = parsed.host().strip_prefix("www.").unwrap_or(parsed.host());
            if host.split('.').next().is_some_and(|l| NON_ARTICLE_HOSTS.contains(&l)) {
                continue;
            }
            let path = parsed.path().to_ascii_lowercase();
            if path == "/" || path.is_empty() || is_non_article_path(&path) {
                continue;
            }
            // The same site in another language (a language menu).
            if page_language.is_some_and(|l| language_of(parsed.path()).is_some_and(|m| m != l)) {
                continue;
            }
            // Parts of the page itself: its gallery, its second page.
            if page_is_article && page_path.as_deref().is_some_and(|p| parsed.path().starts_with(p) && !parsed.path()[p.len()..].starts_with(char::is_alphanumeric)) {
                continue;
            }
            let fragment = url.split_once('#').map(|(_, f)| f.to_ascii_lowercase()).unwrap_or_default();
            if COMMENT_FRAGMENTS.iter().any(|w| fragment.contains(w)) {
                continue;
            }
            let query = inner.split_once('?').map(|(_, q)| q);
            if query.is_some_and(|q| q.split('&').any(|p| ACTION_PARAMETERS.contains(&p.split('=').next().unwrap_or(p)))) {
                continue;
            }
            let shape = shape(parsed.path(), query);
            if shape == Shape::Section {
                continue;
            }
            let same_site = sites.is_empty() || sites.contains(&site_key(parsed.host()));
            // Links to other sites count only as articles in a block of this site's.
            if !same_site && shape != Shape::Article {
                continue;
            }
            self.link[i] = self.targets.len() as u32;
            self.targets.push(Target { key: page_key(&url).to_string(), url, same_site, article: shape == Shape::Article });
        }
    }

    fn prefix_sums(&mut self) {
        let doc = self.doc;
        let n = doc.len();
        for i in 0..n {
            self.self_links_before[i + 1] += self.self_links_before[i];
        }
        let mut previous: Option<&str> = None;
        for i in 0..n {
            let t = self.link[i];
            let (mut links, mut changes) = (self.links_before[i], self.changes_before[i]);
            if t != NONE {
                let key = self.targets[t as usize].key.as_str();
                links += 1;
                if previous != Some(key) {
                    changes += 1;
                }
                previous = Some(key);
            }
            self.links_before[i + 1] = links;
            self.changes_before[i + 1] = changes;
        }
        for i in (0..n).rev() {
            self.next_link[i] = if self.link[i] != NONE { i as u32 } else { self.next_link[i + 1] };
            self.next_heading[i] = if self.is_heading_element(i as u32) { i as u32 } else { self.next_heading[i + 1] };
        }
        for (i, node) in doc.nodes.iter().enumerate() {
            if node.tag == Tag::A {
                for t in node.text_start..node.text_end {
                    self.text_link[t as usize] = i as u32;
                }
            }
        }
        for (t, text) in doc.texts.iter().enumerate() {
            let chars = if text.flags & tflag::NON_CONTENT != 0 { 0 } else { text.chars };
            let in_link = if text.flags & tflag::IN_LINK != 0 { chars } else { 0 };
            self.chars_before[t + 1] = self.chars_before[t] + chars;
            self.link_chars_before[t + 1] = self.link_chars_before[t] + in_link;
        }
    }

    /// A heading tag, or an element named like a headline.
    fn is_heading_element(&self, n: u32) -> bool {
        let node = self.doc.node(n);
        node.tag.is_heading() || (node.hints() & hint::TITLE != 0 && node.hints() & hint::KICKER == 0 && !matches!(node.tag, Tag::A | Tag::Img | Tag::Body | Tag::Html))
    }

    fn end(&self, n: u32) -> u32 {
        self.doc.node(n).end
    }

    fn chars(&self, n: u32) -> u32 {
        let node = self.doc.node(n);
        self.chars_before[node.text_end as usize] - self.chars_before[node.text_start as usize]
    }

    fn link_chars(&self, n: u32) -> u32 {
        let node = self.doc.node(n);
        self.link_chars_before[node.text_end as usize] - self.link_chars_before[node.text_start as usize]
    }

    /// Target links inside `n`.
    fn links_in(&self, n: u32) -> u32 {
        self.links_before[self.end(n) as usize] - self.links_before[n as usize]
    }

    /// About how many different pages `n` links to: target links whose URL
    /// differs from the link before them, counting the first one.
    fn urls_in(&self, n: u32) -> u32 {
        let first = self.next_link[n as usize];
        if first >= self.end(n) {
            return 0;
        }
        1 + self.changes_before[self.end(n) as usize] - self.changes_before[first as usize + 1]
    }

    fn has_content(&self, n: u32) -> bool {
        self.chars(n) > 0 || (n..self.end(n)).take(T::MAX_SCAN).any(|d| self.doc.tag(d) == Tag::Img)
    }

    /// The target link that makes `h` a linked headline: one inside it, or
    /// one around it (up to the card).
    fn link_of(&self, h: u32, card: u32) -> Option<u32> {
        let inside = self.next_link[h as usize];
        if inside < self.end(h) {
            return Some(inside);
        }
        std::iter::once(h).chain(self.doc.ancestors(h)).take_while(|&a| a >= card).find(|&a| self.link[a as usize] != NONE)
    }

    /// `c` as a card: its article link and headline.
    fn card(&self, c: u32) -> Option<Card> {
        self.card_with(c, false)
    }

    /// `card`, where `alike` says a sibling of the same template is a card
    /// already: then a short headline is enough whatever the URL looks like.
    fn card_with(&self, c: u32, alike: bool) -> Option<Card> {
        let end = self.end(c);
        let first = self.next_link[c as usize];
        if first >= end || self.chars(c) as usize > T::MAX_CARD_CHARS || self.urls_in(c) as usize > T::MAX_LINKS_PER_CARD {
            return None;
        }
        // The card's article: the page its links give the most text to (the
        // headline's link, not the category or author link beside it).
        let main = self.main_link(c);
        let target = self.link[main as usize];
        let main_key = self.targets[target as usize].key.as_str();
        // Headline from a heading element that does not link elsewhere: the
        // first headline-like one, else the first short one that is linked.
        let mut chosen: Option<(u32, String, bool)> = None;
        let mut h = self.next_heading[c as usize];
        let mut seen = 0;
        while h < end {
            seen += 1;
            if seen > T::MAX_HEADINGS_PER_CARD {
                return None;
            }
            if !self.excluded[h as usize] && !self.label[h as usize] {
                let link = self.link_of(h, c);
                let elsewhere = match link {
                    Some(l) => self.targets[self.link[l as usize] as usize].key != main_key,
                    None => self.link_chars(h) > 0,
                };
                if !elsewhere {
                    let title = self.title_text(h);
                    if is_headline(&title) {
                        chosen = Some((h, title, true));
                        break;
                    }
                    if chosen.is_none() && link.is_some() && is_short_headline(&title) {
                        chosen = Some((h, title, false));
                    }
                }
            }
            h = self.next_heading[self.end(h) as usize];
        }
        // Else from the text of a link to the article: a headline-like text
        // beats a short heading (a topic label styled as a heading), which
        // beats a short link text.
        if !chosen.as_ref().is_some_and(|c| c.2) {
            let mut l = first;
            let mut short: Option<(u32, String, bool)> = None;
            let mut seen = 0;
            while l < end && seen < T::MAX_SCAN {
                seen += 1;
                // A link inside a sentence is a reference, not a headline.
                let inline = self.is_inline(l);
                if self.targets[self.link[l as usize] as usize].key == main_key && !inline {
                    let title = self.title_text(l);
                    if is_headline(&title) && !is_read_more(&title) {
                        chosen = Some((l, title, true));
                        break;
                    }
                    if short.is_none() && is_short_headline(&title) && !is_read_more(&title) {
                        short = Some((l, title, false));
                    }
                }
                l = self.next_link[self.end(l) as usize];
            }
            chosen = chosen.or(short);
        }
        let (title_node, title, strict) = chosen?;
        if is_pagination(&title) || is_read_more(&title) {
            return None;
        }
        if !strict && !alike && !self.targets[target as usize].article {
            return None;
        }
        Some(Card { node: c, target, title, title_node, strict })
    }

    /// Is link `l` part of a sentence: after a long stretch of text in its
    /// parent, or with text on both sides? ("…, has <a>already pointed
    /// out</a> that …"; not "Lesen Sie auch: <a>…</a>", not "<a>…</a><br>lead").
    fn is_inline(&self, l: u32) -> bool {
        let p = self.doc.parent(l);
        if p == NONE {
            return false;
        }
        // The parent's text right before and after the link, up to the
        // sibling elements around it.
        let (parent, link) = (self.doc.node(p), self.doc.node(l));
        let prev = self.prev_sibling[l as usize];
        let next = self.next_sibling[l as usize];
        let from = if prev == NONE { parent.text_start } else { self.doc.node(prev).text_end };
        let to = if next == NONE { parent.text_end } else { self.doc.node(next).text_start };
        let span = |a: u32, b: u32| (self.chars_before[b as usize] - self.chars_before[a as usize]) as usize;
        let before = span(from, link.text_start);
        let after = span(link.text_end, to);
        before > T::MAX_LABEL_CHARS || (before >= T::INLINE_CONTEXT_CHARS && after >= T::INLINE_CONTEXT_CHARS)
    }

    /// The first link to the page that `c`'s links give the most text to.
    fn main_link(&self, c: u32) -> u32 {
        let end = self.end(c);
        let mut pages: Vec<(&str, u32, u32)> = Vec::new();
        let mut l = self.next_link[c as usize];
        let mut seen = 0;
        while l < end && seen < T::MAX_SCAN {
            seen += 1;
            let key = self.targets[self.link[l as usize] as usize].key.as_str();
            let chars = self.link_chars(l);
            match pages.iter_mut().find(|p| p.0 == key) {
                Some(p) => p.1 += chars,
                None => pages.push((key, chars, l)),
            }
            l = self.next_link[self.end(l) as usize];
        }
        // The first of the best: `max_by_key` would return the last.
        let best = pages.iter().map(|p| p.1).max().unwrap_or(0);
        pages.iter().find(|p| p.1 == best).map_or(self.next_link[c as usize], |p| p.2)
    }

    /// The cards among `e`'s children, if they make a block.
    fn cards_of(&self, e: u32, consumed: &[bool], holds_block: &[bool]) -> Option<Vec<Card>> {
        let doc = self.doc;
        if self.links_in(e) == 0 {
            return None;
        }
        let mut cards: Vec<Card> = Vec::new();
        let mut others = 0usize;
        let mut rejected: Vec<u32> = Vec::new();
        for c in doc.children(e) {
            let tag = doc.tag(c);
            if consumed[c as usize] || holds_block[c as usize] || self.excluded[c as usize] || matches!(tag, Tag::Br | Tag::Hr | Tag::Button) {
                continue;
            }
            if self.resolve_heading(c).is_some() || self.label[c as usize] {
                continue;
            }
            // The page's own entry in a list of posts is neither card nor clutter.
            let to_self = self.self_links_before[self.end(c) as usize] > self.self_links_before[c as usize];
            match self.card(c) {
                Some(card) => cards.push(card),
                None if self.has_content(c) && !to_self => rejected.push(c),
                None => {}
            }
        }
        // A picture card made from the same template as picture cards with
        // headlines is a card too, even with a short title ("Trendwatch:
        // Travertin"), once the block stands without it. Plain link lists
        // get no such benefit: a menu item may share its template with one
        // long entry.
        let mut alike_cards: Vec<Card> = Vec::new();
        for c in rejected {
            others += 1;
            let pictured = |n: u32| self.image_node(n).is_some();
            let templates = cards.iter().filter(|k| k.strict && pictured(k.node) && self.same_kind(k.node, c)).count();
            if templates >= T::MIN_TEMPLATE_CARDS && pictured(c) {
                alike_cards.extend(self.card_with(c, true));
            }
        }
        // Cards stand on their own; text around them is running text.
        if self.own_chars(e) as usize > T::MAX_LABEL_CHARS {
            return None;
        }
        // Several links to one article side by side are parts of one card.
        if cards.windows(2).any(|w| self.targets[w[0].target as usize].key == self.targets[w[1].target as usize].key) {
            return None;
        }
        // Links to other sites only inside a block of this site's cards.
        let same = cards.iter().filter(|c| self.targets[c.target as usize].same_site).count();
        if same < cards.len() && (same < 2 || same < cards.len() - same) {
            cards.retain(|c| self.targets[c.target as usize].same_site);
        }
        // Different articles have different headlines; one caption repeated
        // under every picture of a gallery is not a list of stories.
        let titles: BTreeSet<&str> = cards.iter().map(|c| c.title.as_str()).collect();
        if cards.len() > 1 && titles.len() * 2 <= cards.len() {
            return None;
        }
        // Short headlines only next to real ones.
        if !cards.iter().any(|c| c.strict) {
            return None;
        }
        // Plain link lists need most links to look like articles (an id, a
        // date, a slug); lists of tools, services and sections do not. Cards
        // with a heading or an image are templated teasers already. A single
        // box always needs an article link.
        let articles = cards.iter().filter(|c| self.targets[c.target as usize].article).count();
        if cards.len() == 1 && articles == 0 {
            return None;
        }
        let share = cards.len() as f64 / (cards.len() + others) as f64;
        if share < T::MIN_CARD_SHARE {
            return None;
        }
        // Cards repeat: more than half are the same element with the same
        // kind of headline (a heading, or a link's text). A headline and
        // the byline link under it are not two cards.
        let kind = |c: &Card| (doc.tag(c.node), self.is_heading_element(c.title_node));
        let same = cards.iter().filter(|c| kind(c) == kind(&cards[0])).count();
        let same = same.max(cards.iter().filter(|c| kind(c) == kind(&cards[cards.len() - 1])).count());
        if same * 2 <= cards.len() {
            return None;
        }
        for card in alike_cards {
            let at = cards.partition_point(|k| k.node < card.node);
            cards.insert(at, card);
        }
        Some(cards)
    }

    /// Characters of `e`'s own text, outside its child elements.
    fn own_chars(&self, e: u32) -> u32 {
        self.own_chars[e as usize]
    }

    /// Is `e`, holding the single card `card`, the outermost element around
    /// it? Its parent holds more than this card (another link, running text).
    fn is_box_top(&self, e: u32, card: &Card) -> bool {
        let doc = self.doc;
        let p = doc.parent(e);
        if p == NONE || self.excluded[p as usize] {
            return true;
        }
        // A box with its own heading ends there ("Aus dem Archiv" over one link).
        if doc.children(e).take_while(|&c| c < card.node).any(|c| self.resolve_heading(c).is_some()) {
            return true;
        }
        let key = self.targets[card.target as usize].key.as_str();
        let mut own = self.chars(p);
        for (i, c) in doc.children(p).enumerate() {
            if i >= T::MAX_BOX_CHILDREN {
                return true;
            }
            own -= self.chars(c);
            if c == e || self.excluded[c as usize] || self.chars(c) == 0 || self.label[c as usize] || self.resolve_heading(c).is_some() || self.is_label(c) {
                continue;
            }
            let first = self.next_link[c as usize];
            let same_article = first < self.end(c) && self.urls_in(c) == 1 && self.targets[self.link[first as usize] as usize].key == key;
            if !same_article {
                return true;
            }
        }
        own as usize > T::MAX_LABEL_CHARS
    }

    /// Plain link lists need most links to look like articles (an id, a
    /// date, a slug) unless the block is named; lists of tools, services
    /// and sections do not. Cards with a heading or an image are templated
    /// teasers already.
    fn plain_without_articles(&self, cards: &[Card]) -> bool {
        let articles = cards.iter().filter(|c| self.targets[c.target as usize].article).count();
        let rich = cards.iter().filter(|c| self.is_heading_element(c.title_node) || self.image_node(c.node).is_some()).count();
        rich * 2 < cards.len() && articles * 2 <= cards.len()
    }

    /// Is the block named like a teaser block (by class or id), on itself,
    /// a close ancestor, or, for a single box, anything around its headline
    /// (`blockquote.wp-embedded-content` inside wrappers)?
    fn named(&self, e: u32, cards: &[Card]) -> bool {
        let doc = self.doc;
        let own = std::iter::once(e).chain(doc.ancestors(e)).take(T::NAME_SEARCH_LEVELS + 1);
        let inside: Vec<u32> = match cards {
            [card] => std::iter::once(card.title_node).chain(doc.ancestors(card.title_node)).take_while(|&a| a > e).collect(),
            _ => Vec::new(),
        };
        own.chain(inside).any(|a| doc.node(a).hints() & hint::TEASER != 0)
    }

    /// `n` as a block heading, or the heading inside it: a heading element
    /// or a short teaser phrase, without links to articles.
    fn resolve_heading(&self, n: u32) -> Option<u32> {
        let node = self.doc.node(n);
        let chars = self.chars(n) as usize;
        if self.excluded[n as usize] || chars == 0 || chars > T::MAX_HEADER_CHARS || self.links_to_article(n) {
            return None;
        }
        if !node.tag.is_heading() {
            let inner = self.next_heading[n as usize + 1];
            if inner < self.end(n) {
                return self.resolve_heading(inner).filter(|&h| self.doc.node(h).tag.is_heading() || self.is_heading_element(h));
            }
        }
        if chars > T::MAX_GROUP_CHARS {
            return None;
        }
        let heading = self.is_heading_element(n) || matches!(node.tag, Tag::Header | Tag::Legend | Tag::Caption);
        (heading || is_teaser_heading(&self.doc.text(n))).then_some(n)
    }

    /// Are `a` and `b` the same kind of element: one tag, and one class
    /// (or, with modifier classes, the same class words)?
    fn same_kind(&self, a: u32, b: u32) -> bool {
        let (a, b) = (self.doc.node(a), self.doc.node(b));
        a.tag == b.tag && (a.class_hash == b.class_hash || (a.class_hints != 0 && a.class_hints == b.class_hints))
    }

    /// Does `n` hold a link that could make it a card: to an article, or
    /// with a headline for text? A heading may link to its section page
    /// ("Meistgelesen" → /top).
    fn links_to_article(&self, n: u32) -> bool {
        let end = self.end(n);
        let mut l = self.next_link[n as usize];
        for _ in 0..T::MAX_SCAN {
            if l >= end {
                return false;
            }
            if self.targets[self.link[l as usize] as usize].article || is_headline(&self.doc.text(l)) {
                return true;
            }
            l = self.next_link[self.end(l) as usize];
        }
        // Scores of links: a list, not a heading.
        true
    }

    /// A plain short text above a block, as a heading of last resort.
    fn is_label(&self, n: u32) -> bool {
        let chars = self.chars(n) as usize;
        let figure = matches!(self.doc.tag(n), Tag::Figure | Tag::Figcaption | Tag::Picture) || self.image_node(n).is_some();
        if self.excluded[n as usize] || chars == 0 || chars > T::MAX_LABEL_CHARS || self.link_chars(n) > 0 || self.label[n as usize] || figure {
            return false;
        }
        let text = self.doc.text(n);
        words(&text) <= T::MAX_LABEL_WORDS && !text.ends_with('.') && has_letters(&text)
    }

    /// The heading of block `e`. `blocks` are those found so far, so a row
    /// can continue the block above it.
    /// A list's lead card: a single picture card of the same element as the
    /// list's cards, just before the list with nothing else in between
    /// ("Destacado" above "Otros"). It belongs to the block. (A linked
    /// heading before a list is its name, not its lead.)
    fn lead_card(&self, e: u32, cards: &[Card], consumed: &[bool]) -> Option<Card> {
        let doc = self.doc;
        let mut cur = e;
        for _ in 0..T::GROUP_SEARCH_LEVELS {
            let mut s = self.prev_sibling[cur as usize];
            while s != NONE && (!self.has_content(s) || self.excluded[s as usize]) {
                s = self.prev_sibling[s as usize];
            }
            if s != NONE {
                let card = self.card(s).filter(|c| c.strict && !consumed[s as usize])?;
                let template = doc.tag(s) == doc.tag(cards.first()?.node) && self.image_node(s).is_some();
                // "Das könnte Sie auch interessieren:" over a picture names the block.
                let names_block = is_teaser_heading(&card.title) && words(&card.title) <= T::MAX_NAME_WORDS;
                if !template || names_block || self.resolve_heading(s).is_some() || self.label[s as usize] {
                    return None;
                }
                let site = |c: &Card| self.targets[c.target as usize].same_site;
                let new = cards.iter().all(|k| self.targets[k.target as usize].key != self.targets[card.target as usize].key);
                return (site(&card) && new).then_some(card);
            }
            cur = doc.parent(cur);
            if cur == NONE || self.excluded[cur as usize] {
                return None;
            }
        }
        None
    }

    fn block_heading(&self, e: u32, cards: &[Card], lead_card: Option<u32>, blocks: &[Block], by_node: &BTreeMap<u32, usize>) -> Option<Heading> {
        let doc = self.doc;
        let first_card = cards.first()?.node;
        // A heading inside the block, before its first card.
        if let Some(h) = doc.children(e).take_while(|&c| c < first_card).filter_map(|c| self.resolve_heading(c)).last() {
            return Some(Heading::new(h, doc.text(h)));
        }
        // A label in the block's text before its first link ("Lire aussi : <a>").
        let lead = self.leading_text(e, self.next_link[first_card as usize]);
        if is_teaser_heading(&lead) && lead.chars().count() <= T::MAX_GROUP_CHARS {
            return Some(Heading::new(e, lead));
        }
        // A single box's eyebrow: a teaser heading inside it, above the headline.
        if let [card] = cards {
            let mut h = self.next_heading[card.node as usize];
            while h < card.title_node {
                let text = doc.text(h);
                if is_teaser_heading(&text) && text.chars().count() <= T::MAX_GROUP_CHARS {
                    return Some(Heading::new(h, text));
                }
                h = self.next_heading[self.end(h) as usize];
            }
        }
        // Before the block, climbing out of wrappers: a heading, a header
        // holding one, or an earlier row of the same kind; a plain short
        // label as a last resort.
        let mut cur = e;
        let mut fallback: Option<u32> = None;
        let mut levels = 0;
        for _ in 0..T::MAX_GROUP_CLIMB {
            let parent = doc.parent(cur);
            if parent == NONE || self.excluded[parent as usize] {
                break;
            }
            let mut s = self.prev_sibling[cur as usize];
            if s != NONE {
                levels += 1;
            }
            let mut looked = 0;
            let mut visited = 0;
            let mut blocked = false;
            while s != NONE && looked < T::GROUP_SEARCH_SIBLINGS && visited < T::MAX_SIBLINGS_VISITED {
                visited += 1;
                if !self.has_content(s) || self.excluded[s as usize] || Some(s) == lead_card {
                    s = self.prev_sibling[s as usize];
                    continue;
                }
                looked += 1;
                if let Some(h) = self.resolve_heading(s) {
                    return Some(Heading::new(h, doc.text(h)));
                }
                // An earlier row of a list: a wrapper like this one, or a list
                // like this one, that is most of the sibling before.
                let row = by_node.range(s..self.end(s)).next().map(|(_, &i)| &blocks[i]);
                if let Some(Block { node: before, heading: Some(h), named, cards: row_cards }) = row {
                    let same_template = doc.tag(*before) == doc.tag(e) && doc.tag(row_cards[0].node) == doc.tag(first_card);
                    // (Its cards, its lead card above it included.)
                    let row_chars: u32 = row_cards.iter().map(|c| self.chars(c.node)).sum();
                    let most = row_chars.max(self.chars(*before)) * 2 >= self.chars(s);
                    // A single card continues a list only as the next item of
                    // the same kind right after it.
                    let next_item = cur == e && self.same_kind(s, cur);
                    if most && (next_item || (cards.len() > 1 && (self.same_kind(s, cur) || self.same_kind(*before, e) || same_template))) {
                        return Some(Heading { named: h.named || *named, ..h.clone() });
                    }
                }
                if fallback.is_none() && self.is_label(s) {
                    fallback = Some(s);
                    s = self.prev_sibling[s as usize];
                    continue;
                }
                // An intro line between heading and list ("Highlights aus dem Heft:").
                if self.link_chars(s) == 0 && self.chars(s) as usize <= T::MAX_HEADER_CHARS {
                    s = self.prev_sibling[s as usize];
                    continue;
                }
                blocked = true;
                break;
            }
            if blocked || fallback.is_some() || levels >= T::GROUP_SEARCH_LEVELS {
                break;
            }
            cur = parent;
        }
        fallback.map(|s| Heading::new(s, doc.text(s)))
    }

    /// Text of `e` before its descendant `until`, if short.
    fn leading_text(&self, e: u32, until: u32) -> String {
        let doc = self.doc;
        let start = doc.node(e).text_start as usize;
        let stop = doc.node(until).text_start as usize;
        if self.chars_before[stop] - self.chars_before[start] > T::MAX_GROUP_CHARS as u32 {
            return String::new();
        }
        exact(doc.texts_where(start..stop, |_| true))
    }

    /// Text of a headline without kickers, dates, bylines and badges inside
    /// it; a second line after a `<br>` (a writer's name) is left out too.
    fn title_text(&self, n: u32) -> String {
        let doc = self.doc;
        let node = doc.node(n);
        let keep = |o: u32| o == n || !std::iter::once(o).chain(doc.ancestors(o)).take_while(|&a| a != n).any(|a| self.label[a as usize]);
        let br = (n + 1..node.end).take(T::MAX_SCAN).find(|&d| doc.tag(d) == Tag::Br);
        if let Some(br) = br {
            let first_line = doc.texts_where(node.text_start as usize..doc.node(br).text_start as usize, |t| keep(t.owner));
            if is_headline(&first_line) {
                return exact(first_line);
            }
        }
        exact(doc.text_where(n, keep))
    }

    /// The card's lead text: its longest text block outside the headline,
    /// in words, and not mostly links to other pages.
    fn summary(&self, card: &Card) -> Option<String> {
        let doc = self.doc;
        let end = self.end(card.node);
        let own = self.targets[card.target as usize].key.as_str();
        let title_end = self.end(card.title_node);
        let mut best: Option<String> = None;
        let mut d = card.node + 1;
        while d < end {
            let node = doc.node(d);
            if d >= card.title_node && d < title_end {
                d = title_end;
                continue;
            }
            let candidate = matches!(node.tag, Tag::P | Tag::Div | Tag::Span | Tag::Dd | Tag::A | Tag::Section)
                && !self.label[d as usize]
                && !doc.contains(d, card.title_node)
                && !node.tag.is_heading()
                && (self.chars(d) as usize) >= T::MIN_SUMMARY_CHARS
                && !self.has_blocks[d as usize];
            if candidate {
                let foreign: u32 = (node.text_start..node.text_end)
                    .filter(|&t| {
                        let l = self.text_link[t as usize];
                        l != NONE && {
                            let i = self.link[l as usize];
                            i == NONE || self.targets[i as usize].key != own
                        }
                    })
                    .map(|t| doc.texts[t as usize].chars)
                    .sum();
                // Prose has a sentence in one piece, not a row of labels
                // ("turned_in | Artikel gemerkt | 1 Kommentar").
                let sentence = (node.text_start..node.text_end).any(|t| {
                    let t = &doc.texts[t as usize];
                    t.flags & tflag::NON_CONTENT == 0 && t.chars as usize >= T::MIN_SENTENCE_CHARS && has_words(&doc.text_of(t), T::MIN_SUMMARY_WORDS)
                });
                let text = doc.text(d);
                if sentence
                    && (foreign as f64) <= T::MAX_SUMMARY_LINK_SHARE * self.chars(d) as f64
                    && text != card.title
                    && !text.contains(&card.title)
                    && best.as_ref().is_none_or(|b| text.len() > b.len())
                {
                    best = Some(text);
                }
            }
            d += 1;
        }
        best.or_else(|| self.own_lead(card))
    }

    /// The card's own text as its lead, as in `<li><a>Title</a><br>Lead…</li>`.
    fn own_lead(&self, card: &Card) -> Option<String> {
        let doc = self.doc;
        let node = doc.node(card.node);
        if card.title_node == card.node || (self.own_chars(card.node) as usize) < T::MIN_SUMMARY_CHARS {
            return None;
        }
        let texts = node.text_start as usize..node.text_end as usize;
        let own = |t: &TextNode| t.owner == card.node;
        if !doc.texts[texts.clone()].iter().any(|t| own(t) && t.flags & tflag::NON_CONTENT == 0 && has_words(&doc.text_of(t), T::MIN_SUMMARY_WORDS)) {
            return None;
        }
        let out = doc.texts_where(texts, own);
        (!out.contains(&card.title)).then(|| exact(out))
    }

    /// The first image with a source in `card`, among its first elements.
    fn image_node(&self, card: u32) -> Option<u32> {
        let doc = self.doc;
        (card..self.end(card)).take(T::MAX_SCAN).find(|&d| doc.tag(d) == Tag::Img && doc.node(d).has(flag::HAS_IMAGE_SOURCE))
    }

    fn image(&self, card: u32) -> Option<String> {
        let doc = self.doc;
        (card..self.end(card)).filter(|&d| doc.tag(d) == Tag::Img && doc.node(d).has(flag::HAS_IMAGE_SOURCE)).find_map(|d| {
            let m = doc.media(d)?;
            m.src.as_deref().and_then(|s| self.links.image(s)).or_else(|| {
                let first = m.srcset.as_deref()?.split(',').next()?.split_whitespace().next()?;
                self.links.image(first)
            })
        })
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    const PAGE: &str = "https://news.example/politik/story-1";

    fn teasers(html: &str) -> Vec<Found> {
        run(html, PAGE, &[], |_, _| false).found
    }

    fn titles(html: &str) -> Vec<String> {
        teasers(html).into_iter().map(|t| t.title).collect()
    }

    /// Elements inside `<article>` make the article body.
    fn in_article_tag(doc: &Document, n: u32) -> bool {
        std::iter::once(n).chain(doc.ancestors(n)).any(|a| doc.tag(a) == Tag::Article)
    }

    /// Runs detection; `article(doc, n)` marks the article body.
    fn run(html: &str, url: &str, aliases: &[&str], article: impl Fn(&Document, u32) -> bool) -> Teasers {
        let s = scan(html);
        let links = Links::new(Some(url), None);
        let mask: Vec<bool> = (0..s.doc.len() as u32).map(|n| article(&s.doc, n)).collect();
        find(&s.doc, &links, &Page { url: Some(url), aliases, in_article: &mask }, crate::Options::new().deadline()).unwrap()
    }

    /// A list of `n` plain links to articles.
    fn list(n: usize) -> String {
        (0..n).map(|i| format!(r#"<li><a href="/politik/die-geschichte-nummer-{i}">Die Geschichte mit der Nummer {i}</a></li>"#)).collect()
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
    fn short_titles_count_in_a_block_of_picture_cards_of_one_template() {
        let card = |slug: &str, title: &str| format!(r#"<li class="post"><a href="/{slug}/"><img src="/{slug}.jpg"></a><a class="title" href="/{slug}/">{title}</a></li>"#);
        let block = format!(
            "<h3>Neueste Beiträge</h3><ul class=recent>{}{}{}</ul>",
            card("landhausstil-homestory-upstate-ny", "Landhausstil mit Luxusdetails im Norden"),
            card("trends-2022-rueckblick", "Die Lieblingstrends der Redaktion aus 2022"),
            card("trendwatch-travertin", "Trendwatch: Travertin")
        );
        assert_eq!(titles(&block).len(), 3, "{:?}", titles(&block));
        // Without pictures the same short title stays out: menus share templates too.
        let plain = block.replace(r#"<img src=""#, r#"<span data-src=""#);
        assert!(!titles(&plain).iter().any(|t| t == "Trendwatch: Travertin"), "{:?}", titles(&plain));
    }

    #[test]
    fn a_lead_card_above_its_list_belongs_to_the_block() {
        let card = |class: &str, slug: &str, title: &str| {
            format!(r#"<article class="{class}"><a href="/2022/05/03/{slug}"><img src="/{slug}.jpg"></a><h4><a href="/2022/05/03/{slug}">{title}</a></h4></article>"#)
        };
        let html = format!(
            r#"<body><section class=head><h3><a href="/videos">Videos</a></h3></section><section class=videos>{}<section class=others><div class=row>{}{}</div></section></section></body>"#,
            card("big", "lead-story-of-the-day", "The lead story of the day with a long headline"),
            card("small", "second-story-in-the-list", "The second story in the list of videos"),
            card("small", "third-story-in-the-list", "The third story in the list of videos"),
        );
        let t = teasers(&html);
        let got: Vec<(&str, Option<&str>)> = t.iter().map(|t| (t.title.as_str(), t.group.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("The lead story of the day with a long headline", Some("Videos")),
                ("The second story in the list of videos", Some("Videos")),
                ("The third story in the list of videos", Some("Videos")),
            ]
        );
        // A linked heading above a list names it; it is no lead card.
        let named = html.replace(&card("big", "lead-story-of-the-day", "The lead story of the day with a long headline"), "");
        assert_eq!(teasers(&named).len(), 2);
    }

    #[test]
    fn boxes_listed_one_after_another_share_their_heading() {
        let html = r#"<body><div class="linklist teaser-links"><p><strong>Mehr zu diesem Thema:</strong></p><ul>
            <li><a href="/investigativ/whistleblowerin-gegen-rheinmetall-101.html">Eine Whistleblowerin gegen Rheinmetall, 04.06.2019</a></li>
            <li><a href="/ausland/ruestungs-exporte-saudi-arabien-101.html">Rüstung für Saudi-Arabien: Exporte dank Lücken im Gesetz</a></li>
            <li><strong>Alle Meldungen zum Thema</strong> | <a rel="tag" href="/thema/investigativ/">Investigativ</a> | <a rel="tag" href="/thema/rheinmetall/">Rheinmetall</a></li>
            <li><a href="/atlas/#letzte-24-stunden"><strong>Nachrichtenatlas</strong> | Deutschland</a></li>
            </ul></div></body>"#;
        let t = teasers(html);
        let groups: Vec<Option<&str>> = t.iter().map(|t| t.group.as_deref()).collect();
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(groups, vec![Some("Mehr zu diesem Thema:"); 2]);
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

    #[test]
    fn sites_are_registrable_domains() {
        assert_eq!(site_key("sport.aktualne.cz"), site_key("zpravy.aktualne.cz"));
        assert_eq!(site_key("www.bbc.co.uk"), "bbc");
        assert_eq!(site_key("a.blogspot.com"), site_key("a.blogspot.de"));
        assert_ne!(site_key("a.wordpress.com"), site_key("b.wordpress.com"));
        assert_ne!(site_key("news.example"), site_key("other.example"));
    }

    #[test]
    fn subdomains_and_the_canonical_host_are_the_same_site() {
        let html = r#"<h2>Mehr zum Thema</h2><ul>
            <li><a href="https://sport.news.example/fussball/ein-langer-artikel-1">Ein langer Artikel über Fußball</a></li>
            <li><a href="https://www.news.example/politik/noch-ein-artikel-2">Noch ein langer Artikel zur Politik</a></li></ul>"#;
        assert_eq!(run(html, PAGE, &[], |_, _| false).found.len(), 2);
        // The page saved elsewhere: its canonical URL names the site.
        assert!(run(html, "http://mirror.example/saved/page.html", &[], |_, _| false).found.is_empty());
        let t = run(html, "http://mirror.example/saved/page.html", &["https://www.news.example/politik/story-1"], |_, _| false).found;
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn teaser_headings_fit_the_prefix_that_is_read() {
        let longest = TEASER_HEADINGS.iter().map(|h| h.trim_end_matches('*').chars().count()).max().unwrap_or(0);
        assert!(longest <= T::MAX_TEASER_HEADING_CHARS, "{longest}");
        assert!(is_teaser_heading(&format!("Das könnte Sie auch interessieren {}", "und mehr ".repeat(200))));
        assert!(!is_teaser_heading("") && !is_teaser_heading("  "));
    }

    #[test]
    fn teaser_headings_are_whole_words_unless_stems() {
        for named in ["Related", "Related articles", "Most popular:", "Empfehlungen der Redaktion", "Meistgelesene Artikel", "Noticias relacionadas", "Lire:La suite"] {
            assert!(is_teaser_heading(named), "{named}");
        }
        for plain in ["Popularity and criticism", "More interesting still", "Relatedness of species"] {
            assert!(!is_teaser_heading(plain), "{plain}");
        }
    }

    #[test]
    fn url_shapes() {
        assert_eq!(shape("/tr/artikel/High-mit-Hefe-4446557.html", None), Shape::Article);
        assert_eq!(shape("/blog/2016/07/11/cut/", None), Shape::Article);
        assert_eq!(shape("/was-ist-handysucht", None), Shape::Article);
        assert_eq!(shape("/de/newsroom/19-01-2021-die-besten-biathleten/17-335.html", None), Shape::Article);
        assert_eq!(shape("/index.php", Some("p=123&utm_source=x")), Shape::Article);
        assert_eq!(shape("/politik/", None), Shape::Section);
        assert_eq!(shape("/meine-welt/gesundheit/", None), Shape::Section);
        assert_eq!(shape("/noticias/opinion/cartas/", None), Shape::Section);
        assert_eq!(shape("/noticias/opinion/2022/05/03/crisis-habitacional/", None), Shape::Article);
        assert_eq!(shape("/topics", Some("source=post_page-----d146a92473a1")), Shape::Section);
        assert_eq!(shape("/user-uebersicht/", Some("u=42814")), Shape::Other);
        assert_eq!(shape("/rot-einrichten/", None), Shape::Other);
        assert_eq!(shape("/autos-kaufen/neuwagen-konfigurator.php", None), Shape::Other);
        assert_eq!(shape("/faz-net-services/apps/", None), Shape::Other);
        assert_eq!(shape("/2019/08/", None), Shape::Other);
    }

    #[test]
    fn section_pages_are_not_teasers() {
        let t = titles(r#"<h2>Ressorts</h2><ul><li><a href="/politik/">Alles aus der Politik heute</a></li><li><a href="/wirtschaft">Alles aus der Wirtschaft heute</a></li><li><a href="/meine-welt/gesundheit/">Alles rund um die Gesundheit</a></li></ul>"#);
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn short_titles_need_article_urls() {
        let t = titles(
            r#"<h3>Neueste Artikel</h3><ul>
            <li><a href="/blog/2019/05/29/time-for-action/">Time for Action in Berlin</a></li>
            <li><a href="/blog/2016/07/11/cut/">Cut</a></li>
            <li><a href="/blog/bloggedanken/">Bloggedanken</a></li></ul>"#,
        );
        assert_eq!(t, ["Time for Action in Berlin", "Cut"]);
        // ...and at least one real headline beside them: model names with ids are no stories.
        let t = titles(r#"<ul><li><a href="/autos/golf-12345.html">Golf</a></li><li><a href="/autos/passat-12346.html">Passat</a></li><li><a href="/autos/polo-12347.html">Polo</a></li></ul>"#);
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn non_article_paths_match_whole_segments() {
        assert!(is_non_article_path("/tag/politik"));
        assert!(is_non_article_path("/impressum.html"));
        assert!(is_non_article_path("/tag_maladie/coronavirus_10130/"));
        assert!(is_non_article_path("/@francoise_93266"));
        assert!(is_non_article_path("/_rss/news_rss_iso.php"));
        assert!(is_non_article_path("/files/startlist_1.pdf"));
        assert!(!is_non_article_path("/ohneq/subscribe-8-in-muenchen-vortrag/"));
        assert!(!is_non_article_path("/@francoise_93266/the-pinterest-paradox-57ed6bd76960"));
        assert!(!is_non_article_path("/how-to-feed-your-cat-well/"));
        assert!(is_non_article_path("/datenschutzerklaerung/"));
        assert!(!is_non_article_path("/ratgeber/kontakte-offline-sichern-android"));
    }

    #[test]
    fn shops_downloads_actions_and_other_languages_are_not_teasers() {
        let html = r#"<h2>Mehr zum Thema</h2><ul>
            <li><a href="https://shop.news.example/katalog/heft-07-2019-bestellen">Das Heft jetzt im Laden bestellen</a></li>
            <li><a href="/flag/bookmark/12428?destination=node/1&token=abc">Einen Lesezeichen-Eintrag erstellen</a></li>
            <li><a href="/files/das-heft-als-download-07.pdf">Das ganze Heft als Download</a></li>
            <li><a href="/en/politics/a-story-in-english-12345">A story in the English edition</a></li>
            </ul>"#;
        let html = html.replace("</ul>", &list(8).replace("/politik/", "/de/politik/")) + "</ul>";
        let html = html.replace("<ul>", r#"<ul><li><a href="https://kleinanzeigen.news.example/autos/vw-golf-zum-verkauf">Volkswagen Golf zum Verkauf</a></li>"#);
        let t: Vec<String> = run(&html, "https://news.example/de/politik/story-1", &[], |_, _| false).found.into_iter().map(|t| t.title).collect();
        assert_eq!(t.len(), 8, "{t:?}");
        assert!(t.iter().all(|t| t.starts_with("Die Geschichte")), "{t:?}");
        assert_eq!(language_of("/pt-br/noticias/x"), Some("pt-br"));
        assert_eq!(language_of("/politik/x"), None);
    }

    #[test]
    fn archived_copies_are_judged_by_the_url_inside() {
        let page = "https://web.archive.org/web/2016/http://blog.example/2010/05/a-post";
        // Other sites' home pages, whatever their link texts say.
        let html = r#"<h3>Links</h3><ul>
            <li><a href="https://web.archive.org/web/2016/http://www.boersenblatt.example/">Börsenblatt, the magazine of the book trade</a></li>
            <li><a href="https://web.archive.org/web/2016/http://www.buchreport.example/">Buchreport, news from the book business</a></li></ul>"#;
        assert!(run(html, page, &[], |_, _| false).found.is_empty());
        // Posts of the archived blog are its teasers; the post itself is not.
        let post = |slug: &str, title: &str| format!(r#"<li><a href="https://web.archive.org/web/2016/http://blog.example/2010/04/{slug}">{title}</a></li>"#);
        let html = format!(
            "<h3>Recent posts</h3><ul>{}{}{}</ul>",
            post("the-spring-book-fair", "The spring book fair in Leipzig was busy"),
            post("a-new-bookshop-opens", "A new bookshop opens in the old town"),
            r#"<li><a href="https://web.archive.org/web/2017/http://blog.example/2010/05/a-post">This very post, archived a year later</a></li>"#,
        );
        let found = run(&html, page, &[], |_, _| false).found;
        assert_eq!(found.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["The spring book fair in Leipzig was busy", "A new bookshop opens in the old town"]);
    }

    #[test]
    fn the_page_itself_and_its_parts_are_not_teasers() {
        let page = "https://news.example/politik/die-grosse-geschichte-1";
        let html = format!(
            r#"<h2>Neueste Beiträge</h2><ul>{}<li><a href="http://www.news.example/politik/die-grosse-geschichte-1/">Die Geschichte auf dieser Seite</a></li><li><a href="/politik/die-grosse-geschichte-1/galerie">Die Bilder zu dieser Geschichte</a></li></ul>"#,
            list(2)
        );
        let t = run(&html, page, &[], |_, _| false).found;
        assert_eq!(t.len(), 2, "{t:?}");
        // A short link carries the page's id.
        let page = "https://news.example/tr/artikel/Lithium-aus-dem-Schredder-4451133.html";
        let html = format!(r#"<h2>Neueste Beiträge</h2><ul>{}<li><a href="https://news.example/-4451133">Diesen Beitrag jetzt mit anderen teilen</a></li></ul>"#, list(4));
        assert_eq!(run(&html, page, &[], |_, _| false).found.len(), 4);
        assert_eq!(last_id("/a/b-20240309-4460.html"), None);
        assert_eq!(last_id("/a/b-nid03052022/"), None);
        assert_eq!(last_id("/a/Lithium-4451133.html"), Some("4451133"));
    }

    #[test]
    fn page_level_classes_do_not_exclude() {
        let html = format!(r#"<html><body class="sticky-navigation breadcrumbs-hidden"><h2>Related</h2><ul>{}</ul></body></html>"#, list(2));
        assert_eq!(teasers(&html).len(), 2);
    }

    #[test]
    fn clutter_classes_around_the_article_do_not_exclude() {
        let html = format!(r#"<div class="has-navigation"><article><p>Der Text.</p></article><h2>Related</h2><ul>{}</ul></div>"#, list(2));
        assert_eq!(run(&html, PAGE, &[], in_article_tag).found.len(), 2);
        let html = format!(r#"<div class="has-navigation"><h2>Related</h2><ul>{}</ul></div>"#, list(2));
        assert!(teasers(&html).is_empty());
    }

    #[test]
    fn footer_blocks_need_a_name() {
        assert!(teasers(&format!("<footer><h4>Service</h4><ul>{}</ul></footer>", list(3))).is_empty());
        assert_eq!(teasers(&format!("<footer><h4>Meistgelesen</h4><ul>{}</ul></footer>", list(3))).len(), 3);
        assert_eq!(teasers(&format!(r#"<div class=footerRow><div class=relatedItems><ul>{}</ul></div></div>"#, list(3))).len(), 3);
    }

    #[test]
    fn the_card_link_is_the_one_with_the_most_text() {
        let card = |i: u32| {
            format!(
                r#"<div class=teaser><h3 class=index><a href="https://cyfrowa.news.example/gry-i-e-sport-{i}">Gry i e-sport</a></h3><a href="/politik/die-lange-geschichte-{i}"><div class=title>Die lange Geschichte mit der Nummer {i}</div></a></div>"#
            )
        };
        let t = teasers(&format!("<h2>Najnowsze</h2><div>{}{}</div>", card(1), card(2)));
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].title, "Die lange Geschichte mit der Nummer 1");
        assert_eq!(t[0].url, "https://news.example/politik/die-lange-geschichte-1");
    }

    #[test]
    fn headings_that_link_elsewhere_are_labels() {
        let card = |i: u32| format!(r#"<div class=teaser><h3><a href="/finanse">Finanse und Wirtschaft</a></h3><a href="/finanse/die-geschichte-{i}">Die Geschichte mit der Nummer {i}</a></div>"#);
        assert_eq!(titles(&format!("<div>{}{}</div>", card(1), card(2))), ["Die Geschichte mit der Nummer 1", "Die Geschichte mit der Nummer 2"]);
    }

    #[test]
    fn read_more_and_service_links_are_never_titles() {
        let t = titles(
            r#"<h2>Related</h2><div>
            <div><h3><a href="/politik/erste-geschichte-1">Die erste Geschichte des Tages</a></h3></div>
            <div><h3><a href="/politik/zweite-geschichte-2">Die zweite Geschichte des Tages</a></h3></div>
            <div><h3>Kurz</h3><a href="/politik/dritte-geschichte-3">Read more</a></div></div>"#,
        );
        assert_eq!(t, ["Die erste Geschichte des Tages", "Die zweite Geschichte des Tages"]);
        assert!(is_read_more("Weiterlesen »"));
        assert!(is_read_more("Cookie Policy"));
        assert!(is_read_more("@helenrsullivan"));
        assert!(!is_read_more("Cookie de Chocolate"));
    }

    #[test]
    fn links_to_one_article_side_by_side_are_one_card() {
        let html = r#"<article><p>Der Text des Artikels, lang genug.</p>
            <div class=infokasten><h3></h3><div class=teaser>
            <div class=media><a href="/inland/vorwuerfe-gegen-rheinmetall-101.html"><img src="/i.jpg"></a></div>
            <p class=dachzeile><a href="/inland/vorwuerfe-gegen-rheinmetall-101.html">Waffenexporte nach Saudi-Arabien</a></p>
            <h4 class=headline><a href="/inland/vorwuerfe-gegen-rheinmetall-101.html">Vorwürfe gegen Rheinmetall in Italien</a></h4>
            <p class=teasertext><a href="/inland/vorwuerfe-gegen-rheinmetall-101.html">Der Rüstungskonzern gerät in Italien unter Druck.</a> | <a href="/inland/vorwuerfe-gegen-rheinmetall-101.html">mehr</a></p>
            </div></div></article>"#;
        let found = run(html, PAGE, &[], in_article_tag);
        assert_eq!(found.found.len(), 1, "{:?}", found.found);
        assert_eq!(found.found[0].title, "Vorwürfe gegen Rheinmetall in Italien");
        assert!(found.found[0].summary.as_deref().unwrap().starts_with("Der Rüstungskonzern"));
        assert_eq!(found.found[0].image.as_deref(), Some("https://news.example/i.jpg"));
        // Two lines of one card, both linked: one teaser.
        let html = r#"<div><div class=teaser><p><a href="/inland/die-geschichte-101.html">Die Geschichte von heute Abend</a></p><p><a href="/inland/die-geschichte-101.html">Alles zur Geschichte von heute</a></p></div></div>"#;
        assert_eq!(teasers(html).len(), 1);
    }

    #[test]
    fn running_text_is_no_block() {
        let html = r#"<div><p>Wie wir schon berichtet haben, gibt es <a href="/politik/ein-alter-artikel-1">einen alten Artikel dazu</a> und außerdem <a href="/politik/noch-ein-artikel-2">noch einen zweiten Artikel</a>, die beide lesenswert sind, finden wir.</p></div>"#;
        assert!(teasers(html).is_empty());
        // A link inside a sentence is no card's headline either.
        let para = |i: u32| format!(r#"<div class=body><p>Ein ganzer Satz mit viel Text davor, der weitergeht, und dann <a href="/politik/ein-bezug-{i}">ein Bezug auf Artikel {i}</a> im Satz.</p></div>"#);
        assert!(teasers(&format!("<div>{}{}</div>", para(1), para(2))).is_empty());
    }

    #[test]
    fn cards_repeat_in_kind() {
        // A headline and the byline link under it are one card, not two.
        let card = |i: u32| {
            format!(
                r#"<div class=card><div class=head><h2><a href="/story/the-long-story-number-{i}">The long story number {i} here</a></h2></div><div class=by><span><a href="/javascript-in-plain-english">JavaScript In Plain English</a></span></div></div>"#
            )
        };
        let t = titles(&format!("<h2>More From Medium</h2><div>{}{}</div>", card(1), card(2)));
        assert_eq!(t, ["The long story number 1 here", "The long story number 2 here"]);
    }

    #[test]
    fn other_sites_only_inside_a_block_of_this_site() {
        let card = |url: &str, i: u32| format!(r#"<div class=card><h2><a href="{url}">The long story number {i} here</a></h2></div>"#);
        let mixed = format!(
            "<h2>Related</h2><div>{}{}{}</div>",
            card("/p/story-one-of-this-site-1", 1),
            card("/p/story-two-of-this-site-2", 2),
            card("https://eand.example/a-story-on-another-site-3", 3)
        );
        assert_eq!(teasers(&mixed).len(), 3);
        let foreign = format!("<h2>Related</h2><div>{}{}</div>", card("https://a.example/a-story-elsewhere-1", 1), card("https://b.example/a-story-elsewhere-2", 2));
        assert!(teasers(&foreign).is_empty());
    }

    #[test]
    fn plain_link_lists_need_article_urls() {
        let t = titles(
            r#"<aside><h2>Shortcuts</h2><div><a href="/fifa-22/players/">FIFA 22 Players list</a><br><a href="/fifa-22-buy/">FIFA 22 Pre-order</a><br><a href="/football-star/">Football Star Game</a><br><a href="/tools/compare/">Compare the players</a></div></aside>"#,
        );
        assert!(t.is_empty(), "{t:?}");
        // A named list of plain links needs no article URLs.
        let named = r#"<section class=widget_popular><h2>Beliebte Ratgeber</h2><ul><li><a href="/ratgeber/solar/balkonkraftwerk-anmelden/">Balkonkraftwerk anmelden: So geht es</a></li><li><a href="/ratgeber/heizung/hydraulischer-abgleich/">Hydraulischer Abgleich: Wann er Pflicht ist</a></li></ul></section>"#;
        assert_eq!(teasers(named).len(), 2);
        assert!(teasers(&named.replace("widget_popular", "widget")).is_empty());
        // Cards with a heading are templated teasers already.
        let card = |u: &str| format!(r#"<div><h3><a href="{u}">A guide to doing {u}</a></h3></div>"#);
        assert_eq!(teasers(&format!("<div>{}{}</div>", card("/guides/first-loaf"), card("/guides/feeding-times"))).len(), 2);
    }

    #[test]
    fn a_single_box_needs_a_name_and_an_article_url() {
        let article = |inner: &str| format!("<article><p>Ein langer Absatz des Artikels mit viel Text darin.</p>{inner}<p>Noch ein Absatz mit Text.</p></article>");
        let box_ = article(r#"<p>Lesen Sie auch: <a href="/politik/ein-anderer-artikel-12">Ein anderer Artikel zum Thema hier</a></p>"#);
        let found = run(&box_, PAGE, &[], in_article_tag);
        assert_eq!(found.found.len(), 1);
        assert_eq!(found.found[0].group.as_deref(), Some("Lesen Sie auch:"));
        assert_eq!(found.blocks.len(), 1, "the box leaves the body");
        let plain = article(r#"<p>Siehe: <a href="/politik/ein-anderer-artikel-12">Ein anderer Artikel zum Thema hier</a></p>"#);
        assert!(run(&plain, PAGE, &[], in_article_tag).found.is_empty());
        let partner = r#"<div class=footerteaser><div class=teaserheadline>Starke Partner</div><a href="/starke-partner/partner-sponsoren/40-0.html">Partner &amp; Sponsoren hier</a></div>"#;
        assert!(teasers(partner).is_empty());
    }

    #[test]
    fn a_single_box_is_the_outermost_element_around_its_card() {
        let html = r#"<div class=con><div class=infokasten><h3>Mehr</h3><div class=teaser><h4><a href="/inland/ein-artikel-101.html">Vorwürfe gegen Rheinmetall in Italien</a></h4><p><a href="/inland/ein-artikel-101.html">mehr</a></p></div></div><p>Anderer Inhalt daneben, mit genug Text für einen Absatz.</p></div>"#;
        let s = scan(html);
        let found = run(html, PAGE, &[], |_, _| false);
        assert_eq!(found.found.len(), 1);
        let root = found.blocks[0];
        assert_eq!(s.doc.tag(root), Tag::Div);
        assert_eq!(s.doc.tag(s.doc.parent(root)), Tag::Div, "the infokasten, inside the container");
        assert_eq!(s.doc.children(root).count(), 2);
    }

    #[test]
    fn a_single_boxs_eyebrow_is_its_group() {
        let html = r#"<article><p>Ein langer Absatz des Artikels mit viel Text darin.</p><div class=promote><a href="/2023/11/03/israel-gaza-war-politics/"><img src="/t.jpg"><span><h2>Related</h2><h3>Inside the White House, doubts creep in</h3></span></a></div><p>Noch ein Absatz.</p></article>"#;
        let t = run(html, PAGE, &[], in_article_tag).found;
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].title, "Inside the White House, doubts creep in");
        assert_eq!(t[0].group.as_deref(), Some("Related"));
    }

    #[test]
    fn a_single_box_ends_at_its_own_heading() {
        let html = r#"<div class=mod><div class=box><h3>Mehr zum Thema</h3><ul><li><a href="/a/erste-geschichte-1">Die erste Geschichte des Tages</a></li><li><a href="/a/zweite-geschichte-2">Die zweite Geschichte des Tages</a></li></ul></div></div>
            <div class=mod><div class=box><h3>Aus dem Archiv</h3><div class=teaser><ul><li><a href="/a/alte-geschichte-3">Die alte Geschichte aus dem Archiv</a></li></ul></div></div></div>"#;
        let t = teasers(&format!("<div>{html}</div>"));
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].group.as_deref(), Some("Aus dem Archiv"));
    }

    #[test]
    fn in_article_blocks_need_a_name() {
        let sources = format!("<article><p>Ein Absatz des Artikels mit Text.</p><ul>{}</ul></article>", list(3));
        assert!(run(&sources, PAGE, &[], in_article_tag).found.is_empty());
        let related = format!("<article><p>Ein Absatz des Artikels mit Text.</p><h3>Mehr zum Thema</h3><ul>{}</ul></article>", list(3));
        let found = run(&related, PAGE, &[], in_article_tag);
        assert_eq!(found.found.len(), 3);
        assert_eq!(found.blocks.len(), 2, "the list and its heading leave the body");
    }

    #[test]
    fn blocks_never_swallow_the_article() {
        let html = format!("<div><article><p>Der Text des Artikels.</p></article>{}</div>", list(2).replace("li>", "div>"));
        assert!(run(&html, PAGE, &[], in_article_tag).found.is_empty());
    }

    #[test]
    fn group_from_a_header_around_a_heading() {
        let html = format!(
            r#"<aside><header><a href="/"><h2>heise online <span>Top-News der Redaktion</span></h2><nav>Zur Startseite</nav></a></header><div>{}</div></aside>"#,
            list(2).replace("li>", "div>")
        );
        let t = teasers(&html);
        assert_eq!(t[0].group.as_deref(), Some("heise online Top-News der Redaktion"));
    }

    #[test]
    fn group_from_a_heading_that_links_to_its_section() {
        let html = format!(r#"<div><h2><a href="/nachrichten/meinung/top">Meistgelesen</a></h2><ul>{}</ul></div>"#, list(2));
        assert_eq!(teasers(&html)[0].group.as_deref(), Some("Meistgelesen"));
    }

    #[test]
    fn group_from_a_plain_label() {
        let html = format!(r#"<aside><span class=entete>Loi sur le renseignement</span><div class=contenu><ul>{}</ul></div></aside>"#, list(2));
        assert_eq!(teasers(&html)[0].group.as_deref(), Some("Loi sur le renseignement"));
        // A caption is no label.
        let html = format!(r#"<div><figure><img src="/c.jpg"><figcaption>Heft 7</figcaption></figure><ul>{}</ul></div>"#, list(2));
        assert_eq!(teasers(&html)[0].group, None);
    }

    #[test]
    fn group_skips_an_intro_line() {
        let html = format!(r#"<div><h2>TR 7/2019</h2><div><p>Dieser Beitrag stammt aus dem Heft. Highlights aus dem Heft:</p><ul>{}</ul></div></div>"#, list(2));
        assert_eq!(teasers(&html)[0].group.as_deref(), Some("TR 7/2019"));
    }

    #[test]
    fn group_climbs_out_of_wrappers() {
        let html = format!(r#"<section><h2>more on this story</h2><div><div><div><div><ul>{}</ul></div></div></div></div></section>"#, list(2));
        assert_eq!(teasers(&html)[0].group.as_deref(), Some("more on this story"));
    }

    #[test]
    fn later_rows_continue_the_first_rows_group() {
        let row = |from: usize| {
            (from..from + 2).map(|i| format!(r#"<div class=col><a href="/news/die-geschichte-{i}"><h3>Die Geschichte mit der Nummer {i}</h3></a></div>"#)).collect::<String>()
        };
        let html = format!(
            r#"<div class=footer-hook><div class=recommended-box><h3>Das könnte Sie auch interessieren</h3><div class=row>{}</div></div><div class="recommended-box no-top-border"><div class=row>{}</div></div></div>"#,
            row(1),
            row(3)
        );
        let t = teasers(&html);
        assert_eq!(t.len(), 4);
        assert!(t.iter().all(|t| t.group.as_deref() == Some("Das könnte Sie auch interessieren")), "{t:?}");
    }

    #[test]
    fn a_heading_holding_a_teaser_is_no_group() {
        let card = |i: u32| format!(r#"<li><h3><a href="/mode/ein-artikel-ueber-mode-{i}">Ein Artikel über Mode Nummer {i}</a></h3></li>"#);
        let t = teasers(&format!("<ul>{}{}{}</ul>", card(1), card(2), card(3)));
        assert_eq!(t.len(), 3);
        assert!(t.iter().all(|t| t.group.is_none()), "{t:?}");
    }

    #[test]
    fn titles_leave_out_labels_and_second_lines() {
        let t = titles(
            r#"<h2>Up Next</h2><div>
            <div><a href="/2020/01/17/little-america-review/">"Little America" is a joyful road trip<br><span class=writer>Melanie McFarland</span></a></div>
            <div><a href="/2020/01/17/clinton-urges-voters/"><h1><span class=a-teaser__kicker>#heiseshow</span> Clinton urges voters to act</h1></a></div>
            <div><a href="/2020/01/18/loi-expliquee-en-patates/">La loi expliquée en patates <span class=type><span class=ico></span>Vidéo</span></a></div>
            </div>"#,
        );
        assert_eq!(t, ["\"Little America\" is a joyful road trip", "Clinton urges voters to act", "La loi expliquée en patates"]);
    }

    #[test]
    fn summaries_are_prose() {
        let card = |i: u32, extra: &str| format!(r#"<li><h3><a href="/a/die-geschichte-{i}">Die Geschichte mit der Nummer {i}</a></h3>{extra}</li>"#);
        let t = teasers(&format!(
            "<h2>Meistgelesen</h2><ul>{}{}{}</ul>",
            card(1, r#"<p class=subtitle>Die Wahl zu haben, ist ein Privileg für uns alle.</p>"#),
            card(2, r#"<p><span><i>turned_in</i><span>Artikel gemerkt</span></span> | <a href="/a/die-geschichte-2#comments">1 Kommentar</a></p>"#),
            card(3, r#"<p><a href="/autor/nathaniel">Nathaniel Kessler</a> in <a href="/javascript-in-plain-english">JavaScript In Plain English</a></p>"#)
        ));
        assert!(t[0].summary.as_deref().unwrap().starts_with("Die Wahl zu haben"));
        assert_eq!(t[1].summary, None);
        assert_eq!(t[2].summary, None);
    }

    #[test]
    fn archives_are_not_teasers() {
        let html = format!(r#"<div class="widget BlogArchive"><h2>Blog Archive</h2><ul><li><a href="/2011/">2011</a><span>(62)</span><ul>{}</ul></li></ul></div>"#, list(3));
        assert!(teasers(&html).is_empty());
    }

    #[test]
    fn wordpress_embeds_in_the_body_are_boxes() {
        let html = r#"<article><p>Ein langer Absatz des Artikels mit viel Text darin.</p>
            <div class=wpb_raw_code><div class=wpb_wrapper><blockquote class="wp-embedded-content"><a href="/politik/ein-anderer-artikel-12">Ein anderer Artikel zum Thema hier</a></blockquote></div></div>
            <p>Noch ein Absatz mit Text.</p></article>"#;
        let found = run(html, PAGE, &[], in_article_tag).found;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].group, None);
    }

    #[test]
    fn a_lead_after_a_line_break_is_the_summary() {
        let item = |i: u32| format!(r#"<li><a href="/rezept-bananeneis-nummer_1553{i}.html">Rezept – Bananeneis Nummer {i}</a><br>Durch das Karamellisieren entwickelt dieses Eis ein intensives Aroma.</li>"#);
        let t = teasers(&format!("<h2>Rezepte mit Bananen</h2><ul>{}{}</ul>", item(1), item(2)));
        assert_eq!(t.len(), 2);
        assert!(t[0].summary.as_deref().unwrap().starts_with("Durch das Karamellisieren"));
    }

    #[test]
    fn query_ids_have_id_names() {
        assert_eq!(shape("/news/news_lang.php", Some("ArtNr=335594")), Shape::Article);
        assert_eq!(shape("/service/news_view.htm", Some("lang=e&Seq_Code=181533")), Shape::Article);
        assert_ne!(shape("/service/list.htm", Some("userid=12345")), Shape::Article);
        assert_ne!(shape("/service/list.htm", Some("utm_campaign=2020123")), Shape::Article);
        assert_eq!(shape("/view.htm", Some("seqCode=181533")), Shape::Article);
        assert_ne!(shape("/stores.htm", Some("zipcode=10115")), Shape::Article);
        assert_ne!(shape("/shop.htm", Some("promocode=20242")), Shape::Article);
        assert_ne!(shape("/stores.htm", Some("ZIPCODE=10115")), Shape::Article);
        assert_ne!(shape("/stores.htm", Some("PostalCode=10115")), Shape::Article);
    }

    #[test]
    fn one_caption_under_every_picture_is_no_list() {
        let pic = |i: u32| format!(r#"<div><a href="/fotos/hyundai-santa-fe-bild-00{i}.html"><img src="/b{i}.jpg"><span>(Bildquelle: auto-motor.at/Stefan Gruber)</span></a></div>"#);
        assert!(teasers(&format!("<div>{}{}{}</div>", pic(1), pic(2), pic(3))).is_empty());
    }

    #[test]
    fn post_order_puts_children_first() {
        let s = scan("<div><p><b></b></p><p></p></div>");
        let tags: Vec<&str> = post_order(&s.doc).iter().map(|&n| s.doc.tag(n).name()).collect();
        let at = |t: &str| tags.iter().position(|x| *x == t).unwrap();
        assert!(at("b") < at("p") && at("p") < at("div"));
    }
}
