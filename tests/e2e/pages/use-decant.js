// The smallest use of the package in a browser: init, fetch a page, extract.
import init, { extract } from 'decant';

await init();
const html = await (await fetch('/seed.html')).text();
const article = extract(html, { url: 'https://www.dtz-online.example/politik/putin-und-kim-schliessen-militaerischen-beistandspakt-46812' });
document.getElementById('teasers').textContent = String(article.teasers.length);
document.getElementById('title').textContent = article.title;
