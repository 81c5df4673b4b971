// The end-to-end benchmark's news site on loopback: `feeds` RSS feeds whose items link to
// generated variants of the sample pages (bench/e2e-variants.ts). The pages of the first items
// are built before the run when asked (`prebuild`), so that the site's own work does not take
// CPU from the pipeline it measures (the extraction-only baseline also builds its pages first);
// the items published later are built on request (the pages of a long run would not fit in
// memory). Feeds grow when told to, as real feeds do; every
// request is counted so that the benchmark can check each page was fetched exactly once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildFeedXml, buildVariantPage, feedPath, pagePath, type VariantSources } from './e2e-variants.ts';

export interface BenchServer {
  origin: string;
  feedUrls: string[];
  /** Items each feed has published so far; its document lists the newest `window` of them. */
  itemsPerFeed(): number;
  /** Publishes `count` more items in every feed. */
  grow(count: number): void;
  /** Requests per article page path. */
  pageRequests: Map<string, number>;
  feedRequests(): number;
  close(): Promise<void>;
}

/** Starts the site on 127.0.0.1 (a free port) with `feeds` feeds of `items` items each, answering after `latencyMs` (a remote site's delay); rejects when it cannot listen. */
export async function startBenchServer(
  sources: VariantSources,
  options: { feeds: number; items: number; latencyMs?: number; prebuild?: boolean },
): Promise<BenchServer> {
  let published = options.items;
  const prebuilt = new Map<string, ReturnType<typeof buildVariantPage>>();
  let feedRequests = 0;
  const pageRequests = new Map<string, number>();
  let origin = '';
  const server = createServer((req, res) => {
    if (options.latencyMs) setTimeout(() => answer(req, res), options.latencyMs);
    else answer(req, res);
  });
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid').pathname;
    const feed = /^\/feeds\/(\d+)\.rss$/.exec(path);
    const page = /^\/articles\/(\d+)\/(\d+)\.html$/.exec(path);
    if (feed && Number(feed[1]) < options.feeds) {
      feedRequests++;
      const body = Buffer.from(buildFeedXml(sources, origin, Number(feed[1]), Math.max(0, published - options.items), published));
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Length': String(body.length) }).end(body);
    } else if (page && Number(page[1]) < options.feeds && Number(page[2]) < published) {
      pageRequests.set(path, (pageRequests.get(path) ?? 0) + 1);
      const built = prebuilt.get(path) ?? buildVariantPage(sources, origin, { feed: Number(page[1]), item: Number(page[2]) });
      res.writeHead(200, { 'Content-Type': built.contentType, 'Content-Length': String(built.body.length) }).end(built.body);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('introuvable');
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (options.prebuild) {
    for (let feed = 0; feed < options.feeds; feed++) {
      for (let item = 0; item < options.items; item++) prebuilt.set(pagePath({ feed, item }), buildVariantPage(sources, origin, { feed, item }));
    }
  }
  return {
    origin,
    feedUrls: Array.from({ length: options.feeds }, (_, f) => origin + feedPath(f)),
    itemsPerFeed: () => published,
    grow(count) {
      published += count;
    },
    pageRequests,
    feedRequests: () => feedRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
