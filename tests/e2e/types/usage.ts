// Compiled with `tsc --noEmit` by package.test.mjs: the package's types, as a
// user writes against them, under strict settings and an ES2022 lib.
import init, { extract, isProbablyReaderable, Extractor, initSync } from 'decant';
import type { Article, DecantError, ErrorCode, Options, Teaser, ReadingTime } from 'decant';

await init();
await init(new URL('https://cdn.example/decant_bg.wasm'));
await init({ module_or_path: fetch('/decant_bg.wasm') });
initSync({ module: new Uint8Array(8) });

const options: Options = { url: 'https://example.org/a', encoding: 'windows-1252', maxInputBytes: 1 << 20, maxElements: 10_000, timeBudgetMs: 0, charThreshold: 500 };
const article: Article = extract('<p>text</p>', options);
const title: string | null = article.title;
const time: ReadingTime = article.readingTime;
const minutes: number = time.max - time.min;
const first: Teaser | undefined = article.teasers[0];
const group: string | null = first?.group ?? null;
const readable: boolean = isProbablyReaderable(new Uint8Array([60, 112, 62]));

const extractor = new Extractor({ url: 'https://example.org/a' });
extractor.write('<p>chunk</p>');
extractor.write(new TextEncoder().encode('<p>bytes</p>'));
const streamed: Article = extractor.finish();
extractor.free();

try {
  extract('');
} catch (error) {
  const code: ErrorCode = (error as DecantError).code;
  console.log(code === 'EMPTY');
}

// @ts-expect-error: options are checked
extract('<p>x</p>', { url: 42 });
// @ts-expect-error: only text or bytes are pages
extract(42);

console.log(title, minutes, group, readable, streamed.wordCount);
