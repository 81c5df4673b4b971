// Scaling out: several real worker processes per stage (2 feeds, 3 articles, 2 alerts,
// 2 deliveries, and the scheduler) share the queues of one Redis-Cluster-style prefix (a hash
// tag, '{…}'). A loopback corpus of feeds that list overlapping items, each feed polled by
// both feeds workers at once, is ingested: every article is stored exactly once, and every
// (subscription, article) match is delivered to the webhook exactly once, under its own
// idempotency key. Every process does part of the work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/alerts/signature.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { loadManifest, SAMPLES_DIR, substituteOrigin } from '../../src/demo/fixture-server.ts';
import { createRedis, FEED_JOB_OPTIONS, feedPollJobId, QUEUE_NAMES } from '../../src/queue/queues.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../helpers/processes.ts';
import { startReceiver, type WebhookReceiver } from './alerts-fixtures.ts';

const FEEDS = 8;
const ARTICLES = 48;
// Each article is listed by two feeds: concurrent polls race to store it.
const feedsOf = (i: number) => [i % FEEDS, (i + 1) % FEEDS];
const WORKERS = { feeds: 2, articles: 3, alerts: 2, deliveries: 2 } as const;
type Stage = keyof typeof WORKERS;
const QUERIES = ['Russie OR russe OR Rosoboronexport', '"vente d\'armes" OR drones OR blindés'];

// A Redis Cluster hash tag: every key of every queue hashes to the slot of this tag.
const tag = testQueuePrefix('scale');
const prefix = `{${tag}}`;
const secret = generateSecret();
const samplePages = loadManifest().entries.filter((e) => e.kind === 'page' && (e.status ?? 200) === 200);

let db: TestDatabase;
let server: TestServer;
let receiver: WebhookReceiver;
const workers: { stage: Stage | 'scheduler'; process: WorkerProcess }[] = [];
const subscriptions: number[] = [];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function articlePath(i: number): string {
  return `/a/${i}/${samplePages[i % samplePages.length].path.replace(/^\/pages\//, '')}`;
}

function feedXml(origin: string, f: number): string {
  const items = [];
  for (let i = 0; i < ARTICLES; i++) {
    if (!feedsOf(i).includes(f)) continue;
    const page = samplePages[i % samplePages.length];
    const published = new Date(Date.now() - (i + 1) * 3600_000).toUTCString();
    items.push(`<item><title>${escapeXml(page.title ?? '')}</title><link>${origin}${articlePath(i)}</link>
<guid isPermaLink="false">article-${i}</guid><pubDate>${published}</pubDate>
<description>${escapeXml(`Article ${i} : ${page.title ?? ''}`)}</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Revue de presse ${f}</title><link>${origin}/</link><language>fr</language>
<description>Flux de test ${f}</description>
${items.join('\n')}
</channel></rss>`;
}

/** Returns the parsed pino lines of a worker's output. */
function logLines(w: WorkerProcess): Record<string, any>[] {
  return w
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function completed(stage: Stage) {
  return workers.filter((w) => w.stage === stage).map((w) => logLines(w.process).filter((l) => l.msg === 'job completed'));
}

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // A little latency, as a real server has: no single process can take every job at once.
    setTimeout(() => {
      const feed = /^\/feeds\/(\d+)\.xml$/.exec(path);
      if (feed) {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(feedXml(server.origin, Number(feed[1])));
        return;
      }
      const article = /^\/a\/(\d+)\//.exec(path);
      const i = article ? Number(article[1]) : -1;
      if (i >= 0 && i < ARTICLES && path === articlePath(i)) {
        const page = samplePages[i % samplePages.length];
        res.writeHead(200, { 'content-type': page.contentType });
        res.end(substituteOrigin(readFileSync(join(SAMPLES_DIR, page.file)), page.charset, server.origin));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('introuvable');
    }, 30);
  });
  [db, receiver] = await Promise.all([createTestDatabase('scale_out'), startReceiver(() => secret)]);
  for (const query of QUERIES) {
    const sub = await insertSubscription(db.sql, validateSubscription({ name: query, query, channel: 'webhook', target: receiver.url }), secret);
    subscriptions.push(sub.id);
  }
}, 60_000);

afterAll(async () => {
  for (const { process: w } of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.process.exited));
  await receiver?.close();
  await server?.close();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db?.drop();
});

describe('several worker processes per stage', () => {
  it('store every article once and deliver every alert once, each process taking a share', async () => {
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      VIGIE_QUEUE_PREFIX: prefix,
      VIGIE_FETCH_ALLOWLIST: `${server.origin},${receiver.origin}`,
      VIGIE_FETCH_HOST_DELAY_MS: '0',
      VIGIE_FETCH_HOST_CONCURRENCY: '8',
      VIGIE_FEEDS_CONCURRENCY: '2',
      VIGIE_ARTICLES_CONCURRENCY: '2',
      VIGIE_EXTRACT_THREADS: '1',
      VIGIE_ALERTS_CONCURRENCY: '4',
      VIGIE_DELIVERIES_CONCURRENCY: '2',
      VIGIE_LOG_LEVEL: 'info',
    };
    for (const [stage, n] of Object.entries(WORKERS) as [Stage, number][]) {
      for (let i = 0; i < n; i++) workers.push({ stage, process: spawnWorker(stage, env) });
    }
    // Every worker listens before any work exists, so that none gets a head start.
    await waitFor('every worker started', () => workers.every((w) => / started"/.test(w.process.output())), 90_000);

    const feedIds: number[] = [];
    for (let f = 0; f < FEEDS; f++) feedIds.push((await addFeed(db.sql, { url: `${server.origin}/feeds/${f}.xml`, language: 'fr' })).feed.id);
    workers.push({ stage: 'scheduler', process: spawnWorker('scheduler', env) });
    // Besides the scheduler's polls, two one-off polls of every feed (as `vigie ingest --once`
    // run twice): both feeds workers poll the same feeds at the same moment.
    const redis = createRedis(REDIS_URL);
    const feedsQueue = new Queue(QUEUE_NAMES.feeds, { connection: redis, prefix });
    for (const run of ['extra-a', 'extra-b']) {
      await feedsQueue.addBulk(feedIds.map((feedId) => ({ name: 'poll', data: { feedId }, opts: { ...FEED_JOB_OPTIONS, jobId: feedPollJobId(feedId, run) } })));
    }
    await feedsQueue.close();

    await waitFor(
      'every article stored',
      async () => (await db.sql`select count(*)::int as n from articles where status = 'done'`)[0].n === ARTICLES,
      240_000,
    );
    // Expected pairs, from what is stored (the matching semantics are tested elsewhere).
    const expectedKeys: string[] = [];
    for (const [i, query] of QUERIES.entries()) {
      const ids = await db.sql<{ id: number }[]>`select id from articles where search_tsv @@ search_tsquery(${query})`;
      expect(ids.length, query).toBeGreaterThan(3);
      expect(ids.length, query).toBeLessThan(ARTICLES);
      expectedKeys.push(...ids.map((a) => `alert-${subscriptions[i]}-${a.id}`));
    }
    await waitFor(
      'every alert delivered',
      async () => (await db.sql`select count(*)::int as n from alert_deliveries where status = 'sent'`)[0].n === expectedKeys.length,
      120_000,
    );
    // Let any duplicate that was going to happen happen (a second scheduler pass included).
    await new Promise((r) => setTimeout(r, 2_000));

    // Stored exactly once: one row per URL, and one 'stored' outcome per article across the
    // three articles workers.
    const [{ rows, urls, pending }] = await db.sql`
      select count(*)::int as rows, count(distinct canonical_url)::int as urls,
             count(*) filter (where status <> 'done')::int as pending from articles`;
    expect({ rows, urls, pending }).toEqual({ rows: ARTICLES, urls: ARTICLES, pending: 0 });
    const storedBy = completed('articles').map((lines) => lines.filter((l) => l.outcome === 'stored').map((l) => l.articleId as number));
    const stored = storedBy.flat().sort((a, b) => a - b);
    const ids = (await db.sql<{ id: number }[]>`select id from articles order by id`).map((r) => r.id);
    expect(stored).toEqual(ids);

    // Alerted exactly once: one match and one delivery per pair, one request per key.
    const [{ matches, deliveries }] = await db.sql`
      select (select count(*)::int from alert_matches) as matches, (select count(*)::int from alert_deliveries) as deliveries`;
    expect({ matches, deliveries }).toEqual({ matches: expectedKeys.length, deliveries: expectedKeys.length });
    const received = receiver.requests.map((r) => r.idempotencyKey).sort();
    expect(received).toEqual([...expectedKeys].sort());
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    const sentBy = completed('deliveries').map((lines) => lines.filter((l) => l.outcome === 'sent').map((l) => l.deliveryId as number));
    expect(sentBy.flat()).toHaveLength(expectedKeys.length);
    expect(new Set(sentBy.flat()).size).toBe(expectedKeys.length);

    // The work was shared, not done by one process. (Which process takes which job is up to
    // the queue, so only the stage with the most jobs is required to spread over processes.)
    expect(storedBy.filter((s) => s.length > 0).length).toBeGreaterThanOrEqual(2);
    for (const { stage, process: w } of workers) expect(w.output(), stage).not.toMatch(/"outcome":"failed"|permission denied|CROSSSLOT/);

    // Every key of the run is under the hash tag: on a Redis Cluster, all in one slot.
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `*${tag}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    await redis.quit();
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(key.startsWith(`${prefix}:`), key).toBe(true);
    for (const queue of Object.values(QUEUE_NAMES)) expect(keys.some((k) => k.startsWith(`${prefix}:${queue}:`)), queue).toBe(true);

    for (const { process: w } of workers) w.child.kill('SIGTERM');
    for (const { stage, process: w } of workers) expect(await w.exited, stage).toBe(0);
  }, 420_000);
});
