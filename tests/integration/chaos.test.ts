// `npm run chaos` at a small size: a corpus published while a worker is SIGKILLed, PostgreSQL
// crashes and restarts, Redis restarts empty and the network to the news server is cut. Every
// article must end up stored exactly once and every alert delivered, never twice under two
// different idempotency keys. Runs on the harness's own PostgreSQL cluster and Redis
// (scripts/chaos-services.ts), never on the machine's.
import { UnrecoverableError, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../scripts/chaos-run.ts';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { recoverAlerts } from '../../src/alerts/recover.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import { QUEUE_NAMES, deliveryJobId } from '../../src/queue/queues.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { seedArticle, useTestApp } from './alerts-fixtures.ts';

describe('chaos: faults during an ingest', () => {
  it('stores every article once and alerts once per key after a kill, a PostgreSQL crash, a Redis wipe and a network cut', async () => {
    const report = await runChaos({
      feeds: 3,
      items: 4,
      seed: 7,
      cycles: 1,
      publishMs: 16_000,
      networkCutMs: 4_000,
      serviceDownMs: 2_000,
      recoveryTimeoutMs: 60_000,
      extractThreads: 1,
    });
    const summary = JSON.stringify({ ...report, faults: report.faults.map((f) => f.detail) }, null, 1);

    expect(report.faults.map((f) => f.kind), summary).toEqual(['kill', 'postgres', 'redis', 'network']);
    // The Redis restart really lost queue state (the harness counts the keys it killed).
    expect(report.faults[2].detail, summary).not.toMatch(/with 0 keys/);
    expect(report.expected).toBe(12);
    expect(report.stored, summary).toBe(12);
    expect(report.missing, summary).toBe(0);
    expect(report.storedTwice, summary).toBe(0);
    // Alerts were exercised and all arrived, each (subscription, article) under one key.
    expect(report.alertsExpected, summary).toBeGreaterThan(0);
    expect(report.alertsMissing, summary).toBe(0);
    expect(report.alertsDelivered, summary).toBe(report.alertsExpected);
    expect(report.alertsTwiceWithoutSameKey, summary).toBe(0);
    expect(report.invalidSignatures, summary).toBe(0);
    expect(report.subscriptionsPaused, summary).toBe(0);
    expect(report.ok, summary).toBe(true);
  }, 180_000);
});

// Found by the chaos run's reasoning: a delivery whose last try could not record its outcome
// (PostgreSQL down, or its worker killed twice so that BullMQ failed the stalled job) stayed
// 'pending' for ever, because re-enqueueing an id that a failed job still holds is a no-op.
describe('a delivery whose job failed for good while still pending', () => {
  const ctx = useTestApp('chaos-recover');

  it('is retried by the scheduler’s recovery', async () => {
    await insertSubscription(ctx.db.sql, validateSubscription({ name: 'Embargo', query: 'embargo', channel: 'log' }), null);
    const articleId = await seedArticle(ctx.db.sql, { title: 'L’embargo sur les armes prolongé', text: 'Le Conseil de sécurité prolonge l’embargo.', lang: 'fr' });
    const deps = { sql: ctx.app.sql, queues: ctx.app.queues, config: ctx.app.config };
    await matchStoredArticles(deps, [articleId]);
    const [delivery] = await ctx.db.sql<{ id: number }[]>`select id from alert_deliveries where status = 'pending'`;

    // Its only try dies before reaching PostgreSQL: the job fails for good, the row stays pending.
    const failing = new Worker(QUEUE_NAMES.deliveries, async () => {
      throw new UnrecoverableError('connect ECONNREFUSED 127.0.0.1:5432');
    }, { connection: ctx.app.redis, prefix: ctx.prefix });
    await new Promise((resolve) => failing.once('failed', resolve));
    await failing.close();
    const job = await ctx.app.queues.deliveries.getJob(deliveryJobId(delivery.id));
    expect(await job!.getState()).toBe('failed');

    expect(await recoverAlerts(deps, { graceMs: 0 })).toEqual({ unmatched: 0, pendingDeliveries: 1 });
    expect(await (await ctx.app.queues.deliveries.getJob(deliveryJobId(delivery.id)))!.getState()).toBe('waiting');
  });
});
