//! The streaming form: feed the page as it arrives, get the article at the end.

use crate::decode::Decoder;
use crate::options::{Deadline, Options};
use crate::scan::{Scan, Scanner, Source};
use crate::{assemble, hidden, Article, Error};
use std::cell::RefCell;
use std::rc::Rc;

/// Extracts an article from a page given in chunks of bytes.
///
/// ```
/// let mut x = decant::Extractor::new(decant::Options::new());
/// x.write(b"<html><head><title>Hi</title></head><body><article><h1>Hi</h1>").unwrap();
/// x.write(b"<p>Some words.</p></article></body></html>").unwrap();
/// let article = x.finish().unwrap();
/// assert_eq!(article.text_content.as_deref(), Some("Some words."));
/// ```
pub struct Extractor {
    options: Options,
    deadline: Deadline,
    decoder: Decoder,
    scanner: Scanner,
    src: Source,
    bytes: usize,
    failed: Option<Error>,
    /// This is the second reading, with hidden markup unwrapped.
    reread: bool,
}

impl Extractor {
    pub fn new(options: Options) -> Extractor {
        let deadline = options.deadline();
        Extractor::with_deadline(options, deadline)
    }

    /// An extractor that keeps to a time budget already running.
    fn with_deadline(options: Options, deadline: Deadline) -> Extractor {
        let src: Source = Rc::new(RefCell::new(String::new()));
        let scanner = Scanner::new(src.clone(), options.max_elements(), deadline);
        Extractor { decoder: Decoder::new(options.encoding_hint(), options.decoder_factory()), options, deadline, scanner, src, bytes: 0, failed: None, reread: false }
    }

    /// Feeds the next chunk of the page. Chunks may split anything,
    /// even a UTF-8 character.
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.write_checked(chunk.len(), |decoder, src| decoder.write(chunk, src))
    }

    /// Feeds the next chunk as text that is decoded already (a JavaScript
    /// string, say): its `<meta charset>` and the encoding option do not
    /// apply. A whole page given as the first chunk is scanned without a
    /// copy. Text after bytes joins them as UTF-8, and the encoding is
    /// then decided from all of them.
    ///
    /// ```
    /// let mut x = decant::Extractor::new(decant::Options::new().with_encoding("windows-1252").unwrap());
    /// x.write_text("<meta charset=iso-8859-1><title>Zürich</title><p>Grüezi.</p>".to_string()).unwrap();
    /// assert_eq!(x.finish().unwrap().title.as_deref(), Some("Zürich"));
    /// ```
    pub fn write_text(&mut self, chunk: String) -> Result<(), Error> {
        self.write_checked(chunk.len(), |decoder, src| decoder.write_text(chunk, src))
    }

    /// Decodes a chunk of `len` bytes into the page and scans it; the first
    /// error sticks.
    fn write_checked(&mut self, len: usize, decode: impl FnOnce(&mut Decoder, &mut String) -> Result<(), Error>) -> Result<(), Error> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.bytes += len;
        let result = if self.bytes > self.options.max_input_bytes() {
            Err(Error::TooLarge { limit: self.options.max_input_bytes() })
        } else {
            let decoded = decode(&mut self.decoder, &mut self.src.borrow_mut());
            decoded.and_then(|()| self.scanner.feed())
        };
        if let Err(e) = &result {
            self.failed = Some(e.clone());
        }
        result
    }

    /// Room for a page of `bytes` bytes, when its size is known up front
    /// (the decoded page then needs no room to grow into).
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.src.borrow_mut().reserve(bytes.min(self.options.max_input_bytes().saturating_add(1)));
    }

    /// Ends the input and extracts the article.
    pub fn finish(self) -> Result<Article, Error> {
        let reread = self.reread;
        let (scan, options, deadline) = self.end()?;
        deadline.check()?;
        let article = assemble::article(&scan, &options, deadline)?;
        // Only a short article is worth a look for markup hidden from it.
        let hidden = if reread || article.length >= options.char_threshold() { None } else { hidden::unwrapped(&scan.doc) };
        drop(scan);
        let Some(src) = hidden else { return Ok(article) };
        // Read once more with the hidden markup as the page's own (text
        // now), within what is left of the time budget; if that fails, the
        // first reading stands.
        let mut again = Extractor::with_deadline(options, deadline);
        again.reread = true;
        let second = again.write_text(src).and_then(|()| again.finish());
        Ok(match second {
            Ok(second) if second.length > article.length => second,
            _ => article,
        })
    }

    /// Ends the input and only answers whether the page looks readerable.
    pub fn finish_readerable(self) -> Result<bool, Error> {
        let (scan, _, _) = self.end()?;
        Ok(crate::readerable::is_probably_readerable(&scan.doc))
    }

    /// Ends the input and the scan.
    fn end(self) -> Result<(Scan, Options, Deadline), Error> {
        let Extractor { options, deadline, mut decoder, scanner, src, failed, .. } = self;
        if let Some(e) = failed {
            return Err(e);
        }
        decoder.finish(&mut src.borrow_mut())?;
        // The page is complete: give back the room it had to grow into
        // before the article's HTML and text are built next to it.
        src.borrow_mut().shrink_to_fit();
        if src.borrow().trim().is_empty() {
            return Err(Error::Empty);
        }
        // The scanner must hold the only reference, or it has to copy the page.
        drop(src);
        let scan = scanner.finish()?;
        check_html(&scan)?;
        Ok((scan, options, deadline))
    }
}

fn check_html(scan: &Scan) -> Result<(), Error> {
    if scan.doc.nodes.is_empty() {
        return Err(Error::NotHtml("no HTML tags found".into()));
    }
    Ok(())
}
