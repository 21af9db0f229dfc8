// The esbuild recipe (README, "Bundlers"): esbuild does not follow
// new URL(…, import.meta.url), so the wasm is imported as a file
// (--loader:.wasm=file) and handed to init.
import init, { extract } from 'decant';
import wasm from 'decant/decant_bg.wasm';

await init({ module_or_path: new URL(wasm, import.meta.url) });
const html = await (await fetch('/seed.html')).text();
const article = extract(html, { url: 'https://www.dtz-online.example/politik/putin-und-kim-schliessen-militaerischen-beistandspakt-46812' });
document.getElementById('teasers').textContent = String(article.teasers.length);
document.getElementById('title').textContent = article.title;
