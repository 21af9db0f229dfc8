// Shared by the end-to-end tests: Chromium, small local servers, and a
// watch on console errors and CSP violations. Everything is served on
// 127.0.0.1; requests to any other host never leave the browser (images get a
// generated placeholder, everything else is aborted).

import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { mimeTypes, root, start } from '../../scripts/serve.mjs';

export { root };
export { launch } from '../../scripts/chromium.mjs';
export const seedHTML = readFileSync(join(root, 'www/samples/dtz-beistandspakt.html'), 'utf8');
export const seedURL = 'https://www.dtz-online.example/politik/putin-und-kim-schliessen-militaerischen-beistandspakt-46812';
export const seedTitle = 'Putin und Kim schließen militärischen Beistandspakt';
export const screenshots = join(root, 'target/screenshots');
mkdirSync(screenshots, { recursive: true });

/** Waits until the reader page shows an article. */
export const articleShown = page => page.waitForSelector('#article:not([hidden]) h1.title');

/** The reader (scripts/serve.mjs) on a free port. */
export const startReader = () => start({ port: 0 });

/**
 * Another site on another port: `routes` maps a path to { body, headers };
 * `files` maps a path prefix to a folder (absolute, or in the repository).
 */
export async function startSite({ routes = {}, files = {} } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = routes[path];
    if (route) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...route.headers }).end(route.body);
      return;
    }
    for (const [prefix, dir] of Object.entries(files)) {
      if (!path.startsWith(prefix) || path.includes('..')) continue;
      try {
        const body = readFileSync(resolve(root, dir, path.slice(prefix.length)));
        res.writeHead(200, { 'Content-Type': mimeTypes[extname(path)] ?? 'application/octet-stream' }).end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise(done => { server.close(() => done()); server.closeAllConnections(); }),
  };
}

const local = url => ['127.0.0.1', 'localhost'].includes(new URL(url).hostname) || !/^https?:/.test(url);

/** A calm generated picture for an outside image URL (the same URL gives the same picture). */
function placeholder(url) {
  let hash = 0;
  for (const c of url) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 35% 62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 40% 38%)"/></linearGradient></defs>
<rect width="1200" height="675" fill="url(#g)"/><circle cx="${300 + (hash % 600)}" cy="260" r="150" fill="hsl(${hue} 50% 85% / .35)"/>
<path d="M0 520 L300 380 L520 500 L800 330 L1200 560 L1200 675 L0 675Z" fill="hsl(${hue} 30% 25% / .45)"/></svg>`;
}

/** A fresh context whose requests stay on this machine. */
export async function newContext(browser, options = {}) {
  // A fixed time zone and language, so dates and "More" headings do not depend on the machine.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-GB', ...options });
  await context.route(url => !local(url.href), route => route.request().resourceType() === 'image'
    ? route.fulfill({ contentType: 'image/svg+xml', body: placeholder(route.request().url()) })
    : route.abort('blockedbyclient'));
  return context;
}

/** Collects console errors, uncaught exceptions and CSP violations of a page. */
export function watch(page) {
  const problems = [];
  page.on('console', message => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`exception: ${error.message}`));
  return problems;
}

/** Runs the bookmarklet the way a browser runs a bookmark: its percent-decoded source. */
export function runBookmarklet(page, href) {
  if (!href.startsWith('javascript:')) throw new Error(`not a bookmarklet: ${href.slice(0, 40)}`);
  return page.evaluate(decodeURIComponent(href.slice('javascript:'.length)));
}

/**
 * A fresh page in a fresh context, with console errors, exceptions and CSP
 * violations (also report-only ones) collected in `problems`.
 */
export async function watchedPage(browser, options = {}) {
  const context = await newContext(browser, options);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', event => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}
