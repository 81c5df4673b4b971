// The DOM factories behind Readability (src/extract/dom.ts): each one gives Readability and our
// metadata the same document — French text with its accents, the page URL as base for relative
// links, <meta>, <time>, JSON-LD — the same extracted text on the bundled pages, a repaired tree
// for the markup linkedom would otherwise misplace, and no page kept alive after close().
import { readFileSync, readdirSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOM, DOM_NAMES, getDomFactory, type DomFactory } from '../../../src/extract/dom.ts';
import { extractArticle } from '../../../src/extract/extract.ts';
import { decodeBody } from '../../../src/fetch/charset.ts';

const PAGE_URL = 'https://www.lignedemire.example/afrique/2024/03/togo-drones.html?utm_source=rss';
const FRENCH = `<!doctype html>
<html lang="fr-FR"><head><meta charset="utf-8">
<title>Le Togo reçoit ses drones TB2 – Ligne de mire</title>
<meta property="og:site_name" content="Ligne de mire">
<meta name="author" content="Par Kossi Agbeko">
<link rel="canonical" href="../03/togo-drones.html">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Le Togo reçoit ses premiers drones armés TB2","datePublished":"2024-03-12T09:30:00+01:00","author":{"@type":"Person","name":"Kossi Agbeko"},"publisher":{"name":"Ligne de mire"}}</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/afrique/">Afrique</a></nav></header>
<article>
<h1>Le Togo reçoit ses premiers drones armés TB2</h1>
<p class="date"><time datetime="2024-03-12T09:30:00+01:00">12 mars 2024</time></p>
<p>Lomé a réceptionné trois drones Bayraktar TB2 fabriqués par Baykar, a annoncé l&rsquo;état-major togolais, qui n&#8217;a pas précisé le montant du contrat.</p>
<p>Selon <a href="../../sources/sipri.html">le SIPRI</a>, la Turquie est devenue en cinq ans l’un des premiers fournisseurs d’armes de l’Afrique de l’Ouest, derrière la Russie et la Chine.</p>
<p>Les appareils seront basés à Niamtougou, dans le nord du pays, où l’armée fait face depuis 2022 à des incursions de groupes armés venus du Burkina Faso&nbsp;; <a href="#carte">voir la carte</a>.</p>
</article>
<footer><p>© Ligne de mire — Reproduction interdite</p></footer>
</body></html>`;

const NOW = new Date('2024-04-01T00:00:00Z');

// The Readability article element of `html` parsed by `factory`, as extract.ts runs it.
function readabilityContent(factory: DomFactory, html: string, url: string | null): Element {
  const page = factory.parse(html, url);
  try {
    const parsed = new Readability<Element>(page.document, { serializer: (el) => el as Element }).parse();
    if (!parsed?.content) throw new Error('Readability found no article');
    return parsed.content;
  } finally {
    page.close();
  }
}

describe('getDomFactory', () => {
  it('returns each named factory, the default without a name, and refuses other names', () => {
    for (const name of DOM_NAMES) expect(getDomFactory(name).name).toBe(name);
    expect(getDomFactory().name).toBe(DEFAULT_DOM);
    expect(() => getDomFactory('happy-dom')).toThrow(/unknown extraction DOM 'happy-dom'; expected one of jsdom, jsdom-reused, linkedom/);
  });
});

describe.each(DOM_NAMES)('%s', (name) => {
  const factory = getDomFactory(name);

  it('parses a French page: accents, entities, <meta>, <time>, title, lang', () => {
    const page = factory.parse(FRENCH, PAGE_URL);
    try {
      const d = page.document;
      expect(d.title).toBe('Le Togo reçoit ses drones TB2 – Ligne de mire');
      expect(d.documentElement.getAttribute('lang')).toBe('fr-FR');
      expect(d.querySelector('meta[property="og:site_name"]')?.getAttribute('content')).toBe('Ligne de mire');
      expect(d.querySelector('time[datetime]')?.getAttribute('datetime')).toBe('2024-03-12T09:30:00+01:00');
      expect(d.querySelector('article p:nth-of-type(2)')?.textContent).toBe(
        'Lomé a réceptionné trois drones Bayraktar TB2 fabriqués par Baykar, a annoncé l’état-major togolais, qui n’a pas précisé le montant du contrat.',
      );
      expect(d.querySelectorAll('article p')).toHaveLength(4);
      expect(d.querySelector('article p:last-of-type')?.textContent).toContain('Burkina Faso\u00a0;');
    } finally {
      page.close();
    }
  });

  it('takes the page URL as documentURI and base URL, and a <base href> resolved against it', () => {
    const page = factory.parse(FRENCH, PAGE_URL);
    expect(page.document.documentURI).toBe(PAGE_URL);
    expect(page.document.baseURI).toBe(PAGE_URL);
    page.close();
    const based = factory.parse('<html><head><base href="/archives/"></head><body><p>Texte</p></body></html>', PAGE_URL);
    expect(based.document.baseURI).toBe('https://www.lignedemire.example/archives/');
    based.close();
    for (const url of [null, 'file:///etc/passwd', 'pas une URL']) {
      const blank = factory.parse('<p>Texte</p>', url);
      expect(blank.document.documentURI, String(url)).toBe('about:blank');
      blank.close();
    }
  });

  it('lets Readability resolve relative links against the page URL and keep same-page anchors', () => {
    const content = readabilityContent(factory, FRENCH, PAGE_URL);
    const hrefs = [...content.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://www.lignedemire.example/afrique/sources/sipri.html', '#carte']);
  });

  it('extracts the article with its JSON-LD metadata and canonical URL', () => {
    const article = extractArticle({ html: FRENCH, url: PAGE_URL }, { now: NOW, dom: factory });
    expect(article).toMatchObject({
      title: 'Le Togo reçoit ses premiers drones armés TB2',
      byline: 'Kossi Agbeko',
      publishedAt: '2024-03-12T08:30:00.000Z',
      lang: 'fr',
      siteName: 'Ligne de mire',
      canonicalUrl: 'https://www.lignedemire.example/afrique/2024/03/togo-drones.html',
    });
    expect(article.text.split('\n\n')).toEqual([
      'Lomé a réceptionné trois drones Bayraktar TB2 fabriqués par Baykar, a annoncé l’état-major togolais, qui n’a pas précisé le montant du contrat.',
      'Selon le SIPRI, la Turquie est devenue en cinq ans l’un des premiers fournisseurs d’armes de l’Afrique de l’Ouest, derrière la Russie et la Chine.',
      'Les appareils seront basés à Niamtougou, dans le nord du pays, où l’armée fait face depuis 2022 à des incursions de groupes armés venus du Burkina Faso ; voir la carte.',
    ]);
  });

  it.each([
    ['no <head> start tag', '<html lang="fr"><meta charset="utf-8"><title>Titre</title><body>BODY</body></html>'],
    ['no <body> start tag', '<html lang="fr"><head><title>Titre</title></head>BODY</html>'],
    ['neither <html>, <head> nor <body>', '<!doctype html><title>Titre</title>BODY'],
    ['content after </body> and </html>', '<html lang="fr"><head><title>Titre</title></head><body><p>Début.</p></body></html>BODY'],
    ['upper-case tags and attribute names', '<HTML LANG="fr"><HEAD><TITLE>Titre</TITLE><META NAME="description" CONTENT="Résumé"></HEAD><BODY CLASS="page">BODY</BODY></HTML>'],
  ])('builds html > head + body as an HTML parser does: %s', (_label, template) => {
    const paragraphs = '<p>Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.</p><p>Le contrat signé à Bamako prévoit aussi la formation des équipages.</p>';
    const html = template.replace('BODY', `<div ID="contenu">${paragraphs}</div>`);
    const page = factory.parse(html, PAGE_URL);
    try {
      const d = page.document;
      expect(d.title).toBe('Titre');
      expect([...d.documentElement.children].map((el) => el.localName)).toEqual(['head', 'body']);
      expect(d.body.querySelector('#contenu p')?.textContent).toBe('Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.');
      if (html.includes('META')) expect(d.querySelector('meta[name=description]')?.getAttribute('content')).toBe('Résumé');
    } finally {
      page.close();
    }
    expect(extractArticle({ html, url: PAGE_URL }, { now: NOW, dom: factory }).text).toContain('Le contrat signé à Bamako prévoit aussi la formation des équipages.');
  });

  it('keeps no page alive once it is closed (a reused window must not grow)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const documents: WeakRef<Document>[] = [];
    const watched: DomFactory = {
      name: factory.name,
      parse(html, url) {
        const page = factory.parse(html, url);
        documents.push(new WeakRef(page.document));
        return page;
      },
    };
    for (let i = 0; i < 12; i++) {
      // Ids, names and selectors: what tied jsdom documents to a shared window (see dom.ts).
      const html = FRENCH.replace('<article>', `<article id="article-${i}"><form name="f${i}"></form><img name="i${i}" src="a.png">`);
      extractArticle({ html, url: `${PAGE_URL}&page=${i}` }, { now: NOW, dom: watched });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    expect(documents).toHaveLength(12);
    expect(documents.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });
});

describe('same extracted text on every factory', () => {
  const samples = new URL('../../../samples/pages/', import.meta.url);
  const fixtures = new URL('../../fixtures/extract/', import.meta.url);
  const pages = [
    ...readdirSync(samples).filter((f) => f.endsWith('.html') && f !== '404.html').map((f) => new URL(f, samples)),
    ...readdirSync(fixtures).filter((f) => f.endsWith('.html')).map((f) => new URL(f, fixtures)),
  ];

  it('has bundled pages to compare', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of pages) {
    it(file.pathname.split('/').slice(-2).join('/'), () => {
      const html = decodeBody(readFileSync(file), null).text.replaceAll('{{ORIGIN}}', 'https://www.example.org');
      const url = `https://www.example.org/pages/${file.pathname.split('/').pop()}`;
      const [reference, ...others] = DOM_NAMES.map((name) => extractArticle({ html, url }, { now: NOW, dom: getDomFactory(name) }));
      expect(reference.wordCount).toBeGreaterThan(100);
      for (const other of others) expect(other).toEqual(reference);
    });
  }
});
