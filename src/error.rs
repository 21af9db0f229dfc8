//! The one error type. Every failure is a value, never a panic.

use std::fmt;

/// Why an extraction failed. (A page without an article is not an error:
/// it gives an [`Article`](crate::Article) whose `content` is `None`.)
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only whitespace.
    Empty,
    /// The input is not HTML: binary data, or text without a single tag.
    NotHtml(String),
    /// The input is longer than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    TooLarge { limit: usize },
    /// The page has more elements than [`Options::max_elements`](crate::Options::max_elements).
    TooManyElements { limit: usize },
    /// Extraction took longer than [`Options::time_budget_ms`](crate::Options::time_budget_ms).
    Timeout { budget_ms: u64 },
    /// An option has a value that cannot be used, such as a malformed URL.
    InvalidOption(String),
    /// The HTML rewriter failed in a way the input should not be able to cause.
    Internal(String),
}

impl Error {
    /// A stable, machine-readable code, also given to JavaScript as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "EMPTY",
            Error::NotHtml(_) => "NOT_HTML",
            Error::TooLarge { .. } => "TOO_LARGE",
            Error::TooManyElements { .. } => "TOO_MANY_ELEMENTS",
            Error::Timeout { .. } => "TIMEOUT",
            Error::InvalidOption(_) => "INVALID_OPTION",
            Error::Internal(_) => "INTERNAL",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => f.write_str("the input is empty"),
            Error::NotHtml(why) => write!(f, "not an HTML page: {why}"),
            Error::TooLarge { limit } => write!(f, "the input is larger than the limit of {limit} bytes"),
            Error::TooManyElements { limit } => write!(f, "the page has more than {limit} elements"),
            Error::Timeout { budget_ms } => write!(f, "extraction took longer than the budget of {budget_ms} ms"),
            Error::InvalidOption(why) => write!(f, "invalid option: {why}"),
            Error::Internal(why) => write!(f, "internal error: {why}"),
        }
    }
}

impl std::error::Error for Error {}
