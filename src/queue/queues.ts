// Queue names, job payloads, job-id builders and the Redis connection. Payloads carry ids,
// never page bodies. Job ids come from the data: they never contain ':' and are never all digits.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Queue, type ConnectionOptions } from 'bullmq';

export const QUEUE_NAMES = {
  feeds: 'feeds',
  articles: 'articles',
  alerts: 'alerts',
  deliveries: 'deliveries',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Payload of a `feeds` job: poll this feed now. */
export interface PollFeedJob {
  feedId: number;
}

/** Payload of an `articles` job: fetch, extract, tag and store this article row. */
export interface ProcessArticleJob {
  articleId: number;
}

/** Payload of an `alerts` job: match this stored article against every active subscription. */
export interface MatchArticleJob {
  articleId: number;
}

/** Payload of a `deliveries` job: send delivery `deliveryId` ('deliver'), or gather the pending
 * matches of digest subscription `subscriptionId` into one delivery ('digest'). */
export type DeliveryJob = { deliveryId: number } | { subscriptionId: number };

/** Returns the deterministic job id of the alerts (matching) job of article `articleId`. */
export function alertsJobId(articleId: number): string {
  return `match-${articleId}`;
}

/** Returns the deterministic job id of the job that sends delivery `deliveryId`. */
export function deliveryJobId(deliveryId: number): string {
  return `delivery-${deliveryId}`;
}

/** Returns the id of the job scheduler that assembles the digests of subscription `subscriptionId`. */
export function digestSchedulerId(subscriptionId: number): string {
  return `digest-${subscriptionId}`;
}

/** Options of every `alerts` (matching) job: matching is idempotent, so retries are safe. */
export const ALERTS_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Returns the options of a `deliveries` job: `attempts` tries with exponential back-off from `backoffMs`. */
export function deliveryJobOptions(attempts: number, backoffMs: number) {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  } as const;
}

/** Returns the id of the job scheduler that polls feed `feedId`. */
export function feedSchedulerId(feedId: number): string {
  return `feed-${feedId}`;
}

/** Returns the id of a one-off poll of feed `feedId` (`vigie ingest --once`), unique per run. */
export function feedPollJobId(feedId: number, runId: string): string {
  return `poll-${feedId}-${runId}`;
}

/** Returns the deterministic job id of the article whose canonical URL is `canonicalUrl`. */
export function articleJobId(canonicalUrl: string): string {
  return 'article-' + createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}

/** Options of every `articles` job: retried with exponential back-off; kept a while so that a
 * duplicate enqueue with the same deterministic id is a no-op. */
export const ARTICLE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Options of every `feeds` poll job: a failed poll is rescheduled by our own back-off, not retried by BullMQ,
 * except for infrastructure errors (PostgreSQL/Redis down), retried a few times. */
export const FEED_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Enqueues one poll of each feed, outside the feeds' job schedulers, under ids unique to `runId`; resolves with the jobs. */
export function enqueuePolls(queue: Queue<PollFeedJob>, feedIds: number[], runId: string) {
  return queue.addBulk(feedIds.map((feedId) => ({ name: 'poll', data: { feedId }, opts: { ...FEED_JOB_OPTIONS, jobId: feedPollJobId(feedId, runId) } })));
}

/** Returns a Redis connection suitable for BullMQ workers (no per-command retry limit). */
export function createRedis(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * Retries the job `jobId` of `queue` when it failed for good, and returns whether it did. A
 * failed job keeps its id, so enqueueing the same deterministic id again is a no-op: recovery
 * must retry it instead.
 */
export async function retryIfFailed(queue: Queue, jobId: string): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job || !(await job.isFailed())) return false;
  await job.retry('failed');
  return true;
}

export interface Queues {
  feeds: Queue<PollFeedJob>;
  articles: Queue<ProcessArticleJob>;
  alerts: Queue<MatchArticleJob>;
  deliveries: Queue<DeliveryJob>;
  close(): Promise<void>;
}

/** Returns producer handles on every queue, sharing one connection and `prefix`; connection errors go to `onError`
 * (BullMQ would print each reconnection attempt otherwise). */
export function createQueues(
  connection: ConnectionOptions,
  prefix: string,
  onError: (err: Error) => void = () => {},
): Queues {
  const feeds = new Queue<PollFeedJob>(QUEUE_NAMES.feeds, { connection, prefix });
  const articles = new Queue<ProcessArticleJob>(QUEUE_NAMES.articles, { connection, prefix });
  const alerts = new Queue<MatchArticleJob>(QUEUE_NAMES.alerts, { connection, prefix });
  const deliveries = new Queue<DeliveryJob>(QUEUE_NAMES.deliveries, { connection, prefix });
  for (const q of [feeds, articles, alerts, deliveries]) q.on('error', onError);
  return {
    feeds,
    articles,
    alerts,
    deliveries,
    async close() {
      await Promise.all([feeds.close(), articles.close(), alerts.close(), deliveries.close()]);
    },
  };
}
