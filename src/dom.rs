//! The page as a table: one row per element in document order, one row per
//! text node, and small side tables for links and images.
//!
//! Element `n` is the n-th start tag of the page, so its descendants are the
//! contiguous rows `n+1 .. end`, and the text nodes inside it are the
//! contiguous rows `text_start .. text_end`. Every later stage works on these
//! ranges and on boolean masks over rows; nothing edits a tree.

use crate::entities::{self, Context};
use crate::rules::Hints;
use crate::tags::Tag;
use std::borrow::Cow;

/// "No node", for the parent of the root.
pub(crate) const NONE: u32 = u32::MAX;

/// Facts about an element that scan reads from its attributes.
pub(crate) mod flag {
    /// `hidden`, `aria-hidden="true"`, or `display:none`/`visibility:hidden` in `style`.
    pub const HIDDEN: u32 = 1 << 0;
    /// `role="dialog"` with `aria-modal="true"`.
    pub const MODAL: u32 = 1 << 1;
    /// A `role` that marks navigation, menus, complementary content, alerts.
    pub const UNLIKELY_ROLE: u32 = 1 << 2;
    /// `rel="author"` or `itemprop` containing "author".
    pub const AUTHOR: u32 = 1 << 3;
    /// `itemprop` containing "name".
    pub const ITEMPROP_NAME: u32 = 1 << 4;
    /// A link whose `href` is only a `#fragment`.
    pub const HASH_LINK: u32 = 1 << 5;
    /// A link with an `href`.
    pub const HAS_HREF: u32 = 1 << 6;
    /// An embed (`iframe`, `object`, `embed`, `video`) from a known video host.
    pub const VIDEO: u32 = 1 << 7;
    /// A table marked as layout (`role="presentation"`, `datatable="0"`).
    pub const LAYOUT_TABLE: u32 = 1 << 8;
    /// A table with a `summary` attribute.
    pub const TABLE_SUMMARY: u32 = 1 << 9;
    /// Inside a raw-text or foreign element (script, style, svg, ...).
    pub const NON_CONTENT: u32 = 1 << 10;
    /// An `img` with a usable source after lazy-loading fixes.
    pub const HAS_IMAGE_SOURCE: u32 = 1 << 12;
    /// A `<noscript>` whose image replaces the placeholder image before it.
    pub const NOSCRIPT_USED: u32 = 1 << 13;
    /// A `<noscript>` that stands for its own image (no placeholder before it).
    pub const NOSCRIPT_IMAGE: u32 = 1 << 14;
    /// `itemprop` containing "headline" or "articleBody"-like article markers.
    pub const ITEMPROP_ARTICLE: u32 = 1 << 15;
    /// A link whose `href` uses `javascript:` (or another non-web scheme).
    pub const SCRIPT_LINK: u32 = 1 << 16;
    /// Has a `class` attribute with some content.
    pub const HAS_CLASS: u32 = 1 << 17;
    /// A `<script type="text/template">`: markup a script will insert.
    pub const TEMPLATE: u32 = 1 << 18;
}

/// One element.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub parent: u32,
    /// One past the last descendant.
    pub end: u32,
    /// First text node at or after the start tag.
    pub text_start: u32,
    /// One past the last text node inside.
    pub text_end: u32,
    /// Byte offset of the start tag in the decoded page.
    pub src_start: u32,
    /// Byte offset just after the start tag.
    pub content_start: u32,
    /// Byte offset just after the end tag, or where the element was closed.
    pub src_end: u32,
    pub tag: Tag,
    pub flags: u32,
    pub class_hints: Hints,
    pub id_hints: Hints,
    /// Hash of the `class` attribute (0 without one), to compare siblings.
    pub class_hash: u32,
}

impl Node {
    pub(crate) fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    pub(crate) fn hints(&self) -> Hints {
        self.class_hints | self.id_hints
    }
}

/// Text node flags.
pub(crate) mod tflag {
    pub const IN_LINK: u8 = 1 << 0;
    pub const IN_HASH_LINK: u8 = 1 << 1;
    pub const NON_CONTENT: u8 = 1 << 2;
    pub const PRESERVE: u8 = 1 << 3;
    pub const HAS_REFERENCE: u8 = 1 << 4;
}

/// One text node: a run of characters between two tags.
#[derive(Clone, Debug)]
pub(crate) struct TextNode {
    pub owner: u32,
    pub start: u32,
    pub end: u32,
    /// Characters after decoding, whitespace runs counting as one, without
    /// leading or trailing whitespace.
    pub chars: u32,
    pub commas: u32,
    pub flags: u8,
}

/// Image-like sources of an `img`, `source`, `video` or `audio`, after
/// lazy-loading fixes, entity-decoded but not yet resolved against the base.
#[derive(Clone, Debug, Default)]
pub(crate) struct Media {
    pub src: Option<String>,
    pub srcset: Option<String>,
    pub sizes: Option<String>,
    pub alt: Option<String>,
    pub width: Option<String>,
    pub height: Option<String>,
    pub media: Option<String>,
    pub mime: Option<String>,
    pub poster: Option<String>,
}

/// Other attribute values later stages need, keyed by node.
#[derive(Clone, Debug, Default)]
pub(crate) struct Extra {
    pub dir: Option<String>,
    pub lang: Option<String>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub datetime: Option<String>,
    pub cite: Option<String>,
    pub start: Option<String>,
    pub colspan: u16,
    pub rowspan: u16,
    pub scope: Option<String>,
}

#[derive(Default)]
pub(crate) struct Document {
    /// The page, decoded to UTF-8.
    pub src: String,
    pub nodes: Vec<Node>,
    pub texts: Vec<TextNode>,
    /// Sorted by node.
    pub media: Vec<(u32, Media)>,
    /// Sorted by node.
    pub extras: Vec<(u32, Extra)>,
    /// `href` of `<a>` and `<area>`, sorted by node. Kept apart from
    /// `extras`: most links have nothing else, and an `Extra` is ten times
    /// the size of an entry here.
    pub hrefs: Vec<(u32, String)>,
}

impl Document {
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    pub(crate) fn tag(&self, n: u32) -> Tag {
        self.nodes[n as usize].tag
    }

    pub(crate) fn parent(&self, n: u32) -> u32 {
        self.nodes[n as usize].parent
    }

    /// Child elements of `n`, in order.
    pub(crate) fn children(&self, n: u32) -> Children<'_> {
        let node = &self.nodes[n as usize];
        Children { doc: self, next: n + 1, end: node.end }
    }

    /// Ancestors of `n`, nearest first.
    pub(crate) fn ancestors(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = self.parent(n);
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let n = cur;
            cur = self.parent(n);
            Some(n)
        })
    }

    /// Is `a` an ancestor of (or equal to) `n`?
    pub(crate) fn contains(&self, a: u32, n: u32) -> bool {
        n >= a && n < self.nodes[a as usize].end
    }

    pub(crate) fn media(&self, n: u32) -> Option<&Media> {
        self.media.binary_search_by_key(&n, |(k, _)| *k).ok().map(|i| &self.media[i].1)
    }

    pub(crate) fn extra(&self, n: u32) -> Option<&Extra> {
        self.extras.binary_search_by_key(&n, |(k, _)| *k).ok().map(|i| &self.extras[i].1)
    }

    pub(crate) fn href(&self, n: u32) -> Option<&str> {
        self.hrefs.binary_search_by_key(&n, |(k, _)| *k).ok().map(|i| self.hrefs[i].1.as_str())
    }

    /// The raw source of a text node.
    pub(crate) fn raw_text(&self, t: &TextNode) -> &str {
        self.src.get(t.start as usize..t.end as usize).unwrap_or("")
    }

    /// The decoded text of a text node.
    pub(crate) fn text_of(&self, t: &TextNode) -> Cow<'_, str> {
        let raw = self.raw_text(t);
        if t.flags & tflag::HAS_REFERENCE != 0 {
            entities::decode(raw, Context::Text)
        } else {
            Cow::Borrowed(raw)
        }
    }

    /// The text content of `n` (as `textContent`, without scripts and other
    /// non-content), whitespace collapsed and trimmed, skipping text nodes
    /// whose owner `keep` rejects.
    pub(crate) fn text_where(&self, n: u32, keep: impl Fn(u32) -> bool) -> String {
        let node = &self.nodes[n as usize];
        self.texts_where(node.text_start as usize..node.text_end as usize, |t| keep(t.owner))
    }

    /// The text of the text nodes in `range` that `keep` accepts (never
    /// non-content), whitespace collapsed and trimmed.
    pub(crate) fn texts_where(&self, range: std::ops::Range<usize>, keep: impl Fn(&TextNode) -> bool) -> String {
        let mut out = String::new();
        for t in &self.texts[range] {
            if t.flags & tflag::NON_CONTENT == 0 && keep(t) {
                push_collapsed(&mut out, &self.text_of(t));
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }

    /// The text content of `n`, whitespace collapsed and trimmed.
    pub(crate) fn text(&self, n: u32) -> String {
        self.text_where(n, |_| true)
    }
}

/// Appends `s` with whitespace runs collapsed to one space, never starting
/// the output with a space or doubling one.
pub(crate) fn push_collapsed(out: &mut String, s: &str) {
    let space = out.ends_with(' ') || out.is_empty();
    crate::text::push_collapsed(out, s, space);
}

pub(crate) struct Children<'a> {
    doc: &'a Document,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let n = self.next;
        self.next = self.doc.nodes[n as usize].end.max(n + 1);
        Some(n)
    }
}
