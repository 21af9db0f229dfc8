// Extraction off the main thread: the same package and wasm as the page, in
// a module worker. The page stays responsive and can show progress while a
// big page is read; the article comes back with its content already split
// into pieces (chunks.js) for rendering between frames.
//
//   page -> worker  { id, page, options }    page: string, ArrayBuffer or Uint8Array
//   worker -> page  { type: 'ready' }  or  { type: 'failed', message }   once, at start
//                   { id, type: 'progress', done, total }                  while reading
//                   { id, type: 'done', article, layout }                  article.content moved to layout
//                   { id, type: 'error', error: { code, message } }

import init, { Extractor } from './decant/js/browser.js';
import { splitContent } from './chunks.js';

const STEP = 1 << 20; // characters or bytes per write, and per progress report

const ready = init().then(
  () => postMessage({ type: 'ready' }),
  error => {
    postMessage({ type: 'failed', message: String(error?.message ?? error) });
    throw error;
  },
);

/** `page` in pieces of about STEP, never splitting a surrogate pair. */
function* pieces(page) {
  for (let at = 0; at < page.length;) {
    let end = Math.min(page.length, at + STEP);
    if (typeof page === 'string' && end < page.length && /[\uD800-\uDBFF]/.test(page[end - 1])) end += 1;
    yield [typeof page === 'string' ? page.slice(at, end) : page.subarray(at, end), end];
    at = end;
  }
}

function read(id, page, options) {
  const bytes = page instanceof ArrayBuffer ? new Uint8Array(page) : page;
  const extractor = new Extractor(options);
  try {
    for (const [piece, done] of pieces(bytes)) {
      extractor.write(piece);
      postMessage({ id, type: 'progress', done, total: bytes.length });
    }
    const article = extractor.finish();
    const layout = article.content ? splitContent(article.content) : null;
    article.content = null;
    postMessage({ id, type: 'done', article, layout });
  } finally {
    extractor.free();
  }
}

addEventListener('message', async ({ data }) => {
  const { id, page, options } = data ?? {};
  try {
    await ready;
    read(id, page, options ?? {});
  } catch (error) {
    postMessage({ id, type: 'error', error: { code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) } });
  }
});
