//! HTML tag names and the categories the HTML standard puts them in.
//!
//! These are facts about HTML (void elements, what closes a `<p>`, phrasing
//! content), not heuristics; the heuristics live in `rules.rs`.

macro_rules! tags {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A known HTML tag, or `Other` for anything else (custom elements, typos).
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        #[repr(u8)]
        pub(crate) enum Tag { $($variant,)* Other }

        impl Tag {
            /// Looks up an ASCII-lowercase tag name.
            pub(crate) fn from_lowercase(name: &[u8]) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }

            /// The lowercase tag name (`"x-other"` for `Other`).
            pub(crate) fn name(self) -> &'static str {
                // A table, not a match: one arm per tag weighed 6 KB of wasm.
                const NAMES: &[&str] = &[$(match core::str::from_utf8($name) { Ok(s) => s, Err(_) => "" },)*];
                NAMES.get(self as usize).copied().unwrap_or("x-other")
            }
        }
    };
}

tags! {
    A => b"a", Abbr => b"abbr", Address => b"address", Applet => b"applet", Area => b"area",
    Article => b"article", Aside => b"aside", Audio => b"audio", B => b"b", Base => b"base",
    Bdi => b"bdi", Bdo => b"bdo", Blockquote => b"blockquote", Body => b"body", Br => b"br",
    Button => b"button", Canvas => b"canvas", Caption => b"caption", Center => b"center",
    Cite => b"cite", Code => b"code", Col => b"col", Colgroup => b"colgroup", Data => b"data",
    Datalist => b"datalist", Dd => b"dd", Del => b"del", Details => b"details", Dfn => b"dfn",
    Dialog => b"dialog", Dir => b"dir", Div => b"div", Dl => b"dl", Dt => b"dt", Em => b"em",
    Embed => b"embed", Fieldset => b"fieldset", Figcaption => b"figcaption", Figure => b"figure",
    Font => b"font", Footer => b"footer", Form => b"form", Frame => b"frame", Frameset => b"frameset",
    H1 => b"h1", H2 => b"h2", H3 => b"h3", H4 => b"h4", H5 => b"h5", H6 => b"h6", Head => b"head",
    Header => b"header", Hgroup => b"hgroup", Hr => b"hr", Html => b"html", I => b"i",
    Iframe => b"iframe", Img => b"img", Image => b"image", Input => b"input", Ins => b"ins",
    Kbd => b"kbd", Keygen => b"keygen", Label => b"label", Legend => b"legend", Li => b"li",
    Link => b"link", Listing => b"listing", Main => b"main", Map => b"map", Mark => b"mark",
    Marquee => b"marquee", Math => b"math", Menu => b"menu", Meta => b"meta", Meter => b"meter",
    Nav => b"nav", Nobr => b"nobr", Noembed => b"noembed", Noframes => b"noframes",
    Noscript => b"noscript", Object => b"object", Ol => b"ol", Optgroup => b"optgroup",
    Option => b"option", Output => b"output", P => b"p", Param => b"param", Picture => b"picture",
    Plaintext => b"plaintext", Pre => b"pre", Progress => b"progress", Q => b"q", Rb => b"rb",
    Rp => b"rp", Rt => b"rt", Rtc => b"rtc", Ruby => b"ruby", S => b"s", Samp => b"samp",
    Script => b"script", Search => b"search", Section => b"section", Select => b"select",
    Slot => b"slot", Small => b"small", Source => b"source", Span => b"span", Strike => b"strike",
    Strong => b"strong", Style => b"style", Sub => b"sub", Summary => b"summary", Sup => b"sup",
    Svg => b"svg", Table => b"table", Tbody => b"tbody", Td => b"td", Template => b"template",
    Textarea => b"textarea", Tfoot => b"tfoot", Th => b"th", Thead => b"thead", Time => b"time",
    Title => b"title", Tr => b"tr", Track => b"track", Tt => b"tt", U => b"u", Ul => b"ul",
    Var => b"var", Video => b"video", Wbr => b"wbr", Xmp => b"xmp",
}

impl Tag {
    /// Reads the tag name at the start of a raw start tag (`<name ...>`),
    /// without allocating. Names longer than any known tag are `Other`.
    pub(crate) fn from_start_tag(raw: &[u8]) -> Tag {
        const MAX: usize = 10;
        let mut buf = [0u8; MAX];
        let mut len = 0;
        for &b in raw.iter().skip(1) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
                break;
            }
            if len == MAX {
                return Tag::Other;
            }
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
        Tag::from_lowercase(&buf[..len])
    }

    /// Elements that never have content or an end tag.
    pub(crate) fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base | Br | Col | Embed | Hr | Img | Image | Input | Keygen | Link | Meta | Param
                | Source | Track | Wbr | Frame
        )
    }

    pub(crate) fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Start tags that close an open `<p>` (HTML "in body" insertion mode).
    pub(crate) fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address | Article | Aside | Blockquote | Center | Details | Dialog | Dir | Div | Dl
                | Fieldset | Figcaption | Figure | Footer | Header | Hgroup | Main | Menu | Nav | Ol
                | P | Search | Section | Summary | Ul | H1 | H2 | H3 | H4 | H5 | H6 | Pre | Listing
                | Form | Plaintext | Table | Hr | Xmp | Li | Dd | Dt
        )
    }

    /// The HTML standard's "special" category, which bounds the search for an
    /// open `<li>`/`<dd>`/`<dt>` to close.
    pub(crate) fn is_special(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address | Applet | Area | Article | Aside | Base | Blockquote | Body | Br | Button
                | Caption | Center | Col | Colgroup | Dd | Details | Dir | Div | Dl | Dt | Embed
                | Fieldset | Figcaption | Figure | Footer | Form | Frame | Frameset | H1 | H2 | H3
                | H4 | H5 | H6 | Head | Header | Hgroup | Hr | Html | Iframe | Img | Input | Li
                | Link | Listing | Main | Marquee | Menu | Meta | Nav | Noembed | Noframes
                | Noscript | Object | Ol | P | Param | Plaintext | Pre | Script | Search | Section
                | Select | Source | Style | Summary | Table | Tbody | Td | Template | Textarea
                | Tfoot | Th | Thead | Title | Tr | Track | Ul | Wbr | Xmp
        )
    }

    /// Boundaries of the "button scope" used when closing a `<p>`.
    pub(crate) fn bounds_scope(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Applet | Caption | Html | Table | Td | Th | Marquee | Object | Template | Button | Svg
                | Math
        )
    }

    /// Raw-text and foreign elements whose contents are never article text.
    pub(crate) fn is_non_content(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script | Style | Template | Noscript | Textarea | Title | Xmp | Noembed | Noframes
                | Plaintext | Iframe | Object | Embed | Applet | Svg | Math | Select | Option
                | Optgroup | Datalist | Head | Canvas | Map | Frameset | Frame | Dialog
        )
    }

    /// Elements whose contents the tokenizer reads as text up to their own
    /// end tag (RCDATA, RAWTEXT, script data, PLAINTEXT), in HTML content.
    pub(crate) fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(self, Script | Style | Textarea | Title | Xmp | Iframe | Noembed | Noframes | Noscript | Plaintext)
    }

    /// Elements whose text keeps its whitespace.
    pub(crate) fn preserves_whitespace(self) -> bool {
        matches!(self, Tag::Pre | Tag::Listing | Tag::Textarea | Tag::Plaintext | Tag::Xmp)
    }

    /// Readability's `PHRASING_ELEMS`: inline content that may be wrapped into a
    /// paragraph. (`a`, `del` and `ins` are phrasing only when all their
    /// children are; see `dom::Document::phrasing`.)
    pub(crate) fn is_phrasing(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Abbr | Audio | B | Bdo | Br | Button | Cite | Code | Data | Datalist | Dfn | Em | Embed
                | I | Img | Input | Kbd | Label | Mark | Math | Meter | Noscript | Object | Output
                | Progress | Q | Ruby | Samp | Script | Select | Small | Span | Strong | Sub | Sup
                | Textarea | Time | Var | Wbr | Font | Tt | U | S | Strike | Nobr | Bdi
        )
    }

    /// Readability's `DIV_TO_P_ELEMS`: a `<div>` without any of these below it
    /// is really a paragraph.
    pub(crate) fn is_div_to_p_block(self) -> bool {
        use Tag::*;
        matches!(self, Blockquote | Dl | Div | Img | Ol | P | Pre | Table | Ul)
    }

    /// Block-level elements: a boundary between words in plain text.
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address | Article | Aside | Blockquote | Body | Caption | Center | Dd | Details
                | Dialog | Dir | Div | Dl | Dt | Fieldset | Figcaption | Figure | Footer | Form
                | H1 | H2 | H3 | H4 | H5 | H6 | Header | Hgroup | Hr | Html | Legend | Li | Listing
                | Main | Menu | Nav | Ol | P | Picture | Plaintext | Pre | Search | Section
                | Summary | Table | Tbody | Td | Tfoot | Th | Thead | Tr | Ul | Video | Audio
                | Xmp
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Tag;

    #[test]
    fn reads_names_from_raw_start_tags() {
        assert_eq!(Tag::from_start_tag(b"<DIV class=x>"), Tag::Div);
        assert_eq!(Tag::from_start_tag(b"<br/>"), Tag::Br);
        assert_eq!(Tag::from_start_tag(b"<h2\n>"), Tag::H2);
        assert_eq!(Tag::from_start_tag(b"<my-widget>"), Tag::Other);
        assert_eq!(Tag::from_start_tag(b"<blockquotes>"), Tag::Other);
        assert_eq!(Tag::Blockquote.name(), "blockquote");
    }

    #[test]
    fn categories_follow_the_standard() {
        assert!(Tag::Img.is_void() && !Tag::P.is_void());
        assert!(Tag::Ul.closes_p() && !Tag::Span.closes_p());
        assert!(Tag::Div.is_special() && !Tag::Span.is_special());
    }
}
