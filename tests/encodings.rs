//! Every text encoding a page can declare, and the ways it can declare it:
//! byte order mark, `<meta charset>`, `<meta http-equiv>`, a label from
//! outside (HTTP), nothing at all — and a wrong declaration over valid UTF-8,
//! which must not turn into mojibake. Pages are encoded here with
//! `encoding_rs`; each must give the right title and text, one-shot and
//! streamed in small chunks (which split multi-byte characters).

use decant::{Article, Options};
use encoding_rs::Encoding;

/// How the page says what it is.
#[derive(Clone, Copy, Debug)]
enum Declared {
    /// `<meta charset=LABEL>`
    Charset(&'static str),
    /// `<meta http-equiv=Content-Type content="text/html; charset=LABEL">`
    HttpEquiv(&'static str),
    /// Nothing in the page.
    Nothing,
}

/// The page as text, before encoding.
fn page(title: &str, sentence: &str, declared: Declared) -> String {
    let meta = match declared {
        Declared::Charset(label) => format!("<meta charset=\"{label}\">"),
        Declared::HttpEquiv(label) => format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"),
        Declared::Nothing => String::new(),
    };
    let para = format!("<p>{}</p>\n", format!("{sentence} ").repeat(6).trim_end());
    format!(
        "<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>\
         <nav><a href=/>Home</a></nav><article><h1>{title}</h1>\n{}</article></body></html>",
        para.repeat(4)
    )
}

fn encode(text: &str, label: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(label.as_bytes()).unwrap_or_else(|| panic!("label {label}"));
    let (bytes, used, unmappable) = encoding.encode(text);
    assert_eq!(used, encoding, "{label} encodes as itself");
    assert!(!unmappable, "{label} cannot encode the test text");
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

/// Extracts one-shot and in chunks of 1, 2, 3 and 7 bytes; all must agree.
fn extract(bytes: &[u8], options: &Options) -> Article {
    let whole = decant::extract(bytes, options).expect("extracts");
    for size in [1, 2, 3, 7] {
        let mut x = decant::Extractor::new(options.clone());
        for chunk in bytes.chunks(size) {
            x.write(chunk).unwrap();
        }
        assert_eq!(x.finish().as_ref(), Ok(&whole), "chunks of {size} bytes");
    }
    whole
}

fn check(what: &str, bytes: &[u8], options: &Options, title: &str, sentence: &str) {
    let a = extract(bytes, options);
    assert_eq!(a.title.as_deref(), Some(title), "{what}: title");
    let text = a.text_content.unwrap_or_default();
    assert!(text.contains(sentence), "{what}: text {:?}", text.chars().take(120).collect::<String>());
    assert!(!text.contains('\u{FFFD}'), "{what}: replacement characters");
}

/// Title and sentence per encoding, in the language it is made for.
const CASES: &[(&str, &str, &str)] = &[
    ("windows-1252", "Größe, café und “Anführungszeichen”", "Die Straße war naß, das Café voll, und der Preis lag bei 5 € – für alle."),
    ("iso-8859-2", "Zażółć gęślą jaźń", "Příliš žluťoučký kůň úpěl ďábelské ódy, a jeszcze łódź płynęła."),
    ("iso-8859-15", "Œuvres à voir", "L'œuvre coûte 20 € ; Šárka et Žofie l'ont vue, ça vaut le détour."),
    ("shift_jis", "日本語のニュース記事", "東京では今日、新しい防波堤の工事が始まりました。住民は長い間待っていました。"),
    ("gbk", "中文新闻标题", "港口小镇的议会投票决定重建旧海堤，工程将持续整个夏天。"),
    ("euc-kr", "한국어 뉴스 기사", "항구 마을 의회는 화요일에 오래된 방파제를 다시 짓기로 결정했습니다."),
    ("koi8-r", "Русская статья", "Городской совет проголосовал за восстановление старой дамбы, работы займут всё лето."),
    ("windows-1251", "Новости дня", "Жители набережной долго ждали этого решения, и теперь оно принято."),
    ("iso-8859-7", "Ελληνικά νέα", "Το δημοτικό συμβούλιο αποφάσισε να ξαναχτίσει το παλιό λιμάνι."),
    ("windows-1256", "أخبار اليوم", "قرر مجلس المدينة إعادة بناء الجدار البحري القديم هذا الصيف."),
    ("big5", "中文新聞標題", "港口小鎮的議會投票決定重建舊海堤，工程將持續整個夏天。"),
    ("euc-jp", "日本語の記事", "港町の議会は古い防波堤を再建することを決めました。"),
];

#[test]
fn declared_with_meta_charset() {
    for &(label, title, sentence) in CASES {
        let bytes = encode(&page(title, sentence, Declared::Charset(label)), label);
        check(label, &bytes, &Options::new(), title, sentence);
    }
}

#[test]
fn declared_with_http_equiv() {
    for &(label, title, sentence) in CASES {
        let bytes = encode(&page(title, sentence, Declared::HttpEquiv(label)), label);
        check(label, &bytes, &Options::new(), title, sentence);
    }
}

#[test]
fn declared_from_outside_the_page() {
    // An HTTP Content-Type charset, given as an option, for an undeclared page.
    for &(label, title, sentence) in CASES {
        let bytes = encode(&page(title, sentence, Declared::Nothing), label);
        check(label, &bytes, &Options::new().with_encoding(label).unwrap(), title, sentence);
    }
}

#[test]
fn byte_order_marks() {
    let (title, sentence) = ("Größe 日本 Русский", "Ünïcödé text with 日本語 and Кириллица, all in one.");
    let text = page(title, sentence, Declared::Nothing);
    check("utf-16le", &utf16(&text, false), &Options::new(), title, sentence);
    check("utf-16be", &utf16(&text, true), &Options::new(), title, sentence);
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(text.as_bytes());
    check("utf-8 bom", &bom8, &Options::new(), title, sentence);
    // A byte order mark beats a contrary declaration and an outside label.
    let declared = page(title, sentence, Declared::Charset("shift_jis"));
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(declared.as_bytes());
    check("utf-8 bom over shift_jis", &bom8, &Options::new().with_encoding("koi8-r").unwrap(), title, sentence);
    check("utf-16le over shift_jis", &utf16(&declared, false), &Options::new(), title, sentence);
    // A page that declares UTF-16 in ASCII bytes is read as UTF-8 (the standard says so).
    let fake16 = page(title, sentence, Declared::Charset("utf-16"));
    check("declared utf-16", fake16.as_bytes(), &Options::new(), title, sentence);
}

#[test]
fn a_wrong_declaration_over_valid_utf8_gives_no_mojibake() {
    let (title, sentence) = ("Größe und Maß", "Die Größe des Gebäudes überrascht; 東京 und Москва auch, natürlich.");
    for label in ["iso-8859-1", "windows-1252", "shift_jis", "koi8-r", "gbk", "iso-8859-2"] {
        for declared in [Declared::Charset(label), Declared::HttpEquiv(label)] {
            let text = page(title, sentence, declared);
            check(label, text.as_bytes(), &Options::new(), title, sentence);
        }
        // Also when the wrong label comes from outside.
        let text = page(title, sentence, Declared::Nothing);
        check(label, text.as_bytes(), &Options::new().with_encoding(label).unwrap(), title, sentence);
    }
}

#[test]
fn undeclared_pages() {
    // Valid UTF-8 without a declaration is UTF-8.
    let (title, sentence) = ("Größe 日本", "Undeclared UTF-8: Größe, 日本語, Кириллица, and “quotes”.");
    let text = page(title, sentence, Declared::Nothing);
    check("undeclared utf-8", text.as_bytes(), &Options::new(), title, sentence);
    // Legacy bytes without a declaration are windows-1252, the web's default.
    let (title, sentence) = ("Größe, café", "Die Straße war naß, das Café voll, und der Preis lag bei 5 €.");
    let bytes = encode(&page(title, sentence, Declared::Nothing), "windows-1252");
    check("undeclared windows-1252", &bytes, &Options::new(), title, sentence);
    // Latin-1 declared as UTF-8 (a common lie): not valid UTF-8, so windows-1252.
    let bytes = encode(&page(title, sentence, Declared::Charset("utf-8")), "windows-1252");
    check("latin-1 declared utf-8", &bytes, &Options::new(), title, sentence);
}

#[test]
fn the_non_ascii_text_starts_late() {
    // The first non-ASCII byte after 20 kB of ASCII, past every window the
    // decoder judges the encoding on, for a declared legacy page.
    let (title, sentence) = ("Zażółć gęślą jaźń", "Příliš žluťoučký kůň úpěl ďábelské ódy.");
    let filler = "<p>Plain ASCII text to push the first accented letter far into the page.</p>\n".repeat(300);
    let text = page(title, sentence, Declared::Charset("iso-8859-2")).replacen("<article>", &format!("<article>{filler}"), 1);
    let bytes = encode(&text, "iso-8859-2");
    let a = extract(&bytes, &Options::new());
    assert_eq!(a.title.as_deref(), Some(title));
    assert!(a.text_content.unwrap().contains(sentence));
}

#[test]
fn labels_are_read_like_a_browser_reads_them() {
    let (title, sentence) = ("Русская статья", "Городской совет проголосовал за восстановление старой дамбы.");
    for (declaration, label) in [
        ("<meta charset=KOI8-R>", "koi8-r"),
        ("<meta charset=' koi8-r '>", "koi8-r"),
        ("<META HTTP-EQUIV=content-type CONTENT='text/html;charset=\"koi8-r\"'>", "koi8-r"),
        ("<meta content=\"text/html; charset=cp1251\" http-equiv=\"Content-Type\">", "windows-1251"),
        ("<!-- <meta charset=utf-8> --><meta charset=windows-1251>", "windows-1251"),
    ] {
        let text = page(title, sentence, Declared::Nothing).replacen("<head>", &format!("<head>{declaration}"), 1);
        check(declaration, &encode(&text, label), &Options::new(), title, sentence);
    }
}
