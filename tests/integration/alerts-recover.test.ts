// What the scheduler heals: a stored article whose matching job was never enqueued (a crash
// between storing and enqueueing) and a delivery whose job was lost are enqueued again, with
// deterministic ids, and the log channel writes its one structured line.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { deliverMessage } from '../../src/alerts/deliver.ts';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { recoverAlerts } from '../../src/alerts/recover.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import { alertsJobId, deliveryJobId } from '../../src/queue/queues.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { clearPrefix, seedArticle, useTestApp } from './alerts-fixtures.ts';

const ctx = useTestApp('alerts-recover');

describe('alerts recovery', () => {
  it('re-enqueues unmatched articles and lost deliveries, then sends on the log channel', async () => {
    const sub = await insertSubscription(ctx.db.sql, validateSubscription({ name: 'Embargo', query: 'embargo', channel: 'log' }), null);
    const id = await seedArticle(ctx.db.sql, { title: 'L’embargo sur les armes levé', text: 'Le Conseil de sécurité lève l’embargo.', lang: 'fr' });
    const old = await seedArticle(ctx.db.sql, { title: 'Un embargo de 2019', text: 'Archives.', lang: 'fr' });
    await ctx.db.sql`update articles set stored_at = now() - interval '10 days' where id = ${old}`;
    const deps = { sql: ctx.app.sql, queues: ctx.app.queues, config: ctx.app.config };

    // Stored, never enqueued: recovered (not the one stored 10 days ago, outside the window).
    expect(await recoverAlerts(deps, { graceMs: 0 })).toEqual({ unmatched: 1, pendingDeliveries: 0 });
    expect((await ctx.app.queues.alerts.getJob(alertsJobId(id)))?.data).toEqual({ articleId: id });
    expect(await ctx.app.queues.alerts.getJob(alertsJobId(old))).toBeUndefined();
    // Twice: still one job.
    await recoverAlerts(deps, { graceMs: 0 });
    expect(await ctx.app.queues.alerts.getJobCounts('waiting')).toEqual({ waiting: 1 });

    // Matched (the delivery enqueued), then the deliveries queue is lost (Redis wiped).
    const outcome = await matchStoredArticles(deps, [id]);
    expect(outcome).toEqual({ status: 'matched', articles: 1, matched: 1, enqueued: 1 });
    const [delivery] = await ctx.db.sql<{ id: number; idempotencyKey: string }[]>`select id, idempotency_key from alert_deliveries`;
    expect(delivery.idempotencyKey).toBe(`alert-${sub.id}-${id}`);
    await clearPrefix(ctx.app, ctx.prefix);
    expect(await recoverAlerts(deps, { graceMs: 0 })).toEqual({ unmatched: 0, pendingDeliveries: 1 });
    expect((await ctx.app.queues.deliveries.getJob(deliveryJobId(delivery.id)))?.data).toEqual({ deliveryId: delivery.id });

    // The log channel: one structured line.
    const lines: string[] = [];
    const log = pino({ level: 'info', base: undefined }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const sent = await deliverMessage(
      { sql: ctx.app.sql, fetcher: ctx.app.fetcher, log, mailer: () => { throw new Error('no mail'); }, config: ctx.app.config },
      { deliveryId: delivery.id, attempt: 1, maxAttempts: 3 },
    );
    expect(sent).toEqual({ status: 'sent', deliveryId: delivery.id, subscriptionId: sub.id, channel: 'log', articles: 1 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ msg: 'alert', channel: 'log', kind: 'instant', subscriptionId: sub.id, subscription: 'Embargo', idempotencyKey: delivery.idempotencyKey });
    expect(line.articles).toEqual([{ id, title: 'L’embargo sur les armes levé', url: expect.stringMatching(/^https:\/\/exemple\.ml\//), topics: [] }]);
    // Sent once: a second run of the same job sends nothing.
    expect(await deliverMessage({ sql: ctx.app.sql, fetcher: ctx.app.fetcher, log, mailer: () => { throw new Error('no mail'); }, config: ctx.app.config },
      { deliveryId: delivery.id, attempt: 2, maxAttempts: 3 })).toEqual({ status: 'skipped', deliveryId: delivery.id, reason: 'already_sent' });
    expect(lines).toHaveLength(1);
  });
});
