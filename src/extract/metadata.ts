// Page metadata read from JSON-LD, <meta> tags, <link rel=canonical>, <time> and <html lang>:
// pure functions over strings and a parsed document, with the clock passed in.
import { iso6393To1, iso6393To2B } from 'iso-639-3';
import { absoluteUrl } from './url.ts';

export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  authors: string[];
  publisherName: string | null;
  inLanguage: string | null;
}

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  description: string | null;
}

const ISO1 = new Set(Object.values(iso6393To1));
const BIBLIOGRAPHIC_TO_1: Record<string, string> = Object.fromEntries(
  Object.entries(iso6393To2B).flatMap(([code3, code2b]) => (iso6393To1[code3] ? [[code2b, iso6393To1[code3]]] : [])),
);
const ARTICLE_TYPE = /(Article|NewsArticle|Report|BlogPosting|Posting|LiveBlogPosting|WebPage)$/;
const EARLIEST = Date.UTC(1990, 0, 1);
const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;
const RFC_2822 = /^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4}\b/;
const FRENCH_MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
// "12 mars 2024", "1er août 2023 à 9 h 30", as written in <time> elements of French pages (read as UTC).
const FRENCH_DATE = /^(?:[a-zé]+\s+)?(\d{1,2})(?:er)?\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+(\d{4})(?:\s*(?:à|,)?\s*(\d{1,2})\s*[h:]\s*(\d{2})?)?/i;

/** Returns the ISO 639-1 code (lower case) of a language tag such as 'fr-FR', 'fr_CA', 'FRA' or 'fre', or null. */
export function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const primary = raw.trim().split(/[,;]/)[0].trim().split(/[-_]/)[0].toLowerCase();
  if (/^[a-z]{2}$/.test(primary)) return ISO1.has(primary) ? primary : null;
  if (/^[a-z]{3}$/.test(primary)) return iso6393To1[primary] ?? BIBLIOGRAPHIC_TO_1[primary] ?? null;
  return null;
}

/** Returns `raw` as an ISO 8601 UTC string, or null when it is unparseable, before 1990 or more than two days after `now`. */
export function parsePublishedAt(raw: string | null | undefined, now: Date): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (!s) return null;
  // Local date-times without an offset are read as UTC, so the result never depends on the machine's zone.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = s.replace(' ', 'T') + 'Z';
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  const written = FRENCH_DATE.exec(s);
  let ms: number;
  if (dmy) ms = Date.UTC(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1]));
  else if (written) {
    const month = FRENCH_MONTHS.indexOf(written[2].toLowerCase().replace('é', 'e').replace('û', 'u'));
    ms = Date.UTC(Number(written[3]), month, Number(written[1]), Number(written[4] ?? 0), Number(written[5] ?? 0));
  } else if (/^\d{4}-\d{2}-\d{2}/.test(s) || RFC_2822.test(s)) ms = Date.parse(s);
  else return null;
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime() + TWO_DAYS_MS) return null;
  return new Date(ms).toISOString();
}

/** Returns the page title: the <h1> when the meta title contains it (it then lacks the outlet's name) or when there is
 * no meta title, else the meta title without a separator and the site name or host. */
export function pickTitle(metaTitle: string | null, h1s: string[], siteName: string | null, url: string | null): string | null {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (metaTitle) {
    const lower = squash(metaTitle).toLowerCase();
    const h1 = h1s.map(squash).find((h) => h.length >= 10 && lower.includes(h.toLowerCase()));
    if (h1) return h1;
  } else if (h1s.length > 0 && squash(h1s[0])) {
    return squash(h1s[0]);
  }
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname.replace(/^www\./, '') : null;
  } catch {
    host = null;
  }
  return cleanTitle(metaTitle, siteName, host);
}

/** Returns `title` without a trailing or leading " - Site name" (or |, –, —, ·, :) part naming the site. */
export function cleanTitle(title: string | null | undefined, siteName: string | null, host: string | null = null): string | null {
  if (!title) return null;
  let t = title.replace(/\s+/g, ' ').trim();
  const seps = /\s+[-|–—·•:»⋆]\s+/;
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const names = [siteName, host, host?.split('.').slice(-2, -1)[0]].filter((n): n is string => !!n).map(key).filter(Boolean);
  const parts = t.split(seps);
  if (parts.length > 1) {
    const last = parts[parts.length - 1];
    const first = parts[0];
    if (names.some((n) => key(last) === n || (n.length >= 4 && key(last).startsWith(n)))) {
      t = t.slice(0, t.length - last.length).replace(/\s+[-|–—·•:»⋆]\s*$/, '');
    } else if (names.some((n) => key(first) === n)) t = t.slice(first.length).replace(/^\s*[-|–—·•:»⋆]\s+/, '');
  }
  // "Headline | Outlet": a short last part after a pipe is the outlet even when its name is unknown.
  const pipe = /^(.{20,}?)\s+[|]\s+([^|]{2,40})$/.exec(t);
  if (pipe && pipe[2].split(' ').length <= 4) t = pipe[1];
  return t || null;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return asText(v[0]);
  if (v && typeof v === 'object' && 'name' in v) return asText((v as { name: unknown }).name);
  return null;
}

function collectObjects(v: unknown, out: Record<string, unknown>[]): void {
  if (Array.isArray(v)) for (const x of v) collectObjects(x, out);
  else if (v && typeof v === 'object') {
    out.push(v as Record<string, unknown>);
    if ('@graph' in v) collectObjects((v as { '@graph': unknown })['@graph'], out);
  }
}

/** Returns the article fields of the first Article-like object in the JSON-LD bodies; invalid blocks are skipped. */
export function parseJsonLd(blocks: string[]): JsonLdArticle {
  const objects: Record<string, unknown>[] = [];
  for (const block of blocks) {
    const body = block.replace(/^\s*(<!\[CDATA\[|\/\/<!\[CDATA\[)/, '').replace(/(\]\]>|\/\/\]\]>)\s*$/, '');
    const flat = body.replace(/[\r\n\t]+/g, ' ');
    // Broken JSON-LD is common: a trailing comma is repaired; anything worse is skipped and the meta tags remain.
    for (const candidate of [flat, flat.replace(/,\s*([}\]])/g, '$1')]) {
      try {
        collectObjects(JSON.parse(candidate), objects);
        break;
      } catch {
        continue;
      }
    }
  }
  const typeOf = (o: Record<string, unknown>) => [o['@type']].flat().map(String);
  const article =
    objects.find((o) => typeOf(o).some((t) => ARTICLE_TYPE.test(t) && t !== 'WebPage') && (o.headline || o.datePublished)) ??
    objects.find((o) => typeOf(o).some((t) => ARTICLE_TYPE.test(t)) && (o.headline || o.datePublished));
  if (!article) return { headline: null, datePublished: null, authors: [], publisherName: null, inLanguage: null };
  const authors = [article.author ?? []].flat().map(asText).filter((a): a is string => !!a && !/^https?:/.test(a));
  return {
    headline: asText(article.headline),
    datePublished: asText(article.datePublished) ?? asText(article.dateCreated),
    authors: [...new Set(authors)],
    publisherName: asText(article.publisher),
    inLanguage: asText(article.inLanguage),
  };
}

/** Returns the content of every <meta>, keyed by lower-cased property, name or itemprop; the first value wins. */
export function readMetaTags(document: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of document.querySelectorAll('meta[content]')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

const DATE_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished', 'publishdate',
  'pubdate', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'article.published',
];

function firstDate(candidates: (string | null | undefined)[], now: Date): string | null {
  for (const c of candidates) {
    const d = parsePublishedAt(c, now);
    if (d) return d;
  }
  return null;
}

export interface MetadataInput {
  url: string | null;
  contentLanguage?: string | null;
  jsonLd: JsonLdArticle;
}

/** Returns the page's metadata read from `document` (before Readability alters it), JSON-LD first, then meta tags, then markup. */
export function readMetadata(document: Document, input: MetadataInput, now: Date): PageMetadata {
  const meta = readMetaTags(document);
  const ld = input.jsonLd;
  const siteName = meta.get('og:site_name') ?? ld.publisherName ?? meta.get('application-name') ?? null;
  const timeEls = [...document.querySelectorAll('[itemprop=datePublished], time[datetime]')].slice(0, 20);
  const publishedAt = firstDate(
    [
      ld.datePublished,
      ...DATE_KEYS.map((k) => meta.get(k)),
      ...timeEls.map((el) => el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.textContent),
    ],
    now,
  );
  const metaAuthor = meta.get('author') ?? meta.get('article:author') ?? meta.get('dc.creator') ?? null;
  const byline = ld.authors.length > 0 ? ld.authors.join(', ') : metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor : null;
  const canonicalHref = document.querySelector('link[rel~=canonical][href]')?.getAttribute('href');
  const metaTitle = meta.get('og:title') ?? ld.headline ?? meta.get('twitter:title') ?? document.title ?? null;
  const h1s = [...document.querySelectorAll('h1')].slice(0, 3).map((h) => h.textContent ?? '');
  return {
    title: pickTitle(metaTitle || null, h1s, siteName, input.url),
    byline: cleanByline(byline),
    publishedAt,
    lang:
      normalizeLang(document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang')) ??
      normalizeLang(input.contentLanguage) ??
      normalizeLang(meta.get('content-language')) ??
      normalizeLang(meta.get('og:locale')) ??
      normalizeLang(ld.inLanguage),
    siteName: siteName?.replace(/\s+/g, ' ').trim() || null,
    canonicalUrl: absoluteUrl(canonicalHref, input.url) ?? absoluteUrl(meta.get('og:url'), input.url),
    description: meta.get('og:description') ?? meta.get('description') ?? null,
  };
}

/** Returns a byline without its "Par"/"By" prefix and surrounding noise, or null when nothing remains. */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.replace(/\s+/g, ' ').trim().replace(/^(par|by|de|von|por)\s+/i, '').replace(/[,;|]\s*$/, '').trim();
  return s && s.length <= 200 ? s : null;
}
