// The npm package as users get it: `npm pack`, installed into an empty
// folder, used from Node, type-checked, and loaded in Chromium four ways
// (import map, relative import, an esbuild bundle with the README's recipe,
// a Vite build with no configuration).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launch, newContext, root, seedHTML, seedTitle, startSite, watch } from './helpers.mjs';

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let temp, packed, app, site, browser;
before(async () => {
  temp = mkdtempSync(join(tmpdir(), 'decant-pack-'));
  // prepack would rebuild the wasm; the build is done before the tests run.
  [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], root));
  app = join(temp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(temp, packed.filename)], app);
  writeFileSync(join(app, 'page.html'), seedHTML);

  // esbuild resolves 'decant' through the package's "browser" export; it
  // does not follow new URL(…, import.meta.url), so the README's recipe
  // imports the wasm as a file (--loader:.wasm=file) and hands it to init.
  const bundleDir = join(temp, 'bundle');
  copyFileSync(join(root, 'tests/e2e/pages/use-decant-esbuild.js'), join(app, 'entry-esbuild.js'));
  await build({
    entryPoints: [join(app, 'entry-esbuild.js')],
    absWorkingDir: app,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    loader: { '.wasm': 'file' },
    outdir: bundleDir,
    entryNames: 'bundle',
    logLevel: 'silent',
  });
  copyFileSync(join(root, 'tests/e2e/pages/bundle.html'), join(bundleDir, 'bundle.html'));

  // Vite, with no configuration at all: it follows the package's
  // new URL('../pkg/decant_bg.wasm', import.meta.url) and emits the wasm.
  const viteApp = join(app, 'vite-app');
  mkdirSync(viteApp);
  writeFileSync(join(viteApp, 'index.html'), readFileSync(join(root, 'tests/e2e/pages/bundle.html'), 'utf8').replace('bundle.js', '/main.js').replace('esbuild', 'Vite'));
  copyFileSync(join(root, 'tests/e2e/pages/use-decant.js'), join(viteApp, 'main.js'));
  const vite = await import('vite');
  await vite.build({
    root: viteApp,
    configFile: false,
    logLevel: 'silent',
    base: '/vite/',
    cacheDir: join(temp, 'vite-cache'),
    build: { outDir: join(temp, 'vite'), emptyOutDir: true },
  });

  site = await startSite({
    routes: { '/seed.html': { body: seedHTML } },
    // The import-map and relative-import pages load the installed tarball's files.
    files: { '/js/': join(app, 'node_modules/decant/js/'), '/pkg/': join(app, 'node_modules/decant/pkg/'), '/tests/e2e/pages/': 'tests/e2e/pages/', '/bundle/': bundleDir, '/vite/': join(temp, 'vite') },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

test('npm pack ships only what is needed, under 400 KB', () => {
  const files = packed.files.map(f => f.path).sort();
  const required = ['js/browser.js', 'js/decant.d.ts', 'js/node.js', 'package.json', 'pkg/decant.js', 'pkg/decant_bg.wasm'];
  for (const file of required) assert.ok(files.includes(file), `${file} is packed`);
  const extra = files.filter(f => !required.includes(f) && !/^(README\.md|LICENSE)$/.test(f));
  assert.deepEqual(extra, [], 'nothing else is packed');
  assert.ok(packed.size < 400 * 1024, `tarball is ${packed.size} bytes`);
  console.log(`# npm pack: ${packed.filename} ${(packed.size / 1024).toFixed(1)} KiB (unpacked ${(packed.unpackedSize / 1024).toFixed(1)} KiB)`);
});

test('the command from the issue prints the title (node -e, installed from the tarball)', () => {
  // As written in the issue: `node -e` code is CommonJS, so require() is
  // there, and import() loads the package's ESM "node" entry.
  const code = "import('decant').then(m => console.log(m.extract(require('fs').readFileSync('page.html','utf8'), {url: 'https://example.org/a'}).title))";
  assert.equal(run(process.execPath, ['-e', code], app).trim(), seedTitle);
});

test('Node (ESM): extract, streaming, bytes and error codes', () => {
  writeFileSync(join(app, 'use.mjs'), `
import { extract, Extractor, isProbablyReaderable } from 'decant';
import { readFileSync } from 'node:fs';
const bytes = readFileSync('page.html');
const article = extract(bytes, { url: 'https://www.dtz-online.example/politik/a' });
const extractor = new Extractor({ url: 'https://www.dtz-online.example/politik/a' });
for (let i = 0; i < bytes.length; i += 1000) extractor.write(bytes.subarray(i, i + 1000));
const streamed = extractor.finish();
let code = null;
try { extract(''); } catch (error) { code = error.code; }
console.log(JSON.stringify({ title: article.title, teasers: article.teasers.length, same: streamed.title === article.title, readable: isProbablyReaderable(bytes), code }));
`);
  assert.deepEqual(JSON.parse(run(process.execPath, ['use.mjs'], app)), { title: seedTitle, teasers: 4, same: true, readable: true, code: 'EMPTY' });
});

test('the TypeScript types compile under strict settings with an ES2022 lib', () => {
  run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tests/e2e/types'], root);
});

for (const [name, path] of [
  ['an import map', 'tests/e2e/pages/importmap.html'],
  ['a relative import', 'tests/e2e/pages/relative.html'],
  ['an esbuild bundle (the README\'s recipe)', 'bundle/bundle.html'],
  ['a Vite build with no configuration', 'vite/index.html'],
]) {
  test(`in Chromium through ${name}, the package extracts the article`, async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${site.url}${path}`);
    await page.waitForFunction(() => document.getElementById('title').textContent !== '…');
    assert.equal(await page.textContent('#title'), seedTitle);
    assert.equal(await page.textContent('#teasers'), '4');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the esbuild bundle stays small (the wasm is separate)', () => {
  const size = readFileSync(join(temp, 'bundle/bundle.js')).length;
  assert.ok(size < 40 * 1024, `bundle.js is ${size} bytes`);
});

test('in Node the module is compiled at import: the first extract() takes under 50 ms', () => {
  writeFileSync(join(app, 'first.mjs'), `
import { readFileSync } from 'node:fs';
const html = readFileSync('page.html', 'utf8');
let t = performance.now();
const { extract } = await import('decant');
const imported = performance.now() - t;
t = performance.now();
extract(html, { url: 'https://www.dtz-online.example/politik/a' });
console.log(JSON.stringify({ imported, first: performance.now() - t }));
`);
  // Best of three fresh processes: the machine is shared.
  const runs = [0, 1, 2].map(() => JSON.parse(run(process.execPath, ['first.mjs'], app)));
  const best = Math.min(...runs.map(r => r.first));
  console.log(`# Node: import ${runs.map(r => r.imported.toFixed(0)).join('/')} ms, first extract ${runs.map(r => r.first.toFixed(1)).join('/')} ms`);
  assert.ok(best < 50, `first extract took ${best.toFixed(1)} ms`);
});
