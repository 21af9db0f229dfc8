// scripts/serve.mjs and scripts/build-www.mjs, without a browser: layout,
// MIME types, headers, what it refuses, ports, and the static build.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readerPolicy, start } from '../../scripts/serve.mjs';
import { root } from './helpers.mjs';

let server;
before(async () => { server = await start({ port: 0 }); });
after(() => server?.close());

const get = (path, init) => fetch(new URL(path, server.url), init);

test('serves the reader and the package files with their MIME types', async () => {
  for (const [path, type] of [
    ['/', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/article.css', 'text/css; charset=utf-8'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml'],
    ['/decant/js/browser.js', 'text/javascript; charset=utf-8'],
    ['/decant/pkg/decant.js', 'text/javascript; charset=utf-8'],
    ['/decant/pkg/decant_bg.wasm', 'application/wasm'],
  ]) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), type, path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  }
  assert.deepEqual(
    Buffer.from(await (await get('/decant/pkg/decant_bg.wasm')).arrayBuffer()),
    readFileSync(join(root, 'pkg/decant_bg.wasm')),
  );
});

test('the reader page has a strict CSP; what the bookmarklet loads has CORS; samples are sandboxed', async () => {
  const page = await get('/');
  const csp = page.headers.get('content-security-policy');
  assert.equal(csp, readerPolicy);
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'"]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.equal(page.headers.get('access-control-allow-origin'), null);
  // The <meta> copy of the policy (for hosts without headers) says the same, less what only a header can say.
  const meta = (await page.text()).match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(meta, readerPolicy.replace("; frame-ancestors 'none'", ''));

  for (const path of ['/bookmarklet.js', '/render.js', '/article.css', '/overlay.css', '/decant/js/browser.js', '/decant/pkg/decant.js', '/decant/pkg/decant_bg.wasm']) {
    assert.equal((await get(path)).headers.get('access-control-allow-origin'), '*', path);
  }
  // Every sample of the gallery, whether in www/samples/ or a test fixture.
  const { samples } = await import('../../www/samples/samples.js');
  for (const { file } of samples) {
    const sample = await get(`/samples/${file}`);
    assert.equal(sample.status, 200, file);
    assert.match(sample.headers.get('content-security-policy'), /sandbox/, file);
    assert.match(await sample.text(), /<html|<!doctype/i, file);
  }
});

test('refuses paths outside www/ and the package files, and methods other than GET/HEAD', async () => {
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/decant/../Cargo.toml', '/decant/pkg/decant_bg.wasm.d.ts', '/decant/js/node.js', '/%00', '/nope']) {
    const response = await fetch(`${server.url.slice(0, -1)}${path}`);
    assert.equal(response.status, 404, path);
  }
  assert.equal((await get('/', { method: 'POST' })).status, 405);
  assert.equal((await get('/', { method: 'HEAD' })).status, 200);
});

test('listens on 127.0.0.1 only, and moves to the next port when one is taken', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const blocker = createServer();
  await new Promise(ok => blocker.listen(0, '127.0.0.1', ok));
  const taken = blocker.address().port;
  const next = await start({ port: taken });
  try {
    assert.notEqual(next.port, taken);
    assert.ok(next.port > taken && next.port <= taken + 20);
  } finally {
    await next.close();
    blocker.close();
  }
});

test('build-www assembles a deployable folder with the same layout and a _headers file', () => {
  execFileSync(process.execPath, ['scripts/build-www.mjs'], { cwd: root, stdio: 'pipe' });
  const out = join(root, 'target/www');
  for (const file of ['index.html', 'app.js', 'bookmarklet.js', 'sw.js', 'samples/dtz-beistandspakt.html', 'decant/js/browser.js', 'decant/pkg/decant.js', 'decant/pkg/decant_bg.wasm']) {
    assert.ok(existsSync(join(out, file)), file);
  }
  const headers = readFileSync(join(out, '_headers'), 'utf8');
  assert.ok(headers.includes(`/\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Content-Security-Policy: ${readerPolicy}`));
  assert.match(headers, /\/bookmarklet\.js\n(  .*\n)*  Access-Control-Allow-Origin: \*/);
});

test('the whole reader page, wasm included, stays small (gzipped)', async () => {
  // Everything the service worker keeps for offline use is what the page loads.
  const shell = readFileSync(join(root, 'www/sw.js'), 'utf8').match(/const SHELL = \[([^\]]+)\]/)[1].match(/'[^']+'/g).map(s => s.slice(1, -1));
  let total = 0;
  const sizes = {};
  for (const path of [...shell, 'sw.js']) {
    const res = await get(path === './' ? '/' : `/${path}`);
    assert.equal(res.status, 200, path);
    const body = Buffer.from(await res.arrayBuffer());
    sizes[path] = gzipSync(body, { level: 9 }).length;
    total += sizes[path];
  }
  const wasm = sizes['decant/pkg/decant_bg.wasm'];
  console.log(`# page weight (gzip -9): ${(total / 1024).toFixed(1)} KiB, of which wasm ${(wasm / 1024).toFixed(1)} KiB, JS+CSS+HTML ${((total - wasm) / 1024).toFixed(1)} KiB`);
  // 48 KiB after issue 20 (worker, read aloud, shared controls, errors, history): 56 leaves room, no more.
  assert.ok(total - wasm < 56 * 1024, `the app without the wasm is ${total - wasm} bytes gzipped`);
  assert.ok(total < 420 * 1024, `the page is ${total} bytes gzipped`);
});
