// Headless Chromium for the end-to-end tests and the browser benchmark:
// Debian's chromium (CHROMIUM_PATH overrides it), flags for a quiet,
// offline run.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
