// Deterministic variants of the bundled sample pages for the end-to-end benchmark (bench/e2e.ts):
// item `item` of feed `feed` is one of the sample pages with its own URL, title, lead sentence
// and its outlet's page chrome (page state, styles, related links, a few comments) up to a size
// between 20 and 300 KB (log-uniform, as news pages vary). Pure: the samples and the French sentences come in
// as values (loadVariantSources reads them); the same (feed, item) always gives the same bytes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SAMPLES_DIR, loadManifest } from '../src/demo/fixture-server.ts';
import { seededRandom } from './sql-corpus.ts';

export const MIN_PAGE_BYTES = 20 * 1024;
export const MAX_PAGE_BYTES = 300 * 1024;

export interface BasePage {
  /** Path the sample is served at in the demo, e.g. '/pages/x.html' (its canonical URL uses it). */
  path: string;
  title: string;
  description: string;
  contentType: string;
  charset: string;
  /** The page decoded from its charset, `{{ORIGIN}}` still in place. */
  html: string;
}

export interface VariantSources {
  pages: BasePage[];
  /** French sentences the lead lines and the readers' comments are made of. */
  sentences: string[];
}

export interface VariantPage {
  path: string;
  url: string;
  title: string;
  contentType: string;
  body: Buffer;
}

export interface FeedItemRef {
  feed: number;
  item: number;
}

const MAX_COMMENTS = 6;
const COMMENTERS = ['Aminata D.', 'Jean-Pierre L.', 'Moussa K.', 'Hélène V.', 'Ousmane S.', 'Françoise M.', 'Idrissa T.', 'Chloé B.', 'Boubacar C.', 'Sébastien R.'];

/** Returns a number in [0, 1) that depends only on `seed` (the first draw of the seeded mulberry32 of bench/sql-corpus.ts). */
export function unitHash(seed: number): number {
  return seededRandom(seed)();
}

const seedOf = ({ feed, item }: FeedItemRef, salt: number) => feed * 1_000_003 + item * 7919 + salt * 104_729;

/** Returns the target size in bytes of an item's page: log-uniform between MIN_PAGE_BYTES and MAX_PAGE_BYTES. */
export function targetPageBytes(ref: FeedItemRef): number {
  return Math.round(MIN_PAGE_BYTES * (MAX_PAGE_BYTES / MIN_PAGE_BYTES) ** unitHash(seedOf(ref, 1)));
}

/** Returns the index of the sample page an item is a variant of. */
export function basePageIndex(ref: FeedItemRef, pageCount: number): number {
  return Math.floor(unitHash(seedOf(ref, 2)) * pageCount);
}

/** Returns the path of an item's page on the benchmark server. */
export function pagePath({ feed, item }: FeedItemRef): string {
  return `/articles/${feed}/${item}.html`;
}

/** Returns the path of a feed on the benchmark server. */
export function feedPath(feed: number): string {
  return `/feeds/${feed}.rss`;
}

/** Returns the title of an item: its sample's title and the item's number, so that every article differs. */
export function variantTitle(sources: VariantSources, ref: FeedItemRef): string {
  return `${sources.pages[basePageIndex(ref, sources.pages.length)].title} (dépêche ${ref.feed + 1}-${ref.item + 1})`;
}

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// ISO-8859-1 has no ’ “ ” œ … –: text added to a Latin-1 page is written with what it has.
function fitCharset(text: string, charset: string): string {
  if (!/^(iso-8859-1|latin1)$/i.test(charset)) return text;
  return text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/…/g, '...').replace(/[–—]/g, '-');
}

function sentence(sources: VariantSources, seed: number): string {
  return sources.sentences[Math.floor(unitHash(seed) * sources.sentences.length)];
}

// What makes news pages heavy besides the article, in the proportions they usually come in:
// inline page state and styles (70% of the added bytes; stripped before any DOM is built), a
// few readers' comments and a related-articles list (DOM Readability has to score and leave
// out). Like a real site's chrome it is the same on every page of an outlet (here: of a sample),
// built once up to MAX_PAGE_BYTES and cut to each page's size, so that serving a page is cheap.
interface Chrome {
  state: string[];
  style: string[];
  comments: string[];
  related: string[];
}

const chromeCache = new WeakMap<VariantSources, Map<number, Chrome>>();

function chromeOf(sources: VariantSources, pageIndex: number): Chrome {
  let perSource = chromeCache.get(sources);
  if (!perSource) chromeCache.set(sources, (perSource = new Map()));
  const cached = perSource.get(pageIndex);
  if (cached) return cached;
  const seed = (i: number, salt: number) => seedOf({ feed: pageIndex, item: i }, salt);
  const charset = sources.pages[pageIndex].charset;
  const chrome: Chrome = { state: [], style: [], comments: [], related: [] };
  for (let i = 0, size = 0; size < MAX_PAGE_BYTES * 0.55; i++) {
    const entry = JSON.stringify({ id: pageIndex * 100_000 + i, title: sentence(sources, seed(i, 100)).slice(0, 90), views: Math.floor(unitHash(seed(i, 200)) * 9000) });
    chrome.state.push(entry);
    size += Buffer.byteLength(entry) + 1;
  }
  for (let i = 0, size = 0; size < MAX_PAGE_BYTES * 0.15; i++) {
    const rule = `.bloc-${pageIndex}-${i} .titre a:hover{color:#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')};margin:0 ${i % 24}px;font:600 1.1rem/1.3 "Source Sans",sans-serif}`;
    chrome.style.push(rule);
    size += rule.length + 1;
  }
  // A few comments only: a long thread can outscore a short article, as on real pages.
  for (let i = 0; i < MAX_COMMENTS; i++) {
    const who = COMMENTERS[Math.floor(unitHash(seed(i, 300)) * COMMENTERS.length)];
    chrome.comments.push(fitCharset(`<div class="comment" id="comment-${i + 1}"><p class="comment-author">${escapeHtml(who)}</p><p>${escapeHtml(sentence(sources, seed(i, 1000)))}</p></div>\n`, charset));
  }
  for (let i = 0, size = 0; size < MAX_PAGE_BYTES * 0.3; i++) {
    const li = fitCharset(`<li class="related__item"><a href="/rubrique/${pageIndex}/${i}.html">${escapeHtml(sentence(sources, seed(i, 400)).slice(0, 80))}</a></li>\n`, charset);
    chrome.related.push(li);
    size += Buffer.byteLength(li);
  }
  chrome.state = chrome.state.map((x) => fitCharset(x, charset));
  perSource.set(pageIndex, chrome);
  return chrome;
}

const byteSizes = new WeakMap<string[], number[]>();

// The first entries of `parts` that add up to about `bytes`.
function take(parts: string[], bytes: number): string[] {
  let ends = byteSizes.get(parts);
  if (!ends) {
    let total = 0;
    byteSizes.set(parts, (ends = parts.map((p) => (total += Buffer.byteLength(p) + 1))));
  }
  let n = 0;
  while (n < parts.length && ends[n] < bytes) n++;
  return parts.slice(0, Math.min(parts.length, n + 1));
}

function padding(sources: VariantSources, pageIndex: number, bytes: number): string {
  const chrome = chromeOf(sources, pageIndex);
  const comments = take(chrome.comments, bytes * 0.3);
  const commentBytes = comments.reduce((s, c) => s + Buffer.byteLength(c), 0);
  return (
    `<style>${take(chrome.style, bytes * 0.15).join('\n')}</style>\n` +
    `<script>window.__STATE__ = {"related":[${take(chrome.state, bytes * 0.55).join(',')}]};</script>\n` +
    `<aside class="related"><h2>À lire aussi</h2><ul>\n${take(chrome.related, bytes * 0.3 - commentBytes).join('')}</ul></aside>\n` +
    `<section id="comments" class="comments-area"><h2>Réactions</h2>\n${comments.join('')}</section>\n`
  );
}

/** Returns the page of item `ref` served at `origin`: a sample page with its own URL, title, lead line and padding to its target size. */
export function buildVariantPage(sources: VariantSources, origin: string, ref: FeedItemRef): VariantPage {
  const pageIndex = basePageIndex(ref, sources.pages.length);
  const base = sources.pages[pageIndex];
  const path = pagePath(ref);
  const url = origin + path;
  const title = variantTitle(sources, ref);
  let html = base.html
    .replaceAll(`{{ORIGIN}}${base.path}`, url)
    .replaceAll('{{ORIGIN}}', origin)
    .replaceAll(base.title, title);
  if (escapeHtml(base.title) !== base.title) html = html.replaceAll(escapeHtml(base.title), escapeHtml(title));
  const lead = fitCharset(`Dépêche ${ref.feed + 1}-${ref.item + 1}. ${sentence(sources, seedOf(ref, 3))}`, base.charset);
  const h1End = html.indexOf('</h1>');
  if (h1End >= 0) html = `${html.slice(0, h1End + 5)}\n<p class="chapo">${escapeHtml(lead)}</p>${html.slice(h1End + 5)}`;
  const missing = targetPageBytes(ref) - Buffer.byteLength(html);
  if (missing > 0) {
    const pad = padding(sources, pageIndex, missing);
    const bodyEnd = html.lastIndexOf('</body>');
    html = bodyEnd >= 0 ? html.slice(0, bodyEnd) + pad + html.slice(bodyEnd) : html + pad;
  }
  return { path, url, title, contentType: base.contentType, body: iconv.encode(html, base.charset) };
}

const escapeXml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Returns the RSS 2.0 document of feed `feed` holding items `firstItem` … `endItem - 1`, newest first. */
export function buildFeedXml(sources: VariantSources, origin: string, feed: number, firstItem: number, endItem: number): string {
  const items: string[] = [];
  for (let item = endItem - 1; item >= firstItem; item--) {
    const ref = { feed, item };
    const base = sources.pages[basePageIndex(ref, sources.pages.length)];
    // One item every ten minutes, from a fixed day, so that dates are plausible and stable.
    const published = new Date(Date.UTC(2026, 10, 1) + (feed * 7 + item * 10) * 60_000).toUTCString();
    items.push(
      `<item><title>${escapeXml(variantTitle(sources, ref))}</title><link>${origin}${pagePath(ref)}</link>` +
        `<guid isPermaLink="true">${origin}${pagePath(ref)}</guid><pubDate>${published}</pubDate>` +
        `<description>${escapeXml(base.description)}</description></item>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Revue de presse défense ${feed + 1}</title>` +
    `<link>${origin}/</link><description>Veille défense et sécurité, flux ${feed + 1}</description><language>fr</language>\n` +
    items.join('\n') +
    '\n</channel></rss>\n'
  );
}

/** Returns the sentences of markdown article bodies (front matter and headings left out). */
export function sentencesOf(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .flatMap((line) => line.split(/(?<=[.!?»])\s+(?=[A-ZÀ-ÖØ-Þ«])/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 40);
}

/** Reads the bundled sample pages (those served with 200) and the sentences of their sources; throws when a file is missing. */
export function loadVariantSources(dir: string = SAMPLES_DIR): VariantSources {
  const pages = loadManifest(dir)
    .entries.filter((e) => e.kind === 'page' && (e.status ?? 200) === 200)
    .map((e) => {
      const html = iconv.decode(readFileSync(join(dir, e.file)), e.charset);
      const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? e.title ?? '';
      return { path: e.path, title: e.title ?? '', description, contentType: e.contentType, charset: e.charset, html };
    });
  const articlesDir = join(dir, 'src/articles');
  const sentences = readdirSync(articlesDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => sentencesOf(readFileSync(join(articlesDir, f), 'utf8')));
  return { pages, sentences };
}
