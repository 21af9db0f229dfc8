// The sample gallery: each page with the address it was published at, so
// decant resolves its links and images as it would on the live site.
// Readability test pages (LICENSE.md here, Apache-2.0) use the base URL the
// Readability tests use.

const readability = 'http://fakehost/test/page.html';

export const samples = [
  {
    id: 'dtz',
    file: 'dtz-beistandspakt.html',
    url: 'https://www.dtz-online.example/politik/putin-und-kim-schliessen-militaerischen-beistandspakt-46812',
    name: 'Putin und Kim schließen militärischen Beistandspakt',
    lang: 'de',
    about: 'news, lazy lead image, four teaser cards',
  },
  {
    id: 'lemonde',
    file: 'lemonde-1.html',
    url: readability,
    name: 'Le projet de loi sur le renseignement',
    lang: 'fr',
    about: 'Le Monde, byline, related links',
  },
  {
    id: 'aktualne',
    file: 'aktualne.html',
    url: readability,
    name: 'West Ham hrozí gigantům',
    lang: 'cs',
    about: 'Aktuálně.cz, sports, grouped teasers',
  },
  {
    id: 'medium',
    file: 'medium-2.html',
    url: readability,
    name: 'On Behalf of “Literally”',
    lang: 'en',
    about: 'Medium essay with a figure',
  },
  {
    id: 'almarsad',
    file: 'almarsad-book-bus.html',
    url: 'https://www.almarsad-news.example/ar/culture/2024/09/14/book-bus-mountain-villages',
    name: 'حافلة الكتب',
    lang: 'ar',
    about: 'right-to-left news page (decant test fixture)',
  },
  {
    id: 'rtl',
    file: 'rtl-1.html',
    url: readability,
    name: 'RTL Test',
    lang: null,
    about: 'minimal page with dir="rtl"',
  },
];
