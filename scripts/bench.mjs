// Speed in the browser: decant's wasm `extract` against Readability.js on
// DOMParser, page by page in one headless Chromium run, on the pages of the
// Readability corpus. Timed inside the page with performance.now().
//
//   node scripts/bench.mjs [--rounds N]
import { launch } from './chromium.mjs';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, extname } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus/readability');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;

const pages = readdirSync(corpus)
  .filter((d) => existsSync(join(corpus, d, 'source.html')))
  .sort()
  .map((name) => ({ name, html: readFileSync(join(corpus, name, 'source.html'), 'utf8') }));

const files = {
  '/bench.html': `<!doctype html><meta charset=utf-8><title>bench</title>
<script src="/readability.js"></script><script type="module" src="/bench.js"></script>`,
  '/bench.js': `
import init, { extract } from '/decant/js/browser.js';
await init();
const pages = await (await fetch('/pages.json')).json();
const url = 'http://fakehost/test/page.html';
const runDecant = (p) => extract(p.html, { url });
const runReadability = (p) => new Readability(new DOMParser().parseFromString(p.html, 'text/html')).parse();
for (const p of pages) { runDecant(p); runReadability(p); }
const times = pages.map(() => ({ decant: [], readability: [] }));
for (let r = 0; r < ${rounds}; r++) {
  pages.forEach((p, i) => {
    let t = performance.now(); runDecant(p); times[i].decant.push(performance.now() - t);
    t = performance.now(); runReadability(p); times[i].readability.push(performance.now() - t);
  });
}
window.result = pages.map((p, i) => ({ name: p.name, bytes: new TextEncoder().encode(p.html).length, ...times[i] }));
`,
};

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  let body;
  if (files[path]) body = files[path];
  else if (path === '/pages.json') body = JSON.stringify(pages);
  else if (path === '/readability.js') body = readFileSync(join(root, 'node_modules/@mozilla/readability/Readability.js'));
  else if (path.startsWith('/decant/') && !path.includes('..')) body = readFileSync(join(root, path.slice('/decant/'.length)));
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  // Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs.
  res.writeHead(200, {
    'content-type': types[extname(path)] || 'application/octet-stream',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  }).end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/bench.html`);
  await page.waitForFunction(() => window.result, null, { timeout: 600_000 });
  const result = await page.evaluate(() => window.result);
  if (!(await page.evaluate(() => window.crossOriginIsolated))) console.error('warning: not cross-origin isolated; timings are in 100 µs steps');
  report(result);
} finally {
  await browser.close();
  server.close();
}

function report(result) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
  const bytes = result.reduce((s, p) => s + p.bytes, 0);
  const line = (name, key) => {
    const perPage = result.map((p) => median(p[key]));
    const total = perPage.reduce((s, x) => s + x, 0);
    console.log(
      `${name.padEnd(22)} median ${median(perPage).toFixed(2).padStart(6)} ms/page   p90 ${pct(perPage, 0.9).toFixed(2).padStart(6)} ms   total ${total.toFixed(0).padStart(5)} ms   ${(bytes / 1e6 / (total / 1000)).toFixed(1).padStart(6)} MB/s`,
    );
    return median(perPage);
  };
  console.log(`browser (Chromium, ${result.length} pages, ${(bytes / 1e6).toFixed(1)} MB, median of ${rounds} rounds, interleaved page by page)`);
  const d = line('decant (wasm)', 'decant');
  const r = line('Readability+DOMParser', 'readability');
  console.log(`ratio Readability/decant (median per page): ${(r / d).toFixed(2)}x`);
}
