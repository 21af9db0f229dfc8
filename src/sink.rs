//! The one lol_html output sink type. lol_html's parser is generic over the
//! sink, so every pass uses this type and the parser is compiled once (a
//! large share of the WebAssembly size).

use lol_html::{HtmlRewriter, OutputSink, Settings};
use std::cell::RefCell;
use std::rc::Rc;

/// Collects the rewritten page, or drops it when there is no buffer.
pub(crate) struct Sink(Option<Rc<RefCell<Vec<u8>>>>);

impl OutputSink for Sink {
    fn handle_chunk(&mut self, chunk: &[u8]) {
        if let Some(out) = &self.0 {
            out.borrow_mut().extend_from_slice(chunk);
        }
    }
}

pub(crate) type Rewriter<'h> = HtmlRewriter<'h, Sink>;

/// A rewriter whose output is thrown away (pass 1 only reads).
pub(crate) fn reader<'h>(settings: Settings<'h, '_>) -> Rewriter<'h> {
    HtmlRewriter::new(settings.with_strict(false), Sink(None))
}

/// Runs `settings` over `html` for their handlers only.
#[cfg(test)]
pub(crate) fn read(html: &str, settings: Settings<'_, '_>) -> Result<(), lol_html::errors::RewritingError> {
    let mut rewriter = reader(settings);
    rewriter.write(html.as_bytes())?;
    rewriter.end()
}

/// Runs `settings` over `html` and returns the rewritten text.
pub(crate) fn rewrite(html: &str, settings: Settings<'_, '_>) -> Result<String, lol_html::errors::RewritingError> {
    let out = Rc::new(RefCell::new(Vec::with_capacity(html.len())));
    let mut rewriter = HtmlRewriter::new(settings.with_strict(false), Sink(Some(out.clone())));
    rewriter.write(html.as_bytes())?;
    rewriter.end()?;
    let bytes = std::mem::take(&mut *out.borrow_mut());
    // lol_html writes UTF-8 for UTF-8 input; anything else would be a bug upstream.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
