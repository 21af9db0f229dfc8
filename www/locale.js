// Everything shown in the language of the article rather than of this app:
// dates, reading time, the heading of teasers without a group, and the text
// direction. Intl does the work; a small table (English fallback) the rest.

const MORE = {
  ar: 'المزيد', cs: 'Další', da: 'Mere', de: 'Mehr', el: 'Περισσότερα', en: 'More', es: 'Más', fa: 'بیشتر',
  fi: 'Lisää', fr: 'Plus', he: 'עוד', hu: 'Továbbiak', it: 'Altro', ja: 'その他', ko: '더 보기', nl: 'Meer',
  no: 'Mer', nb: 'Mer', pl: 'Więcej', pt: 'Mais', ro: 'Mai multe', ru: 'Ещё', sk: 'Ďalšie', sv: 'Mer',
  tr: 'Daha fazla', uk: 'Більше', zh: '更多',
};

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** A valid BCP 47 tag for `lang` (the article's), else the browser's language. */
export function localeOf(lang) {
  try {
    if (lang) return Intl.getCanonicalLocales(lang.replace(/_/g, '-'))[0];
  } catch {
    // not a language tag: fall through
  }
  return navigator.language || 'en';
}

const base = locale => locale.split('-')[0].toLowerCase();

/** "More" in the article's language, for teasers that have no group heading. */
export const moreLabel = locale => MORE[base(locale)] ?? MORE.en;

/** 'rtl' or 'ltr' for a language. */
export function directionOf(locale) {
  try {
    const info = new Intl.Locale(locale);
    const direction = (info.getTextInfo?.() ?? info.textInfo)?.direction;
    if (direction) return direction;
  } catch {
    // fall back to the list
  }
  return RTL.has(base(locale)) ? 'rtl' : 'ltr';
}

/**
 * The publication date, e.g. "19. Juni 2024, 14:32" for a German page.
 * A date without a time is shown as a date only. Returns null when the
 * value is not a date.
 */
export function formatDate(value, locale) {
  if (!value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
  const date = new Date(dateOnly ? `${value.trim()}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return null;
  const options = dateOnly ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}

/** Reading time as a range of minutes, e.g. "2–3 Minuten" or "٢–٣ دقيقة". */
export function formatReadingTime(time, locale) {
  if (!time || !(time.max > 0)) return null;
  const min = Math.max(1, time.min), max = Math.max(min, time.max);
  let format;
  try {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  } catch {
    format = new Intl.NumberFormat('en', { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  }
  if (min === max) return format.format(min);
  if (typeof format.formatRange === 'function') return format.formatRange(min, max);
  const short = new Intl.NumberFormat(locale);
  return `${short.format(min)}–${format.format(max)}`;
}
