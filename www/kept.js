// The last article shown in this tab, kept in sessionStorage so that a
// reload (or Back and Forward) shows it again. sessionStorage stays in this
// tab, is never sent anywhere and is cleared when the tab closes. One
// article is kept: a new one replaces it.

const KEY = 'decant:article';
const LIMIT = 4_000_000; // characters; sessionStorage holds about 5 million per origin

/** Keeps `entry` ({ id, url, article, layout }); false when it is too large or storage is off. */
export function save(entry) {
  try {
    const estimate = (entry.article.textContent?.length ?? 0) + (entry.layout?.pieces.reduce((n, piece) => n + piece.length, 0) ?? 0);
    const text = estimate > LIMIT ? '' : JSON.stringify(entry);
    if (!text || text.length > LIMIT) {
      sessionStorage.removeItem(KEY);
      return false;
    }
    sessionStorage.setItem(KEY, text);
    return true;
  } catch {
    return false;
  }
}

/** The kept entry with this id, or null. */
export function load(id) {
  try {
    const entry = JSON.parse(sessionStorage.getItem(KEY));
    return entry && entry.id === id && entry.article ? entry : null;
  } catch {
    return null;
  }
}
