// The alerts stage: match newly stored articles against every active subscription (one SQL
// statement per batch, see src/store/alert-matches.ts), record each pair once, enqueue the
// instant deliveries and mark the articles matched in one statement, then enqueue the
// deliveries with deterministic job ids. Every step is idempotent, so a retried or duplicated
// job sends nothing twice; deliveries whose enqueue was lost are re-enqueued by the scheduler.
import type { Sql } from '../db/client.ts';
import { deliveryJobId, deliveryJobOptions, type Queues } from '../queue/queues.ts';
import { recordMatches } from '../store/alert-matches.ts';

export interface AlertsStageDeps {
  sql: Sql;
  queues: Pick<Queues, 'deliveries'>;
  config: { alertMaxAttempts: number; alertBackoffMs: number };
}

export interface MatchOutcome {
  status: 'matched';
  articles: number;
  /** Pairs recorded by this run. */
  matched: number;
  /** Instant deliveries enqueued (new ones and any left by an interrupted run). */
  enqueued: number;
}

/** Enqueues `deliveryIds` on the deliveries queue with deterministic job ids (a duplicate is a no-op). */
export async function enqueueDeliveries(deps: Omit<AlertsStageDeps, 'sql'>, deliveryIds: number[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const opts = deliveryJobOptions(deps.config.alertMaxAttempts, deps.config.alertBackoffMs);
  await deps.queues.deliveries.addBulk(
    deliveryIds.map((deliveryId) => ({ name: 'deliver', data: { deliveryId }, opts: { ...opts, jobId: deliveryJobId(deliveryId) } })),
  );
}

/** Matches stored articles `articleIds` against the active subscriptions; resolves with counts, throws on database or Redis errors. */
export async function matchStoredArticles(deps: AlertsStageDeps, articleIds: number[]): Promise<MatchOutcome> {
  const result = await recordMatches(deps.sql, articleIds);
  await enqueueDeliveries(deps, result.pendingDeliveryIds);
  return { status: 'matched', articles: articleIds.length, matched: result.matched, enqueued: result.pendingDeliveryIds.length };
}
