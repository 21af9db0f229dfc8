// The reader page (www/) in headless Chromium: what it shows, its controls,
// its policy hygiene, offline use, and screenshots for people to look at.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { articleShown, launch, screenshots, seedHTML, seedTitle, seedURL, startReader, watchedPage } from './helpers.mjs';

let reader, browser;
before(async () => {
  reader = await startReader();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await reader?.close();
});

const expectedTeasers = [
  ['Gespräche in Berlin über "möglichen Waffenstillstand in Ukraine"', 'https://www.dtz-online.example/politik/gespraeche-in-berlin-ueber-moeglichen-waffenstillstand-in-ukraine-61207'],
  ['Zweite Runde der Präsidentschaftswahl in Chile', 'https://www.dtz-online.example/politik/zweite-runde-der-praesidentschaftswahl-in-chile-61204'],
  ['Ungarn fordern Rücktritt Orbans nach Bekanntwerden von Missbrauchsfällen', 'https://www.dtz-online.example/politik/ungarn-fordern-ruecktritt-orbans-nach-bekanntwerden-von-missbrauchsfaellen-61199'],
  ['US-Soldaten in Syrien in mutmaßlichem Hinterhalt des IS getötet', 'https://www.dtz-online.example/panorama/us-soldaten-in-syrien-in-mutmasslichem-hinterhalt-des-is-getoetet-61196'],
];

const open = (options = {}) => watchedPage(browser, options);

async function openSample(page, id) {
  await page.click(`button[data-sample="${id}"]`);
  await articleShown(page);
}

/** Scrolls through the page so lazy images load, then back to the top. */
async function loadLazyImages(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise(resolve => setTimeout(resolve, 40));
    }
    await Promise.all([...document.images].filter(img => !img.complete).map(img => new Promise(resolve => { img.onload = img.onerror = resolve; })));
    window.scrollTo(0, 0);
  });
}

test('renders the seed article and its four "Empfohlen" teaser cards', async () => {
  const { context, page, problems } = await open();
  await page.goto(reader.url);
  await openSample(page, 'dtz');

  assert.equal(await page.textContent('#article h1'), seedTitle);
  assert.equal(await page.getAttribute('#article', 'lang'), 'de');
  const kicker = await page.textContent('#article .kicker');
  assert.match(kicker, /Deutsche Tageszeitung/i);
  assert.match(kicker, /19\. Juni 2024 um 14:32/, 'date and time in German');
  assert.match(kicker, /2–3 Minuten/, 'reading time as a German range');
  assert.match(await page.textContent('#article .byline'), /Zhukova/);
  assert.equal(await page.getAttribute('#article .lead img', 'src'), 'https://www.dtz-online.example/media/2024/06/putin-kim-pjoengjang.jpg');
  assert.equal(await page.textContent('#article .lead figcaption'), 'Putin und Kim schließen militärischen Beistandspakt / Foto: © POOL/AFP');
  assert.match(await page.textContent('#article .body'), /Heute kämpfen wir gemeinsam gegen neokoloniale Praktiken/);

  assert.deepEqual(await page.$$eval('#teasers h2', hs => hs.map(h => h.textContent)), ['Empfohlen']);
  const cards = await page.$$eval('#teasers a.card', links => links.map(a => [a.querySelector('h3').textContent, a.href, a.target, a.rel]));
  assert.deepEqual(cards, expectedTeasers.map(([title, url]) => [title, url, '_blank', 'noopener noreferrer']));
  assert.equal(await page.locator('#teasers a.card img').count(), 4, 'each card shows its image');

  // Links to other pages open the original in a new tab, without a referrer.
  const links = await page.$$eval('#article a[href]', as => as.map(a => [a.getAttribute('href'), a.target, a.rel]));
  assert.ok(links.length > 0);
  for (const [href, target, rel] of links) {
    if (href.startsWith('#decant-')) continue;
    assert.deepEqual([target, rel], ['_blank', 'noopener noreferrer'], href);
  }
  assert.equal(await page.title(), `${seedTitle} · decant`);
  assert.equal(new URL(page.url()).search, '?sample=dtz', 'the address reopens the sample');
  assert.deepEqual(problems, []);
  await context.close();
});

test('pasted HTML and a chosen file (bytes: decant finds the encoding) are read', async () => {
  const { context, page, problems } = await open();
  await page.goto(reader.url);
  await page.fill('#paste-html', seedHTML);
  await page.fill('#paste-url', seedURL);
  await page.click('#paste-form button[type=submit]');
  await articleShown(page);
  assert.equal(await page.textContent('#article h1'), seedTitle);
  assert.equal(await page.locator('#teasers a.card').count(), 4);
  assert.equal(await page.getAttribute('#article .source a', 'href'), seedURL);

  await page.click('#open-button');
  assert.equal(await page.isVisible('#open'), true);
  const paragraph = 'Le café crème du matin, servi à la terrasse près de la fenêtre, réchauffe les mains et les cœurs. '.repeat(8);
  // windows-1252 bytes (œ is 0x9C there); the page only says so in its <meta>.
  const html = `<html lang="fr"><head><meta charset="windows-1252"><title>Café crème à Paris</title></head><body><article><h1>Café crème à Paris</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
  const latin1 = Buffer.from(html.replaceAll('œ', '\u009c'), 'latin1');
  await page.setInputFiles('#file', { name: 'cafe.html', mimeType: 'text/html', buffer: latin1 });
  await articleShown(page);
  assert.equal(await page.textContent('#article h1'), 'Café crème à Paris');
  assert.match(await page.textContent('#article .body'), /réchauffe les mains et les cœurs/);

  await page.click('#open-button');
  await page.fill('#paste-html', '\u0000\u0001 not a page');
  await page.fill('#paste-url', '');
  await page.click('#paste-form button[type=submit]');
  await page.locator('#paste-form').getByRole('alert').filter({ hasText: 'does not look like' }).waitFor();
  assert.equal(await page.isVisible('#article'), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('teasers without a block heading are listed under "More" in the page language', async () => {
  const { context, page, problems } = await open();
  await page.goto(reader.url);
  const prose = 'Die Sonne schien über dem Hafen, und die Fischer brachten am Morgen ihren Fang an Land, wie jeden Tag. '.repeat(6);
  const card = (n, title) => `<div class="card"><a href="/2024/05/${n}-geschichte"><h3>${title}</h3></a><p>Eine kurze Zusammenfassung dieser Geschichte für die Leser.</p></div>`;
  const html = `<html lang="de"><head><title>Ein Morgen am Hafen - Blatt</title></head><body><article><h1>Ein Morgen am Hafen</h1><p>${prose}</p><p>${prose}</p></article>
    <div class="related-posts">${card(1, 'Die erste Geschichte vom Hafen')}${card(2, 'Die zweite Geschichte vom Markt')}${card(3, 'Die dritte Geschichte vom Strand')}</div></body></html>`;
  await page.fill('#paste-html', html);
  await page.fill('#paste-url', 'https://blatt.example/2024/05/hafen');
  await page.click('#paste-form button[type=submit]');
  await articleShown(page);
  assert.equal(await page.locator('#teasers a.card').count(), 3);
  assert.deepEqual(await page.$$eval('#teasers h2', hs => hs.map(h => h.textContent)), ['Mehr']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every sample renders without CSP violations or console errors; RTL pages read right to left', async () => {
  const { context, page, problems } = await open();
  await page.goto(reader.url);
  const ids = await page.$$eval('button[data-sample]', buttons => buttons.map(b => b.dataset.sample));
  assert.ok(ids.length >= 5, 'the gallery has the seed page and the corpus samples');
  for (const id of ids) {
    await page.goto(reader.url);
    await openSample(page, id);
    await loadLazyImages(page);
    assert.ok((await page.textContent('#article .body')).trim().length > 200, `${id} has a body`);
    assert.equal(await page.$$eval('#article script, #article style, #article iframe, #article [style]', nodes => nodes.length), 0, `${id}: only sanitized content`);
    assert.equal(await page.$$eval('#article *', nodes => nodes.filter(n => [...n.attributes].some(a => a.name.startsWith('on'))).length), 0, `${id}: no handlers`);
    assert.equal(await page.$eval('#article', article => [...article.childNodes].filter(n => n.nodeType !== 1).length), 0, `${id}: no stray text`);
    if (id === 'almarsad') {
      assert.equal(await page.getAttribute('#article', 'dir'), 'rtl');
      assert.equal(await page.getAttribute('#article', 'lang'), 'ar');
      assert.equal(await page.$eval('#article .body p', p => getComputedStyle(p).direction), 'rtl');
      assert.equal(await page.getAttribute('#teasers', 'dir'), 'rtl');
      const groups = await page.$$eval('#teasers h2', hs => hs.map(h => h.textContent));
      assert.ok(groups.length > 0 && groups.every(g => /[\u0600-\u06FF]/.test(g)), `teaser groups are headed in Arabic (the page's group or "المزيد"): ${groups}`);
      await page.screenshot({ path: join(screenshots, 'reader-rtl.png'), fullPage: true });
    }
    if (id === 'rtl') assert.equal(await page.$eval('#article .body p', p => getComputedStyle(p).direction), 'rtl');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** What the settings change, measured on the rendered article. */
const rendering = page => page.evaluate(() => ({
  background: getComputedStyle(document.documentElement).backgroundColor,
  fontSize: getComputedStyle(document.querySelector('#article .body p')).fontSize,
  fontFamily: getComputedStyle(document.querySelector('#article .body p')).fontFamily,
  width: Math.round(document.querySelector('#article .body').getBoundingClientRect().width),
  lineHeight: getComputedStyle(document.querySelector('#article .body p')).lineHeight,
}));

test('theme, font, size, width and line spacing controls change the rendering and survive a reload', async () => {
  const { context, page, problems } = await open({ colorScheme: 'light' });
  await page.goto(`${reader.url}?sample=dtz`);
  await articleShown(page);
  const initial = await rendering(page);

  await page.click('#settings-button');
  await page.click('label.swatch-dark');
  await page.click('label.font-sans');
  await page.focus('#size');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.focus('#width');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.focus('#leading');
  await page.keyboard.press('ArrowRight');
  const changed = await rendering(page);
  assert.notEqual(changed.background, initial.background);
  assert.equal(changed.background, 'rgb(23, 24, 27)', 'dark background');
  assert.notEqual(changed.fontFamily, initial.fontFamily);
  assert.ok(parseFloat(changed.fontSize) > parseFloat(initial.fontSize), 'larger text');
  assert.ok(parseFloat(changed.lineHeight) / parseFloat(changed.fontSize) > parseFloat(initial.lineHeight) / parseFloat(initial.fontSize), 'looser lines');
  const chars = r => r.width / parseFloat(r.fontSize);
  assert.ok(chars(changed) < chars(initial) - 5, 'shorter lines');
  assert.equal(await page.textContent('#size-value'), '24 px');

  await page.reload();
  await articleShown(page);
  assert.deepEqual(await rendering(page), changed, 'the settings survive a reload');
  assert.equal(await page.isChecked('input[name=theme][value=dark]'), true);
  assert.equal(await page.inputValue('#size'), '4');

  // Keyboard shortcuts: t cycles the theme, - makes the text smaller, ? opens the list.
  await page.locator('#article').focus();
  await page.keyboard.press('t');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'contrast');
  await page.keyboard.press('-');
  assert.equal(await page.inputValue('#size'), '3');
  await page.keyboard.press('?');
  assert.equal(await page.$eval('#help', el => el.matches(':popover-open')), true);
  await page.keyboard.press('Escape');

  await page.click('#settings-button');
  await page.click('#reset');
  assert.deepEqual(await rendering(page), initial, 'reset to defaults');
  await page.reload();
  await articleShown(page);
  assert.deepEqual(await rendering(page), initial, 'the reset is remembered');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The lowest contrast ratio of text against what is behind it, in the page. */
const lowestContrast = page => page.evaluate(selectors => {
  const parse = value => {
    const rgb = value.match(/^rgba?\(([^)]+)\)/);
    if (rgb) {
      const [r, g, b, a = 1] = rgb[1].split(/[,\s/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    }
    const srgb = value.match(/^color\(srgb ([^)]+)\)/);
    if (srgb) {
      const [r, g, b, a = 1] = srgb[1].split(/[\s/]+/).filter(Boolean).map(Number);
      return [r * 255, g * 255, b * 255, a];
    }
    throw new Error(`colour not understood: ${value}`);
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = node => {
    const layers = [];
    for (let el = node; el; el = el.parentElement) {
      const colour = parse(getComputedStyle(el).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(c => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  let worst = { ratio: Infinity };
  for (const selector of selectors) {
    for (const node of document.querySelectorAll(selector)) {
      if (!node.checkVisibility()) continue;
      const bg = background(node);
      const fg = over(parse(getComputedStyle(node).color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < worst.ratio) worst = { ratio, selector };
    }
  }
  return worst;
}, ['#article h1', '#article .kicker > *', '#article .byline', '#article .body p', '#article .body a', '#article .source a',
  '#teasers h2', '#teasers h3', '#teasers p', '.bar .brand', '.bar button', '.foot p', '.foot a', '.foot kbd']);

test('every theme meets WCAG AA contrast; screenshots in light and dark', async () => {
  for (const [theme, scheme] of [['light', 'light'], ['sepia', 'light'], ['dark', 'light'], ['contrast', 'light'], ['auto', 'dark'], ['auto', 'light']]) {
    const { context, page, problems } = await open({ colorScheme: scheme });
    await page.addInitScript(value => localStorage.setItem('decant:settings', JSON.stringify({ theme: value })), theme);
    await page.goto(`${reader.url}?sample=dtz`);
    await articleShown(page);
    const worst = await lowestContrast(page);
    assert.ok(worst.selector, `${theme} (${scheme}): no text to measure`);
    assert.ok(worst.ratio >= 4.5, `${theme} (${scheme}): ${worst.selector} has contrast ${worst.ratio.toFixed(2)}`);
    if (theme === 'light' || (theme === 'auto' && scheme === 'dark')) {
      await loadLazyImages(page);
      const name = theme === 'light' ? 'reader-light.png' : 'reader-dark.png';
      await page.screenshot({ path: join(screenshots, name), fullPage: true });
    }
    if (theme === 'light') {
      await page.click('#open-button');
      await page.screenshot({ path: join(screenshots, 'reader-start.png'), fullPage: true });
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('read aloud highlights the paragraph being spoken', async () => {
  const { context, page, problems } = await open();
  // A stand-in for the system's voices: it starts each utterance at once and
  // ends it when the test says so.
  await page.addInitScript(() => {
    const spoken = [];
    let current = null;
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak(utterance) {
          spoken.push(utterance.text);
          current = utterance;
          setTimeout(() => utterance.onstart?.({}), 0);
        },
        cancel() {
          const utterance = current;
          current = null;
          if (utterance) setTimeout(() => utterance.onerror?.({ error: 'interrupted' }), 0);
        },
        getVoices: () => [],
      },
    });
    window.testSpeech = { spoken, end: () => current?.onend?.({}) };
  });
  await page.goto(`${reader.url}?sample=dtz`);
  await articleShown(page);
  await page.click('#speak-button');
  await page.waitForSelector('#article h1.speaking');
  assert.equal(await page.getAttribute('#speak-button', 'aria-pressed'), 'true');
  await page.evaluate(() => window.testSpeech.end());
  await page.waitForSelector('#article .byline.speaking');
  await page.evaluate(() => window.testSpeech.end());
  await page.waitForSelector('#article .body p:first-child.speaking');
  assert.equal(await page.locator('#article .speaking').count(), 1);
  const spoken = await page.evaluate(() => window.testSpeech.spoken);
  assert.equal(spoken[0], seedTitle);
  assert.match(spoken[2], /^Russland und Nordkorea wollen einander/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#article .speaking', { state: 'detached' });
  assert.equal(await page.getAttribute('#speak-button', 'aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('works offline once loaded (service worker)', async () => {
  const own = await startReader();
  const { context, page } = await open();
  await page.goto(`${own.url}?sample=dtz`);
  await articleShown(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  // The sample is cached as it goes through the worker.
  await page.reload();
  await articleShown(page);
  await own.close();
  await page.reload();
  await articleShown(page);
  assert.equal(await page.textContent('#article h1'), seedTitle);
  assert.equal(await page.locator('#teasers a.card').count(), 4);
  await context.close();
});

test('print shows the article alone', async () => {
  const { context, page } = await open();
  await page.goto(`${reader.url}?sample=dtz`);
  await articleShown(page);
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.bar', '.foot', '#teasers']) assert.equal(await page.isVisible(selector), false, selector);
  assert.equal(await page.isVisible('#article .body'), true);
  await context.close();
});

test('accessibility basics: landmarks, named controls, keyboard order, visible focus', async () => {
  const { context, page, problems } = await open();
  // Tab starts at the skip link, then the brand and the tools, each with a visible focus ring.
  await page.goto(reader.url);
  const order = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return [el.className || el.id, style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
    }));
  }
  assert.deepEqual(order.map(([name]) => name), ['skip', 'brand', 'tool', 'tool icon']);
  assert.ok(order.every(([, ring]) => ring), 'visible focus');

  await openSample(page, 'dtz');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'article', 'focus moves to the article');
  for (const role of ['banner', 'main', 'contentinfo', 'complementary', 'navigation']) {
    assert.ok(await page.getByRole(role).count() >= 1, `a ${role} landmark`);
  }
  // Every control a person can reach has a name.
  const unnamed = await page.$$eval('button, a[href], input, textarea, select, [tabindex="0"]', nodes => nodes
    .filter(node => node.checkVisibility())
    .filter(node => !(node.getAttribute('aria-label') || node.labels?.length || node.textContent.trim() || node.getAttribute('title')))
    .map(node => node.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  // The settings panel is labelled and its controls follow its button.
  await page.keyboard.press('s');
  assert.equal(await page.getByRole('dialog', { name: 'Reading settings' }).isVisible(), true);
  assert.equal(await page.getByRole('slider', { name: 'Text size' }).getAttribute('aria-valuetext'), '19 px');
  assert.deepEqual(problems, []);
  await context.close();
});
