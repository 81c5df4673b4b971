// The one place that builds the DOM Readability runs on. jsdom today, with its defaults: no
// scripts run, no sub-resources loaded. Another implementation (a reused window, linkedom)
// only has to return the same ParsedPage to be measured and swapped in (issue 6).
import { JSDOM, VirtualConsole } from 'jsdom';

export interface ParsedPage {
  document: Document;
  /** Frees the window; the document must not be used afterwards. */
  close(): void;
}

export interface DomFactory {
  name: string;
  /** Parses `html` as a document whose base URL is `url` (ignored when null or not absolute). */
  parse(html: string, url: string | null): ParsedPage;
}

/** Returns `url` when it is an absolute http(s) URL jsdom accepts as the document URL, null otherwise. */
export function documentUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** jsdom with default options (never runScripts, never resources), a fresh window per page. */
export const jsdomFactory: DomFactory = {
  name: 'jsdom',
  parse(html, url) {
    const base = documentUrl(url);
    // A silent console: jsdom would otherwise print every CSS parse error of the page.
    const virtualConsole = new VirtualConsole();
    const dom = base ? new JSDOM(html, { url: base, virtualConsole }) : new JSDOM(html, { virtualConsole });
    return {
      document: dom.window.document,
      close: () => dom.window.close(),
    };
  },
};
