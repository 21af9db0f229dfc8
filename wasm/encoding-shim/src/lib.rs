//! A stand-in for `encoding_rs` in decant's WebAssembly build.
//!
//! lol_html links every decoder and encoder of `encoding_rs`, and their
//! tables are two thirds of a gzipped build. In a browser or Node.js the
//! platform's `TextDecoder` decodes legacy encodings, so the wasm build
//! decodes them there (decant's `wasm.rs`) and hands the core UTF-8 only.
//! This crate keeps the part of `encoding_rs`'s API that lol_html and
//! decant use, with every WHATWG label and name, and real UTF-8 decoding;
//! other encodings decode non-ASCII bytes to U+FFFD. It is used only
//! through `[patch.crates-io]` in `wasm/Cargo.toml`.

use std::borrow::Cow;

mod labels;
pub use labels::*;

/// An encoding, known by its WHATWG name.
pub struct Encoding {
    name: &'static str,
}

impl Encoding {
    pub(crate) const fn new(name: &'static str) -> Encoding {
        Encoding { name }
    }

    pub fn name(&'static self) -> &'static str {
        self.name
    }

    /// UTF-16, ISO-2022-JP and "replacement" are not ASCII-compatible.
    pub fn is_ascii_compatible(&'static self) -> bool {
        !matches!(self.name, "UTF-16LE" | "UTF-16BE" | "ISO-2022-JP" | "replacement")
    }

    /// The encoding for a WHATWG label (`"latin1"`, `" UTF8 "`).
    pub fn for_label(label: &[u8]) -> Option<&'static Encoding> {
        let trimmed = trim(label);
        if trimmed.len() > 32 {
            return None;
        }
        let lower = trimmed.to_ascii_lowercase();
        let lower = std::str::from_utf8(&lower).ok()?;
        let at = LABELS.binary_search_by(|(l, _)| (*l).cmp(lower)).ok()?;
        let name = LABELS[at].1;
        ALL.iter().copied().find(|e| e.name == name)
    }

    /// `for_label`, but `None` for labels of the "replacement" encoding.
    pub fn for_label_no_replacement(label: &[u8]) -> Option<&'static Encoding> {
        Self::for_label(label).filter(|e| e.name != "replacement")
    }

    /// The encoding a byte order mark names, and the mark's length.
    pub fn for_bom(buffer: &[u8]) -> Option<(&'static Encoding, usize)> {
        if buffer.starts_with(b"\xEF\xBB\xBF") {
            Some((UTF_8, 3))
        } else if buffer.starts_with(b"\xFF\xFE") {
            Some((UTF_16LE, 2))
        } else if buffer.starts_with(b"\xFE\xFF") {
            Some((UTF_16BE, 2))
        } else {
            None
        }
    }

    /// How many leading bytes are ASCII.
    pub fn ascii_valid_up_to(bytes: &[u8]) -> usize {
        bytes.iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len())
    }

    pub fn new_decoder_without_bom_handling(&'static self) -> Decoder {
        Decoder { encoding: self, pending: Vec::new() }
    }

    pub fn new_encoder(&'static self) -> Encoder {
        Encoder
    }

    pub fn output_encoding(&'static self) -> &'static Encoding {
        if self.is_ascii_compatible() {
            self
        } else {
            UTF_8
        }
    }

    /// Encodes `string`. Only UTF-8 is written as is; other encodings get
    /// `?` for non-ASCII characters, reported as unmappable.
    pub fn encode<'a>(&'static self, string: &'a str) -> (Cow<'a, [u8]>, &'static Encoding, bool) {
        let output = self.output_encoding();
        if output == UTF_8 || string.is_ascii() {
            return (Cow::Borrowed(string.as_bytes()), output, false);
        }
        let bytes = string.chars().map(|c| if c.is_ascii() { c as u8 } else { b'?' }).collect();
        (Cow::Owned(bytes), output, true)
    }

    /// Decodes `bytes` whole (a byte order mark is not removed).
    pub fn decode<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, &'static Encoding, bool) {
        let (s, replaced) = self.decode_without_bom_handling(bytes);
        (s, self, replaced)
    }

    pub fn decode_without_bom_handling<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
        if self == UTF_8 || bytes.is_ascii() {
            let s = String::from_utf8_lossy(bytes);
            let replaced = matches!(s, Cow::Owned(_));
            return (s, replaced);
        }
        let mut out = String::new();
        let mut d = self.new_decoder_without_bom_handling();
        let (_, _, replaced) = d.decode_to_string(bytes, &mut out, true);
        (Cow::Owned(out), replaced)
    }
}

impl PartialEq for Encoding {
    fn eq(&self, other: &Encoding) -> bool {
        self.name == other.name
    }
}

impl Eq for Encoding {}

impl std::hash::Hash for Encoding {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl std::fmt::Debug for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoding {{ {} }}", self.name)
    }
}

fn trim(label: &[u8]) -> &[u8] {
    let start = label.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')).unwrap_or(label.len());
    let end = label.iter().rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')).map_or(start, |e| e + 1);
    &label[start..end]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoderResult {
    InputEmpty,
    OutputFull,
}

/// A streaming decoder. UTF-8 (and, as for all encodings, ASCII) is decoded
/// exactly, invalid sequences becoming U+FFFD; other non-ASCII bytes too.
pub struct Decoder {
    encoding: &'static Encoding,
    /// The start of a UTF-8 sequence cut off by the end of the last input.
    pending: Vec<u8>,
}

impl Decoder {
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    pub fn max_utf8_buffer_length(&self, byte_length: usize) -> Option<usize> {
        byte_length.checked_add(self.pending.len())?.checked_mul(3)?.checked_add(4)
    }

    /// Decodes into `dst`, which may grow as needed: always `InputEmpty`.
    pub fn decode_to_string(&mut self, src: &[u8], dst: &mut String, last: bool) -> (CoderResult, usize, bool) {
        let mut replaced = false;
        self.decode(src, last, usize::MAX, &mut |piece, r| {
            dst.push_str(piece);
            replaced |= r;
        });
        (CoderResult::InputEmpty, src.len(), replaced)
    }

    /// Decodes into the fixed buffer `dst`; `OutputFull` when it is full.
    pub fn decode_to_str(&mut self, src: &[u8], dst: &mut str, last: bool) -> (CoderResult, usize, usize, bool) {
        let mut written = 0;
        let mut replaced = false;
        // SAFETY: only whole UTF-8 pieces are copied in, so `dst` stays valid.
        let out = unsafe { dst.as_bytes_mut() };
        let read = self.decode(src, last, out.len(), &mut |piece, r| {
            out[written..written + piece.len()].copy_from_slice(piece.as_bytes());
            written += piece.len();
            replaced |= r;
        });
        let result = if read < src.len() { CoderResult::OutputFull } else { CoderResult::InputEmpty };
        (result, read, written, replaced)
    }

    /// Decodes up to `room` bytes of output, calling `emit(piece, replaced)`;
    /// returns how many bytes of `src` were used.
    fn decode(&mut self, src: &[u8], last: bool, room: usize, emit: &mut dyn FnMut(&str, bool)) -> usize {
        if self.pending.is_empty() {
            let (read, rest) = decode_slice(src, self.encoding == UTF_8, last, room, emit);
            self.pending.extend_from_slice(rest);
            return read;
        }
        // A sequence was cut off last time: decode it together with this input.
        let held = self.pending.len();
        let mut combined = std::mem::take(&mut self.pending);
        combined.extend_from_slice(src);
        let (read, rest) = decode_slice(&combined, self.encoding == UTF_8, last, room, emit);
        if read < held {
            self.pending = combined[read..held].to_vec();
            return 0;
        }
        self.pending.extend_from_slice(rest);
        read - held
    }
}

/// Decodes `src` into at most `room` bytes; returns the bytes used (a cut-off
/// sequence at the end included) and that cut-off sequence, to keep.
fn decode_slice<'a>(src: &'a [u8], utf8: bool, last: bool, room: usize, emit: &mut dyn FnMut(&str, bool)) -> (usize, &'a [u8]) {
    let mut room = room;
    let mut read = 0;
    let mut rest = src;
    while !rest.is_empty() {
        // Only what can fit is checked: lol_html decodes a long text through
        // a small buffer, and checking all the rest on every call made that
        // quadratic. A sequence cut by the window leaves more valid bytes
        // than fit (a sequence is at most 4 bytes), so it ends the call
        // below before it could be taken for an error.
        let window = &rest[..rest.len().min(room.saturating_add(4))];
        let (good, bad) = if utf8 {
            match std::str::from_utf8(window) {
                Ok(s) => (s.len(), None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            }
        } else {
            let ascii = Encoding::ascii_valid_up_to(window);
            (ascii, if ascii < window.len() { Some(Some(1)) } else { None })
        };
        let take = floor_char_boundary(&rest[..good], room);
        if take > 0 {
            // SAFETY: `rest[..good]` is valid UTF-8 and `take` a boundary in it.
            emit(unsafe { std::str::from_utf8_unchecked(&rest[..take]) }, false);
            room -= take;
            read += take;
            rest = &rest[take..];
        }
        if take < good {
            return (read, &[]);
        }
        match bad {
            None => break,
            Some(None) if !last => return (read + rest.len(), rest),
            Some(len) => {
                if room < 3 {
                    return (read, &[]);
                }
                emit("\u{FFFD}", true);
                room -= 3;
                let len = len.unwrap_or(rest.len());
                read += len;
                rest = &rest[len..];
            }
        }
    }
    (read, &[])
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The largest char boundary of valid UTF-8 `bytes` at or below `max`.
fn floor_char_boundary(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let mut at = max;
    while at > 0 && is_continuation(bytes[at]) {
        at -= 1;
    }
    at
}

/// An encoder: UTF-8 out, as lol_html writes for UTF-8 pages.
pub struct Encoder;

impl Encoder {
    pub fn has_pending_state(&self) -> bool {
        false
    }

    pub fn encode_from_utf8(&mut self, src: &str, dst: &mut [u8], _last: bool) -> (CoderResult, usize, usize, bool) {
        let take = floor_char_boundary(src.as_bytes(), dst.len());
        dst[..take].copy_from_slice(&src.as_bytes()[..take]);
        let result = if take < src.len() { CoderResult::OutputFull } else { CoderResult::InputEmpty };
        (result, take, take, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_chunks(bytes: &[u8], size: usize) -> String {
        let mut d = UTF_8.new_decoder_without_bom_handling();
        let mut out = String::new();
        let chunks: Vec<&[u8]> = bytes.chunks(size.max(1)).collect();
        for (i, c) in chunks.iter().enumerate() {
            d.decode_to_string(c, &mut out, i + 1 == chunks.len());
        }
        if chunks.is_empty() {
            d.decode_to_string(&[], &mut out, true);
        }
        out
    }

    #[test]
    fn utf8_in_any_chunking_matches_lossy_decoding() {
        let samples: [&[u8]; 4] = ["Grüße, 日本, 😀".as_bytes(), b"a\xFFb\xC3", b"\xE6\x97", b"ok \xF0\x9F\x98\x80 \xED\xA0\x80 end"];
        for s in samples {
            let want = String::from_utf8_lossy(s);
            for size in 1..6 {
                assert_eq!(decode_chunks(s, size), want, "{s:?} in {size}-byte chunks");
            }
        }
    }

    #[test]
    fn fixed_buffers_fill_at_char_boundaries() {
        let text = "ab日本語cd".as_bytes();
        let mut d = UTF_8.new_decoder_without_bom_handling();
        let mut out = String::new();
        let mut rest = text;
        loop {
            let mut buf = String::from("\0\0\0\0");
            let (r, read, written, _) = d.decode_to_str(rest, &mut buf, true);
            out.push_str(&buf[..written]);
            rest = &rest[read..];
            if r == CoderResult::InputEmpty {
                break;
            }
        }
        assert_eq!(out, "ab日本語cd");
    }

    /// Chunks of `size` bytes, each drained through buffers of `room` bytes,
    /// as lol_html's text decoder does.
    fn decode_through_buffers(bytes: &[u8], size: usize, room: usize) -> String {
        let mut d = UTF_8.new_decoder_without_bom_handling();
        let mut out = String::new();
        let chunks: Vec<&[u8]> = bytes.chunks(size).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            let mut rest = *chunk;
            loop {
                let mut buf = "\0".repeat(room);
                let (r, read, written, _) = d.decode_to_str(rest, &mut buf, i + 1 == chunks.len());
                out.push_str(&buf[..written]);
                rest = &rest[read..];
                if r == CoderResult::InputEmpty {
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn small_buffers_over_long_and_broken_text_match_lossy_decoding() {
        let long = "Grüße aus 日本 😀 ".repeat(40);
        let samples: [&[u8]; 4] = [long.as_bytes(), b"a\xFFb\xC3", b"ok \xF0\x9F\x98\x80 \xED\xA0\x80 end \xE6\x97", b"\xF0\x9F\x98"];
        for s in samples {
            let want = String::from_utf8_lossy(s);
            for size in [1, 2, 3, 7, 64, s.len()] {
                for room in [4, 5, 6, 9, 1024] {
                    assert_eq!(decode_through_buffers(s, size, room), want, "{size}-byte chunks, {room}-byte buffers");
                }
            }
        }
    }

    #[test]
    fn labels_names_and_boms() {
        assert_eq!(Encoding::for_label(b" Latin1 ").map(|e| e.name()), Some("windows-1252"));
        assert_eq!(Encoding::for_label(b"shift_jis").map(|e| e.name()), Some("Shift_JIS"));
        assert_eq!(Encoding::for_label(b"utf8"), Some(UTF_8));
        assert_eq!(Encoding::for_label(b"no-such-label"), None);
        assert_eq!(Encoding::for_label_no_replacement(b"iso-2022-kr"), None);
        assert!(!UTF_16LE.is_ascii_compatible() && WINDOWS_1252.is_ascii_compatible());
        assert_eq!(Encoding::for_bom(b"\xFF\xFEx"), Some((UTF_16LE, 2)));
        assert_eq!(UTF_8.encode("é").0.as_ref(), "é".as_bytes());
    }
}
