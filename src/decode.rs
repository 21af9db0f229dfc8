//! Bytes in, UTF-8 out: decide a page's encoding and decode it incrementally.
//!
//! The order of evidence, strongest first:
//! 1. a byte order mark;
//! 2. the bytes themselves when they are valid UTF-8 with multi-byte
//!    sequences (a wrong `<meta charset>` must not turn them into mojibake);
//! 3. the caller's hint (e.g. an HTTP `Content-Type`), else a `<meta charset>`
//!    or `http-equiv` declaration in the first 1024 bytes, else one later in
//!    the ASCII text before the first non-ASCII byte (a browser meeting such
//!    a late declaration switches to it; nothing decoded before differs);
//! 4. windows-1252, the web's default for undeclared pages.
//!
//! ASCII decodes the same in every encoding we pick, so bytes are passed on
//! as soon as they arrive up to the first non-ASCII byte; only then do we
//! wait for a window of text to judge it.

use crate::options::{DecoderFactory, ExternalDecoder};
use crate::Error;
use encoding_rs::{CoderResult, Decoder as EncodingDecoder, Encoding, ISO_2022_JP, UTF_8, WINDOWS_1252};

/// How much of the page the `<meta charset>` prescan looks at (as browsers do).
const PRESCAN_BYTES: usize = 1024;
/// How far a late `<meta charset>` is looked for, when the prescan found none.
const LATE_PRESCAN_BYTES: usize = 64 * 1024;
/// How many bytes after the first non-ASCII byte are judged for UTF-8 validity.
const JUDGE_WINDOW: usize = 16 * 1024;
/// Share of control characters above which a prefix is binary, not text.
const MAX_CONTROL_SHARE: f32 = 0.1;
/// Valid multi-byte sequences per invalid one for UTF-8 to win over a
/// declared UTF-8 page that has a few stray bytes.
const MOSTLY_UTF8_RATIO: usize = 4;

pub(crate) struct Decoder {
    hint: Option<&'static Encoding>,
    factory: Option<DecoderFactory>,
    /// Bytes not decoded yet (the encoding is still open).
    pending: Vec<u8>,
    prescanned: bool,
    decoder: Option<Active>,
    encoding: Option<&'static Encoding>,
    /// Where the ASCII text passed on before deciding starts in `out`.
    ascii_start: Option<usize>,
    /// A page given as text whose start is not checked for binary junk
    /// yet (as for bytes, once its first `PRESCAN_BYTES` are in, or at the end).
    text_unchecked: bool,
}

impl Decoder {
    pub(crate) fn new(hint: Option<&'static Encoding>, factory: Option<DecoderFactory>) -> Self {
        Decoder { hint, factory, pending: Vec::new(), prescanned: false, decoder: None, encoding: None, ascii_start: None, text_unchecked: false }
    }

    /// The encoding chosen, once it has been decided.
    #[cfg(test)]
    pub(crate) fn encoding(&self) -> Option<&'static Encoding> {
        self.encoding
    }

    /// Decodes `input`, appending UTF-8 to `out`.
    pub(crate) fn write(&mut self, mut input: &[u8], out: &mut String) -> Result<(), Error> {
        // While the encoding is open, buffer a window at a time, so that a
        // big first chunk is not copied whole into `pending`.
        while self.decoder.is_none() && !input.is_empty() {
            let take = input.len().min(PRESCAN_BYTES + JUDGE_WINDOW);
            self.pending.extend_from_slice(&input[..take]);
            input = &input[take..];
            self.try_decide(false, out)?;
        }
        if let Some(decoder) = &mut self.decoder {
            decode_into(decoder, input, false, out);
        }
        Ok(())
    }

    /// Takes text that is decoded already (a JavaScript string): there is no
    /// encoding to decide, so neither a `<meta charset>` nor the caller's
    /// hint applies. As the whole page it becomes `out` without a copy.
    pub(crate) fn write_text(&mut self, text: String, out: &mut String) -> Result<(), Error> {
        if self.decoder.is_none() && self.pending.is_empty() && out.is_empty() {
            self.text_unchecked = true;
            self.start(UTF_8, out);
            match text.strip_prefix('\u{feff}') {
                Some(rest) => out.push_str(rest),
                None => *out = text,
            }
        } else {
            // More text (as UTF-8), or text after bytes: it joins them, and
            // bytes decide the encoding.
            self.write(text.as_bytes(), out)?;
        }
        if out.len() >= PRESCAN_BYTES {
            self.check_text(out)?;
        }
        Ok(())
    }

    /// Checks the start of a page given as text, once.
    fn check_text(&mut self, out: &str) -> Result<(), Error> {
        if std::mem::take(&mut self.text_unchecked) {
            not_binary(&out.as_bytes()[..out.len().min(PRESCAN_BYTES)])?;
        }
        Ok(())
    }

    /// Flushes everything still buffered.
    pub(crate) fn finish(&mut self, out: &mut String) -> Result<(), Error> {
        self.check_text(out)?;
        if self.decoder.is_none() {
            self.try_decide(true, out)?;
        }
        if let Some(decoder) = &mut self.decoder {
            decode_into(decoder, &[], true, out);
        }
        Ok(())
    }

    fn try_decide(&mut self, last: bool, out: &mut String) -> Result<(), Error> {
        if !self.prescanned {
            if self.pending.len() < PRESCAN_BYTES && !last {
                return Ok(());
            }
            self.prescanned = true;
            let prefix = &self.pending[..self.pending.len().min(PRESCAN_BYTES)];
            not_binary(prefix)?;
            if let Some((encoding, bom_len)) = Encoding::for_bom(prefix) {
                self.pending.drain(..bom_len);
                self.start(encoding, out);
                return Ok(());
            }
            if self.hint.is_none() {
                self.hint = prescan(prefix);
            }
            if let Some(hint) = self.hint.filter(|e| !e.is_ascii_compatible() || *e == ISO_2022_JP) {
                // Escape-based encodings use ASCII bytes for other characters.
                self.start(hint, out);
                return Ok(());
            }
        }
        let ascii_len = self.pending.iter().position(|b| !b.is_ascii()).unwrap_or(self.pending.len());
        self.ascii_start.get_or_insert(out.len());
        out.push_str(std::str::from_utf8(&self.pending[..ascii_len]).unwrap_or_default());
        self.pending.drain(..ascii_len);
        if self.pending.len() >= JUDGE_WINDOW || last {
            if self.hint.is_none() {
                let ascii = out.get(self.ascii_start.unwrap_or(out.len())..).unwrap_or("").as_bytes();
                let ascii = &ascii[..ascii.len().min(LATE_PRESCAN_BYTES)];
                self.hint = prescan(ascii).filter(|e| e.is_ascii_compatible() && *e != ISO_2022_JP);
            }
            let window = &self.pending[..self.pending.len().min(JUDGE_WINDOW)];
            let encoding = if window.is_empty() { self.hint.unwrap_or(UTF_8) } else { choose(window, self.hint, last) };
            self.start(encoding, out);
        }
        Ok(())
    }

    fn start(&mut self, encoding: &'static Encoding, out: &mut String) {
        let external = if encoding == UTF_8 { None } else { self.factory.and_then(|f| f(encoding.name())) };
        let mut decoder = match external {
            Some(d) => Active::External(d),
            None => Active::Builtin(encoding.new_decoder_without_bom_handling()),
        };
        decode_into(&mut decoder, &self.pending, false, out);
        self.pending = Vec::new();
        self.decoder = Some(decoder);
        self.encoding = Some(encoding);
    }
}

/// Decodes in pieces of this many bytes: the worst-case output size that
/// `encoding_rs` asks room for (3 bytes per byte for single-byte
/// encodings) is then reserved for one piece, not for the whole page.
const DECODE_PIECE: usize = 64 * 1024;

/// The decoder in use: encoding_rs's, or one from the options' factory.
enum Active {
    Builtin(EncodingDecoder),
    External(Box<dyn ExternalDecoder>),
}

fn decode_into(decoder: &mut Active, input: &[u8], last: bool, out: &mut String) {
    let decoder = match decoder {
        Active::Builtin(d) => d,
        Active::External(d) => return d.decode(input, last, out),
    };
    let mut pieces = input.chunks(DECODE_PIECE).peekable();
    if pieces.peek().is_none() {
        decode_piece(decoder, input, last, out);
    }
    while let Some(piece) = pieces.next() {
        decode_piece(decoder, piece, last && pieces.peek().is_none(), out);
    }
}

fn decode_piece(decoder: &mut EncodingDecoder, mut input: &[u8], last: bool, out: &mut String) {
    loop {
        let needed = decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
        crate::text::reserve_gently(out, needed);
        let (result, read, _) = decoder.decode_to_string(input, out, last);
        input = &input[read..];
        if result == CoderResult::InputEmpty {
            return;
        }
    }
}

/// Picks the encoding for a page whose first non-ASCII bytes are `window`.
fn choose(window: &[u8], declared: Option<&'static Encoding>, at_end: bool) -> &'static Encoding {
    let (valid, invalid) = utf8_evidence(window, at_end);
    let declared_utf8 = declared.is_none_or(|e| e == UTF_8);
    if invalid == 0 || (declared_utf8 && declared.is_some() && valid >= MOSTLY_UTF8_RATIO * invalid) {
        return UTF_8;
    }
    match declared {
        Some(e) if e != UTF_8 => e,
        _ => WINDOWS_1252,
    }
}

/// Counts valid multi-byte UTF-8 sequences and invalid ones in `bytes`. A
/// sequence cut off by the end of the window is not held against it.
fn utf8_evidence(mut bytes: &[u8], at_end: bool) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                valid += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                match e.error_len() {
                    Some(len) => {
                        invalid += 1;
                        bytes = &bytes[e.valid_up_to() + len..];
                    }
                    None => {
                        if at_end {
                            invalid += 1;
                        }
                        return (valid, invalid);
                    }
                }
            }
        }
    }
}

fn not_binary(prefix: &[u8]) -> Result<(), Error> {
    if looks_binary(prefix) {
        return Err(Error::NotHtml("the input is binary data, not text".into()));
    }
    Ok(())
}

/// True for data that is clearly not text: NUL bytes or many control characters.
pub(crate) fn looks_binary(prefix: &[u8]) -> bool {
    if prefix.is_empty() || Encoding::for_bom(prefix).is_some_and(|(e, _)| e != UTF_8) {
        return false;
    }
    if prefix.contains(&0) {
        return true;
    }
    let controls = prefix
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c' | 0x1b))
        .count();
    controls as f32 > prefix.len() as f32 * MAX_CONTROL_SHARE
}

/// The WHATWG "prescan a byte stream to determine its encoding", simplified:
/// the first `<meta charset>` or `<meta http-equiv=content-type content=...>`.
pub(crate) fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"<!--") {
            i += find(&bytes[i + 4..], b"-->").map_or(bytes.len(), |p| p + 7);
            continue;
        }
        if bytes[i] == b'<' && bytes.len() >= i + 6 && bytes[i + 1..i + 5].eq_ignore_ascii_case(b"meta") {
            let after = bytes[i + 5];
            if after.is_ascii_whitespace() || after == b'/' {
                let (attrs, end) = meta_attributes(&bytes[i + 5..]);
                if let Some(enc) = charset_from_meta(&attrs) {
                    return Some(enc);
                }
                i += 5 + end;
                continue;
            }
        }
        i += 1;
    }
    None
}

fn charset_from_meta(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let label = match get("charset") {
        Some(c) => c.to_string(),
        None if get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type")) => {
            let content = get("content")?.to_ascii_lowercase();
            let at = content.find("charset")?;
            let value = content[at + 7..].trim_start().strip_prefix('=')?.trim_start();
            value.trim_matches(|c| c == '"' || c == '\'').split([';', ' ', '"', '\'']).next()?.to_string()
        }
        None => return None,
    };
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    // The standard maps these declarations to UTF-8 / windows-1252.
    Some(match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => WINDOWS_1252,
        _ => encoding,
    })
}

/// Reads `name=value` pairs up to the closing `>`; returns them and the
/// number of bytes used.
fn meta_attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let skip = |i: &mut usize, f: &dyn Fn(u8) -> bool| {
        while *i < bytes.len() && f(bytes[*i]) {
            *i += 1;
        }
    };
    loop {
        skip(&mut i, &|b| b.is_ascii_whitespace() || b == b'/');
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        skip(&mut i, &|b| !b.is_ascii_whitespace() && b != b'=' && b != b'>' && b != b'/');
        let name = String::from_utf8_lossy(&bytes[start..i]).to_ascii_lowercase();
        skip(&mut i, &|b| b.is_ascii_whitespace());
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            skip(&mut i, &|b| b.is_ascii_whitespace());
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let v = i + 1;
                i = v + bytes[v..].iter().position(|&b| b == quote).unwrap_or(bytes.len() - v);
                value = String::from_utf8_lossy(&bytes[v..i]).into_owned();
                i += 1;
            } else {
                let v = i;
                skip(&mut i, &|b| !b.is_ascii_whitespace() && b != b'>');
                value = String::from_utf8_lossy(&bytes[v..i]).into_owned();
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            attrs.push((name, value));
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> (String, &'static str) {
        let mut d = Decoder::new(None, None);
        let mut out = String::new();
        for c in bytes.chunks(chunk.max(1)) {
            d.write(c, &mut out).unwrap();
        }
        d.finish(&mut out).unwrap();
        (out, d.encoding().unwrap().name())
    }

    #[test]
    fn text_is_taken_as_it_is() {
        // A declaration and a hint are moot for text; the page is not copied.
        let page = "\u{feff}<meta charset=windows-1252><p>Größe</p>".to_string();
        let mut d = Decoder::new(Some(encoding_rs::SHIFT_JIS), None);
        let mut out = String::new();
        d.write_text(page, &mut out).unwrap();
        d.write_text("<p>日本</p>".into(), &mut out).unwrap();
        d.finish(&mut out).unwrap();
        assert_eq!(out, "<meta charset=windows-1252><p>Größe</p><p>日本</p>");
        let page = "<p>Größe</p>".to_string();
        let at = page.as_ptr();
        let mut out = String::new();
        Decoder::new(None, None).write_text(page, &mut out).unwrap();
        assert_eq!(out.as_ptr(), at);
        // Binary junk is judged on the page's start, however it is cut.
        let junk: String = (0..64u8).map(char::from).collect();
        let judge = |chunks: &[String]| {
            let (mut d, mut out) = (Decoder::new(None, None), String::new());
            chunks.iter().try_for_each(|c| d.write_text(c.clone(), &mut out)).and_then(|()| d.finish(&mut out))
        };
        assert!(matches!(judge(&[junk.clone()]), Err(Error::NotHtml(_))));
        assert!(matches!(judge(&["<html>".into(), junk]), Err(Error::NotHtml(_))));
        let page = format!("<html><body>{}</body></html>", "<p>Text.</p>".repeat(200));
        assert!(judge(&["\x01".into(), page.clone()]).is_ok());
        assert!(judge(&["\x01".into(), page[..20].into(), page[20..].into()]).is_ok());
    }

    #[test]
    fn utf8_without_declaration() {
        let page = "<p>Größe – naïve 日本</p>".as_bytes();
        for chunk in [1, 3, 7, 4096] {
            assert_eq!(decode_all(page, chunk), ("<p>Größe – naïve 日本</p>".to_string(), "UTF-8"));
        }
    }

    #[test]
    fn declared_legacy_encodings() {
        let mut page = b"<meta charset=\"windows-1252\"><p>Gr".to_vec();
        page.extend_from_slice(&[0xF6, 0xDF, b'e', 0x80]);
        assert_eq!(decode_all(&page, 5).0, "<meta charset=\"windows-1252\"><p>Größe€");

        let mut sjis = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>".to_vec();
        sjis.extend_from_slice(&[0x93, 0xfa, 0x96, 0x7b]);
        let (text, enc) = decode_all(&sjis, 2);
        assert_eq!(enc, "Shift_JIS");
        assert!(text.ends_with("日本"));
    }

    #[test]
    fn a_late_declaration_in_the_ascii_prefix_counts() {
        // A long script pushes the declaration past the 1024-byte prescan;
        // browsers still switch to it when they meet it.
        let mut page = format!("<head><script>{}</script><meta charset=windows-1250></head><p>", "x".repeat(2000)).into_bytes();
        page.extend_from_slice(&[0xB3, 0xB9]);
        for chunk in [7, 4096] {
            let (text, enc) = decode_all(&page, chunk);
            assert_eq!(enc, "windows-1250");
            assert!(text.ends_with("łą"));
        }
    }

    #[test]
    fn a_declaration_behind_injected_scripts_counts() {
        let mut page = format!("<script>{}</script><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><p>", "x".repeat(2000)).into_bytes();
        page.extend_from_slice(&[0xD6, 0xD0, 0xCE, 0xC4]);
        for chunk in [7, 4096] {
            let (text, enc) = decode_all(&page, chunk);
            assert_eq!(enc, "GBK");
            assert!(text.ends_with("<p>中文"), "{text}");
        }
    }

    #[test]
    fn valid_utf8_beats_a_wrong_declaration() {
        let page = "<meta charset=iso-8859-1><p>Größe</p>".as_bytes();
        assert_eq!(decode_all(page, 3), ("<meta charset=iso-8859-1><p>Größe</p>".to_string(), "UTF-8"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        let page = [b'<', b'p', b'>', 0xE9, b't', 0xE9];
        assert_eq!(decode_all(&page, 1), ("<p>été".to_string(), "windows-1252"));
    }

    #[test]
    fn byte_order_marks() {
        let mut le = vec![0xFF, 0xFE];
        for u in "<p>hé</p>".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_all(&le, 3), ("<p>hé</p>".to_string(), "UTF-16LE"));
        let bom8 = b"\xEF\xBB\xBF<p>x</p>";
        assert_eq!(decode_all(bom8, 2), ("<p>x</p>".to_string(), "UTF-8"));
    }

    #[test]
    fn a_big_first_chunk_decodes_like_small_ones() {
        // Longer than the prescan and judge windows and than a decode piece,
        // with the first non-ASCII byte late, a split multi-byte character
        // at the piece boundary, and a legacy page.
        let mut utf8 = b"<p>".to_vec();
        utf8.extend(std::iter::repeat_n(b'a', DECODE_PIECE - 4));
        utf8.extend("é日本".repeat(30_000).as_bytes());
        let mut latin = b"<meta charset=iso-8859-2><p>".to_vec();
        latin.extend(std::iter::repeat_n(0xB1u8, 200_000));
        for page in [utf8, latin] {
            let whole = decode_all(&page, page.len());
            for chunk in [1, 1000, 17_000, 70_000] {
                assert_eq!(decode_all(&page, chunk), whole, "chunk {chunk}");
            }
        }
    }

    #[test]
    fn a_factory_decodes_legacy_encodings_but_not_utf8() {
        /// Decodes windows-1252's 0xE9 as "[é]", to be recognised.
        struct Marked;
        impl ExternalDecoder for Marked {
            fn decode(&mut self, bytes: &[u8], _last: bool, out: &mut String) {
                for &b in bytes {
                    if b == 0xE9 {
                        out.push_str("[é]");
                    } else {
                        out.push(b as char);
                    }
                }
            }
        }
        fn factory(name: &str) -> Option<Box<dyn ExternalDecoder>> {
            (name == "windows-1252").then(|| Box::new(Marked) as Box<dyn ExternalDecoder>)
        }
        let run = |page: &[u8]| {
            let mut d = Decoder::new(None, Some(factory));
            let mut out = String::new();
            for c in page.chunks(3) {
                d.write(c, &mut out).unwrap();
            }
            d.finish(&mut out).unwrap();
            out
        };
        assert_eq!(run(b"<p>caf\xE9 x"), "<p>caf[é] x");
        assert_eq!(run("<p>café".as_bytes()), "<p>café");
    }

    #[test]
    fn binary_data_is_rejected() {
        let mut d = Decoder::new(None, None);
        let mut out = String::new();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0";
        assert!(d.write(png, &mut out).is_ok());
        assert!(matches!(d.finish(&mut out), Err(Error::NotHtml(_))));
        assert!(!looks_binary(b"<html><body>plain text\n</body></html>"));
    }

    #[test]
    fn prescan_finds_declarations() {
        assert_eq!(prescan(b"<!-- <meta charset=koi8-r> --><META CHARSET='ISO-8859-2'>").map(|e| e.name()), Some("ISO-8859-2"));
        assert_eq!(prescan(b"<meta charset=utf-16>").map(|e| e.name()), Some("UTF-8"));
        assert_eq!(prescan(b"<metadata charset=koi8-r>"), None);
    }
}
