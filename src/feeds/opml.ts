// OPML 2.0 subscription lists in and out. Outline attributes: xmlUrl, htmlUrl, title/text, and
// ours: language (OPML 2.0 defines it), country (ISO 3166-1 alpha-2), interval (minutes; a
// fixed poll interval). Nested outlines are categories; a feed's category is the path to it.
import { JSDOM } from 'jsdom';
import { VigieError } from '../errors.ts';

export interface OpmlFeed {
  /** xmlUrl as written (the caller canonicalizes it). */
  url: string;
  title: string | null;
  htmlUrl: string | null;
  language: string | null;
  country: string | null;
  /** Fixed poll interval in seconds, from `interval` in minutes; null = adaptive. */
  pollIntervalS: number | null;
  /** Titles of the enclosing category outlines, outermost first. */
  categories: string[];
}

let window: JSDOM['window'] | null = null;

function attr(el: Element, ...names: string[]): string | null {
  for (const name of names) {
    const v = el.getAttribute(name)?.trim();
    if (v) return v;
  }
  return null;
}

/** Returns the feeds listed in an OPML document, depth-first; throws VigieError 'opml' naming `source` when it is not OPML. */
export function parseOpml(xml: string, source: string): OpmlFeed[] {
  window ??= new JSDOM('').window;
  const doc = new window.DOMParser().parseFromString(xml.replace(/^\uFEFF/, '').trimStart(), 'text/xml');
  const root = doc.documentElement;
  if (!root || root.nodeName === 'parsererror' || doc.getElementsByTagName('parsererror').length > 0) {
    const detail = doc.getElementsByTagName('parsererror')[0]?.textContent?.trim().split('\n')[0] ?? 'unreadable';
    throw new VigieError(`opml: malformed XML (${detail.slice(0, 200)}): ${source}`, { code: 'opml', permanent: true });
  }
  if (root.nodeName.toLowerCase() !== 'opml') {
    throw new VigieError(`opml: root element is <${root.nodeName}>, not <opml>: ${source}`, { code: 'opml', permanent: true });
  }
  const body = Array.from(root.children).find((c) => c.nodeName.toLowerCase() === 'body');
  const out: OpmlFeed[] = [];
  const walk = (parent: Element, categories: string[]) => {
    for (const el of Array.from(parent.children)) {
      if (el.nodeName.toLowerCase() !== 'outline') continue;
      const title = attr(el, 'title', 'text');
      const url = attr(el, 'xmlUrl', 'xmlurl', 'xmlURL');
      if (url) {
        const minutes = Number(attr(el, 'interval'));
        out.push({
          url,
          title,
          htmlUrl: attr(el, 'htmlUrl', 'htmlurl'),
          language: attr(el, 'language')?.toLowerCase() ?? null,
          country: attr(el, 'country')?.toUpperCase() ?? null,
          pollIntervalS: Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : null,
          categories,
        });
      }
      walk(el, title && !url ? [...categories, title] : categories);
    }
  };
  if (body) walk(body, []);
  return out;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface OpmlExportFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  country: string | null;
  pollIntervalS: number | null;
}

/** Returns an OPML 2.0 document listing `feeds` (one outline each, with our language/country/interval attributes). */
export function exportOpml(feeds: OpmlExportFeed[], options: { title?: string; dateCreated?: Date } = {}): string {
  const lines = feeds.map((f) => {
    const attrs: [string, string | null][] = [
      ['type', 'rss'],
      ['text', f.title ?? f.url],
      ['title', f.title],
      ['xmlUrl', f.url],
      ['htmlUrl', f.siteUrl],
      ['language', f.language],
      ['country', f.country],
      // Minutes, as written by hand in the default list; sub-minute fixed intervals round up.
      ['interval', f.pollIntervalS === null ? null : String(Math.max(1, Math.ceil(f.pollIntervalS / 60)))],
    ];
    const rendered = attrs.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}="${escapeXml(v!)}"`);
    return `    <outline ${rendered.join(' ')}/>`;
  });
  const head = [`    <title>${escapeXml(options.title ?? 'vigie feeds')}</title>`];
  if (options.dateCreated) head.push(`    <dateCreated>${options.dateCreated.toUTCString()}</dateCreated>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    ...head,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
