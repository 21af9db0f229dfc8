//! Finding the article: Readability's `grabArticle` over the element table.
//!
//! One `attempt` runs the whole algorithm with a set of flags: prepare
//! (hidden, unlikely and empty elements out; `<div>`s that are paragraphs
//! become paragraphs), score paragraphs into their ancestors, pick the top
//! candidate, join related siblings, then clean the result conditionally.
//! `select` runs the retry ladder, loosening the flags while the article is
//! shorter than the threshold, and returns the best `Selection`.

use crate::clutter;
use crate::dom::{flag, tflag, Document, NONE};
use crate::lowercase::lowercase;
use crate::meta::text_similarity;
use crate::rules::{hint, readability as R, AD_WORDS, LOADING_WORDS};
use crate::score::{self, Tally};
use crate::tags::Tag;

/// Readability's flags, loosened one by one when too little is found.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

impl Flags {
    const ALL: Flags = Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };

    fn loosen(self) -> Option<Flags> {
        if self.strip_unlikely {
            Some(Flags { strip_unlikely: false, ..self })
        } else if self.weight_classes {
            Some(Flags { weight_classes: false, ..self })
        } else if self.clean_conditionally {
            Some(Flags { clean_conditionally: false, ..self })
        } else {
            None
        }
    }
}

/// A run of inline content among an element's children that Readability
/// wraps into its own `<p>`: the child elements `nodes` (`NONE` when there
/// are none) and all text nodes `texts` from its start to its end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Para {
    pub parent: u32,
    pub nodes: (u32, u32),
    pub texts: (u32, u32),
}

/// A top-level piece of the article: an element, or a run of inline content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Node(u32),
    Para(u32),
}

/// The chosen article.
pub(crate) struct Selection {
    /// Top-level pieces, in document order.
    pub items: Vec<Item>,
    pub paras: Vec<Para>,
    /// Elements removed inside the article (and everywhere else).
    pub removed: Vec<bool>,
    /// The tag each element is rendered as (`div` → `p`, `h1` → `h2`, ...).
    pub tags: Vec<Tag>,
    /// A `<div>` replaced by its only `<p>` (rendered as that `p`).
    pub byline: Option<String>,
    /// Text length of the article.
    pub chars: usize,
    /// The top candidate, for the text direction.
    pub top: u32,
}

/// State of one attempt.
struct Attempt<'a> {
    doc: &'a Document,
    stat: &'a Static,
    flags: Flags,
    /// Negative class names hold most of the article: they are the page
    /// builder's vocabulary ("elementor-widget"), not a judgement.
    negative_is_layout: bool,
    removed: Vec<bool>,
    tags: Vec<Tag>,
    /// For `<div>`s replaced by their only `<p>` child: that child.
    replaced: Vec<u32>,
    paras: Vec<Para>,
    scores: Vec<f64>,
    candidates: Vec<u32>,
    byline: Option<String>,
    /// The heading that repeats the title (removed as Readability does).
    title_heading: u32,
    /// The lead joined before the body, if any.
    lead: u32,
}

/// Static facts for the preparation step (nothing removed yet).
pub(crate) struct Static {
    tally: Tally,
    /// Element children (scripts and styles not counted), and `br`/`hr` below.
    children: Vec<u32>,
    br_hr: Vec<u32>,
    /// `<br>` children, to skip looking for `<br>` chains.
    br_children: Vec<u32>,
    /// Has a `DIV_TO_P_ELEMS` element below it.
    block_below: Vec<bool>,
    /// Is phrasing content all the way down (Readability `_isPhrasingContent`).
    phrasing: Vec<bool>,
    /// Text length of the largest descendant named like content (and not
    /// like clutter), e.g. a "post-content" inside an "above-footer".
    named_content: Vec<u32>,
    /// Number of `<h1>`s before each element (the element included).
    h1_before: Vec<u32>,
    /// The first visible `<h1>`/`<h2>` that repeats the title, wherever it
    /// is (cleaning may strip the header that holds it).
    title_heading: u32,
}

/// Elements Readability removes before it starts (scripts, styles, ...).
fn is_stripped(tag: Tag) -> bool {
    matches!(tag, Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Head | Tag::Title | Tag::Meta | Tag::Link | Tag::Base)
}

/// The first visible `<h1>` or `<h2>` whose text is the title.
fn title_heading(doc: &Document, title: &str) -> u32 {
    if title.trim().is_empty() {
        return NONE;
    }
    let mut n = 0u32;
    while (n as usize) < doc.len() {
        let node = doc.node(n);
        if is_stripped(node.tag) || node.has(flag::HIDDEN) {
            n = node.end.max(n + 1);
            continue;
        }
        let small = node.text_end - node.text_start <= R::TITLE_HEADING_MAX_TEXTS;
        if matches!(node.tag, Tag::H1 | Tag::H2) && small && text_similarity(title, &doc.text(n)) > R::TITLE_SIMILARITY {
            return n;
        }
        n += 1;
    }
    NONE
}

/// Ours: an element named like clutter ("above-footer") that wraps a block
/// named like content ("post-content") holding most of its text, and an
/// article's worth of it, is layout, not clutter. Popups and cookie layers
/// (named `CLUTTER`) are clutter whatever they wrap.
fn holds_named_content(doc: &Document, stat: &Static, n: u32) -> bool {
    if doc.node(n).hints() & hint::CLUTTER != 0 {
        return false;
    }
    let named = stat.named_content[n as usize];
    named as usize >= R::CHAR_THRESHOLD && named as f64 >= stat.tally.get(n).chars as f64 * R::NAMED_CONTENT_SHARE
}

/// Is `n` inside a figure, below `scope`?
fn in_figure(doc: &Document, n: u32, scope: u32) -> bool {
    doc.ancestors(n).take_while(|&a| a != scope).any(|a| matches!(doc.tag(a), Tag::Figure | Tag::Figcaption))
        || matches!(doc.tag(n), Tag::Figure | Tag::Figcaption)
}

/// Elements Readability scores as paragraphs.
fn is_scored(tag: Tag) -> bool {
    matches!(tag, Tag::Section | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::P | Tag::Td | Tag::Pre)
}

impl Static {
    pub(crate) fn new(doc: &Document, title: &str) -> Static {
        let n = doc.len();
        let stripped: Vec<bool> = doc.nodes.iter().map(|x| is_stripped(x.tag)).collect();
        let tags = doc.nodes.iter().map(|x| x.tag).collect();
        let tally = Tally::new(doc, stripped.clone(), tags);
        let mut children = vec![0; n];
        let mut br_hr = vec![0; n];
        let mut br_children = vec![0; n];
        let mut block_below = vec![false; n];
        let mut phrasing = vec![true; n];
        let mut named_content = vec![0u32; n];
        for i in (0..n).rev() {
            let node = &doc.nodes[i];
            let tag = node.tag;
            let me_phrasing = tag.is_phrasing() || (matches!(tag, Tag::A | Tag::Del | Tag::Ins) && phrasing[i]);
            phrasing[i] = me_phrasing;
            if node.parent == NONE || stripped[i] {
                continue;
            }
            let p = node.parent as usize;
            children[p] += 1;
            br_hr[p] += br_hr[i] + matches!(tag, Tag::Br | Tag::Hr) as u32;
            br_children[p] += (tag == Tag::Br) as u32;
            block_below[p] |= block_below[i] || tag.is_div_to_p_block();
            let hints = node.hints();
            let clutter = hint::NEGATIVE | hint::UNLIKELY | hint::CLUTTER;
            let named = if hints & hint::POSITIVE != 0 && hints & clutter == 0 { tally.get(i as u32).chars } else { 0 };
            named_content[p] = named_content[p].max(named).max(named_content[i]);
            if !me_phrasing {
                phrasing[p] = false;
            }
        }
        let mut h1_before = Vec::with_capacity(n);
        let mut h1s = 0;
        for node in &doc.nodes {
            h1s += (node.tag == Tag::H1) as u32;
            h1_before.push(h1s);
        }
        let title_heading = title_heading(doc, title);
        Static { tally, children, br_hr, br_children, block_below, phrasing, named_content, h1_before, title_heading }
    }
}

/// Runs the retry ladder; `None` when no text at all was found.
pub(crate) fn select(doc: &Document, title: &str, has_meta_byline: bool, char_threshold: usize) -> Option<Selection> {
    if doc.len() == 0 {
        return None;
    }
    let stat = Static::new(doc, title);
    let mut flags = Flags::ALL;
    let mut attempts: Vec<Selection> = Vec::new();
    loop {
        let sel = attempt(doc, &stat, flags, title, has_meta_byline);
        if sel.chars >= char_threshold {
            return Some(sel);
        }
        attempts.push(sel);
        match flags.loosen() {
            Some(f) => flags = f,
            None => break,
        }
    }
    // Nothing long enough: a short page. Readability takes the longest
    // attempt, but what looser rules add to a short article is the clutter
    // the strict rules took out (author boxes, cookie notes, menus). So the
    // strictest attempt that found at least a paragraph wins; the longest
    // only when none did.
    if let Some(first) = attempts.iter().position(|a| a.chars >= R::MIN_PARAGRAPH_CHARS) {
        return Some(attempts.swap_remove(first));
    }
    let best = attempts.iter().enumerate().max_by(|(i, a), (j, b)| a.chars.cmp(&b.chars).then(j.cmp(i)))?.0;
    let sel = attempts.swap_remove(best);
    (sel.chars > 0).then_some(sel)
}

fn attempt(doc: &Document, stat: &Static, flags: Flags, title: &str, has_meta_byline: bool) -> Selection {
    let n = doc.len();
    let mut a = Attempt {
        doc,
        stat,
        flags,
        negative_is_layout: false,
        removed: vec![false; n],
        tags: doc.nodes.iter().map(|x| x.tag).collect(),
        replaced: vec![NONE; n],
        paras: Vec::new(),
        scores: vec![f64::NAN; n],
        candidates: Vec::new(),
        byline: None,
        title_heading: stat.title_heading,
        lead: NONE,
    };
    let to_score = a.prepare(stat, title, has_meta_byline);
    let tally = Tally::new(doc, a.removed.clone(), a.tags.clone());
    a.score(&tally, &to_score);
    let (top, items) = a.choose(&tally);
    let mut tally = tally;
    a.clean(&mut tally, &items);
    let chars = items.iter().map(|&i| a.item_chars(&tally, i)).sum::<u32>() as usize;
    Selection { items, paras: a.paras, removed: tally.removed, tags: a.tags, byline: a.byline, chars, top }
}

impl Attempt<'_> {
    fn vparent(&self, n: u32) -> u32 {
        let mut p = self.doc.parent(n);
        // A replaced div's child takes its place.
        while p != NONE && self.replaced[p as usize] != NONE {
            p = self.doc.parent(p);
        }
        p
    }

    /// Readability's `_getNodeAncestors(node, max)` on the prepared tree.
    fn ancestors(&self, first: u32, max: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut cur = first;
        while cur != NONE && out.len() < max {
            out.push(cur);
            cur = self.vparent(cur);
        }
        out
    }

    fn has_ancestor(&self, n: u32, tag: Tag, max_depth: usize) -> bool {
        self.doc.ancestors(n).take(max_depth + 1).any(|a| self.tags[a as usize] == tag)
    }

    fn class_weight(&self, n: u32) -> i32 {
        if self.flags.weight_classes {
            score::class_weight(self.doc, n)
        } else {
            0
        }
    }

    fn remove(&mut self, n: u32) {
        self.removed[n as usize] = true;
    }

    /// The preparation walk; returns what to score.
    fn prepare(&mut self, stat: &Static, title: &str, has_meta_byline: bool) -> Vec<Item> {
        let doc = self.doc;
        let mut to_score = Vec::new();
        let mut remove_title_header = true;
        let mut skip_visit = vec![false; doc.len()];
        let mut i = 0u32;
        while (i as usize) < doc.len() {
            let node = doc.node(i);
            let tag = node.tag;
            let s = stat.tally.get(i);
            let skip_subtree = |a: &mut Self, i: &mut u32| {
                a.remove(*i);
                *i = doc.node(*i).end.max(*i + 1);
            };
            if is_stripped(tag) || node.has(flag::HIDDEN) || node.has(flag::MODAL) {
                skip_subtree(self, &mut i);
                continue;
            }
            if skip_visit[i as usize] {
                i += 1;
                continue;
            }
            if self.byline.is_none() && !has_meta_byline && self.is_byline(i, s.chars) {
                let name = (i + 1..node.end).find(|&d| doc.node(d).has(flag::ITEMPROP_NAME)).unwrap_or(i);
                self.byline = Some(doc.text(name));
                skip_subtree(self, &mut i);
                continue;
            }
            if remove_title_header && matches!(tag, Tag::H1 | Tag::H2) && text_similarity(title, &doc.text(i)) > R::TITLE_SIMILARITY {
                remove_title_header = false;
                skip_subtree(self, &mut i);
                continue;
            }
            if self.flags.strip_unlikely {
                let hints = node.hints();
                if hints & hint::UNLIKELY != 0
                    && hints & hint::MAYBE == 0
                    && !holds_named_content(doc, stat, i)
                    && !self.has_ancestor(i, Tag::Table, 3)
                    && !self.has_ancestor(i, Tag::Code, 3)
                    && !matches!(tag, Tag::Body | Tag::A)
                {
                    skip_subtree(self, &mut i);
                    continue;
                }
                if node.has(flag::UNLIKELY_ROLE) {
                    skip_subtree(self, &mut i);
                    continue;
                }
            }
            let (runs, chain) = if matches!(tag, Tag::Div | Tag::P) || stat.br_children[i as usize] >= 2 {
                self.runs(stat, i)
            } else {
                (Vec::new(), false)
            };
            if tag == Tag::P && chain {
                // Readability's `_replaceBrs`: a <p> split by <br> chains is a div of paragraphs.
                self.tags[i as usize] = Tag::Div;
            }
            let tag = self.tags[i as usize];
            if matches!(tag, Tag::Div | Tag::Section | Tag::Header) || tag.is_heading() {
                let i_us = i as usize;
                if s.chars == 0 && (stat.children[i_us] == 0 || stat.children[i_us] == stat.br_hr[i_us]) {
                    skip_subtree(self, &mut i);
                    continue;
                }
            }
            if is_scored(tag) {
                to_score.push(Item::Node(i));
            }
            if tag == Tag::Div {
                self.div_to_p(stat, i, runs, &mut to_score, &mut skip_visit);
            } else {
                for (para, _) in runs.into_iter().filter(|p| p.1) {
                    self.paras.push(para);
                    to_score.push(Item::Para(self.paras.len() as u32 - 1));
                }
            }
            i += 1;
        }
        to_score
    }

    fn is_byline(&self, n: u32, chars: u32) -> bool {
        let node = self.doc.node(n);
        (node.has(flag::AUTHOR) || node.hints() & hint::BYLINE != 0) && chars > 0 && (chars as usize) < R::BYLINE_MAX_CHARS
    }

    /// The runs of inline content among `n`'s children. Each run is marked
    /// `true` when Readability wraps it into a `<p>` even outside a `<div>`
    /// (it follows a chain of `<br>`s). Also says whether a chain was seen.
    fn runs(&self, stat: &Static, n: u32) -> (Vec<(Para, bool)>, bool) {
        let doc = self.doc;
        let node = doc.node(n);
        let mut out: Vec<(Para, bool)> = Vec::new();
        if stat.children[n as usize] == 0 && node.text_start == node.text_end {
            return (out, false);
        }
        let mut run: Option<(Para, bool, bool)> = None; // (para, after_chain, has_content)
        let mut brs = 0; // consecutive <br>s (whitespace between them ignored)
        let mut chain_seen = false;
        let mut after_chain = false;
        let close = |run: &mut Option<(Para, bool, bool)>, out: &mut Vec<(Para, bool)>| {
            if let Some((p, chain, content)) = run.take() {
                if content {
                    out.push((p, chain));
                }
            }
        };
        let mut t = node.text_start;
        let mut visit = |kind: Child, run: &mut Option<(Para, bool, bool)>, out: &mut Vec<(Para, bool)>| {
            match kind {
                Child::Text(ti) => {
                    let has = doc.texts[ti as usize].chars > 0;
                    if has {
                        brs = 0;
                    }
                    match run {
                        Some((p, _, content)) => {
                            p.texts.1 = ti + 1;
                            *content |= has;
                        }
                        None if has => *run = Some((Para { parent: n, nodes: (NONE, NONE), texts: (ti, ti + 1) }, after_chain, true)),
                        None => {}
                    }
                }
                Child::Elem(c) => {
                    let tag = doc.tag(c);
                    if is_stripped(tag) {
                        return;
                    }
                    if tag == Tag::Br {
                        brs += 1;
                        if brs == 2 {
                            // A chain of <br>s ends the run; what follows is a new paragraph.
                            chain_seen = true;
                            after_chain = true;
                            close(run, out);
                            return;
                        }
                        if brs > 2 {
                            return;
                        }
                    } else {
                        brs = 0;
                    }
                    let node = doc.node(c);
                    if stat.phrasing[c as usize] {
                        let has = tag != Tag::Br;
                        match run {
                            Some((p, _, content)) => {
                                if p.nodes.0 == NONE {
                                    p.nodes.0 = c;
                                }
                                p.nodes.1 = node.end;
                                p.texts.1 = p.texts.1.max(node.text_end);
                                *content |= has;
                            }
                            None if has => {
                                let para = Para { parent: n, nodes: (c, node.end), texts: (node.text_start, node.text_end) };
                                *run = Some((para, after_chain, true));
                            }
                            None => {}
                        }
                    } else {
                        close(run, out);
                        after_chain = false;
                    }
                }
            }
        };
        for c in doc.children(n) {
            let cs = doc.node(c).text_start;
            while t < cs {
                if doc.texts[t as usize].owner == n {
                    visit(Child::Text(t), &mut run, &mut out);
                }
                t += 1;
            }
            visit(Child::Elem(c), &mut run, &mut out);
            t = doc.node(c).text_end.max(t);
        }
        while t < node.text_end {
            if doc.texts[t as usize].owner == n {
                visit(Child::Text(t), &mut run, &mut out);
            }
            t += 1;
        }
        close(&mut run, &mut out);
        (out, chain_seen)
    }

    /// Readability's handling of `<div>`s: inline runs become paragraphs; a
    /// div that is only one paragraph becomes (or is replaced by) it.
    fn div_to_p(&mut self, stat: &Static, n: u32, runs: Vec<(Para, bool)>, to_score: &mut Vec<Item>, skip_visit: &mut [bool]) {
        let doc = self.doc;
        let node = doc.node(n);
        let s = stat.tally.get(n);
        let own_text = doc.texts[node.text_start as usize..node.text_end as usize].iter().any(|t| t.owner == n && t.chars > 0);
        let children: Vec<u32> = doc.children(n).filter(|&c| !is_stripped(doc.tag(c))).collect();
        let low_links = s.link_density() < 0.25;
        if runs.len() == 1 && children.iter().all(|&c| stat.phrasing[c as usize]) && low_links {
            // All inline: the div is the paragraph.
            self.tags[n as usize] = Tag::P;
            to_score.push(Item::Node(n));
            return;
        }
        if runs.is_empty() && children.len() == 1 && doc.tag(children[0]) == Tag::P && !own_text && low_links {
            let p = children[0];
            self.replaced[n as usize] = p;
            to_score.push(Item::Node(p));
            skip_visit[p as usize] = true;
            return;
        }
        if runs.is_empty() && !stat.block_below[n as usize] {
            self.tags[n as usize] = Tag::P;
            to_score.push(Item::Node(n));
            return;
        }
        for (para, _) in runs {
            self.paras.push(para);
            to_score.push(Item::Para(self.paras.len() as u32 - 1));
        }
    }

    fn para_stats(&self, tally: &Tally, i: u32) -> (u32, u32, f32) {
        let p = &self.paras[i as usize];
        let (mut chars, mut commas, mut link) = (0u32, 0u32, 0f32);
        for t in p.texts.0..p.texts.1 {
            let tn = &self.doc.texts[t as usize];
            if tn.owner == p.parent {
                chars += tn.chars;
                commas += tn.commas;
            }
        }
        if p.nodes.0 != NONE {
            let mut c = p.nodes.0;
            while c < p.nodes.1 {
                if !tally.removed[c as usize] {
                    let s = tally.get(c);
                    chars += s.chars;
                    commas += s.commas;
                    link += s.link;
                }
                c = self.doc.node(c).end.max(c + 1);
            }
        }
        (chars, commas, link)
    }

    fn item_chars(&self, tally: &Tally, item: Item) -> u32 {
        match item {
            Item::Node(n) if tally.removed[n as usize] => 0,
            Item::Node(n) => tally.get(n).chars,
            Item::Para(p) => self.para_stats(tally, p).0,
        }
    }

    fn init(&mut self, n: u32) {
        if self.scores[n as usize].is_nan() {
            self.scores[n as usize] = score::tag_score(self.tags[n as usize]) + self.class_weight(n) as f64;
            self.candidates.push(n);
        }
    }

    fn score(&mut self, tally: &Tally, to_score: &[Item]) {
        for &item in to_score {
            let (chars, commas, first) = match item {
                Item::Node(n) => {
                    let s = tally.get(n);
                    (s.chars, s.commas, self.vparent(n))
                }
                Item::Para(p) => {
                    let (chars, commas, _) = self.para_stats(tally, p);
                    (chars, commas, self.paras[p as usize].parent)
                }
            };
            if (chars as usize) < R::MIN_PARAGRAPH_CHARS {
                continue;
            }
            let ancestors = self.ancestors(first, R::SCORE_ANCESTORS);
            if ancestors.is_empty() {
                continue;
            }
            let content = score::paragraph_score(chars, commas);
            for (level, &anc) in ancestors.iter().enumerate() {
                // The root element has no element parent: not a candidate.
                if self.vparent(anc) == NONE {
                    continue;
                }
                self.init(anc);
                self.scores[anc as usize] += content / score::level_divider(level);
            }
        }
        for &c in &self.candidates {
            let ld = tally.get(c).link_density();
            self.scores[c as usize] *= 1.0 - ld;
        }
    }

    fn score_of(&self, n: u32) -> Option<f64> {
        let s = self.scores[n as usize];
        (!s.is_nan()).then_some(s)
    }

    /// Element and paragraph children on the prepared tree.
    fn vchildren(&self, tally: &Tally, n: u32) -> Vec<Item> {
        let doc = self.doc;
        let mut out: Vec<(u32, Item)> = Vec::new();
        let mut stack: Vec<u32> = doc.children(n).collect();
        stack.reverse();
        while let Some(c) = stack.pop() {
            if tally.removed[c as usize] {
                continue;
            }
            let r = self.replaced[c as usize];
            if r != NONE {
                stack.push(r);
                continue;
            }
            out.push((doc.node(c).src_start, Item::Node(c)));
        }
        for (i, p) in self.paras.iter().enumerate() {
            if p.parent == n {
                let at = if p.texts.0 < p.texts.1 { doc.texts[p.texts.0 as usize].start } else { doc.node(p.nodes.0).src_start };
                let at = if p.nodes.0 != NONE { at.min(doc.node(p.nodes.0).src_start) } else { at };
                out.push((at, Item::Para(i as u32)));
            }
        }
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, i)| i).collect()
    }

    fn body(&self) -> u32 {
        self.doc.nodes.iter().position(|x| x.tag == Tag::Body).map_or(NONE, |i| i as u32)
    }

    /// Picks the top candidate and the siblings that join it.
    fn choose(&mut self, tally: &Tally) -> (u32, Vec<Item>) {
        let doc = self.doc;
        let mut top: Vec<u32> = Vec::new();
        for &c in &self.candidates {
            let s = self.scores[c as usize];
            let at = top.iter().position(|&t| s > self.scores[t as usize]).unwrap_or(top.len());
            if at < R::TOP_CANDIDATES {
                top.insert(at, c);
                top.truncate(R::TOP_CANDIDATES);
            }
        }
        let body = self.body();
        let Some(&first) = top.first().filter(|&&t| self.tags[t as usize] != Tag::Body) else {
            // No candidate: the whole body is the article.
            let items = if body != NONE {
                vec![Item::Node(body)]
            } else {
                doc.nodes.iter().enumerate().filter(|(i, x)| x.parent == NONE && !tally.removed[*i]).map(|(i, _)| Item::Node(i as u32)).collect()
            };
            return (body, items);
        };
        let top_score = |a: &Self, n: u32| a.score_of(n).unwrap_or(0.0);
        let titled = self.under_title(first);
        let mut top_candidate = titled.unwrap_or(first);
        // Several near-equal candidates under one ancestor: take the ancestor.
        let alternatives: Vec<Vec<u32>> = top[1..]
            .iter()
            .filter(|&&t| top_score(self, t) / top_score(self, top_candidate) >= R::ALTERNATIVE_SHARE)
            .map(|&t| self.ancestors(self.vparent(t), usize::MAX))
            .collect();
        if alternatives.len() >= R::MIN_ALTERNATIVES && titled.is_none() {
            let mut p = self.vparent(top_candidate);
            while p != NONE && self.tags[p as usize] != Tag::Body {
                let lists = alternatives.iter().filter(|anc| anc.contains(&p)).count();
                if lists >= R::MIN_ALTERNATIVES {
                    top_candidate = p;
                    break;
                }
                p = self.vparent(p);
            }
        }
        self.init(top_candidate);
        // Climb while the parent scores higher (content lurking nearby).
        let mut p = self.vparent(top_candidate);
        let mut last = top_score(self, top_candidate);
        let threshold = last / 3.0;
        // (Not from the article under the title: its parent scores high
        // because it holds the other articles too.)
        while p != NONE && self.tags[p as usize] != Tag::Body && titled.is_none() {
            let Some(ps) = self.score_of(p) else {
                p = self.vparent(p);
                continue;
            };
            if ps < threshold {
                break;
            }
            if ps > last {
                top_candidate = p;
                break;
            }
            last = ps;
            p = self.vparent(p);
        }
        if let Some(a) = self.article_element(tally, top_candidate) {
            top_candidate = a;
        }
        if let Some(cell) = self.layout_cell(tally, top_candidate) {
            top_candidate = cell;
        }
        // An only child gives way to its parent.
        let mut p = self.vparent(top_candidate);
        while p != NONE && self.tags[p as usize] != Tag::Body && self.vchildren(tally, p).len() == 1 {
            top_candidate = p;
            p = self.vparent(top_candidate);
        }
        self.init(top_candidate);

        let parent = self.vparent(top_candidate);
        if parent == NONE {
            return (top_candidate, vec![Item::Node(top_candidate)]);
        }
        let top_s = top_score(self, top_candidate);
        let threshold = (top_s * R::SIBLING_SHARE).max(R::SIBLING_MIN_SCORE);
        let top_class = doc.node(top_candidate).class_hash;
        let mut items = Vec::new();
        for sib in self.vchildren(tally, parent) {
            let append = match sib {
                Item::Node(s) if s == top_candidate => true,
                // Beside the article under the title, a block with its own
                // main heading is the next article.
                Item::Node(s) if titled.is_some() && self.has_h1(s) => false,
                Item::Node(s) => {
                    let bonus = if top_class != 0 && doc.node(s).class_hash == top_class { top_s * R::SAME_CLASS_BONUS } else { 0.0 };
                    if self.score_of(s).is_some_and(|sc| sc + bonus >= threshold) {
                        true
                    } else if self.tags[s as usize] == Tag::P {
                        let st = tally.get(s);
                        let text = doc.text_where(s, |o| !tally.is_gone(doc, o));
                        paragraph_joins(st.chars, st.link_density(), &text)
                    } else {
                        false
                    }
                }
                Item::Para(p) => {
                    let (chars, _, link) = self.para_stats(tally, p);
                    let ld = if chars == 0 { 0.0 } else { link as f64 / chars as f64 };
                    paragraph_joins(chars, ld, &self.para_text(p))
                }
            };
            if append {
                if let Item::Node(s) = sib {
                    if !matches!(self.tags[s as usize], Tag::Div | Tag::Article | Tag::Section | Tag::P | Tag::Ol | Tag::Ul) {
                        self.tags[s as usize] = Tag::Div;
                    }
                }
                items.push(sib);
            }
        }
        if let Some(lead) = self.lead(&items) {
            items.insert(0, Item::Node(lead));
            self.lead = lead;
        }
        (top_candidate, items)
    }

    /// Ours: the article is what comes under its headline. When the top
    /// candidate is elsewhere (a next article loaded below, an author's
    /// bio, a longer sidebar), the best candidate under the heading that
    /// repeats the title wins instead, if it scores a fair share of the top.
    fn under_title(&self, first: u32) -> Option<u32> {
        let doc = self.doc;
        if self.title_heading == NONE || self.belongs_to_title(first) {
            return None;
        }
        let score = |n: u32| self.score_of(n).unwrap_or(0.0);
        let best = self
            .candidates
            .iter()
            .copied()
            // Elsewhere: a wrapper around the top candidate or a part of it
            // is the same article.
            .filter(|&c| self.tags[c as usize] != Tag::Body && !doc.contains(c, first) && !doc.contains(first, c) && self.belongs_to_title(c))
            .max_by(|&a, &b| score(a).total_cmp(&score(b)))?;
        // An article's worth of text, not the few lines under a headline.
        let chars = |n: u32| self.stat.tally.get(n).chars as usize;
        let enough = chars(best) >= R::CHAR_THRESHOLD.min(chars(first));
        (enough && score(best) >= score(first) * R::TITLE_CANDIDATE_SHARE).then_some(best)
    }

    /// Ours: the `<article>` (or `main`) around the top candidate that holds
    /// the title heading is the article the page marks up: when the top
    /// candidate is one of several blocks inside it, the article wins.
    fn article_element(&self, tally: &Tally, top: u32) -> Option<u32> {
        let doc = self.doc;
        let th = self.title_heading;
        if th == NONE {
            return None;
        }
        let a = doc.ancestors(top).take(R::ARTICLE_LEVELS).find(|&a| self.tags[a as usize] == Tag::Article)?;
        if !doc.contains(a, th) || tally.removed[a as usize] {
            return None;
        }
        let s = tally.get(a);
        let spread = (tally.get(top).chars as f64) < s.chars as f64 * R::ARTICLE_SPREAD_SHARE;
        (spread && s.link_density() < R::ARTICLE_MAX_LINK_DENSITY).then_some(a)
    }

    /// Ours: a row (or the whole) of a layout table is no article. When the
    /// top candidate is one and a single cell holds most of its text, that
    /// cell is the article; the other cells are the page's menus and sidebars.
    fn layout_cell(&self, tally: &Tally, top: u32) -> Option<u32> {
        let doc = self.doc;
        if !matches!(self.tags[top as usize], Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot | Tag::Tr) {
            return None;
        }
        let table = std::iter::once(top).chain(doc.ancestors(top)).find(|&a| doc.tag(a) == Tag::Table)?;
        // Tables inside tables mark layout, even when a data table nested
        // in it makes Readability's test call the outer one data.
        let nested = (table + 1..doc.node(table).end).any(|d| doc.tag(d) == Tag::Table);
        if !nested && is_data_table(doc, table) {
            return None;
        }
        let total = tally.get(top).chars as f64;
        let mut cur = top;
        // Down through row groups and rows to the cell with the most text.
        while !matches!(doc.tag(cur), Tag::Td | Tag::Th) {
            cur = doc.children(cur).filter(|&c| !tally.removed[c as usize]).max_by_key(|&c| tally.get(c).chars)?;
        }
        (tally.get(cur).chars as f64 >= total * R::LAYOUT_CELL_SHARE).then_some(cur)
    }

    /// Is there an `<h1>` in `n` (itself included)?
    fn has_h1(&self, n: u32) -> bool {
        let end = self.doc.node(n).end as usize;
        let before = if n == 0 { 0 } else { self.stat.h1_before[n as usize - 1] };
        end > 0 && self.stat.h1_before[end - 1] > before
    }

    /// Does candidate `c` hold the title heading, or follow it closely with
    /// no other main heading in between?
    fn belongs_to_title(&self, c: u32) -> bool {
        let doc = self.doc;
        let th = self.title_heading;
        if doc.contains(c, th) {
            return true;
        }
        if c < th || self.stat.h1_before[c as usize] > self.stat.h1_before[th as usize] {
            return false;
        }
        doc.ancestors(c).take(R::TITLE_LEVELS).any(|a| doc.contains(a, th))
    }

    /// Ours: the article's lead (standfirst), when the page sets it apart
    /// from the body, in the article's header: a block named like a lead,
    /// before the first piece and close to it, with sentence-like text.
    /// Readability loses it when it is not a sibling of the body.
    fn lead(&self, items: &[Item]) -> Option<u32> {
        let doc = self.doc;
        let first = items.first().map(|&i| match i {
            Item::Node(n) => n,
            Item::Para(p) => self.paras[p as usize].parent,
        })?;
        // Between the headline and the body: after the headline when the
        // body holds it (in a header that cleaning strips), or when both
        // share a close ancestor; else (or when that finds none) just above
        // the body.
        let th = self.title_heading;
        let inside = th != NONE && doc.contains(first, th) && th != first;
        let under_title = th != NONE && th < first && !doc.contains(th, first);
        let titled_scope = if under_title { doc.ancestors(first).take(R::LEAD_TITLE_LEVELS).find(|&a| doc.contains(a, th)) } else { None };
        let above = || doc.ancestors(first).take(R::LEAD_LEVELS).take_while(|&a| doc.tag(a) != Tag::Html).last().map(|a| (a, a + 1, first));
        // In the body's own head, stripped by cleaning (before its first paragraph).
        let head_start = if inside { doc.node(th).end } else { first + 1 };
        if let Some(lead) = self.lead_in(first, first, head_start, doc.node(first).end, true) {
            return Some(lead);
        }
        if let Some(a) = titled_scope {
            if let Some(lead) = self.lead_in(first, a, doc.node(th).end, first, false) {
                return Some(lead);
            }
        }
        let (scope, start, end) = above()?;
        self.lead_in(first, scope, start, end, false)
    }

    /// The lead in `start..end` (below `scope`), before the body `first`.
    /// `inside`: the range is in the body, and only a lead that cleaning
    /// took away counts.
    fn lead_in(&self, first: u32, scope: u32, start: u32, end: u32, inside: bool) -> Option<u32> {
        let doc = self.doc;
        let gone = |n: u32| self.removed[n as usize] || doc.ancestors(n).take_while(|&a| a >= scope).any(|a| self.removed[a as usize]);
        let mut found = None;
        let mut c = start;
        while c < end {
            let node = doc.node(c);
            let s = self.stat.tally.get(c);
            // In the body, the lead comes before its first paragraph.
            if inside && self.tags[c as usize] == Tag::P && (s.chars as usize) >= R::MIN_PARAGRAPH_CHARS && !gone(c) {
                break;
            }
            let sentence_like = (s.chars as usize) >= R::LEAD_MIN_CHARS && (s.chars as usize) <= R::LEAD_MAX_CHARS && s.link_density() < R::LEAD_MAX_LINK_DENSITY;
            // Not a caption, a credit or an author's bio.
            let other = node.hints() & (hint::BYLINE | hint::CLUTTER) != 0 || s.img > 0 || in_figure(doc, c, scope);
            let lost = !inside || gone(c);
            // Unnamed, a deck right after the headline ("<h1>…</h1><h2>A
            // sentence that says more.</h2>") is the lead too.
            let th = self.title_heading;
            let deck = th != NONE
                && c == doc.node(th).end
                && doc.parent(c) == doc.parent(th)
                && matches!(doc.tag(c), Tag::P | Tag::H2 | Tag::H3 | Tag::H4 | Tag::Div)
                && (s.chars as usize) >= R::DECK_MIN_CHARS
                && doc.text(c).trim_end().ends_with(R::SENTENCE_ENDS);
            if (node.hints() & hint::LEAD != 0 || deck) && !node.has(flag::HIDDEN) && !doc.contains(c, first) && sentence_like && !other && lost {
                // The innermost and last one: a wrapper named for the
                // standfirst also holds bylines and captions.
                found = Some(c);
            }
            c += 1;
        }
        found
    }

    pub(crate) fn para_text(&self, p: u32) -> String {
        para_text(self.doc, &self.paras[p as usize], &self.removed)
    }

    /// Readability's `_prepArticle` cleaning, as removals.
    fn clean(&mut self, tally: &mut Tally, items: &[Item]) {
        let doc = self.doc;
        // All elements inside the article, in document order.
        let mut inside: Vec<u32> = Vec::new();
        for &item in items {
            let range = match item {
                Item::Node(n) => (n, doc.node(n).end),
                Item::Para(p) => self.paras[p as usize].nodes,
            };
            if range.0 == NONE {
                continue;
            }
            inside.extend(range.0..range.1);
        }
        let data_tables = DataTables::new(doc, &inside);
        let chars: u32 = items.iter().map(|&i| self.item_chars(tally, i)).sum();
        self.negative_is_layout = self.negative_chars(tally, &inside) as f64 > chars as f64 * R::NEGATIVE_LAYOUT_SHARE;
        let is_top = |n: u32| items.contains(&Item::Node(n));
        let cc = self.flags.clean_conditionally;
        let live = |tally: &Tally, n: u32| !tally.is_gone(doc, n);
        if cc {
            self.clean_conditionally(tally, &inside, Tag::Form, &data_tables);
            self.clean_conditionally(tally, &inside, Tag::Fieldset, &data_tables);
        }
        for &n in &inside {
            let tag = self.tags[n as usize];
            let embed_ok = matches!(tag, Tag::Object | Tag::Embed | Tag::Iframe) && doc.node(n).has(flag::VIDEO);
            // Ours: a quote's or figure's <footer> is its attribution, and
            // an <aside> or <footer> holding most of the article is the article.
            let part = matches!(tag, Tag::Footer | Tag::Aside)
                && (doc.ancestors(n).take(R::ATTRIBUTION_LEVELS).any(|a| matches!(self.tags[a as usize], Tag::Blockquote | Tag::Figure))
                    || (tally.get(n).chars as usize >= R::CHAR_THRESHOLD && tally.get(n).chars as f64 > chars as f64 * R::ARTICLE_PART_SHARE && doc.node(n).hints() & (hint::CLUTTER | hint::COMMENTS | hint::TEASER | hint::NAVIGATION) == 0));
            if matches!(tag, Tag::Object | Tag::Embed | Tag::Footer | Tag::Link | Tag::Aside) && !embed_ok && !part && live(tally, n) {
                tally.remove(doc, n);
            }
        }
        // Small share widgets below the top-level pieces.
        for &n in &inside {
            if !is_top(n) && doc.node(n).hints() & hint::SHARE != 0 && live(tally, n) && (tally.get(n).chars as usize) < R::SHARE_MAX_CHARS {
                tally.remove(doc, n);
            }
        }
        for &n in &inside {
            let tag = self.tags[n as usize];
            let embed_ok = tag == Tag::Iframe && doc.node(n).has(flag::VIDEO);
            if matches!(tag, Tag::Iframe | Tag::Input | Tag::Textarea | Tag::Select | Tag::Button) && !embed_ok && live(tally, n) {
                tally.remove(doc, n);
            }
        }
        for &n in &inside {
            if matches!(self.tags[n as usize], Tag::H1 | Tag::H2) && self.class_weight(n) < 0 && live(tally, n) {
                tally.remove(doc, n);
            }
        }
        if cc {
            self.clean_conditionally(tally, &inside, Tag::Table, &data_tables);
            self.clean_conditionally(tally, &inside, Tag::Ul, &data_tables);
            self.clean_conditionally(tally, &inside, Tag::Div, &data_tables);
        }
        let top: Vec<u32> = items.iter().filter_map(|&i| if let Item::Node(n) = i { Some(n) } else { None }).collect();
        let chars = items.iter().map(|&i| self.item_chars(tally, i)).sum();
        let wraps_content = |n: u32| holds_named_content(doc, self.stat, n);
        let article = clutter::Article { inside: &inside, top: &top, tags: &self.tags, chars, wraps_content: &wraps_content };
        let in_data_table = |n: u32| doc.ancestors(n).any(|a| self.tags[a as usize] == Tag::Table && data_tables.is_data(a));
        clutter::remove(doc, tally, &article, &in_data_table);
        for &n in &inside {
            if self.tags[n as usize] == Tag::H1 {
                self.tags[n as usize] = Tag::H2;
            }
        }
        self.removed = tally.removed.clone();
    }

    /// Text inside the outermost elements of `inside` with a negative class weight.
    fn negative_chars(&self, tally: &Tally, inside: &[u32]) -> u32 {
        let mut sum = 0;
        let mut skip_to = 0;
        for &n in inside {
            if n < skip_to || tally.removed[n as usize] {
                continue;
            }
            if self.class_weight(n) < 0 {
                sum += tally.get(n).chars;
                skip_to = self.doc.node(n).end;
            }
        }
        sum
    }

    /// Readability's `_cleanConditionally` for one tag, innermost first.
    fn clean_conditionally(&mut self, tally: &mut Tally, inside: &[u32], tag: Tag, tables: &DataTables) {
        let doc = self.doc;
        // Readability has made real <p>s of the runs of inline content by
        // now: count them as its `getElementsByTagName("p")` and text
        // density would (paragraph count and text, per parent).
        let mut own_paras: Vec<(u32, u32)> = Vec::new();
        if tag == Tag::Div && !self.paras.is_empty() {
            own_paras = vec![(0, 0); doc.len()];
            for i in 0..self.paras.len() as u32 {
                let parent = self.paras[i as usize].parent as usize;
                let chars = self.para_stats(tally, i).0;
                own_paras[parent].0 += 1;
                own_paras[parent].1 += chars;
            }
        }
        for &n in inside.iter().rev() {
            if self.tags[n as usize] != tag || tally.is_gone(doc, n) {
                continue;
            }
            let paras = own_paras.get(n as usize).copied().unwrap_or((0, 0));
            if self.should_remove(tally, n, tag, tables, paras) {
                tally.remove(doc, n);
            }
        }
    }

    fn should_remove(&self, tally: &Tally, n: u32, tag: Tag, tables: &DataTables, own_paras: (u32, u32)) -> bool {
        let doc = self.doc;
        // The lead was chosen as text; its markup (a div around a heading)
        // is not judged again.
        if n == self.lead {
            return false;
        }
        let s = *tally.get(n);
        let is_list = matches!(tag, Tag::Ul | Tag::Ol) || (s.chars > 0 && s.list_chars as f64 / s.chars as f64 > 0.9);
        if tag == Tag::Table && tables.is_data(n) {
            return false;
        }
        if doc.ancestors(n).any(|a| self.tags[a as usize] == Tag::Table && tables.is_data(a)) {
            return false;
        }
        if self.has_ancestor(n, Tag::Code, 3) {
            return false;
        }
        if s.tables > 0 && tables.has_data_inside(doc, n) {
            return false;
        }
        let weight = self.class_weight(n);
        if weight < 0 && !self.negative_is_layout && !holds_named_content(doc, self.stat, n) {
            return true;
        }
        if (s.commas as usize) >= R::CLEAN_MIN_COMMAS {
            return false;
        }
        let p = (s.p + own_paras.0) as f64;
        let img = s.img as f64;
        let li = s.li as f64 - 100.0;
        let input = s.input as f64;
        let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f64 / s.chars as f64 };
        if s.video > 0 {
            return false;
        }
        let embeds = s.embed;
        if (s.chars as usize) < MAX_LABEL_CHARS && is_label_only(&doc.text_where(n, |o| !tally.is_gone(doc, o))) {
            return true;
        }
        let len = s.chars as f64;
        let ld = s.link_density();
        let text_density = if s.chars == 0 { 0.0 } else { (s.textish_chars + own_paras.1) as f64 / s.chars as f64 };
        let figure_child = self.has_ancestor(n, Tag::Figure, 3);
        // Ours: a paragraph's worth of plain (non-link) text is not a link
        // list or an image gallery, whatever its links and images.
        let prose = len - s.link as f64 >= R::PROSE_MIN_CHARS && ld < R::PROSE_MAX_LINK_DENSITY;
        let remove = (!figure_child && img > 1.0 && p / img < 0.5 && !prose)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list && !figure_child && heading_density < 0.9 && len < 25.0 && (img == 0.0 || img > 2.0) && ld > 0.0)
            || (!is_list && weight < 25 && ld > 0.2 && !prose)
            || (weight >= 25 && ld > 0.5)
            || ((embeds == 1 && len < 75.0) || embeds > 1)
            || (img == 0.0 && text_density == 0.0);
        if is_list && remove {
            // A simple list of images stays.
            let kids: Vec<u32> = doc.children(n).filter(|&c| !tally.removed[c as usize]).collect();
            if kids.iter().any(|&c| doc.children(c).filter(|&g| !tally.removed[g as usize]).count() > 1) {
                return true;
            }
            if s.img == s.li {
                return false;
            }
        }
        remove
    }
}

/// Longer text is never just an ad or loading label.
const MAX_LABEL_CHARS: usize = 20;

/// Readability's `adWords`/`loadingWords`: the whole text is such a label.
fn is_label_only(text: &str) -> bool {
    let lower = lowercase(text.trim());
    let bare = lower.trim_end_matches("...").trim_end_matches('…');
    AD_WORDS.contains(&lower.as_str()) || LOADING_WORDS.contains(&bare)
}

enum Child {
    Text(u32),
    Elem(u32),
}

/// Readability's test for a `<p>` sibling of the top candidate.
fn paragraph_joins(chars: u32, link_density: f64, text: &str) -> bool {
    if chars > 80 && link_density < 0.25 {
        return true;
    }
    chars < 80 && chars > 0 && link_density == 0.0 && (text.contains(". ") || text.ends_with('.'))
}

/// The text of a paragraph run.
pub(crate) fn para_text(doc: &Document, p: &Para, removed: &[bool]) -> String {
    let mut out = String::new();
    for t in p.texts.0..p.texts.1 {
        let tn = &doc.texts[t as usize];
        let inside = tn.owner == p.parent || (p.nodes.0 != NONE && tn.owner >= p.nodes.0 && tn.owner < p.nodes.1);
        if inside && tn.flags & tflag::NON_CONTENT == 0 && !removed.get(tn.owner as usize).copied().unwrap_or(false) {
            crate::dom::push_collapsed(&mut out, &doc.text_of(tn));
        }
    }
    out.trim_end().to_string()
}

/// Readability's `_markDataTables`, computed on demand.
struct DataTables {
    /// How many data tables come before each element, in document order
    /// (a page can have thousands of nested tables, and both questions are
    /// asked per element).
    before: Vec<u32>,
}

impl DataTables {
    fn new(doc: &Document, inside: &[u32]) -> DataTables {
        let mut data = vec![false; doc.len()];
        for &n in inside {
            if doc.tag(n) == Tag::Table && !data[n as usize] && is_data_table(doc, n) {
                data[n as usize] = true;
            }
        }
        let mut before = Vec::with_capacity(doc.len() + 1);
        let mut count = 0;
        before.push(0);
        for d in data {
            count += u32::from(d);
            before.push(count);
        }
        DataTables { before }
    }

    fn is_data(&self, n: u32) -> bool {
        self.before[n as usize + 1] > self.before[n as usize]
    }

    fn has_data_inside(&self, doc: &Document, n: u32) -> bool {
        // A subtree is the node range (n, end).
        self.before[doc.node(n).end as usize] > self.before[n as usize + 1]
    }
}

pub(crate) fn is_data_table(doc: &Document, n: u32) -> bool {
    let node = doc.node(n);
    if node.has(flag::LAYOUT_TABLE) {
        return false;
    }
    if node.has(flag::TABLE_SUMMARY) {
        return true;
    }
    let below = n + 1..node.end;
    if below.clone().any(|d| doc.tag(d) == Tag::Caption && doc.node(d).text_start < doc.node(d).text_end) {
        return true;
    }
    if below.clone().any(|d| matches!(doc.tag(d), Tag::Col | Tag::Colgroup | Tag::Tfoot | Tag::Thead | Tag::Th)) {
        return true;
    }
    if below.clone().any(|d| doc.tag(d) == Tag::Table) {
        return false;
    }
    let (mut rows, mut columns) = (0u32, 0u32);
    for d in below.clone() {
        if doc.tag(d) != Tag::Tr {
            continue;
        }
        rows += doc.extra(d).map(|e| e.rowspan as u32).filter(|&r| r > 0).unwrap_or(1);
        let cols: u32 = (d + 1..doc.node(d).end)
            .filter(|&c| doc.tag(c) == Tag::Td)
            .map(|c| doc.extra(c).map(|e| e.colspan as u32).filter(|&s| s > 0).unwrap_or(1))
            .sum();
        columns = columns.max(cols);
    }
    if rows == 1 || columns == 1 {
        return false;
    }
    if rows >= 10 || columns > 4 {
        return true;
    }
    rows * columns > 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::scan;

    fn para(words: usize, seed: &str) -> String {
        let mut s = String::new();
        for i in 0..words {
            s.push_str(seed);
            s.push_str(&i.to_string());
            s.push_str(if i % 9 == 8 { ", " } else { " " });
        }
        s.push('.');
        s
    }

    fn select_html(html: &str) -> (Document, Selection) {
        let s = scan(html);
        let sel = select(&s.doc, "A title of some words", false, 500).unwrap();
        (s.doc, sel)
    }

    fn kept_text(doc: &Document, sel: &Selection) -> String {
        let mut out = String::new();
        for item in &sel.items {
            match *item {
                Item::Node(n) => out.push_str(&doc.text_where(n, |o| !sel.removed[o as usize] && !doc.ancestors(o).any(|a| sel.removed[a as usize]))),
                Item::Para(p) => out.push_str(&para_text(doc, &sel.paras[p as usize], &sel.removed)),
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn picks_the_article_over_navigation_and_comments() {
        let body = format!(
            "<html><body><div class=nav><a href=/>Home</a> <a href=/a>News</a></div><div id=article><p>{}</p><p>{}</p><p>{}</p></div><div class=comments><p>{}</p></div></body></html>",
            para(60, "alpha"),
            para(60, "beta"),
            para(60, "gamma"),
            para(30, "comment")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("alpha0") && text.contains("gamma59"), "{text}");
        assert!(!text.contains("Home") && !text.contains("comment0"), "{text}");
        assert!(sel.chars >= 500);
    }

    #[test]
    fn divs_of_inline_text_are_paragraphs() {
        let body = format!("<body><div class=story><div>{}</div><div>{}</div><div>{}</div></div></body>", para(50, "a"), para(50, "b"), para(50, "c"));
        let (doc, sel) = select_html(&body);
        assert!(sel.tags.iter().filter(|&&t| t == Tag::P).count() >= 3);
        assert!(kept_text(&doc, &sel).contains("c49"));
    }

    #[test]
    fn text_split_by_br_chains_becomes_paragraphs() {
        let body = format!("<body><div id=content>{}<br><br>{}<br> <br>{}</div></body>", para(50, "a"), para(50, "b"), para(50, "c"));
        let s = scan(&body);
        let stat = Static::new(&s.doc, "");
        let a = Attempt {
            doc: &s.doc,
            stat: &stat,
            flags: Flags::ALL,
            negative_is_layout: false,
            removed: vec![false; s.doc.len()],
            tags: s.doc.nodes.iter().map(|n| n.tag).collect(),
            replaced: vec![NONE; s.doc.len()],
            paras: vec![],
            scores: vec![f64::NAN; s.doc.len()],
            candidates: vec![],
            byline: None,
            title_heading: NONE,
            lead: NONE,
        };
        let (runs, chain) = a.runs(&stat, 1);
        assert!(chain);
        assert_eq!(runs.len(), 3);
        assert!(!runs[0].1 && runs[1].1 && runs[2].1);
    }

    #[test]
    fn conditional_cleaning_drops_link_lists_but_keeps_data_tables() {
        let body = format!(
            "<body><div class=post><p>{}</p><div class=x><a href=/1>One link here</a> <a href=/2>Another link here</a></div><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><p>{}</p></div></body>",
            para(90, "a"),
            para(90, "b")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(!text.contains("One link here"), "{text}");
        assert!(text.contains("AB12") || text.contains("A"), "{text}");
        let table = doc.nodes.iter().position(|n| n.tag == Tag::Table).unwrap();
        assert!(!sel.removed[table]);
    }

    #[test]
    fn a_layout_table_row_gives_way_to_its_article_cell() {
        let body = format!(
            "<body><table><tr><td><a href=/a>Menu one</a><br><a href=/b>Menu two</a></td><td><h1>A title of some words</h1><p>{}</p><table><thead><tr><th>Month</th><th>Rain</th></tr></thead><tr><td>May</td><td>18</td></tr></table><p>{}</p></td><td><p>Weather now: 2 degrees, wind from the south west at nine.</p></td></tr></table></body>",
            para(90, "a"),
            para(90, "b")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("a0") && text.contains("b89"), "{text}");
        assert!(!text.contains("Weather now") && !text.contains("Menu one"), "{text}");
    }

    #[test]
    fn data_tables_follow_readability() {
        let s = scan("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><table><caption>C</caption><tr><td>x</td></tr></table><table><tr><td>1</td></tr></table>");
        let tables: Vec<u32> = s.doc.nodes.iter().enumerate().filter(|(_, n)| n.tag == Tag::Table).map(|(i, _)| i as u32).collect();
        assert!(!is_data_table(&s.doc, tables[0]));
        assert!(is_data_table(&s.doc, tables[1]));
        assert!(!is_data_table(&s.doc, tables[2]));
    }

    #[test]
    fn runs_of_only_elements_next_to_the_article() {
        // The run `<span>` has no text node of its parent: its text range must stay empty.
        let body = format!(
            "<body><div id=outer><div class=article><p>{}</p><p>{}</p></div><span>A short closing sentence.</span><div><p>x</p></div></div></body>",
            para(60, "a"),
            para(60, "b")
        );
        let (doc, sel) = select_html(&body);
        assert!(kept_text(&doc, &sel).contains("b59"));
        for p in &sel.paras {
            assert!(p.texts.0 <= p.texts.1 && p.texts.1 as usize <= doc.texts.len());
        }
    }

    #[test]
    fn a_short_article_beats_longer_clutter_found_by_looser_rules() {
        let body = format!(
            "<body><div class=post><p>A short poem, of a few lines, is the whole article here.</p><p>Second line.</p></div><div class=sidebar><p>{}</p><p>{}</p></div></body>",
            para(20, "side"),
            para(20, "bar")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("short poem") && !text.contains("side1"), "{text}");
    }

    #[test]
    fn content_inside_a_clutter_named_wrapper_is_found() {
        // "above-footer" is unlikely by name, but it wraps the post content.
        let body = format!(
            "<body><div class=intro><p>{}</p></div><div class=above-footer><div class=post-content><p>{}</p><p>{}</p><p>{}</p></div></div></body>",
            para(100, "intro"),
            para(60, "a"),
            para(60, "b"),
            para(60, "c")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("a0") && text.contains("c59"), "{text}");
        // A popup is clutter whatever it wraps.
        let body = format!(
            "<body><div class=story><p>{}</p><p>{}</p><p>{}</p></div><div class=popup-overlay><div class=privacy-content><p>{}</p><p>{}</p></div></div></body>",
            para(60, "a"),
            para(60, "b"),
            para(60, "c"),
            para(100, "consent"),
            para(100, "more")
        );
        let (doc, sel) = select_html(&body);
        assert!(!kept_text(&doc, &sel).contains("consent0"));
    }

    #[test]
    fn negative_names_that_hold_the_article_are_layout() {
        // A page builder wraps every paragraph in a "widget".
        let blocks: String = ["a", "b", "c", "d"].iter().map(|s| format!("<div class=builder-widget><p>{}</p></div>", para(60, s))).collect();
        let body = format!("<body><div class=entry><p>{}</p>{blocks}<div class=share-widget><a href=/s>Share</a></div></div></body>", para(120, "lead"));
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("a0") && text.contains("d39"), "{text}");
    }

    #[test]
    fn the_lead_in_the_article_header_joins_the_body() {
        let body = format!(
            "<body><article><header><h1>Title</h1><p class=article-lead>The lead says in one sentence what happened, and why.</p><figure><img src=a.jpg><figcaption class=description>A caption that describes the photo above.</figcaption></figure></header><div class=body><p>{}</p><p>{}</p><p>{}</p></div></article></body>",
            para(60, "a"),
            para(60, "b"),
            para(60, "c")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.starts_with("The lead says"), "{text}");
        assert!(!text.contains("caption"), "{text}");
    }

    #[test]
    fn an_unnamed_deck_right_after_the_headline_is_the_lead() {
        let body = format!(
            "<body><article><hgroup><h1>A title of some words</h1><h2>The deck says more about it, in one full sentence of its own.</h2></hgroup><div class=text><p>{}</p><p>{}</p><p>{}</p></div></article></body>",
            para(60, "a"),
            para(60, "b"),
            para(60, "c")
        );
        let (doc, sel) = select_html(&body);
        assert!(kept_text(&doc, &sel).starts_with("The deck says more"));
    }

    #[test]
    fn a_lead_in_a_stripped_header_of_the_article_is_kept() {
        let body = format!(
            "<html><head><title>A title of some words</title></head><body><article><header class=entry-header><h1>A title of some words</h1><div class=lead>The lead says in one sentence what happened, and why.</div><div class=byline>By Someone</div></header><p>{}</p><p>{}</p><p>{}</p></article></body></html>",
            para(60, "a"),
            para(60, "b"),
            para(60, "c")
        );
        // Through the whole pipeline: the plan writes a piece inside a dropped part.
        let text = crate::extract(&body, &crate::Options::new()).unwrap().text_content.unwrap();
        assert!(text.starts_with("The lead says"), "{text}");
        assert!(!text.contains("By Someone") && !text.contains("A title"), "{text}");
    }

    #[test]
    fn text_runs_split_by_line_breaks_count_as_paragraphs_in_cleaning() {
        // The second block has no <p>, only text between <br><br>.
        let body = format!(
            "<body><div class=story><p>{}</p><p>{}</p><div class=rte>{}<br><br>{}<br><br>{}</div></div></body>",
            para(90, "a"),
            para(90, "b"),
            para(30, "x"),
            para(30, "y"),
            para(30, "z")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("x0") && text.contains("z29"), "{text}");
    }

    #[test]
    fn an_article_element_spread_over_modules_is_taken_whole() {
        // A page builder puts each paragraph in its own module of wrappers.
        let module = |w: &str, words: usize| format!("<div class=row><div class=module><div class=inner><div class=text><p>{}</p></div></div></div></div>", para(words, w));
        let modules: String = ["b", "c", "d", "e", "f", "g"].iter().map(|w| module(w, 30)).collect();
        let body = format!(
            "<body><article><h1>A title of some words</h1>{}{modules}</article><div class=sidebar><p>Elsewhere.</p></div></body>",
            module("a", 100)
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("a0") && text.contains("b29") && text.contains("g29"), "{text}");
        assert!(!text.contains("Elsewhere"), "{text}");
    }

    #[test]
    fn a_paragraph_worth_of_prose_is_not_a_gallery() {
        // Eight images and three paragraphs: Readability's gallery rule, but the text is prose.
        let imgs = "<img src=a.jpg><img src=b.jpg><img src=c.jpg><img src=d.jpg><img src=e.jpg><img src=f.jpg><img src=g.jpg><img src=h.jpg>";
        let body = format!(
            "<body><div class=story><p>{}</p><p>{}</p><div class=box><div class=gallery>{imgs}</div><p>{}</p><p>{}</p></div></div></body>",
            para(90, "a"),
            para(90, "b"),
            para(40, "x"),
            para(40, "y")
        );
        let (doc, sel) = select_html(&body);
        assert!(kept_text(&doc, &sel).contains("y39"));
    }

    #[test]
    fn the_article_under_the_title_beats_the_next_one_loaded_below() {
        let body = format!(
            "<body><div class=feed><article><h1>A title of some words</h1><div class=text><p>{}</p><p>{}</p><p>{}</p></div></article><article><h1>The next story</h1><div class=text><p>{}</p><p>{}</p><p>{}</p></div></article></div></body>",
            para(50, "a"),
            para(50, "b"),
            para(50, "c"),
            para(80, "x"),
            para(80, "y"),
            para(80, "z")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("a0") && !text.contains("x0"), "{text}");
    }

    #[test]
    fn quote_attributions_and_article_asides_stay() {
        let body = format!(
            "<body><div class=story><p>{}</p><blockquote><p>Words worth quoting here.</p><footer>— Someone Quoted</footer></blockquote><aside><p>{}</p><p>{}</p></aside><footer>Site footer</footer></div></body>",
            para(40, "a"),
            para(80, "b"),
            para(80, "c")
        );
        let (doc, sel) = select_html(&body);
        let text = kept_text(&doc, &sel);
        assert!(text.contains("— Someone Quoted") && text.contains("c79"), "{text}");
        assert!(!text.contains("Site footer"), "{text}");
    }

    #[test]
    fn too_short_pages_retry_then_return_the_best() {
        let (doc, sel) = select_html("<body><div class=sidebar><p>Only a short text in a sidebar, with commas.</p></div></body>");
        assert!(kept_text(&doc, &sel).contains("Only a short text"));
    }
}
