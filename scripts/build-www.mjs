#!/usr/bin/env node
// Assembles the reader as a static site in target/www/, for hosting anywhere:
//   bash scripts/build.sh && node scripts/build-www.mjs
// The layout is the one scripts/serve.mjs serves (www/ at the root, the
// package under decant/). target/www/_headers holds the response headers the
// page wants (CSP, CORS for the bookmarklet, sandboxed samples) in the format
// Netlify and Cloudflare Pages read; on other hosts, set the same headers.
// index.html also carries its CSP in a <meta> tag, so the page stays locked
// down where headers cannot be set (only frame-ancestors needs the header).

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { headersFor, mappedFiles, packageFiles, root } from './serve.mjs';

const out = join(root, 'target/www');

for (const file of Object.values(packageFiles)) {
  if (!existsSync(join(root, file))) {
    console.error(`build-www: ${file} is missing: run bash scripts/build.sh first`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
cpSync(join(root, 'www'), out, { recursive: true });
for (const [path, file] of Object.entries(mappedFiles)) {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  cpSync(join(root, file), join(out, path));
}

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else files.push('/' + relative(out, full).split('\\').join('/'));
  }
})(out);

const rules = files.flatMap(path => {
  const headers = Object.entries(headersFor(path)).filter(([name]) => name !== 'Content-Type');
  const pattern = path.endsWith('/index.html') ? [path.slice(0, -'index.html'.length), path] : [path];
  return pattern.map(p => [p, ...headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n'));
});
writeFileSync(join(out, '_headers'), rules.join('\n') + '\n');

const bytes = files.reduce((sum, path) => sum + statSync(join(out, path)).size, 0);
console.log(`build-www: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${relative(process.cwd(), out) || out}`);
