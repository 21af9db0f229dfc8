//! Metadata: title, byline, excerpt, site name, date, lead image.
//!
//! Sources in Readability's order of trust: JSON-LD (`Article` types,
//! including `@graph`), then `<meta>` (Dublin Core, OpenGraph, Twitter,
//! `article:*`, Parse.ly, Weibo, plain `author`/`description`), then the
//! `<title>` element with the site name cut off.

use crate::dom::Document;
use crate::json::{self, Value};
use crate::lowercase::lowercase;
use crate::tags::Tag;

/// A `<meta>` element's keys (lowercased) and content.
#[derive(Clone, Debug, Default)]
pub(crate) struct MetaTag {
    pub name: Option<String>,
    pub property: Option<String>,
    pub itemprop: Option<String>,
    pub content: String,
}

/// What the scan collects for metadata.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawMeta {
    pub title: Option<String>,
    pub metas: Vec<MetaTag>,
    pub json_ld: Vec<String>,
    pub html_lang: Option<String>,
    pub html_dir: Option<String>,
    pub canonical: Option<String>,
    pub base_href: Option<String>,
}

/// Metadata after choosing between sources (URLs not yet resolved).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lead_image: Option<String>,
}

/// `@type`s of schema.org articles (Readability `jsonLdArticleTypes`).
const ARTICLE_TYPES: &[&str] = &[
    "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting",
    "BlogPosting", "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
];
/// `<meta property>` prefixes and keys Readability reads.
const PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
const PROPERTY_KEYS: &[&str] = &["author", "creator", "description", "published_time", "title", "site_name"];
/// `<meta name>` prefixes and keys.
const NAME_PREFIXES: &[&str] = &["dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage"];
const NAME_KEYS: &[&str] = &["author", "creator", "pub-date", "description", "title", "site_name"];
/// Meta keys for the lead image, best first (ours; Readability has none).
const IMAGE_KEYS: &[&str] = &["og:image:secure_url", "og:image:url", "og:image", "twitter:image", "twitter:image:src", "thumbnail"];
/// Title separators; the ones after `|` and `-` mark hierarchy.
const SEPARATORS: &[char] = &['|', '-', '\\', '/', '>', '»'];
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];
/// Document titles shorter or longer than this defer to a lone `<h1>`.
const TITLE_MIN_CHARS: usize = 15;
const TITLE_MAX_CHARS: usize = 150;

/// Chooses the metadata.
pub(crate) fn resolve(raw: &RawMeta, doc: &Document) -> Metadata {
    let values = meta_values(raw);
    let get = |keys: &[&str]| keys.iter().find_map(|k| values.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
    let doc_title = || article_title(raw.title.as_deref().unwrap_or(""), doc);
    let ld = json_ld(raw, &doc_title);

    let title = ld.title.clone().or_else(|| {
        get(&["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"])
    });
    let title = title.filter(|t| !t.trim().is_empty());
    // A title the page declares as the article's (JSON-LD, <meta>) is kept
    // as published, as Readability keeps it; only the document <title>,
    // which names the site as a rule, loses the site name.
    let from_metadata = title.is_some();
    let title = title.unwrap_or_else(doc_title);
    // Ours: a page without any title is named by its first main heading.
    let title = if title.trim().is_empty() { first_h1(doc).unwrap_or_default() } else { title };
    let article_author = get(&["article:author"]).filter(|a| !is_url(a));
    let byline = ld.byline.clone().or_else(|| get(&["dc:creator", "dcterm:creator", "author", "parsely-author"])).or(article_author);
    let excerpt = ld.excerpt.clone().or_else(|| {
        get(&["dc:description", "dcterm:description", "og:description", "weibo:article:description", "weibo:webpage:description", "description", "twitter:description"])
    });
    let site_name = ld.site_name.clone().or_else(|| get(&["og:site_name"]));
    let published_time = ld.published.clone().or_else(|| get(&["article:published_time", "parsely-pub-date"]));
    let lead_image = get(IMAGE_KEYS).or(ld.image.clone());
    let unescape = |s: Option<String>| s.map(|s| crate::entities::decode(&s, crate::entities::Context::Text).into_owned());
    Metadata {
        title: unescape(Some(title)).map(|t| if from_metadata { t.trim().to_string() } else { strip_site_name(&t, site_name.as_deref()) }).filter(|t| !t.is_empty()),
        byline: unescape(byline).filter(|b| !b.trim().is_empty()),
        excerpt: unescape(excerpt).filter(|e| !e.trim().is_empty()),
        site_name: unescape(site_name).filter(|s| !s.trim().is_empty()),
        published_time: unescape(published_time).filter(|p| !p.trim().is_empty()),
        lead_image: lead_image.filter(|i| !i.trim().is_empty()),
    }
}

/// `(key, content)` pairs named as Readability names them.
fn meta_values(raw: &RawMeta) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    let mut set = |k: String, v: &str| {
        if let Some(e) = values.iter_mut().find(|(n, _)| *n == k) {
            e.1 = v.trim().to_string();
        } else {
            values.push((k, v.trim().to_string()));
        }
    };
    for m in &raw.metas {
        if m.content.is_empty() {
            continue;
        }
        let mut matched = false;
        if let Some(p) = &m.property {
            if let Some(key) = property_key(p) {
                set(key, &m.content);
                matched = true;
            }
            for k in IMAGE_KEYS {
                if p.split_ascii_whitespace().any(|t| t == *k) {
                    set(k.to_string(), &m.content);
                }
            }
        }
        if let Some(n) = &m.name {
            if !matched {
                if let Some(key) = name_key(n) {
                    set(key, &m.content);
                }
            }
            if IMAGE_KEYS.contains(&n.trim()) {
                set(n.trim().to_string(), &m.content);
            }
        }
        if m.itemprop.as_deref() == Some("image") {
            set("thumbnail".to_string(), &m.content);
        }
    }
    values
}

/// The first `prefix:key` in a `property` value (whitespace around `:`
/// allowed); of two starting at the same place, the one listed first.
fn property_key(property: &str) -> Option<String> {
    let compact: String = property.chars().filter(|c| !c.is_whitespace()).collect();
    compact.char_indices().find_map(|(at, _)| {
        let rest = &compact[at..];
        PROPERTY_PREFIXES.iter().find_map(|p| {
            let keyed = rest.strip_prefix(p)?.strip_prefix(':')?;
            PROPERTY_KEYS.iter().find(|k| keyed.starts_with(*k)).map(|k| format!("{p}:{k}"))
        })
    })
}

/// A `name` value: optional prefix and separator, then a known key.
fn name_key(name: &str) -> Option<String> {
    let n = name.trim();
    if NAME_KEYS.contains(&n) {
        return Some(n.to_string());
    }
    for p in NAME_PREFIXES {
        let Some(rest) = n.strip_prefix(p) else { continue };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix(['-', '.', ':']) else { continue };
        let key = rest.trim_start();
        if NAME_KEYS.contains(&key) {
            let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            return Some(compact.replace('.', ":"));
        }
    }
    None
}

fn is_url(s: &str) -> bool {
    crate::url::Url::parse(s).is_some()
}

#[derive(Default)]
struct LdMeta {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    image: Option<String>,
}

fn is_article_type(v: Option<&Value>) -> bool {
    let Some(t) = v.and_then(Value::as_str) else { return false };
    t.starts_with("Article") || ARTICLE_TYPES.iter().any(|a| t.contains(a))
}

fn is_schema_context(v: Option<&Value>) -> bool {
    let ok = |s: &str| {
        let s = s.trim_end_matches('/');
        s == "http://schema.org" || s == "https://schema.org"
    };
    match v {
        Some(Value::String(s)) => ok(s),
        Some(Value::Object(_)) => v.and_then(|o| o.get("@vocab")).and_then(Value::as_str).is_some_and(ok),
        _ => false,
    }
}

/// Readability's `_getJSONLD`: the first schema.org article object.
fn json_ld(raw: &RawMeta, doc_title: &dyn Fn() -> String) -> LdMeta {
    for text in &raw.json_ld {
        let t = text.trim();
        let t = t.strip_prefix("<![CDATA[").unwrap_or(t);
        let t = t.strip_suffix("]]>").unwrap_or(t);
        let Some(parsed) = json::parse(t.trim()) else { continue };
        let mut obj = match &parsed {
            Value::Array(items) => match items.iter().find(|i| is_article_type(i.get("@type"))) {
                Some(i) => i,
                None => continue,
            },
            v => v,
        };
        if !is_schema_context(obj.get("@context")) {
            continue;
        }
        if obj.get("@type").is_none() {
            if let Some(found) = obj.get("@graph").and_then(Value::as_array).and_then(|g| g.iter().find(|i| is_article_type(i.get("@type")))) {
                obj = found;
            }
        }
        if !is_article_type(obj.get("@type")) {
            continue;
        }
        let s = |k: &str| obj.get(k).and_then(Value::as_str).map(|s| s.trim().to_string());
        let mut ld = LdMeta::default();
        ld.title = match (s("name"), s("headline")) {
            (Some(name), Some(headline)) if name != headline => {
                let title = doc_title();
                let name_matches = text_similarity(&name, &title) > 0.75;
                let headline_matches = text_similarity(&headline, &title) > 0.75;
                Some(if headline_matches && !name_matches { headline } else { name })
            }
            (Some(name), _) => Some(name),
            (None, headline) => headline,
        };
        if let Some(author) = obj.get("author") {
            if let Some(name) = author.get("name").and_then(Value::as_str) {
                ld.byline = Some(name.trim().to_string());
            } else if let Some(list) = author.as_array() {
                if list.first().and_then(|a| a.get("name")).and_then(Value::as_str).is_some() {
                    let names: Vec<&str> = list.iter().filter_map(|a| a.get("name").and_then(Value::as_str)).map(str::trim).collect();
                    ld.byline = Some(names.join(", "));
                }
            }
        }
        ld.excerpt = s("description");
        ld.site_name = obj.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(|s| s.trim().to_string());
        ld.published = s("datePublished");
        ld.image = image_url(obj.get("image"));
        return ld;
    }
    LdMeta::default()
}

fn image_url(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|i| image_url(Some(i))),
        obj @ Value::Object(_) => obj.get("url").or_else(|| obj.get("contentUrl")).and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn word_count(s: &str) -> usize {
    // JavaScript's `str.split(/\s+/).length`: leading whitespace counts an empty word.
    let mut n = 1;
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
            }
            in_space = true;
        } else {
            in_space = false;
        }
    }
    n
}

/// Readability's `_getArticleTitle`: the document title without the site name.
pub(crate) fn article_title(orig: &str, doc: &Document) -> String {
    let orig = orig.trim();
    let mut cur = orig.to_string();
    let mut hierarchical = false;
    let separator_positions: Vec<usize> = spaced_separators(orig);
    if let Some(&last) = separator_positions.last() {
        hierarchical = spaced_separators_of(orig, HIERARCHICAL).next().is_some();
        cur = orig[..last].to_string();
        if word_count(&cur) < 3 {
            cur = match orig.find(SEPARATORS) {
                Some(i) => orig[i + orig[i..].chars().next().map_or(1, char::len_utf8)..].to_string(),
                None => orig.to_string(),
            };
        }
    } else if cur.contains(": ") {
        let matches_heading = doc.nodes.iter().enumerate().any(|(i, n)| matches!(n.tag, Tag::H1 | Tag::H2) && doc.text(i as u32) == orig);
        if !matches_heading {
            let after_last = &orig[orig.rfind(':').map_or(0, |i| i + 1)..];
            cur = after_last.to_string();
            if word_count(&cur) < 3 {
                cur = orig[orig.find(':').map_or(0, |i| i + 1)..].to_string();
            } else if word_count(&orig[..orig.find(':').unwrap_or(0)]) > 5 {
                cur = orig.to_string();
            }
        }
    } else {
        let len = orig.chars().count();
        if len > TITLE_MAX_CHARS || len < TITLE_MIN_CHARS {
            let h1s: Vec<usize> = doc.nodes.iter().enumerate().filter(|(_, n)| n.tag == Tag::H1).map(|(i, _)| i).collect();
            if h1s.len() == 1 {
                cur = doc.text(h1s[0] as u32);
            }
        }
    }
    let mut collapsed = String::new();
    crate::dom::push_collapsed(&mut collapsed, cur.trim());
    let cur = collapsed.trim_end().to_string();
    let words = word_count(&cur);
    let orig_without_separators: String = {
        let mut out = String::new();
        let mut last_sep = false;
        for c in orig.chars() {
            if SEPARATORS.contains(&c) {
                last_sep = true;
            } else {
                if last_sep {
                    last_sep = false;
                }
                out.push(c);
            }
        }
        out
    };
    if words <= 4 && (!hierarchical || words + 1 != word_count(&orig_without_separators)) {
        return orig.to_string();
    }
    cur
}

/// The text of the page's first non-empty `<h1>`.
fn first_h1(doc: &Document) -> Option<String> {
    (0..doc.len() as u32).filter(|&n| doc.tag(n) == Tag::H1 && !doc.node(n).has(crate::dom::flag::NON_CONTENT)).map(|n| doc.text(n)).find(|t| !t.is_empty())
}

/// Byte positions of ` X ` where X is a separator.
fn spaced_separators(s: &str) -> Vec<usize> {
    spaced_separators_of(s, SEPARATORS).collect()
}

fn spaced_separators_of<'a>(s: &'a str, seps: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    s.char_indices().filter_map(move |(i, c)| {
        if !seps.contains(&c) || i == 0 {
            return None;
        }
        let before = s[..i].chars().next_back()?;
        let after = s[i + c.len_utf8()..].chars().next()?;
        (before.is_whitespace() && after.is_whitespace()).then(|| i - before.len_utf8())
    })
}

/// Ours: a title that still carries the site name ("Site - Title",
/// "Title | Site") loses it.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty() && s.len() < title.len()) else {
        return title.to_string();
    };
    for &sep in SEPARATORS.iter().chain([':', '–', '—', '·'].iter()) {
        for prefix in [format!("{site} {sep} "), format!("{site}{sep} ")] {
            if let Some(rest) = title.strip_prefix(prefix.as_str()) {
                return rest.trim().to_string();
            }
        }
        let suffix = format!(" {sep} {site}");
        if let Some(rest) = title.strip_suffix(suffix.as_str()) {
            return rest.trim().to_string();
        }
    }
    title.to_string()
}

/// Readability's `_textSimilarity`: 1 when B's words all occur in A.
pub(crate) fn text_similarity(a: &str, b: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        lowercase(s).split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).map(str::to_string).collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique_b: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let len = |v: &[&String]| v.iter().map(|s| s.chars().count()).sum::<usize>() + v.len().saturating_sub(1);
    let all_b: Vec<&String> = tb.iter().collect();
    1.0 - len(&unique_b) as f64 / len(&all_b) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_doc() -> Document {
        Document::default()
    }

    #[test]
    fn title_loses_the_site_name() {
        let d = empty_doc();
        assert_eq!(article_title("Morgenblatt Online - Stadtrat beschließt den neuen Haushalt", &d), "Stadtrat beschließt den neuen Haushalt");
        assert_eq!(article_title("A long article title here | The Site", &d), "A long article title here");
        assert_eq!(article_title("Short | Site", &d), "Short | Site");
        assert_eq!(strip_site_name("Foo bar baz | Site", Some("Site")), "Foo bar baz");
        assert_eq!(strip_site_name("Site: Foo bar baz", Some("Site")), "Foo bar baz");
        assert_eq!(strip_site_name("Foo", Some("Site")), "Foo");
    }

    #[test]
    fn only_the_document_title_loses_the_site_name() {
        let site = MetaTag { property: Some("og:site_name".into()), content: "Site".into(), ..Default::default() };
        let og = MetaTag { property: Some("og:title".into()), content: "Foo bar baz qux | Site".into(), ..Default::default() };
        let raw = RawMeta { title: Some("Site: Foo bar baz qux".into()), metas: vec![site.clone()], ..Default::default() };
        assert_eq!(resolve(&raw, &empty_doc()).title.as_deref(), Some("Foo bar baz qux"));
        let raw = RawMeta { title: Some("Site: Foo bar baz qux".into()), metas: vec![site, og], ..Default::default() };
        assert_eq!(resolve(&raw, &empty_doc()).title.as_deref(), Some("Foo bar baz qux | Site"));
    }

    #[test]
    fn meta_keys_follow_readability() {
        assert_eq!(property_key("og:title twitter:title").as_deref(), Some("og:title"));
        assert_eq!(property_key("article : published_time").as_deref(), Some("article:published_time"));
        assert_eq!(name_key("dc.creator").as_deref(), Some("dc:creator"));
        assert_eq!(name_key("weibo:article:title").as_deref(), Some("weibo:article:title"));
        assert_eq!(name_key("parsely-pub-date").as_deref(), Some("parsely-pub-date"));
        assert_eq!(name_key("viewport"), None);
    }

    #[test]
    fn json_ld_graph_and_authors() {
        let raw = RawMeta {
            json_ld: vec![r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},{"@type":"NewsArticle","headline":"H","author":[{"name":"A"},{"name":" B "}],"publisher":{"name":"P"},"datePublished":"2024-01-01","image":{"url":"/i.jpg"}}]}"#.into()],
            ..Default::default()
        };
        let m = resolve(&raw, &empty_doc());
        assert_eq!(m.title.as_deref(), Some("H"));
        assert_eq!(m.byline.as_deref(), Some("A, B"));
        assert_eq!(m.site_name.as_deref(), Some("P"));
        assert_eq!(m.published_time.as_deref(), Some("2024-01-01"));
        assert_eq!(m.lead_image.as_deref(), Some("/i.jpg"));
    }

    #[test]
    fn similarity() {
        assert_eq!(text_similarity("Hello world", "hello WORLD"), 1.0);
        assert_eq!(text_similarity("ΟΙ ΘΕΣΕΙΣ ΤΗΣ", "οι θεσεις της"), 1.0, "final sigmas");
        assert!(text_similarity("a b c", "x y z") < 0.01);
    }
}
