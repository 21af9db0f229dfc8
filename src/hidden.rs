//! Articles hidden from a parser that runs scripts: some pages (Blogger,
//! for one) ship their text inside `<noscript>` or in a
//! `<script type="text/template">` that a script inserts. Both reach the
//! scan as raw text. When the article found without them is short and such
//! an element holds paragraphs, the page is read again with their tags
//! taken away, so their markup is parsed as the page's own.

use crate::dom::{flag, Document};
use crate::rules::hidden as H;
use crate::tags::Tag;

/// The page with its markup-holding `<noscript>` and template scripts
/// unwrapped, if it has any.
pub(crate) fn unwrapped(doc: &Document) -> Option<String> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for node in &doc.nodes {
        let template = node.tag == Tag::Script && node.has(flag::TEMPLATE);
        if node.tag != Tag::Noscript && !template {
            continue;
        }
        let (start, inner, end) = (node.src_start as usize, node.content_start as usize, node.src_end as usize);
        // Nodes come in page order, so the cuts do too; one element inside
        // another (only in SVG, where neither is raw text) is left alone.
        if cuts.last().is_some_and(|&(_, cut_end)| start < cut_end) {
            continue;
        }
        let Some(raw) = doc.src.get(inner..end) else { continue };
        let close = if template { "</script>" } else { "</noscript>" };
        let body_end = raw.len() - if ends_with_ignore_case(raw, close) { close.len() } else { 0 };
        let body = &raw[..body_end];
        if body.len() < H::MIN_MARKUP_BYTES || !holds_paragraphs(body) {
            continue;
        }
        cuts.push((start, inner));
        cuts.push((inner + body_end, end));
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(doc.src.len());
    let mut at = 0;
    for (a, b) in cuts {
        out.push_str(doc.src.get(at..a)?);
        at = b;
    }
    out.push_str(doc.src.get(at..)?);
    Some(out)
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && s.is_char_boundary(s.len() - suffix.len()) && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Does this raw markup hold paragraphs (and not only an image)?
fn holds_paragraphs(raw: &str) -> bool {
    let lower = raw.to_ascii_lowercase();
    // `<p` and `<br` as whole tag names: not `<path`, `<picture` or `<pre`.
    let tags = |name: &str| {
        lower.match_indices(name).filter(|(at, _)| lower[at + name.len()..].starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())).count()
    };
    tags("<p") + tags("<br") >= H::MIN_PARAGRAPHS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    #[test]
    fn noscript_and_template_markup_is_unwrapped() {
        let text = "<p>A paragraph of the article inside, long enough to count as text here.</p>".repeat(12);
        let page = format!("<body><div class=post><noscript>{text}</noscript></div><noscript><img src=a.jpg></noscript></body>");
        let out = unwrapped(&scan(&page).doc).unwrap();
        assert!(out.starts_with("<body><div class=post><p>A paragraph") && out.contains("</p></div><noscript><img"), "{out}");
        let page = format!("<body><script type=\"text/template\">{text}</script><script>var x = 1;</script></body>");
        let out = unwrapped(&scan(&page).doc).unwrap();
        assert!(out.starts_with("<body><p>A paragraph") && out.contains("</p><script>var x"), "{out}");
        assert!(unwrapped(&scan("<body><p>Plain.</p><noscript><img src=a.jpg></noscript></body>").doc).is_none());
    }

    #[test]
    fn an_icon_is_no_paragraph() {
        let icon = format!("<svg><path d=\"{}\"></path><path d=\"M0\"></path></svg>", "M0 0L1 1".repeat(80));
        assert!(!holds_paragraphs(&icon.repeat(4)));
        assert!(holds_paragraphs(&"<p>One.</p><P class=x>Two.</p><br/>".repeat(2)));
    }

    #[test]
    fn a_noscript_inside_another_is_left_in_it() {
        // Only in SVG is a noscript not raw text, so only there can one hold another.
        let text = "<p>A paragraph of the article inside, long enough to count as text here.</p>".repeat(12);
        let inner = format!("<foreignObject>{text}<noscript>{text}</noscript></foreignObject>");
        let page = format!("<body><svg><noscript>{inner}</noscript></svg><p>After.</p></body>");
        let out = unwrapped(&scan(&page).doc).unwrap();
        let expected = format!("<body><svg>{inner}</svg><p>After.</p></body>");
        assert_eq!(out, expected);
    }

    #[test]
    fn an_article_only_in_noscript_is_found() {
        let text = "<p>A paragraph of the article inside, long enough to count as text, with commas, here.</p>".repeat(8);
        let page = format!("<html><body><div class=nav><a href=/>Home</a></div><div class=post-body><noscript>{text}</noscript></div></body></html>");
        let a = crate::extract(&page, &crate::Options::new()).unwrap();
        assert!(a.length > 500, "{:?}", a.text_content);
        assert!(a.content.unwrap().starts_with("<p>A paragraph"));
    }
}
