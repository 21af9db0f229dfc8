// Builds the reader view of an extracted article, and its teaser cards, as
// DOM. Shared by the reader page and the bookmarklet's overlay. The only HTML
// inserted is decant's sanitized `content` (through trustedHTML); everything
// else is set as text or as checked http(s) URLs.

import { trustedHTML } from './trusted.js';
import { directionOf, directionOfText, formatDate, formatReadingTime, localeOf, moreLabel } from './locale.js';

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

/** Gives way to the browser, so that input and painting go on between pieces. */
const breathe = () => globalThis.scheduler?.yield?.() ?? new Promise(resolve => setTimeout(resolve, 0));
const SLICE_MS = 24; // main-thread work between two breaths

/** A link with nothing to read (an empty heading anchor, a bare icon) becomes its contents. */
function nameless(link) {
  return !link.textContent.trim() && !link.querySelector('img[alt]:not([alt=""]), svg, video, [aria-label]');
}

/** Wide tables scroll sideways inside a region that says so, and can be scrolled from the keyboard. */
function wrapTable(doc, table) {
  const wrap = doc.createElement('div');
  wrap.className = 'table-scroll';
  const hint = element(doc, 'p', { className: 'scroll-hint', textContent: 'Scroll sideways for the whole table' });
  hint.setAttribute('aria-hidden', 'true');
  table.replaceWith(wrap);
  wrap.append(hint, table);
  return wrap;
}

/** Marks the wrappers whose table is wider than the column (and back, when the settings change). */
function watchTables(wraps) {
  if (!wraps.length || typeof ResizeObserver !== 'function') return;
  const observer = new ResizeObserver(entries => {
    for (const { target } of entries) {
      const table = target.querySelector('table');
      if (!table) continue;
      const wide = table.scrollWidth > target.clientWidth + 1;
      target.classList.toggle('wide', wide);
      if (wide) {
        target.tabIndex = 0;
        target.setAttribute('role', 'region');
        const caption = table.caption?.textContent.trim();
        target.setAttribute('aria-label', caption ? `${caption} (table, scrolls sideways)` : 'Table, scrolls sideways');
      } else {
        target.removeAttribute('tabindex');
        target.removeAttribute('role');
        target.removeAttribute('aria-label');
      }
    }
  });
  for (const wrap of wraps) observer.observe(wrap);
}

/**
 * Turns a piece of decant's content into a fragment: ids get a prefix (so
 * they cannot clash with the page's), links open in a new tab unless they
 * point into the article (settled by `links.settle()` once every piece is
 * in), empty links are unwrapped, images load lazily, tables scroll.
 */
function piece(doc, html, links, tables) {
  const template = doc.createElement('template');
  template.innerHTML = trustedHTML(html);
  const fragment = template.content;
  for (const node of fragment.querySelectorAll('[id]')) {
    links.ids.add(node.id);
    node.id = `decant-${node.id}`;
  }
  for (const link of fragment.querySelectorAll('a[href]')) {
    if (nameless(link)) {
      link.replaceWith(...link.childNodes);
      continue;
    }
    const href = link.getAttribute('href');
    const hash = href.indexOf('#');
    const local = hash >= 0 && (hash === 0 || withoutQuery(href) === links.page) ? decoded(href.slice(hash + 1)) : null;
    if (local) links.local.push([link, local]);
    else external(link);
  }
  for (const img of fragment.querySelectorAll('img')) {
    img.loading = 'lazy';
    img.decoding = 'async';
    hideWhenBroken(img);
  }
  for (const table of fragment.querySelectorAll('table')) {
    if (!table.parentElement?.closest('table')) tables.push(wrapTable(doc, table));
  }
  return fragment;
}

/** Where pieces go: the innermost of the content's wrapper elements, or `body` itself. */
function container(doc, layout, body) {
  if (!layout.open.length) return body;
  const template = doc.createElement('template');
  template.innerHTML = trustedHTML(layout.open.join('') + layout.close.join(''));
  let inner = template.content.firstElementChild;
  for (let depth = 1; depth < layout.open.length && inner?.firstElementChild; depth++) inner = inner.firstElementChild;
  body.append(template.content);
  return inner ?? body;
}

/** The direction of the article: the page's, else its language's, else its letters'. */
function direction(article, locale) {
  if (article.dir === 'rtl' || article.dir === 'ltr') return article.dir;
  if (article.lang) return directionOf(locale);
  return directionOfText(article.textContent || article.title);
}

/**
 * Renders `article` (decant's result, its content split into `layout` by
 * chunks.js) into `root`, an <article> element: site, date and reading time,
 * title, byline, lead image, body and a link to the original. `url` is the
 * page's address, if known. The head and the first piece of the body are in
 * place when `first` resolves; the rest follows between frames, and the
 * returned promise settles when all is in (rejects with an AbortError if
 * `signal` aborts). `onProgress(done, total)` counts pieces.
 */
export function renderArticle(article, layout, root, url = null, { signal = null, onProgress = null } = {}) {
  const doc = root.ownerDocument;
  const locale = localeOf(article.lang);
  if (article.lang) root.lang = locale;
  else root.setAttribute('lang', '');
  root.dir = direction(article, locale);

  const kicker = element(doc, 'p', { className: 'kicker' });
  if (article.siteName) kicker.append(element(doc, 'span', { className: 'site', textContent: article.siteName }));
  const date = formatDate(article.publishedTime, locale);
  if (date) kicker.append(element(doc, 'time', { dateTime: article.publishedTime, textContent: date }));
  const minutes = formatReadingTime(article.readingTime, locale);
  if (minutes) kicker.append(element(doc, 'span', { className: 'reading-time', textContent: minutes }));

  const leadURL = webURL(article.leadImage, { image: true });
  const lead = leadURL ? element(doc, 'figure', { className: 'lead' },
    element(doc, 'img', { src: leadURL, alt: '', decoding: 'async' }),
    article.leadImageCaption ? element(doc, 'figcaption', { textContent: article.leadImageCaption }) : null) : null;
  if (lead) hideWhenBroken(lead.querySelector('img'));

  const original = webURL(url);
  const body = element(doc, 'div', { className: 'body' });
  const pieces = layout?.pieces ?? [];
  root.replaceChildren(...[
    element(doc, 'header', {},
      kicker.childElementCount ? kicker : null,
      element(doc, 'h1', { className: 'title', textContent: article.title || article.siteName || (original ? new URL(original).hostname : '') }),
      article.byline ? element(doc, 'p', { className: 'byline', textContent: article.byline }) : null),
    lead,
    body,
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

  const links = { ids: new Set(), local: [], page: original ? withoutQuery(original) : null };
  const tables = [];
  const target = layout ? container(doc, layout, body) : body;
  // A long article lays out only what is near the screen (article.css).
  if (pieces.length > 8) target.classList.add('long');
  let firstDone;
  const first = new Promise(resolve => { firstDone = resolve; });
  const done = (async () => {
    let index = 0, slice = performance.now();
    for (const html of pieces) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
      target.append(piece(doc, html, links, tables));
      index += 1;
      if (index === 1) {
        // The lead image is shown above the body unless the body has it.
        if (lead && [...body.querySelectorAll('img')].some(img => withoutQuery(img.getAttribute('src') ?? '') === withoutQuery(leadURL))) lead.remove();
        firstDone();
      }
      onProgress?.(index, pieces.length);
      if (performance.now() - slice > SLICE_MS) {
        await breathe();
        slice = performance.now();
      }
    }
    firstDone();
    for (const [link, id] of links.local) {
      if (links.ids.has(id)) link.setAttribute('href', `#decant-${id}`);
      else external(link);
    }
    watchTables(tables);
  })();
  done.catch(() => {});
  return { first, done };
}

/**
 * Renders teasers as cards, grouped under their group heading in page order
 * (teasers without a group under "More" in the article's language). A group
 * whose cards all have a picture is a grid of picture cards; any other group
 * is one list of rows, a small picture beside the text where there is one,
 * so no card stands empty next to a taller one.
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
    groups.get(name).push({ ...teaser, href, image: webURL(teaser.image, { image: true }) });
  }
  if (lang) root.lang = locale;
  else root.setAttribute('lang', '');
  root.dir = lang ? directionOf(locale) : directionOfText(teasers.map(t => t.title).join(' '));
  root.hidden = groups.size === 0;
  root.replaceChildren(...[...groups].map(([name, cards], index) => {
    const id = `teasers-${index}`;
    const section = element(doc, 'section', {}, element(doc, 'h2', { id, textContent: name }));
    section.setAttribute('aria-labelledby', id);
    const pictured = cards.every(teaser => teaser.image);
    section.append(element(doc, 'ul', { className: pictured ? 'grid' : 'rows' }, ...cards.map(teaser => {
      const img = teaser.image ? element(doc, 'img', { src: teaser.image, alt: '', loading: 'lazy', decoding: 'async' }) : null;
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
