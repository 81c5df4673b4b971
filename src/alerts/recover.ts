// What the scheduler heals periodically so that a crash loses no alert: stored articles never
// matched (a crash between storing and enqueueing, or a wiped Redis) go back on the alerts
// queue, and deliveries still pending go back on the deliveries queue. Job ids are
// deterministic, so work that is still queued is not enqueued twice.
import type { Sql } from '../db/client.ts';
import { ALERTS_JOB_OPTIONS, alertsJobId, deliveryJobId, retryIfFailed, type Queues } from '../queue/queues.ts';
import { listPendingDeliveries } from '../store/alert-deliveries.ts';
import { listUnmatchedArticles } from '../store/alert-matches.ts';
import { enqueueDeliveries } from './match.ts';

export interface AlertsRecoverDeps {
  sql: Sql;
  queues: Pick<Queues, 'alerts' | 'deliveries'>;
  config: { alertMaxAttempts: number; alertBackoffMs: number };
}

/** Enqueues a matching job for one stored article (deterministic id: a duplicate is a no-op). */
export async function enqueueArticleMatch(queues: Pick<Queues, 'alerts'>, articleId: number): Promise<void> {
  await enqueueArticleMatches(queues, [articleId]);
}

/** Enqueues a matching job for each stored article (deterministic ids: duplicates are no-ops). */
export async function enqueueArticleMatches(queues: Pick<Queues, 'alerts'>, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await queues.alerts.addBulk(articleIds.map((articleId) => ({ name: 'match', data: { articleId }, opts: { ...ALERTS_JOB_OPTIONS, jobId: alertsJobId(articleId) } })));
}

/** Re-enqueues unmatched stored articles and pending deliveries older than `graceMs`; returns how many of each. */
export async function recoverAlerts(
  deps: AlertsRecoverDeps,
  options: { graceMs?: number; limit?: number } = {},
): Promise<{ unmatched: number; pendingDeliveries: number }> {
  const graceMs = options.graceMs ?? 60_000;
  const limit = options.limit ?? 10_000;
  const unmatched = await listUnmatchedArticles(deps.sql, graceMs, limit);
  if (unmatched.length > 0) {
    await enqueueArticleMatches(deps.queues, unmatched);
    // A job that failed for good is kept (and its id with it): retry it instead.
    for (const articleId of unmatched) await retryIfFailed(deps.queues.alerts, alertsJobId(articleId));
  }
  const pending = await listPendingDeliveries(deps.sql, graceMs, limit);
  await enqueueDeliveries(deps, pending);
  // A delivery still pending in PostgreSQL whose job failed for good never reached a final
  // state (its last try could not record one: PostgreSQL was down, or the worker was killed
  // twice and BullMQ gave up on the stalled job). Its id is kept with the failed job, so the
  // enqueue above is a no-op: retry it instead.
  for (const deliveryId of pending) await retryIfFailed(deps.queues.deliveries, deliveryJobId(deliveryId));
  return { unmatched: unmatched.length, pendingDeliveries: pending.length };
}
