//! Character references (`&amp;`, `&#8217;`, `&#x2F;`), decoded as a browser
//! decodes them. lol_html hands text and attribute values over raw, so every
//! string we read from a page goes through here first.

use crate::entities_table::{LEGACY, NAMES, NAMES_LEN, VALUES, VALUES_LEN};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Where the text came from: attribute values follow a stricter rule for
/// references without a `;` (`?a=1&copy=2` keeps its `&copy`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Text,
    Attribute,
}

const LONGEST_NAME: usize = 32;
const LONGEST_LEGACY_NAME: usize = 6;

/// Decodes all character references in `raw`. Borrows when there are none.
pub(crate) fn decode(raw: &str, context: Context) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', raw.as_bytes()) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(pos) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let consumed = decode_one(rest, context, &mut out);
        rest = &rest[consumed..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference at the start of `s` (which starts with `&`) into
/// `out`; returns how many bytes of `s` it used.
fn decode_one(s: &str, context: Context, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        return decode_numeric(s, out);
    }
    let name_len = bytes[1..].iter().take(LONGEST_NAME).take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = &s[1..1 + name_len];
    if bytes.get(1 + name_len) == Some(&b';') {
        if let Some(value) = lookup(name) {
            out.push_str(value);
            return name_len + 2;
        }
    }
    // Legacy references may omit the `;`; the longest known prefix wins.
    for len in (2..=name_len.min(LONGEST_LEGACY_NAME)).rev() {
        let candidate = &name[..len];
        if LEGACY.binary_search(&candidate).is_err() {
            continue;
        }
        let next = bytes.get(1 + len).copied();
        let ambiguous = matches!(next, Some(b'=')) || next.is_some_and(|b| b.is_ascii_alphanumeric());
        if context == Context::Attribute && ambiguous {
            break;
        }
        if let Some(value) = lookup(candidate) {
            out.push_str(value);
            return len + 1;
        }
    }
    out.push('&');
    1
}

fn lookup(name: &str) -> Option<&'static str> {
    let starts = starts();
    let entry = |table: &'static str, at: &[u16], i: usize| &table[at[i] as usize..at[i + 1] as usize];
    let (mut lo, mut hi) = (0, NAMES_LEN.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match entry(NAMES, &starts.names, mid).cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(entry(VALUES, &starts.values, mid)),
        }
    }
    None
}

/// Where each name and value starts in the tables (and, one past the last,
/// where the tables end): the generated lengths added up, once.
struct Starts {
    names: Box<[u16]>,
    values: Box<[u16]>,
}

fn starts() -> &'static Starts {
    static STARTS: OnceLock<Starts> = OnceLock::new();
    STARTS.get_or_init(|| {
        let add_up = |lens: &[u8]| {
            let at = lens.iter().scan(0u16, |at, &len| {
                *at += u16::from(len);
                Some(*at)
            });
            std::iter::once(0).chain(at).collect()
        };
        Starts { names: add_up(&NAMES_LEN), values: add_up(&VALUES_LEN) }
    })
}

fn decode_numeric(s: &str, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    let (radix, start) = match bytes.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let digits = bytes[start..].iter().take_while(|&&b| (b as char).is_digit(radix)).count();
    if digits == 0 {
        out.push('&');
        return 1;
    }
    let mut code: u32 = 0;
    for &b in &bytes[start..start + digits] {
        let d = (b as char).to_digit(radix).unwrap_or(0);
        code = code.saturating_mul(radix).saturating_add(d);
    }
    out.push(numeric_char(code));
    let end = start + digits;
    if bytes.get(end) == Some(&b';') {
        end + 1
    } else {
        end
    }
}

/// The HTML standard's fix-ups for numeric references.
fn numeric_char(code: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = match code {
        0x80..=0x9F => WINDOWS_1252[(code - 0x80) as usize],
        _ => code,
    };
    match code {
        0 => '\u{FFFD}',
        c => char::from_u32(c).unwrap_or('\u{FFFD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, Context::*};

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode("a &amp; b", Text), "a & b");
        assert_eq!(decode("&lt;p&gt;", Text), "<p>");
        assert_eq!(decode("&#8217;&#x2019;&#X2019;", Text), "\u{2019}\u{2019}\u{2019}");
        assert_eq!(decode("&NewLine;&Tab;&colon;", Text), "\n\t:");
        assert_eq!(decode("&copy 2024", Text), "\u{a9} 2024");
        assert_eq!(decode("&notit;", Text), "\u{ac}it;");
        assert_eq!(decode("&#128;", Text), "\u{20ac}");
        assert_eq!(decode("&#0;&#x110000;&#xD800;", Text), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(decode("&#106&#97", Text), "ja");
    }

    #[test]
    fn the_tables_add_up() {
        let starts = super::starts();
        assert_eq!(starts.names.last().map(|&n| n as usize), Some(super::NAMES.len()));
        assert_eq!(starts.values.last().map(|&n| n as usize), Some(super::VALUES.len()));
        // The first, the middle and the last name, each with its value.
        assert_eq!(decode("&AElig;&gnapprox;&zwnj;", Text), "\u{c6}\u{2a8a}\u{200c}");
    }

    #[test]
    fn leaves_unknown_and_bare_ampersands() {
        assert_eq!(decode("AT&T & co", Text), "AT&T & co");
        assert_eq!(decode("&unknown;", Text), "&unknown;");
        assert_eq!(decode("&#;&#x;", Text), "&#;&#x;");
        assert_eq!(decode("trailing &", Text), "trailing &");
    }

    #[test]
    fn attributes_keep_ambiguous_legacy_references() {
        assert_eq!(decode("?a=1&copy=2", Attribute), "?a=1&copy=2");
        assert_eq!(decode("?a=1&copyx", Attribute), "?a=1&copyx");
        assert_eq!(decode("?a=1&copy;", Attribute), "?a=1\u{a9}");
        assert_eq!(decode("?a=1&copy=2", Text), "?a=1\u{a9}=2");
    }
}
