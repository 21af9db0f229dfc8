//! Clutter inside the chosen article: blocks that Readability's cleaning
//! keeps but no reader came for. Each rule names a kind of block a careful
//! human would cut:
//! - boxes named for what they are (newsletter sign-ups, disclaimers,
//!   copyright lines, author boxes, cookie notes, print and text-size tools),
//!   when they hold only a small part of the article;
//! - ad containers and ad labels ("Anzeige", "Advertisement");
//! - date lines ("Aktualisiert am 3. März 2024, 16:05 Uhr");
//! - "read also" lead-ins: a label alone, or a label with its link.
//!
//! Pure removals over the element table, in one pass in document order.

use crate::dom::{flag, Document, NONE};
use crate::lowercase::lowercase;
use crate::rules::{
    clutter as C, hint, AD_WORDS, YEAR_DIGITS, ORDINAL_SUFFIXES, APPENDIX_LABELS, BREADCRUMB_SEPARATORS, BYLINE_WORDS, DATE_WORDS, MONTHS, READING_TIME_FILLERS, READING_TIME_MAX_DIGITS, READING_TIME_UNITS, READING_TIME_WORDS, READ_ALSO,
    SIGN_UP_WORDS, SOURCE_LABELS, TEASER_HEADINGS,
};
use crate::score::Tally;
use crate::tags::Tag;

/// What the rules need to know about the article.
pub(crate) struct Article<'a> {
    /// Elements inside the article, in document order.
    pub inside: &'a [u32],
    /// The article's top-level elements (never removed here).
    pub top: &'a [u32],
    /// The tag each element is rendered as.
    pub tags: &'a [Tag],
    /// Text length of the whole article.
    pub chars: u32,
    /// Is this element layout that wraps content ("above-footer" around
    /// "post-content"), whatever its name says?
    pub wraps_content: &'a dyn Fn(u32) -> bool,
}

/// Removes the clutter of `article` from `tally`.
pub(crate) fn remove(doc: &Document, tally: &mut Tally, article: &Article, in_data_table: &dyn Fn(u32) -> bool) {
    let mut skip_to = 0u32;
    // Inside a named box too big to be clutter, its parts are not clutter
    // either (the "comments" of a live ticker are the article).
    let mut named_ok_to = 0u32;
    for &n in article.inside {
        if n < skip_to {
            continue;
        }
        if tally.removed[n as usize] {
            skip_to = doc.node(n).end;
            continue;
        }
        // Names describe boxes; an inline link named "popup" is text.
        let tag = article.tags[n as usize];
        let boxed = !(tag.is_phrasing() || tag == Tag::A);
        let named = boxed && n >= named_ok_to && doc.node(n).hints() & NAMED_KINDS != 0;
        let small = named && is_small_part(doc, tally, article, n) && !(article.wraps_content)(n);
        // (Only a box that is nearly all of the article: a footer holding
        // most of a short article does not protect the author box in it.)
        let most = tally.get(n).chars as f64 >= article.chars as f64 * C::PROTECT_SHARE;
        if named && !small && (most || article.top.contains(&n) || (article.wraps_content)(n)) {
            named_ok_to = doc.node(n).end;
        }
        // A top-level piece goes only as a small named box (an author box
        // joined as a sibling), never for what its text says.
        let clutter = if article.top.contains(&n) { small } else { is_clutter(doc, tally, article, n, small, in_data_table) };
        if !clutter {
            continue;
        }
        tally.remove(doc, n);
        skip_to = doc.node(n).end;
        // A "read also" heading takes the list of links after it along.
        if article.tags[n as usize].is_heading() {
            if let Some(next) = next_sibling(doc, tally, n).filter(|&s| is_link_list(doc, tally, s)) {
                if !article.top.contains(&next) {
                    tally.remove(doc, next);
                }
            }
        }
    }
}

/// The kinds of named boxes that are clutter inside an article: our
/// `CLUTTER` names, comments, article footers, tag lists, share bars.
const NAMED_KINDS: crate::rules::Hints = hint::CLUTTER | hint::COMMENTS | hint::FOOTER | hint::TAGS | hint::SHARE;

/// A named box that holds a small part of the article, outside a figure
/// (a photo credit named "copyright" is part of its caption).
fn is_small_part(doc: &Document, tally: &Tally, article: &Article, n: u32) -> bool {
    (tally.get(n).chars as f64) < article.chars as f64 * C::MAX_SHARE && !near_figure(doc, n)
}

/// Is `n` a figure or its caption, or close below one?
fn near_figure(doc: &Document, n: u32) -> bool {
    std::iter::once(n).chain(doc.ancestors(n).take(C::FIGURE_LEVELS)).any(|a| matches!(doc.tag(a), Tag::Figure | Tag::Figcaption))
}

fn is_clutter(doc: &Document, tally: &Tally, article: &Article, n: u32, small_named: bool, in_data_table: &dyn Fn(u32) -> bool) -> bool {
    let node = doc.node(n);
    let s = tally.get(n);
    if s.chars == 0 {
        return false;
    }
    let hints = node.hints();
    let tag = article.tags[n as usize];
    if small_named {
        return true;
    }
    if hints & hint::AD != 0 && s.chars <= C::AD_MAX_CHARS && s.p == 0 {
        return true;
    }
    // Text rules read the text: only of small subtrees, so that the pass
    // stays linear on deep or huge pages.
    if s.chars > C::READ_ALSO_MAX_CHARS || node.end - n > C::TEXT_RULE_MAX_ELEMENTS || node.text_end - node.text_start > C::TEXT_RULE_MAX_TEXTS {
        return false;
    }
    let text = live_text(doc, tally, n);
    let lower = lowercase(&text);
    if is_ad_label(&lower) || is_appendix_label(&lower) {
        return true;
    }
    if let Some(rest) = read_also_rest(&lower) {
        if rest.chars().count() <= C::LABEL_SLACK_CHARS || s.link_density() >= C::READ_ALSO_MIN_LINK_DENSITY {
            return true;
        }
    }
    let block = !tag.is_phrasing() && tag != Tag::A;
    if block && s.chars <= C::BYLINE_LINE_MAX_CHARS && is_byline_line(doc, n, &lower) {
        return true;
    }
    if block && !tag.is_heading() && s.chars <= C::DATE_LINE_MAX_CHARS && (is_breadcrumb(&lower) || labels_controls(doc, n, s.chars)) {
        return true;
    }
    // A short line that asks to subscribe is a sign-up call, boxed or not.
    if block && s.chars <= C::SIGN_UP_MAX_CHARS && SIGN_UP_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    if block && s.chars <= C::DATE_LINE_MAX_CHARS && is_source_line(&lower) && !near_figure(doc, n) {
        return true;
    }
    if block && s.chars <= C::DATE_LINE_MAX_CHARS && is_reading_time(&lower) {
        return true;
    }
    // A date inside a sentence stays; a line that is only a date goes.
    s.chars <= C::DATE_LINE_MAX_CHARS
        && !tag.is_heading()
        && is_date_line(&lower)
        && (!(tag.is_phrasing() || tag == Tag::A) || stands_alone(doc, n))
        && !in_data_table(n)
}

/// Is block `n` a byline line: an author's name, marked up as such
/// (`rel=author`, "byline"/"author" classes), with only byline words and a
/// date around it ("Par Élodie Marchal — publié le 14 mai 2024")?
fn is_byline_line(doc: &Document, n: u32, lower: &str) -> bool {
    let node = doc.node(n);
    if node.end - n > C::BYLINE_LINE_MAX_ELEMENTS {
        return false;
    }
    let is_author = |d: u32| doc.node(d).has(flag::AUTHOR) || doc.node(d).hints() & hint::BYLINE != 0;
    let Some(author) = (n..node.end).find(|&d| is_author(d)) else { return false };
    let name = lowercase(&doc.text(author));
    let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let name_words = words(&name);
    words(lower).iter().all(|w| {
        name_words.contains(w)
            || w.bytes().all(|b| b.is_ascii_digit())
            || MONTHS.contains(&w.as_str())
            || DATE_WORDS.contains(&w.as_str())
            || BYLINE_WORDS.contains(&w.as_str())
    })
}

/// Is `lower` a source line: a source label and a name ("Quelle: dpa")?
fn is_source_line(lower: &str) -> bool {
    let t = lower.trim().trim_start_matches('(').trim_end_matches(')');
    let Some((label, rest)) = t.split_once(':') else { return false };
    let words = rest.split_whitespace().count();
    SOURCE_LABELS.contains(&label.trim()) && words > 0 && words <= C::SOURCE_MAX_WORDS && !rest.contains(". ")
}

/// Is `lower` only a reading time ("5 min read", "Lesezeit: 3 Minuten")?
fn is_reading_time(lower: &str) -> bool {
    let (mut number, mut minutes, mut reading) = (false, false, false);
    for token in lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        if token.bytes().all(|b| b.is_ascii_digit()) && token.len() <= READING_TIME_MAX_DIGITS {
            number = true;
            continue;
        }
        let (unit, word) = (READING_TIME_UNITS.contains(&token), READING_TIME_WORDS.contains(&token));
        if !unit && !word && !READING_TIME_FILLERS.contains(&token) {
            return false;
        }
        minutes |= unit;
        reading |= word;
    }
    // A duration alone ("15 – 30 Min") is a recipe's, not a reading time.
    number && minutes && reading
}

/// Is `lower` a trail of section names ("Kultur » Lokales", "News › Sport")?
fn is_breadcrumb(lower: &str) -> bool {
    // "<" with the ">" is a tag quoted in text ("one <b> two"), not a trail.
    if lower.contains('<') {
        return false;
    }
    let parts: Vec<&str> = lower.split(BREADCRUMB_SEPARATORS).map(str::trim).collect();
    parts.len() >= 2
        && lower.split(BREADCRUMB_SEPARATORS).skip(1).all(|p| p.starts_with(' '))
        && parts.iter().all(|p| !p.is_empty() && p.split_whitespace().count() <= C::BREADCRUMB_MAX_WORDS)
}

/// Is `n` a short label of buttons or inputs ("Text size A− A+") whose
/// controls went with the cleaning?
fn labels_controls(doc: &Document, n: u32, chars: u32) -> bool {
    let end = doc.node(n).end;
    chars <= C::CONTROL_LABEL_MAX_CHARS
        && end - n <= C::BYLINE_LINE_MAX_ELEMENTS
        && !near_figure(doc, n)
        && (n + 1..end).any(|d| matches!(doc.tag(d), Tag::Button | Tag::Input | Tag::Select))
}

/// Is inline element `n` a line of its own: no text around it in its
/// parent, and no inline neighbours?
fn stands_alone(doc: &Document, n: u32) -> bool {
    let parent = doc.parent(n);
    if parent == NONE {
        return false;
    }
    let p = doc.node(parent);
    if p.text_end - p.text_start > C::TEXT_RULE_MAX_TEXTS || p.end - parent > C::TEXT_RULE_MAX_ELEMENTS {
        return false;
    }
    let own_text = doc.texts[p.text_start as usize..p.text_end as usize].iter().any(|t| t.owner == parent && t.chars > 0);
    let inline = |c: u32| doc.tag(c).is_phrasing() && doc.tag(c) != Tag::Br || doc.tag(c) == Tag::A;
    !own_text && !doc.children(parent).any(|c| c != n && inline(c))
}

/// The text of `n` without removed descendants.
fn live_text(doc: &Document, tally: &Tally, n: u32) -> String {
    doc.text_where(n, |o| {
        let mut cur = o;
        while cur != NONE && cur != n {
            if tally.removed[cur as usize] {
                return false;
            }
            cur = doc.parent(cur);
        }
        true
    })
}

fn next_sibling(doc: &Document, tally: &Tally, n: u32) -> Option<u32> {
    let next = doc.node(n).end;
    ((next as usize) < doc.len() && doc.parent(next) == doc.parent(n) && !tally.removed[next as usize]).then_some(next)
}

/// A list (or a block) that is mostly links.
fn is_link_list(doc: &Document, tally: &Tally, n: u32) -> bool {
    let s = tally.get(n);
    matches!(doc.tag(n), Tag::Ul | Tag::Ol | Tag::Div | Tag::P) && s.chars > 0 && s.link_density() >= C::READ_ALSO_MIN_LINK_DENSITY
}

/// Readability's ad labels, and ours, with a trailing colon allowed.
fn is_ad_label(lower: &str) -> bool {
    AD_WORDS.contains(&bare_label(lower))
}

/// Is `lower` only the label of an appendix ("Kontakt:", "Quellen")?
fn is_appendix_label(lower: &str) -> bool {
    APPENDIX_LABELS.contains(&bare_label(lower))
}

/// A label without spaces around it and its colon ("Anzeige:" → "anzeige").
fn bare_label(lower: &str) -> &str {
    lower.trim().trim_end_matches(':').trim_end()
}

/// The text after a "read also" lead-in, when `lower` starts with one.
fn read_also_rest(lower: &str) -> Option<&str> {
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = *lower.as_bytes().first()?;
    // The first byte rules out most lead-ins without comparing them.
    READ_ALSO.iter().chain(TEASER_HEADINGS).filter(|p| p.as_bytes().first() == Some(&first)).find_map(|p| {
        let rest = lower.strip_prefix(p.trim_end_matches('*'))?;
        // A whole word: "lea" must not match "leader".
        (!rest.starts_with(|c: char| c.is_alphanumeric())).then(|| rest.trim())
    })
}

/// Is `lower` only a date, maybe with a time and a label ("Updated on
/// 3 March 2024, 16:05")? Every word must be a number, a month, a day or a
/// date word, and there must be a month, a time, or a numeric date.
pub(crate) fn is_date_line(lower: &str) -> bool {
    let mut numbers = 0;
    let mut year = false;
    let mut month = false;
    let mut words = 0;
    for token in lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        words += 1;
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let suffix = &token[digits..];
            if digits > YEAR_DIGITS || !ORDINAL_SUFFIXES.contains(&suffix) {
                return false;
            }
            numbers += 1;
            year |= digits == YEAR_DIGITS;
        } else if MONTHS.contains(&token) {
            month = true;
        } else if !DATE_WORDS.contains(&token) {
            return false;
        }
    }
    let time = lower.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    words > 0 && (month && numbers > 0 || year && numbers >= 3 || time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;
    use crate::select::{select, Item};

    fn sentences(seed: &str) -> String {
        (0..12).map(|i| format!("The {seed} sentence number {i} says something, and then some more. ")).collect()
    }

    /// The article text of `body` with paragraphs `sentences(a)` and `sentences(b)` around `inner`.
    fn article_text(inner: &str) -> String {
        let out = text_of(&format!("<body><div class=story><p>{}</p>{inner}<p>{}</p></div></body>", sentences("first"), sentences("second")));
        assert!(out.contains("first sentence number 0") && out.contains("second sentence number 11"), "{out}");
        out
    }

    fn text_of(html: &str) -> String {
        let s = scan(html);
        let sel = select(&s.doc, "A title", false, 500).unwrap();
        let doc = &s.doc;
        let gone = |o: u32| sel.removed[o as usize] || doc.ancestors(o).any(|a| sel.removed[a as usize]);
        let mut out = String::new();
        for item in &sel.items {
            if let Item::Node(n) = *item {
                out.push_str(&doc.text_where(n, |o| !gone(o)));
            }
        }
        out
    }

    #[test]
    fn named_boxes_ads_dates_and_read_also_go() {
        let text = article_text(concat!(
            "<div class=newsletter-box><p>Get our newsletter every morning, it is free.</p></div>",
            "<div class=post-tags>Tags: <a href=/t/a>garden</a> <a href=/t/b>spring</a></div>",
            "<p>Anzeige</p><div class=c-ad><span>Advertisement</span></div>",
            "<div class=meta>11.03.2024, 16:05 Uhr</div>",
            "<p><strong>Lea también: <a href=/x>Un titular de otra noticia</a></strong></p>",
            "<h3>Ähnliche Beiträge</h3><ul><li><a href=/a>Another story here</a></li><li><a href=/b>And one more</a></li></ul>",
            "<p>The vote was on <time>3 March 2024</time>, as planned.</p>",
            "<p>A word <a class=popup href=/gloss>with a popup</a> stays.</p>",
            "<p>Par <span class=author>Élodie Marchal</span> — publié le 14 mai 2024</p>",
            "<p>Told by <a rel=author href=/jd>Jane Doe</a>, who came back with much to tell.</p>",
            "<div class=section>Kultur » Lokales</div>",
            "<div role=group><span>Text size</span><button>A-</button><button>A+</button></div>",
            "<p>Rock » pop, he said, was over.</p>",
            "<p>Write &lt;b&gt; for bold.</p>",
            "<p><b>Never miss a story: subscribe to our newsletter!</b></p>",
        ));
        for gone in ["newsletter", "garden", "Anzeige", "Advertisement", "16:05", "Lea también", "otra noticia", "Ähnliche", "Another story", "Élodie", "Kultur", "Text size", "Never miss"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert!(text.contains("The vote was on 3 March 2024, as planned."), "{text}");
        assert!(text.contains("A word with a popup stays."), "{text}");
        assert!(text.contains("Told by Jane Doe, who came back"), "{text}");
        assert!(text.contains("Rock » pop, he said"), "{text}");
        assert!(text.contains("Write <b> for bold."), "{text}");
    }

    #[test]
    fn a_named_box_holding_most_of_the_article_stays() {
        // A live ticker whose entries are called "comments".
        let entries: String = (0..12).map(|i| format!("<div class=live-comment><p>Minute {i}: the ball goes out, a corner, nothing comes of it, and play goes on.</p></div>")).collect();
        let text = text_of(&format!("<body><div class=story><h2>Live</h2><div class=live-comments>{entries}</div></div></body>"));
        assert!(text.contains("Minute 0:") && text.contains("Minute 11:"), "{text}");
    }

    #[test]
    fn date_lines() {
        for yes in [
            "11.03.2024, 16:05 uhr",
            "aktualisiert am 3. märz 2024",
            "7. oktober 2020",
            "publikacja: 21.04.2021 18:36",
            "published on march 5th, 2020 at 10:30 pm",
            "20:37",
            "05. februar 2020",
            "2020-01-31",
        ] {
            assert!(is_date_line(yes), "{yes}");
        }
        for no in ["2020", "in 2020 we grew", "march on washington", "by jane doe, 3 march 2024", "seite 1 von 3", "12 34"] {
            assert!(!is_date_line(no), "{no}");
        }
    }

    #[test]
    fn source_lines() {
        assert!(is_source_line("quelle: landesregierung"));
        assert!(is_source_line("(source: reuters, ap)"));
        assert!(!is_source_line("source: the data come from a survey. it ran for a year and asked many people."));
        assert!(!is_source_line("the source: unknown"));
    }

    #[test]
    fn reading_times() {
        assert!(is_reading_time("5 min read"));
        assert!(is_reading_time("lesezeit: 3 minuten"));
        assert!(!is_reading_time("5 minutes later, it was over"));
        assert!(!is_reading_time("read more"));
        assert!(!is_reading_time("15 – 30 min"));
        assert!(is_reading_time("lesezeit 3") && is_reading_time("reading time: 4 min"));
    }

    #[test]
    fn read_also_lead_ins() {
        assert_eq!(read_also_rest("lea también: un titular"), Some(": un titular"));
        assert_eq!(read_also_rest("» lesen sie auch"), Some(""));
        assert_eq!(read_also_rest("leader of the pack"), None);
        assert_eq!(read_also_rest("the latest"), None);
    }

    #[test]
    fn ad_labels() {
        assert!(is_ad_label("anzeige"));
        assert!(is_ad_label("advertisement:"));
        assert!(is_ad_label("إعلان"));
        assert!(!is_ad_label("anzeigen und mehr"));
        assert!(!is_ad_label(""));
        assert!(is_appendix_label("kontakt:"));
        assert!(is_appendix_label("weitere informationen: "));
        assert!(!is_appendix_label("kontakt mit der polizei"));
    }
}
