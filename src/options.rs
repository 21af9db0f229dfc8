//! Extraction settings. Every default is documented here, once.

use crate::Error;

/// Milliseconds since an arbitrary origin. Used only for the time budget.
pub type Clock = fn() -> f64;

/// Decodes a page's legacy encoding outside decant — in WebAssembly, with
/// the platform's `TextDecoder`. It is given the page's bytes in order.
pub trait ExternalDecoder {
    /// Appends the text of `bytes` to `out`; `last` marks the page's end.
    fn decode(&mut self, bytes: &[u8], last: bool, out: &mut String);
}

/// Makes an [`ExternalDecoder`] for an encoding's WHATWG name (`"Shift_JIS"`),
/// or `None` to let decant decode it. UTF-8 is always decoded by decant.
pub type DecoderFactory = fn(encoding: &str) -> Option<Box<dyn ExternalDecoder>>;

/// How to extract. Build with [`Options::new`] and the `with_*` methods.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`url`](Options::with_url) | none | the page's URL; links and images are made absolute against it (and against the page's `<base href>`) |
/// | [`encoding`](Options::with_encoding) | none | an encoding label from outside the page, e.g. an HTTP `Content-Type` charset; a byte order mark still wins |
/// | [`max_input_bytes`](Options::with_max_input_bytes) | 64 MiB | longer input fails with [`Error::TooLarge`] |
/// | [`max_elements`](Options::with_max_elements) | 2,000,000 | more elements fail with [`Error::TooManyElements`] |
/// | [`time_budget_ms`](Options::with_time_budget_ms) | 10,000 | a slower extraction fails with [`Error::Timeout`]; `0` disables the budget |
/// | [`char_threshold`](Options::with_char_threshold) | 500 | an article shorter than this is retried with looser rules (Readability's `charThreshold`) |
/// | [`clock`](Options::with_clock) | the system clock (none on wasm32 unless the binding sets one) | the time source for the budget |
/// | [`decoder_factory`](Options::with_decoder_factory) | none | decodes legacy encodings outside decant (the WebAssembly build uses `TextDecoder`) |
#[derive(Clone, Debug)]
pub struct Options {
    url: Option<String>,
    encoding: Option<&'static encoding_rs::Encoding>,
    max_input_bytes: usize,
    max_elements: usize,
    time_budget_ms: u64,
    char_threshold: usize,
    clock: Option<Clock>,
    decoder_factory: Option<DecoderFactory>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            encoding: None,
            max_input_bytes: 64 << 20,
            max_elements: 2_000_000,
            time_budget_ms: 10_000,
            char_threshold: crate::rules::readability::CHAR_THRESHOLD,
            clock: default_clock(),
            decoder_factory: None,
        }
    }
}

impl Options {
    pub fn new() -> Self {
        Self::default()
    }

    /// The page's URL. Must be an absolute `http(s)` (or other hierarchical) URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Result<Self, Error> {
        let url = url.into();
        if crate::url::Url::parse(&url).is_none() {
            return Err(Error::InvalidOption(format!("not an absolute URL: {url:?}")));
        }
        self.url = Some(url);
        Ok(self)
    }

    /// An encoding label such as `"iso-8859-2"` (WHATWG labels).
    pub fn with_encoding(mut self, label: &str) -> Result<Self, Error> {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::InvalidOption(format!("unknown encoding {label:?}")))?;
        self.encoding = Some(enc);
        Ok(self)
    }

    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    pub fn with_max_elements(mut self, elements: usize) -> Self {
        self.max_elements = elements;
        self
    }

    pub fn with_time_budget_ms(mut self, ms: u64) -> Self {
        self.time_budget_ms = ms;
        self
    }

    pub fn with_char_threshold(mut self, chars: usize) -> Self {
        self.char_threshold = chars;
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    pub fn with_decoder_factory(mut self, factory: DecoderFactory) -> Self {
        self.decoder_factory = Some(factory);
        self
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    /// The WHATWG name of the encoding set with `with_encoding`.
    pub fn encoding(&self) -> Option<&'static str> {
        self.encoding.map(|e| e.name())
    }
    pub(crate) fn encoding_hint(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding
    }
    pub fn decoder_factory(&self) -> Option<DecoderFactory> {
        self.decoder_factory
    }
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }
    pub fn max_elements(&self) -> usize {
        self.max_elements
    }
    pub fn time_budget_ms(&self) -> u64 {
        self.time_budget_ms
    }
    pub fn char_threshold(&self) -> usize {
        self.char_threshold
    }

    pub(crate) fn deadline(&self) -> Deadline {
        match self.clock {
            Some(clock) if self.time_budget_ms > 0 => {
                Deadline { clock: Some(clock), at: clock() + self.time_budget_ms as f64, budget_ms: self.time_budget_ms }
            }
            _ => Deadline { clock: None, at: 0.0, budget_ms: 0 },
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn default_clock() -> Option<Clock> {
    fn now() -> f64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
    }
    Some(now)
}

#[cfg(target_arch = "wasm32")]
fn default_clock() -> Option<Clock> {
    None
}

/// When the time budget runs out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline {
    clock: Option<Clock>,
    at: f64,
    budget_ms: u64,
}

impl Deadline {
    pub(crate) fn check(&self) -> Result<(), Error> {
        match self.clock {
            Some(clock) if clock() > self.at => Err(Error::Timeout { budget_ms: self.budget_ms }),
            _ => Ok(()),
        }
    }
}
