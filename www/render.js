// Builds the reader view of an extracted article, and its teaser cards, as
// DOM. Shared by the reader page and the bookmarklet's overlay. The only HTML
// inserted is decant's sanitized `content` (through trustedHTML); everything
// else is set as text or as checked http(s) URLs.

import { trustedHTML } from './trusted.js';
import { directionOf, formatDate, formatReadingTime, localeOf, moreLabel } from './locale.js';

/** `value` as an absolute http(s) URL (or a data: image where allowed), else null. */
function webURL(value, { image = false } = {}) {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    if (image && url.protocol === 'data:' && /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(value)) return value;
  } catch {
    // not an absolute URL
  }
  return null;
}

function element(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  Object.assign(node, props);
  node.append(...children.filter(child => child != null));
  return node;
}

/** Opens a link in a new tab, without telling the other site where it came from. */
function external(link) {
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
}

/** Broken images (offline, blocked, gone) disappear instead of showing an icon. */
function hideWhenBroken(img) {
  img.addEventListener('error', () => {
    const figure = img.closest('figure');
    (figure && figure.querySelectorAll('img').length === 1 ? figure : img).hidden = true;
  }, { once: true });
}

const withoutQuery = url => url.split(/[?#]/)[0];

function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Turns decant's content into a fragment: ids get a prefix (so they cannot
 * clash with the page's), in-article links (footnotes) stay in the article,
 * other links open in a new tab, images load lazily.
 */
function body(doc, content, pageURL) {
  const template = doc.createElement('template');
  template.innerHTML = trustedHTML(content);
  const fragment = template.content;
  const ids = new Set();
  for (const node of fragment.querySelectorAll('[id]')) {
    ids.add(node.id);
    node.id = `decant-${node.id}`;
  }
  const page = pageURL ? withoutQuery(pageURL) : null;
  for (const link of fragment.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href');
    const hash = href.indexOf('#');
    const local = hash >= 0 && (hash === 0 || withoutQuery(href) === page) ? decoded(href.slice(hash + 1)) : null;
    if (local && ids.has(local)) link.setAttribute('href', `#decant-${local}`);
    else external(link);
  }
  for (const img of fragment.querySelectorAll('img')) {
    img.loading = 'lazy';
    img.decoding = 'async';
    hideWhenBroken(img);
  }
  return fragment;
}

/**
 * Renders `article` (decant's result) into `root`, an <article> element:
 * site, date and reading time, title, byline, lead image, body and a link to
 * the original. `url` is the page's address, if known.
 */
export function renderArticle(article, root, url = null) {
  const doc = root.ownerDocument;
  const locale = localeOf(article.lang);
  const dir = article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : directionOf(locale);
  root.lang = locale;
  root.dir = dir;

  const kicker = element(doc, 'p', { className: 'kicker' });
  if (article.siteName) kicker.append(element(doc, 'span', { className: 'site', textContent: article.siteName }));
  const date = formatDate(article.publishedTime, locale);
  if (date) kicker.append(element(doc, 'time', { dateTime: article.publishedTime, textContent: date }));
  const minutes = formatReadingTime(article.readingTime, locale);
  if (minutes) kicker.append(element(doc, 'span', { className: 'reading-time', textContent: minutes }));

  const fragment = article.content ? body(doc, article.content, url) : doc.createDocumentFragment();
  const leadURL = webURL(article.leadImage, { image: true });
  const inBody = leadURL && [...fragment.querySelectorAll('img')].some(img => withoutQuery(img.getAttribute('src') ?? '') === withoutQuery(leadURL));
  let lead = null;
  if (leadURL && !inBody) {
    const img = element(doc, 'img', { src: leadURL, alt: '', decoding: 'async' });
    hideWhenBroken(img);
    const caption = article.leadImageCaption ? element(doc, 'figcaption', { textContent: article.leadImageCaption }) : null;
    lead = element(doc, 'figure', { className: 'lead' }, img, caption);
  }

  const original = webURL(url);
  root.replaceChildren(...[
    element(doc, 'header', {},
      kicker.childElementCount ? kicker : null,
      element(doc, 'h1', { className: 'title', textContent: article.title || article.siteName || (original ? new URL(original).hostname : '') }),
      article.byline ? element(doc, 'p', { className: 'byline', textContent: article.byline }) : null),
    lead,
    element(doc, 'div', { className: 'body' }, fragment),
    original ? element(doc, 'p', { className: 'source' }, element(doc, 'a', { href: original, textContent: `↗ ${new URL(original).hostname}` })) : null,
  ].filter(Boolean));
  for (const link of root.querySelectorAll('.source a')) external(link);
  // Footnote links scroll within the article instead of changing the address.
  root.onclick = event => {
    const link = event.target.closest?.('a[href^="#decant-"]');
    if (!link) return;
    event.preventDefault();
    root.querySelector(`[id="${CSS.escape(link.getAttribute('href').slice(1))}"]`)?.scrollIntoView({ block: 'start' });
  };
}

/**
 * Renders teasers as cards, grouped under their group heading in page order
 * (teasers without a group under "More" in the article's language).
 */
export function renderTeasers(teasers, root, lang) {
  const doc = root.ownerDocument;
  const locale = localeOf(lang);
  const groups = new Map();
  for (const teaser of teasers) {
    const href = webURL(teaser.url);
    if (!href || !teaser.title) continue;
    const name = teaser.group || moreLabel(locale);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push({ ...teaser, href });
  }
  root.lang = locale;
  root.dir = directionOf(locale);
  root.hidden = groups.size === 0;
  root.replaceChildren(...[...groups].map(([name, cards], index) => {
    const id = `teasers-${index}`;
    const section = element(doc, 'section', {}, element(doc, 'h2', { id, textContent: name }));
    section.setAttribute('aria-labelledby', id);
    section.append(element(doc, 'ul', {}, ...cards.map(teaser => {
      const image = webURL(teaser.image, { image: true });
      const img = image ? element(doc, 'img', { src: image, alt: '', loading: 'lazy', decoding: 'async' }) : null;
      img?.addEventListener('error', () => img.remove(), { once: true });
      const link = element(doc, 'a', { className: 'card', href: teaser.href }, img,
        element(doc, 'div', { className: 'card-text' },
          element(doc, 'h3', { textContent: teaser.title }),
          teaser.summary ? element(doc, 'p', { textContent: teaser.summary }) : null));
      external(link);
      return element(doc, 'li', {}, link);
    })));
    return section;
  }));
}
