// Reading settings: what they can be, how they look, and where they are kept
// (localStorage of the reader's origin, so they survive a reload; the
// bookmarklet carries a copy to the overlay, see loader.js). apply() sets
// them on an element that carries article.css's theme variables.

export const themes = ['auto', 'light', 'sepia', 'dark', 'contrast'];
export const fonts = ['serif', 'sans'];
export const aligns = ['start', 'justify'];
export const sizes = [15, 17, 19, 21, 24, 27, 31];          // px
export const widths = [26, 30, 34, 40, 48];                 // em of the text size
export const leadings = [1.4, 1.5, 1.65, 1.8, 2];
// WCAG 1.4.12 asks that text stays readable up to 0.12em between letters and
// 0.16em between words; the last steps go a little further.
export const letterSpacings = [0, 0.03, 0.06, 0.12, 0.18];  // em
export const wordSpacings = [0, 0.08, 0.16, 0.25, 0.35];    // em
export const rates = [0.75, 1, 1.25, 1.5, 1.75, 2];         // read-aloud speed

const spacingNames = ['Normal', 'Wide', 'Wider', 'Widest', 'Extra wide'];
export const labels = {
  theme: value => ({ auto: 'Auto', light: 'Light', sepia: 'Sepia', dark: 'Dark', contrast: 'High contrast' })[value],
  font: value => ({ serif: 'Serif', sans: 'Sans' })[value],
  align: value => ({ start: 'Ragged', justify: 'Justified' })[value],
  size: index => `${sizes[index]} px`,
  width: index => ['Shortest', 'Short', 'Medium', 'Long', 'Longest'][index],
  leading: index => ['Tight', 'Snug', 'Normal', 'Relaxed', 'Loose'][index],
  letters: index => spacingNames[index],
  words: index => spacingNames[index],
  rate: index => `${rates[index]}×`,
};

export const defaults = Object.freeze({
  theme: 'auto', font: 'serif', align: 'start', size: 2, width: 2, leading: 2, letters: 0, words: 0, rate: 1, voices: {},
});

const KEY = 'decant:settings';
const choices = { theme: themes, font: fonts, align: aligns };
const steps = {
  size: sizes.length, width: widths.length, leading: leadings.length,
  letters: letterSpacings.length, words: wordSpacings.length, rate: rates.length,
};

/** Keeps known, valid values only, so a damaged entry (or a doctored bookmark) cannot break the page. */
export function valid(raw) {
  const out = { ...defaults, voices: {} };
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, list] of Object.entries(choices)) if (list.includes(raw[key])) out[key] = raw[key];
  for (const [key, count] of Object.entries(steps)) {
    if (Number.isInteger(raw[key]) && raw[key] >= 0 && raw[key] < count) out[key] = raw[key];
  }
  // The voice chosen for each language: { de: "voice name" }.
  if (raw.voices && typeof raw.voices === 'object') {
    for (const [lang, name] of Object.entries(raw.voices).slice(0, 32)) {
      if (/^[a-z]{2,3}$/.test(lang) && typeof name === 'string' && name.length <= 200) out.voices[lang] = name;
    }
  }
  return out;
}

export function load() {
  try {
    return valid(JSON.parse(localStorage.getItem(KEY)));
  } catch {
    return valid(null);
  }
}

export function save(settings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(valid(settings)));
  } catch {
    // storage is full or disabled: the settings last until the tab closes
  }
}

/** Moves a stepped setting by `delta`, staying in range. */
export function step(settings, key, delta) {
  return { ...settings, [key]: Math.min(steps[key] - 1, Math.max(0, settings[key] + delta)) };
}

/** The next value of a choice (theme, font, align), wrapping around. */
export function cycle(settings, key) {
  const list = choices[key];
  return { ...settings, [key]: list[(list.indexOf(settings[key]) + 1) % list.length] };
}

export function apply(settings, element) {
  element.dataset.theme = settings.theme;
  element.dataset.font = settings.font;
  element.dataset.align = settings.align;
  element.style.setProperty('--text-size', `${sizes[settings.size]}px`);
  // in px, so that the teasers (in smaller type) line up with the text
  element.style.setProperty('--measure', `${widths[settings.width] * sizes[settings.size]}px`);
  element.style.setProperty('--leading', String(leadings[settings.leading]));
  element.style.setProperty('--letter-spacing', `${letterSpacings[settings.letters]}em`);
  element.style.setProperty('--word-spacing', `${wordSpacings[settings.words]}em`);
}
