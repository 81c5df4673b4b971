// The one place that builds the DOM Readability runs on (issue 6). Three implementations share
// one interface, chosen by name (VIGIE_EXTRACT_DOM, `vigie extract --dom`):
// - 'jsdom': a fresh jsdom window per page (no scripts run, no sub-resources loaded);
// - 'jsdom-reused': one long-lived jsdom window per thread; each page is parsed by its DOMParser
//   into a new document, so a window is built once (17 % more pages/s than 'jsdom');
// - 'linkedom': linkedom's DOMParser (htmlparser2 underneath), ~5 times jsdom's pages/s for
//   the same text, its tree repaired where htmlparser2 and the HTML parser disagree
//   (dom-linkedom.ts). Figures: docs/extraction.md, "Extraction DOM".
// Scripts, styles, comments and <noscript> never reach any of them: extract.ts strips them from
// the raw string first (strip.ts), keeping the JSON-LD bodies aside for the metadata.
// jsdom (~1 s to load) and linkedom are loaded only when their factory is first used, so a
// thread that runs linkedom never pays for jsdom.
import { createRequire } from 'node:module';
import type { JSDOM as JSDOMClass } from 'jsdom';
import { parseWithLinkedom } from './dom-linkedom.ts';
import { absoluteUrl } from './url.ts';

export interface ParsedPage {
  document: Document;
  /** Frees the page's DOM; the document must not be used afterwards. */
  close(): void;
}

export interface DomFactory {
  name: DomName;
  /** Parses `html` as a document whose base URL is `url` (ignored when null or not absolute). */
  parse(html: string, url: string | null): ParsedPage;
}

/** The DOM implementations, by the name VIGIE_EXTRACT_DOM and `--dom` accept. */
export const DOM_NAMES = ['jsdom', 'jsdom-reused', 'linkedom'] as const;
export type DomName = (typeof DOM_NAMES)[number];

/** The DOM extraction uses unless told otherwise (chosen by the rule and the figures in docs/extraction.md). */
export const DEFAULT_DOM: DomName = 'linkedom';

const require = createRequire(import.meta.url);
let jsdomModule: typeof import('jsdom') | undefined;
const loadJsdom = () => (jsdomModule ??= require('jsdom') as typeof import('jsdom'));

/** Returns `url` when it is an absolute http(s) URL jsdom accepts as the document URL, null otherwise. */
export function documentUrl(url: string | null): string | null {
  return absoluteUrl(url, null);
}

/** jsdom with default options (never runScripts, never resources), a fresh window per page. */
export const jsdomFactory: DomFactory = {
  name: 'jsdom',
  parse(html, url) {
    const { JSDOM, VirtualConsole } = loadJsdom();
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

interface ReusedWindow {
  dom: JSDOMClass;
  parser: DOMParser;
  /** Listeners added to the window since the last page was closed. */
  listeners: Parameters<Window['removeEventListener']>[];
}

let reusedWindow: ReusedWindow | undefined;

// Two things in jsdom tie a parsed document to its window for as long as the window lives, so
// without care every page's tree would stay in memory (~4 MB a page on extract-dev):
// - every document that runs a selector gets its own selector engine (DOMSelector, from
//   @asamuzakjp/dom-selector), which adds focus, keyboard and mouse listeners to the window and
//   never removes them: the window's addEventListener is wrapped to note them, and close()
//   removes them;
// - every element with an id or a name is recorded in the window's named-property table
//   (window-properties.js) until it is detached: close() empties the document, which detaches
//   them.
// With both, the heap stays flat over any number of pages (tests/unit/extract/dom.test.ts).
function createReusedWindow(): ReusedWindow {
  const { JSDOM, VirtualConsole } = loadJsdom();
  const dom = new JSDOM('', { virtualConsole: new VirtualConsole() });
  const window = dom.window;
  const listeners: ReusedWindow['listeners'] = [];
  const add = window.addEventListener.bind(window);
  window.addEventListener = (...args: Parameters<Window['addEventListener']>) => {
    listeners.push([args[0], args[1], args[2]]);
    add(...args);
  };
  return { dom, parser: new window.DOMParser(), listeners };
}

/** One jsdom window per thread (this module is loaded once per thread); each page is a new document of its DOMParser. */
export const jsdomReusedFactory: DomFactory = {
  name: 'jsdom-reused',
  parse(html, url) {
    const reused = (reusedWindow ??= createReusedWindow());
    // DOMParser gives its document the window's URL: set it to the page's, so that baseURI,
    // documentURI and <base href> resolve as they would in a window of its own.
    reused.dom.reconfigure({ url: documentUrl(url) ?? 'about:blank' });
    const document = reused.parser.parseFromString(html, 'text/html');
    return {
      document,
      close: () => {
        for (const args of reused.listeners.splice(0)) reused.dom.window.removeEventListener(...args);
        document.replaceChildren();
      },
    };
  },
};

/** linkedom's DOMParser, its tree shaped as an HTML parser's (dom-linkedom.ts); the document gets the page URL as
 * documentURI, URL and (with <base href>) baseURI. */
export const linkedomFactory: DomFactory = {
  name: 'linkedom',
  parse(html, url) {
    const document = parseWithLinkedom(html);
    const base = documentUrl(url);
    // linkedom has no document URL (documentURI is undefined, baseURI is null or the raw
    // <base href>): give the document the properties jsdom computes from the page URL.
    const documentURI = base ?? 'about:blank';
    const baseHref = document.querySelector('base[href]')?.getAttribute('href');
    const baseURI = absoluteUrl(baseHref, documentURI) ?? documentURI;
    for (const [name, value] of [['documentURI', documentURI], ['URL', documentURI], ['baseURI', baseURI]] as const) {
      Object.defineProperty(document, name, { value, configurable: true });
    }
    // Nothing but the caller holds the document (linkedom keeps no window or registry).
    return { document, close: () => {} };
  },
};

const FACTORIES: Record<DomName, DomFactory> = {
  jsdom: jsdomFactory,
  'jsdom-reused': jsdomReusedFactory,
  linkedom: linkedomFactory,
};

/** Returns true when `name` is one of DOM_NAMES. */
export function isDomName(name: string): name is DomName {
  return (DOM_NAMES as readonly string[]).includes(name);
}

/** Returns the factory called `name` (default: DEFAULT_DOM); throws a TypeError naming the accepted names for any other. */
export function getDomFactory(name: string = DEFAULT_DOM): DomFactory {
  if (!isDomName(name)) throw new TypeError(`unknown extraction DOM '${name}'; expected one of ${DOM_NAMES.join(', ')}`);
  return FACTORIES[name];
}
