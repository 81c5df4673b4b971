// One BullMQ job scheduler per enabled feed, rebuilt from PostgreSQL: idempotent, healed after a
// Redis wipe, removed for disabled or deleted feeds, moved when a feed's timing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { rescheduleFeed, syncFeedSchedules, type SchedulerDeps } from '../../src/feeds/scheduler.ts';
import { createQueues, createRedis, feedSchedulerId, type Queues } from '../../src/queue/queues.ts';
import { addFeed, getFeed, removeFeed, setFeedEnabled } from '../../src/store/feeds.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let redis: Redis;
let queues: Queues;
let deps: SchedulerDeps;
const prefix = testQueuePrefix('feeds-schedules');
const limits = { pollMinIntervalS: 300, pollMaxIntervalS: 86_400, pollDefaultIntervalS: 1800 };

beforeAll(async () => {
  db = await createTestDatabase('feeds_schedules');
  redis = createRedis(REDIS_URL);
  queues = createQueues(redis, prefix);
  deps = { sql: db.sql, queues, config: limits };
});

afterAll(async () => {
  await queues.close();
  await redis.quit();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db.drop();
});

async function schedulers() {
  const list = await queues.feeds.getJobSchedulers(0, -1);
  return list.map((s) => ({ id: s.key, every: s.every, next: s.next, feedId: s.template?.data?.feedId })).sort((a, b) => a.id.localeCompare(b.id));
}

async function pendingPollJobs() {
  return (await queues.feeds.getJobs(['delayed', 'waiting', 'prioritized'])).map((j) => j.data.feedId).sort();
}

describe('syncFeedSchedules', () => {
  it('keeps exactly one scheduler per enabled feed, through restarts, a Redis wipe and disabling', async () => {
    const a = (await addFeed(db.sql, { url: 'https://www.rfi.fr/fr/afrique/rss', language: 'fr' })).feed;
    const b = (await addFeed(db.sql, { url: 'https://www.opex360.com/feed/', language: 'fr', pollIntervalS: 3600 })).feed;
    const c = (await addFeed(db.sql, { url: 'https://www.lesoir.be/rss/81853/cible_principale', language: 'fr' })).feed;
    await setFeedEnabled(db.sql, c.id, false);
    // A feed backing off after two failures, due in two hours.
    const due = new Date(Date.now() + 2 * 3_600_000);
    await db.sql`update feeds set consecutive_failures = 2, next_poll_at = ${due} where id = ${a.id}`;

    expect(await syncFeedSchedules(deps)).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
    const first = await schedulers();
    expect(first.map(({ id, every, feedId }) => ({ id, every, feedId }))).toEqual([
      { id: feedSchedulerId(a.id), every: 3_600_000, feedId: a.id }, // 1800 s doubled once
      { id: feedSchedulerId(b.id), every: 3_600_000, feedId: b.id },
    ].sort((x, y) => x.id.localeCompare(y.id)));
    expect(first.find((s) => s.feedId === a.id)!.next).toBe(due.getTime());
    expect(await pendingPollJobs()).toEqual([a.id, b.id].sort());

    // A restart doubles nothing.
    expect(await syncFeedSchedules(deps)).toEqual({ created: 0, updated: 0, unchanged: 2, removed: 0 });
    expect(await schedulers()).toEqual(first);
    expect(await pendingPollJobs()).toEqual([a.id, b.id].sort());

    // Redis wiped: rebuilt from PostgreSQL, same timing.
    expect(await deleteQueueKeys(REDIS_URL, prefix)).toBeGreaterThan(0);
    expect(await schedulers()).toEqual([]);
    expect(await syncFeedSchedules(deps)).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
    const rebuilt = await schedulers();
    expect(rebuilt.map((s) => s.id)).toEqual(first.map((s) => s.id));
    expect(rebuilt.find((s) => s.feedId === a.id)!.next).toBe(due.getTime());

    // Disabled feed: its scheduler goes; deleted feed: likewise; re-enabled: back.
    await setFeedEnabled(db.sql, a.id, false);
    await removeFeed(db.sql, b.id);
    const removed = await syncFeedSchedules(deps);
    expect(removed.removed).toBe(2);
    expect(await schedulers()).toEqual([]);
    expect(await pendingPollJobs()).toEqual([]);
    await setFeedEnabled(db.sql, c.id, true);
    await syncFeedSchedules(deps);
    expect((await schedulers()).map((s) => s.feedId)).toEqual([c.id]);
  });

  it('rescheduleFeed moves the next run when the feed’s timing changes, and only then', async () => {
    const feed = (await addFeed(db.sql, { url: 'https://www.jeuneafrique.com/feed/', language: 'fr' })).feed;
    expect(await rescheduleFeed(deps, feed)).toBe('created');
    expect(await rescheduleFeed(deps, (await getFeed(db.sql, feed.id))!)).toBe('unchanged');

    const later = new Date(Date.now() + 5 * 3_600_000);
    await db.sql`update feeds set next_poll_at = ${later}, adaptive_interval_s = 7200 where id = ${feed.id}`;
    expect(await rescheduleFeed(deps, (await getFeed(db.sql, feed.id))!)).toBe('updated');
    const s = (await queues.feeds.getJobScheduler(feedSchedulerId(feed.id)))!;
    expect(s.every).toBe(7_200_000);
    expect(s.next).toBe(later.getTime());

    // Same interval, new date (e.g. a Retry-After): BullMQ would keep the old run, so it is re-created.
    const muchLater = new Date(Date.now() + 9 * 3_600_000);
    await db.sql`update feeds set next_poll_at = ${muchLater} where id = ${feed.id}`;
    expect(await rescheduleFeed(deps, (await getFeed(db.sql, feed.id))!)).toBe('updated');
    expect((await queues.feeds.getJobScheduler(feedSchedulerId(feed.id)))!.next).toBe(muchLater.getTime());
    const jobs = (await queues.feeds.getJobs(['delayed', 'waiting'])).filter((j) => j.data.feedId === feed.id);
    expect(jobs).toHaveLength(1);
  });
});
