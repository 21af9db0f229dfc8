// What the reader page says when it cannot read a page: for each failure,
// what happened and what to do, worded for the control it came from
// (pasted HTML, a file, a sample, a page handed over by the bookmarklet).
// screen.* catch what decant should never be given: an address in the HTML
// box, a binary file, a file over the size limit.

export const MAX_BYTES = 64 * 1024 * 1024; // decant's default maxInputBytes

const megabytes = bytes => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

const saveHint = 'In the browser, use File › Save Page As… (“Web Page, HTML only”) and open that file here.';

const texts = {
  ADDRESS: () => 'decant reads the page\u2019s HTML; it cannot fetch addresses: save the page or use the bookmarklet. (The address is now in the address field, for the links.)',
  EMPTY: source => source === 'paste'
    ? 'The box is empty. Paste the page\u2019s HTML: open the page, choose View Page Source (Ctrl+U), select all and copy.'
    : `This page is empty. ${saveHint}`,
  NOT_HTML: source => source === 'paste'
    ? 'This does not look like a page\u2019s HTML. Paste the page\u2019s source, which starts with <!doctype html> or <html>, or open the saved file instead.'
    : `This file does not look like a web page. ${saveHint}`,
  BINARY: (_, error) => `This file is not a web page: it holds ${error.kind ?? 'binary data'}. Open the .html file your browser saved (File › Save Page As…).`,
  NOT_A_PAGE_FILE: () => 'Drop an .html file (a page saved from the browser) to read it.',
  TOO_LARGE: (_, error) => `${error.size ? `This file is ${megabytes(error.size)}; ` : 'This page is too large: '}decant reads pages up to ${megabytes(MAX_BYTES)}. Save the page as “Web Page, HTML only”, which leaves the pictures out, and open that file.`,
  TOO_MANY_ELEMENTS: () => 'This page has more elements than decant reads (2 million). Save the article\u2019s own page, not a long listing or comment thread, and try again.',
  TIMEOUT: () => 'Reading this page took longer than 10 seconds, so decant stopped. Save the article\u2019s own page and try again.',
  INVALID_OPTION: source => source === 'page'
    ? 'decant could not read this page: the page\u2019s address is not a web address.'
    : 'The address is not a web address. Enter it in full, starting with https://, or leave the field empty.',
  BAD_ADDRESS: () => 'The address is not a web address. Enter it in full, starting with https://, or leave the field empty.',
  NO_ARTICLE: source => source === 'paste' || source === 'file'
    ? 'decant found no article on this page. It reads pages that hold one article; a home page, a search or a list of links has none. Open the article itself.'
    : 'decant found no article on this page.',
};

/** The message for a failure (an error with a `code`) from `source`. */
export function describe(error, source) {
  const text = texts[error?.code];
  if (text) return text(source, error);
  return `Something went wrong while reading this page (${error?.message ?? error}). Please report it, with the page if you can.`;
}

const MAGIC = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG picture'],
  [[0xff, 0xd8, 0xff], 'a JPEG picture'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF picture'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .epub, .docx or .zip file)'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

export const screen = {
  /** 'ADDRESS' for a lone web address, 'EMPTY' for blank text, else null. */
  text(value) {
    const text = value.trim();
    if (!text) return 'EMPTY';
    if (/^(?:https?:\/\/|www\.)\S+$/i.test(text)) return 'ADDRESS';
    return null;
  },
  size: bytes => (bytes > MAX_BYTES ? 'TOO_LARGE' : null),
  /** 'EMPTY', 'BINARY' (NUL bytes or a known binary signature) or null. */
  bytes(bytes) {
    if (!bytes.length) return 'EMPTY';
    if (screen.kind(bytes)) return 'BINARY';
    const head = bytes.subarray(0, 4096);
    // UTF-16 pages carry NUL bytes: their byte order mark says so.
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    return !utf16 && head.includes(0) ? 'BINARY' : null;
  },
  /** What a binary file is, by its signature ("a PDF document"), or null. */
  kind: bytes => MAGIC.find(([magic]) => magic.every((b, i) => bytes[i] === b))?.[1] ?? null,
};
