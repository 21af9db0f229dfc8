//! What a browser makes of a page or a fragment, via html5ever: the text a
//! reader would see. Used to tell whether a vector legitimately swallows the
//! paragraph after it (an unclosed `<script>` or comment does, in a browser
//! too) and to read the text of decant's output as the embedding page will.

#![allow(dead_code)] // each integration test uses only part of this module

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_document, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements whose text a reader never sees as page text.
const INVISIBLE: &[&str] = &[
    "head", "script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe",
    "noembed", "noframes", "select", "option", "optgroup", "datalist", "object", "plaintext",
];

/// The text a reader sees when `page` is loaded as a whole document
/// (scripting enabled, so `<noscript>` content is hidden).
pub fn visible_page_text(page: &str) -> String {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(page);
    let mut out = String::new();
    visible_text(&dom.document, &mut out);
    out
}

/// The text of `html` once assigned to `div.innerHTML`.
pub fn fragment_text(html: &str) -> String {
    let context = QualName::new(None, ns!(html), local_name!("div"));
    let dom = parse_fragment(RcDom::default(), ParseOpts::default(), context, Vec::new(), true).one(html);
    let mut out = String::new();
    visible_text(&dom.document, &mut out);
    out
}

/// Every `(element name, attribute name, value)` in `html` parsed as
/// `div.innerHTML`, in document order.
pub fn fragment_attributes(html: &str) -> Vec<(String, String, String)> {
    let context = QualName::new(None, ns!(html), local_name!("div"));
    let dom = parse_fragment(RcDom::default(), ParseOpts::default(), context, Vec::new(), true).one(html);
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            for a in attrs.borrow().iter() {
                out.push((name.local.to_string(), a.name.local.to_string(), a.value.to_string()));
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    out
}

fn visible_text(root: &Handle, out: &mut String) {
    // Iterative, so deep input cannot overflow the stack.
    let mut stack: Vec<Handle> = vec![root.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } => {
                if name.ns != ns!(html) || INVISIBLE.contains(&&*name.local) {
                    continue;
                }
                stack.extend(node.children.borrow().iter().rev().cloned());
            }
            NodeData::Document => stack.extend(node.children.borrow().iter().rev().cloned()),
            _ => {}
        }
    }
}
