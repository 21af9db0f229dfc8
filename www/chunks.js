// Splits decant's `content` into pieces that parse on their own, so a long
// article can be put on screen a piece at a time, between frames, instead of
// in one task. Used in the extraction worker and, where there is no worker,
// on the main thread.
//
// The content is decant's own serialization: every element is closed, every
// attribute value quoted, `<` in text escaped. A scan of tags is enough to
// find where one top-level node ends and the next begins. Anything the scan
// does not expect gives a single piece: never a wrong one.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** The index after the `>` of the tag opening at `at`, skipping quoted attribute values; -1 if unclosed. */
function tagEnd(html, at) {
  let quote = null;
  for (let i = at + 1; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return -1;
}

/**
 * The top-level nodes of `html` as [start, end, openEnd, closeStart] spans
 * (openEnd and closeStart only for elements), or null when the markup is not
 * balanced as expected.
 */
function topLevel(html) {
  const spans = [];
  let depth = 0, start = 0, openEnd = -1, i = 0;
  const text = end => {
    if (depth === 0 && end > start) spans.push([start, end, -1, -1]);
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (depth === 0) text(lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) return null;
      i = end + 3;
      if (depth === 0) start = i;
      continue;
    }
    const end = tagEnd(html, lt);
    if (end < 0) return null;
    const closing = html[lt + 1] === '/';
    const name = (html.slice(lt + (closing ? 2 : 1), lt + 40).match(/^[a-zA-Z][^\s/>]*/)?.[0] ?? '').toLowerCase();
    if (!name) return null;
    if (closing) {
      depth -= 1;
      if (depth < 0) return null;
      if (depth === 0) {
        spans.push([start, end, openEnd, lt]);
        start = end;
      }
    } else if (VOID.has(name) || html[end - 2] === '/') {
      if (depth === 0) {
        spans.push([lt, end, end, end]);
        start = end;
      }
    } else if (RAW.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, end);
      if (close < 0) return null;
      i = tagEnd(html, close);
      if (i < 0) return null;
      if (depth === 0) {
        spans.push([lt, i, end, close]);
        start = i;
      }
      continue;
    } else {
      if (depth === 0) {
        start = lt;
        openEnd = end;
      }
      depth += 1;
    }
    i = end;
  }
  if (depth !== 0) return null;
  if (start < html.length) spans.push([start, html.length, -1, -1]);
  return spans;
}

/**
 * Splits `html` into `{ open, close, pieces }`: the wrapper elements the
 * content sits in (their start and end tags) and runs of whole nodes of about
 * `size` characters inside the innermost one. Joined back, open + pieces +
 * close is `html` (less the whitespace around a lone wrapper).
 */
export function splitContent(html, size = 48 * 1024) {
  const open = [], close = [];
  let inner = html;
  for (;;) {
    if (inner.length <= size) return { open, close, pieces: [inner] };
    const spans = topLevel(inner);
    if (!spans) return { open, close, pieces: [inner] };
    const nodes = spans.filter(([s, e, o]) => o >= 0 || inner.slice(s, e).trim());
    if (nodes.length === 1 && nodes[0][2] >= 0 && nodes[0][3] > nodes[0][2]) {
      const [s, e, o, c] = nodes[0];
      // Whitespace around a lone wrapper carries nothing.
      open.push(inner.slice(s, o));
      close.unshift(inner.slice(c, e));
      inner = inner.slice(o, c);
      continue;
    }
    const pieces = [];
    let from = 0;
    for (const [, end] of spans) {
      if (end - from >= size) {
        pieces.push(inner.slice(from, end));
        from = end;
      }
    }
    if (from < inner.length) pieces.push(inner.slice(from));
    return { open, close, pieces };
  }
}
