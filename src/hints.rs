//! Class and id hints: which concepts of `rules::CLASS_WORDS` an attribute
//! value names ("sidebar", "related", "byline"...), as a bit set.
//!
//! Runs once per class and id attribute of the page, so the word list is
//! indexed by its first two bytes once per process and every position of
//! the value is compared only with the words that start with its two
//! bytes (most positions have none). Pages repeat
//! the same few class values on thousands of elements, so the scan keeps a
//! small [`Cache`] of values already matched.

use crate::rules::{Hints, Match, CLASS_WORDS, TAXONOMY_PREFIXES};
use std::sync::OnceLock;

struct Word {
    text: &'static [u8],
    concept: Hints,
    how: Match,
    /// The word's first four bytes (fewer for a shorter word) as a number,
    /// and the mask of those bytes: most candidates fail on this compare.
    head: u32,
    mask: u32,
}

/// Up to four bytes of `bytes` from `at` as a number (missing bytes are 0).
fn head_at(bytes: &[u8], at: usize) -> u32 {
    let mut four = [0u8; 4];
    let rest = &bytes[at.min(bytes.len())..];
    let n = rest.len().min(4);
    four[..n].copy_from_slice(&rest[..n]);
    u32::from_le_bytes(four)
}

/// The words of `CLASS_WORDS` (all of two bytes or more), sorted by their
/// first two bytes, and where the words of each pair start.
struct Index {
    words: Vec<Word>,
    /// Indexed by `first << 8 | second`, one more entry at the end.
    start: Vec<u16>,
}

/// The pair of a word's or a position's first two bytes.
fn pair(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let word = |concept, how, text: &'static [u8]| {
            let mask = if text.len() >= 4 { u32::MAX } else { (1u32 << (8 * text.len())) - 1 };
            Word { text, concept, how, head: head_at(text, 0), mask }
        };
        let all = CLASS_WORDS.iter().flat_map(|&(concept, how, words)| words.iter().map(move |w| word(concept, how, w.as_bytes())));
        let all: Vec<Word> = all.filter(|w| w.text.len() >= 2).collect();
        let key = |w: &Word| pair(w.text[0], w.text[1]);
        let mut start = vec![0u16; 256 * 256 + 1];
        for w in &all {
            start[key(w) + 1] += 1;
        }
        for p in 0..256 * 256 {
            start[p + 1] += start[p];
        }
        // A counting sort by pair, in table order within a pair.
        let mut next: Vec<u16> = start.clone();
        let mut slots: Vec<Option<Word>> = (0..all.len()).map(|_| None).collect();
        for w in all {
            let k = key(&w);
            slots[next[k] as usize] = Some(w);
            next[k] += 1;
        }
        Index { words: slots.into_iter().flatten().collect(), start }
    })
}

/// Matches `value` (a class or id attribute) against `CLASS_WORDS`.
pub(crate) fn hints_of(value: &str) -> Hints {
    if value.is_empty() {
        return 0;
    }
    let lower;
    // Lowercase; and (ours) BEM's "__" and other underscores join words as
    // "-" does ("article__meta" is "article-meta").
    let value = if value.bytes().any(|b| b.is_ascii_uppercase() || b == b'_') {
        lower = value.to_ascii_lowercase().replace("__", "-").replace('_', "-");
        lower.as_str()
    } else {
        value
    };
    // Ours: tokens that name the post's categories and tags ("category-
    // no-newsletter", "tag-sidebar") describe its topic, not the element.
    let filtered;
    let value = if has_taxonomy_prefix(value) {
        filtered = value.split_ascii_whitespace().filter(|t| !TAXONOMY_PREFIXES.iter().any(|p| t.starts_with(p))).collect::<Vec<_>>().join(" ");
        filtered.as_str()
    } else {
        value
    };
    let index = index();
    let v = value.as_bytes();
    let mut hints = 0;
    for i in 0..v.len() {
        let candidates = match v.get(i + 1) {
            Some(&next) => {
                let p = pair(v[i], next);
                &index.words[index.start[p] as usize..index.start[p + 1] as usize]
            }
            None => &[][..],
        };
        if candidates.is_empty() {
            continue;
        }
        let head = head_at(v, i);
        for w in candidates {
            if hints & w.concept == 0 && head & w.mask == w.head && v[i..].starts_with(w.text) && bounded(v, i, w.text.len(), w.how) {
                hints |= w.concept;
            }
        }
    }
    hints
}

/// Does a taxonomy prefix occur in `value`? Every prefix ends in '-', so
/// only the text before each '-' is compared (one pass, no substring search
/// per prefix: this runs for every new class value).
fn has_taxonomy_prefix(value: &str) -> bool {
    let v = value.as_bytes();
    v.iter().enumerate().any(|(i, &b)| b == b'-' && TAXONOMY_PREFIXES.iter().any(|p| v[..=i].ends_with(p.as_bytes())))
}

/// Slots of the [`Cache`]: a power of two, so a slot is the hash's top bits.
const CACHE_SLOT_BITS: u32 = 9;
/// Longer values are matched every time (they rarely repeat).
const CACHE_MAX_VALUE: usize = 128;

/// Remembers the hints of recent class and id values: a direct-mapped table
/// (one value per slot, a new value replaces the old one), so its memory is
/// bounded whatever the page holds. On the pages of the corpora most values
/// are found here, which saves the word matching almost entirely.
pub(crate) struct Cache {
    slots: Vec<Option<(Box<str>, Hints)>>,
}

impl Cache {
    pub(crate) fn new() -> Cache {
        Cache { slots: Vec::new() }
    }

    /// `hints_of(value)`, from the table when `value` was seen last in its
    /// slot. `hash` is `hash(value)`.
    pub(crate) fn hints_of(&mut self, value: &str, hash: u32) -> Hints {
        if value.is_empty() || value.len() > CACHE_MAX_VALUE {
            return hints_of(value);
        }
        if self.slots.is_empty() {
            self.slots.resize(1 << CACHE_SLOT_BITS, None);
        }
        let slot = &mut self.slots[(hash >> (u32::BITS - CACHE_SLOT_BITS)) as usize];
        match slot {
            Some((seen, hints)) if **seen == *value => *hints,
            _ => {
                let hints = hints_of(value);
                *slot = Some((value.into(), hints));
                hints
            }
        }
    }
}

/// A hash of `bytes`, four at a time (FxHash's mixing: a rotate, an xor and
/// a multiply per word). Its top bits are the best mixed.
pub(crate) fn hash(bytes: &[u8]) -> u32 {
    const SEED: u32 = 0x9e37_79b9;
    let mix = |h: u32, word: u32| (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut words = bytes.chunks_exact(4);
    let mut h = (&mut words).fold(bytes.len() as u32, |h, w| mix(h, u32::from_le_bytes([w[0], w[1], w[2], w[3]])));
    for &b in words.remainder() {
        h = mix(h, u32::from(b));
    }
    h
}

/// Does the match of length `len` at `i` meet its word's boundary rule?
fn bounded(v: &[u8], i: usize, len: usize, how: Match) -> bool {
    let before = i.checked_sub(1).map(|j| v[j]);
    let after = v.get(i + len).copied();
    match how {
        Match::Substring => true,
        Match::Word => !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric()),
        Match::Token => before.is_none_or(|b| b.is_ascii_whitespace()) && after.is_none_or(|b| b.is_ascii_whitespace()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hint;

    #[test]
    fn every_class_word_has_two_bytes_or_more() {
        // The index finds words by their first two bytes.
        for &(_, _, words) in CLASS_WORDS {
            assert!(words.iter().all(|w| w.len() >= 2), "{words:?}");
        }
    }

    #[test]
    fn taxonomy_prefixes_are_found_anywhere() {
        assert!(TAXONOMY_PREFIXES.iter().all(|p| p.ends_with('-')), "has_taxonomy_prefix needs a final '-'");
        for (value, found) in [("post category-news", true), ("xtag-sidebar", true), ("topic-", true), ("tags sidebar", false), ("topic", false), ("", false)] {
            assert_eq!(has_taxonomy_prefix(value), TAXONOMY_PREFIXES.iter().any(|p| value.contains(p)), "{value}");
            assert_eq!(has_taxonomy_prefix(value), found, "{value}");
        }
    }

    #[test]
    fn class_words_match_as_readability_does() {
        assert!(hints_of("site-footer") & hint::UNLIKELY != 0);
        assert!(hints_of("Main-Content") & hint::MAYBE != 0);
        assert!(hints_of("hid") & hint::NEGATIVE != 0);
        assert!(hints_of("a hid b") & hint::NEGATIVE != 0);
        assert_eq!(hints_of("hidx") & hint::NEGATIVE, 0);
        assert!(hints_of("social_share-bar") & hint::SHARE != 0);
        assert_eq!(hints_of("shared-items") & hint::SHARE, 0);
        assert!(hints_of("ad-slot ad-leaderboard") & hint::AD != 0);
        assert!(hints_of("comment-respond") & hint::COMMENTS != 0);
        assert!(hints_of("disqus_thread") & hint::COMMENTS != 0);
        assert_eq!(hints_of("fc-item--is-commentable") & hint::COMMENTS, 0);
        assert_eq!(hints_of("header-admin") & hint::AD, 0);
        assert_eq!(hints_of(""), 0);
        assert_eq!(hints_of("post category-no-newsletter tag-sidebar") & (hint::CLUTTER | hint::UNLIKELY), 0);
        assert_eq!(hints_of("post post_tag-sidebar") & (hint::CLUTTER | hint::UNLIKELY), 0, "WordPress tags");
        assert_ne!(hints_of("post sidebar") & (hint::CLUTTER | hint::UNLIKELY), 0);
        assert!(hints_of("post newsletter-box") & hint::CLUTTER != 0);
        assert!(hints_of("article__meta") & hint::CLUTTER != 0);
    }

    #[test]
    fn the_cache_answers_as_the_matcher_does() {
        let mut cache = Cache::new();
        let long = "sidebar ".repeat(40);
        let values = ["site-footer", "Main-Content", "hid", "", "story-card", "site-footer", "x", long.as_str(), "story-card", "a hid b"];
        for _ in 0..2 {
            for v in values {
                assert_eq!(cache.hints_of(v, hash(v.as_bytes())), hints_of(v), "{v}");
            }
        }
    }

    #[test]
    fn the_hash_reads_every_byte() {
        // Every string of up to nine "a"s and "b"s: whole words and the
        // bytes after them all count.
        let mut seen = std::collections::HashSet::new();
        for len in 0..=9 {
            for bits in 0..1u32 << len {
                let s: Vec<u8> = (0..len).map(|i| if bits >> i & 1 == 1 { b'b' } else { b'a' }).collect();
                assert!(seen.insert(hash(&s)), "{:?}", String::from_utf8_lossy(&s));
            }
        }
    }

}
