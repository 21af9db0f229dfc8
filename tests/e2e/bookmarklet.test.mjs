// The bookmarklet on other sites (a second 127.0.0.1 port): the overlay and
// how cleanly it goes away, and the fallback to the reader page where the
// site's CSP does not let it run.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { articleShown, launch, newContext, runBookmarklet, screenshots, seedHTML, seedTitle, startReader, startSite } from './helpers.mjs';

let reader, site, browser, href;

// The site's own styles try hard to reach into the overlay; a script adds a
// paragraph after load, so only the live DOM has it.
const hostile = `<style>
* { color: rgb(255, 0, 0) !important; font-family: monospace !important; letter-spacing: 3px !important; text-transform: uppercase !important; }
p, h1 { font-size: 40px !important; background: rgb(0, 255, 0) !important; }
dialog, decant-reader { opacity: 0.1 !important; }
</style>`;
const live = `<script>
document.addEventListener('DOMContentLoaded', () => {
  const p = document.createElement('p');
  p.textContent = 'Dieser Absatz wurde erst im Browser von einem Skript eingefügt, nachdem die Seite geladen war, und steht nur im lebenden Dokument.';
  document.querySelector('.article-body, article').append(p);
});
</script>`;
const page = (extraHead = '') => seedHTML.replace('</head>', `${extraHead}</head>`);

before(async () => {
  reader = await startReader();
  const origin = reader.url.slice(0, -1);
  site = await startSite({
    routes: {
      '/article.html': { body: page(hostile + live) },
      '/plain.html': { body: page() },
      '/csp.html': { body: page(), headers: { 'Content-Security-Policy': "script-src 'self'" } },
      // Our module may load here, but WebAssembly may not be compiled.
      '/no-wasm.html': { body: page(), headers: { 'Content-Security-Policy': `script-src 'self' ${origin}; connect-src 'self' ${origin}` } },
      // Our module and WebAssembly may run here, but no worker may start.
      '/no-worker.html': { body: page(), headers: { 'Content-Security-Policy': `script-src 'self' ${origin} 'wasm-unsafe-eval'; connect-src 'self' ${origin}; worker-src 'none'` } },
    },
  });
  browser = await launch();
  const context = await newContext(browser);
  const readerPage = await context.newPage();
  await readerPage.goto(reader.url);
  href = await readerPage.getAttribute('#bookmarklet', 'href');
  await context.close();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await reader?.close();
});

/** Everything the page is made of, as it looks: DOM, computed styles, scroll, focus, sheets, listeners. */
async function snapshot(page) {
  const state = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    styles: [...document.querySelectorAll('*')].map(el => {
      const style = getComputedStyle(el);
      return `${el.tagName}:${[...style].map(name => `${name}=${style.getPropertyValue(name)}`).join(';')}`;
    }),
    scroll: [window.scrollX, window.scrollY],
    focus: document.activeElement?.outerHTML.slice(0, 80),
    sheets: [document.styleSheets.length, document.adoptedStyleSheets.length],
    globals: Object.keys(window).length,
  }));
  // Playwright's actions add listeners of their own to the window (from a
  // script of theirs); those are not counted.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable');
  const playwright = new Map();
  const fromPlaywright = async id => {
    if (!playwright.has(id)) {
      const { scriptSource } = await cdp.send('Debugger.getScriptSource', { scriptId: id });
      playwright.set(id, scriptSource.includes('__playwright_global_listeners_check__'));
    }
    return playwright.get(id);
  };
  state.listeners = {};
  for (const target of ['window', 'document', 'document.documentElement', 'document.body']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    const own = [];
    for (const listener of listeners) if (!(await fromPlaywright(listener.scriptId))) own.push(listener.type);
    state.listeners[target] = own.sort();
  }
  await cdp.detach();
  return state;
}

function assertSame(after, before) {
  if (after.html !== before.html) {
    let i = 0;
    while (after.html[i] === before.html[i]) i++;
    assert.fail(`DOM changed at ${i}: …${before.html.slice(i - 80, i + 80)}… became …${after.html.slice(i - 80, i + 80)}…`);
  }
  assert.equal(after.styles.length, before.styles.length, 'same elements');
  after.styles.forEach((style, i) => assert.equal(style, before.styles[i], `computed style of element ${i}`));
  assert.deepEqual(after.scroll, before.scroll, 'scroll position');
  assert.equal(after.focus, before.focus, 'focus');
  assert.deepEqual(after.sheets, before.sheets, 'style sheets');
  assert.equal(after.globals, before.globals, 'no new globals');
  assert.deepEqual(after.listeners, before.listeners, 'event listeners');
}

test('the loader is a short javascript: URL for the reader it was served from', () => {
  assert.match(href, /^javascript:/);
  const source = decodeURIComponent(href.slice('javascript:'.length));
  assert.ok(href.length < 1000, `${href.length} bytes`);
  assert.ok(source.includes(JSON.stringify(reader.url)), 'points at this reader');
});

test('on another site the overlay shows the article, keeps the page\'s styles out, and closes cleanly', async () => {
  const context = await newContext(browser);
  const tab = await context.newPage();
  await tab.goto(`${site.url}article.html`);
  await tab.evaluate(() => window.scrollTo(0, 300));
  await tab.focus('a[href]');
  const before = await snapshot(tab);

  await runBookmarklet(tab, href);
  const dialog = tab.locator('decant-reader dialog[open]');
  await dialog.waitFor();
  assert.equal(await dialog.locator('h1').textContent(), seedTitle);
  assert.equal(await dialog.locator('.teasers a.card').count(), 4);
  assert.match(await dialog.locator('.body').textContent(), /steht nur im lebenden Dokument/, 'extracted from the live DOM');
  const look = await dialog.locator('.body p').first().evaluate(p => {
    const style = getComputedStyle(p);
    return {
      color: style.color, size: style.fontSize, font: style.fontFamily, background: style.backgroundColor,
      spacing: style.letterSpacing, transform: style.textTransform, opacity: getComputedStyle(p.closest('dialog')).opacity,
    };
  });
  assert.notEqual(look.color, 'rgb(255, 0, 0)', 'page colour kept out');
  assert.equal(look.size, '19px', 'page font size kept out');
  assert.doesNotMatch(look.font, /^monospace$/);
  assert.equal(look.background, 'rgba(0, 0, 0, 0)');
  assert.equal(look.opacity, '1');
  assert.deepEqual([look.spacing, look.transform], ['normal', 'none'], 'inherited page styles kept out');
  assert.equal(await tab.evaluate(() => document.activeElement?.tagName), 'DECANT-READER', 'focus moves into the overlay');
  // caret: 'initial', or Playwright leaves style="" on the page's inputs.
  await tab.screenshot({ path: join(screenshots, 'overlay.png'), caret: 'initial' });

  // The overlay's own controls. (dispatchEvent: Playwright's click() leaves
  // listeners of its own on the page's window.)
  await dialog.getByRole('button', { name: 'Larger text' }).dispatchEvent('click');
  assert.equal(await dialog.locator('.body p').first().evaluate(p => getComputedStyle(p).fontSize), '21px');
  await tab.keyboard.press('Escape');
  await tab.locator('decant-reader').waitFor({ state: 'detached' });
  assertSame(await snapshot(tab), before);

  // Again, closed with its button this time, then once more with the bookmarklet itself.
  await runBookmarklet(tab, href);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: /^Close/ }).dispatchEvent('click');
  await tab.locator('decant-reader').waitFor({ state: 'detached' });
  assertSame(await snapshot(tab), before);
  await runBookmarklet(tab, href);
  await dialog.waitFor();
  await runBookmarklet(tab, href);
  await tab.locator('decant-reader').waitFor({ state: 'detached' });
  assertSame(await snapshot(tab), before);
  await context.close();
});

test('overlay screenshot in dark mode', async () => {
  const context = await newContext(browser, { colorScheme: 'dark' });
  const tab = await context.newPage();
  await tab.goto(`${site.url}plain.html`);
  await runBookmarklet(tab, href);
  await tab.locator('decant-reader dialog[open]').waitFor();
  await tab.screenshot({ path: join(screenshots, 'overlay-dark.png') });
  await context.close();
});

async function fallback(path) {
  const context = await newContext(browser);
  const tab = await context.newPage();
  await tab.goto(`${site.url}${path}`);
  const before = await snapshot(tab);
  const popup = tab.waitForEvent('popup');
  await runBookmarklet(tab, href);
  const readerTab = await popup;
  await articleShown(readerTab);
  assert.equal(new URL(readerTab.url()).origin, new URL(reader.url).origin, 'the page went to our reader only');
  assert.equal(await readerTab.textContent('#article h1'), seedTitle);
  assert.equal(await readerTab.locator('#teasers a.card').count(), 4);
  assert.equal(await readerTab.getAttribute('#article .source a', 'href'), `${site.url}${path}`);
  assert.equal(await readerTab.evaluate(() => window.opener), null, 'the reader lets go of the page');
  assert.equal(await tab.locator('decant-reader').count(), 0);
  assertSame(await snapshot(tab), before);
  await context.close();
}

test('where the CSP blocks our script (script-src \'self\'), the reader page opens with the article', () => fallback('csp.html'));

test('where the CSP blocks WebAssembly, the reader page opens with the article', () => fallback('no-wasm.html'));

test('the reader takes a page only from the window that opened it, with its nonce, from the page\'s own origin', async () => {
  const context = await newContext(browser);
  const tab = await context.newPage();
  await tab.goto(`${site.url}plain.html`);
  const popup = tab.waitForEvent('popup');
  await tab.evaluate(target => {
    window.readerWindow = window.open(`${target}?from=bookmarklet`);
    window.nonce = new Promise(resolve => addEventListener('message', e => {
      if (e.source === window.readerWindow && e.data?.type === 'decant:ready') resolve(e.data.nonce);
    }));
  }, reader.url);
  const readerTab = await popup;
  const origin = new URL(reader.url).origin;
  const post = message => tab.evaluate(([m, o]) => window.nonce.then(nonce => window.readerWindow.postMessage({ type: 'decant:page', nonce, ...m }, o)), [message, origin]);
  await post({ nonce: 'guessed', url: `${site.url}plain.html`, html: '<title>Wrong nonce</title>' });
  await post({ url: 'https://elsewhere.example/', html: '<title>Wrong origin</title>' });
  await readerTab.waitForTimeout(300);
  assert.equal(await readerTab.isVisible('#article'), false, 'ignored: wrong nonce, or a URL of another origin');
  await post({ url: `${site.url}plain.html`, html: seedHTML });
  await articleShown(readerTab);
  assert.equal(await readerTab.textContent('#article h1'), seedTitle);
  await context.close();
});

test('the overlay has the settings changed in the reader, its shortcuts, settings panel and read aloud, and extracts in a worker', async () => {
  const context = await newContext(browser);
  const readerPage = await context.newPage();
  await readerPage.goto(reader.url);
  await readerPage.getByRole('button', { name: 'Settings' }).click();
  const panel = readerPage.getByRole('dialog', { name: 'Reading settings' });
  await panel.getByRole('radio', { name: 'Sepia' }).check();
  await panel.getByRole('radio', { name: 'Sans' }).check();
  await panel.getByRole('slider', { name: 'Word spacing' }).focus();
  await readerPage.keyboard.press('ArrowRight');
  const carried = await readerPage.getByRole('link', { name: 'decant', exact: true }).getAttribute('href');
  assert.ok(carried.length < 1200, `${carried.length} bytes`);

  const tab = await context.newPage();
  const workers = [];
  tab.on('worker', worker => workers.push(worker.url()));
  await tab.goto(`${site.url}plain.html`);
  const storage = await tab.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  await runBookmarklet(tab, carried);
  const dialog = tab.locator('decant-reader dialog[open]');
  await dialog.waitFor();
  assert.equal(workers.length, 1, 'extracted in a worker');
  assert.equal(await dialog.getAttribute('data-theme'), 'sepia', 'the reader\'s theme');
  const look = () => dialog.locator('.body p').first().evaluate(p => ({ font: getComputedStyle(p).fontFamily, words: getComputedStyle(p).wordSpacing, size: getComputedStyle(p).fontSize }));
  const before = await look();
  assert.doesNotMatch(before.font, /^Charter/, 'the reader\'s sans font');
  assert.notEqual(before.words, '0px', 'the reader\'s word spacing');

  // The reader's shortcuts, inside the overlay.
  await dialog.locator('article').focus();
  await tab.keyboard.press('+');
  assert.equal((await look()).size, '21px');
  await tab.keyboard.press('s');
  const settings = dialog.getByRole('dialog', { name: 'Reading settings' });
  await settings.waitFor();
  assert.equal(await settings.getByRole('slider', { name: 'Text size' }).getAttribute('aria-valuetext'), '21 px');
  await settings.getByRole('radio', { name: 'High contrast' }).check();
  assert.equal(await dialog.getAttribute('data-theme'), 'contrast');
  await tab.screenshot({ path: join(screenshots, 'overlay-settings.png') });
  await tab.keyboard.press('Escape');
  assert.equal(await dialog.count(), 1, 'Escape closes the panel first');
  assert.equal(await dialog.getByRole('button', { name: 'Read aloud' }).count(), 1);
  await tab.keyboard.press('Escape');
  await tab.locator('decant-reader').waitFor({ state: 'detached' });
  // Opened again on this page: the overlay's own change is still there; nothing was stored in the page.
  await runBookmarklet(tab, carried);
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('data-theme'), 'contrast');
  assert.deepEqual(await tab.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), storage, 'nothing stored in the visited page');
  await context.close();
});

test('where the page forbids workers, the overlay extracts on the main thread', async () => {
  const context = await newContext(browser);
  const tab = await context.newPage();
  await tab.goto(`${site.url}no-worker.html`);
  await runBookmarklet(tab, href);
  const dialog = tab.locator('decant-reader dialog[open]');
  await dialog.waitFor();
  assert.equal(await dialog.locator('h1').textContent(), seedTitle);
  await context.close();
});

test('the article in the fallback tab survives a reload', async () => {
  const context = await newContext(browser);
  const tab = await context.newPage();
  await tab.goto(`${site.url}csp.html`);
  const popup = tab.waitForEvent('popup');
  await runBookmarklet(tab, href);
  const readerTab = await popup;
  await articleShown(readerTab);
  await readerTab.reload();
  await articleShown(readerTab);
  assert.equal(await readerTab.getByRole('article').getByRole('heading', { level: 1 }).textContent(), seedTitle);
  await context.close();
});
