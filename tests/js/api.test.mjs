// The npm package in Node.js: `import { extract } from 'decant'` with no init step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { extract, isProbablyReaderable, Extractor } from 'decant';

const seedDir = new URL('../../../shared/fixtures/dtz-beistandspakt/', import.meta.url);
const page = readFileSync(new URL('source.html', seedDir), 'utf8');
const expected = JSON.parse(readFileSync(new URL('expected.json', seedDir), 'utf8'));

test('init is a no-op in Node and extract works right away', async () => {
  await init();
  const a = extract(page, { url: expected.url });
  assert.equal(a.title, expected.title);
  assert.equal(a.siteName, expected.siteName);
  assert.equal(a.lang, expected.lang);
  assert.equal(a.publishedTime, expected.publishedTime);
  assert.equal(a.leadImage, expected.leadImage);
  assert.equal(a.leadImageCaption, 'Putin und Kim schließen militärischen Beistandspakt / Foto: © POOL/AFP');
  assert.match(a.byline, /Zhukova/);
  assert.equal(a.teasers.length, 4);
  assert.deepEqual(a.teasers.map((t) => t.url), expected.teasers.map((t) => t.url));
  assert.ok(a.teasers.every((t) => t.group === 'Empfohlen' && t.summary && t.image.startsWith('https://')));
  assert.ok(!a.textContent.includes('Textgröße ändern'));
});

test('the result is a plain object with exactly the documented fields', () => {
  const a = extract(page, { url: expected.url });
  assert.equal(Object.getPrototypeOf(a), Object.prototype);
  assert.deepEqual(Object.keys(a).sort(), [
    'byline', 'content', 'dir', 'excerpt', 'leadImage', 'leadImageCaption', 'lang', 'length', 'publishedTime',
    'readingTime', 'siteName', 'teasers', 'textContent', 'title', 'wordCount',
  ].sort());
  assert.equal(a.dir, null);
  assert.equal(a.length, [...a.textContent].length);
});

test('errors are Error objects with a code', () => {
  for (const [input, options, code] of [
    ['', undefined, 'EMPTY'],
    ['plain text without any markup', undefined, 'NOT_HTML'],
    [page, { url: 'not a url' }, 'INVALID_OPTION'],
    [page, { maxElements: 10 }, 'TOO_MANY_ELEMENTS'],
    [page, { maxInputBytes: 1000 }, 'TOO_LARGE'],
    [42, undefined, 'INVALID_OPTION'],
  ]) {
    assert.throws(() => extract(input, options), (e) => e instanceof Error && e.code === code && e.message.length > 0);
  }
});

test('bytes are decoded as the page declares, and streaming matches one-shot', () => {
  const bytes = new TextEncoder().encode(page);
  const x = new Extractor({ url: expected.url });
  for (let i = 0; i < bytes.length; i += 333) x.write(bytes.subarray(i, i + 333));
  assert.deepEqual(x.finish(), extract(page, { url: expected.url }));
  const latin1 = Uint8Array.from([...'<html><head><meta charset="iso-8859-1"><title>Gr\xfc\xdfe aus K\xf6ln - Blatt</title></head><body><p>x</p></body></html>'].map((c) => c.charCodeAt(0)));
  assert.equal(extract(latin1).title, 'Grüße aus Köln - Blatt');
});

test('isProbablyReaderable', () => {
  assert.equal(isProbablyReaderable(page), true);
  assert.equal(isProbablyReaderable('<html><body><nav><a href="/">Home</a></nav></body></html>'), false);
});
