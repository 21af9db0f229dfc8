// Read aloud with the Web Speech API, for the reader page and the overlay:
// one utterance per sentence (Intl.Segmenter in the article's language), so
// a reader can pause, resume and skip by sentence; the word being spoken is
// highlighted where the engine reports word boundaries, else the sentence
// (CSS Custom Highlights, so the article's DOM is not touched; the block
// being read carries the class "speaking"). Captions, credits, code and
// tables are not read.

import { rates } from './settings.js';

// What is read, in order: the title, the byline, and the body's text blocks.
const BLOCKS = 'h1, .byline, .body :is(p, h2, h3, h4, h5, h6, li, blockquote, dt, dd)';
// What is never read: pictures' captions and credits, code, tables, footnote marks.
const SKIP = 'figure, figcaption, .caption, .lead, pre, table, .table-scroll, sup, [hidden], [aria-hidden="true"]';
// A short line that is a picture credit ("Foto: dpa", "© Reuters", "Photo by …").
const CREDIT = /^\s*(?:©|\(c\)|(?:photo|foto|bild|image|picture|credit|credits|quelle|source|fotografía|photographie|crédit)s?\b\s*(?:by|:|von|de)?)/i;
const CREDIT_MAX = 120;

export const canSpeak = () => 'speechSynthesis' in globalThis && typeof globalThis.SpeechSynthesisUtterance === 'function';

const highlights = () => (typeof Highlight === 'function' && globalThis.CSS?.highlights) || null;

/** The blocks of `root` to read, without nested duplicates, captions or credits. */
function readableBlocks(root) {
  const all = [...root.querySelectorAll(BLOCKS)].filter(block => !block.closest(SKIP) && block.textContent.trim());
  return all
    // a paragraph inside a list item or quote is read with it, not twice
    .filter(block => !all.some(other => other !== block && other.contains(block)))
    .filter(block => !(block.textContent.length < CREDIT_MAX && CREDIT.test(block.textContent)));
}

/**
 * A block's text as read (whitespace collapsed), with the text node and
 * offset of every character, so that a stretch of it maps back to a Range.
 */
function textOf(block) {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: node => (node.parentElement?.closest(SKIP) && !node.parentElement.closest(SKIP).contains(block)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let text = '';
  const nodes = [], offsets = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.data;
    for (let i = 0; i < value.length; i++) {
      const space = /\s/.test(value[i]);
      if (space && (text === '' || text.endsWith(' '))) continue;
      text += space ? ' ' : value[i];
      nodes.push(node);
      offsets.push(i);
    }
  }
  return { text, nodes, offsets };
}

function rangeOf(doc, map, start, end) {
  if (end <= start || start >= map.nodes.length) return null;
  const last = Math.min(end, map.nodes.length) - 1;
  const range = doc.createRange();
  range.setStart(map.nodes[start], map.offsets[start]);
  range.setEnd(map.nodes[last], map.offsets[last] + 1);
  return range;
}

/** [start, end) of each sentence of `text`, trimmed. */
function sentences(text, lang) {
  let parts;
  try {
    parts = [...new Intl.Segmenter(lang || undefined, { granularity: 'sentence' }).segment(text)].map(s => [s.index, s.index + s.segment.length]);
  } catch {
    parts = [[0, text.length]];
  }
  return parts.map(([s, e]) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    return [s, e];
  }).filter(([s, e]) => e > s);
}

/** The length of the word at `at` (when the engine gives no charLength). */
function wordLength(text, at) {
  return text.slice(at).match(/^[\p{L}\p{N}\p{M}'’-]+/u)?.[0].length || text.slice(at).match(/^\S+/)?.[0].length || 0;
}

/** The voices for a language ('de' matches 'de-DE' and 'de-AT'); all of them when it is unknown. */
export function voicesFor(lang) {
  if (!canSpeak()) return [];
  const all = speechSynthesis.getVoices?.() ?? [];
  const base = (lang || '').split('-')[0].toLowerCase();
  return base ? all.filter(voice => (voice.lang || '').toLowerCase().replace('_', '-').split('-')[0] === base) : all;
}

/**
 * A read-aloud controller for the rendered article in `root`.
 * `options.settings()` gives the current settings (rate, voices);
 * `options.onState(state)` hears 'playing', 'paused', 'stopped' or 'ended',
 * and `options.onError(message)` failures.
 */
export function narrator(root, { settings, onState = () => {}, onError = () => {} }) {
  const doc = root.ownerDocument;
  const lang = () => root.closest('[lang]')?.getAttribute('lang') || '';
  let state = 'stopped';
  let blocks = [], block = 0, map = null, parts = [], part = 0;
  let resumeAt = null;      // where in the block's text to go on after a pause
  let spoken = null;        // [start, end] of the word last reported
  let wordsReported = false;
  let generation = 0;       // utterances of an older generation are ignored

  const idle = () => state === 'stopped' || state === 'ended';
  const paint = () => {
    const registry = highlights();
    const current = blocks[block];
    for (const node of root.querySelectorAll('.speaking')) if (node !== current || idle()) node.classList.remove('speaking');
    if (idle() || !current || !map) {
      registry?.delete('decant-word');
      registry?.delete('decant-sentence');
      return;
    }
    current.classList.add('speaking');
    if (!registry) return;
    const [s, e] = parts[part] ?? [0, 0];
    const word = wordsReported && spoken ? rangeOf(doc, map, spoken[0], spoken[1]) : null;
    const sentence = word ? null : rangeOf(doc, map, s, e);
    if (word) registry.set('decant-word', new Highlight(word));
    else registry.delete('decant-word');
    if (sentence) registry.set('decant-sentence', new Highlight(sentence));
    else registry.delete('decant-sentence');
  };

  const setState = next => {
    state = next;
    paint();
    onState(next);
  };

  const scrollTo = node => node?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });

  /** Moves to block `index` (and its first or last sentence); false past either end. */
  const enter = (index, atEnd = false) => {
    while (index >= 0 && index < blocks.length) {
      map = textOf(blocks[index]);
      parts = sentences(map.text, lang());
      if (parts.length) {
        block = index;
        part = atEnd ? parts.length - 1 : 0;
        scrollTo(blocks[index]);
        return true;
      }
      index += atEnd ? -1 : 1;
    }
    return false;
  };

  const voice = () => {
    const wanted = settings().voices?.[(lang() || '').split('-')[0].toLowerCase()];
    const list = voicesFor(lang());
    return list.find(v => v.name === wanted) ?? list.find(v => v.default) ?? list[0] ?? null;
  };

  const speak = () => {
    const mine = ++generation;
    const [s, e] = parts[part];
    const from = resumeAt != null && resumeAt >= s && resumeAt < e ? resumeAt : s;
    resumeAt = null;
    spoken = null;
    const utterance = new SpeechSynthesisUtterance(map.text.slice(from, e));
    if (lang()) utterance.lang = lang();
    const chosen = voice();
    if (chosen) utterance.voice = chosen;
    utterance.rate = rates[settings().rate] ?? 1;
    utterance.onboundary = event => {
      if (mine !== generation || event.name && event.name !== 'word') return;
      const at = from + event.charIndex;
      const length = event.charLength || wordLength(map.text, at);
      if (!length) return;
      wordsReported = true;
      spoken = [at, at + length];
      paint();
    };
    utterance.onend = () => {
      if (mine !== generation) return;
      advance(1);
    };
    utterance.onerror = event => {
      if (mine !== generation || event.error === 'interrupted' || event.error === 'canceled') return;
      stop();
      onError(event.error || 'failed');
    };
    speechSynthesis.speak(utterance);
    paint();
  };

  /** Goes on to the next (or previous) sentence, across blocks; ends after the last. */
  const advance = delta => {
    spoken = null;
    resumeAt = null;
    const target = part + delta;
    if (target >= 0 && target < parts.length) part = target;
    else if (!enter(block + delta, delta < 0)) {
      if (delta < 0) part = 0;
      else {
        generation++;
        speechSynthesis.cancel();
        return setState('ended');
      }
    }
    if (state === 'playing') speak();
    else paint();
  };

  const silence = () => {
    generation++;
    speechSynthesis.cancel();
  };

  function start() {
    blocks = readableBlocks(root);
    if (!blocks.length || !enter(0)) return;
    silence();
    wordsReported = false;
    setState('playing');
    speak();
  }

  function pause() {
    if (state !== 'playing') return;
    silence();
    resumeAt = spoken ? spoken[0] : null;
    setState('paused');
  }

  function resume() {
    if (state !== 'paused') return;
    setState('playing');
    speak();
  }

  function stop() {
    if (idle()) return;
    silence();
    map = null;
    setState('stopped');
  }

  return {
    get state() { return state; },
    start,
    pause,
    resume,
    stop,
    /** Start, or pause, or resume: what the read-aloud key does. */
    toggle() {
      if (state === 'playing') pause();
      else if (state === 'paused') resume();
      else start();
    },
    /** One sentence on (1) or back (-1), playing or paused. */
    skip(delta) {
      if (state !== 'playing' && state !== 'paused') return;
      if (state === 'playing') silence();
      advance(delta);
    },
    /** Speed or voice changed: the current sentence goes on from its current word with it. */
    restyle() {
      if (state !== 'playing') return;
      silence();
      resumeAt = spoken ? spoken[0] : null;
      speak();
    },
  };
}
