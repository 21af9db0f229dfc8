// No import map, no bundler: a relative path to the package's browser entry.
import init, { extract } from '../../../js/browser.js';

await init();
const bytes = new Uint8Array(await (await fetch('/seed.html')).arrayBuffer());
const article = extract(bytes, { url: 'https://www.dtz-online.example/politik/putin-und-kim-schliessen-militaerischen-beistandspakt-46812' });
document.getElementById('teasers').textContent = String(article.teasers.length);
document.getElementById('title').textContent = article.title;
