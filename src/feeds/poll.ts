// The feed stage: load the feed row, fetch (conditional GET), parse, normalize, store new
// articles once, enqueue the pending ones, record the outcome and move the feed's schedule.
// Feed-level failures are recorded on the feed and returned as a 'failed' outcome (our own
// back-off reschedules the feed); database and Redis errors propagate.
import type { Config } from '../config.ts';
import type { Sql } from '../db/client.ts';
import { describeError, errorCode, FetchError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/types.ts';
import type { Logger } from '../log.ts';
import { ARTICLE_JOB_OPTIONS, articleJobId, feedSchedulerId, type Queues } from '../queue/queues.ts';
import { insertDiscoveredArticles } from '../store/articles.ts';
import { getFeed, recordPollFailure, recordPollNotModified, recordPollSuccess, type FeedRow } from '../store/feeds.ts';
import { normalizeItems } from './normalize.ts';
import { parseFeed } from './parse.ts';
import { adaptiveIntervalS, nextPollAt, retryAfterUntil } from './schedule.ts';
import { removeSchedule, rescheduleFeed } from './scheduler.ts';
import type { NormalizeResult, ParsedFeed } from './types.ts';

export interface PollDeps {
  sql: Sql;
  queues: Pick<Queues, 'feeds' | 'articles'>;
  fetcher: Fetcher;
  config: Pick<Config, 'pollMinIntervalS' | 'pollMaxIntervalS' | 'pollDefaultIntervalS' | 'maxFeedItems'>;
  log?: Logger;
  now?: () => Date;
}

export interface PollOutcome {
  feedId: number;
  url: string | null;
  outcome: 'ok' | 'not_modified' | 'failed' | 'skipped';
  /** Why a poll was skipped: the feed is gone, disabled, or asked us to wait (Retry-After). */
  reason?: 'missing' | 'disabled' | 'retry_after';
  httpStatus: number | null;
  /** Items kept after normalization, articles first seen now, jobs (re)enqueued, items left out. */
  items: number;
  newArticles: number;
  enqueued: number;
  skippedItems: number;
  nextPollAt: Date | null;
  errorCode: string | null;
  error: string | null;
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

function outcome(feedId: number, feed: FeedRow | null, fields: Partial<PollOutcome> & Pick<PollOutcome, 'outcome'>): PollOutcome {
  return {
    feedId, url: feed?.url ?? null, httpStatus: null, items: 0, newArticles: 0, enqueued: 0, skippedItems: 0,
    nextPollAt: null, errorCode: null, error: null, ...fields,
  };
}

function feedLanguage(raw: string | null): string | null {
  const m = raw ? /^([a-z]{2,3})\b/i.exec(raw.trim()) : null;
  return m ? m[1].toLowerCase() : null;
}

function httpUrl(raw: string | null, base: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Polls feed `feedId` once and returns what happened; throws only for database or Redis errors. */
export async function pollFeed(deps: PollDeps, feedId: number): Promise<PollOutcome> {
  const now = deps.now?.() ?? new Date();
  const feed = await getFeed(deps.sql, feedId);
  if (!feed || !feed.enabled) {
    // A scheduler left behind by a removed or disabled feed stops here.
    await removeSchedule(deps.queues.feeds, feedSchedulerId(feedId));
    return outcome(feedId, feed, { outcome: 'skipped', reason: feed ? 'disabled' : 'missing' });
  }
  if (feed.retryAfterUntil && now < feed.retryAfterUntil) {
    await rescheduleFeed({ ...deps, now: () => now }, feed);
    return outcome(feedId, feed, { outcome: 'skipped', reason: 'retry_after', nextPollAt: feed.retryAfterUntil });
  }

  let response: FetchResult | null = null;
  let parsed: ParsedFeed | null = null;
  let normalized: NormalizeResult | null = null;
  try {
    response = await deps.fetcher.fetch({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified, headers: { Accept: ACCEPT } });
    if (!response.notModified) {
      parsed = await parseFeed(response.text, response.url);
      normalized = normalizeItems(parsed, response.url, { discoveredAt: now, maxItems: deps.config.maxFeedItems });
    }
  } catch (err) {
    // Nothing above touches PostgreSQL or Redis: whatever failed is this feed's problem.
    return recordFailure(deps, feed, err, now, response?.status ?? null);
  }

  if (!response || !parsed || !normalized) {
    const next = nextPollAt(feed, { kind: 'not_modified' }, now, deps.config);
    const row = await recordPollNotModified(deps.sql, feed.id, { polledAt: now, nextPollAt: next });
    if (row) await rescheduleFeed({ ...deps, now: () => now }, row);
    return outcome(feedId, feed, { outcome: 'not_modified', httpStatus: 304, nextPollAt: next });
  }

  const articles = await insertDiscoveredArticles(deps.sql, feed.id, normalized.items, now);
  const pending = articles.filter((a) => a.status === 'pending');
  if (pending.length > 0) {
    // Deterministic job ids: an article whose job is still in Redis is not enqueued twice, and
    // one stored before a crash that prevented its enqueue is healed here at the next poll.
    await deps.queues.articles.addBulk(
      pending.map((a) => ({ name: 'article', data: { articleId: a.id }, opts: { ...ARTICLE_JOB_OPTIONS, jobId: articleJobId(a.canonicalUrl) } })),
    );
  }
  const learned = adaptiveIntervalS(normalized.items.map((i) => i.publishedAt), now, deps.config);
  const next = nextPollAt(feed, { kind: 'success', adaptiveIntervalS: learned }, now, deps.config);
  const newArticles = articles.filter((a) => a.isNew).length;
  const row = await recordPollSuccess(deps.sql, feed.id, {
    polledAt: now,
    httpStatus: response.status,
    etag: response.etag,
    lastModified: response.lastModified,
    nextPollAt: next,
    adaptiveIntervalS: learned,
    newItems: newArticles,
    title: parsed.title,
    siteUrl: httpUrl(parsed.siteUrl, response.url),
    language: feedLanguage(parsed.language),
  });
  if (row) await rescheduleFeed({ ...deps, now: () => now }, row);
  if (normalized.skipped.length > 0) {
    deps.log?.debug({ feedId, skipped: normalized.skipped.slice(0, 20) }, 'feed items skipped');
  }
  return outcome(feedId, feed, {
    outcome: 'ok',
    httpStatus: response.status,
    items: normalized.items.length,
    newArticles,
    enqueued: pending.length,
    skippedItems: normalized.skipped.length,
    nextPollAt: next,
  });
}

async function recordFailure(deps: PollDeps, feed: FeedRow, err: unknown, now: Date, fetchedStatus: number | null): Promise<PollOutcome> {
  const fetchError = err instanceof FetchError ? err : null;
  const httpStatus = fetchError?.status ?? fetchedStatus;
  const retryAfterMs = fetchError?.retryAfterMs ?? null;
  const next = nextPollAt(feed, { kind: 'failure', retryAfterMs }, now, deps.config);
  const error = describeError(err);
  const code = errorCode(err);
  const row = await recordPollFailure(deps.sql, feed.id, {
    polledAt: now,
    httpStatus,
    error: error.includes(feed.url) ? error : `${error} (feed ${feed.url})`,
    errorCode: code,
    nextPollAt: next,
    retryAfterUntil: retryAfterUntil(now, retryAfterMs),
  });
  if (row) await rescheduleFeed({ ...deps, now: () => now }, row);
  return outcome(feed.id, feed, { outcome: 'failed', httpStatus, nextPollAt: next, errorCode: code, error });
}
