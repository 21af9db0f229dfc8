//! Pass 1: one lol_html pass over the page that fills the element table
//! (`dom::Document`) and collects the raw metadata.
//!
//! Handlers read tag names and attribute values straight from the decoded
//! page through lol_html's source locations, so little is copied per element.

use crate::dom::{flag, tflag, Document, Extra, Media, Node, TextNode, NONE};
use crate::entities::{self, Context};
use crate::hints;
use crate::meta::{MetaTag, RawMeta};
use crate::options::Deadline;
use crate::rules::{self, COMMAS, LAZY_SRCSET_ATTRIBUTES, LAZY_SRC_ATTRIBUTES, UNLIKELY_ROLES};
use crate::tags::Tag;
use crate::tree::OpenStack;
use crate::Error;
use crate::gaps::{self, Mode, Run};
use crate::sink::{self, Rewriter};
use lol_html::html_content::{Comment, Element, EndTag};
use lol_html::{doc_comments, element, EndTagHandler, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// How often (in elements) the time budget is checked.
const DEADLINE_EVERY: usize = 4096;
/// A base64 `data:` image shorter than this is a placeholder (Readability).
const PLACEHOLDER_DATA_URI_CHARS: usize = 133;
/// Images this small (in CSS pixels) are tracking pixels, not pictures.
pub(crate) const TRACKING_PIXEL_MAX: u32 = 2;

/// The decoded page, shared between the writer and the handlers.
pub(crate) type Source = Rc<RefCell<String>>;

/// Pass 1 in progress: append decoded text to the source, then `feed`.
pub(crate) struct Scanner {
    rewriter: Rewriter<'static>,
    state: Rc<RefCell<State>>,
    src: Source,
    /// How much of `src` the rewriter has seen.
    fed: usize,
}

/// What pass 1 found.
pub(crate) struct Scan {
    pub doc: Document,
    pub meta: RawMeta,
}

struct State {
    doc: Document,
    meta: RawMeta,
    stack: OpenStack,
    /// How many non-content elements (script, svg, ...) and `pre`s are open.
    non_content: u32,
    preserve: u32,
    /// Where the text after the last token seen starts (see `gaps`).
    text_from: usize,
    /// How lol_html reads the text there.
    mode: Mode,
    namespaces: gaps::Namespaces,
    max_elements: usize,
    deadline: Deadline,
    error: Option<Error>,
    /// Nodes whose raw text is wanted when they close.
    capture: Vec<(u32, Capture)>,
    /// Images found inside `<noscript>` elements.
    noscript: Vec<(u32, Media)>,
    seen_html: bool,
    /// Open SVG/MathML elements, innermost last, with their namespace and
    /// whether each is an integration point (its children are HTML).
    foreign: Vec<(u32, &'static str, bool)>,
    /// Hints of class and id values seen before.
    hints: hints::Cache,
    /// Room for the elements one token closes (see `finish_popped`).
    closed: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    JsonLd,
    Noscript,
}

impl Scanner {
    pub(crate) fn new(src: Source, max_elements: usize, deadline: Deadline) -> Scanner {
        let state = Rc::new(RefCell::new(State {
            doc: Document::default(),
            meta: RawMeta::default(),
            stack: OpenStack::new(0, &[]),
            non_content: 0,
            preserve: 0,
            text_from: 0,
            mode: Mode::Data,
            namespaces: gaps::Namespaces::default(),
            max_elements,
            deadline,
            error: None,
            capture: Vec::new(),
            noscript: Vec::new(),
            seen_html: false,
            foreign: Vec::new(),
            hints: hints::Cache::new(),
            closed: Vec::new(),
        }));
        let (st_el, src_el) = (state.clone(), src.clone());
        let (st_comment, src_comment) = (state.clone(), src.clone());
        // No text handler: text is read from between these tokens (`gaps`).
        let settings = Settings::new()
            .append_element_content_handler(element!("*", move |el: &mut Element| on_element(&st_el, &src_el, el)))
            .append_document_content_handler(doc_comments!(move |c: &mut Comment| {
                st_comment.borrow_mut().token(c.source_location().bytes(), &src_comment.borrow());
                Ok(())
            }));
        let rewriter = sink::reader(settings);
        Scanner { rewriter, state, src, fed: 0 }
    }

    /// Scans what was appended to the source since the last call.
    pub(crate) fn feed(&mut self) -> Result<(), Error> {
        let result = {
            let src = self.src.borrow();
            let new = &src.as_bytes()[self.fed..];
            self.fed = src.len();
            self.rewriter.write(new)
        };
        if let Some(e) = self.state.borrow_mut().error.take() {
            return Err(e);
        }
        result.map_err(|e| Error::Internal(e.to_string()))
    }

    pub(crate) fn finish(mut self) -> Result<Scan, Error> {
        self.feed()?;
        let Scanner { rewriter, state, src, .. } = self;
        let result = rewriter.end();
        if let Some(e) = state.borrow_mut().error.take() {
            return Err(e);
        }
        result.map_err(|e| Error::Internal(e.to_string()))?;
        let state = Rc::try_unwrap(state).map_err(|_| Error::Internal("scan state still shared".into()))?;
        let mut st = state.into_inner();
        let src = Rc::try_unwrap(src).map(RefCell::into_inner).unwrap_or_else(|rc| rc.borrow().clone());
        st.text_before(src.len(), &src);
        let at = src.len() as u32;
        st.finish_popped(at, &src, |st, closed| st.stack.close_all(&mut |n| closed.push(n)));
        let State { mut doc, meta, noscript, .. } = st;
        doc.src = src;
        resolve_noscript_images(&mut doc, noscript);
        // The tables are complete: give back the room they grew into.
        doc.nodes.shrink_to_fit();
        doc.texts.shrink_to_fit();
        doc.media.shrink_to_fit();
        doc.extras.shrink_to_fit();
        doc.hrefs.shrink_to_fit();
        Ok(Scan { doc, meta })
    }
}

fn on_element(state: &Rc<RefCell<State>>, src: &Source, el: &mut Element) -> lol_html::HandlerResult {
    let node = {
        let text = src.borrow();
        let mut st = state.borrow_mut();
        let loc = el.source_location().bytes();
        let raw = text.as_bytes().get(loc.start..loc.end).unwrap_or(b"");
        let tag = Tag::from_start_tag(raw);
        st.token(loc.clone(), &text);
        st.mode = st.namespaces.start_tag(tag, raw, el.is_self_closing(), any_attribute(el));
        match st.open(tag, loc.start, loc.end, el, &text) {
            Ok(Some(n)) => n,
            Ok(None) => return Ok(()),
            Err(e) => {
                st.error = Some(e.clone());
                return Err(Box::new(e));
            }
        }
    };
    let (st, src) = (state.clone(), src.clone());
    let on_end: EndTagHandler<'static> = Box::new(move |end: &mut EndTag| {
        let loc = end.source_location().bytes();
        let (mut st, src) = (st.borrow_mut(), src.borrow());
        // An end tag that closes several elements is handed to each of them.
        if st.token(loc.clone(), &src) {
            st.namespaces.end_tag(src.as_bytes(), loc.start);
        }
        st.mode = Mode::Data;
        st.close(node, loc.end as u32, &src);
        Ok(())
    });
    if let Some(handlers) = el.end_tag_handlers() {
        handlers.push(on_end);
    }
    Ok(())
}

impl State {
    /// A token at `loc` (tag or comment): the text before it ends there.
    /// Returns whether it is new (not one seen already).
    fn token(&mut self, loc: std::ops::Range<usize>, src: &str) -> bool {
        let new = loc.end > self.text_from;
        self.text_before(loc.start, src);
        self.text_from = self.text_from.max(loc.end);
        new
    }

    /// Adds the text nodes between the last token seen and `to`.
    fn text_before(&mut self, to: usize, src: &str) {
        if to > self.text_from {
            let (from, mode) = (self.text_from, self.mode);
            gaps::runs(src.as_bytes(), from, to, mode, |run| match run {
                Run::Text(start, end) => self.add_text(start, end, src),
                Run::StrayEndTag(start, end) => self.stray_end_tag(start, end, src),
            });
            self.text_from = to;
        }
    }

    /// A start tag: returns the node if it stays open (needs an end handler).
    fn open(&mut self, tag: Tag, start: usize, content_start: usize, el: &Element, src: &str) -> Result<Option<u32>, Error> {
        let id = self.doc.nodes.len();
        if id >= self.max_elements {
            return Err(Error::TooManyElements { limit: self.max_elements });
        }
        if id % DEADLINE_EVERY == 0 {
            self.deadline.check()?;
        }
        let id = id as u32;
        // lol_html gives an integration point itself the HTML namespace.
        let foreign = match (el.namespace_uri(), self.foreign.last()) {
            (HTML_NS, Some(&(f, ns, false))) if self.stack.top().is_some_and(|(t, _)| t == f) && is_integration_point(el, ns, src) => Some((ns, true)),
            (HTML_NS, _) => None,
            (ns, _) => Some((ns, is_integration_point(el, ns, src))),
        };
        self.finish_popped(start as u32, src, |st, closed| {
            if foreign.is_none() {
                st.leave_foreign_content(closed);
            }
            st.stack.implied_by(tag, &mut |n| closed.push(n));
        });
        let mut node = Node {
            parent: self.stack.top().map_or(NONE, |(n, _)| n),
            end: id + 1,
            text_start: self.doc.texts.len() as u32,
            text_end: self.doc.texts.len() as u32,
            src_start: start as u32,
            content_start: content_start as u32,
            src_end: content_start as u32,
            tag,
            flags: 0,
            class_hints: 0,
            id_hints: 0,
            class_hash: 0,
        };
        if self.non_content > 0 || tag.is_non_content() {
            node.flags |= flag::NON_CONTENT;
        }
        self.read_attributes(&mut node, id, el, src);
        self.doc.nodes.push(node);
        if tag.is_void() || !el.can_have_content() {
            return Ok(None);
        }
        self.stack.push(id, tag);
        if let Some((ns, integration_point)) = foreign {
            self.foreign.push((id, ns, integration_point));
        }
        if tag.is_non_content() {
            self.non_content += 1;
        }
        if tag.preserves_whitespace() {
            self.preserve += 1;
        }
        match tag {
            Tag::Title if self.meta.title.is_none() && !self.stack.is_open(Tag::Svg) => self.capture.push((id, Capture::Title)),
            Tag::Noscript => self.capture.push((id, Capture::Noscript)),
            _ => {}
        }
        Ok(Some(id))
    }

    /// An HTML element while SVG or MathML is open: lol_html saw it break out
    /// of foreign content (`<svg><p>`, `<math></p>`), so, as the HTML standard
    /// says, the foreign elements around it are closed. Without this an
    /// unclosed `<svg>` would hide the rest of the page.
    fn leave_foreign_content(&mut self, closed: &mut Vec<u32>) {
        while let Some((top, _)) = self.stack.top() {
            let Some(&(f, _, integration_point)) = self.foreign.last() else { break };
            if f != top || integration_point {
                break;
            }
            self.foreign.pop();
            self.stack.close(top, &mut |n| closed.push(n));
        }
    }

    /// An end tag that closed no element: in SVG or MathML, `</p>` and
    /// `</br>` end the foreign content, as in browsers and in lol_html.
    fn stray_end_tag(&mut self, start: usize, at: usize, src: &str) {
        self.namespaces.end_tag(src.as_bytes(), start);
        if gaps::leaves_foreign_content(gaps::name_at(src.as_bytes(), start + 2)) && self.foreign.last().is_some_and(|&(_, _, integration_point)| !integration_point) {
            self.finish_popped(at as u32, src, |st, closed| st.leave_foreign_content(closed));
        }
    }

    /// An end tag closed `node` (at byte `at`).
    fn close(&mut self, node: u32, at: u32, src: &str) {
        self.finish_popped(at, src, |st, closed| st.stack.close(node, &mut |n| closed.push(n)));
    }

    /// Finishes, at byte `at`, the elements that `pop` takes off the open
    /// stack (into a buffer kept for every token, not one per token).
    fn finish_popped(&mut self, at: u32, src: &str, pop: impl FnOnce(&mut State, &mut Vec<u32>)) {
        let mut closed = std::mem::take(&mut self.closed);
        pop(self, &mut closed);
        for &n in &closed {
            self.finish_node(n, at, src);
        }
        closed.clear();
        self.closed = closed;
    }

    fn finish_node(&mut self, n: u32, at: u32, src: &str) {
        let end = self.doc.nodes.len() as u32;
        let texts = self.doc.texts.len() as u32;
        let node = &mut self.doc.nodes[n as usize];
        node.end = end;
        node.text_end = texts;
        node.src_end = at.max(node.content_start);
        let tag = node.tag;
        if self.foreign.last().is_some_and(|&(f, _, _)| f == n) {
            self.foreign.pop();
        }
        if tag.is_non_content() {
            self.non_content = self.non_content.saturating_sub(1);
        }
        if tag.preserves_whitespace() {
            self.preserve = self.preserve.saturating_sub(1);
        }
        if let Some(i) = self.capture.iter().position(|(c, _)| *c == n) {
            let (_, what) = self.capture.swap_remove(i);
            self.captured(n, what, src);
        }
    }

    fn captured(&mut self, n: u32, what: Capture, src: &str) {
        let node = &self.doc.nodes[n as usize];
        let mut raw = String::new();
        for t in &self.doc.texts[node.text_start as usize..node.text_end as usize] {
            if t.owner == n {
                raw.push_str(src.get(t.start as usize..t.end as usize).unwrap_or(""));
            }
        }
        match what {
            Capture::Title => {
                let mut title = String::new();
                crate::dom::push_collapsed(&mut title, &entities::decode(&raw, Context::Text));
                self.meta.title = Some(title.trim().to_string());
            }
            Capture::JsonLd => self.meta.json_ld.push(raw),
            Capture::Noscript => {
                if let Some(media) = noscript_image(&raw) {
                    self.noscript.push((n, media));
                }
            }
        }
    }

    fn add_text(&mut self, start: usize, end: usize, src: &str) {
        let owner = self.stack.top().map_or(NONE, |(n, _)| n);
        let raw = src.get(start..end).unwrap_or("");
        let mut flags = 0;
        let (mut chars, mut commas) = (0, 0);
        if self.non_content > 0 || owner == NONE {
            flags |= tflag::NON_CONTENT;
            if raw.contains('&') {
                flags |= tflag::HAS_REFERENCE;
            }
        } else {
            if self.preserve > 0 {
                flags |= tflag::PRESERVE;
            }
            // Counted as it is; with a character reference, once more decoded.
            let references;
            (chars, commas, references) = count(raw);
            if references {
                flags |= tflag::HAS_REFERENCE;
                (chars, commas, _) = count(&entities::decode(raw, Context::Text));
            }
            if let Some(a) = self.stack.innermost(Tag::A) {
                flags |= tflag::IN_LINK;
                if self.doc.nodes[a as usize].has(flag::HASH_LINK) {
                    flags |= tflag::IN_HASH_LINK;
                }
            }
        }
        self.doc.texts.push(TextNode { owner, start: start as u32, end: end as u32, chars, commas, flags });
    }

    fn read_attributes(&mut self, node: &mut Node, id: u32, el: &Element, src: &str) {
        let tag = node.tag;
        let wants_media = matches!(tag, Tag::Img | Tag::Source | Tag::Video | Tag::Audio);
        let mut media = Media::default();
        let mut extra = Extra::default();
        let mut has_extra = false;
        let mut lazy: Vec<(String, String)> = Vec::new();
        let (mut aria_hidden, mut modal, mut dialog) = (false, false, false);
        let mut meta = MetaTag::default();
        let mut rel = String::new();
        let mut href: Option<String> = None;
        let mut class = "";
        for attr in el.attributes() {
            let Some(name_loc) = attr.name_source_location() else { continue };
            let Some(raw_name) = src.get(name_loc.bytes()) else { continue };
            let name = ascii_lowercase(raw_name);
            let raw_value = attr.value_source_location().and_then(|l| src.get(l.bytes())).unwrap_or("");
            let value = entities::decode(raw_value, Context::Attribute);
            match &*name {
                "class" => {
                    // Trimmed of HTML's whitespace only: the word matching
                    // takes just that as a token boundary.
                    let v = value.trim_ascii();
                    let h = hints::hash(v.as_bytes());
                    node.class_hints = self.hints.hints_of(v, h);
                    if !value.trim().is_empty() {
                        // 0 is reserved for "no class".
                        node.class_hash = h.max(1);
                        node.flags |= flag::HAS_CLASS;
                    }
                    class = raw_value;
                    if wants_media {
                        lazy.push((name.into_owned(), value.into_owned()));
                    }
                    continue;
                }
                "id" => {
                    let v = value.trim_ascii();
                    node.id_hints = self.hints.hints_of(v, hints::hash(v.as_bytes()));
                    extra.id = Some(value.trim().to_string()).filter(|v| !v.is_empty());
                    has_extra |= extra.id.is_some();
                }
                "style" => {
                    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                    if compact.contains("display:none") || compact.contains("visibility:hidden") {
                        node.flags |= flag::HIDDEN;
                    }
                }
                "hidden" => node.flags |= flag::HIDDEN,
                "aria-hidden" => aria_hidden = value.trim() == "true",
                "aria-modal" => modal = value.trim() == "true",
                "role" => {
                    let role = value.trim().to_ascii_lowercase();
                    dialog = role == "dialog";
                    if UNLIKELY_ROLES.contains(&role.as_str()) {
                        node.flags |= flag::UNLIKELY_ROLE;
                    }
                    if tag == Tag::Table && role == "presentation" {
                        node.flags |= flag::LAYOUT_TABLE;
                    }
                }
                "rel" => rel = value.to_ascii_lowercase(),
                "itemprop" => {
                    let v = value.to_ascii_lowercase();
                    if v.contains("author") {
                        node.flags |= flag::AUTHOR;
                    }
                    if v.contains("name") {
                        node.flags |= flag::ITEMPROP_NAME;
                    }
                    if v.contains("articlebody") {
                        node.flags |= flag::ITEMPROP_ARTICLE;
                    }
                    meta.itemprop = Some(v);
                }
                "href" => match tag {
                    Tag::A | Tag::Area => {
                        node.flags |= flag::HAS_HREF;
                        let v = value.trim();
                        if v.len() > 1 && v.starts_with('#') {
                            node.flags |= flag::HASH_LINK;
                        }
                        if crate::url::scheme_in(v, crate::url::LINK_SCHEMES) == Some(false) {
                            node.flags |= flag::SCRIPT_LINK;
                        }
                        href = Some(v.to_string());
                    }
                    Tag::Link => href = Some(value.trim().to_string()),
                    Tag::Base if self.meta.base_href.is_none() => self.meta.base_href = Some(value.trim().to_string()),
                    _ => {}
                },
                "dir" => {
                    extra.dir = Some(value.trim().to_ascii_lowercase());
                    has_extra = true;
                }
                "lang" => {
                    extra.lang = Some(value.trim().to_string());
                    has_extra = true;
                }
                "title" if matches!(tag, Tag::Abbr | Tag::A | Tag::Img | Tag::Dfn) => {
                    extra.title = Some(value.trim().to_string());
                    has_extra = true;
                }
                "datetime" => {
                    extra.datetime = Some(value.trim().to_string());
                    has_extra = true;
                }
                "cite" => {
                    extra.cite = Some(value.trim().to_string());
                    has_extra = true;
                }
                "start" if tag == Tag::Ol => {
                    extra.start = Some(value.trim().to_string());
                    has_extra = true;
                }
                "colspan" | "rowspan" | "span" => {
                    let n = value.trim().parse::<u16>().unwrap_or(0);
                    if name == "rowspan" {
                        extra.rowspan = n;
                    } else {
                        extra.colspan = n;
                    }
                    has_extra = true;
                }
                "scope" if matches!(tag, Tag::Th | Tag::Td) => {
                    extra.scope = Some(value.trim().to_ascii_lowercase());
                    has_extra = true;
                }
                "summary" if tag == Tag::Table && !value.trim().is_empty() => node.flags |= flag::TABLE_SUMMARY,
                "datatable" if tag == Tag::Table && value.trim() == "0" => node.flags |= flag::LAYOUT_TABLE,
                "name" if tag == Tag::Meta => meta.name = Some(value.trim().to_ascii_lowercase()),
                "property" if tag == Tag::Meta => meta.property = Some(value.trim().to_ascii_lowercase()),
                "content" if tag == Tag::Meta => meta.content = value.trim().to_string(),
                "type" if tag == Tag::Script => {
                    if value.trim().eq_ignore_ascii_case("application/ld+json") {
                        self.capture.push((id, Capture::JsonLd));
                    } else if rules::hidden::TEMPLATE_SCRIPT_TYPES.iter().any(|t| value.trim().eq_ignore_ascii_case(t)) {
                        node.flags |= flag::TEMPLATE;
                    }
                }
                _ => {}
            }
            if wants_media {
                match &*name {
                    "src" => media.src = Some(value.trim().to_string()),
                    "srcset" => media.srcset = Some(value.trim().to_string()),
                    "sizes" => media.sizes = Some(value.trim().to_string()),
                    "alt" => media.alt = Some(value.to_string()),
                    "width" => media.width = Some(value.trim().to_string()),
                    "height" => media.height = Some(value.trim().to_string()),
                    "media" => media.media = Some(value.trim().to_string()),
                    "type" => media.mime = Some(value.trim().to_string()),
                    "poster" => media.poster = Some(value.trim().to_string()),
                    _ => lazy.push((name.into_owned(), value.into_owned())),
                }
            } else if matches!(tag, Tag::Iframe | Tag::Embed | Tag::Object) && rules::is_video_url(&value) {
                node.flags |= flag::VIDEO;
            }
        }
        if aria_hidden && !entities::decode(class, Context::Attribute).contains(rules::FALLBACK_IMAGE_CLASS) {
            node.flags |= flag::HIDDEN;
        }
        if modal && dialog {
            node.flags |= flag::MODAL;
        }
        if rel.split_ascii_whitespace().any(|r| r == "author") {
            node.flags |= flag::AUTHOR;
        }
        match tag {
            Tag::Html if !self.seen_html => {
                self.seen_html = true;
                self.meta.html_lang = extra.lang.clone().filter(|l| !l.is_empty());
                self.meta.html_dir = extra.dir.clone().filter(|d| !d.is_empty());
            }
            Tag::Link if rel.split_ascii_whitespace().any(|r| r == "canonical") && self.meta.canonical.is_none() => {
                self.meta.canonical = href.take();
            }
            Tag::Meta if !meta.content.is_empty() => self.meta.metas.push(meta),
            _ => {}
        }
        if wants_media {
            fix_lazy_media(&mut media, &lazy, tag);
            if has_usable_source(&media) {
                node.flags |= flag::HAS_IMAGE_SOURCE;
            }
            if tag == Tag::Video && media.src.as_deref().is_some_and(rules::is_video_url) {
                node.flags |= flag::VIDEO;
            }
            self.doc.media.push((id, media));
        }
        if has_extra && tag != Tag::Link {
            self.doc.extras.push((id, extra));
        }
        if let Some(h) = href.filter(|_| matches!(tag, Tag::A | Tag::Area)) {
            self.doc.hrefs.push((id, h));
        }
    }
}

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// SVG and MathML elements whose children are HTML again (the standard's
/// HTML and MathML text integration points).
fn is_integration_point(el: &Element, ns: &str, src: &str) -> bool {
    let name = gaps::name_at(src.as_bytes(), el.source_location().bytes().start + 1);
    gaps::is_integration_point(ns == "http://www.w3.org/2000/svg", name, any_attribute(el))
}

/// Asks whether an attribute (name, value) of `el` passes a test.
fn any_attribute<'e, 'h>(el: &'e Element<'_, 'h, lol_html::LocalHandlerTypes>) -> impl Fn(&dyn Fn(&str, &str) -> bool) -> bool + use<'e, 'h> {
    move |f| el.attributes().iter().any(|a| f(&a.name(), &a.value()))
}

/// An attribute name in ASCII lowercase, borrowed when it is already.
fn ascii_lowercase(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Characters (whitespace runs counted once, ends trimmed) and commas, and
/// whether there is an `&` (maybe a character reference).
fn count(text: &str) -> (u32, u32, bool) {
    let bytes = text.as_bytes();
    let (mut chars, mut commas, mut pending_space, mut started, mut ampersand) = (0u32, 0u32, false, false, false);
    let mut i = 0;
    while i < bytes.len() {
        // A run of characters that are not whitespace, commas or "&", read
        // a byte at a time (a UTF-8 continuation byte starts no character).
        let before = chars;
        while i < bytes.len() && !NOTABLE[bytes[i] as usize] {
            chars += u32::from(bytes[i] & 0xC0 != 0x80);
            i += 1;
        }
        if chars > before {
            chars += u32::from(pending_space);
            (pending_space, started) = (false, true);
        }
        if i == bytes.len() {
            break;
        }
        let (c, len) = crate::text::char_at(text, i);
        i += len;
        if crate::text::is_space(c) {
            pending_space = started;
            continue;
        }
        chars += 1 + u32::from(pending_space);
        (pending_space, started) = (false, true);
        if COMMAS.contains(&c) {
            commas += 1;
        }
        ampersand |= c == '&';
    }
    (chars, commas, ampersand)
}

/// The bytes that can start whitespace (`text::MAY_START_SPACE`), a comma
/// or "&": ",", "&", and the lead bytes of the other commas (U+060C: D8;
/// U+2E32–U+2E41: E2, a whitespace lead already; the fullwidth and small
/// commas: EF).
static NOTABLE: [bool; 256] = {
    let mut table = crate::text::MAY_START_SPACE;
    let mut b = 0;
    while b < 256 {
        table[b] |= matches!(b as u8, b',' | b'&' | 0xD8 | 0xE2 | 0xEF);
        b += 1;
    }
    table
};

/// A `data:` URI that is a tiny base64 placeholder (not SVG).
fn is_placeholder(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    if !lower.starts_with("data:") || lower.starts_with("data:image/svg+xml") {
        return false;
    }
    match lower.find("base64,") {
        Some(i) => src.len() - (i + 7) < PLACEHOLDER_DATA_URI_CHARS,
        None => lower.len() < PLACEHOLDER_DATA_URI_CHARS,
    }
}

/// Moves the real image of a lazy-loaded `img`/`source` into `src`/`srcset`
/// (Readability's `_fixLazyImages`, plus the attribute names lazy-loading
/// libraries use that carry no file extension).
fn fix_lazy_media(media: &mut Media, attrs: &[(String, String)], tag: Tag) {
    let get = |name: &str| attrs.iter().find(|(n, v)| n == name && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string());
    let class_lazy = get("class").is_some_and(|c| c.to_ascii_lowercase().contains("lazy"));
    let has_other_image = attrs.iter().any(|(n, v)| n != "class" && rules::has_image_extension(v));
    if media.src.as_deref().is_some_and(|s| is_placeholder(s) && (has_other_image || LAZY_SRC_ATTRIBUTES.iter().any(|a| get(a).is_some()))) {
        media.src = None;
    }
    if media.src.as_deref().is_some_and(|s| s.is_empty()) {
        media.src = None;
    }
    if media.srcset.as_deref().is_some_and(|s| s.is_empty() || s == "null") {
        media.srcset = None;
    }
    let lazy_src = LAZY_SRC_ATTRIBUTES.iter().find_map(|a| get(a));
    let lazy_srcset = LAZY_SRCSET_ATTRIBUTES.iter().find_map(|a| get(a));
    if (media.src.is_some() || media.srcset.is_some()) && !class_lazy {
        return;
    }
    if let Some(s) = lazy_src.filter(|_| tag != Tag::Source) {
        media.src = Some(s);
    }
    if let Some(s) = lazy_srcset {
        media.srcset = Some(s);
    }
    if media.src.is_some() || media.srcset.is_some() {
        return;
    }
    for (name, value) in attrs {
        if matches!(name.as_str(), "class" | "alt") || !rules::has_image_extension(value) {
            continue;
        }
        let v = value.trim();
        let mut parts = v.split_whitespace();
        let first = parts.next().unwrap_or("");
        let second = parts.next();
        if second.is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit())) {
            media.srcset = Some(v.to_string());
        } else if second.is_none() && rules::has_image_extension(first) && tag != Tag::Source {
            media.src = Some(first.to_string());
        }
    }
}

fn has_usable_source(media: &Media) -> bool {
    media.src.as_deref().is_some_and(|s| !s.is_empty()) || media.srcset.as_deref().is_some_and(|s| !s.is_empty())
}

/// The image inside a `<noscript>`, if that is all it holds.
fn noscript_image(raw: &str) -> Option<Media> {
    if !raw.to_ascii_lowercase().contains("<img") {
        return None;
    }
    let found: RefCell<Vec<Media>> = RefCell::new(Vec::new());
    let others = std::cell::Cell::new(0usize);
    let settings = Settings::new().append_element_content_handler(element!("*", |el| {
        if el.tag_name() != "img" {
            if !matches!(el.tag_name().as_str(), "picture" | "source" | "a" | "span" | "div" | "figure") {
                others.set(others.get() + 1);
            }
            return Ok(());
        }
        let mut media = Media::default();
        let mut lazy = Vec::new();
        for a in el.attributes() {
            let v = entities::decode(&a.value(), Context::Attribute).trim().to_string();
            match a.name().as_str() {
                "src" => media.src = Some(v),
                "srcset" => media.srcset = Some(v),
                "sizes" => media.sizes = Some(v),
                "alt" => media.alt = Some(v),
                "width" => media.width = Some(v),
                "height" => media.height = Some(v),
                n => lazy.push((n.to_string(), v)),
            }
        }
        fix_lazy_media(&mut media, &lazy, Tag::Img);
        found.borrow_mut().push(media);
        Ok(())
    }));
    sink::rewrite(raw, settings).ok()?;
    let mut found = found.into_inner();
    if found.len() != 1 || others.get() > 0 || !has_usable_source(&found[0]) || is_tracking_pixel(&found[0]) {
        return None;
    }
    found.pop()
}

pub(crate) fn is_tracking_pixel(media: &Media) -> bool {
    let small = |v: &Option<String>| v.as_deref().and_then(|s| s.trim_end_matches("px").parse::<u32>().ok()).is_some_and(|n| n <= TRACKING_PIXEL_MAX);
    small(&media.width) && small(&media.height)
}

/// Readability's `_unwrapNoscriptImages`: an image in a `<noscript>` right
/// after a placeholder image replaces it. A `<noscript>` image with no image
/// before it stands for itself.
fn resolve_noscript_images(doc: &mut Document, found: Vec<(u32, Media)>) {
    for (ns, media) in found {
        let parent = doc.parent(ns);
        let prev = if parent == NONE { None } else { doc.children(parent).take_while(|&c| c < ns).last() };
        let target = prev.and_then(|p| single_image(doc, p));
        match target {
            Some(img) => {
                if let Ok(i) = doc.media.binary_search_by_key(&img, |(k, _)| *k) {
                    let old = std::mem::replace(&mut doc.media[i].1, media);
                    let new = &mut doc.media[i].1;
                    if new.alt.is_none() {
                        new.alt = old.alt;
                    }
                }
                doc.nodes[img as usize].flags |= flag::HAS_IMAGE_SOURCE;
                doc.nodes[ns as usize].flags |= flag::NOSCRIPT_USED;
            }
            None => {
                let at = doc.media.partition_point(|(k, _)| *k < ns);
                doc.media.insert(at, (ns, media));
                doc.nodes[ns as usize].flags |= flag::NOSCRIPT_IMAGE;
            }
        }
    }
}

/// `n` if it is an `img`, or the one `img` inside `n` when `n` holds nothing else.
fn single_image(doc: &Document, n: u32) -> Option<u32> {
    let mut cur = n;
    loop {
        let node = doc.node(cur);
        if node.tag == Tag::Img {
            return Some(cur);
        }
        let texts = &doc.texts[node.text_start as usize..node.text_end as usize];
        if texts.iter().any(|t| t.chars > 0) {
            return None;
        }
        let mut children = doc.children(cur);
        let (Some(only), None) = (children.next(), children.next()) else { return None };
        cur = only;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::options::Options;

    pub(crate) fn scan(html: &str) -> Scan {
        let src: Source = Rc::new(RefCell::new(String::new()));
        let mut s = Scanner::new(src.clone(), 1_000_000, Options::new().deadline());
        src.borrow_mut().push_str(html);
        s.feed().unwrap();
        s.finish().unwrap()
    }

    fn tags(doc: &Document) -> Vec<(&'static str, Option<&'static str>)> {
        doc.nodes.iter().map(|n| (n.tag.name(), (n.parent != NONE).then(|| doc.tag(n.parent).name()))).collect()
    }

    #[test]
    fn builds_the_browser_tree_for_unclosed_tags() {
        let s = scan("<div><p>one<p>two<ul><li>a<li>b</ul></div><p>three");
        assert_eq!(
            tags(&s.doc),
            vec![("div", None), ("p", Some("div")), ("p", Some("div")), ("ul", Some("div")), ("li", Some("ul")), ("li", Some("ul")), ("p", None)]
        );
        let d = &s.doc;
        assert_eq!(d.text(0), "onetwoab");
        assert_eq!(d.node(1).end, 2);
        assert_eq!(d.text(6), "three");
    }

    #[test]
    fn class_words_end_at_html_whitespace_only() {
        use crate::rules::hint;
        let s = scan("<div class=' hid '></div><div class='\u{a0}hid'></div><div class=' '></div><div class='\u{a0}'></div>");
        let n = &s.doc.nodes;
        assert_ne!(n[0].class_hints & hint::NEGATIVE, 0);
        assert_eq!(n[1].class_hints & hint::NEGATIVE, 0, "no-break space is not a token boundary");
        assert!(n[0].class_hash != 0 && n[1].class_hash != 0 && n[0].class_hash != n[1].class_hash);
        assert_eq!((n[2].class_hash, n[3].class_hash), (0, 0), "blank classes are no class");
    }

    #[test]
    fn counting_matches_its_definition() {
        const ALPHABET: [char; 11] = ['a', '&', ' ', ',', '\u{060C}', '\u{FF0C}', '\u{a0}', '–', 'é', '日', '\n'];
        for t in &crate::text::tests::every_string(&ALPHABET, 4) {
            let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = (collapsed.chars().count() as u32, t.chars().filter(|c| COMMAS.contains(c)).count() as u32, t.contains('&'));
            assert_eq!(count(t), expected, "{t:?}");
        }
    }

    #[test]
    fn counts_text_and_links() {
        let s = scan("<p>Hello,  <a href='#x'>big</a>   world &amp; more, &#44;</p>");
        let d = &s.doc;
        let link = d.texts.iter().find(|t| t.flags & tflag::IN_LINK != 0).unwrap();
        assert_eq!(link.flags & tflag::IN_HASH_LINK, tflag::IN_HASH_LINK);
        let total: u32 = d.texts.iter().map(|t| t.chars).sum();
        assert_eq!(d.text(0), "Hello, big world & more, ,");
        assert_eq!(total, "Hello,".len() as u32 + 3 + "world & more, ,".len() as u32);
        assert_eq!(d.texts.iter().map(|t| t.commas).sum::<u32>(), 3);
    }

    #[test]
    fn reads_attributes_into_flags_and_side_tables() {
        let s = scan(r#"<div class="Sidebar widget" id=main style="display: none"><a rel=author href="/me">Me</a><img class=lazyload src="data:image/gif;base64,R0lGOD" data-src="/big.jpg"></div>"#);
        let d = &s.doc;
        assert!(d.node(0).has(flag::HIDDEN));
        assert!(d.node(0).class_hints & rules::hint::NEGATIVE != 0);
        assert!(d.node(0).id_hints & rules::hint::POSITIVE != 0);
        assert!(d.node(1).has(flag::AUTHOR));
        assert_eq!(d.href(1), Some("/me"));
        assert_eq!(d.media(2).unwrap().src.as_deref(), Some("/big.jpg"));
        assert!(d.node(2).has(flag::HAS_IMAGE_SOURCE));
        // aria-hidden hides, except a fallback image (shown when another fails).
        let s = scan(r#"<img aria-hidden=true class=a src=/a.jpg><img class="x fallback-image" aria-hidden="true" src=/b.jpg><img aria-hidden=false src=/c.jpg>"#);
        let hidden: Vec<bool> = s.doc.nodes.iter().map(|n| n.has(flag::HIDDEN)).collect();
        assert_eq!(hidden, [true, false, false]);
    }

    #[test]
    fn collects_metadata() {
        let s = scan(r#"<html lang=de dir=ltr><head><title> A &amp; B </title><meta property="og:title" content="T"><link rel=canonical href="https://x.example/a"><base href="/b/"><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body><svg><title>no</title></svg></body></html>"#);
        assert_eq!(s.meta.title.as_deref(), Some("A & B"));
        assert_eq!(s.meta.html_lang.as_deref(), Some("de"));
        assert_eq!(s.meta.canonical.as_deref(), Some("https://x.example/a"));
        assert_eq!(s.meta.base_href.as_deref(), Some("/b/"));
        assert_eq!(s.meta.metas[0].property.as_deref(), Some("og:title"));
        assert_eq!(s.meta.json_ld, vec![r#"{"@type":"NewsArticle"}"#.to_string()]);
    }

    #[test]
    fn html_breaks_out_of_unclosed_foreign_content() {
        // An unclosed <svg> must not swallow the paragraphs after it: a
        // browser closes it at the first <p> (or </p>), and so does the scan.
        for html in ["<div><svg/onload=x><p>after</p></div>", "<div><svg><g><p>after</p></div>", "<div><math><mi>x</mi></p><style>s</style><p>after</p></div>"] {
            let s = scan(html);
            let p = s.doc.nodes.iter().rposition(|n| n.tag == Tag::P).unwrap();
            assert_eq!(s.doc.tag(s.doc.nodes[p].parent), Tag::Div, "{html}");
            assert!(!s.doc.nodes[p].has(flag::NON_CONTENT), "{html}");
            assert_eq!(s.doc.text(p as u32), "after", "{html}");
        }
        // HTML inside an integration point stays inside the SVG.
        let s = scan("<div><svg><foreignObject><p>inside</p></foreignObject></svg><p>after</p></div>");
        let inner = s.doc.nodes.iter().position(|n| n.tag == Tag::P).unwrap();
        assert!(s.doc.nodes[inner].has(flag::NON_CONTENT));
        let after = s.doc.nodes.iter().rposition(|n| n.tag == Tag::P).unwrap();
        assert!(!s.doc.nodes[after].has(flag::NON_CONTENT));
    }

    #[test]
    fn noscript_images_replace_placeholders() {
        let s = scan(r#"<p><img src="data:image/gif;base64,R0lGOD"><noscript><img src="/real.jpg" alt="x"></noscript></p><noscript><img src="/solo.jpg"></noscript><noscript><img src="/px" width=1 height=1></noscript>"#);
        let d = &s.doc;
        assert_eq!(d.media(1).unwrap().src.as_deref(), Some("/real.jpg"));
        assert!(d.node(2).has(flag::NOSCRIPT_USED));
        let solo = d.nodes.iter().position(|n| n.has(flag::NOSCRIPT_IMAGE)).unwrap() as u32;
        assert_eq!(d.media(solo).unwrap().src.as_deref(), Some("/solo.jpg"));
        assert_eq!(d.nodes.iter().filter(|n| n.has(flag::NOSCRIPT_IMAGE)).count(), 1);
    }

    #[test]
    fn chunking_does_not_change_the_table() {
        let html = "<div class=a><p>x &amp; y, z<p>b<!-- c --><script>var a='<p>';</script>tail &eacute;</div>";
        let whole = scan(html);
        for size in [1, 2, 3, 7] {
            let src: Source = Rc::new(RefCell::new(String::new()));
            let mut s = Scanner::new(src.clone(), 1_000_000, Options::new().deadline());
            let mut i = 0;
            while i < html.len() {
                let mut j = (i + size).min(html.len());
                while !html.is_char_boundary(j) {
                    j += 1;
                }
                src.borrow_mut().push_str(&html[i..j]);
                s.feed().unwrap();
                i = j;
            }
            let parts = s.finish().unwrap();
            assert_eq!(parts.doc.nodes.len(), whole.doc.nodes.len());
            assert_eq!(parts.doc.texts.len(), whole.doc.texts.len(), "chunk size {size}");
            for (a, b) in parts.doc.texts.iter().zip(&whole.doc.texts) {
                assert_eq!((a.owner, a.start, a.end, a.chars), (b.owner, b.start, b.end, b.chars));
            }
        }
    }
}
