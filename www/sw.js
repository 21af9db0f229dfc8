// Offline support: the app shell and the WebAssembly module are cached when
// the service worker installs. Requests go to the network first (so a new
// build is picked up at once) and fall back to the cache when offline.
// Samples and other same-origin files are cached as they are fetched.

const CACHE = 'decant-reader-v2';
const SHELL = [
  './', 'app.css', 'article.css', 'controls.css', 'overlay.css', 'app.js', 'render.js', 'locale.js', 'settings.js',
  'speech.js', 'controls.js', 'chunks.js', 'extraction.js', 'extract-worker.js', 'messages.js', 'kept.js',
  'trusted.js', 'loader.js', 'bookmarklet.js', 'samples/samples.js', 'icon.svg', 'manifest.webmanifest',
  'decant/js/browser.js', 'decant/pkg/decant.js', 'decant/pkg/decant_bg.wasm',
];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key.startsWith('decant-reader-') && key !== CACHE).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then(response => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(cache => cache.put(request, copy)));
    }
    return response;
  }, async () => {
    const cache = await caches.open(CACHE);
    // Navigations carry ?sample=... or ?from=...: any of them is the page.
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    return cached ?? Response.error();
  }));
});
