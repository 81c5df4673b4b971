// Redis holds only queue state: after it is wiped, the next scheduler start rebuilds one job
// scheduler per enabled feed and re-enqueues the articles PostgreSQL says are pending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createAppDeps, type AppDeps } from '../../src/deps.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { silentLogger } from '../../src/log.ts';
import { addFeed, setFeedEnabled } from '../../src/store/feeds.ts';
import { startScheduler } from '../../workers/scheduler.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let app: AppDeps;
const prefix = testQueuePrefix('redis-wiped');

beforeAll(async () => {
  db = await createTestDatabase('redis_wiped');
  app = createAppDeps(loadConfig({ DATABASE_URL: db.url, REDIS_URL, VIGIE_QUEUE_PREFIX: prefix }), silentLogger);
});

afterAll(async () => {
  await app.close();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db.drop();
});

async function queueState() {
  const schedulers = await app.queues.feeds.getJobSchedulers();
  const articleJobs = await app.queues.articles.getJobs(['waiting', 'delayed', 'prioritized']);
  return {
    schedulers: schedulers.map((s) => s.key).sort(),
    articles: articleJobs.map((j) => j.data.articleId).sort((a, b) => a - b),
  };
}

describe('Redis wiped', () => {
  it('a scheduler restart rebuilds every schedule and pending article, and a second start doubles nothing', async () => {
    const a = (await addFeed(db.sql, { url: 'https://www.rfi.fr/fr/afrique/rss', language: 'fr' })).feed;
    const b = (await addFeed(db.sql, { url: 'https://www.jeuneafrique.com/feed/', language: 'fr' })).feed;
    const c = (await addFeed(db.sql, { url: 'https://www.opex360.com/feed/', language: 'fr' })).feed;
    await setFeedEnabled(db.sql, c.id, false);
    const pending = await db.sql<{ id: number }[]>`
      insert into articles (feed_id, canonical_url, url, item_title) values
        (${a.id}, 'https://www.rfi.fr/fr/afrique/mali-livraison', 'https://www.rfi.fr/fr/afrique/mali-livraison', 'Livraison au Mali'),
        (${b.id}, 'https://www.jeuneafrique.com/embargo', 'https://www.jeuneafrique.com/embargo', 'Embargo')
      returning id`;
    await db.sql`
      insert into articles (feed_id, canonical_url, url, status, text)
      values (${a.id}, 'https://www.rfi.fr/fr/afrique/deja-stocke', 'https://www.rfi.fr/fr/afrique/deja-stocke', 'done', 'Déjà stocké.')`;
    const expected = {
      schedulers: [`feed-${a.id}`, `feed-${b.id}`].sort(),
      articles: pending.map((r) => r.id).sort((x, y) => x - y),
    };

    let scheduler = await startScheduler(app);
    await scheduler.close();
    expect(await queueState()).toEqual(expected);

    // A restart doubles nothing.
    scheduler = await startScheduler(app);
    await scheduler.close();
    expect(await queueState()).toEqual(expected);

    // Redis wiped: everything under the prefix is gone…
    expect(await deleteQueueKeys(REDIS_URL, prefix)).toBeGreaterThan(0);
    expect(await queueState()).toEqual({ schedulers: [], articles: [] });

    // …and the next start rebuilds it from PostgreSQL.
    scheduler = await startScheduler(app);
    await scheduler.close();
    expect(await queueState()).toEqual(expected);
  });
});
