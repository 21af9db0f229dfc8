//! Finding the article: Readability's `grabArticle` over the element table.
//!
//! One `attempt` runs the whole algorithm with a set of flags: prepare
//! (hidden, unlikely and empty elements out; `<div>`s that are paragraphs
//! become paragraphs), score paragraphs into their ancestors, pick the top
//! candidate, join related siblings, then clean the result conditionally.
//! `select` runs the retry ladder, loosening the flags while the article is
//! shorter than the threshold, and returns the best `Selection`.

use crate::dom::{flag, tflag, Document, NONE};
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
/// wraps into its own `<p>`: the children `nodes` and the parent's own text
/// nodes `texts`.
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
    flags: Flags,
    removed: Vec<bool>,
    tags: Vec<Tag>,
    /// For `<div>`s replaced by their only `<p>` child: that child.
    replaced: Vec<u32>,
    paras: Vec<Para>,
    scores: Vec<f64>,
    candidates: Vec<u32>,
    byline: Option<String>,
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
}

/// Elements Readability removes before it starts (scripts, styles, ...).
fn is_stripped(tag: Tag) -> bool {
    matches!(tag, Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Head | Tag::Title | Tag::Meta | Tag::Link | Tag::Base)
}

/// Elements Readability scores as paragraphs.
fn is_scored(tag: Tag) -> bool {
    matches!(tag, Tag::Section | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::P | Tag::Td | Tag::Pre)
}

impl Static {
    pub(crate) fn new(doc: &Document) -> Static {
        let n = doc.len();
        let stripped: Vec<bool> = doc.nodes.iter().map(|x| is_stripped(x.tag)).collect();
        let tags = doc.nodes.iter().map(|x| x.tag).collect();
        let tally = Tally::new(doc, stripped.clone(), tags);
        let mut children = vec![0; n];
        let mut br_hr = vec![0; n];
        let mut br_children = vec![0; n];
        let mut block_below = vec![false; n];
        let mut phrasing = vec![true; n];
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
            if !me_phrasing {
                phrasing[p] = false;
            }
        }
        Static { tally, children, br_hr, br_children, block_below, phrasing }
    }
}

/// Runs the retry ladder; `None` when no text at all was found.
pub(crate) fn select(doc: &Document, title: &str, has_meta_byline: bool, char_threshold: usize) -> Option<Selection> {
    if doc.len() == 0 {
        return None;
    }
    let stat = Static::new(doc);
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
    // Nothing long enough: the longest attempt, if it found anything
    // (the first of equals, as Readability's stable sort keeps it).
    let best = attempts.iter().enumerate().max_by(|(i, a), (j, b)| a.chars.cmp(&b.chars).then(j.cmp(i)))?.0;
    let sel = attempts.swap_remove(best);
    (sel.chars > 0).then_some(sel)
}

fn attempt(doc: &Document, stat: &Static, flags: Flags, title: &str, has_meta_byline: bool) -> Selection {
    let n = doc.len();
    let mut a = Attempt {
        doc,
        flags,
        removed: vec![false; n],
        tags: doc.nodes.iter().map(|x| x.tag).collect(),
        replaced: vec![NONE; n],
        paras: Vec::new(),
        scores: vec![f64::NAN; n],
        candidates: Vec::new(),
        byline: None,
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
                            if p.texts.0 == u32::MAX {
                                p.texts.0 = ti;
                            }
                            p.texts.1 = ti + 1;
                            *content |= has;
                        }
                        None if has => {
                            let mut p = Para { parent: n, nodes: (NONE, NONE), texts: (ti, ti + 1) };
                            p.nodes = (NONE, NONE);
                            *run = Some((p, after_chain, true));
                        }
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
                    if stat.phrasing[c as usize] {
                        let has = tag != Tag::Br;
                        match run {
                            Some((p, _, content)) => {
                                if p.nodes.0 == NONE {
                                    p.nodes.0 = c;
                                }
                                p.nodes.1 = doc.node(c).end;
                                *content |= has;
                            }
                            None if has => {
                                *run = Some((Para { parent: n, nodes: (c, doc.node(c).end), texts: (u32::MAX, u32::MAX) }, after_chain, true));
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
        for (p, _) in &mut out {
            if p.texts.0 == u32::MAX {
                // A run of elements only: an empty range of texts where it starts.
                let at = doc.node(p.nodes.0).text_start;
                p.texts = (at, at);
            }
        }
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
        let mut top_candidate = first;
        let top_score = |a: &Self, n: u32| a.score_of(n).unwrap_or(0.0);
        // Several near-equal candidates under one ancestor: take the ancestor.
        let alternatives: Vec<Vec<u32>> = top[1..]
            .iter()
            .filter(|&&t| top_score(self, t) / top_score(self, top_candidate) >= R::ALTERNATIVE_SHARE)
            .map(|&t| self.ancestors(self.vparent(t), usize::MAX))
            .collect();
        if alternatives.len() >= R::MIN_ALTERNATIVES {
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
        while p != NONE && self.tags[p as usize] != Tag::Body {
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
        (top_candidate, items)
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
            if matches!(tag, Tag::Object | Tag::Embed | Tag::Footer | Tag::Link | Tag::Aside) && !embed_ok && live(tally, n) {
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
        for &n in &inside {
            if self.tags[n as usize] == Tag::H1 {
                self.tags[n as usize] = Tag::H2;
            }
        }
        self.removed = tally.removed.clone();
    }

    /// Readability's `_cleanConditionally` for one tag, innermost first.
    fn clean_conditionally(&mut self, tally: &mut Tally, inside: &[u32], tag: Tag, tables: &DataTables) {
        let doc = self.doc;
        for &n in inside.iter().rev() {
            if self.tags[n as usize] != tag || tally.is_gone(doc, n) {
                continue;
            }
            if self.should_remove(tally, n, tag, tables) {
                tally.remove(doc, n);
            }
        }
    }

    fn should_remove(&self, tally: &Tally, n: u32, tag: Tag, tables: &DataTables) -> bool {
        let doc = self.doc;
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
        if weight < 0 {
            return true;
        }
        if (s.commas as usize) >= R::CLEAN_MIN_COMMAS {
            return false;
        }
        let p = s.p as f64;
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
        let text_density = if s.chars == 0 { 0.0 } else { s.textish_chars as f64 / s.chars as f64 };
        let figure_child = self.has_ancestor(n, Tag::Figure, 3);
        let remove = (!figure_child && img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list && !figure_child && heading_density < 0.9 && len < 25.0 && (img == 0.0 || img > 2.0) && ld > 0.0)
            || (!is_list && weight < 25 && ld > 0.2)
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
    let lower = text.trim().to_lowercase();
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
    let mut t = p.texts.0.min(if p.nodes.0 != NONE { doc.node(p.nodes.0).text_start } else { u32::MAX });
    let end = p.texts.1.max(if p.nodes.0 != NONE { doc.node(p.nodes.1.saturating_sub(1).max(p.nodes.0)).text_end } else { 0 });
    while t < end {
        let tn = &doc.texts[t as usize];
        let inside = tn.owner == p.parent || (p.nodes.0 != NONE && tn.owner >= p.nodes.0 && tn.owner < p.nodes.1);
        if inside && tn.flags & tflag::NON_CONTENT == 0 && !removed.get(tn.owner as usize).copied().unwrap_or(false) {
            crate::dom::push_collapsed(&mut out, &doc.text_of(tn));
        }
        t += 1;
    }
    out.trim_end().to_string()
}

/// Readability's `_markDataTables`, computed on demand.
struct DataTables {
    /// The data tables, in document order (binary-searched: a page can have
    /// thousands of nested tables, and both questions are asked per element).
    data: Vec<u32>,
}

impl DataTables {
    fn new(doc: &Document, inside: &[u32]) -> DataTables {
        let mut data: Vec<u32> = inside.iter().copied().filter(|&n| doc.tag(n) == Tag::Table && is_data_table(doc, n)).collect();
        data.sort_unstable();
        DataTables { data }
    }

    fn is_data(&self, n: u32) -> bool {
        self.data.binary_search(&n).is_ok()
    }

    fn has_data_inside(&self, doc: &Document, n: u32) -> bool {
        // A subtree is the node range (n, end).
        let i = self.data.partition_point(|&t| t <= n);
        self.data.get(i).is_some_and(|&t| t < doc.node(n).end)
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
        let stat = Static::new(&s.doc);
        let a = Attempt {
            doc: &s.doc,
            flags: Flags::ALL,
            removed: vec![false; s.doc.len()],
            tags: s.doc.nodes.iter().map(|n| n.tag).collect(),
            replaced: vec![NONE; s.doc.len()],
            paras: vec![],
            scores: vec![f64::NAN; s.doc.len()],
            candidates: vec![],
            byline: None,
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
    fn data_tables_follow_readability() {
        let s = scan("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><table><caption>C</caption><tr><td>x</td></tr></table><table><tr><td>1</td></tr></table>");
        let tables: Vec<u32> = s.doc.nodes.iter().enumerate().filter(|(_, n)| n.tag == Tag::Table).map(|(i, _)| i as u32).collect();
        assert!(!is_data_table(&s.doc, tables[0]));
        assert!(is_data_table(&s.doc, tables[1]));
        assert!(!is_data_table(&s.doc, tables[2]));
    }

    #[test]
    fn too_short_pages_retry_then_return_the_best() {
        let (doc, sel) = select_html("<body><div class=sidebar><p>Only a short text in a sidebar, with commas.</p></div></body>");
        assert!(kept_text(&doc, &sel).contains("Only a short text"));
    }
}
