// `Extractor` is disposable (`using extractor = new Extractor()`). Declaring
// Symbol.dispose here keeps these types compiling for projects whose `lib`
// predates it (ES2022 and older); where lib has it, the declarations merge.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** Options for `extract`, `isProbablyReaderable` and `Extractor`. Every field is optional. */
export interface Options {
  /** The page's URL; links and images are made absolute against it (and the page's `<base href>`). */
  url?: string;
  /** The page's encoding label (e.g. from an HTTP header) when you pass bytes; a byte order mark still wins. */
  encoding?: string;
  /** Longer input fails with code `TOO_LARGE`. Default 64 MiB. */
  maxInputBytes?: number;
  /** More elements fail with code `TOO_MANY_ELEMENTS`. Default 2,000,000. */
  maxElements?: number;
  /** Slower extraction fails with code `TIMEOUT`; 0 disables the budget. Default 10,000 ms. */
  timeBudgetMs?: number;
  /** An article shorter than this is retried with looser rules. Default 500 characters. */
  charThreshold?: number;
}

/** A link to another article, as its card shows it. */
export interface Teaser {
  title: string;
  /** Absolute URL of the article. */
  url: string;
  /** The card's lead text, if it has one. */
  summary: string | null;
  /** Absolute URL of the card's image. */
  image: string | null;
  /** Heading of the block the card is in ("Related", "Empfohlen"), or null. */
  group: string | null;
}

/** Minutes to read, for a fast and a slow reader. */
export interface ReadingTime {
  min: number;
  max: number;
}

/** The extracted article. Field names match Readability.js's `parse()`. */
export interface Article {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** The page language (`<html lang>`). */
  lang: string | null;
  /** Text direction of the article (`"ltr"` or `"rtl"`), if the page sets one. */
  dir: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  /** Absolute URL of the article's main image. */
  leadImage: string | null;
  /** The caption the page gives the lead image (its `<figcaption>`). */
  leadImageCaption: string | null;
  /** Clean, safe HTML of the body; null when the page holds no article. */
  content: string | null;
  /** The body as plain text, paragraphs separated by blank lines; null when there is no article. */
  textContent: string | null;
  /** Characters in `textContent`. */
  length: number;
  wordCount: number;
  readingTime: ReadingTime;
  /** Links to other articles shown as cards, in page order. */
  teasers: Teaser[];
}

/** Error codes carried by thrown errors as `error.code`. */
export type ErrorCode =
  | 'EMPTY'
  | 'NOT_HTML'
  | 'TOO_LARGE'
  | 'TOO_MANY_ELEMENTS'
  | 'TIMEOUT'
  | 'INVALID_OPTION'
  | 'INTERNAL';

/** What every function here throws. */
export interface DecantError extends Error {
  code: ErrorCode;
}

/** A page: text, or bytes in any encoding. */
export type Page = string | Uint8Array | ArrayBuffer;

/** Extracts the article and its teasers. Throws a `DecantError` for unreadable input. */
export function extract(html: Page, options?: Options): Article;

/** Readability's quick check: does the page look like it holds an article? */
export function isProbablyReaderable(html: Page, options?: Options): boolean;

/** Streaming extraction: `write` chunks as they arrive, then `finish` once. */
export class Extractor {
  constructor(options?: Options);
  write(chunk: Page): void;
  finish(): Article;
  free(): void;
  [Symbol.dispose](): void;
}

/** What `init` and `initSync` accept: where or what the WebAssembly module is. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module (browsers). Resolves once `extract` can be called. In Node it does nothing. */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<unknown>;

/** Loads the WebAssembly module synchronously from bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): unknown;
