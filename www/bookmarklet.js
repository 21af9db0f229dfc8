// Reader mode on any page, loaded by the bookmarklet (see loader.js) from the
// reader's origin. It extracts the live page (after its scripts ran, so lazy
// images are resolved) in a worker where the page's CSP allows one, else on
// this thread, and shows the article in a modal <dialog> inside a shadow
// root, whose styles keep the page's out and ours in. The overlay has the
// reader's settings (handed over by the bookmarklet), settings panel,
// shortcuts and read aloud. Closing (button or Escape) removes every node it
// added and gives back scroll position and focus; nothing is added to the
// page's window, document or storage. When the page does not let it run (no
// WebAssembly, no fetch of our files, Trusted Types) it calls `fallback`,
// which opens the reader page in a tab and hands it the page.

import { extractor } from './extraction.js';
import { renderArticle, renderTeasers } from './render.js';
import { apply, cycle, rates, step, valid } from './settings.js';
import { bindForm, handleKey, readAloudBar, settingsForm, shortcutTable, shortcuts, speechMessages, syncForm } from './controls.js';
import { canSpeak, narrator, voicesFor } from './speech.js';

const styles = ['article.css', 'controls.css', 'overlay.css'].map(name => new URL(name, import.meta.url));
const workerURL = new URL('extract-worker.js', import.meta.url).href;
let sheets = null;
let current = null;
let busy = false;
// Settings changed in the overlay last while this page is open (in this
// module's memory), never in the page's storage.
let remembered = null;

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

/**
 * A worker on the page's origin (a worker must be) that imports ours. The
 * page's CSP decides: where it forbids blob: workers, or Trusted Types refuse
 * the URL, this throws or the worker fails, and extraction runs here.
 */
function pageWorker() {
  const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(workerURL)};`], { type: 'text/javascript' }));
  try {
    const worker = new Worker(url, { type: 'module' });
    const revoke = () => URL.revokeObjectURL(url);
    worker.addEventListener('message', revoke, { once: true });
    worker.addEventListener('error', revoke, { once: true });
    return worker;
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

let reading = null;

function button(doc, label, text, onClick, extra = {}) {
  const node = doc.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.setAttribute('aria-label', label);
  node.title = label;
  for (const [name, value] of Object.entries(extra)) node.setAttribute(name, value);
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

function panel(doc, id, title, content) {
  const node = doc.createElement('div');
  node.id = id;
  node.popover = 'auto';
  node.className = 'panel';
  node.setAttribute('role', 'dialog');
  node.setAttribute('aria-labelledby', `${id}-title`);
  const heading = doc.createElement('h2');
  heading.id = `${id}-title`;
  heading.textContent = title;
  node.append(heading, content);
  return node;
}

function show({ article, layout }, url, adopted, fallback, handed) {
  const doc = document;
  const host = doc.createElement('decant-reader');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = adopted;

  const dialog = doc.createElement('dialog');
  dialog.setAttribute('aria-label', article.title || 'Reader view');
  const readerView = doc.createElement('article');
  readerView.className = 'reader';
  readerView.tabIndex = -1;
  const rendered = renderArticle(article, layout, readerView, url);
  if (!layout) {
    const note = doc.createElement('p');
    note.className = 'empty';
    note.textContent = 'decant found no article on this page.';
    rendered.done.then(() => readerView.append(note));
  }
  const teasers = doc.createElement('aside');
  teasers.className = 'teasers';
  teasers.setAttribute('aria-label', 'More articles');
  renderTeasers(article.teasers, teasers, article.lang);

  const live = doc.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  const form = settingsForm(doc, 'decant-');
  const reader = {
    settings: remembered ?? handed,
    speech: null,
    change(next, announce = null) {
      reader.settings = remembered = valid(next);
      apply(reader.settings, dialog);
      syncForm(form, reader.settings);
      if (announce) live.textContent = announce;
    },
    actions: {},
  };
  bindForm(form, reader);
  const speechBar = readAloudBar(doc, reader, () => readerView.getAttribute('lang'), { voicesFor, rates });
  const speak = canSpeak() ? button(doc, 'Read aloud', '▶', () => {
    const state = reader.speech.state;
    if (state === 'playing' || state === 'paused') reader.speech.stop();
    else reader.speech.start();
  }, { 'aria-pressed': 'false' }) : null;
  reader.speech = canSpeak() ? narrator(readerView, {
    settings: () => reader.settings,
    onState: state => {
      const active = state === 'playing' || state === 'paused';
      speak.setAttribute('aria-pressed', String(active));
      speak.textContent = active ? '⏹' : '▶';
      speak.setAttribute('aria-label', active ? 'Stop reading' : 'Read aloud');
      speechBar.show(state);
      live.textContent = speechMessages[state];
    },
    onError: error => { live.textContent = `Read aloud stopped (${error}).`; },
  }) : null;

  const settingsPanel = panel(doc, 'decant-settings', 'Reading settings', form);
  const helpPanel = panel(doc, 'decant-help', 'Keyboard shortcuts', shortcutTable(doc));
  const toggle = target => { target.togglePopover(); };
  const bar = doc.createElement('div');
  bar.className = 'bar';
  const brand = doc.createElement('span');
  brand.className = 'brand';
  brand.textContent = 'decant';
  const close = () => dialog.close();
  bar.append(
    brand,
    ...(speak ? [speak] : []),
    button(doc, 'Smaller text', 'A−', () => reader.change(step(reader.settings, 'size', -1))),
    button(doc, 'Larger text', 'A+', () => reader.change(step(reader.settings, 'size', 1))),
    button(doc, 'Next theme', '◐', () => reader.change(cycle(reader.settings, 'theme'))),
    button(doc, 'Reading settings', 'Aa', null, { popovertarget: 'decant-settings', 'aria-keyshortcuts': 'S' }),
    button(doc, 'Keyboard shortcuts', '?', null, { popovertarget: 'decant-help', 'aria-keyshortcuts': '?' }),
    button(doc, 'Open in the decant reader', '↗', () => { close(); fallback(); }),
    button(doc, 'Close reader view (Escape)', '✕', close),
  );
  const top = doc.createElement('div');
  top.className = 'top';
  top.append(bar, speechBar.element);
  dialog.append(top, readerView, teasers, settingsPanel, helpPanel, live);
  reader.change(reader.settings);
  shadow.append(dialog);

  reader.actions = {
    s: () => toggle(settingsPanel),
    '?': () => toggle(helpPanel),
    Escape: () => {
      if (reader.speech && reader.speech.state !== 'stopped' && reader.speech.state !== 'ended') reader.speech.stop();
    },
  };
  const keys = shortcuts(reader);
  // The overlay's keys stay in the overlay: the page's own shortcuts do not see them.
  dialog.addEventListener('keydown', event => {
    if (event.key === 'Escape' && reader.speech && reader.speech.state !== 'stopped' && reader.speech.state !== 'ended') {
      event.preventDefault();
      reader.speech.stop();
      event.stopPropagation();
      return;
    }
    if (handleKey(event, keys)) event.stopPropagation();
  });

  const scroll = [window.scrollX, window.scrollY];
  const focused = doc.activeElement;
  (doc.body ?? doc.documentElement).append(host);
  dialog.showModal();
  readerView.focus({ preventScroll: true });
  dialog.scrollTop = 0;
  dialog.addEventListener('close', () => {
    reader.speech?.stop();
    host.remove();
    current = null;
    window.scrollTo(...scroll);
    if (focused && focused.isConnected && typeof focused.focus === 'function') focused.focus({ preventScroll: true });
  }, { once: true });
  return { close };
}

/** Called by the loader with its fallback and the reader's settings; toggles the overlay. */
export default async function decant(fallback, handed = null) {
  if (current) {
    current.close();
    return;
  }
  if (busy) return;
  busy = true;
  const html = document.documentElement.outerHTML;
  const url = location.href;
  try {
    reading ??= extractor(pageWorker);
    const [adopted, result] = await Promise.all([loadSheets(), reading.read(html, /^https?:/.test(url) ? { url } : {})]);
    current = show(result, url, adopted, fallback, valid(handed));
  } catch {
    sheets = null;
    reading = null;
    fallback();
  } finally {
    busy = false;
  }
}
