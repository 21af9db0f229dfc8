//! Readability's `isProbablyReaderable`: a quick guess, from the scan alone,
//! whether a page holds an article worth a reader view.

use crate::dom::{flag, Document, NONE};
use crate::rules::{hint, readability as R};
use crate::tags::Tag;

pub(crate) fn is_probably_readerable(doc: &Document) -> bool {
    let n = doc.len();
    // Text length of every subtree.
    let mut chars = vec![0u32; n];
    for t in &doc.texts {
        if t.owner != NONE && t.flags & crate::dom::tflag::NON_CONTENT == 0 {
            chars[t.owner as usize] += t.chars;
        }
    }
    let mut has_br = vec![false; n];
    for i in (0..n).rev() {
        let node = &doc.nodes[i];
        if node.parent != NONE {
            chars[node.parent as usize] += chars[i];
            if node.tag == Tag::Br {
                has_br[node.parent as usize] = true;
            }
        }
    }
    let mut score = 0.0;
    for (i, node) in doc.nodes.iter().enumerate() {
        let candidate = matches!(node.tag, Tag::P | Tag::Pre | Tag::Article) || (node.tag == Tag::Div && has_br[i]);
        if !candidate || node.has(flag::HIDDEN) || node.has(flag::NON_CONTENT) {
            continue;
        }
        let hints = node.hints();
        if hints & hint::UNLIKELY != 0 && hints & hint::MAYBE == 0 {
            continue;
        }
        if node.tag == Tag::P && doc.ancestors(i as u32).any(|a| doc.tag(a) == Tag::Li) {
            continue;
        }
        let len = chars[i] as usize;
        if len < R::READERABLE_MIN_CHARS {
            continue;
        }
        score += ((len - R::READERABLE_MIN_CHARS) as f64).sqrt();
        if score > R::READERABLE_MIN_SCORE {
            return true;
        }
    }
    false
}
