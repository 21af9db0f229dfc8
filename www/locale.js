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

const STATED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The wall-clock date and time a value states, as a Date to be shown in UTC:
 * "2024-06-19T14:32:00+02:00" is 14:32, wherever the reader is. A value
 * with no time has `time: false`; one Date cannot parse gives null.
 */
function stated(value) {
  const text = value.trim();
  const iso = text.match(STATED);
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)));
    return Number.isNaN(date.getTime()) ? null : { date, time: h !== undefined };
  }
  // Other forms ("Wed, 19 Jun 2024 14:32:00 +0200"): Date reads them; the
  // stated offset, if any, gives back the page's own clock.
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const zone = text.match(/(?:\b(?:GMT|UTC)|Z|\s)([+-])(\d{2}):?(\d{2})$/) ?? (/\b(GMT|UTC|Z)$/.test(text) ? ['', '+', '00', '00'] : null);
  if (!zone) return { date, time: true, local: true };
  const offset = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
  return { date: new Date(date.getTime() + offset * 60_000), time: true };
}

/**
 * The publication date as the page states it, e.g. "19. Juni 2024 um 14:32"
 * for a German page dated 2024-06-19T14:32+02:00, in any time zone of the
 * reader. A date without a time is shown as a date only. Returns null when
 * the value is not a date.
 */
export function formatDate(value, locale) {
  if (!value) return null;
  const when = stated(value);
  if (!when) return null;
  const options = { dateStyle: 'long', ...(when.time ? { timeStyle: 'short' } : {}), ...(when.local ? {} : { timeZone: 'UTC' }) };
  try {
    return new Intl.DateTimeFormat(locale, options).format(when.date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(when.date);
  }
}

// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo,
// Samaritan, Mandaic and their presentation forms) against letters of any
// other script.
const RTL_LETTER = /[\u0590-\u05FF\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u0780-\u07BF\u07C0-\u07FF\u0800-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LETTER = /\p{L}/gu;

/**
 * 'rtl' when most letters of `text` belong to right-to-left scripts, else
 * 'ltr'. For pages that name neither a direction nor a language.
 */
export function directionOfText(text) {
  const sample = (text ?? '').slice(0, 4000);
  const letters = sample.match(LETTER)?.length ?? 0;
  const rtl = sample.match(RTL_LETTER)?.length ?? 0;
  return letters > 0 && rtl * 2 > letters ? 'rtl' : 'ltr';
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
