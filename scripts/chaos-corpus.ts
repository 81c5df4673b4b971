// The chaos harness's outside world: a news server whose feeds publish a fixed corpus over a
// few seconds (items link to the bundled sample pages, some items cross-posted in a second
// feed with tracking parameters), a TCP proxy in front of it whose network can be cut, and a
// webhook receiver that records every alert delivery with its idempotency key.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verifySignature } from '../src/alerts/signature.ts';
import { SAMPLES_DIR, loadManifest, substituteOrigin } from '../src/demo/fixture-server.ts';

export interface CorpusItem {
  feed: number;
  index: number;
  guid: string;
  /** Path of the article page on the news server. */
  path: string;
  title: string;
  /** When the item appears in its feed (ms since the corpus started). */
  visibleAfterMs: number;
  /** The other feed that also carries it (with tracking parameters), if any. */
  crossPostedIn: number | null;
}

export interface Corpus {
  feeds: number;
  items: CorpusItem[];
}

/** Returns the corpus: `feeds` × `items` unique items published over `spanMs`; every fifth one is cross-posted in the next feed. */
export function buildCorpus(feeds: number, items: number, spanMs: number, random: () => number): Corpus {
  const pages = samplePages();
  const out: CorpusItem[] = [];
  for (let f = 0; f < feeds; f++) {
    for (let i = 0; i < items; i++) {
      const page = pages[Math.floor(random() * pages.length)];
      const slot = (i * feeds + f) / (feeds * items);
      out.push({
        feed: f,
        index: i,
        guid: `chaos-${f}-${i}`,
        path: `/articles/${f}/${i}-${page.slug}.html`,
        title: `${page.title} (${f + 1}.${i + 1})`,
        visibleAfterMs: Math.round(spanMs * slot),
        crossPostedIn: feeds > 1 && i % 5 === 4 ? (f + 1) % feeds : null,
      });
    }
  }
  return { feeds, items: out };
}

interface SamplePageBody {
  slug: string;
  title: string;
  contentType: string;
  charset: string;
  bytes: Buffer;
}

let pagesCache: SamplePageBody[] | null = null;

function samplePages(): SamplePageBody[] {
  pagesCache ??= loadManifest()
    .entries.filter((e) => e.kind === 'page' && (e.status ?? 200) === 200)
    .map((e) => ({
      slug: e.path.replace(/^.*\//, '').replace(/\.html$/, ''),
      title: e.title ?? '',
      contentType: e.contentType,
      charset: e.charset,
      bytes: readFileSync(join(SAMPLES_DIR, e.file)),
    }));
  return pagesCache;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface NewsServer {
  origin: string;
  /** Starts the publication clock (items become visible from now on). */
  startPublishing(): void;
  /** Milliseconds until every item is visible (0 once they all are). */
  remainingMs(): number;
  close(): Promise<void>;
}

/** Starts the news server of `corpus` on 127.0.0.1; `publicOrigin` is the origin written in feed links (the proxy's). */
export async function startNewsServer(corpus: Corpus, publicOrigin: () => string, options: { latencyMs?: number } = {}): Promise<NewsServer> {
  const pages = new Map(samplePages().map((p) => [p.slug, p]));
  const byPath = new Map(corpus.items.map((i) => [i.path, i]));
  const span = Math.max(0, ...corpus.items.map((i) => i.visibleAfterMs));
  let startedAt: number | null = null;
  const elapsed = () => (startedAt === null ? -1 : Date.now() - startedAt);

  const feedBody = (feed: number): string => {
    const now = elapsed();
    const origin = publicOrigin();
    const visible = corpus.items
      .filter((i) => (i.feed === feed || i.crossPostedIn === feed) && i.visibleAfterMs <= now)
      .sort((a, b) => b.visibleAfterMs - a.visibleAfterMs);
    const items = visible.map((i) => {
      const link = `${origin}${i.path}${i.feed === feed ? '' : '?utm_source=chaos&utm_medium=rss&xtor=RSS-1'}`;
      const published = new Date((startedAt ?? Date.now()) + i.visibleAfterMs).toUTCString();
      return `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">${i.guid}</guid>` +
        `<pubDate>${published}</pubDate><description>${escapeXml(`Résumé : ${i.title}. Lire l’article complet sur le site.`)}</description></item>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Fil chaos ${feed + 1}</title>` +
      `<link>${origin}/</link><language>fr</language>\n${items.join('\n')}\n</channel></rss>\n`;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = () => {
      const path = new URL(req.url ?? '/', 'http://news.invalid').pathname;
      const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
      if (feedMatch && Number(feedMatch[1]) < corpus.feeds) {
        const body = Buffer.from(feedBody(Number(feedMatch[1])));
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
        return void res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag, 'Content-Length': body.length }).end(body);
      }
      const item = byPath.get(path);
      const page = item && pages.get(path.replace(/^.*\/\d+-/, '').replace(/\.html$/, ''));
      if (item && page && item.visibleAfterMs <= elapsed()) {
        const body = substituteOrigin(page.bytes, page.charset, publicOrigin());
        return void res.writeHead(200, { 'Content-Type': page.contentType, 'Content-Length': body.length }).end(body);
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('introuvable');
    };
    if (options.latencyMs) setTimeout(answer, options.latencyMs);
    else answer();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const news: NewsServer = {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    startPublishing: () => {
      startedAt ??= Date.now();
    },
    remainingMs: () => (startedAt === null ? span : Math.max(0, span - elapsed())),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return news;
}

export interface CuttableProxy {
  origin: string;
  /** Cuts the network: open connections hang, new ones are accepted and never answered. */
  cut(): void;
  /** Restores the network; the connections that hung during the cut are dropped. */
  restore(): void;
  close(): Promise<void>;
}

/** Starts a loopback TCP proxy to 127.0.0.1:`targetPort` whose network can be cut and restored. */
export async function startCuttableProxy(targetPort: number): Promise<CuttableProxy> {
  let cut = false;
  const open = new Set<Socket>();
  const hung = new Set<Socket>();
  const server = createTcpServer((client) => {
    open.add(client);
    client.on('close', () => {
      open.delete(client);
      hung.delete(client);
    });
    client.on('error', () => {});
    if (cut) {
      // A blackhole, not a refusal: the fetcher must see its timeouts, as on a real outage.
      hung.add(client);
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut() {
      cut = true;
      // Bytes stop flowing both ways on the connections already open.
      for (const s of open) {
        s.unpipe();
        s.pause();
        hung.add(s);
      }
    },
    restore() {
      cut = false;
      for (const s of hung) s.destroy();
      hung.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Delivery {
  idempotencyKey: string;
  subscriptionId: number;
  articleUrls: string[];
  signatureValid: boolean;
}

export interface Receiver {
  url: string;
  origin: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1 recording every delivery; signatures are checked with `secret`. */
export async function startReceiver(secret: string): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: { subscription?: { id?: number }; articles?: { url?: string }[] } = {};
      try {
        json = JSON.parse(body);
      } catch {
        // Recorded with no articles: the report shows it as an unexpected delivery.
      }
      deliveries.push({
        idempotencyKey: String(req.headers[IDEMPOTENCY_HEADER] ?? ''),
        subscriptionId: Number(json.subscription?.id),
        articleUrls: (json.articles ?? []).map((a) => String(a.url)),
        signatureValid: verifySignature(secret, String(req.headers[SIGNATURE_HEADER] ?? ''), body, Math.floor(Date.now() / 1000)),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    url: `${origin}/hooks/vigie`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
