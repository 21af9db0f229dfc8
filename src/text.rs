//! Plain text: the article's `textContent`, word counts and reading time.

use crate::article::ReadingTime;

/// Reading speeds in words per minute (fast and slow readers).
const FAST_WPM: usize = 260;
const SLOW_WPM: usize = 180;
/// For scripts written without spaces, characters per "word".
const CHARS_PER_CJK_WORD: usize = 2;

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
        let mut space = at_line_start || self.out.ends_with(' ');
        for c in text.chars() {
            if c.is_whitespace() {
                if !space {
                    self.out.push(' ');
                    space = true;
                }
            } else {
                self.out.push(c);
                space = false;
            }
        }
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
    let mut words = 0;
    let mut cjk = 0;
    for w in text.split_whitespace() {
        let wide = w.chars().filter(|&c| is_cjk(c)).count();
        cjk += wide;
        if wide < w.chars().count() {
            words += 1;
        }
    }
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
mod tests {
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

    #[test]
    fn words_and_time() {
        assert_eq!(word_count("one two  three"), 3);
        assert_eq!(word_count("日本語の文章"), 3);
        assert_eq!(reading_time(0), ReadingTime { min: 0, max: 0 });
        assert_eq!(reading_time(520), ReadingTime { min: 2, max: 3 });
    }
}
