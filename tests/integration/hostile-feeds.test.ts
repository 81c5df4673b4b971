// Hostile feeds ingested in one run beside a healthy French feed, through the real queues,
// PostgreSQL and Redis: every hostile feed ends with a clear error on its own row, the healthy
// feed's articles are stored once with their accents, nothing leaks from /etc/passwd or a
// private address, and no body is held whole in memory.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createAppDeps, type AppDeps } from '../../src/deps.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { ingestOnce, type IngestSummary } from '../../src/ingest/once.ts';
import { silentLogger } from '../../src/log.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import {
  drip, frenchPage, NO_TAGS, frenchParagraphs, gzipBomb, probeMemory, redirect, rss, send, startRouteServer, stream,
  type RouteServer, type RssItem,
} from '../helpers/hostile-server.ts';

const XML = { 'content-type': 'application/rss+xml; charset=utf-8' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const MAX_ITEMS = 10;
const MANY_ITEMS = 20_000;
const HUGE_ITEM = `<item><title>Bourrage</title><link>http://example.invalid/x</link><description>${'Lorem ipsum dolor sit amet. '.repeat(360)}</description></item>\n`;
const HUGE_REPEAT = Math.ceil((60 * 1024 * 1024) / HUGE_ITEM.length);
const PASSWD_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0];
const CP1252_TITLE = 'Défense : l’Europe et les « exportations » d’armes — dossier';

let db: TestDatabase;
let app: AppDeps;
let server: RouteServer;
let secret: RouteServer;
let summary: IngestSummary;
let memory: { rss: number; live: number };
const prefix = testQueuePrefix('hostile-feeds');

function at(path: string): string {
  return server.url(path);
}

/** The feeds of this file: path → route, and the error code expected on its row (null: polled fine). */
function hostileFeeds(secretPort: number): Record<string, { route: ReturnType<typeof send>; code: string | null }> {
  const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
  const xmlWith = (doctype: string, entity: string) =>
    `<?xml version="1.0"?>\n${doctype}\n<rss version="2.0"><channel><title>Piège ${entity}</title><link>http://example.invalid/</link>` +
    `<item><title>Article ${entity}</title><link>${at('/pages/entity-' + entity.replace(/\W/g, ''))}</link><description>Texte ${entity} fin.</description></item></channel></rss>`;
  const healthy = rss('Le Courrier du Sahel', [1, 2, 3].map((n) => ({
    title: `Exportations d’armes : épisode ${n}`,
    link: at(`/pages/sain-${n}?utm_source=rss`),
    guid: `sain-${n}`,
    pubDate: new Date(Date.now() - n * 3600_000).toUTCString(),
    description: `Résumé ${n} de l’article.`,
  })));
  const many = rss('Flux interminable', Array.from({ length: MANY_ITEMS }, (_, i) => ({
    title: `Brève ${i}`, link: at(`/many/${i}`), guid: `many-${i}`, pubDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString(),
  })));
  const quirks: RssItem[] = [
    { title: 'Date de 1970', link: at('/pages/q-a'), guid: 'meme-guid', pubDate: 'Thu, 01 Jan 1970 00:00:00 GMT', description: 'a' },
    { title: 'Date de 2099', link: at('/pages/q-b'), guid: 'meme-guid', pubDate: 'Thu, 01 Jan 2099 10:00:00 GMT', description: 'b' },
    { title: 'Date illisible', link: at('/pages/q-c'), pubDate: 'hier soir vers 20 h', description: 'c' },
    { title: 'Doublon sans GUID', link: at('/pages/q-a?utm_medium=rss#haut'), description: 'a bis' },
    { title: 'Date numérique', link: at('/pages/q-e'), guid: 'q-e', pubDate: '1700000000', description: 'e' },
  ];
  const cp1252 = (declaration: string) => iconv.encode(rss(CP1252_TITLE, [{ title: CP1252_TITLE, link: at(`/pages/cs-${declaration ? 'utf8' : 'none'}`), description: 'Une œuvre à lire.' }], declaration), 'windows-1252');
  const full = rss('Tronqué', [{ title: 'Un', link: at('/pages/trunc-1') }, { title: 'Deux', link: at('/pages/trunc-2') }]);
  const privateTargets: Record<string, string> = {
    decimal: `http://2130706433:${secretPort}/feed.xml`,
    hex: `http://0x7f000001:${secretPort}/feed.xml`,
    octal: `http://0177.0.0.1:${secretPort}/feed.xml`,
    ipv6: `http://[::1]:${secretPort}/feed.xml`,
    mapped: `http://[::ffff:127.0.0.1]:${secretPort}/feed.xml`,
    localhost: `http://localhost:${secretPort}/feed.xml`,
    metadata: 'http://169.254.169.254/latest/meta-data/',
  };
  const feeds: Record<string, { route: ReturnType<typeof send>; code: string | null }> = {
    '/healthy.xml': { route: send(healthy, XML), code: null },
    '/quirks.xml': { route: send(rss('Bizarreries', quirks), XML), code: null },
    '/many.xml': { route: send(many, XML), code: null },
    '/cp1252-declared-utf8.xml': { route: send(cp1252('<?xml version="1.0" encoding="UTF-8"?>'), XML), code: null },
    '/cp1252-undeclared.xml': { route: send(cp1252(''), { 'content-type': 'text/xml' }), code: null },
    '/xxe.xml': { route: send(xmlWith('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'), XML), code: 'feed_parse' },
    '/billion-laughs.xml': { route: send(xmlWith(`<!DOCTYPE rss [${lol.join('')}]>`, '&lol9;'), XML), code: 'feed_parse' },
    '/malformed.xml': { route: send('<?xml version="1.0"?><rss><channel><title>Cassé</titl><item></channel>', XML), code: 'feed_parse' },
    '/truncated.xml': { route: send(full.slice(0, Math.floor(full.length * 0.6)), XML), code: 'feed_parse' },
    '/huge.xml': { route: stream(XML, '<?xml version="1.0"?><rss version="2.0"><channel><title>Énorme</title>', HUGE_ITEM, HUGE_REPEAT, '</channel></rss>'), code: 'too_large' },
    '/drip.xml': { route: drip(XML, healthy), code: 'timeout' },
    '/gzip-bomb.xml': { route: send(gzipBomb(64), { ...XML, 'content-encoding': 'gzip' }), code: 'too_large' },
    '/loop-a.xml': { route: redirect(at('/loop-b.xml')), code: 'redirect_loop' },
    '/loop-b.xml': { route: redirect(at('/loop-a.xml')), code: 'redirect_loop' },
    '/to-file.xml': { route: redirect('file:///etc/passwd'), code: 'bad_scheme' },
    '/to-data.xml': { route: redirect('data:application/rss+xml;base64,' + Buffer.from(healthy).toString('base64')), code: 'bad_scheme' },
    '/to-javascript.xml': { route: redirect('javascript:alert(1)'), code: 'bad_scheme' },
  };
  for (const [name, target] of Object.entries(privateTargets)) feeds[`/to-${name}.xml`] = { route: redirect(target), code: 'blocked_address' };
  return feeds;
}

let feeds: ReturnType<typeof hostileFeeds>;

beforeAll(async () => {
  secret = await startRouteServer({ '/feed.xml': send(rss('Secret', [{ title: 'SECRET', link: 'http://example.invalid/secret' }]), XML) });
  const routes: Record<string, ReturnType<typeof send>> = {
    '/pages/*': (req, res) => {
      const slug = (req.url ?? '').split('?')[0].split('/').pop()!;
      send(frenchPage(`Article ${slug}`, slug), HTML)(req, res);
    },
    '/many/*': (req, res) => send(frenchPage('Brève', (req.url ?? '').split('/').pop()!), HTML)(req, res),
  };
  server = await startRouteServer(routes);
  feeds = hostileFeeds(secret.port);
  for (const [path, f] of Object.entries(feeds)) routes[path] = f.route;
  db = await createTestDatabase('hostile_feeds');
  const config = loadConfig(
    {
      DATABASE_URL: db.url, REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_FETCH_HOST_DELAY_MS: '0', VIGIE_FETCH_HOST_CONCURRENCY: '32',
      VIGIE_FEEDS_CONCURRENCY: '8', VIGIE_FETCH_TIMEOUT_MS: '5000', VIGIE_EXTRACT_THREADS: '1', VIGIE_MAX_FEED_ITEMS: String(MAX_ITEMS),
    },
    { fetchAllowlist: [server.origin] },
  );
  app = createAppDeps(config, silentLogger);
  for (const path of Object.keys(feeds)) if (path !== '/loop-b.xml') await addFeed(db.sql, { url: at(path), language: 'fr' });
  const probe = probeMemory();
  summary = await ingestOnce(app, { timeoutMs: 45_000, tagger: NO_TAGS });
  memory = probe.stop();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  await secret?.close();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db?.drop();
});

async function feedRow(path: string) {
  const [row] = await db.sql`select * from feeds where url = ${at(path)}`;
  return row;
}

describe('hostile feeds beside a healthy one', () => {
  it('records a clear error on each hostile feed, naming the problem and the feed', async () => {
    expect(summary.timedOut).toBe(false);
    for (const [path, { code }] of Object.entries(feeds)) {
      if (path === '/loop-b.xml') continue;
      const row = await feedRow(path);
      expect(row.lastErrorCode, path).toBe(code);
      if (code === null) {
        expect(row.lastError, path).toBeNull();
        continue;
      }
      expect(row.lastError, path).toContain(at(path));
      expect(row.consecutiveFailures, path).toBe(1);
    }
    expect((await feedRow('/huge.xml')).lastError).toMatch(/exceed|limit|MiB/i);
    expect((await feedRow('/drip.xml')).lastError).toMatch(/5000 ms/);
  });

  it('stores the healthy feed’s articles once, with their French text intact', async () => {
    for (const n of [1, 2, 3]) {
      const rows = await db.sql`select * from articles where url like ${'%/pages/sain-' + n + '%'}`;
      expect(rows, `sain-${n}`).toHaveLength(1);
      const [row] = rows;
      expect(row.status).toBe('done');
      expect(row.contentSource).toBe('page');
      expect(row.canonicalUrl).toBe(at(`/pages/sain-${n}`));
      for (const p of frenchParagraphs(`sain-${n}`)) expect(row.text).toContain(p);
      expect(row.itemTitle).toBe(`Exportations d’armes : épisode ${n}`);
    }
  });

  it('stores nothing twice and fetches no page twice', async () => {
    const [{ n, distinct }] = await db.sql`select count(*)::int as n, count(distinct canonical_url)::int as distinct from articles`;
    expect(n).toBe(distinct);
    // healthy 3 + quirks 4 (one duplicate link) + many MAX_ITEMS + two charset feeds.
    expect(n).toBe(3 + 4 + MAX_ITEMS + 2);
    const pages = server.requests.filter((r) => r.startsWith('/pages/') || r.startsWith('/many/')).map((r) => r.split('?')[0]);
    expect(pages.length).toBe(new Set(pages).size);
    const [{ failed }] = await db.sql`select count(*) filter (where status <> 'done')::int as failed from articles`;
    expect(failed).toBe(0);
  });

  it('takes only the newest items of a feed of tens of thousands', async () => {
    const rows = await db.sql<{ url: string }[]>`select url from articles where url like ${'%/many/%'} order by url`;
    const expected = Array.from({ length: MAX_ITEMS }, (_, i) => at(`/many/${MANY_ITEMS - 1 - i}`)).sort();
    expect(rows.map((r) => r.url)).toEqual(expected);
    expect((await feedRow('/many.xml')).lastNewItems).toBe(MAX_ITEMS);
  });

  it('keeps absurd or unreadable dates out, the discovery time in, and every item with a GUID', async () => {
    const rows = await db.sql`select * from articles where url like ${'%/pages/q-%'} order by url`;
    expect(rows.map((r) => r.url)).toEqual(['q-a', 'q-b', 'q-c', 'q-e'].map((s) => at(`/pages/${s}`)));
    for (const row of rows) {
      expect(row.itemPublishedAt, row.url).toBeNull();
      expect(row.publishedAt, row.url).toBeNull();
      expect(row.discoveredAt, row.url).toBeInstanceOf(Date);
    }
    expect(rows.map((r) => r.guid)).toEqual(['meme-guid', 'meme-guid', expect.stringMatching(/^link:[0-9a-f]{32}$/), 'q-e']);
    // The first of the duplicate links wins.
    expect(rows[0].itemTitle).toBe('Date de 1970');
  });

  it('decodes windows-1252 feeds declared as UTF-8 or not declared at all', async () => {
    for (const path of ['/cp1252-declared-utf8.xml', '/cp1252-undeclared.xml']) {
      expect((await feedRow(path)).title, path).toBe(CP1252_TITLE);
    }
    const rows = await db.sql`select item_title, item_summary from articles where url like ${'%/pages/cs-%'}`;
    expect(rows.map((r) => r.itemTitle)).toEqual([CP1252_TITLE, CP1252_TITLE]);
    for (const r of rows) expect(r.itemSummary).toBe('Une œuvre à lire.');
  });

  it('leaks nothing from /etc/passwd, entity expansion or a private address', async () => {
    const [{ n }] = await db.sql`
      select (select count(*) from feeds f where f::text like ${'%' + PASSWD_LINE + '%'} or f::text like '%lollollol%')
           + (select count(*) from articles a where a::text like ${'%' + PASSWD_LINE + '%'} or a::text like '%lollollol%'
                or a::text like '%SECRET%')::int as n`;
    expect(Number(n)).toBe(0);
    expect(secret.requests).toEqual([]);
  });

  it('keeps memory bounded: no body is read whole', () => {
    // A 60 MiB feed, a 1 GiB gzip bomb and a 3 MB feed of 20,000 items went through this process.
    // Live main-thread memory peaked at 3–15 MB here; with the byte limit raised to 100 MB (the
    // 60 MiB feed read whole, the bomb inflated to 100 MB) it reaches ~180 MB. RSS (140–175 MB here) is mostly the extraction
    // thread's jsdom; a 1 GiB inflated body would show.
    expect(memory.live).toBeLessThan(40 * 1024 * 1024);
    expect(memory.rss).toBeLessThan(300 * 1024 * 1024);
  });
});
