// Reader mode on any page, loaded by the bookmarklet (see loader.js) from the
// reader's origin. It extracts the live page (after its scripts ran, so lazy
// images are resolved) and shows the article in a modal <dialog> inside a
// shadow root, whose styles keep the page's out and ours in. Closing (button
// or Escape) removes every node it added and gives back scroll position and
// focus; nothing is added to the page's window, document or storage. When the page does not let it run (no
// WebAssembly, no fetch of our files, Trusted Types) it calls `fallback`,
// which opens the reader page in a tab and hands it the page.

import init, { extract } from './decant/js/browser.js';
import { renderArticle, renderTeasers } from './render.js';
import { apply, defaults, next, step, themes } from './settings.js';

const styles = ['article.css', 'overlay.css'].map(name => new URL(name, import.meta.url));
let sheets = null;
let current = null;
let busy = false;

async function loadSheets() {
  sheets ??= Promise.all(styles.map(async url => {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await response.text());
    return sheet;
  }));
  return sheets;
}

function button(doc, label, text, onClick) {
  const node = doc.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.setAttribute('aria-label', label);
  node.title = label;
  node.addEventListener('click', onClick);
  return node;
}

function show(article, url, adopted, fallback) {
  const doc = document;
  const host = doc.createElement('decant-reader');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = adopted;

  let settings = { ...defaults };
  const dialog = doc.createElement('dialog');
  dialog.setAttribute('aria-label', article.title || 'Reader view');
  const readerView = doc.createElement('article');
  readerView.className = 'reader';
  readerView.tabIndex = -1;
  renderArticle(article, readerView, url);
  if (!article.content) {
    const note = doc.createElement('p');
    note.className = 'empty';
    note.textContent = 'decant found no article on this page.';
    readerView.append(note);
  }
  const teasers = doc.createElement('aside');
  teasers.className = 'teasers';
  teasers.setAttribute('aria-label', 'More articles');
  renderTeasers(article.teasers, teasers, article.lang);

  const update = change => {
    settings = change;
    apply(settings, dialog);
  };
  const bar = doc.createElement('div');
  bar.className = 'bar';
  const brand = doc.createElement('span');
  brand.className = 'brand';
  brand.textContent = 'decant';
  bar.append(
    brand,
    button(doc, 'Smaller text', 'A−', () => update(step(settings, 'size', -1))),
    button(doc, 'Larger text', 'A+', () => update(step(settings, 'size', 1))),
    button(doc, 'Next theme', '◐', () => update({ ...settings, theme: next(themes, settings.theme) })),
    button(doc, 'Open in the decant reader', '↗', () => { dialog.close(); fallback(); }),
    button(doc, 'Close reader view (Escape)', '✕', () => dialog.close()),
  );
  dialog.append(bar, readerView, teasers);
  update(settings);
  shadow.append(dialog);

  const scroll = [window.scrollX, window.scrollY];
  const focused = doc.activeElement;
  (doc.body ?? doc.documentElement).append(host);
  dialog.showModal();
  readerView.focus({ preventScroll: true });
  dialog.scrollTop = 0;
  dialog.addEventListener('close', () => {
    host.remove();
    current = null;
    window.scrollTo(...scroll);
    if (focused && focused.isConnected && typeof focused.focus === 'function') focused.focus({ preventScroll: true });
  }, { once: true });
  return { close: () => dialog.close() };
}

/** Called by the loader with its fallback; toggles the overlay. */
export default async function decant(fallback) {
  if (current) {
    current.close();
    return;
  }
  if (busy) return;
  busy = true;
  const html = document.documentElement.outerHTML;
  const url = location.href;
  try {
    const [adopted] = await Promise.all([loadSheets(), init()]);
    const article = extract(html, { url: /^https?:/.test(url) ? url : undefined });
    current = show(article, url, adopted, fallback);
  } catch {
    sheets = null;
    fallback();
  } finally {
    busy = false;
  }
}
