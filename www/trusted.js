// The page's one Trusted Types policy, "decant". The reader page's CSP
// (require-trusted-types-for 'script'; trusted-types decant) lets no other
// HTML or script URL into the DOM, so these two functions are the only doors:
// - trustedHTML is only ever given decant's `content`, which decant has
//   already sanitized (allow-listed tags and attributes, http(s)/mailto links,
//   http(s)/data:image sources). Page HTML never goes through it.
// - trustedScriptURL only lets this app's service worker and its extraction
//   worker through.

const scripts = new Set(['sw.js', 'extract-worker.js'].map(name => new URL(name, import.meta.url).href));
let policy;

function get() {
  policy ??= globalThis.trustedTypes?.createPolicy('decant', {
    createHTML: html => html,
    createScriptURL: url => {
      if (!scripts.has(new URL(url, import.meta.url).href)) throw new TypeError(`decant: script URL refused: ${url}`);
      return url;
    },
  }) ?? null;
  return policy;
}

/** decant's sanitized article HTML, as Trusted Types want it. */
export const trustedHTML = html => get()?.createHTML(html) ?? html;

/** The service worker's or the extraction worker's URL, as Trusted Types want it. */
export const trustedScriptURL = url => get()?.createScriptURL(url) ?? url;
