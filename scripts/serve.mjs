#!/usr/bin/env node
// A small static server for the reader page, with no dependencies.
//
//   node scripts/serve.mjs            serves on http://127.0.0.1:8080/ (PORT=...;
//                                     the next free port if that one is taken)
//   import { start } from './serve.mjs'; const { url, close } = await start({ port: 0 });
//
// Layout (the same as `target/www/`, see scripts/build-www.mjs):
//   /                            www/ (the reader page, bookmarklet.js, samples/)
//   /decant/js/browser.js        js/browser.js     the package's browser entry
//   /decant/pkg/decant.js        pkg/decant.js     wasm-bindgen's glue
//   /decant/pkg/decant_bg.wasm   pkg/decant_bg.wasm
//   /samples/…                   www/samples/, or a test fixture (fixtureSamples)
// Only 127.0.0.1 is listened on: the page is for the person at this machine.

import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The package files the reader and the bookmarklet load, by URL path. */
export const packageFiles = {
  '/decant/js/browser.js': 'js/browser.js',
  '/decant/pkg/decant.js': 'pkg/decant.js',
  '/decant/pkg/decant_bg.wasm': 'pkg/decant_bg.wasm',
};

/** Sample pages that are test fixtures too: served from there, one copy. */
export const fixtureSamples = {
  '/samples/aktualne.html': 'tests/fixtures/teasers-cs-aktualne/source.html',
  '/samples/lemonde-1.html': 'tests/fixtures/teasers-fr-lemonde/source.html',
  '/samples/almarsad-book-bus.html': 'tests/fixtures/fidelity-rtl/source.html',
};

/** Every URL path served from outside www/, and its file in the repository. */
export const mappedFiles = { ...packageFiles, ...fixtureSamples };

export const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The reader page's policy: scripts only from this origin (plus compiling
 * WebAssembly), styles only from files, HTML only through the one Trusted
 * Types policy that inserts decant's sanitized `content`. Article images and
 * media load from anywhere on the web, as the article shows them.
 */
export const readerPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  'img-src http: https: data:',
  'media-src http: https:',
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types decant',
].join('; ');

/** Sample pages are other sites' HTML: never let them run as a page of ours. */
export const samplePolicy = "default-src 'none'; sandbox";

/** Response headers for a URL path (also written to target/www/_headers). */
export function headersFor(path) {
  const type = mimeTypes[extname(path)] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (path.startsWith('/samples/')) {
    headers['Content-Security-Policy'] = samplePolicy;
  } else if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = readerPolicy;
  } else {
    // The bookmarklet loads scripts, styles and the wasm from other sites' pages.
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  return headers;
}

/** Maps a URL path to a file under `dir` (the repository), or null. */
export function fileFor(path, dir = root) {
  if (path.endsWith('/')) path += 'index.html';
  if (mappedFiles[path]) return join(dir, mappedFiles[path]);
  const www = resolve(dir, 'www');
  const file = resolve(www, '.' + path);
  return file.startsWith(www + sep) ? file : null;
}

async function respond(req, res, dir) {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    path = null;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = path && !path.includes('\0') ? fileFor(path, dir) : null;
  let body;
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
    body = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('Not found\n');
    return;
  }
  res.writeHead(200, {
    ...headersFor(path.endsWith('/') ? path + 'index.html' : path),
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Starts the server on 127.0.0.1. With `port: 0` the system picks a free
 * port; otherwise a taken port moves on to the next one (up to `tries`).
 * Resolves to `{ url, port, close }`.
 */
export async function start({ port = 8080, tries = 20, dir = root } = {}) {
  for (let attempt = 0; ; attempt++) {
    const server = createServer((req, res) => {
      respond(req, res, dir).catch(() => res.destroy());
    });
    try {
      await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(port === 0 ? 0 : port + attempt, '127.0.0.1', ok);
      });
    } catch (error) {
      if (error.code === 'EADDRINUSE' && port !== 0 && attempt + 1 < tries) continue;
      throw error;
    }
    const actual = server.address().port;
    return {
      url: `http://127.0.0.1:${actual}/`,
      port: actual,
      close: () => new Promise(done => {
        server.close(() => done());
        server.closeAllConnections();
      }),
    };
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = Object.values(packageFiles).filter(file => !existsSync(join(root, file)));
  if (missing.length) console.warn(`serve: ${missing.join(', ')} missing: run bash scripts/build.sh first`);
  const { url } = await start({ port: Number(process.env.PORT || 8080) });
  console.log(`decant reader: ${url}`);
}
