#!/usr/bin/env node
// Regenerates the bundled samples (pages/, feeds/, demo.opml, manifest.json, README.md) from
// src/articles/*.md and the outlet templates in src/outlets/. Re-runnable: `node samples/build.mjs`.
// The committed output is what the fixture server and the tests read; this script only makes it.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { dateParts, wordCount } from './src/common.mjs';
import { buildFeeds, buildOpml } from './src/feeds.mjs';
import { buildReadme } from './src/readme.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const ORIGIN = '{{ORIGIN}}';

// How each page is encoded and where its charset is declared (the encoding quirks the fetcher must handle).
const ENCODING = {
  'africa-corps-mines-or-centrafrique': { charset: 'windows-1252', inMeta: true, inHttp: true },
  'cameroun-reception-blindes-chinois-norinco': { charset: 'windows-1252', inMeta: true, inHttp: true },
  'facilite-europeenne-paix-mauritanie-benin': { charset: 'iso-8859-1', inMeta: true, inHttp: false },
  'carnaval-binche-chars-gilles-affluence': { charset: 'windows-1252', inMeta: false, inHttp: true },
};
// Outlets whose server sends a bare "text/html" (the page's <meta charset> is the only declaration).
const META_ONLY_OUTLETS = new Set(['ligne-de-mire']);

function slugify(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function readArticles() {
  const dir = join(ROOT, 'src/articles');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file, i) => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
      if (!m) throw new Error(`${file}: no front matter`);
      const fm = parseYaml(m[1]);
      const d = dateParts(fm.date);
      return {
        ...fm,
        source: `src/articles/${file}`,
        body: m[2].trim(),
        id: 24000 + i * 137,
        year: d.year,
        hour: d.hour,
        minute: d.minute,
        authorSlug: slugify(fm.author),
        words: wordCount(m[2]),
        negative: fm.negative === true,
        missing: fm.missing === true,
      };
    });
}

async function loadOutlets() {
  const dir = join(ROOT, 'src/outlets');
  const outlets = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.mjs'))) {
    const mod = await import(join(dir, f));
    outlets[mod.outlet.id] = mod;
  }
  return outlets;
}

/** Encodes HTML in the page's charset and fails when a character does not survive the round trip. */
function encode(text, charset, what) {
  const bytes = iconv.encode(text, charset);
  const back = iconv.decode(bytes, charset);
  if (back !== text) {
    const i = [...text].findIndex((c, k) => c !== [...back][k]);
    throw new Error(`${what}: character ${JSON.stringify([...text][i])} cannot be written in ${charset}`);
  }
  return bytes;
}

function write(rel, data) {
  mkdirSync(dirname(join(ROOT, rel)), { recursive: true });
  writeFileSync(join(ROOT, rel), data);
}

const articles = readArticles();
const outlets = await loadOutlets();
const pages = articles.filter((a) => !a.missing);
const entries = [];

for (const [i, a] of pages.entries()) {
  const outlet = outlets[a.outlet];
  if (!outlet) throw new Error(`${a.source}: unknown outlet ${a.outlet}`);
  if (!a.seed && (a.words < 500 || a.words > 1500)) throw new Error(`${a.source}: ${a.words} words, expected 500–1500`);
  const enc = ENCODING[a.slug] ?? { charset: 'utf-8', inMeta: true, inHttp: !META_ONLY_OUTLETS.has(a.outlet) };
  // A latin-1 CMS stores other articles' titles with plain apostrophes.
  const plain = (t) => (enc.charset === 'iso-8859-1' ? t.replace(/’/g, "'").replace(/…/g, '...').replace(/œ/g, 'oe') : t);
  const related = [1, 2, 3].map((k) => pages[(i + k) % pages.length]).map((r) => ({ title: plain(r.title), url: `${ORIGIN}/pages/${r.slug}.html` }));
  const path = `/pages/${a.slug}.html`;
  const html = outlet.render({
    article: a,
    url: `${ORIGIN}${path}`,
    publicUrl: `${outlet.outlet.home}${a.year}/${a.slug}`,
    related,
    page: { charset: enc.charset, charsetInMeta: enc.inMeta },
  });
  const bytes = encode(html, enc.charset, a.source);
  write(`pages/${a.slug}.html`, bytes);
  entries.push({
    path,
    file: `pages/${a.slug}.html`,
    kind: 'page',
    contentType: enc.inHttp ? `text/html; charset=${enc.charset}` : 'text/html',
    charset: enc.charset,
    charsetDeclared: [enc.inHttp && 'http', enc.inMeta && 'meta'].filter(Boolean),
    title: a.title,
    outlet: outlet.outlet.name,
    lang: outlet.outlet.lang,
    author: a.author,
    publishedAt: a.date,
    words: a.words,
    negative: a.negative,
    seed: a.seed === true,
    expected: a.expected,
    note: a.note,
  });
}

// A page that has gone: the feed still links to it, the server answers 404 with an error page.
const notFound = `<!DOCTYPE html>\n<html lang="fr">\n<head>\n    <meta charset="utf-8">\n    <title>Page introuvable - Maghreb Soir</title>\n</head>\n<body>\n  <h1>Erreur 404</h1>\n  <p>La page que vous cherchez n’existe pas ou a été supprimée.</p>\n  <p><a href="/">Retour à l’accueil</a></p>\n</body>\n</html>\n`;
write('pages/404.html', notFound);
for (const a of articles.filter((x) => x.missing)) {
  entries.push({
    path: `/pages/${a.slug}.html`,
    file: 'pages/404.html',
    kind: 'page',
    status: 404,
    contentType: 'text/html; charset=utf-8',
    charset: 'utf-8',
    charsetDeclared: ['http', 'meta'],
    title: a.title,
    outlet: outlets[a.outlet].outlet.name,
    lang: outlets[a.outlet].outlet.lang,
    author: a.author,
    publishedAt: a.date,
    words: a.words,
    negative: false,
    seed: false,
    missing: true,
    expected: a.expected,
    note: a.note,
  });
}

for (const feed of buildFeeds(articles, outlets)) {
  write(feed.file, encode(feed.xml, feed.charset, feed.file));
  entries.push({ path: feed.path, file: feed.file, kind: 'feed', format: feed.format, contentType: feed.contentType, charset: feed.charset, title: feed.title, items: feed.items });
}
const opml = buildOpml(entries.filter((e) => e.kind === 'feed'));
write('demo.opml', encode(opml, 'utf-8', 'demo.opml'));
entries.push({ path: '/demo.opml', file: 'demo.opml', kind: 'opml', contentType: 'text/x-opml; charset=utf-8', charset: 'utf-8', title: 'Vigie demo feeds' });

const manifest = {
  description: 'Bundled sample feeds and pages for `vigie demo` and the integration tests. Generated by samples/build.mjs; {{ORIGIN}} is replaced by the fixture server with its own origin.',
  placeholder: ORIGIN,
  entries,
};
write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
write('README.md', buildReadme(manifest));
console.log(`${pages.length} pages, ${entries.filter((e) => e.kind === 'feed').length} feeds, ${entries.length} manifest entries`);
