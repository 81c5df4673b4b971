// The feed stage against real PostgreSQL, Redis and a loopback HTTP server: French items stored
// once with their accents, deterministic article jobs, 304, back-off and recovery, a malformed
// feed recorded while another ingests, and Retry-After honoured.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Redis } from 'ioredis';
import { pollFeed, type PollDeps } from '../../src/feeds/poll.ts';
import { createFetcher } from '../../src/fetch/safe-fetch.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { articleJobId, createQueues, createRedis, feedSchedulerId, type Queues } from '../../src/queue/queues.ts';
import { addFeed, getFeed } from '../../src/store/feeds.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';

type Reply = { status: number; body?: string | Buffer; headers?: Record<string, string> };
type Route = (headers: IncomingHttpHeaders, hit: number) => Reply;

let db: TestDatabase;
let redis: Redis;
let queues: Queues;
let server: Server;
let origin: string;
let deps: PollDeps;
let fetcher: Fetcher;
const prefix = testQueuePrefix('feeds-poll');
const routes = new Map<string, Route>();
const hits = new Map<string, IncomingHttpHeaders[]>();

function rss(title: string, items: { title: string; link: string; date?: string; description?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${title}</title><link>${origin}/</link><language>fr-FR</language>
${items.map((i) => `<item><title><![CDATA[${i.title}]]></title><link>${i.link.replace(/&/g, "&amp;")}</link>
<description><![CDATA[${i.description ?? '<p>' + i.title + '</p>'}]]></description>
${i.date ? `<pubDate>${i.date}</pubDate>` : ''}<dc:creator>Rédaction</dc:creator></item>`).join('\n')}
</channel></rss>`;
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();

beforeAll(async () => {
  db = await createTestDatabase('feeds_poll');
  redis = createRedis(REDIS_URL);
  queues = createQueues(redis, prefix);
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const list = hits.get(path) ?? [];
    list.push(req.headers);
    hits.set(path, list);
    const route = routes.get(path);
    const reply = route ? route(req.headers, list.length) : { status: 404, body: 'introuvable' };
    res.writeHead(reply.status, { 'content-type': 'application/rss+xml; charset=utf-8', ...reply.headers });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The real safe fetcher, with the loopback origin allowlisted as `vigie demo` does.
  fetcher = createFetcher({
    allowlist: [origin], connectTimeoutMs: 5000, timeoutMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 3,
    hostConcurrency: 4, hostDelayMs: 0, userAgent: 'vigie-test',
  });
  deps = {
    sql: db.sql, queues, fetcher,
    config: { pollMinIntervalS: 300, pollMaxIntervalS: 86_400, pollDefaultIntervalS: 1800, maxFeedItems: 500 },
  };
});

afterAll(async () => {
  await fetcher.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queues.close();
  await redis.quit();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db.drop();
});

async function feedWith(path: string, route: Route) {
  routes.set(path, route);
  return (await addFeed(db.sql, { url: origin + path, language: 'fr' })).feed;
}

describe('pollFeed', () => {
  it('stores a French feed as pending articles, enqueues them by deterministic id, then gets a 304', async () => {
    const body = rss('RFI - Afrique', [
      { title: 'Mali : l’armée réceptionne des drones Bayraktar TB2', link: `${origin}/afrique/mali-drones?xtor=RSS-3208`, date: hoursAgo(1) },
      { title: 'Côte d’Ivoire : Abidjan commande des hélicoptères de manœuvre', link: `/afrique/civ-helicopteres#top`, date: hoursAgo(3) },
      { title: 'Niger : la junte et l’embargo sur les armes', link: `${origin}/afrique/niger-embargo`, date: hoursAgo(5) },
    ]);
    const feed = await feedWith('/afrique.xml', (h) => (h['if-none-match'] === '"v1"' ? { status: 304 } : { status: 200, body, headers: { etag: '"v1"' } }));

    const first = await pollFeed(deps, feed.id);
    expect(first).toMatchObject({ outcome: 'ok', httpStatus: 200, items: 3, newArticles: 3, enqueued: 3, errorCode: null });

    const rows = await db.sql<{ id: number; canonicalUrl: string; url: string; itemTitle: string; itemAuthor: string; status: string; feedId: number }[]>`
      select id, canonical_url, url, item_title, item_author, status, feed_id from articles order by item_published_at desc`;
    expect(rows.map((r) => [r.canonicalUrl, r.itemTitle, r.status])).toEqual([
      [`${origin}/afrique/mali-drones`, 'Mali : l’armée réceptionne des drones Bayraktar TB2', 'pending'],
      [`${origin}/afrique/civ-helicopteres`, 'Côte d’Ivoire : Abidjan commande des hélicoptères de manœuvre', 'pending'],
      [`${origin}/afrique/niger-embargo`, 'Niger : la junte et l’embargo sur les armes', 'pending'],
    ]);
    expect(rows[0].url).toBe(`${origin}/afrique/mali-drones?xtor=RSS-3208`);
    expect(rows.every((r) => r.feedId === feed.id && r.itemAuthor === 'Rédaction')).toBe(true);
    for (const r of rows) {
      const job = await queues.articles.getJob(articleJobId(r.canonicalUrl));
      expect(job?.data).toEqual({ articleId: r.id });
    }

    const after = (await getFeed(db.sql, feed.id))!;
    expect(after).toMatchObject({ title: 'RFI - Afrique', siteUrl: `${origin}/`, language: 'fr', etag: '"v1"', lastHttpStatus: 200, consecutiveFailures: 0, lastNewItems: 3, lastError: null });
    // Three items in five hours: the learned interval follows that rhythm.
    expect(after.adaptiveIntervalS).toBeGreaterThanOrEqual(5000);
    expect(after.adaptiveIntervalS).toBeLessThanOrEqual(7000);
    expect(after.nextPollAt!.getTime() - after.lastPolledAt!.getTime()).toBe(after.adaptiveIntervalS! * 1000);
    const scheduler = await queues.feeds.getJobScheduler(feedSchedulerId(feed.id));
    expect(scheduler).toMatchObject({ every: after.adaptiveIntervalS! * 1000, template: { data: { feedId: feed.id } } });
    expect(Math.abs(scheduler!.next! - after.nextPollAt!.getTime())).toBeLessThan(60_000);

    const second = await pollFeed(deps, feed.id);
    expect(second).toMatchObject({ outcome: 'not_modified', httpStatus: 304, newArticles: 0 });
    expect(hits.get('/afrique.xml')!.map((h) => h['if-none-match'] ?? null)).toEqual([null, '"v1"']);
    expect((await db.sql`select count(*)::int as n from articles`)[0].n).toBe(3);
    expect((await getFeed(db.sql, feed.id))!).toMatchObject({ lastHttpStatus: 304, etag: '"v1"', consecutiveFailures: 0 });
  });

  it('reads a windows-1252 feed with its accents, apostrophes and œ intact', async () => {
    const xml = rss('Le Faso', [{ title: 'Burkina : l’armée reçoit des véhicules blindés « Bastion » – cœur du dispositif', link: `${origin}/bf/bastion` }])
      .replace('encoding="utf-8"', 'encoding="windows-1252"');
    const feed = await feedWith('/faso.xml', () => ({ status: 200, body: iconv.encode(xml, 'windows-1252'), headers: { 'content-type': 'application/rss+xml' } }));
    expect(await pollFeed(deps, feed.id)).toMatchObject({ outcome: 'ok', newArticles: 1 });
    const [row] = await db.sql`select item_title from articles where canonical_url = ${origin + '/bf/bastion'}`;
    expect(row.itemTitle).toBe('Burkina : l’armée reçoit des véhicules blindés « Bastion » – cœur du dispositif');
  });

  it('stores an item once: same link twice, tracking parameters, the same item in two feeds', async () => {
    const before = (await db.sql`select count(*)::int as n from articles`)[0].n as number;
    const shared = `${origin}/defense/rafale-serbie`;
    const a = await feedWith('/defense.xml', () => ({ status: 200, body: rss('Défense', [
      { title: 'La Serbie signe pour douze Rafale', link: `${shared}?utm_source=rss&utm_medium=feed` },
      { title: 'La Serbie signe pour douze Rafale (mise à jour)', link: `${shared}#maj` },
      { title: 'Exportations d’armement : le rapport au Parlement', link: `${origin}/defense/rapport-export?fbclid=abc` },
    ]) }));
    const b = await feedWith('/opex.xml', () => ({ status: 200, body: rss('Opex', [
      { title: 'Rafale : la Serbie confirme', link: `${shared}?at_medium=RSS&at_campaign=opex` },
      { title: 'Rapport export', link: `${origin}/defense/rapport-export` },
    ]) }));
    expect(await pollFeed(deps, a.id)).toMatchObject({ outcome: 'ok', items: 2, newArticles: 2, enqueued: 2, skippedItems: 1 });
    expect(await pollFeed(deps, b.id)).toMatchObject({ outcome: 'ok', items: 2, newArticles: 0, enqueued: 2 });
    expect(await pollFeed(deps, a.id)).toMatchObject({ outcome: 'ok', newArticles: 0 });
    const rows = await db.sql<{ canonicalUrl: string; feedId: number; itemTitle: string }[]>`
      select canonical_url, feed_id, item_title from articles where canonical_url like ${origin + '/defense/%'} order by canonical_url`;
    expect(rows).toEqual([
      { canonicalUrl: `${origin}/defense/rafale-serbie`, feedId: a.id, itemTitle: 'La Serbie signe pour douze Rafale' },
      { canonicalUrl: `${origin}/defense/rapport-export`, feedId: a.id, itemTitle: 'Exportations d’armement : le rapport au Parlement' },
    ]);
    expect((await db.sql`select count(*)::int as n from articles`)[0].n).toBe(before + 2);
    // Re-enqueueing pending articles under their deterministic ids adds no job.
    const jobs = await queues.articles.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.length).toBe(before + 2);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
  });

  it('backs a failing feed off exponentially and recovers on the next success', async () => {
    const feed = await feedWith('/instable.xml', (_h, hit) =>
      hit <= 3 ? { status: 500, body: 'Erreur interne' } : { status: 200, body: rss('Instable', [{ title: 'Burkina Faso : retour à la normale', link: `${origin}/bf/retour`, date: hoursAgo(2) }]) });
    const delays: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const out = await pollFeed(deps, feed.id);
      expect(out).toMatchObject({ outcome: 'failed', httpStatus: 500, errorCode: 'http_status' });
      const row = (await getFeed(db.sql, feed.id))!;
      expect(row).toMatchObject({ consecutiveFailures: i, lastHttpStatus: 500, lastErrorCode: 'http_status', enabled: true });
      expect(row.lastError).toContain(`${origin}/instable.xml`);
      delays.push(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime());
    }
    expect(delays).toEqual([1800_000, 3600_000, 7200_000]);
    expect((await queues.feeds.getJobScheduler(feedSchedulerId(feed.id)))?.every).toBe(7200_000);

    expect(await pollFeed(deps, feed.id)).toMatchObject({ outcome: 'ok', newArticles: 1 });
    const row = (await getFeed(db.sql, feed.id))!;
    expect(row).toMatchObject({ consecutiveFailures: 0, lastError: null, lastErrorCode: null, lastHttpStatus: 200 });
    // Back to the interval learned from the rhythm (one item two hours old), no longer the back-off.
    expect(Math.abs(row.adaptiveIntervalS! - 7200)).toBeLessThan(10);
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(row.adaptiveIntervalS! * 1000);
    const [article] = await db.sql`select item_title from articles where canonical_url = ${origin + '/bf/retour'}`;
    expect(article.itemTitle).toBe('Burkina Faso : retour à la normale');
  });

  it('records a malformed feed as that feed’s error while another feed ingests', async () => {
    const broken = await feedWith('/casse.xml', () => ({ status: 200, body: rss('Cassé', [{ title: 'Tronqué', link: `${origin}/x` }]).slice(0, 300) }));
    const html = await feedWith('/page.html', () => ({ status: 200, body: '<!DOCTYPE html><html lang="fr"><body><h1>Accueil</h1></body></html>', headers: { 'content-type': 'text/html' } }));
    const good = await feedWith('/senegal.xml', () => ({ status: 200, body: rss('Sénégal', [{ title: 'Dakar réceptionne un patrouilleur OPV 58 S', link: `${origin}/sn/patrouilleur` }]) }));
    const [b, h, g] = await Promise.all([pollFeed(deps, broken.id), pollFeed(deps, html.id), pollFeed(deps, good.id)]);
    expect(b).toMatchObject({ outcome: 'failed', errorCode: 'feed_parse' });
    expect(h).toMatchObject({ outcome: 'failed', errorCode: 'feed_parse' });
    expect(g).toMatchObject({ outcome: 'ok', newArticles: 1 });
    const brokenRow = (await getFeed(db.sql, broken.id))!;
    expect(brokenRow).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'feed_parse', lastHttpStatus: 200 });
    expect(brokenRow.lastError).toMatch(new RegExp(`^feed: malformed XML .*${origin}/casse\\.xml`));
    expect((await getFeed(db.sql, html.id))!.lastError).toContain('HTML page instead of an RSS or Atom feed');
    const [article] = await db.sql`select item_title, status from articles where canonical_url = ${origin + '/sn/patrouilleur'}`;
    expect(article).toEqual({ itemTitle: 'Dakar réceptionne un patrouilleur OPV 58 S', status: 'pending' });
  });

  it('honours 429 Retry-After: no request before it, and the schedule waits for it', async () => {
    const feed = await feedWith('/limite.xml', () => ({ status: 429, body: 'Trop de requêtes', headers: { 'retry-after': '7200' } }));
    const before = Date.now();
    expect(await pollFeed(deps, feed.id)).toMatchObject({ outcome: 'failed', httpStatus: 429 });
    const row = (await getFeed(db.sql, feed.id))!;
    expect(row.retryAfterUntil!.getTime()).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(row.nextPollAt!.getTime()).toBeGreaterThanOrEqual(row.retryAfterUntil!.getTime());
    expect(await pollFeed(deps, feed.id)).toMatchObject({ outcome: 'skipped', reason: 'retry_after' });
    expect(hits.get('/limite.xml')).toHaveLength(1);
    const scheduler = await queues.feeds.getJobScheduler(feedSchedulerId(feed.id));
    expect(scheduler!.next).toBeGreaterThanOrEqual(row.retryAfterUntil!.getTime());
  });

  it('skips a missing or disabled feed and removes its scheduler', async () => {
    await queues.feeds.upsertJobScheduler(feedSchedulerId(999_999), { every: 600_000 }, { name: 'poll', data: { feedId: 999_999 } });
    expect(await pollFeed(deps, 999_999)).toMatchObject({ outcome: 'skipped', reason: 'missing' });
    expect(await queues.feeds.getJobScheduler(feedSchedulerId(999_999))).toBeUndefined();
  });
});
