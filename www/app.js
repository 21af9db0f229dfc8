// The reader page: open a page (sample, paste, file, bookmarklet hand-over),
// extract it with decant in a worker, show the article and its teasers, and
// the reading controls around it. Each article is a history entry; the last
// one is kept in sessionStorage for a reload of this tab.

import { extractor } from './extraction.js';
import { renderArticle, renderTeasers } from './render.js';
import { samples } from './samples/samples.js';
import { bookmarklet } from './loader.js';
import * as settings from './settings.js';
import { bindForm, handleKey, readAloudBar, settingsForm, shortcutTable, shortcuts, speechMessages, syncForm } from './controls.js';
import { canSpeak, narrator, voicesFor } from './speech.js';
import { trustedScriptURL } from './trusted.js';
import { describe, screen } from './messages.js';
import * as kept from './kept.js';

const $ = id => document.getElementById(id);
const root = document.documentElement;
const articleView = $('article');
const teaserView = $('teasers');
const openView = $('open');
const statusLine = $('status');
const alertLine = $('alert');
const progress = $('progress');
const progressBar = $('progress-bar');
const openButton = $('open-button');
const speakButton = $('speak-button');
const printButton = $('print-button');
const baseTitle = document.title;

const reading = extractor(() => new Worker(trustedScriptURL(new URL('extract-worker.js', import.meta.url).href), { type: 'module' }));

/* Status: announced politely; page-wide failures go to the alert line. */
function setStatus(text, { visible = false } = {}) {
  statusLine.className = `status${visible ? ' info' : ' visually-hidden'}`;
  statusLine.textContent = text;
}

function setProgress(fraction, label) {
  progress.hidden = fraction == null;
  if (fraction == null) return;
  progressBar.setAttribute('aria-label', label);
  if (fraction >= 0) progressBar.value = fraction;
  else progressBar.removeAttribute('value');
}

/* Settings */

const form = settingsForm(document);
$('settings').append(form);
$('help').append(shortcutTable(document, [[['o'], 'Open another page'], [['p'], 'Print the article']]));

const reader = {
  settings: settings.load(),
  speech: null,
  change(next, announce = null) {
    reader.settings = settings.valid(next);
    settings.apply(reader.settings, root);
    settings.save(reader.settings);
    syncForm(form, reader.settings);
    // The bookmarklet carries the settings to the overlay (see loader.js).
    bookmarkletLink.href = bookmarklet(new URL('./', location.href).href, reader.settings);
    if (announce) setStatus(announce);
  },
  actions: {},
};
bindForm(form, reader);

/* Errors: at the control that caused them */

const sources = {
  paste: { field: $('paste-html'), slot: $('paste-error') },
  'paste-url': { field: $('paste-url'), slot: $('paste-error') },
  file: { field: $('file'), slot: $('file-error') },
  'file-url': { field: $('file-url'), slot: $('file-error') },
  sample: { field: null, slot: $('samples-error') },
  page: { field: null, slot: alertLine },
};

function clearErrors() {
  for (const { field, slot } of Object.values(sources)) {
    slot.textContent = '';
    if (field) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
  }
}

/** Shows `message` next to the control of `source`, announced, with focus moved there. */
function showError(source, message, control = null) {
  const { field, slot } = sources[source];
  const target = control ?? field;
  setProgress(null);
  setStatus('');
  slot.textContent = message;
  if (target) {
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', slot.id);
    target.focus({ preventScroll: true });
  }
  slot.scrollIntoView({ block: 'nearest' });
}

for (const [source, { field }] of Object.entries(sources)) {
  field?.addEventListener('input', () => {
    if (field.getAttribute('aria-invalid')) sources[source].slot.textContent = '';
    field.removeAttribute('aria-invalid');
  });
}

/* Reading a page */

let rendering = null;

/**
 * Extracts `page` (text or bytes) and shows it. `source` says which control
 * it came from, for errors; `entry` is how history finds it again.
 */
async function read(page, { url = null, source, entry, control = null }) {
  stopReadingAloud();
  clearErrors();
  setStatus('Reading the page…', { visible: true });
  setProgress(-1, 'Reading the page');
  let result;
  try {
    result = await reading.read(page, url ? { url } : {}, (done, total) => {
      setProgress(done / total, 'Reading the page');
      setStatus(`Reading the page… ${Math.round((100 * done) / total)}%`, { visible: true });
    });
  } catch (error) {
    showError(source, describe(error, source), control);
    return;
  }
  if (!result.layout && !result.article.teasers.length) {
    showError(source, describe({ code: 'NO_ARTICLE' }, source), control);
    return;
  }
  const id = crypto.randomUUID();
  const address = entry.sample ? `?sample=${encodeURIComponent(entry.sample)}` : `?read=${id}`;
  const state = { ...entry, read: id };
  if (entry.replace) history.replaceState(state, '', address);
  else history.pushState(state, '', address);
  // Samples reload from their file; anything else is kept for a reload of this tab.
  const keptForReload = entry.sample || kept.save({ id, url, ...result });
  await show(result, url, keptForReload ? '' : ' It is too large to keep for a reload of this tab.');
}

async function show({ article, layout }, url, note = '') {
  rendering?.abort();
  const controller = new AbortController();
  rendering = controller;
  const found = Boolean(layout);
  const { first, done } = renderArticle(article, layout, articleView, url, {
    signal: controller.signal,
    onProgress: (index, total) => {
      if (total > 8) setProgress(index / total, 'Showing the article');
    },
  });
  renderTeasers(article.teasers, teaserView, article.lang);
  await first;
  articleView.hidden = !found;
  openView.hidden = true;
  openButton.hidden = false;
  speakButton.hidden = !found || !canSpeak();
  printButton.hidden = !found;
  document.title = article.title ? `${article.title} · decant` : baseTitle;
  window.scrollTo(0, 0);
  if (found) articleView.focus({ preventScroll: true });
  else teaserView.focus?.({ preventScroll: true });
  try {
    await done;
  } catch {
    return; // another page was opened meanwhile
  }
  setProgress(null);
  setStatus(found ? `Showing “${article.title ?? 'the article'}”.${note}` : 'decant found no article on this page, only links to other articles.', { visible: !found });
}

/** Back to the start screen (from the Open button, Back, or a lost article). */
function showStart({ focus = true } = {}) {
  stopReadingAloud();
  rendering?.abort();
  articleView.hidden = true;
  teaserView.hidden = true;
  openView.hidden = false;
  openButton.hidden = speakButton.hidden = printButton.hidden = true;
  document.title = baseTitle;
  setProgress(null);
  setStatus('');
  if (focus) {
    $('open-title').tabIndex = -1;
    $('open-title').focus();
  }
}

function openAnother() {
  history.pushState(null, '', location.pathname);
  showStart();
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
  button.addEventListener('click', () => openSample(sample, { control: button }));
  const item = document.createElement('li');
  item.append(button);
  return item;
}));

async function openSample(sample, { control = null, replace = false } = {}) {
  setStatus('Loading the sample…', { visible: true });
  let bytes;
  try {
    const response = await fetch(new URL(`samples/${sample.file}`, location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Bytes, not text: decant finds the page's encoding itself.
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    showError('sample', `The sample could not be loaded (${error.message}). Check the connection to this reader and try again.`, control);
    return;
  }
  await read(bytes, { url: sample.url, source: 'sample', control, entry: { sample: sample.id, replace } });
}

/* Paste, file, drop */

/** The address typed into `field`, or null; undefined (and an error shown) when it is not a web address. */
function addressIn(source) {
  const { field } = sources[source];
  const value = field.value.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // fall through
  }
  showError(source, describe({ code: 'BAD_ADDRESS' }, source));
  return undefined;
}

$('paste-form').addEventListener('submit', event => {
  event.preventDefault();
  clearErrors();
  const html = $('paste-html').value;
  const problem = screen.text(html);
  if (problem) {
    if (problem === 'ADDRESS' && !$('paste-url').value.trim()) $('paste-url').value = html.trim();
    showError('paste', describe({ code: problem }, 'paste'));
    return;
  }
  const url = addressIn('paste-url');
  if (url === undefined) return;
  read(html, { url, source: 'paste', entry: {} });
});

async function readFile(file) {
  clearErrors();
  const tooBig = screen.size(file.size);
  if (tooBig) return showError('file', describe({ code: tooBig, size: file.size }, 'file'));
  const url = addressIn('file-url');
  if (url === undefined) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = screen.bytes(bytes);
  if (problem) return showError('file', describe({ code: problem, kind: screen.kind(bytes) }, 'file'));
  read(bytes, { url, source: 'file', entry: {} });
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
  else if (event.dataTransfer.getData('text/html')) read(event.dataTransfer.getData('text/html'), { source: 'file', entry: {} });
  else showError('file', describe({ code: 'NOT_A_PAGE_FILE' }, 'file'));
});

/* Read aloud */

const speechBar = readAloudBar(document, reader, () => articleView.getAttribute('lang'), { voicesFor, rates: settings.rates });
document.querySelector('header.bar').append(speechBar.element);
reader.speech = canSpeak() ? narrator(articleView, {
  settings: () => reader.settings,
  onState: state => {
    const active = state === 'playing' || state === 'paused';
    speakButton.setAttribute('aria-pressed', String(active));
    speakButton.querySelector('.label').textContent = active ? 'Stop reading' : 'Read aloud';
    speechBar.show(state);
    setStatus(speechMessages[state]);
  },
  onError: error => showError('page', `Read aloud stopped: the speech engine reported “${error}”. Try another voice in the read-aloud controls.`),
}) : null;

function stopReadingAloud() {
  reader.speech?.stop();
}

speakButton.addEventListener('click', () => {
  const state = reader.speech?.state;
  if (state === 'playing' || state === 'paused') reader.speech.stop();
  else if (!articleView.hidden) reader.speech?.start();
});

/* Keyboard shortcuts (listed in #help) */

reader.actions = {
  r: () => { if (!articleView.hidden) reader.speech?.toggle(); },
  o: () => { if (openView.hidden) openAnother(); },
  p: () => { if (!articleView.hidden) window.print(); },
  s: () => $('settings').togglePopover(),
  '?': () => $('help').togglePopover(),
  Escape: stopReadingAloud,
};
const keys = shortcuts(reader);
document.addEventListener('keydown', event => handleKey(event, keys));

/* The bookmarklet and its hand-over */

const bookmarkletLink = $('bookmarklet');
bookmarkletLink.addEventListener('click', event => {
  event.preventDefault();
  setStatus('Drag the “decant” button to your bookmarks bar, then click the bookmark on any article.', { visible: true });
});

/**
 * Opened by the bookmarklet's fallback: tell the page that opened us that we
 * are ready (with a fresh nonce), then take exactly one page from it, and
 * only from it.
 */
function receiveFromBookmarklet() {
  const opener = window.opener;
  if (!opener) {
    setStatus('Nothing to show yet: use the decant bookmarklet on an article.', { visible: true });
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
    read(data.html, { url: data.url, source: 'page', entry: { replace: true } });
  };
  addEventListener('message', onMessage);
  setStatus('Waiting for the page…', { visible: true });
  opener.postMessage({ type: 'decant:ready', nonce }, '*');
}

/* History: Back, Forward and reload */

/** Shows the entry of `state` (a history state), without adding one. */
async function restore(state) {
  clearErrors();
  if (state?.sample) {
    const sample = samples.find(s => s.id === state.sample);
    if (sample) return openSample(sample, { replace: true });
  }
  if (state?.read) {
    const entry = kept.load(state.read);
    if (entry) return show(entry, entry.url);
    showStart({ focus: false });
    setStatus('That article is no longer kept in this tab: open the page again.', { visible: true });
    return;
  }
  showStart();
}

addEventListener('popstate', event => restore(event.state));

/* Start */

reader.change(reader.settings);
setStatus('');
const params = new URLSearchParams(location.search);
if (params.get('from') === 'bookmarklet') {
  receiveFromBookmarklet();
} else if (params.has('read')) {
  restore({ read: params.get('read') });
} else if (params.has('sample')) {
  restore({ sample: params.get('sample') });
}

reading.where.then(where => {
  if (where === 'main') return import('./decant/js/browser.js').then(m => m.default()).catch(() => {
    showError('page', 'decant could not start: this browser did not load its WebAssembly module. Reload the page, or try a current version of your browser.');
  });
  return null;
});

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(trustedScriptURL('sw.js')).catch(() => {});
}
