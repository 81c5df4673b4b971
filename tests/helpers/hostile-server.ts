// Building blocks of the hostile-input tests: a loopback server answering from a table of
// routes (large bodies are generated chunk by chunk with back-pressure, so the server never
// holds them), French RSS and HTML builders, a gzip bomb, and a peak-memory probe.
import type http from 'node:http';
import { Readable, pipeline } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import zlib from 'node:zlib';
import type { Tagger } from '../../src/articles/process.ts';
import { startTestServer, type TestServer } from './http-server.ts';

/** A tagger that assigns nothing: these tests are about input handling, not the rules (tested elsewhere). */
export const NO_TAGS: Tagger = {
  version: 'hostile-test',
  tag: (input) => ({ lang: input.lang ?? 'fr', topics: [], countries: [], regions: [], organizations: [] }),
};

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RouteServer extends TestServer {
  /** Paths requested so far, in order. */
  requests: string[];
}

/** Starts a loopback server answering each path from `routes` (query ignored; a key ending in '*' is a prefix), 404 otherwise. */
export async function startRouteServer(routes: Record<string, Route>, options: { host?: string } = {}): Promise<RouteServer> {
  const requests: string[] = [];
  const server = await startTestServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(req.url ?? '/');
    const prefix = Object.keys(routes).find((k) => k.endsWith('*') && path.startsWith(k.slice(0, -1)));
    const route = routes[path] ?? (prefix ? routes[prefix] : undefined);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }, options);
  // Longer than any test: a keep-alive socket closed by the server just as the fetcher reuses it
  // would turn into a 'network' error unrelated to the case under test.
  server.server.keepAliveTimeout = 120_000;
  return { ...server, requests };
}

/** Returns a route sending `body` with `headers` (status 200 unless given). */
export function send(body: string | Buffer, headers: Record<string, string>, status = 200): Route {
  return (_req, res) => {
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  };
}

/** Returns a route redirecting (302) to `location`. */
export function redirect(location: string): Route {
  return (_req, res) => res.writeHead(302, { location }).end();
}

/** Returns a route streaming `head`, then `repeat` copies of `chunk`, then `tail`, with back-pressure; stops when the client leaves. */
export function stream(headers: Record<string, string>, head: string, chunk: string, repeat: number, tail: string): Route {
  return (_req, res) => {
    res.writeHead(200, headers);
    function* parts() {
      yield Buffer.from(head);
      // Copies of `chunk` batched into ~64 KiB writes: one write per tiny chunk would make the
      // server, not the fetcher, the bottleneck.
      const perBatch = Math.max(1, Math.floor(65536 / Buffer.byteLength(chunk)));
      const batch = Buffer.from(chunk.repeat(perBatch));
      for (let left = repeat; left > 0; left -= perBatch) {
        yield left >= perBatch ? batch : Buffer.from(chunk.repeat(left));
      }
      yield Buffer.from(tail);
    }
    pipeline(Readable.from(parts(), { objectMode: false }), res, () => {});
  };
}

/** Returns a route that sends `body` one byte per `intervalMs`, forever if the client waits. */
export function drip(headers: Record<string, string>, body: string, intervalMs = 1000): Route {
  return (req, res) => {
    res.writeHead(200, headers);
    let i = 0;
    const timer = setInterval(() => {
      if (i >= body.length) i = 0;
      res.write(body[i++]);
    }, intervalMs);
    const stop = () => clearInterval(timer);
    req.socket.once('close', stop);
    res.once('close', stop);
  };
}

/** Returns a gzip body (multi-member) that inflates to `members` × 16 MiB of spaces. */
export function gzipBomb(members: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => member));
}

export interface RssItem {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  description?: string;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Returns one RSS 2.0 <item> element (omitted fields are left out). */
export function rssItem(item: RssItem): string {
  const field = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`);
  return `<item>${field('title', item.title)}${field('link', item.link)}${field('guid', item.guid)}${field('pubDate', item.pubDate)}${field('description', item.description)}</item>\n`;
}

/** Returns an RSS 2.0 document; `declaration` is the XML declaration (or '' for none). */
export function rss(title: string, items: RssItem[], declaration = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${declaration}\n<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>http://example.invalid/</link><language>fr</language>\n${items.map(rssItem).join('')}</channel></rss>\n`;
}

/** French paragraphs with accents, elision and typographic quotes, different for each `seed`. */
export function frenchParagraphs(seed: string): string[] {
  return [
    `L’exportation d’armements vers le Sahel inquiète les députés : le rapport « ${seed} » détaille les licences accordées en 2024.`,
    'Selon le ministère des Armées, les livraisons de véhicules blindés ont été suspendues après la révélation de détournements présumés.',
    'Les organisations non gouvernementales réclament un contrôle parlementaire renforcé et une publication intégrale des décisions de la commission.',
    'À Bruxelles, plusieurs États membres plaident pour une position commune sur les ventes d’hélicoptères et de munitions à la région.',
  ];
}

/** Returns a small French article page (no charset declaration unless `meta` is given). */
export function frenchPage(title: string, seed: string, meta = '<meta charset="utf-8">'): string {
  const body = frenchParagraphs(seed).map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="fr"><head>${meta}<title>${title}</title></head><body><header><nav><a href="/">Accueil</a></nav></header><article><h1>${title}</h1>\n${body}\n</article><footer>© Rédaction</footer></body></html>`;
}

export interface MemoryProbe {
  /** Stops sampling; returns the peak growth over the baseline, in bytes. */
  stop(): { rss: number; live: number };
}

// A forced collection measures what is still referenced (a body held whole), not garbage waiting
// for the next GC. It is forced only when a cheap reading looks high: a full GC every sample would
// starve the event loop that also runs the test server on a loaded machine.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Samples this process's memory every `everyMs` ms: peak RSS growth (worker threads included) and peak growth of
 * the main thread's live heap plus Buffers (after a forced GC whenever the raw growth exceeds `collectAboveBytes`). */
export function probeMemory(everyMs = 100, collectAboveBytes = 16 * 1024 * 1024): MemoryProbe {
  const mainThread = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  collect();
  const base = { live: mainThread(), rss: process.memoryUsage.rss() };
  const peak = { rss: 0, live: 0 };
  const sample = () => {
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss() - base.rss);
    let live = mainThread() - base.live;
    if (live > collectAboveBytes) {
      collect();
      live = mainThread() - base.live;
    }
    peak.live = Math.max(peak.live, live);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
