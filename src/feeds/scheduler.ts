// One BullMQ job scheduler per enabled feed, rebuilt from PostgreSQL (the source of truth):
// after a Redis wipe nothing is missing, after a restart nothing is doubled (schedulers are
// keyed by feed id), and a disabled or removed feed loses its scheduler.
//
// BullMQ 6 semantics this relies on (node_modules/bullmq/dist/esm/commands/addJobScheduler-11.lua):
// upserting an `every` scheduler whose `every` is unchanged keeps its next run and ignores
// `startDate`, so moving the next run means removing the scheduler and adding it again;
// a new scheduler runs first at max(startDate, now), then every `every` ms.
import type { Logger } from '../log.ts';
import type { Sql } from '../db/client.ts';
import { FEED_JOB_OPTIONS, feedSchedulerId, type Queues } from '../queue/queues.ts';
import { listFeeds, type FeedRow } from '../store/feeds.ts';
import { currentIntervalS, type ScheduleLimits } from './schedule.ts';

export interface SchedulerDeps {
  sql: Sql;
  queues: Pick<Queues, 'feeds'>;
  config: ScheduleLimits;
  log?: Logger;
  now?: () => Date;
}

export type RescheduleResult = 'created' | 'updated' | 'unchanged' | 'removed';

export interface FeedTiming {
  everyMs: number;
  startAt: Date;
}

/** Returns when a feed's scheduler should fire next and how often after that, from its row. */
export function feedTiming(feed: FeedRow, limits: ScheduleLimits, now: Date): FeedTiming {
  const everyMs = currentIntervalS(feed, limits) * 1000;
  const startMs = Math.max(now.getTime(), feed.nextPollAt?.getTime() ?? 0, feed.retryAfterUntil?.getTime() ?? 0);
  return { everyMs, startAt: new Date(startMs) };
}

// A scheduler whose next run is this close to the wanted one is left alone: the poll itself
// takes a few seconds, and BullMQ computes the next run from when the job was due.
function toleranceMs(everyMs: number): number {
  return Math.max(60_000, everyMs * 0.05);
}

/** Removes the job scheduler `id` and its next run, delayed or already due; returns true when there was one. */
export async function removeSchedule(queue: Queues['feeds'], id: string): Promise<boolean> {
  const existing = await queue.getJobScheduler(id);
  if (!existing) return false;
  await queue.removeJobScheduler(id);
  // removeJobScheduler only drops a *delayed* next run; one already due waits in the queue and
  // would poll once more, so it goes too (an active one is left to finish).
  const next = existing.next === undefined ? undefined : await queue.getJob(`repeat:${id}:${existing.next}`);
  if (next && ['waiting', 'delayed', 'prioritized'].includes(await next.getState())) await next.remove().catch(() => {});
  return true;
}

/** Creates, moves or removes the job scheduler of `feed` so that it matches the row; returns what it did. */
export async function rescheduleFeed(deps: SchedulerDeps, feed: FeedRow): Promise<RescheduleResult> {
  const id = feedSchedulerId(feed.id);
  const queue = deps.queues.feeds;
  if (!feed.enabled) return (await removeSchedule(queue, id)) ? 'removed' : 'unchanged';
  const wanted = feedTiming(feed, deps.config, deps.now?.() ?? new Date());
  const existing = await queue.getJobScheduler(id);
  if (
    existing &&
    existing.every === wanted.everyMs &&
    existing.next !== undefined &&
    Math.abs(existing.next - wanted.startAt.getTime()) <= toleranceMs(wanted.everyMs)
  ) {
    return 'unchanged';
  }
  if (existing) await removeSchedule(queue, id);
  await queue.upsertJobScheduler(
    id,
    { every: wanted.everyMs, startDate: wanted.startAt },
    { name: 'poll', data: { feedId: feed.id }, opts: FEED_JOB_OPTIONS },
  );
  deps.log?.debug({ feedId: feed.id, everyMs: wanted.everyMs, startAt: wanted.startAt }, existing ? 'feed schedule moved' : 'feed schedule created');
  return existing ? 'updated' : 'created';
}

export interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** Makes the feeds queue's job schedulers match the enabled feeds in PostgreSQL; idempotent. */
export async function syncFeedSchedules(deps: SchedulerDeps): Promise<SyncResult> {
  const result: SyncResult = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const feeds = await listFeeds(deps.sql);
  const wanted = new Set<string>();
  for (const feed of feeds.filter((f) => f.enabled)) {
    wanted.add(feedSchedulerId(feed.id));
    result[await rescheduleFeed(deps, feed)]++;
  }
  const schedulers = await deps.queues.feeds.getJobSchedulers(0, -1);
  for (const s of schedulers) {
    const id = s.id ?? s.key;
    if (/^feed-\d+$/.test(id) && !wanted.has(id) && (await removeSchedule(deps.queues.feeds, id))) result.removed++;
  }
  deps.log?.info({ ...result }, 'feed schedules synchronized');
  return result;
}
