//! Pass 2: the plan of what to keep, and the article written out clean
//! from pass 1's tables.
//!
//! The plan gives every element a `Render` (drop, unwrap, keep as a tag)
//! and every text node a keep bit. The writer then walks the elements and
//! text nodes of the article's byte range in page order: kept elements get
//! their allow-listed tag and checked attributes, dropped and unwrapped ones
//! no tags, kept text nodes their decoded, re-escaped text. End tags follow
//! pass 1's tree, which has the HTML standard's implied end tags (`<p>a<p>b`
//! is two paragraphs, not one inside the other).

use crate::dom::{tflag, Document, NONE};
use crate::sanitize::{self, Links, Render};
use crate::select::{Item, Selection};
use crate::tags::Tag;
use crate::text::{Break, PlainText};
use std::borrow::Cow;

/// What to write out.
pub(crate) struct Plan {
    pub render: Vec<Render>,
    pub keep_text: Vec<bool>,
    /// Byte range of the page holding the article.
    pub span: (usize, usize),
    /// First element and text node inside `span`, and the first after it.
    pub first_node: u32,
    pub first_text: u32,
    end_node: u32,
    end_text: u32,
    /// Breaks in the plain text before each text node (and at the end).
    breaks: Vec<Break>,
}

impl Plan {
    /// Plans the output for a selection, with `also_removed` (teaser
    /// blocks) taken out.
    pub(crate) fn new(doc: &Document, sel: &Selection, also_removed: &[u32]) -> Plan {
        let n = doc.len();
        let mut in_item = vec![false; n];
        for &item in &sel.items {
            let (a, b) = item_nodes(doc, sel, item);
            for i in a..b {
                in_item[i as usize] = true;
            }
        }
        let mut removed = sel.removed.clone();
        for &b in also_removed {
            removed[b as usize] = true;
        }
        // A piece may lie inside another piece's dropped part (a lead in a
        // stripped header): it is written all the same.
        let mut root = vec![false; n];
        for &item in &sel.items {
            if let Item::Node(r) = item {
                root[r as usize] = true;
            }
        }
        let mut render = vec![Render::Drop; n];
        for i in 0..n {
            if !in_item[i] || removed[i] {
                continue;
            }
            let parent = doc.nodes[i].parent;
            if !root[i] && parent != NONE && in_item[parent as usize] && render[parent as usize] == Render::Drop {
                continue;
            }
            render[i] = sanitize::render(doc, i as u32, sel.tags[i]);
        }
        let mut keep_text = vec![false; doc.texts.len()];
        for (t, text) in doc.texts.iter().enumerate() {
            if text.owner != NONE && text.flags & tflag::NON_CONTENT == 0 {
                keep_text[t] = matches!(render[text.owner as usize], Render::Keep(_) | Render::Unwrap);
            }
        }
        for &item in &sel.items {
            if let Item::Para(p) = item {
                let para = &sel.paras[p as usize];
                for t in para.texts.0..para.texts.1 {
                    let text = &doc.texts[t as usize];
                    if text.owner == para.parent && text.flags & tflag::NON_CONTENT == 0 {
                        keep_text[t as usize] = true;
                    }
                }
            }
        }
        let mut plan = Plan { render, keep_text, span: (0, 0), first_node: 0, first_text: 0, end_node: 0, end_text: 0, breaks: Vec::new() };
        // Tables first: the paragraphs their cells become may be empty.
        plan.unwrap_single_cell_tables(doc);
        plan.unwrap_orphan_table_parts(doc);
        plan.drop_empty_paragraphs(doc);
        plan.drop_breaks_before_paragraphs(doc);
        plan.span = span(doc, sel);
        plan.first_node = doc.nodes.partition_point(|x| (x.src_start as usize) < plan.span.0) as u32;
        plan.first_text = doc.texts.partition_point(|x| (x.start as usize) < plan.span.0) as u32;
        plan.end_node = doc.nodes.partition_point(|x| (x.src_start as usize) < plan.span.1) as u32;
        plan.end_text = doc.texts.partition_point(|x| (x.start as usize) < plan.span.1) as u32;
        plan.breaks = breaks(doc, sel, &plan.render);
        plan
    }

    fn visible(&self, n: u32) -> bool {
        self.render[n as usize] != Render::Drop
    }

    /// Readability removes paragraphs without text or media.
    fn drop_empty_paragraphs(&mut self, doc: &Document) {
        let mut content = vec![0u32; doc.len()];
        for (t, text) in doc.texts.iter().enumerate() {
            if self.keep_text[t] && text.chars > 0 {
                content[text.owner as usize] += 1;
            }
        }
        for i in (0..doc.len()).rev() {
            let media = matches!(self.render[i], Render::Keep(Tag::Img | Tag::Video | Tag::Audio | Tag::Picture) | Render::NoscriptImage);
            if media {
                content[i] += 1;
            }
            if self.render[i] == Render::Keep(Tag::P) && content[i] == 0 {
                self.drop_subtree(doc, i as u32);
                continue;
            }
            let parent = doc.nodes[i].parent;
            if parent != NONE {
                content[parent as usize] += content[i];
            }
        }
    }

    fn drop_subtree(&mut self, doc: &Document, n: u32) {
        let node = doc.node(n);
        for d in n..node.end {
            self.render[d as usize] = Render::Drop;
        }
        for t in node.text_start..node.text_end {
            self.keep_text[t as usize] = false;
        }
    }

    /// Readability removes a `<br>` right before a paragraph.
    fn drop_breaks_before_paragraphs(&mut self, doc: &Document) {
        for i in 0..doc.len() as u32 {
            if self.render[i as usize] != Render::Keep(Tag::Br) {
                continue;
            }
            let next = i + 1;
            if (next as usize) >= doc.len() || doc.parent(next) != doc.parent(i) || self.render[next as usize] != Render::Keep(Tag::P) {
                continue;
            }
            let between = doc.node(i).text_end..doc.node(next).text_start;
            if between.clone().all(|t| doc.texts[t as usize].chars == 0 || !self.keep_text[t as usize]) {
                self.render[i as usize] = Render::Drop;
            }
        }
    }

    /// A table of one cell is just its content (Readability): the table is
    /// not kept, so `unwrap_orphan_table_parts` unwraps its row and cell.
    fn unwrap_single_cell_tables(&mut self, doc: &Document) {
        for i in 0..doc.len() as u32 {
            if self.render[i as usize] != Render::Keep(Tag::Table) {
                continue;
            }
            let only = |n: u32| -> Option<u32> {
                let mut kids = doc.children(n).filter(|&c| self.visible(c));
                let first = kids.next()?;
                kids.next().is_none().then_some(first)
            };
            let Some(mut row) = only(i) else { continue };
            if matches!(doc.tag(row), Tag::Tbody | Tag::Thead) {
                let Some(r) = only(row) else { continue };
                row = r;
            }
            if doc.tag(row) == Tag::Tr && only(row).is_some_and(|cell| doc.tag(cell) == Tag::Td) {
                self.render[i as usize] = Render::Unwrap;
            }
        }
    }

    /// Rows and cells of a table that is not kept (a layout table) lose
    /// their tags too: a cell of inline content becomes a paragraph.
    fn unwrap_orphan_table_parts(&mut self, doc: &Document) {
        let mut in_kept_table = vec![false; doc.len()];
        for i in 0..doc.len() {
            let node = &doc.nodes[i];
            let inherited = node.parent != NONE && in_kept_table[node.parent as usize];
            in_kept_table[i] = if node.tag == Tag::Table { self.render[i] == Render::Keep(Tag::Table) } else { inherited };
            let Render::Keep(tag) = self.render[i] else { continue };
            if inherited || !matches!(tag, Tag::Tr | Tag::Td | Tag::Th | Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Caption | Tag::Col | Tag::Colgroup) {
                continue;
            }
            let inline = doc.children(i as u32).filter(|&c| self.visible(c)).all(|c| doc.tag(c).is_phrasing() || doc.tag(c) == Tag::A);
            self.render[i] = match tag {
                Tag::Td | Tag::Th | Tag::Caption if inline => Render::Keep(Tag::P),
                Tag::Col | Tag::Colgroup => Render::Drop,
                _ => Render::Unwrap,
            };
        }
    }

    /// The text nodes in the article's span.
    fn text_range(&self) -> (usize, usize) {
        (self.first_text as usize, self.end_text as usize)
    }

    /// Room for the article's text: decoded text is never longer than its
    /// source, and a break adds at most two bytes.
    fn kept_text_bytes(&self, doc: &Document) -> usize {
        let (first, last) = self.text_range();
        (first..last).filter(|&t| self.keep_text[t]).map(|t| (doc.texts[t].end - doc.texts[t].start) as usize + 2).sum()
    }

    /// The article as plain text.
    pub(crate) fn plain_text(&self, doc: &Document) -> String {
        let (first, last) = self.text_range();
        let mut out = PlainText::with_capacity(self.kept_text_bytes(doc));
        let mut pending = Break::None;
        for t in first..last {
            pending = pending.max(self.breaks[t]);
            if !self.keep_text[t] {
                continue;
            }
            let text = &doc.texts[t];
            // Ruby readings are shown above their characters, not read in
            // line: the plain text is the base text ("子ども", not "子こども").
            if text.owner != NONE && matches!(doc.tag(text.owner), Tag::Rt | Tag::Rp) {
                continue;
            }
            out.brk(pending);
            pending = Break::None;
            out.push(&clean_text(&doc.text_of(text)), text.flags & tflag::PRESERVE != 0);
        }
        out.finish()
    }

    /// The text of the first kept paragraph (Readability's excerpt fallback).
    pub(crate) fn first_paragraph(&self, doc: &Document) -> Option<String> {
        (0..doc.len() as u32).filter(|&n| self.render[n as usize] == Render::Keep(Tag::P)).find_map(|n| {
            let node = doc.node(n);
            let text = (node.text_start..node.text_end).filter(|&t| self.keep_text[t as usize]).fold(String::new(), |mut s, t| {
                crate::dom::push_collapsed(&mut s, &doc.text_of(&doc.texts[t as usize]));
                s
            });
            let text = text.trim().to_string();
            (!text.is_empty()).then_some(text)
        })
    }

    /// The first kept image, as `(node, is_noscript)`.
    pub(crate) fn first_image(&self, doc: &Document) -> Option<u32> {
        (0..doc.len() as u32).find(|&n| matches!(self.render[n as usize], Render::Keep(Tag::Img) | Render::NoscriptImage) && doc.media(n).is_some())
    }
}

/// Elements of an article piece, as a node range.
fn item_nodes(doc: &Document, sel: &Selection, item: Item) -> (u32, u32) {
    match item {
        Item::Node(n) => (n, doc.node(n).end),
        Item::Para(p) => {
            let para = &sel.paras[p as usize];
            if para.nodes.0 == NONE {
                (0, 0)
            } else {
                para.nodes
            }
        }
    }
}

/// Byte range covering all pieces of the article.
fn span(doc: &Document, sel: &Selection) -> (usize, usize) {
    let mut start = usize::MAX;
    let mut end = 0usize;
    for &item in &sel.items {
        let (a, b) = match item {
            Item::Node(n) => (doc.node(n).src_start, doc.node(n).src_end),
            Item::Para(p) => {
                let para = &sel.paras[p as usize];
                let (mut a, mut b) = (u32::MAX, 0);
                if para.texts.0 < para.texts.1 {
                    a = doc.texts[para.texts.0 as usize].start;
                    b = doc.texts[para.texts.1 as usize - 1].end;
                }
                if para.nodes.0 != NONE {
                    a = a.min(doc.node(para.nodes.0).src_start);
                    let mut c = para.nodes.0;
                    while c < para.nodes.1 {
                        b = b.max(doc.node(c).src_end);
                        c = doc.node(c).end.max(c + 1);
                    }
                }
                (a, b)
            }
        };
        start = start.min(a as usize);
        end = end.max(b as usize);
    }
    if start > end {
        (0, 0)
    } else {
        (start, end.min(doc.src.len()))
    }
}

/// Where the plain text breaks: around blocks, after line breaks.
fn breaks(doc: &Document, sel: &Selection, render: &[Render]) -> Vec<Break> {
    let mut out = vec![Break::None; doc.texts.len() + 1];
    let mut mark = |t: u32, b: Break| {
        let slot = &mut out[t as usize];
        *slot = (*slot).max(b);
    };
    for (i, node) in doc.nodes.iter().enumerate() {
        let kind = match render[i] {
            Render::Drop => continue,
            Render::Keep(Tag::Br) => {
                mark(node.text_end, Break::Line);
                continue;
            }
            Render::Keep(t) if matches!(t, Tag::Li | Tag::Dt | Tag::Dd | Tag::Tr | Tag::Td | Tag::Th | Tag::Caption) => Break::Line,
            _ if node.tag.is_block() || sel.tags[i].is_block() => Break::Paragraph,
            _ => continue,
        };
        mark(node.text_start, kind);
        mark(node.text_end, kind);
    }
    for &item in &sel.items {
        if let Item::Para(p) = item {
            let para = &sel.paras[p as usize];
            mark(para.texts.0, Break::Paragraph);
            mark(para.texts.1, Break::Paragraph);
        }
    }
    out
}

/// Text without control characters (other than whitespace).
fn clean_text(text: &str) -> Cow<'_, str> {
    // Control characters are rare: C0 (and DEL) are single bytes, and every
    // C1 control starts with the byte 0xC2.
    let suspect = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || matches!(b, 0x7f | 0xc2);
    if !text.as_bytes().iter().any(suspect) {
        return Cow::Borrowed(text);
    }
    text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c')).collect()
}

/// Writes the article's HTML.
///
/// The output is built from pass 1's tables, never copied from the page:
/// start and end tags of kept elements (allow-listed names, checked
/// attributes), escaped text, and images from `<noscript>`. Whatever else
/// the page holds (stray end tags such as `</noscript>` or `</p onclick=…>`,
/// comments, processing instructions) cannot reach it. Every kept element
/// is closed, so the output is balanced and cannot run on into markup the
/// embedder puts after it.
pub(crate) fn rewrite(doc: &Document, plan: &Plan, links: &Links) -> String {
    // Room for the text; tags make the buffer grow, gently (a big article
    // must not double its buffer next to the page).
    let mut w = Writer { html: String::with_capacity(plan.kept_text_bytes(doc)), ..Writer::default() };
    let mut t = plan.first_text as usize;
    for n in plan.first_node..plan.end_node {
        // The text nodes before element `n`, then what ended before it.
        let texts_before = doc.node(n).text_start as usize;
        w.texts(doc, plan, t..texts_before);
        t = t.max(texts_before);
        w.close_ended(|e| doc.node(e).end <= n);
        w.element(doc, plan, links, n);
    }
    w.texts(doc, plan, t..plan.end_text as usize);
    w.close_ended(|_| true);
    let mut html = w.html;
    html.truncate(html.trim_end().len());
    let start = html.len() - html.trim_start().len();
    html.drain(..start);
    html.shrink_to_fit();
    html
}

/// Room made for a start tag and its end tag (attributes with long URLs
/// may need more; the buffer then grows as usual).
const TAG_ROOM: usize = 256;

/// The HTML written so far and the kept elements still open.
#[derive(Default)]
struct Writer {
    html: String,
    open: Vec<(u32, Tag)>,
    /// Room for a text node with its whitespace collapsed, used again for each.
    collapsed: String,
}

impl Writer {
    /// Writes the kept text nodes of `texts`, each after the end tags of the
    /// elements that ended before it.
    fn texts(&mut self, doc: &Document, plan: &Plan, texts: std::ops::Range<usize>) {
        for t in texts {
            if plan.keep_text[t] {
                self.close_ended(|e| doc.node(e).text_end as usize <= t);
                self.text(doc, t);
            }
        }
    }

    fn text(&mut self, doc: &Document, t: usize) {
        let text = &doc.texts[t];
        let raw = doc.text_of(text);
        let cleaned = clean_text(&raw);
        crate::text::reserve_gently(&mut self.html, cleaned.len());
        if text.flags & tflag::PRESERVE != 0 {
            escape_text(&mut self.html, &cleaned);
        } else {
            self.collapsed.clear();
            crate::text::push_collapsed(&mut self.collapsed, &cleaned, false);
            escape_text(&mut self.html, &self.collapsed);
        }
    }

    /// Writes the end tags of the open kept elements, innermost first, for
    /// as long as `ended` says they have.
    fn close_ended(&mut self, ended: impl Fn(u32) -> bool) {
        while let Some(&(e, tag)) = self.open.last() {
            if !ended(e) {
                break;
            }
            self.open.pop();
            self.html.push_str("</");
            self.html.push_str(tag.name());
            self.html.push('>');
        }
    }

    /// Writes element `n`'s start tag (its end tag comes when it ends).
    fn element(&mut self, doc: &Document, plan: &Plan, links: &Links, n: u32) {
        match plan.render.get(n as usize).copied().unwrap_or(Render::Drop) {
            Render::Keep(tag) => {
                crate::text::reserve_gently(&mut self.html, TAG_ROOM);
                self.html.push('<');
                self.html.push_str(tag.name());
                for (name, value) in sanitize::attributes(tag, doc.extra(n), doc.href(n), doc.media(n), links) {
                    self.html.push(' ');
                    self.html.push_str(name);
                    self.html.push_str("=\"");
                    self.html.push_str(&sanitize::escape_attribute(&value));
                    self.html.push('"');
                }
                self.html.push('>');
                if !tag.is_void() {
                    self.open.push((n, tag));
                }
            }
            Render::NoscriptImage => {
                if let Some(img) = doc.media(n).and_then(|m| sanitize::image_html(m, links)) {
                    self.html.push_str(&img);
                }
            }
            Render::Unwrap | Render::Drop => {}
        }
    }
}

/// Escapes text for HTML, as lol_html does for `ContentType::Text`.
fn escape_text(out: &mut String, text: &str) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(escaped);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    fn content(body: &str) -> String {
        let para = "A sentence of the article, long enough to be read as text, with commas, and more. ".repeat(8);
        let html = format!("<html><body><div class=story><p>{para}</p>{body}<p>{para}</p></div></body></html>");
        crate::extract(&html, &crate::Options::new()).unwrap().content.unwrap()
    }

    #[test]
    fn table_cells_that_become_paragraphs_are_dropped_when_empty() {
        // An article in a row of a layout table, between spacer cells.
        let para = "A sentence of the article, long enough to be read as text, with commas, and more. ".repeat(8);
        let html = format!("<html><body><table><tr><td> </td><td>{para}</td><td><br></td><td>{para}</td><td> </td></tr></table></body></html>");
        let out = crate::extract(&html, &crate::Options::new()).unwrap().content.unwrap();
        assert!(out.contains("A sentence of the article"), "{out}");
        assert!(!out.contains("<td") && !out.contains("<p> </p>") && !out.contains("<p><br></p>"), "{out}");
    }

    #[test]
    fn end_tags_follow_the_tree_with_implied_ends() {
        // As a browser reads it: a <p> ends at the next <p> or <ul>, an
        // <li> at the next <li>, an <a> at the next <a>.
        let out = content("<p>One paragraph.<p>Another paragraph.<ul><li>First item<li>Second item</ul><p><a href=/x>one link<a href=/y>another</a> text.</p>");
        assert!(out.contains("<p>One paragraph.</p><p>Another paragraph.</p><ul><li>First item</li><li>Second item</li></ul>"), "{out}");
        assert!(out.contains(r#"<a href="/x">one link</a><a href="/y">another</a> text.</p>"#), "{out}");
    }

    #[test]
    fn a_table_of_one_cell_is_its_content() {
        let out = content("<table><tbody><tr><td>One cell of text.</td></tr></tbody></table><table><tr><td><p>A block.</p></td></tr></table>");
        assert!(out.contains("<p>One cell of text.</p><p>A block.</p>"), "{out}");
        assert!(!out.contains("<t"), "{out}");
    }

    #[test]
    fn text_is_escaped_and_stripped_of_controls() {
        let mut out = String::new();
        super::escape_text(&mut out, "a<b>&c\u{e9}<");
        assert_eq!(out, "a&lt;b&gt;&amp;c\u{e9}&lt;");
        assert_eq!(super::clean_text("plain \u{e9}\u{a0}text\n"), "plain \u{e9}\u{a0}text\n");
        assert_eq!(super::clean_text("bell\x07 del\x7f c1\u{85}\u{9f} kept\t\x0c"), "bell del c1 kept\t\x0c");
    }

    #[test]
    fn ruby_readings_stay_in_html_but_not_in_text() {
        let para = "A sentence of the article, long enough to be read as text, with commas, and more. ".repeat(8);
        let html = format!("<html><body><div class=story><p>{para}</p><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもの本</p><p>{para}</p></div></body></html>");
        let a = crate::extract(&html, &crate::Options::new()).unwrap();
        assert!(a.text_content.unwrap().contains("子どもの本"));
        assert!(a.content.unwrap().contains("<rt>こ</rt>"));
    }

    #[test]
    fn self_closing_voids_are_written_as_html() {
        let html = content("<p>One line<br />next line<br/>last line</p>");
        assert!(html.contains("One line<br>next line<br>last line"), "{html}");
        assert!(!html.contains("<br/>") && !html.contains("<br />"), "{html}");
    }

    #[test]
    fn spans_that_change_language_or_direction_stay() {
        let html = content("<p dir=rtl>نص عربي <span lang=en dir=ltr>Book Bus</span> ونص <span class=x>plain</span> <span dir=sideways lang=\"en us\">odd</span></p>");
        assert!(html.contains(r#"<span dir="ltr" lang="en">Book Bus</span>"#), "{html}");
        assert!(!html.contains("<span>plain"), "{html}");
        // Values that would not be written do not keep the span either.
        assert!(html.contains(" odd</p>") && !html.contains("<span>odd"), "{html}");
    }
}
