// The bundled sample feeds ingested end to end through the real queues, PostgreSQL and Redis:
// French text with its accents (windows-1252 and ISO-8859-1 pages included), each article
// stored once, the feed-content fallback for a missing page, tags with their evidence, and
// a second run answered by 304s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createAppDeps, type AppDeps } from '../../src/deps.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { listSamplePages, startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.ts';
import { ingestOnce, type IngestSummary } from '../../src/ingest/once.ts';
import { silentLogger } from '../../src/log.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let app: AppDeps;
let server: FixtureServer;
let first: IngestSummary;
const prefix = testQueuePrefix('feed-to-articles');
const pages = listSamplePages();

beforeAll(async () => {
  server = await startFixtureServer();
  db = await createTestDatabase('feed_to_articles');
  const config = loadConfig(
    { DATABASE_URL: db.url, REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_FETCH_HOST_DELAY_MS: '0', VIGIE_FETCH_HOST_CONCURRENCY: '4' },
    { fetchAllowlist: [server.origin] },
  );
  app = createAppDeps(config, silentLogger);
  for (const url of server.feedUrls) await addFeed(db.sql, { url, language: 'fr' });
  first = await ingestOnce(app, { timeoutMs: 120_000 });
}, 180_000);

afterAll(async () => {
  await app.close();
  await server.close();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db.drop();
});

async function articleAt(path: string) {
  const [row] = await db.sql`select * from articles where url like ${'%' + path + '%'}`;
  return row;
}

describe('sample feeds → stored articles', () => {
  it('polls every feed and stores every linked page once', async () => {
    expect(first.timedOut).toBe(false);
    expect(first.feeds.map((f) => f.error)).toEqual(server.feedUrls.map(() => null));
    const linked = pages.filter((p) => p.path.startsWith('/pages/'));
    const [{ n, distinct }] = await db.sql`select count(*)::int as n, count(distinct final_url)::int as distinct from articles`;
    expect(n).toBe(linked.length);
    expect(first.articles).toMatchObject({ discovered: linked.length, failed: 0, pending: 0 });
    // Pages reached through two feeds, tracking parameters or a relative link are one article each.
    expect(distinct).toBe(first.articles.fromPage);
    const urls = await db.sql<{ canonicalUrl: string }[]>`select canonical_url from articles`;
    for (const { canonicalUrl } of urls) expect(canonicalUrl).not.toMatch(/utm_|xtor=|#/);
  });

  it('keeps the accents of windows-1252 and ISO-8859-1 pages', async () => {
    const legacy = pages.filter((p) => p.status === 200 && p.charset !== 'utf-8');
    expect(legacy.map((p) => p.charset).sort()).toEqual(expect.arrayContaining(['iso-8859-1', 'windows-1252']));
    for (const page of legacy) {
      const row = await articleAt(page.path);
      expect(row.status, page.path).toBe('done');
      expect(row.contentSource, page.path).toBe('page');
      expect(row.title, page.path).toBe(page.title);
      expect(row.text, page.path).not.toMatch(/[\u0080-\u009f\ufffd]/);
      expect(row.text, page.path).toMatch(/[éèàç]/);
    }
    const cp1252 = await articleAt(legacy.find((p) => p.charset === 'windows-1252')!.path);
    expect(cp1252.text).toMatch(/’/);
    expect(cp1252.text).toMatch(/[«»]/);
  });

  it('falls back to the feed item’s content when the page is gone, and says so', async () => {
    const gone = pages.find((p) => p.status === 404)!;
    const row = await articleAt(gone.path);
    expect(row.status).toBe('done');
    expect(row.contentSource).toBe('feed');
    expect(row.httpStatus).toBe(404);
    expect(row.errorCode).toBe('http_status');
    expect(row.wordCount).toBeGreaterThan(200);
    expect(first.articles.fromFeed).toBe(1);
  });

  it('stores the seed article with its topics, entities and evidence that points into the text', async () => {
    const seed = pages.find((p) => p.seed)!;
    const row = await articleAt(seed.path);
    expect(row.text).toContain('L’agence russe d’exportation d’armements, Rosoboronexport, a récemment révélé');
    expect(row.lang).toBe('fr');
    const topics = await db.sql<{ topic: string; evidence: { text: string; start: number; end: number; rule: string }[] }[]>`
      select topic, evidence from article_topics where article_id = ${row.id} order by topic`;
    expect(topics.map((t) => t.topic)).toEqual(expect.arrayContaining(['arms_trade', 'defense_cooperation', 'defense_industry']));
    const doc = `${row.title}\n\n${row.text}`;
    for (const t of topics) {
      expect(t.evidence.length, t.topic).toBeGreaterThan(0);
      for (const e of t.evidence) expect(doc.slice(e.start, e.end), `${t.topic} ${e.rule}`).toBe(e.text);
    }
    const entities = await db.sql<{ kind: string; entity: string }[]>`
      select kind, entity from article_entities where article_id = ${row.id}`;
    const of = (kind: string) => entities.filter((e) => e.kind === kind).map((e) => e.entity);
    expect(of('country')).toEqual(expect.arrayContaining(['RU', 'ZA']));
    expect(of('region')).toEqual(expect.arrayContaining(['africa', 'southeast_asia', 'middle_east', 'cis']));
    expect(of('organization')).toEqual(expect.arrayContaining(['rosoboronexport', 'rostec']));
  });

  it('gives no topic to the hard negatives', async () => {
    for (const page of pages.filter((p) => p.negative && p.status === 200)) {
      const row = await articleAt(page.path);
      const [{ n }] = await db.sql`select count(*)::int as n from article_topics where article_id = ${row.id}`;
      expect(n, page.path).toBe(0);
    }
  });

  it('a second run is answered by 304s and stores nothing new', async () => {
    const before = server.requests.length;
    const second = await ingestOnce(app, { timeoutMs: 60_000 });
    expect(second.articles.discovered).toBe(0);
    const feedRequests = server.requests.slice(before).filter((r) => server.feedUrls.some((u) => u.endsWith(r.path)));
    expect(feedRequests.map((r) => r.status)).toEqual(server.feedUrls.map(() => 304));
    const [{ n }] = await db.sql`select count(*)::int as n from articles`;
    expect(n).toBe(pages.filter((p) => p.path.startsWith('/pages/')).length);
  });
});
