// Reading settings: what they can be, how they look, and where they are kept
// (localStorage, so they survive a reload). apply() sets them on an element
// that carries article.css's theme variables.

export const themes = ['auto', 'light', 'sepia', 'dark'];
export const fonts = ['serif', 'sans'];
export const sizes = [15, 17, 19, 21, 24, 27, 31];          // px
export const widths = [26, 30, 34, 40, 48];                 // em of the text size
export const leadings = [1.4, 1.5, 1.65, 1.8, 2];

export const labels = {
  size: index => `${sizes[index]} px`,
  width: index => ['Shortest', 'Short', 'Medium', 'Long', 'Longest'][index],
  leading: index => ['Tight', 'Snug', 'Normal', 'Relaxed', 'Loose'][index],
};

export const defaults = Object.freeze({ theme: 'auto', font: 'serif', size: 2, width: 2, leading: 2 });

const KEY = 'decant:settings';
const steps = { size: sizes.length, width: widths.length, leading: leadings.length };

/** Keeps known, valid values only, so a damaged entry cannot break the page. */
function valid(raw) {
  const out = { ...defaults };
  if (!raw || typeof raw !== 'object') return out;
  if (themes.includes(raw.theme)) out.theme = raw.theme;
  if (fonts.includes(raw.font)) out.font = raw.font;
  for (const [key, count] of Object.entries(steps)) {
    if (Number.isInteger(raw[key]) && raw[key] >= 0 && raw[key] < count) out[key] = raw[key];
  }
  return out;
}

export function load() {
  try {
    return valid(JSON.parse(localStorage.getItem(KEY)));
  } catch {
    return { ...defaults };
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

export function next(list, value) {
  return list[(list.indexOf(value) + 1) % list.length];
}

export function apply(settings, element) {
  element.dataset.theme = settings.theme;
  element.dataset.font = settings.font;
  element.style.setProperty('--text-size', `${sizes[settings.size]}px`);
  // in px, so that the teasers (in smaller type) line up with the text
  element.style.setProperty('--measure', `${widths[settings.width] * sizes[settings.size]}px`);
  element.style.setProperty('--leading', String(leadings[settings.leading]));
}
