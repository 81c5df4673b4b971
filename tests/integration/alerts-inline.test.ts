// Matching at store time (src/alerts/inline.ts) against real PostgreSQL and Redis: the article
// stage records the matches and enqueues the instant delivery itself; when PostgreSQL fails the
// articles go to the alerts queue; when Redis fails too they are left to the scheduler's
// recovery. matchOrEnqueue never throws.
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { matchOrEnqueue, type InlineMatch } from '../../src/alerts/inline.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import { createSql } from '../../src/db/client.ts';
import { alertsJobId, createQueues, deliveryJobId } from '../../src/queue/queues.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { ADMIN_URL } from '../helpers/db.ts';
import { seedArticle, useTestApp } from './alerts-fixtures.ts';

const ctx = useTestApp('alerts-inline');

/** Returns a pino logger writing JSON lines into `lines`. */
function captureLog(lines: string[]) {
  return pino({ level: 'info', base: undefined }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
}

/** Returns a client to a database that does not exist on the test server (every query fails). */
function absentDatabaseSql() {
  const url = new URL(ADMIN_URL);
  url.pathname = `/vigie_test_absente_${Math.random().toString(36).slice(2, 10)}`;
  return createSql(url.toString(), { max: 1, applicationName: 'vigie-test-absent' });
}

/** Fails instead of hanging when `promise` does not settle within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms); }),
  ]);
}

describe('matchOrEnqueue', () => {
  it('matches in the article stage, enqueues the instant delivery, and is idempotent', async () => {
    const sub = await insertSubscription(ctx.db.sql, validateSubscription({ name: 'Embargo ONU', query: 'embargo', channel: 'log' }), null);
    const hit = await seedArticle(ctx.db.sql, {
      title: 'Soudan : le Conseil de sécurité prolonge l’embargo sur les armes',
      text: 'Le Conseil de sécurité des Nations unies a reconduit pour un an l’embargo sur les armes visant le Darfour.',
      lang: 'fr',
    });
    const miss = await seedArticle(ctx.db.sql, {
      title: 'Côte d’Ivoire : la saison du cacao démarre sous la pluie',
      text: 'Les planteurs de San-Pédro attendent une récolte abondante malgré les intempéries.',
      lang: 'fr',
    });
    const lines: string[] = [];
    const deps = { sql: ctx.app.sql, queues: ctx.app.queues, config: ctx.app.config, log: captureLog(lines) };

    const outcome = await matchOrEnqueue(deps, [hit, miss]);
    expect(outcome).toEqual({ by: 'article stage', matched: 1, matchMs: expect.any(Number) });
    expect((outcome as Extract<InlineMatch, { by: 'article stage' }>).matchMs).toBeGreaterThanOrEqual(0);

    const pairs = await ctx.db.sql<{ subscriptionId: number; articleId: number; deliveryId: number | null }[]>`
      select subscription_id, article_id, delivery_id from alert_matches order by article_id`;
    expect(pairs).toEqual([{ subscriptionId: sub.id, articleId: hit, deliveryId: expect.any(Number) }]);
    // Both were looked at, so both are marked matched (recovery will not re-enqueue them).
    const marked = await ctx.db.sql<{ articleId: number }[]>`select article_id from alert_matched_articles order by article_id`;
    expect(marked.map((r) => r.articleId)).toEqual([hit, miss].sort((a, b) => a - b));

    const deliveries = await ctx.db.sql<{ id: number; idempotencyKey: string; kind: string }[]>`select id, idempotency_key, kind from alert_deliveries`;
    expect(deliveries).toEqual([{ id: pairs[0].deliveryId, idempotencyKey: `alert-${sub.id}-${hit}`, kind: 'instant' }]);
    expect((await ctx.app.queues.deliveries.getJob(deliveryJobId(deliveries[0].id)))?.data).toEqual({ deliveryId: deliveries[0].id });
    // No matching job went through the alerts queue.
    expect(await ctx.app.queues.alerts.getJob(alertsJobId(hit))).toBeUndefined();
    expect(await ctx.app.queues.alerts.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
    expect(lines).toEqual([]);

    // Again: nothing new recorded, still one delivery and one delivery job.
    expect(await matchOrEnqueue(deps, [hit, miss])).toEqual({ by: 'article stage', matched: 0, matchMs: expect.any(Number) });
    expect(await ctx.db.sql`select 1 from alert_deliveries`).toHaveLength(1);
    expect(await ctx.db.sql`select 1 from alert_matches`).toHaveLength(1);
    expect(await ctx.app.queues.deliveries.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect(await ctx.app.queues.alerts.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('hands the articles to the alerts queue when PostgreSQL fails', async () => {
    const id = await seedArticle(ctx.db.sql, {
      title: 'Tchad : un embargo sur les munitions à l’étude',
      text: 'N’Djamena dénonce un projet d’embargo porté par plusieurs pays européens.',
      lang: 'fr',
    });
    const broken = absentDatabaseSql();
    const lines: string[] = [];
    try {
      const outcome = await within(matchOrEnqueue({ sql: broken, queues: ctx.app.queues, config: ctx.app.config, log: captureLog(lines) }, [id]), 15_000);
      expect(outcome).toEqual({ by: 'alerts queue', code: expect.any(String) });
      const code = (outcome as { code: string }).code;
      expect(code.length).toBeGreaterThan(0);

      const job = await ctx.app.queues.alerts.getJob(alertsJobId(id));
      expect(job?.data).toEqual({ articleId: id });
      expect(job?.name).toBe('match');
      // Nothing was recorded by the failed attempt.
      expect(await ctx.db.sql`select 1 from alert_matched_articles where article_id = ${id}`).toHaveLength(0);

      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]);
      expect(line).toMatchObject({ level: 40, msg: 'alert matching failed; left to the alerts queue', articleIds: [id], code });
      expect(line.err).toMatch(/does not exist/);
    } finally {
      await broken.end({ timeout: 1 });
    }
  });

  it('leaves the articles to recovery when Redis fails too, without throwing or hanging', async () => {
    const id = await seedArticle(ctx.db.sql, {
      title: 'Burkina Faso : l’embargo régional contourné par le Ghana',
      text: 'Des cargaisons d’armes légères transiteraient par le port de Tema.',
      lang: 'fr',
    });
    const broken = absentDatabaseSql();
    // Nothing listens on port 1. Unlike createRedis (which retries forever and holds commands
    // until Redis comes back), this connection gives up at the first refusal, so the enqueue fails.
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => {});
    const queueErrors: Error[] = [];
    const queues = createQueues(redis, ctx.prefix, (err) => queueErrors.push(err));
    const lines: string[] = [];
    try {
      const outcome = await within(matchOrEnqueue({ sql: broken, queues, config: ctx.app.config, log: captureLog(lines) }, [id]), 15_000);
      expect(outcome).toEqual({ by: 'recovery', code: expect.any(String) });

      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]);
      expect(line).toMatchObject({ level: 50, msg: 'alert matching failed and could not be queued; left to recovery', articleIds: [id] });
      expect(line.err).toMatch(/ECONNREFUSED|Connection is closed/);
      // Nothing reached the real alerts queue, and the article is still unmatched for recovery.
      expect(await ctx.app.queues.alerts.getJob(alertsJobId(id))).toBeUndefined();
      expect(await ctx.db.sql`select 1 from alert_matched_articles where article_id = ${id}`).toHaveLength(0);
    } finally {
      redis.disconnect();
      await queues.close().catch(() => {});
      await broken.end({ timeout: 1 });
    }
  });
});
