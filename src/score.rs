//! Subtree statistics and content scores, as pure functions over the table.
//!
//! `Stats` sums what Readability measures with `textContent` and
//! `getElementsByTagName` (text length, commas, link text, paragraph and
//! image counts, ...) over each element's subtree. Removing an element is a
//! mask bit plus a subtraction along its ancestors, so the retry ladder and
//! conditional cleaning never rebuild anything.

use crate::dom::{flag, tflag, Document, NONE};
use crate::rules::{hint, readability as R};
use crate::tags::Tag;

/// Sums over an element's subtree (the element itself excluded for counts
/// of tags, as `getElementsByTagName` does).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub(crate) struct Stats {
    pub chars: u32,
    pub commas: u32,
    /// Link text, hash links weighted by `HASH_LINK_WEIGHT`.
    pub link: f32,
    pub p: u32,
    pub img: u32,
    pub li: u32,
    pub input: u32,
    pub embed: u32,
    pub video: u32,
    pub tables: u32,
    /// Text inside headings, lists, and "textish" elements (Readability's
    /// `_getTextDensity` sets), nested ones counted again.
    pub heading_chars: u32,
    pub list_chars: u32,
    pub textish_chars: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.commas += o.commas;
        self.link += o.link;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.video += o.video;
        self.tables += o.tables;
        self.heading_chars += o.heading_chars;
        self.list_chars += o.list_chars;
        self.textish_chars += o.textish_chars;
    }

    fn sub(&mut self, o: &Stats) {
        self.chars = self.chars.saturating_sub(o.chars);
        self.commas = self.commas.saturating_sub(o.commas);
        self.link = (self.link - o.link).max(0.0);
        self.p = self.p.saturating_sub(o.p);
        self.img = self.img.saturating_sub(o.img);
        self.li = self.li.saturating_sub(o.li);
        self.input = self.input.saturating_sub(o.input);
        self.embed = self.embed.saturating_sub(o.embed);
        self.video = self.video.saturating_sub(o.video);
        self.tables = self.tables.saturating_sub(o.tables);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.list_chars = self.list_chars.saturating_sub(o.list_chars);
        self.textish_chars = self.textish_chars.saturating_sub(o.textish_chars);
    }

    /// Readability's `_getLinkDensity`.
    pub(crate) fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link as f64 / self.chars as f64
        }
    }
}

/// Tags whose text counts towards "text density" (Readability: SPAN, LI, TD
/// and the `DIV_TO_P_ELEMS`).
fn is_textish(tag: Tag) -> bool {
    matches!(tag, Tag::Span | Tag::Li | Tag::Td) || tag.is_div_to_p_block()
}

/// What element `n` (with subtree sums `s`) adds to its parent's sums
/// beyond `s` itself.
fn own_contribution(tag: Tag, flags: u32, s: &Stats) -> Stats {
    let mut c = Stats::default();
    match tag {
        Tag::P => c.p = 1,
        Tag::Img => c.img = 1,
        Tag::Li => c.li = 1,
        Tag::Input => c.input = 1,
        Tag::Object | Tag::Embed | Tag::Iframe => {
            c.embed = 1;
            if flags & flag::VIDEO != 0 {
                c.video = 1;
            }
        }
        Tag::Table => c.tables = 1,
        _ => {}
    }
    if tag.is_heading() {
        c.heading_chars = s.chars;
    }
    if matches!(tag, Tag::Ul | Tag::Ol) {
        c.list_chars = s.chars;
    }
    if is_textish(tag) {
        c.textish_chars = s.chars;
    }
    c
}

/// Subtree sums for every element, with removed elements left out, kept up
/// to date as more elements are removed.
pub(crate) struct Tally {
    pub stats: Vec<Stats>,
    pub removed: Vec<bool>,
    /// The tag each element is treated as (Readability renames some).
    pub tags: Vec<Tag>,
}

impl Tally {
    /// Sums over the whole page with the given elements removed.
    pub(crate) fn new(doc: &Document, removed: Vec<bool>, tags: Vec<Tag>) -> Tally {
        let mut stats = vec![Stats::default(); doc.len()];
        for t in &doc.texts {
            if t.owner == NONE || t.flags & tflag::NON_CONTENT != 0 {
                continue;
            }
            let s = &mut stats[t.owner as usize];
            s.chars += t.chars;
            s.commas += t.commas;
            if t.flags & tflag::IN_HASH_LINK != 0 {
                s.link += t.chars as f32 * R::HASH_LINK_WEIGHT as f32;
            } else if t.flags & tflag::IN_LINK != 0 {
                s.link += t.chars as f32;
            }
        }
        for n in (0..doc.len()).rev() {
            let node = &doc.nodes[n];
            if removed[n] || node.parent == NONE {
                continue;
            }
            let s = stats[n];
            let c = own_contribution(tags[n], node.flags, &s);
            let p = &mut stats[node.parent as usize];
            p.add(&s);
            p.add(&c);
        }
        Tally { stats, removed, tags }
    }

    pub(crate) fn get(&self, n: u32) -> &Stats {
        &self.stats[n as usize]
    }

    /// Is `n` or one of its ancestors removed?
    pub(crate) fn is_gone(&self, doc: &Document, n: u32) -> bool {
        self.removed[n as usize] || doc.ancestors(n).any(|a| self.removed[a as usize])
    }

    /// Removes `n` and updates the sums of its ancestors.
    pub(crate) fn remove(&mut self, doc: &Document, n: u32) {
        if self.removed[n as usize] {
            return;
        }
        self.removed[n as usize] = true;
        let s = self.stats[n as usize];
        let mut total = own_contribution(self.tags[n as usize], doc.node(n).flags, &s);
        total.add(&s);
        let mut a = doc.parent(n);
        while a != NONE {
            self.stats[a as usize].sub(&total);
            if self.removed[a as usize] {
                break;
            }
            a = doc.parent(a);
        }
    }
}

/// Readability's `_getClassWeight`.
pub(crate) fn class_weight(doc: &Document, n: u32) -> i32 {
    let node = doc.node(n);
    let mut w = 0;
    for hints in [node.class_hints, node.id_hints] {
        if hints & hint::NEGATIVE != 0 {
            w -= R::CLASS_WEIGHT;
        }
        if hints & hint::POSITIVE != 0 {
            w += R::CLASS_WEIGHT;
        }
    }
    w
}

/// Readability's `_initializeNode` score for a tag.
pub(crate) fn tag_score(tag: Tag) -> f64 {
    use Tag::*;
    match tag {
        Div => 5.0,
        Pre | Td | Blockquote => 3.0,
        Address | Ol | Ul | Dl | Dd | Dt | Li | Form => -3.0,
        H1 | H2 | H3 | H4 | H5 | H6 | Th => -5.0,
        _ => 0.0,
    }
}

/// The score a paragraph with this text gives its ancestors.
pub(crate) fn paragraph_score(chars: u32, commas: u32) -> f64 {
    1.0 + (commas + 1) as f64 + (chars as f64 / 100.0).floor().min(3.0)
}

/// Divides a paragraph's score for the ancestor `level` steps up.
pub(crate) fn level_divider(level: usize) -> f64 {
    match level {
        0 => 1.0,
        1 => 2.0,
        l => l as f64 * 3.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    #[test]
    fn sums_follow_removals() {
        let s = scan("<div><p>aaaa, b</p><ul><li><a href=x>link</a></li></ul><p><img src=y.jpg>cc</p></div>");
        let doc = &s.doc;
        let tags: Vec<Tag> = doc.nodes.iter().map(|n| n.tag).collect();
        let mut t = Tally::new(doc, vec![false; doc.len()], tags);
        let root = t.get(0);
        assert_eq!((root.chars, root.commas, root.p, root.li, root.img), (7 + 4 + 2, 1, 2, 1, 1));
        assert_eq!(root.link, 4.0);
        assert_eq!(root.list_chars, 4);
        t.remove(doc, 2);
        let root = t.get(0);
        assert_eq!((root.chars, root.li, root.link, root.list_chars), (9, 0, 0.0, 0));
        assert!(t.is_gone(doc, 4));
    }

    #[test]
    fn readability_score_formulas() {
        assert_eq!(paragraph_score(250, 2), 1.0 + 3.0 + 2.0);
        assert_eq!(paragraph_score(1000, 0), 1.0 + 1.0 + 3.0);
        assert_eq!(level_divider(3), 9.0);
        assert_eq!(tag_score(Tag::Div), 5.0);
    }
}
