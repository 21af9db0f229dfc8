// The reader page: open a page (sample, paste, file, bookmarklet hand-over),
// extract it with decant, show the article and its teasers, and the reading
// controls around it.

import init, { extract } from './decant/js/browser.js';
import { renderArticle, renderTeasers } from './render.js';
import { samples } from './samples/samples.js';
import { bookmarklet } from './loader.js';
import * as settings from './settings.js';
import { canSpeak, readAloud } from './speech.js';
import { trustedScriptURL } from './trusted.js';

const $ = id => document.getElementById(id);
const root = document.documentElement;
const form = $('settings-form');
const articleView = $('article');
const teaserView = $('teasers');
const openView = $('open');
const statusLine = $('status');
const openButton = $('open-button');
const speakButton = $('speak-button');
const printButton = $('print-button');
const baseTitle = document.title;

const ready = init();
ready.catch(() => setStatus('decant could not start: this browser did not load its WebAssembly module.', 'error'));

/* Status: "quiet" is only announced to screen readers, "info" and "error" are shown. */
function setStatus(text, kind = 'quiet') {
  statusLine.className = `status ${kind === 'quiet' ? 'visually-hidden' : kind}`;
  statusLine.textContent = text;
}

/* Settings */

let state = settings.load();

function syncControls() {
  form.elements.theme.value = state.theme;
  form.elements.font.value = state.font;
  for (const key of ['size', 'width', 'leading']) {
    const input = form.elements[key];
    const label = settings.labels[key](state[key]);
    input.value = String(state[key]);
    input.setAttribute('aria-valuetext', label);
    $(`${key}-value`).textContent = label;
  }
}

function applySettings(next, announce = null) {
  state = next;
  settings.apply(state, root);
  settings.save(state);
  syncControls();
  if (announce) setStatus(announce);
}

form.addEventListener('input', () => applySettings({
  theme: form.elements.theme.value,
  font: form.elements.font.value,
  size: Number(form.elements.size.value),
  width: Number(form.elements.width.value),
  leading: Number(form.elements.leading.value),
}));
form.addEventListener('submit', event => event.preventDefault());
$('reset').addEventListener('click', () => applySettings({ ...settings.defaults }, 'Settings reset to defaults.'));

/* Reading a page */

const messages = {
  EMPTY: 'The page is empty.',
  NOT_HTML: 'This does not look like an HTML page.',
  TOO_LARGE: 'This page is too large to read here.',
  TOO_MANY_ELEMENTS: 'This page has too many elements to read here.',
  TIMEOUT: 'Reading this page took too long.',
};

function describe(error) {
  if (messages[error?.code]) return messages[error.code];
  if (error?.code === 'INVALID_OPTION') return `decant could not read this page: ${error.message}.`;
  return `Something went wrong: ${error?.message ?? error}.`;
}

/** Extracts `page` (text or bytes) and shows it. */
async function read(page, { url = null, sample = null } = {}) {
  stopReadingAloud();
  setStatus('Reading the page…', 'info');
  try {
    await ready;
  } catch {
    return;
  }
  let article;
  try {
    article = extract(page, url ? { url } : undefined);
  } catch (error) {
    setStatus(describe(error), 'error');
    return;
  }
  history.replaceState(null, '', sample ? `?sample=${encodeURIComponent(sample)}` : location.pathname);
  show(article, url);
}

function show(article, url) {
  renderArticle(article, articleView, url);
  renderTeasers(article.teasers, teaserView, article.lang);
  const found = Boolean(article.content);
  articleView.hidden = !found;
  openView.hidden = true;
  openButton.hidden = false;
  speakButton.hidden = !found || !canSpeak();
  printButton.hidden = !found;
  document.title = article.title ? `${article.title} · decant` : baseTitle;
  window.scrollTo(0, 0);
  if (found) {
    setStatus(`Showing “${article.title ?? 'the article'}”.`);
    articleView.focus({ preventScroll: true });
  } else {
    setStatus(article.teasers.length ? 'decant found no article on this page, only links to other articles.' : 'decant found no article on this page.', 'error');
  }
}

function openAnother() {
  stopReadingAloud();
  articleView.hidden = true;
  teaserView.hidden = true;
  openView.hidden = false;
  openButton.hidden = speakButton.hidden = printButton.hidden = true;
  document.title = baseTitle;
  history.replaceState(null, '', location.pathname);
  setStatus('');
  $('open-title').tabIndex = -1;
  $('open-title').focus();
}
openButton.addEventListener('click', openAnother);
printButton.addEventListener('click', () => window.print());

/* Samples */

const languages = new Intl.DisplayNames(['en'], { type: 'language' });
$('samples').append(...samples.map(sample => {
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = sample.name;
  name.dir = 'auto';
  if (sample.lang) name.lang = sample.lang;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = [sample.lang ? languages.of(sample.lang) : null, sample.about].filter(Boolean).join(' · ');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sample';
  button.dataset.sample = sample.id;
  button.append(name, meta);
  button.addEventListener('click', () => openSample(sample));
  const item = document.createElement('li');
  item.append(button);
  return item;
}));

async function openSample(sample) {
  setStatus('Loading the sample…', 'info');
  try {
    const response = await fetch(new URL(`samples/${sample.file}`, location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Bytes, not text: decant finds the page's encoding itself.
    await read(new Uint8Array(await response.arrayBuffer()), { url: sample.url, sample: sample.id });
  } catch (error) {
    setStatus(`The sample could not be loaded (${error.message}).`, 'error');
  }
}

/* Paste, file, drop */

$('paste-form').addEventListener('submit', event => {
  event.preventDefault();
  const html = $('paste-html').value;
  const url = $('paste-url').value.trim() || null;
  read(html, { url });
});

async function readFile(file) {
  read(new Uint8Array(await file.arrayBuffer()));
}

$('file').addEventListener('change', event => {
  const [file] = event.target.files;
  if (file) readFile(file);
  event.target.value = '';
});

const carriesPage = event => [...(event.dataTransfer?.types ?? [])].some(type => type === 'Files' || type === 'text/html');
document.addEventListener('dragover', event => {
  if (!carriesPage(event)) return;
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', event => {
  if (!event.relatedTarget) document.body.classList.remove('dragging');
});
document.addEventListener('drop', event => {
  if (!carriesPage(event)) return;
  event.preventDefault();
  document.body.classList.remove('dragging');
  const file = [...event.dataTransfer.files].find(f => /\.x?html?$/i.test(f.name) || f.type === 'text/html');
  if (file) readFile(file);
  else if (event.dataTransfer.getData('text/html')) read(event.dataTransfer.getData('text/html'));
  else setStatus('Drop an .html file to read it.', 'error');
});

/* Read aloud */

let stopSpeaking = null;

function stopReadingAloud() {
  stopSpeaking?.();
}

function toggleReadingAloud() {
  if (stopSpeaking) return stopReadingAloud();
  if (articleView.hidden || !canSpeak()) return;
  let active = false;
  const stop = readAloud(articleView, (speaking, error) => {
    active = speaking;
    speakButton.setAttribute('aria-pressed', String(speaking));
    speakButton.querySelector('.label').textContent = speaking ? 'Stop reading' : 'Read aloud';
    if (!speaking) stopSpeaking = null;
    if (error) setStatus(`Read aloud stopped (${error}).`, 'error');
  });
  stopSpeaking = active ? stop : null;
}
speakButton.addEventListener('click', toggleReadingAloud);

/* Keyboard shortcuts (listed in #help) */

const typing = target => target instanceof Element && (target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')
  || (target.matches('input') && !['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'file'].includes(target.type)));

const shortcuts = {
  t: () => applySettings({ ...state, theme: settings.next(settings.themes, state.theme) }, `Theme: ${settings.next(settings.themes, state.theme)}.`),
  f: () => applySettings({ ...state, font: settings.next(settings.fonts, state.font) }, `Font: ${settings.next(settings.fonts, state.font)}.`),
  '+': () => applySettings(settings.step(state, 'size', 1), 'Larger text.'),
  '=': () => applySettings(settings.step(state, 'size', 1), 'Larger text.'),
  '-': () => applySettings(settings.step(state, 'size', -1), 'Smaller text.'),
  ']': () => applySettings(settings.step(state, 'width', 1), 'Longer lines.'),
  '[': () => applySettings(settings.step(state, 'width', -1), 'Shorter lines.'),
  r: toggleReadingAloud,
  o: () => { if (openView.hidden) openAnother(); },
  p: () => { if (!articleView.hidden) window.print(); },
  s: () => $('settings').togglePopover(),
  '?': () => $('help').togglePopover(),
  Escape: stopReadingAloud,
};

document.addEventListener('keydown', event => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const action = shortcuts[event.key];
  if (!action) return;
  if (event.key !== 'Escape') event.preventDefault();
  action();
});

/* The bookmarklet and its hand-over */

const bookmarkletLink = $('bookmarklet');
bookmarkletLink.href = bookmarklet(new URL('./', location.href).href);
bookmarkletLink.addEventListener('click', event => {
  event.preventDefault();
  setStatus('Drag the “decant” button to your bookmarks bar, then click the bookmark on any article.', 'info');
});

/**
 * Opened by the bookmarklet's fallback: tell the page that opened us that we
 * are ready (with a fresh nonce), then take exactly one page from it, and
 * only from it.
 */
function receiveFromBookmarklet() {
  const opener = window.opener;
  if (!opener) {
    setStatus('Nothing to show yet: use the decant bookmarklet on an article.', 'info');
    return;
  }
  const nonce = crypto.randomUUID();
  const onMessage = event => {
    const data = event.data;
    if (event.source !== opener || data?.type !== 'decant:page' || data.nonce !== nonce) return;
    if (typeof data.html !== 'string' || typeof data.url !== 'string') return;
    let origin;
    try {
      origin = new URL(data.url).origin;
    } catch {
      return;
    }
    if (origin !== event.origin) return;
    removeEventListener('message', onMessage);
    window.opener = null;
    read(data.html, { url: data.url });
  };
  addEventListener('message', onMessage);
  setStatus('Waiting for the page…', 'info');
  ready.then(() => opener.postMessage({ type: 'decant:ready', nonce }, '*'), () => {});
}

/* Start */

applySettings(state);
setStatus('');
const params = new URLSearchParams(location.search);
if (params.get('from') === 'bookmarklet') {
  receiveFromBookmarklet();
} else if (params.has('sample')) {
  const sample = samples.find(s => s.id === params.get('sample'));
  if (sample) openSample(sample);
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(trustedScriptURL('sw.js')).catch(() => {});
}
