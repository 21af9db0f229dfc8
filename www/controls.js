// The reading controls shared by the reader page and the bookmarklet's
// overlay: the settings form (built here, so both show the same one) and the
// keyboard shortcuts. Each surface gives a `reader` object:
//   reader.settings           the current settings
//   reader.change(next, say)  apply, keep and announce new settings
//   reader.speech             the read-aloud controller (speech.js), or null
//   reader.actions            extra shortcuts of that surface ({ key: fn })

import { apply, cycle, defaults, labels, step } from './settings.js';

const choiceFields = [
  ['theme', 'Theme', ['auto', 'light', 'sepia', 'dark', 'contrast'], value => `swatch swatch-${value}`],
  ['font', 'Font', ['serif', 'sans'], value => `font-${value}`],
  ['align', 'Alignment', ['start', 'justify'], value => `align-${value}`],
];
const rangeFields = [
  ['size', 'Text size', 6],
  ['width', 'Line length', 4],
  ['leading', 'Line spacing', 4],
  ['letters', 'Letter spacing', 4],
  ['words', 'Word spacing', 4],
];

function make(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/**
 * The settings form. `prefix` keeps its ids apart from the document's (the
 * reader page uses none; ids inside the overlay's shadow root stay there).
 */
export function settingsForm(doc, prefix = '') {
  const form = make(doc, 'form', { class: 'settings-form' });
  for (const [name, legend, values, className] of choiceFields) {
    form.append(make(doc, 'fieldset', { class: 'choices' }, make(doc, 'legend', {}, legend),
      ...values.map(value => make(doc, 'label', { class: className(value) },
        make(doc, 'input', { type: 'radio', name, value }), make(doc, 'span', {}, labels[name](value))))));
  }
  for (const [name, label, max] of rangeFields) {
    const id = `${prefix}${name}`;
    form.append(make(doc, 'div', { class: 'range' },
      make(doc, 'label', { for: id }, label),
      make(doc, 'input', { type: 'range', id, name, min: '0', max: String(max), step: '1' }),
      make(doc, 'output', { for: id, id: `${id}-value` })));
  }
  form.append(make(doc, 'button', { type: 'button', id: `${prefix}reset`, class: 'secondary' }, 'Reset to defaults'));
  return form;
}

/** Shows `settings` in the form. */
export function syncForm(form, settings) {
  for (const [name] of choiceFields) form.elements[name].value = settings[name];
  for (const [name] of rangeFields) {
    const input = form.elements[name];
    const text = labels[name](settings[name]);
    input.value = String(settings[name]);
    input.setAttribute('aria-valuetext', text);
    input.parentElement.querySelector('output').textContent = text;
  }
}

/** Wires the form to the reader: every change applies at once. */
export function bindForm(form, reader) {
  form.addEventListener('input', () => {
    const next = { ...reader.settings };
    for (const [name] of choiceFields) next[name] = form.elements[name].value;
    for (const [name] of rangeFields) next[name] = Number(form.elements[name].value);
    reader.change(next);
  });
  form.addEventListener('submit', event => event.preventDefault());
  form.querySelector('.secondary').addEventListener('click', () => reader.change({ ...defaults, rate: reader.settings.rate, voices: reader.settings.voices }, 'Settings reset to defaults.'));
}

/** The shortcuts both surfaces share (the help lists them): key -> action. */
export function shortcuts(reader) {
  const set = (key, delta, say) => () => reader.change(step(reader.settings, key, delta), say);
  const choose = key => () => {
    const next = cycle(reader.settings, key);
    reader.change(next, `${key === 'theme' ? 'Theme' : key === 'font' ? 'Font' : 'Alignment'}: ${labels[key](next[key])}.`);
  };
  return {
    t: choose('theme'),
    f: choose('font'),
    j: choose('align'),
    '+': set('size', 1, 'Larger text.'),
    '=': set('size', 1, 'Larger text.'),
    '-': set('size', -1, 'Smaller text.'),
    ']': set('width', 1, 'Longer lines.'),
    '[': set('width', -1, 'Shorter lines.'),
    r: () => reader.speech?.toggle(),
    ',': () => reader.speech?.skip(-1),
    '.': () => reader.speech?.skip(1),
    ...reader.actions,
  };
}

const typing = target => target instanceof Element && (target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')
  || (target.matches('input') && !['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'file'].includes(target.type)));

/**
 * Runs the shortcut for a keydown, if there is one; returns whether it did.
 * Keys typed into fields and keys with Ctrl, Alt or Meta are left alone.
 */
export function handleKey(event, keys) {
  const target = event.composedPath?.()[0] ?? event.target;
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(target)) return false;
  const action = keys[event.key];
  if (!action) return false;
  if (event.key !== 'Escape') event.preventDefault();
  action();
  return true;
}

/** The rows of the shortcut list, for the help panel: [keys, what]. */
export const shortcutList = [
  [['t'], 'Next theme'],
  [['f'], 'Serif or sans font'],
  [['j'], 'Ragged or justified text'],
  [['+', '−'], 'Larger or smaller text'],
  [[']', '['], 'Longer or shorter lines'],
  [['r'], 'Read aloud, pause or resume'],
  [[',', '.'], 'Previous or next sentence (reading aloud)'],
  [['s'], 'Reading settings'],
  [['?'], 'This list'],
  [['Esc'], 'Close a panel, stop reading'],
];

/** The help panel's list of shortcuts; `extra` rows come after the shared ones. */
export function shortcutTable(doc, extra = []) {
  const rows = [...shortcutList.slice(0, -2), ...extra, ...shortcutList.slice(-2)];
  return make(doc, 'dl', { class: 'keys' }, ...rows.map(([keys, what]) => make(doc, 'div', {},
    make(doc, 'dt', {}, ...keys.flatMap((key, i) => [i ? ' ' : '', make(doc, 'kbd', {}, key)])),
    make(doc, 'dd', {}, what))));
}

export { apply };

/**
 * The read-aloud controls (a labelled group): previous and next sentence,
 * pause or resume, stop, speed and voice. Hidden until reading starts.
 * `reader.speech` is the narrator (speech.js); `lang()` the article's language.
 */
export function readAloudBar(doc, reader, lang, { voicesFor, rates }) {
  const bar = make(doc, 'div', { class: 'read-aloud', role: 'group', 'aria-label': 'Read aloud' });
  bar.hidden = true;
  const button = (label, text, action) => {
    const node = make(doc, 'button', { type: 'button', 'aria-label': label, title: label }, text);
    node.addEventListener('click', action);
    return node;
  };
  // Words, not media glyphs: many system fonts have no ⏮ or ⏸.
  const previous = button('Previous sentence', '‹ Previous', () => reader.speech?.skip(-1));
  const play = button('Pause', 'Pause', () => reader.speech?.toggle());
  const next = button('Next sentence', 'Next ›', () => reader.speech?.skip(1));
  const stop = button('Stop reading', '■ Stop', () => reader.speech?.stop());
  const speed = make(doc, 'select', { 'aria-label': 'Speed' }, ...rates.map((rate, index) => make(doc, 'option', { value: String(index) }, `${rate}×`)));
  const voice = make(doc, 'select', { 'aria-label': 'Voice' });
  speed.addEventListener('change', () => {
    reader.change({ ...reader.settings, rate: Number(speed.value) }, `Speed ${rates[Number(speed.value)]}×.`);
    reader.speech?.restyle();
  });
  voice.addEventListener('change', () => {
    const base = (lang() || '').split('-')[0].toLowerCase();
    if (base) reader.change({ ...reader.settings, voices: { ...reader.settings.voices, [base]: voice.value } }, `Voice: ${voice.value}.`);
    reader.speech?.restyle();
  });
  const fillVoices = () => {
    const list = voicesFor(lang());
    const base = (lang() || '').split('-')[0].toLowerCase();
    const wanted = reader.settings.voices?.[base];
    voice.replaceChildren(...(list.length ? list : [{ name: '', lang: '' }]).map(v => make(doc, 'option', { value: v.name },
      v.name ? `${v.name}${v.lang ? ` (${v.lang})` : ''}` : 'The system\u2019s voice')));
    voice.value = list.some(v => v.name === wanted) ? wanted : (list.find(v => v.default) ?? list[0])?.name ?? '';
    voice.disabled = list.length < 2;
  };
  globalThis.speechSynthesis?.addEventListener?.('voiceschanged', () => { if (!bar.hidden) fillVoices(); });
  bar.append(previous, play, next, stop, make(doc, 'label', { class: 'select' }, make(doc, 'span', { 'aria-hidden': 'true' }, 'Speed'), speed),
    make(doc, 'label', { class: 'select' }, make(doc, 'span', { 'aria-hidden': 'true' }, 'Voice'), voice));
  return {
    element: bar,
    /** Shows the state: 'playing', 'paused', 'stopped' or 'ended'. */
    show(state) {
      const active = state === 'playing' || state === 'paused';
      if (active && bar.hidden) {
        speed.value = String(reader.settings.rate);
        fillVoices();
      }
      bar.hidden = !active;
      play.textContent = state === 'paused' ? '▶ Resume' : 'Pause';
      play.setAttribute('aria-label', state === 'paused' ? 'Resume' : 'Pause');
      play.title = play.getAttribute('aria-label');
    },
  };
}

/** What to announce when read aloud changes state. */
export const speechMessages = {
  playing: 'Reading aloud.',
  paused: 'Reading paused.',
  stopped: 'Stopped reading.',
  ended: 'Finished reading the article.',
};
