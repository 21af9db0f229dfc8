//! Tests for the output-safety checker in `tests/common/safety.rs`, so that a
//! green decant XSS suite means something: dangerous HTML must be flagged and
//! ordinary article HTML must not be.

// Native only: reads vectors.json from disk and uses serde_json.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::safety::*;

/// Returns the inputs for which `unsafe_findings` reports nothing.
fn unflagged<'a>(inputs: &[&'a str]) -> Vec<&'a str> {
    inputs
        .iter()
        .copied()
        .filter(|html| unsafe_findings(html).is_empty())
        .collect()
}

#[test]
fn dangerous_outputs_are_flagged() {
    let dangerous = [
        // script and friends
        "<script>alert(1)</script>",
        "<p>x<SCRIPT SRC=https://evil.example/x.js></SCRIPT></p>",
        "<svg><script>alert(1)</script></svg>",
        "<template><img src=x onerror=alert(1)></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/x.swf\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<form><input name=q></form>",
        "<xmp>x</xmp>",
        "<plaintext>x",
        // event handlers, however spelled
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<img/src=\"x\"/onerror=alert(1)>",
        "<image src=x onerror=alert(1)>",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)>-->",
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        "<details open ontoggle=alert(1)>",
        // forbidden attributes
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<button formaction=\"https://evil.example/\">x</button>",
        "<a xlink:href=\"https://ok.example/\">x</a>",
        "<p xmlns=\"http://www.w3.org/1999/xhtml\">x</p>",
        // URL schemes, after browser URL clean-up
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript&colon;alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"\u{1}\u{1f} javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"data:image/svg+xml;base64,PHN2Zy8+\">x</a>",
        "<img src=\"data:text/html;base64,PHN2Zy8+\">",
        "<img srcset=\"x.jpg 1x, javascript:alert(1) 2x\">",
        "<img srcset=\"x.jpg 1x,javascript:alert(1)\">",
        "<picture><source srcset=\"javascript:alert(1)\"><img src=x.jpg></picture>",
        "<video poster=\"javascript:alert(1)\"></video>",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<a href=\"https://ok.example/\" ping=\"javascript:alert(1)\">x</a>",
        // DOM clobbering
        "<img name=cookie src=x.jpg>",
        "<a id=location href=#x>x</a>",
    ];
    let missed = unflagged(&dangerous);
    assert!(
        missed.is_empty(),
        "checker missed dangerous HTML: {missed:#?}"
    );
}

#[test]
fn safe_outputs_are_not_flagged() {
    let safe = [
        "",
        "plain text",
        "<p>a &lt;script&gt; b</p>",
        "<p>&#60;img src=x onerror=alert(1)&#62;</p>",
        "<p>if (a < b && c > d) return;</p>",
        "<a href=\"https://x.example/\">x</a>",
        "<a href=\"HTTPS://X.EXAMPLE/\">x</a>",
        "<a href=\"http://x.example/?q=javascript:alert(1)\">x</a>",
        "<a href=\"mailto:editor@x.example?subject=hi\">mail</a>",
        "<a href=\"#fn1\">1</a>",
        "<a href=\"/relative/path\">x</a>",
        "<a href=\"javascript-guide.html\">x</a>",
        "<a href=\"./javascript:alert(1)\">x</a>",
        "<a href=\"//cdn.x.example/a\">x</a>",
        "<img src=\"data:image/png;base64,AAAA\" alt=\"\">",
        "<img src=\"DATA:IMAGE/SVG+XML;base64,PHN2Zy8+\" alt=\"\">",
        "<img src=\"https://x.example/a.jpg\" srcset=\"https://x.example/a.jpg 1x, https://x.example/b,c.jpg 2x\">",
        "<img srcset=\"data:image/png;base64,AAAA 1x, b.jpg (max-width: 5px, 1px) 2x\">",
        "<picture><source srcset=\"https://x.example/a.webp\" type=\"image/webp\"><img src=\"a.jpg\"></picture>",
        "<blockquote cite=\"https://x.example/src\"><p>quote</p></blockquote>",
        "<h2 id=\"intro\">Intro</h2><p>See <a href=\"#intro\">intro</a>.</p>",
        "<figure><img src=\"https://x.example/a.jpg\" alt=\"onerror=alert(1)\"><figcaption>cap</figcaption></figure>",
        "<pre><code>&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
        "<ul><li>one</li></ul><ol start=\"3\"><li>three</li></ol><hr><br>",
        "<p>comment follows<!-- harmless --></p>",
    ];
    for html in safe {
        assert_safe(html);
    }
}

#[test]
#[should_panic(expected = "onerror")]
fn assert_safe_panics_and_names_the_problem() {
    assert_safe("<p>ok</p><img src=x onerror=alert(1)>");
}

#[test]
fn every_problem_is_reported() {
    let findings = unsafe_findings(
        "<a href=\"javascript:x\" onclick=\"y\" style=\"z\">a</a><script></script>",
    );
    assert_eq!(findings.len(), 4, "{findings:#?}");
}

#[test]
fn template_contents_and_foreign_content_are_walked() {
    let f = unsafe_findings("<template><p><a href=\"javascript:alert(1)\">x</a></p></template>");
    assert!(f.iter().any(|m| m.contains("javascript")), "{f:#?}");
    let f = unsafe_findings("<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>");
    assert!(f.iter().any(|m| m.contains("javascript")), "{f:#?}");
    assert!(f.iter().any(|m| m.contains("svg:a")), "{f:#?}");
}

#[test]
fn parses_like_inner_html_with_scripting_enabled() {
    // With scripting enabled <noscript> is raw text, so this <img> is live.
    let f = unsafe_findings("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">");
    assert!(f.iter().any(|m| m.contains("onerror")), "{f:#?}");
    // Encoded markup stays text; unquoted `/` belongs to the attribute value.
    assert!(unsafe_findings("&lt;img src=x onerror=alert(1)&gt;").is_empty());
    assert!(unsafe_findings("<img/src=x/onerror=alert(1)>").is_empty());
    // A NUL inside the scheme becomes U+FFFD, which makes the URL relative.
    assert!(unsafe_findings("<a href=\"java\0script:alert(1)\">x</a>").is_empty());
}

#[test]
fn odd_input_does_not_panic() {
    // html5ever is quadratic in nesting depth, so keep this modest.
    let deep = "<div>".repeat(3_000) + "<img src=x onerror=alert(1)>";
    assert_eq!(unsafe_findings(&deep).len(), 1);
    let long_attr = format!("<a href=\"{}\">x</a>", "j".repeat(1_000_000));
    assert!(unsafe_findings(&long_attr).is_empty());
    for odd in [
        "<",
        "</",
        "<!",
        "<!--",
        "<a href",
        "<a href=\"",
        "&",
        "&#",
        "&#x",
        "&#xFFFFFFFF;",
        "\0",
        "\u{FEFF}",
        "\u{10FFFF}",
        "<table><td><select><option><template>",
        "<svg><math>",
        "<img srcset=\",,,\">",
        "<img srcset=\" ( , )\">",
        "<a href=\":\">",
        "<a href=\"data:\">",
        "<img src=\"data:\">",
        "<img src=\"\u{1}\">",
    ] {
        let _ = unsafe_findings(odd);
    }
}

#[test]
fn xss_vectors_file_is_well_formed() {
    const CATEGORIES: &[&str] = &[
        "script",
        "javascript-url",
        "event-handler",
        "foreign-content",
        "rawtext-breakout",
        "comment-cdata",
        "markup-breakout",
        "dangerous-element",
        "clobbering-misc",
        "benign-tricky",
    ];
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xss/vectors.json");
    let text = std::fs::read_to_string(path).expect("read vectors.json");
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("parse vectors.json");
    assert!(vectors.len() >= 80, "only {} vectors", vectors.len());
    let mut names = std::collections::HashSet::new();
    for v in &vectors {
        let name = v["name"].as_str().expect("name");
        let category = v["category"].as_str().expect("category");
        let html = v["html"].as_str().expect("html");
        assert!(names.insert(name), "duplicate vector name {name}");
        assert!(
            CATEGORIES.contains(&category),
            "{name}: unknown category {category}"
        );
        assert_eq!(
            v["attack"].as_bool(),
            Some(category != "benign-tricky"),
            "{name}: attack flag"
        );
        if category == "benign-tricky" {
            // Benign vectors are safe as written; decant must keep them so.
            assert!(
                unsafe_findings(html).is_empty(),
                "{name}: {:?}",
                unsafe_findings(html)
            );
        }
    }
    for category in CATEGORIES {
        let n = vectors
            .iter()
            .filter(|v| v["category"] == *category)
            .count();
        assert!(n >= 5, "category {category} has only {n} vectors");
    }
}
