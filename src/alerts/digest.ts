// Digests: a BullMQ job scheduler per digest subscription (hourly, or daily at HH:MM in the
// subscriber's time zone) fires a 'digest' job, which gathers every match waiting for that
// subscription into one delivery and enqueues it. Schedulers are rebuilt from PostgreSQL, the
// source of truth, by the scheduler process (idempotent, like the feeds' schedulers).
import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/client.ts';
import { deliveryJobOptions, digestSchedulerId, type Queues } from '../queue/queues.ts';
import { createDigestDelivery } from '../store/alert-deliveries.ts';
import { listDigestSubscriptions, scheduleOf } from '../store/alert-subscriptions.ts';
import { enqueueDeliveries } from './match.ts';
import { digestRepeat } from './schedule.ts';

export interface DigestDeps {
  sql: Sql;
  queues: Pick<Queues, 'deliveries'>;
  config: { alertMaxAttempts: number; alertBackoffMs: number };
}

export type DigestOutcome = { status: 'digest'; subscriptionId: number; deliveryId: number } | { status: 'empty'; subscriptionId: number };

/** Gathers the waiting matches of `subscriptionId` into one delivery and enqueues it; resolves 'empty' when nothing waits. */
export async function assembleDigest(deps: DigestDeps, subscriptionId: number): Promise<DigestOutcome> {
  const key = `digest-${subscriptionId}-${randomBytes(8).toString('hex')}`;
  const deliveryId = await createDigestDelivery(deps.sql, subscriptionId, key);
  if (deliveryId === null) return { status: 'empty', subscriptionId };
  await enqueueDeliveries(deps, [deliveryId]);
  return { status: 'digest', subscriptionId, deliveryId };
}

export interface DigestSyncResult {
  schedulers: number;
  removed: number;
}

/** Upserts one job scheduler per active digest subscription and removes the others; returns counts. */
export async function syncDigestSchedules(deps: DigestDeps): Promise<DigestSyncResult> {
  const queue = deps.queues.deliveries;
  const subs = await listDigestSubscriptions(deps.sql);
  const wanted = new Set<string>();
  const opts = deliveryJobOptions(deps.config.alertMaxAttempts, deps.config.alertBackoffMs);
  for (const sub of subs) {
    const repeat = digestRepeat(scheduleOf(sub));
    if (!repeat) continue;
    const id = digestSchedulerId(sub.id);
    wanted.add(id);
    const existing = await queue.getJobScheduler(id);
    if (existing && existing.pattern === repeat.pattern && (existing.tz ?? undefined) === repeat.tz) continue;
    await queue.upsertJobScheduler(id, repeat, { name: 'digest', data: { subscriptionId: sub.id }, opts });
  }
  let removed = 0;
  for (const s of await queue.getJobSchedulers(0, -1)) {
    const id = s.id ?? s.key;
    if (id.startsWith('digest-') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed++;
    }
  }
  return { schedulers: wanted.size, removed };
}
