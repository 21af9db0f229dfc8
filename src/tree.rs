//! The stack of open elements, with the HTML standard's implied end tags.
//!
//! lol_html reports start and end tags as written; it does not close a `<p>`
//! when a `<div>` starts or an `<li>` when the next `<li>` starts. Both passes
//! feed tags through this stack so that parents and text owners match the
//! tree a browser (and so Readability) would build.

use crate::tags::Tag;

/// Deeper elements are attached to the element at this depth, as Blink does.
/// It also bounds every walk up the stack.
pub(crate) const MAX_DEPTH: usize = 512;

pub(crate) struct OpenStack {
    stack: Vec<(u32, Tag)>,
    /// `open[node]`: still on the stack (nodes are numbered from `base`).
    open: Vec<bool>,
    base: u32,
    /// How many of each tag are open, to skip searches that cannot succeed.
    counts: [u32; 256],
}

impl OpenStack {
    /// A stack for nodes numbered from `base`, starting inside `ancestors`
    /// (outermost first), which are never closed by it.
    pub(crate) fn new(base: u32, ancestors: &[(u32, Tag)]) -> Self {
        let mut s = OpenStack { stack: Vec::new(), open: Vec::new(), base, counts: [0; 256] };
        s.stack.extend_from_slice(ancestors);
        for &(_, tag) in ancestors {
            s.counts[tag as usize] += 1;
        }
        s
    }

    /// The innermost open element.
    pub(crate) fn top(&self) -> Option<(u32, Tag)> {
        self.stack.last().copied()
    }

    #[cfg(test)]
    pub(crate) fn depth(&self) -> usize {
        self.stack.len()
    }

    pub(crate) fn is_open(&self, tag: Tag) -> bool {
        self.counts[tag as usize] > 0
    }

    /// The innermost open element with this tag.
    pub(crate) fn innermost(&self, tag: Tag) -> Option<u32> {
        if !self.is_open(tag) {
            return None;
        }
        self.stack.iter().rev().take(MAX_DEPTH).find(|(_, t)| *t == tag).map(|(n, _)| *n)
    }

    /// Applies the end tags implied by a `tag` start tag, calling `closed`
    /// for every element it closes (innermost first).
    pub(crate) fn implied_by(&mut self, tag: Tag, closed: &mut impl FnMut(u32)) {
        use Tag::*;
        match tag {
            Li => self.close_in_list_scope(&[Li], closed),
            Dd | Dt => self.close_in_list_scope(&[Dd, Dt], closed),
            // A row closes the open row (and its cells); a cell the open cell of
            // its row; a row group the open row group, or else the open row.
            Tr => {
                self.close_in_table(&[Tr], &[Table], closed);
            }
            Td | Th => {
                self.close_in_table(&[Td, Th], &[Tr, Table], closed);
            }
            Tbody | Thead | Tfoot => {
                if !self.close_in_table(&[Tbody, Thead, Tfoot], &[Table], closed) {
                    self.close_in_table(&[Tr], &[Table], closed);
                }
            }
            Option => self.close_if_top(&[Option], closed),
            Optgroup => self.close_if_top(&[Option, Optgroup], closed),
            A | Button | Nobr => self.close_nested(tag, closed),
            _ => {}
        }
        if tag.closes_p() && self.is_open(P) {
            self.close_p(closed);
        }
        if tag.is_heading() {
            self.close_if_top(&[H1, H2, H3, H4, H5, H6], closed);
        }
        if self.stack.len() >= MAX_DEPTH {
            if let Some((n, t)) = self.stack.pop() {
                self.mark_closed(n, t);
                closed(n);
            }
        }
    }

    /// Pushes a new element (call `implied_by` first).
    pub(crate) fn push(&mut self, node: u32, tag: Tag) {
        self.stack.push((node, tag));
        self.counts[tag as usize] += 1;
        let i = (node - self.base) as usize;
        if self.open.len() <= i {
            self.open.resize(i + 1, false);
        }
        self.open[i] = true;
    }

    /// An end tag closed `node`: pops it and everything opened inside it.
    /// Nothing happens if it was already closed by an implied end tag.
    pub(crate) fn close(&mut self, node: u32, closed: &mut impl FnMut(u32)) {
        let open = node >= self.base && self.open.get((node - self.base) as usize).copied().unwrap_or(false);
        if !open {
            return;
        }
        while let Some((n, t)) = self.stack.pop() {
            self.mark_closed(n, t);
            closed(n);
            if n == node {
                break;
            }
        }
    }

    /// Closes everything still open (end of input), innermost first, but
    /// not the ancestors the stack started with.
    pub(crate) fn close_all(&mut self, closed: &mut impl FnMut(u32)) {
        while let Some(&(n, t)) = self.stack.last() {
            if n < self.base {
                break;
            }
            self.stack.pop();
            self.mark_closed(n, t);
            closed(n);
        }
    }

    fn mark_closed(&mut self, node: u32, tag: Tag) {
        self.counts[tag as usize] -= 1;
        if node >= self.base {
            if let Some(o) = self.open.get_mut((node - self.base) as usize) {
                *o = false;
            }
        }
    }

    /// Pops down to and including the element at stack index `i`.
    fn pop_to(&mut self, i: usize, closed: &mut impl FnMut(u32)) {
        while self.stack.len() > i {
            let Some((n, t)) = self.stack.pop() else { break };
            if n < self.base {
                // Never close the ancestors a partial pass started inside.
                self.stack.push((n, t));
                break;
            }
            self.mark_closed(n, t);
            closed(n);
        }
    }

    /// Index of the innermost element with one of `tags`, searching down from
    /// the top until `stop` says a boundary was reached.
    fn find(&self, tags: &[Tag], stop: impl Fn(Tag) -> bool) -> Option<usize> {
        if !tags.iter().any(|&t| self.is_open(t)) {
            return None;
        }
        for (i, &(_, t)) in self.stack.iter().enumerate().rev().take(MAX_DEPTH) {
            if tags.contains(&t) {
                return Some(i);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self, closed: &mut impl FnMut(u32)) {
        if let Some(i) = self.find(&[Tag::P], Tag::bounds_scope) {
            self.pop_to(i, closed);
        }
    }

    fn close_in_list_scope(&mut self, tags: &[Tag], closed: &mut impl FnMut(u32)) {
        let stop = |t: Tag| t.is_special() && !matches!(t, Tag::Address | Tag::Div | Tag::P);
        if let Some(i) = self.find(tags, stop) {
            self.pop_to(i, closed);
        }
    }

    /// Closes the innermost of `tags` unless one of `bounds` (or the root)
    /// comes first; says whether it closed anything.
    fn close_in_table(&mut self, tags: &[Tag], bounds: &[Tag], closed: &mut impl FnMut(u32)) -> bool {
        match self.find(tags, |t| bounds.contains(&t) || matches!(t, Tag::Html | Tag::Template)) {
            Some(i) => {
                self.pop_to(i, closed);
                true
            }
            None => false,
        }
    }

    fn close_if_top(&mut self, tags: &[Tag], closed: &mut impl FnMut(u32)) {
        if let Some(&(_, t)) = self.stack.last() {
            if tags.contains(&t) {
                let i = self.stack.len() - 1;
                self.pop_to(i, closed);
            }
        }
    }

    /// `<a>` inside `<a>` (and `button`, `nobr`) closes the outer one.
    fn close_nested(&mut self, tag: Tag, closed: &mut impl FnMut(u32)) {
        if let Some(i) = self.find(&[tag], |t| matches!(t, Tag::Table | Tag::Td | Tag::Th | Tag::Html)) {
            self.pop_to(i, closed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `(node, tag)` starts and `!node` end tags; returns closing order.
    fn run(events: &[(i64, Tag)]) -> (Vec<u32>, Vec<(u32, Option<u32>)>) {
        let mut s = OpenStack::new(0, &[]);
        let mut closed = Vec::new();
        let mut parents = Vec::new();
        for &(n, tag) in events {
            if n >= 0 {
                s.implied_by(tag, &mut |c| closed.push(c));
                parents.push((n as u32, s.top().map(|t| t.0)));
                if !tag.is_void() {
                    s.push(n as u32, tag);
                }
            } else {
                s.close((-n - 1) as u32, &mut |c| closed.push(c));
            }
        }
        s.close_all(&mut |c| closed.push(c));
        (closed, parents)
    }

    #[test]
    fn block_start_closes_open_paragraph() {
        use Tag::*;
        // <div><p>a<p>b<ul><li>1<li>2</ul></div>
        let (closed, parents) = run(&[(0, Div), (1, P), (2, P), (3, Ul), (4, Li), (5, Li), (-4, Ul), (-1, Div)]);
        assert_eq!(parents, vec![(0, None), (1, Some(0)), (2, Some(0)), (3, Some(0)), (4, Some(3)), (5, Some(3))]);
        assert_eq!(closed, vec![1, 2, 4, 5, 3, 0]);
    }

    #[test]
    fn table_cells_and_rows_close_siblings() {
        use Tag::*;
        let (_, parents) = run(&[(0, Table), (1, Tr), (2, Td), (3, Td), (4, Tr), (5, Th)]);
        assert_eq!(parents[3], (3, Some(1)), "a td closes the open td");
        assert_eq!(parents[4], (4, Some(0)), "a tr closes the open tr and its cells");
        assert_eq!(parents[5], (5, Some(4)));
    }

    #[test]
    fn li_search_stops_at_special_elements() {
        use Tag::*;
        // <li><ul><li> — the inner li must not close the outer one.
        let (_, parents) = run(&[(0, Li), (1, Ul), (2, Li), (3, Li)]);
        assert_eq!(parents[2], (2, Some(1)));
        assert_eq!(parents[3], (3, Some(1)));
    }

    #[test]
    fn end_tags_for_already_closed_elements_are_ignored() {
        use Tag::*;
        // <p>a<div>b</div></p>: the p was closed by the div.
        let (closed, parents) = run(&[(0, P), (1, Div), (-2, Div), (-1, P)]);
        assert_eq!(parents[1], (1, None));
        assert_eq!(closed, vec![0, 1]);
    }

    #[test]
    fn depth_is_bounded() {
        let events: Vec<(i64, Tag)> = (0..2000).map(|i| (i, Tag::Div)).collect();
        let mut s = OpenStack::new(0, &[]);
        for &(n, t) in &events {
            s.implied_by(t, &mut |_| {});
            s.push(n as u32, t);
        }
        assert!(s.depth() <= MAX_DEPTH);
    }

    #[test]
    fn ancestors_of_a_partial_pass_stay_open() {
        use Tag::*;
        let mut s = OpenStack::new(10, &[(2, P)]);
        let mut closed = Vec::new();
        s.implied_by(Div, &mut |c| closed.push(c));
        assert!(closed.is_empty(), "a partial pass must not close nodes outside it");
        s.push(10, Div);
        s.close_all(&mut |c| closed.push(c));
        assert_eq!(closed, vec![10]);
    }
}
