//! The result types. Field names serialize in camelCase, as Readability.js's
//! `parse()` names them, so users can switch without changes.

use serde::Serialize;

/// An extracted article. When the page holds no article, `content` and
/// `text_content` are `None` and the metadata is still filled in.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// The page language (`<html lang>`).
    pub lang: Option<String>,
    /// Text direction (`ltr`/`rtl`) of the article's container.
    pub dir: Option<String>,
    pub published_time: Option<String>,
    /// A short description, or the first paragraph.
    pub excerpt: Option<String>,
    /// Absolute URL of the article's main image.
    pub lead_image: Option<String>,
    /// The caption the page gives the lead image (its `<figcaption>`).
    pub lead_image_caption: Option<String>,
    /// Clean, safe HTML of the article body.
    pub content: Option<String>,
    /// The body as plain text, paragraphs separated by blank lines.
    pub text_content: Option<String>,
    /// Characters in `text_content`.
    pub length: usize,
    pub word_count: usize,
    /// Estimated reading time in minutes, as a range.
    pub reading_time: ReadingTime,
    /// Links to other articles shown as cards, in page order.
    pub teasers: Vec<Teaser>,
}

/// A link to another article, as its card shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Teaser {
    pub title: String,
    /// Absolute URL of the article.
    pub url: String,
    /// The card's lead text, if it has one.
    pub summary: Option<String>,
    /// Absolute URL of the card's image.
    pub image: Option<String>,
    /// Heading of the block the card is in ("Related", "Empfohlen").
    pub group: Option<String>,
}

/// Minutes to read, for a slow and a fast reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReadingTime {
    pub min: u32,
    pub max: u32,
}
