//! The `decant` command: extract articles from files.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use decant::{Article, Error, Options};
    use std::io::{Read, Write};

    const USAGE: &str = "usage: decant [--url URL] [--encoding LABEL] [--format json|html|text] [--check] [FILE|-]
       decant --batch MANIFEST.json

Extracts the article and its teasers from an HTML page (FILE, or standard
input when FILE is - or missing) and prints it: as JSON (default), as the
clean HTML, or as plain text followed by the teasers.
  --url URL         the page's URL, to make links absolute
  --encoding LABEL  the page's encoding, if known from outside the page
  --format FORMAT   json, html or text
  --check           only say whether the page looks like an article
                    (prints true/false; exit code 0 or 1)
  --batch FILE      a JSON array of {\"id\", \"file\", \"url\"}: prints one JSON
                    object {id: article or {\"error\": message}}; a \"url\"
                    that is not an absolute URL is ignored (links stay
                    relative), so one odd entry does not cost its page
Exit codes: 0 ok, 1 not readerable (--check), 2 unreadable input, 64 usage.";

    enum Format {
        Json,
        Html,
        Text,
    }

    struct Args {
        url: Option<String>,
        encoding: Option<String>,
        format: Format,
        check: bool,
        batch: Option<String>,
        file: Option<String>,
    }

    fn parse(args: Vec<String>) -> Result<Args, String> {
        let mut a = Args { url: None, encoding: None, format: Format::Json, check: false, batch: None, file: None };
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--url" => a.url = Some(value("--url")?),
                "--encoding" => a.encoding = Some(value("--encoding")?),
                "--format" => {
                    a.format = match value("--format")?.as_str() {
                        "json" => Format::Json,
                        "html" => Format::Html,
                        "text" => Format::Text,
                        other => return Err(format!("unknown format {other:?}")),
                    }
                }
                "--check" => a.check = true,
                "--batch" => a.batch = Some(value("--batch")?),
                "-h" | "--help" => return Err(String::new()),
                "-" => a.file = None,
                s if s.starts_with('-') => return Err(format!("unknown option {s}")),
                s => {
                    if a.file.is_some() {
                        return Err("only one FILE".into());
                    }
                    a.file = Some(s.to_string());
                }
            }
        }
        Ok(a)
    }

    pub fn run(args: Vec<String>) -> i32 {
        let args = match parse(args) {
            Ok(a) => a,
            Err(msg) if msg.is_empty() => {
                println!("{USAGE}");
                return 0;
            }
            Err(msg) => {
                eprintln!("decant: {msg}\n{USAGE}");
                return 64;
            }
        };
        if let Some(manifest) = &args.batch {
            return batch(manifest);
        }
        let input = match read_input(args.file.as_deref()) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("decant: {e}");
                return 2;
            }
        };
        let options = match options(args.url.as_deref(), args.encoding.as_deref()) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("decant: {e}");
                return 64;
            }
        };
        if args.check {
            return match decant::is_probably_readerable(&input, &options) {
                Ok(yes) => {
                    println!("{yes}");
                    if yes {
                        0
                    } else {
                        1
                    }
                }
                Err(e) => fail(&e),
            };
        }
        match decant::extract(&input, &options) {
            Ok(article) => {
                let out = match args.format {
                    Format::Json => serde_json::to_string_pretty(&article).unwrap_or_default(),
                    Format::Html => article.content.clone().unwrap_or_default(),
                    Format::Text => as_text(&article),
                };
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{out}");
                0
            }
            Err(e) => fail(&e),
        }
    }

    fn fail(e: &Error) -> i32 {
        eprintln!("decant: {e}");
        2
    }

    fn options(url: Option<&str>, encoding: Option<&str>) -> Result<Options, Error> {
        let mut o = Options::new();
        if let Some(u) = url {
            o = o.with_url(u)?;
        }
        if let Some(e) = encoding {
            o = o.with_encoding(e)?;
        }
        Ok(o)
    }

    fn read_input(file: Option<&str>) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        match file {
            Some(path) => {
                buf = std::fs::read(path).map_err(|e| std::io::Error::new(e.kind(), format!("cannot read {path}: {e}")))?;
            }
            None => {
                std::io::stdin().read_to_end(&mut buf)?;
            }
        }
        Ok(buf)
    }

    /// Plain text: title, byline, the text, then the teasers.
    fn as_text(a: &Article) -> String {
        let mut out = String::new();
        if let Some(t) = &a.title {
            out.push_str(t);
            out.push_str("\n\n");
        }
        if let Some(b) = &a.byline {
            out.push_str(b);
            out.push_str("\n\n");
        }
        match &a.text_content {
            Some(t) => out.push_str(t),
            None => out.push_str("(no article found)"),
        }
        let mut group: Option<&Option<String>> = None;
        for t in &a.teasers {
            if group != Some(&t.group) {
                out.push_str("\n\n## ");
                out.push_str(t.group.as_deref().unwrap_or("More"));
                out.push('\n');
                group = Some(&t.group);
            }
            out.push_str(&format!("\n- {}\n  {}", t.title, t.url));
            if let Some(s) = &t.summary {
                out.push_str(&format!("\n  {s}"));
            }
        }
        out
    }

    fn batch(manifest: &str) -> i32 {
        let text = match std::fs::read_to_string(manifest) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("decant: cannot read {manifest}: {e}");
                return 2;
            }
        };
        let entries: Vec<serde_json::Value> = match serde_json::from_str(&text) {
            Ok(serde_json::Value::Array(a)) => a,
            _ => {
                eprintln!("decant: {manifest} is not a JSON array of {{id, file, url}}");
                return 64;
            }
        };
        let mut out = serde_json::Map::new();
        for e in entries {
            let id = e.get("id").and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let file = e.get("file").and_then(|v| v.as_str()).unwrap_or_default();
            // A manifest URL that is not absolute is ignored, as a page without one.
            let url = e.get("url").and_then(|v| v.as_str()).filter(|u| Options::new().with_url(*u).is_ok());
            let result = std::fs::read(file)
                .map_err(|err| format!("cannot read {file}: {err}"))
                .and_then(|bytes| {
                    let o = options(url, None).map_err(|e| e.to_string())?;
                    let caught = std::panic::catch_unwind(|| decant::extract(&bytes, &o));
                    match caught {
                        Ok(r) => r.map_err(|e| e.to_string()),
                        Err(_) => Err("internal panic".to_string()),
                    }
                });
            let value = match result {
                Ok(article) => serde_json::to_value(&article).unwrap_or(serde_json::Value::Null),
                Err(msg) => serde_json::json!({ "error": msg }),
            };
            out.insert(id, value);
        }
        println!("{}", serde_json::Value::Object(out));
        0
    }
}
