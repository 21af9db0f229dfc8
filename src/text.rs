//! Plain text: the article's `textContent`, word counts and reading time.

use crate::article::ReadingTime;

/// Reading speeds in words per minute (fast and slow readers).
const FAST_WPM: usize = 260;
const SLOW_WPM: usize = 180;
/// For scripts written without spaces, characters per "word".
const CHARS_PER_CJK_WORD: usize = 2;

/// The big buffers (the decoded page, the article's HTML and text) grow by
/// 1/this of their length when full, instead of doubling: they live to the
/// end, and a doubled buffer can be half empty (peak memory is promised at
/// most 3x the page). Copying stays linear overall.
const GROWTH_DIVISOR: usize = 4;

/// Makes room for `needed` more bytes in a big buffer (see [`GROWTH_DIVISOR`]).
pub(crate) fn reserve_gently(s: &mut String, needed: usize) {
    if s.capacity() - s.len() < needed {
        s.reserve_exact(needed.max(s.len() / GROWTH_DIVISOR));
    }
}

/// The character at byte `i` of `s` and its length in bytes. ASCII is read
/// from the byte: text loops are hot, and at opt-level "z" (the WebAssembly
/// build) `Chars` and `char::is_whitespace` are calls, not inlined code.
#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, c.len_utf8())
    }
}

/// `char::is_whitespace`, with ASCII answered inline.
#[inline(always)]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r')
    } else {
        c.is_whitespace()
    }
}

/// Appends `s` with each whitespace run collapsed to one space. `space` says
/// whether `out` already ends where a space would be dropped (after a space,
/// or at the start); the same for the new end is returned.
pub(crate) fn push_collapsed(out: &mut String, s: &str, mut space: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Where the part of `s` that is copied as it is starts: words, and
    // single spaces between them, go out in one piece.
    let mut from = 0;
    while i < bytes.len() {
        // A word: up to the next whitespace character. Only a byte that can
        // start one is looked at twice.
        let word = i;
        while i < bytes.len() && (!MAY_START_SPACE[bytes[i] as usize] || space_len(s, i) == 0) {
            i += 1;
        }
        if i > word {
            space = false;
        }
        if i == bytes.len() {
            break;
        }
        // A run of whitespace.
        let run = i;
        while i < bytes.len() {
            match space_len(s, i) {
                0 => break,
                len => i += len,
            }
        }
        if !space && i - run == 1 && bytes[run] == b' ' {
            space = true;
            continue;
        }
        out.push_str(&s[from..run]);
        if !space {
            out.push(' ');
            space = true;
        }
        from = i;
    }
    out.push_str(&s[from..]);
    space
}

/// Bytes that can start a whitespace character (see [`space_len`]).
pub(crate) static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The length of the whitespace character (`char::is_whitespace`) at byte
/// `i` of `s`, or 0. Past ASCII, whitespace starts only with the lead bytes
/// of U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) and U+3000
/// (E3); continuation bytes are never those, so `i` may be any byte.
#[inline(always)]
fn space_len(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let (c, len) = char_at(s, i);
            if c.is_whitespace() {
                len
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Builds plain text from pieces: text, and breaks between blocks and lines.
#[derive(Default)]
pub(crate) struct PlainText {
    out: String,
    pending: Break,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Break {
    #[default]
    None,
    Line,
    Paragraph,
}

impl PlainText {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        PlainText { out: String::with_capacity(bytes), pending: Break::None }
    }

    pub(crate) fn brk(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    /// Appends text; whitespace collapses unless `preserve`.
    pub(crate) fn push(&mut self, text: &str, preserve: bool) {
        if text.is_empty() {
            return;
        }
        if !preserve && text.trim().is_empty() {
            if !self.out.is_empty() && !self.out.ends_with([' ', '\n']) && self.pending == Break::None {
                self.out.push(' ');
            }
            return;
        }
        if !self.out.is_empty() {
            match self.pending {
                Break::Paragraph => {
                    trim_end_spaces(&mut self.out);
                    self.out.push_str("\n\n");
                }
                Break::Line => {
                    trim_end_spaces(&mut self.out);
                    self.out.push('\n');
                }
                Break::None => {}
            }
        }
        let at_line_start = self.out.is_empty() || self.out.ends_with('\n');
        self.pending = Break::None;
        if preserve {
            self.out.push_str(text);
            return;
        }
        let space = at_line_start || self.out.ends_with(' ');
        push_collapsed(&mut self.out, text, space);
    }

    pub(crate) fn finish(mut self) -> String {
        trim_end_spaces(&mut self.out);
        let trimmed = self.out.trim_end_matches('\n').len();
        self.out.truncate(trimmed);
        self.out.shrink_to_fit();
        self.out
    }
}

fn trim_end_spaces(s: &mut String) {
    let t = s.trim_end_matches(' ').len();
    s.truncate(t);
}

/// Words in `text`; CJK characters count as half a word each.
pub(crate) fn word_count(text: &str) -> usize {
    let (mut words, mut cjk) = (0usize, 0usize);
    // Whether the current word has a character that is not CJK.
    let mut spaced = false;
    let mut i = 0;
    while i < text.len() {
        let (c, len) = char_at(text, i);
        if is_space(c) {
            words += usize::from(spaced);
            spaced = false;
        } else if is_cjk(c) {
            cjk += 1;
        } else {
            spaced = true;
        }
        i += len;
    }
    words += usize::from(spaced);
    words + cjk.div_ceil(CHARS_PER_CJK_WORD)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

pub(crate) fn reading_time(words: usize) -> ReadingTime {
    if words == 0 {
        return ReadingTime::default();
    }
    ReadingTime { min: words.div_ceil(FAST_WPM).max(1) as u32, max: words.div_ceil(SLOW_WPM).max(1) as u32 }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn plain_text_breaks_and_spaces() {
        let mut p = PlainText::default();
        p.push("  Hello  ", false);
        p.push("world ", false);
        p.brk(Break::Paragraph);
        p.push("Second", false);
        p.brk(Break::Line);
        p.push("line", false);
        p.brk(Break::Paragraph);
        p.push("  a\n  b", true);
        assert_eq!(p.finish(), "Hello world\n\nSecond\nline\n\n  a\n  b");
    }

    /// Every string of at most `max_len` characters of `alphabet`, the
    /// empty one too: tests compare fast text loops with their definitions
    /// on all of them.
    pub(crate) fn every_string(alphabet: &[char], max_len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = all.clone();
        for _ in 0..max_len {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// Awkward text: Unicode spaces (no-break, ideographic, line separator),
    /// the ASCII vertical tab, CJK, combining marks, runs at both ends.
    const SAMPLES: &[&str] = &[
        "", " ", "a", "  two  words ", "tab\tand\nnew\x0bline\x0c\r", "no\u{a0}break\u{3000}全角\u{2028}x",
        "日本語の文章 and English", "e\u{301}te\u{301}  ", "\u{85}next-line\u{200b}zero-width", "mixed日本abc 語",
    ];

    #[test]
    fn collapsing_matches_char_by_char_collapsing() {
        // Every string of up to five of these characters: spaces and
        // non-spaces of each UTF-8 width, and non-spaces whose lead byte
        // starts whitespace too (– and € share E2 with U+2000–U+205F).
        const ALPHABET: [char; 8] = [' ', 'a', '\n', '\u{a0}', '–', 'é', '\u{3000}', '€'];
        let generated = every_string(&ALPHABET, 5);
        for s in SAMPLES.iter().copied().chain(generated.iter().map(String::as_str)) {
            for start_space in [false, true] {
                let mut expected = String::from("x");
                let mut space = start_space;
                for c in s.chars() {
                    if c.is_whitespace() {
                        if !space {
                            expected.push(' ');
                            space = true;
                        }
                    } else {
                        expected.push(c);
                        space = false;
                    }
                }
                let mut out = String::from("x");
                assert_eq!(push_collapsed(&mut out, s, start_space), space, "{s:?}");
                assert_eq!(out, expected, "{s:?}");
            }
        }
    }

    #[test]
    fn word_count_matches_its_definition() {
        for s in SAMPLES {
            let words = s.split_whitespace().filter(|w| w.chars().any(|c| !is_cjk(c))).count();
            let cjk = s.chars().filter(|&c| is_cjk(c)).count();
            assert_eq!(word_count(s), words + cjk.div_ceil(CHARS_PER_CJK_WORD), "{s:?}");
        }
    }

    #[test]
    fn gentle_growth_adds_a_quarter() {
        let mut s = String::with_capacity(1000);
        s.push_str(&"a".repeat(1000));
        reserve_gently(&mut s, 10);
        assert!(s.capacity() >= 1250 && s.capacity() < 2000, "{}", s.capacity());
        let before = s.capacity();
        reserve_gently(&mut s, 10);
        assert_eq!(s.capacity(), before, "room left: no growth");
    }

    #[test]
    fn words_and_time() {
        assert_eq!(word_count("one two  three"), 3);
        assert_eq!(word_count("日本語の文章"), 3);
        assert_eq!(reading_time(0), ReadingTime { min: 0, max: 0 });
        assert_eq!(reading_time(520), ReadingTime { min: 2, max: 3 });
    }
}
