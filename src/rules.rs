//! Heuristic data, kept apart from the algorithms that use it.
//!
//! Class and id words are grouped by concept; `hints::hints_of` turns an
//! attribute value into a bit set of the concepts it matches, once per
//! element during the scan. Most lists come from Readability.js so our choices on its test
//! corpus match its own; entries we added say why.

/// A bit set of the concepts a class or id matches.
pub(crate) type Hints = u32;

pub(crate) mod hint {
    use super::Hints;
    /// Clutter that is unlikely to hold the article (Readability `unlikelyCandidates`).
    pub const UNLIKELY: Hints = 1 << 0;
    /// Overrides `UNLIKELY` (Readability `okMaybeItsACandidate`).
    pub const MAYBE: Hints = 1 << 1;
    /// Content-like names (Readability `positive`).
    pub const POSITIVE: Hints = 1 << 2;
    /// Clutter-like names (Readability `negative`).
    pub const NEGATIVE: Hints = 1 << 3;
    /// Bylines (Readability `byline`).
    pub const BYLINE: Hints = 1 << 4;
    /// Share buttons (Readability `shareElements`).
    pub const SHARE: Hints = 1 << 5;
    /// Blocks of links to other articles.
    pub const TEASER: Hints = 1 << 6;
    /// Navigation, menus, breadcrumbs, pagination.
    pub const NAVIGATION: Hints = 1 << 7;
    /// Comments and comment forms.
    pub const COMMENTS: Hints = 1 << 8;
    /// Advertising.
    pub const AD: Hints = 1 << 9;
    /// Tag and category lists, date archives.
    pub const TAGS: Hints = 1 << 10;
    /// Headline elements of cards and blocks.
    pub const TITLE: Hints = 1 << 11;
    /// Labels above or beside a headline (kicker, category, date).
    pub const KICKER: Hints = 1 << 12;
    /// Site footers.
    pub const FOOTER: Hints = 1 << 13;
    /// The article's lead or standfirst.
    pub const LEAD: Hints = 1 << 15;
    /// Boxes that are never the article, named for what they are:
    /// newsletter sign-ups, disclaimers, copyright lines, author boxes,
    /// cookie notes, article tool bars.
    pub const CLUTTER: Hints = 1 << 14;
}

/// How a word must occur in a class or id value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// Anywhere, like an unanchored case-insensitive regex.
    Substring,
    /// Bounded by the start/end or a character that is not a letter or digit.
    Word,
    /// A whole whitespace-separated token.
    Token,
}

/// Concept, how to match, words (lowercase).
pub(crate) static CLASS_WORDS: &[(Hints, Match, &[&str])] = &[
    (hint::UNLIKELY, Match::Substring, &[
        "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
        "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
        "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
        "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
    ]),
    (hint::MAYBE, Match::Substring, &["and", "article", "body", "column", "content", "main", "shadow"]),
    (hint::POSITIVE, Match::Substring, &[
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
        "post", "text", "blog", "story",
    ]),
    (hint::NEGATIVE, Match::Substring, &[
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
        "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
        "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
    ]),
    // Readability's `^hid$| hid$| hid |^hid `.
    (hint::NEGATIVE, Match::Token, &["hid"]),
    (hint::BYLINE, Match::Substring, &["byline", "author", "dateline", "writtenby", "p-author"]),
    (hint::SHARE, Match::Word, &["share", "sharedaddy"]),
    // Ours: names of related-article blocks and their cards, in the
    // vocabularies of common CMS themes (WordPress/Jetpack, Drupal, news sites).
    (hint::TEASER, Match::Substring, &[
        "teaser", "related", "recommend", "empfehl", "more-from", "more-stories", "morestories",
        "read-more", "readmore", "also-read", "lesen-sie", "weitere", "similar", "aehnlich",
        "popular", "most-read", "mostread", "meistgelesen", "trending", "top-stories", "jp-relatedposts",
        "crp_related", "yarpp", "outbrain", "taboola", "latest-posts", "recent-posts", "recentposts",
        // WordPress post embeds (`blockquote.wp-embedded-content`).
        "wp-embed",
    ]),
    (hint::NAVIGATION, Match::Substring, &[
        "nav", "menu", "breadcrumb", "pagination", "pager", "skip-link", "toolbar", "topbar",
    ]),
    // Whole words: "fc-item--is-commentable" marks a story card, not comments.
    (hint::COMMENTS, Match::Word, &[
        "comment", "comments", "commentlist", "comment-list", "disqus", "respond", "replies",
        "kommentar", "kommentare", "commentaires", "comentarios",
    ]),
    (hint::AD, Match::Word, &["ad", "ads", "adv", "advert", "advertisement", "anzeige", "werbung", "sponsored", "adslot", "ad-slot", "dfp", "gpt"]),
    (hint::TAGS, Match::Word, &[
        "tags", "tag-list", "taglist", "tagcloud", "tag-cloud", "keywords", "schlagworte", "categories",
        // Date archive widgets (WordPress `widget_archive`, Blogger `BlogArchive`).
        "archive", "archives", "archiv",
    ]),
    (hint::TAGS, Match::Substring, &["blogarchive"]),
    (hint::TITLE, Match::Substring, &["title", "headline", "heading", "hdl", "titel", "ueberschrift"]),
    (hint::KICKER, Match::Substring, &[
        "kicker", "dachzeile", "overline", "topline", "roofline", "eyebrow", "rubrik", "ressort", "category",
        "label", "tag", "date", "time", "byline", "author", "meta", "writer", "credit",
    ]),
    (hint::FOOTER, Match::Substring, &["footer", "colophon", "site-info", "copyright"]),
    (hint::CLUTTER, Match::Substring, &[
        "newsletter", "subscribe", "subscription", "signup", "sign-up", "disclaimer", "disclosure",
        "copyright", "author-bio", "authorbio", "author-box", "authorbox", "about-author", "author-info",
        "author-card", "entry-author", "post-author", "saboxplugin", "cookie", "consent", "dsgvo", "popup",
        "modal", "breadcrumb",
        // Post meta lines ("This entry was posted in ... Bookmark the permalink.")
        "postmetadata", "entry-utility", "entry-meta", "post-meta", "article-meta",
        // "Was this article helpful?"
        "feedback", "helpful", "promo",
        // "We earn a commission for links on this page."
        "affiliate",
    ]),
    (hint::LEAD, Match::Substring, &[
        "standfirst", "subtitle", "subheadline", "subline", "teaser-text", "teaser_text", "teasertext",
        "lead-text", "leadtext", "chapo", "chapeau", "description",
    ]),
    // Short words only as whole words: "lead" is not "leaderboard".
    (hint::LEAD, Match::Word, &["lead", "lede", "intro", "deck", "dek", "summary", "excerpt", "abstract"]),
    // Article tool bars (print, send, text size). Not "print": "print-full"
    // wraps content; not "font-size": WordPress styles paragraphs with it.
    (hint::CLUTTER, Match::Word, &["tools", "cta", "notice"]),
];

/// Headings of teaser blocks, lowercase, matched at the start of the
/// heading text (whitespace collapsed) as whole words, or, for stems marked
/// with a `*`, with any ending ("Empfehlungen", "Meistgelesene"). A hint,
/// not a rule: structure decides what a teaser is. The same phrases name
/// one-line boxes ("Lire aussi : <link>").
pub(crate) static TEASER_HEADINGS: &[&str] = &[
    // German
    "empfohlen*", "empfehlung*", "mehr zum thema", "mehr zu diesem thema", "mehr aus", "mehr von", "mehr news",
    "mehr artikel", "lesen sie auch", "lesen sie mehr", "auch interessant", "das könnte sie auch interessieren",
    "das könnte sie interessieren", "das könnte dich auch interessieren", "weitere artikel", "weitere beiträge",
    "weitere nachrichten", "weitere meldungen", "ähnliche beiträge", "ähnliche artikel", "ähnliche themen",
    "verwandte artikel", "verwandte beiträge", "meistgelesen*", "meist gelesen*", "am meisten gelesen*",
    "meistkommentiert*", "meist kommentiert*", "meistgeteilt*",
    "neueste beiträge", "neueste artikel", "neue beiträge", "aktuelle beiträge", "aktuelle artikel", "top-artikel",
    "top artikel", "top-beiträge", "weiterlesen", "zum thema", "passend zum thema", "passend dazu",
    "auch lesenswert*", "lesenswert*", "beliebte beiträge", "siehe auch",
    // English
    "related", "more from", "more stories", "more on", "more in", "more news", "more articles", "most read",
    "most popular", "most viewed", "most commented", "most shared", "popular", "read more", "read next", "read also", "also read", "see also",
    "you may also like", "you might also like", "recommended", "trending", "latest", "recent posts",
    "recent articles", "recent stories", "other recent", "top stories", "editor's picks", "editors' picks",
    "further reading", "what to read next", "up next",
    // French, Spanish, Italian, Portuguese, Dutch, Polish, Czech
    "lire aussi", "à lire aussi", "a lire aussi", "lire :", "lire:", "sur le même sujet", "les plus lus",
    "articles similaires", "du même auteur", "leer más", "lee también", "te puede interesar",
    "noticias relacionadas", "lo más leído", "relacionad*", "leggi anche", "potrebbe interessarti", "leia também",
    "veja também", "lees ook", "meest gelezen", "czytaj także", "czytaj też", "zobacz także", "zobacz też",
    "dowiedz się więcej", "przeczytaj też", "najnowsze", "přečtěte si také", "související", "nejčtenější",
];

/// Link texts that lead on to the card's article but are never its
/// headline, lowercase, matched whole (after trimming punctuation).
pub(crate) static READ_MORE_WORDS: &[&str] = &[
    "read more", "more", "continue reading", "full story", "learn more", "more news", "weiterlesen", "mehr",
    "mehr lesen", "mehr erfahren", "zum artikel", "artikel lesen", "mehr news", "mehr nachrichten",
    "lire la suite", "lire plus", "la suite", "en savoir plus", "leer más", "ver más", "seguir leyendo",
    "saber más", "más noticias", "mas noticias", "leggi tutto", "leia mais", "lees meer", "czytaj dalej",
    "więcej", "číst dále", "více",
];

/// Lead-ins of links to other articles placed inside the text ("Read also:
/// <link>"), lowercase, matched as a prefix of a paragraph or heading,
/// besides `TEASER_HEADINGS`.
pub(crate) static READ_ALSO: &[&str] = &[
    "schon gelesen", "mehr themen", "zum weiterlesen", "weiterführende links", "noch mehr",
    "lea también", "lea además", "lea más", "lea", "vea también", "vea", "mira", "mire", "puedes ver",
    "le puede interesar", "también te puede interesar", "ver también", "ver más",
    // Also teaser headings, but listed here to be tried before the bare
    // verbs below ("lire aussi : x" must not read as "lire" + "aussi : x").
    "czytaj też", "czytaj także", "zobacz też", "lire aussi",
    "czytaj więcej", "à lire", "a lire", "voir aussi",
    "see more", "related:", "more:", "also:",
    // The verb alone, before a link ("Lire : <link>", "Read: <link>").
    "lire", "leia", "leggi", "czytaj", "read",
    // "More" alone, as a link label ("[mehr]", "więcej »").
    "mehr", "more", "więcej", "más", "mais",
    // Ours: calls to read on elsewhere.
    "learn more", "mehr erfahren", "en savoir plus", "saiba mais", "scopri di più",
    // Ours: teaser headings and back links.
    "à découvrir", "a découvrir", "mehr interessantes", "zurück zu", "zurück zur", "back to", "retour à",
    "volver a",
];

/// Words of date lines ("Aktualisiert am 3. März 2024, 16:05 Uhr"),
/// lowercase: month and day names, and the labels and fillers around them.
/// A line made only of these and numbers is a date, not article text.
pub(crate) static MONTHS: &[&str] = &[
    // English, German, French, Spanish, Italian, Portuguese, Dutch, Scandinavian
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "okt",
    "dez", "mär", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro", "fevereiro",
    "março", "maio", "junho", "julho", "setembro", "outubro", "dezembro", "januari", "februari", "maart",
    "mei", "augustus", "desember", "augusti", "maj",
    // Polish, nominative and genitive
    "styczeń", "stycznia", "luty", "lutego", "marzec", "marca", "kwiecień", "kwietnia", "maja",
    "czerwiec", "czerwca", "lipiec", "lipca", "sierpień", "sierpnia", "wrzesień", "września",
    "październik", "października", "listopad", "listopada", "grudzień", "grudnia",
];
/// What may follow a day's number ("3rd", "1er", "3e", "12h" for a time).
pub(crate) static ORDINAL_SUFFIXES: &[&str] = &["", "st", "nd", "rd", "th", "er", "e", "h"];
/// Numbers in a date line have at most as many digits as a year.
pub(crate) const YEAR_DIGITS: usize = 4;
pub(crate) static DATE_WORDS: &[&str] = &[
    // days
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "today", "yesterday", "heute", "gestern",
    // labels
    "published", "updated", "posted", "modified", "last", "created", "date", "release", "veröffentlicht",
    "aktualisiert", "erstellt", "geändert", "zuletzt", "stand", "datum", "publié", "mis", "jour",
    "publicado", "actualizado", "publikacja", "aktualizacja", "opublikowano", "pubblicato", "aggiornato",
    "gepubliceerd", "bijgewerkt",
    // fillers, times and zones
    "on", "at", "the", "of", "am", "um", "uhr", "vom", "le", "à", "el", "de", "del", "las", "a", "en",
    "il", "alle", "ore", "op", "dnia", "godz", "r", "h", "pm", "utc", "gmt", "cet", "cest", "mez",
    "mesz", "est", "edt", "pst", "pdt",
];

/// Separators of breadcrumb trails.
pub(crate) static BREADCRUMB_SEPARATORS: &[char] = &['»', '›', '>', '→'];

/// Words of byline lines besides the author's name and a date, lowercase.
pub(crate) static BYLINE_WORDS: &[&str] = &[
    "by", "von", "par", "por", "di", "da", "door", "av", "af", "przez", "and", "und", "et", "y", "e", "i",
    "written", "posted", "text", "texte", "autor", "author", "auteur", "autore", "redaktion", "staff",
    "geschrieben", "écrit", "escrito", "scritto",
];

/// Labels that open an appendix to the article (contact, further
/// information, sources), lowercase, matched as a whole label: alone on
/// their line they carry nothing of the article.
pub(crate) static APPENDIX_LABELS: &[&str] = &[
    "kontakt", "contact", "ansprechpartner", "ansprechpartnerin", "pressekontakt", "weitere informationen",
    "mehr informationen", "zusatzinformationen", "more information", "further information", "quellenangaben",
    "über den autor", "about the author", "plus d'infos", "contacto", "más información",
    // Not "Links", "Downloads", "Sources": as headings they title sections of the article.
];

/// Stems of sign-up calls ("Subscribe to our newsletter", "Jetzt
/// abonnieren"), lowercase, matched inside short lines.
pub(crate) static SIGN_UP_WORDS: &[&str] = &["newsletter", "subscri", "abonnier", "abonnez", "subskryp", "suscrib", "suscríb"];

/// Labels of source lines ("Quelle: dpa", "Source: Reuters"), lowercase.
pub(crate) static SOURCE_LABELS: &[&str] = &["quelle", "quellen", "source", "sources", "fuente", "fuentes", "źródło", "fonte", "bron"];

/// Words of reading-time lines ("5 min read", "Lesezeit: 3 Minuten"): a
/// line needs a number, a unit and a reading word, and nothing else but
/// fillers. "Lesezeit" is both a reading word and, alone, a unit.
pub(crate) static READING_TIME_UNITS: &[&str] =
    &["min", "mins", "minute", "minutes", "minuten", "minuto", "minutos", "minuti", "lesezeit", "lesedauer"];
pub(crate) static READING_TIME_WORDS: &[&str] =
    &["read", "reading", "lecture", "lectura", "lettura", "leitura", "lesezeit", "lesedauer"];
pub(crate) static READING_TIME_FILLERS: &[&str] = &["time"];
/// The number of minutes in a reading-time line has at most this many digits.
pub(crate) const READING_TIME_MAX_DIGITS: usize = 3;

/// Link texts of pagination and previous/next links, lowercase prefixes.
pub(crate) static PAGINATION_WORDS: &[&str] = &[
    "next", "previous", "prev", "older", "newer", "weiter", "zurück", "nächste", "vorherige", "vorheriger",
    "nächster", "suivant", "précédent", "siguiente", "anterior", "«", "»", "‹", "›", "←", "→", "<", ">",
];

/// URL path segments of pages that are not articles: topic, tag and author
/// pages, search, accounts, feeds, pagination, legal pages, shops. Matched
/// against whole segments (`/tag/x`, `/impressum.html`), lowercase.
pub(crate) static NON_ARTICLE_SEGMENTS: &[&str] = &[
    "tag", "tags", "tagi", "category", "categories", "kategorie", "hashtag", "author", "authors", "writers", "autor",
    "autoren", "auteur", "autore", "user", "users", "profile", "profil", "search", "suche", "login", "logout",
    "register", "feed", "rss", "page", "schlagwort", "stichwort", "label", "archive", "archiv", "newsletter",
    "abo", "subscribe", "impressum", "datenschutz", "privacy", "kontakt", "contact", "about", "cart", "shop",
    "katalog", "catalog", "account",
    // Products, job ads, classifieds and forum threads are pages, not articles.
    "product", "products", "produkt", "produkte", "jobs", "karriere", "careers", "stellenanzeigen",
    "stellenangebote", "kleinanzeigen", "classifieds", "forum", "forums", "praca", "empleo", "emploi", "lavoro",
    // Feeds and downloads.
    "feeds", "atom", "download", "downloads",
    // CMS internals: plugin pages, scripts and APIs are never articles.
    "wp-content", "wp-includes", "wp-json", "cgi-bin", // and "wp-admin", a prefix below
];

/// Words inside a path segment (between `_` and `.`) that mark a feed:
/// `/_rss/news_rss_iso.php`.
pub(crate) static FEED_WORDS: &[&str] = &["rss", "atom", "feed", "feeds"];

/// Query parameters that carry an article's id (`?p=123`, `?newsid=4711`),
/// lowercase: these names, names ending in one of `QUERY_ID_SUFFIXES`
/// (`ArtNr`), or in one of `QUERY_ID_WORD_SUFFIXES` as a word of its own
/// (`Seq_Code`, `seqCode`; a `zipcode` is no article's). Other numbers in
/// a query (`?u=42814`) say nothing.
pub(crate) static QUERY_ID_PARAMETERS: &[&str] = &["p", "id", "article", "artikel", "story", "post", "news", "item", "doc"];
pub(crate) static QUERY_ID_SUFFIXES: &[&str] = &["id", "nr", "no", "num", "seq"];
pub(crate) static QUERY_ID_WORD_SUFFIXES: &[&str] = &["code"];
/// ...unless the name is about a person or a listing page, or names a
/// code that is no article's (`ZipCode` reads like `SeqCode`).
pub(crate) static QUERY_NON_ID_WORDS: &[&str] =
    &["user", "member", "author", "profile", "page", "comment", "zip", "postal", "promo", "coupon", "voucher"];

/// Query parameters of action links (bookmark, vote, reply): the link does
/// something instead of leading to a page.
pub(crate) static ACTION_PARAMETERS: &[&str] = &["token", "nonce", "_wpnonce", "replytocom"];

/// Link texts of service and legal pages, lowercase, matched whole: never a
/// teaser's headline even where the URL looks like an article's
/// (`/191702.aspx`).
pub(crate) static SERVICE_TITLES: &[&str] = &[
    "cookie policy", "cookies", "cookie settings", "privacy", "privacy policy", "privacy settings", "terms",
    "terms of use", "terms of service", "imprint", "contact", "contact us", "sitemap", "newsletter", "rss",
    "overview", "all articles", "site index", "accessibility", "barrierefreiheit", "datenschutz", "datenschutzerklärung", "impressum", "kontakt", "agb",
    "übersicht", "alle artikel", "mentions légales", "politique de confidentialité", "aviso legal",
    "política de privacidad", "política de privacidade",
];

/// Extensions of pages (not of files): left out when reading a slug.
pub(crate) static PAGE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm"];

/// Words in a link's fragment that lead to the comments of a page
/// (`#comments`, WordPress's `#respond`), not to another article.
pub(crate) static COMMENT_FRAGMENTS: &[&str] = &["comment", "respond"];

/// File types that are downloads, not pages (`/startlist.pdf`, `/photo.jpg`).
pub(crate) static NON_ARTICLE_EXTENSIONS: &[&str] = &[
    "pdf", "jpg", "jpeg", "png", "gif", "webp", "svg", "zip", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "mp3",
    "mp4", "epub",
];

/// Beginnings of path segments of pages that are not articles.
pub(crate) static NON_ARTICLE_SEGMENT_PREFIXES: &[&str] = &[
    // WordPress's admin, login and feed endpoints.
    "wp-login", "wp-admin",
    // Legal and contact pages under longer names; the plain words are
    // whole segments above ("kontakte-sichern-mit-…" is an article).
    "datenschutzerkl", "datenschutzhinweis", "privacy-policy", "privacy-notice", "kontaktformular", "contact-us",
    "politica-de-privacidad",
];

/// First host labels of sites that are not articles (shops, accounts,
/// forums) even on the page's own domain.
pub(crate) static NON_ARTICLE_HOSTS: &[&str] = &[
    "shop", "store", "abo", "aboshop", "login", "account", "accounts", "auth", "sso", "jobs", "karriere", "careers",
    "forum", "forums", "community", "newsletter", "mail", "webmail", "checkout", "download", "downloads",
    // Classifieds and listings markets of news sites.
    "kleinanzeige", "kleinanzeigen", "anzeigen", "classifieds", "stellenmarkt", "immobilien", "marktplatz",
];

/// Hosting platforms whose subdomains are separate sites (one blog each):
/// the label before the public suffix. `siliconexposed.blogspot.com` and
/// `siliconexposed.blogspot.de` are one site, `a.wordpress.com` and
/// `b.wordpress.com` are two.
pub(crate) static SHARED_HOSTS: &[&str] = &[
    "blogspot", "wordpress", "tumblr", "github", "substack", "medium", "wixsite", "livejournal", "typepad",
    "weebly", "jimdofree", "jimdo", "over-blog", "hatenablog", "canalblog", "netlify", "vercel", "herokuapp",
];

/// Second-level labels under country domains (`co.uk`, `com.au`): the
/// site's name is the label before them.
pub(crate) static GENERIC_SECOND_LEVEL: &[&str] =
    &["co", "com", "net", "org", "gov", "gob", "edu", "ac", "or", "ne", "go", "mil", "nom", "ltd", "plc", "sch"];

/// Teasers: thresholds.
pub(crate) mod teaser {
    /// A teaser block inside the article that holds more than this share of
    /// its text is the article itself (a list-shaped story) and stays.
    pub const BLOCK_MAX_ARTICLE_SHARE: f64 = 0.5;
    /// A headline has at least this many words...
    pub const MIN_TITLE_WORDS: usize = 3;
    /// ...and this many characters. Shorter link texts ("Cut", "High mit
    /// Hefe") count only when the URL looks like an article's.
    pub const MIN_TITLE_CHARS: usize = 15;
    /// Headlines are shorter than this.
    pub const MAX_TITLE_CHARS: usize = 300;
    /// A short headline has at least this many characters.
    pub const MIN_SHORT_TITLE_CHARS: usize = 2;
    /// A block heading is shorter than this.
    pub const MAX_GROUP_CHARS: usize = 80;
    /// No entry of `TEASER_HEADINGS` is longer (in chars): only this much
    /// of a text is lowercased to compare with them.
    pub const MAX_TEASER_HEADING_CHARS: usize = 40;
    /// A header around a block heading (heading plus a "more" link) is shorter than this.
    pub const MAX_HEADER_CHARS: usize = 200;
    /// A plain text label above a block is at most this long...
    pub const MAX_LABEL_CHARS: usize = 60;
    /// ...and has at most this many words.
    pub const MAX_LABEL_WORDS: usize = 8;
    /// A link with this much text on both sides sits inside a sentence.
    pub const INLINE_CONTEXT_CHARS: usize = 20;
    /// A summary has at least this many characters...
    pub const MIN_SUMMARY_CHARS: usize = 30;
    /// ...and this many words, of which one text node (a sentence in one
    /// piece, not a row of labels) has this many characters.
    pub const MIN_SUMMARY_WORDS: usize = 5;
    pub const MIN_SENTENCE_CHARS: usize = 15;
    /// A picture card with a short title counts when this many picture
    /// cards with headlines share its template.
    pub const MIN_TEMPLATE_CARDS: usize = 2;
    /// At most this share of a summary may be links to other pages (bylines,
    /// category links).
    pub const MAX_SUMMARY_LINK_SHARE: f64 = 0.5;
    /// A card links to at most this many different pages.
    pub const MAX_LINKS_PER_CARD: usize = 3;
    /// A card holds at most this many headings (more is a section of a page).
    pub const MAX_HEADINGS_PER_CARD: usize = 4;
    /// A card's text is shorter than this (headline, lead, labels).
    pub const MAX_CARD_CHARS: usize = 1200;
    /// Share of a block's children that must be cards.
    pub const MIN_CARD_SHARE: f64 = 0.6;
    /// How far up from a block its heading is looked for: levels with
    /// siblings before the block...
    pub const GROUP_SEARCH_LEVELS: usize = 3;
    /// ...and levels in all, wrappers without siblings included.
    pub const MAX_GROUP_CLIMB: usize = 8;
    /// A block's name has at most this many words.
    pub const MAX_NAME_WORDS: usize = 6;
    /// How many preceding siblings with content are looked at on each level...
    pub const GROUP_SEARCH_SIBLINGS: usize = 3;
    /// ...and how many siblings at most, empty ones included.
    pub const MAX_SIBLINGS_VISITED: usize = 16;
    /// A badge after a headline ("Vidéo", "Plus") is at most this long.
    pub const MAX_BADGE_CHARS: usize = 20;
    /// How far small scans look: elements for an image in a card or a `<br>`
    /// in a headline, links in a card or a heading. Keeps every step bounded.
    pub const MAX_SCAN: usize = 64;
    /// A box around a single card is recognised among at most this many children.
    pub const MAX_BOX_CHILDREN: usize = 32;
    /// How many ancestors of a block may carry its teaser name.
    pub const NAME_SEARCH_LEVELS: usize = 2;
    /// URL shapes: a run of this many digits is an article id (`-4447431.html`).
    pub const ID_DIGITS: usize = 5;
    /// A slug has at least this many hyphen- or underscore-separated parts...
    pub const SLUG_PARTS: usize = 3;
    /// ...of which this many have letters.
    pub const SLUG_WORDS: usize = 2;
    /// Values of `QUERY_ID_PARAMETERS` with this many digits identify an article (`?p=123`).
    pub const QUERY_ID_DIGITS: usize = 3;
    /// A section page's path has at most this many segments.
    pub const MAX_SECTION_SEGMENTS: usize = 3;
}

/// Roles that mark everything but content (Readability `UNLIKELY_ROLES`).
pub(crate) static UNLIKELY_ROLES: &[&str] =
    &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

/// Hosts of embedded videos worth keeping (Readability `videos`).
pub(crate) static VIDEO_HOSTS: &[&str] = &[
    "//www.dailymotion.com", "//dailymotion.com", "//www.youtube.com", "//youtube.com",
    "//www.youtube-nocookie.com", "//youtube-nocookie.com", "//player.vimeo.com", "//v.qq.com",
    "//archive.org", "//upload.wikimedia.org", "//player.twitch.tv",
];

/// Image file extensions that mark an attribute value as an image URL
/// (Readability's lazy-image rule).
pub(crate) static IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp"];

/// Attributes lazy-loading scripts keep the real image in, most specific first.
pub(crate) static LAZY_SRC_ATTRIBUTES: &[&str] = &[
    "data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src",
    "data-full-src", "data-orig-file", "data-medium-file", "data-large-file",
];
pub(crate) static LAZY_SRCSET_ATTRIBUTES: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-set"];

/// Whole-text matches for blocks that only label an ad or a loading state
/// (Readability `adWords`/`loadingWords`), lowercase.
pub(crate) static AD_WORDS: &[&str] = &[
    "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "anzeige", "广告", "реклама", "anuncio",
    // Ours: more languages.
    "إعلان", "publicidad", "pubblicità", "reklama", "advertentie", "sponsored", "gesponsert",
];
pub(crate) static LOADING_WORDS: &[&str] =
    &["loading", "正在加载", "загрузка", "chargement", "cargando"];

/// Commas in Latin, Arabic, CJK and other scripts (Readability `commas`).
pub(crate) static COMMAS: &[char] =
    &['\u{002C}', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}', '\u{FF0C}'];

/// Pages that list excerpts instead of holding an article (ours).
pub(crate) mod listing {
    /// At least this many headlines linking to other pages of the site...
    pub const MIN_HEADLINES: usize = 3;
    /// ...with less text than this per headline make a list of excerpts.
    pub const MAX_CHARS_PER_HEADLINE: usize = 600;
    /// An entry (a headline and its excerpt) is at most this long...
    pub const MAX_ENTRY_CHARS: usize = 1000;
    /// ...and the entries hold this share of the text.
    pub const ENTRIES_SHARE: f64 = 0.6;
    /// A headline is this much link text...
    pub const HEADLINE_LINK_SHARE: f64 = 0.8;
    /// ...in a link inside it or at most this many levels around it.
    pub const LINK_LEVELS: usize = 2;
    /// Headlines in related, navigation or comment blocks this close above
    /// do not count.
    pub const BLOCK_LEVELS: usize = 4;
    /// An entry is at most this many levels above its headline.
    pub const ENTRY_LEVELS: usize = 16;
}

/// The lead image's caption (ours).
pub(crate) mod lead {
    /// How far above the lead image its figure may be (`figure > a > picture > img`).
    pub const FIGURE_LEVELS: usize = 4;
}

/// Markup hidden in `<noscript>` or template scripts (ours).
pub(crate) mod hidden {
    /// It is read as the page's own when it is at least this long...
    pub const MIN_MARKUP_BYTES: usize = 500;
    /// ...and holds this many paragraphs or line breaks.
    pub const MIN_PARAGRAPHS: usize = 2;
    /// Script types that hold markup a script will insert.
    pub const TEMPLATE_SCRIPT_TYPES: &[&str] = &["text/template"];
}

/// Readability: an aria-hidden image with this in its class is a fallback
/// shown when another fails to load, and is kept.
pub(crate) const FALLBACK_IMAGE_CLASS: &str = "fallback-image";

/// Clutter inside the article (ours): thresholds.
pub(crate) mod clutter {
    /// Named clutter boxes holding less than this share of the article go...
    pub const MAX_SHARE: f64 = 0.5;
    /// ...and those holding this share are the article, parts included.
    pub const PROTECT_SHARE: f64 = 0.8;
    /// Ad containers inside the article are at most this long (a label).
    pub const AD_MAX_CHARS: u32 = 100;
    /// Date lines are at most this long.
    pub const DATE_LINE_MAX_CHARS: u32 = 80;
    /// A "read also" lead-in with its link is at most this long...
    pub const READ_ALSO_MAX_CHARS: u32 = 250;
    /// ...and this much of it is link text (unless it is the label alone).
    pub const READ_ALSO_MIN_LINK_DENSITY: f64 = 0.5;
    /// A label alone is the lead-in plus at most this much (": ", "?", "…").
    pub const LABEL_SLACK_CHARS: usize = 3;
    /// Rules that read an element's text look at most at this many
    /// elements and text nodes (lines and labels are small).
    pub const TEXT_RULE_MAX_ELEMENTS: u32 = 64;
    pub const TEXT_RULE_MAX_TEXTS: u32 = 128;
    /// What is this close below a figure belongs to it (credits, captions).
    pub const FIGURE_LEVELS: usize = 3;
    /// A sign-up call is a short line, at most this long.
    pub const SIGN_UP_MAX_CHARS: u32 = 150;
    /// A source line names its source in at most this many words.
    pub const SOURCE_MAX_WORDS: usize = 8;
    /// A breadcrumb's section names have at most this many words.
    pub const BREADCRUMB_MAX_WORDS: usize = 3;
    /// The label of a group of controls is at most this long.
    pub const CONTROL_LABEL_MAX_CHARS: u32 = 30;
    /// A byline line is at most this long...
    pub const BYLINE_LINE_MAX_CHARS: u32 = 120;
    /// ...and holds at most this many elements.
    pub const BYLINE_LINE_MAX_ELEMENTS: u32 = 16;
}

/// Readability's thresholds, named.
pub(crate) mod readability {
    /// Paragraphs shorter than this are not scored.
    pub const MIN_PARAGRAPH_CHARS: usize = 25;
    /// Up to this many ancestors of a paragraph share its score.
    pub const SCORE_ANCESTORS: usize = 5;
    /// Candidates considered when looking for a better common ancestor.
    pub const TOP_CANDIDATES: usize = 5;
    /// An alternative candidate counts when within this share of the top score.
    pub const ALTERNATIVE_SHARE: f64 = 0.75;
    /// A layout-table cell holding this share of its row's text is the article.
    pub const LAYOUT_CELL_SHARE: f64 = 0.66;
    /// How many alternatives must share an ancestor to move up to it.
    pub const MIN_ALTERNATIVES: usize = 3;
    /// A selection shorter than this retries with looser rules.
    pub const CHAR_THRESHOLD: usize = 500;
    /// Siblings scoring above this share of the top score join it.
    pub const SIBLING_SHARE: f64 = 0.2;
    pub const SIBLING_MIN_SCORE: f64 = 10.0;
    /// Class-weight bonus (share of the top score) for same-class siblings.
    pub const SAME_CLASS_BONUS: f64 = 0.2;
    /// Links with a `#fragment` count this much towards link density.
    pub const HASH_LINK_WEIGHT: f64 = 0.3;
    /// Class or id weight for a positive or negative match.
    pub const CLASS_WEIGHT: i32 = 25;
    /// Share elements shorter than this are removed.
    pub const SHARE_MAX_CHARS: usize = 500;
    /// Bylines are shorter than this.
    pub const BYLINE_MAX_CHARS: usize = 100;
    /// Headers this similar to the title are the title repeated.
    pub const TITLE_SIMILARITY: f64 = 0.75;
    /// Ours: conditional cleaning does not take for a link list or an image
    /// gallery a block with this much plain (non-link) text and fewer links.
    pub const PROSE_MIN_CHARS: f64 = 250.0;
    pub const PROSE_MAX_LINK_DENSITY: f64 = 0.5;
    /// Conditional cleaning leaves elements with this many commas alone.
    pub const CLEAN_MIN_COMMAS: usize = 10;
    /// Ours: an unlikely-named element is kept when a content-named block
    /// inside holds this share of its text.
    pub const NAMED_CONTENT_SHARE: f64 = 0.5;
    /// Ours: an `<article>` this close above the top candidate, holding the
    /// title heading, with fewer links than this, is the article.
    pub const ARTICLE_LEVELS: usize = 6;
    pub const ARTICLE_MAX_LINK_DENSITY: f64 = 0.3;
    /// ...when the top candidate holds less than this share of its text.
    pub const ARTICLE_SPREAD_SHARE: f64 = 0.5;
    /// Ours: a title heading has at most this many text nodes.
    pub const TITLE_HEADING_MAX_TEXTS: u32 = 64;
    /// Ours: a candidate under the title heading replaces a top candidate
    /// elsewhere when it scores this share of it...
    pub const TITLE_CANDIDATE_SHARE: f64 = 0.3;
    /// ...and shares an ancestor with the heading this close above it.
    pub const TITLE_LEVELS: usize = 4;
    /// Ours: an `<aside>` or `<footer>` holding this share of the article
    /// is the article.
    pub const ARTICLE_PART_SHARE: f64 = 0.5;
    /// Ours: a `<footer>` this close below a blockquote or figure is its
    /// attribution.
    pub const ATTRIBUTION_LEVELS: usize = 2;
    /// Ours: a lead is looked for this many levels above the article's
    /// first piece, before it...
    pub const LEAD_LEVELS: usize = 3;
    /// Between the title heading and the body, it is looked for when they
    /// share an ancestor at most this many levels above the body.
    pub const LEAD_TITLE_LEVELS: usize = 6;
    /// ...and is a sentence or a paragraph, not a link.
    pub const LEAD_MIN_CHARS: usize = 40;
    /// An unnamed deck right after the title heading is a sentence of at
    /// least this length.
    pub const DECK_MIN_CHARS: usize = 60;
    /// What ends a sentence: a deck is written in sentences.
    pub const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…'];
    pub const LEAD_MAX_CHARS: usize = 1000;
    pub const LEAD_MAX_LINK_DENSITY: f64 = 0.3;
    /// Ours: when elements with negative class names hold more than this
    /// share of the article, the names do not mark clutter.
    pub const NEGATIVE_LAYOUT_SHARE: f64 = 0.5;
    /// `isProbablyReaderable` defaults.
    pub const READERABLE_MIN_CHARS: usize = 140;
    pub const READERABLE_MIN_SCORE: f64 = 20.0;
}

/// Class token prefixes of taxonomy terms (WordPress and others).
/// Values are matched after "_" became "-": WordPress's "post_tag-…" is "post-tag-…".
pub(crate) static TAXONOMY_PREFIXES: &[&str] = &["category-", "tag-", "post-tag-", "topic-"];

/// Is `url` an embed from a known video host?
pub(crate) fn is_video_url(url: &str) -> bool {
    contains_any_ignoring_case(url, VIDEO_HOSTS)
}

/// Does `value` look like an image URL (Readability: `\.(jpg|jpeg|png|webp)`)?
pub(crate) fn has_image_extension(value: &str) -> bool {
    contains_any_ignoring_case(value, IMAGE_EXTENSIONS)
}

/// Does `haystack` contain one of `needles`, ASCII case ignored? The
/// needles of a list all start with the same byte, not a letter ("//" of
/// hosts, "." of extensions): they are compared only where it occurs.
fn contains_any_ignoring_case(haystack: &str, needles: &[&str]) -> bool {
    let (h, first) = (haystack.as_bytes(), needles[0].as_bytes()[0]);
    debug_assert!(!first.is_ascii_alphabetic() && needles.iter().all(|n| n.as_bytes()[0] == first));
    h.iter().enumerate().any(|(at, &b)| b == first && needles.iter().any(|n| h[at..].get(..n.len()).is_some_and(|piece| piece.eq_ignore_ascii_case(n.as_bytes()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_hosts_and_image_extensions_start_alike_and_match_in_any_case() {
        for list in [VIDEO_HOSTS, IMAGE_EXTENSIONS] {
            let first = list[0].as_bytes()[0];
            assert!(!first.is_ascii_alphabetic() && list.iter().all(|n| n.as_bytes()[0] == first), "{list:?}");
        }
        assert!(is_video_url("https://WWW.YouTube.com/embed/x"));
        assert!(!is_video_url("https://www.youtube.example/embed/x"));
        assert!(has_image_extension("/img/A.JPG?w=1"));
        assert!(!has_image_extension("/img/jpg"));
    }

    #[test]
    fn image_and_video_urls() {
        assert!(has_image_extension("/x/Photo.JPG?w=1"));
        assert!(!has_image_extension("/x/photo.gif"));
        assert!(is_video_url("https://www.youtube.com/embed/x"));
        assert!(!is_video_url("https://ads.example/v"));
    }
}
