// Queries on the `feeds` table: the registry (add, list, remove, enable) and the outcome of each poll.
import type { Sql } from '../db/client.ts';

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  country: string | null;
  pollIntervalS: number | null;
  adaptiveIntervalS: number | null;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: Date | null;
  lastHttpStatus: number | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  nextPollAt: Date | null;
  retryAfterUntil: Date | null;
  lastNewItems: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the CLI or an OPML outline says about a feed; undefined fields are left as they are. */
export interface FeedInput {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  language?: string | null;
  country?: string | null;
  pollIntervalS?: number | null;
}

export type UpsertResult = 'added' | 'updated' | 'unchanged';

/** Returns the feed with id `id`, or null. */
export async function getFeed(sql: Sql, id: number): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`select * from feeds where id = ${id}`;
  return row ?? null;
}

/** Returns the feed whose canonical URL is `url`, or null. */
export async function getFeedByUrl(sql: Sql, url: string): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`select * from feeds where url = ${url}`;
  return row ?? null;
}

/** Returns every feed (only the enabled ones when asked), by id. */
export async function listFeeds(sql: Sql, options: { enabledOnly?: boolean } = {}): Promise<FeedRow[]> {
  return sql<FeedRow[]>`
    select * from feeds
    ${options.enabledOnly ? sql`where enabled` : sql``}
    order by id`;
}

/**
 * Inserts the feed, or updates the attributes given in `input` that differ; returns the row and
 * whether it was added, updated or left unchanged (so that re-importing an OPML file changes nothing).
 */
export async function upsertFeed(sql: Sql, input: FeedInput): Promise<{ feed: FeedRow; result: UpsertResult }> {
  // Update first: an INSERT … ON CONFLICT would spend an identity value on every known feed.
  const given = (v: unknown) => v !== undefined;
  const [updated] = await sql<FeedRow[]>`
    update feeds set
      title = case when ${given(input.title)} then ${input.title ?? null} else title end,
      site_url = case when ${given(input.siteUrl)} then ${input.siteUrl ?? null} else site_url end,
      language = case when ${given(input.language)} then ${input.language ?? null} else language end,
      country = case when ${given(input.country)} then ${input.country ?? null} else country end,
      poll_interval_s = case when ${given(input.pollIntervalS)} then ${input.pollIntervalS ?? null}::integer else poll_interval_s end,
      updated_at = now()
    where url = ${input.url}
      and (title, site_url, language, country, poll_interval_s) is distinct from (
        case when ${given(input.title)} then ${input.title ?? null} else title end,
        case when ${given(input.siteUrl)} then ${input.siteUrl ?? null} else site_url end,
        case when ${given(input.language)} then ${input.language ?? null} else language end,
        case when ${given(input.country)} then ${input.country ?? null} else country end,
        case when ${given(input.pollIntervalS)} then ${input.pollIntervalS ?? null}::integer else poll_interval_s end)
    returning *`;
  if (updated) return { feed: updated, result: 'updated' };
  const existing = await getFeedByUrl(sql, input.url);
  if (existing) return { feed: existing, result: 'unchanged' };
  const { feed, added } = await addFeed(sql, input);
  // Lost a race with another writer: apply our attributes over theirs.
  return added ? { feed, result: 'added' } : upsertFeed(sql, input);
}

/** Inserts a feed when its URL is new; returns the row and whether it was added (an existing row is returned untouched). */
export async function addFeed(sql: Sql, input: FeedInput): Promise<{ feed: FeedRow; added: boolean }> {
  const [row] = await sql<FeedRow[]>`
    insert into feeds (url, title, site_url, language, country, poll_interval_s)
    values (${input.url}, ${input.title ?? null}, ${input.siteUrl ?? null}, ${input.language ?? null},
            ${input.country ?? null}, ${input.pollIntervalS ?? null})
    on conflict (url) do nothing
    returning *`;
  if (row) return { feed: row, added: true };
  const feed = await getFeedByUrl(sql, input.url);
  if (!feed) throw new Error(`store: feed ${input.url} vanished during insert`);
  return { feed, added: false };
}

/** Deletes the feed (its articles stay, their feed_id set to null); returns the deleted row or null. */
export async function removeFeed(sql: Sql, id: number): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`delete from feeds where id = ${id} returning *`;
  return row ?? null;
}

/** Enables or disables the feed; returns the updated row or null when it does not exist. */
export async function setFeedEnabled(sql: Sql, id: number, enabled: boolean): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`
    update feeds set enabled = ${enabled}, updated_at = now() where id = ${id} returning *`;
  return row ?? null;
}

export interface PollSuccess {
  polledAt: Date;
  httpStatus: number;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: Date;
  adaptiveIntervalS: number | null;
  newItems: number;
  /** From the feed document; only fill columns that are still empty. */
  title: string | null;
  siteUrl: string | null;
  language: string | null;
}

/** Records a 2xx poll: validators, learned interval, next poll; resets the failure count and error. */
export async function recordPollSuccess(sql: Sql, id: number, s: PollSuccess): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`
    update feeds set
      last_polled_at = ${s.polledAt}, last_success_at = ${s.polledAt}, last_http_status = ${s.httpStatus},
      etag = ${s.etag}, last_modified = ${s.lastModified}, next_poll_at = ${s.nextPollAt},
      adaptive_interval_s = coalesce(${s.adaptiveIntervalS}, adaptive_interval_s), last_new_items = ${s.newItems},
      consecutive_failures = 0, retry_after_until = null, last_error = null, last_error_code = null,
      title = coalesce(title, ${s.title}), site_url = coalesce(site_url, ${s.siteUrl}),
      language = coalesce(language, ${s.language}), updated_at = now()
    where id = ${id}
    returning *`;
  return row ?? null;
}

/** Records a 304 Not Modified poll: next poll set, failure count and error reset. */
export async function recordPollNotModified(sql: Sql, id: number, s: { polledAt: Date; nextPollAt: Date }): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`
    update feeds set
      last_polled_at = ${s.polledAt}, last_success_at = ${s.polledAt}, last_http_status = 304,
      next_poll_at = ${s.nextPollAt}, last_new_items = 0,
      consecutive_failures = 0, retry_after_until = null, last_error = null, last_error_code = null, updated_at = now()
    where id = ${id}
    returning *`;
  return row ?? null;
}

export interface PollFailure {
  polledAt: Date;
  httpStatus: number | null;
  error: string;
  errorCode: string;
  nextPollAt: Date;
  /** Set when the server sent Retry-After. */
  retryAfterUntil: Date | null;
}

/** Records a failed poll: one more consecutive failure, the error, and the backed-off next poll. */
export async function recordPollFailure(sql: Sql, id: number, f: PollFailure): Promise<FeedRow | null> {
  const [row] = await sql<FeedRow[]>`
    update feeds set
      last_polled_at = ${f.polledAt}, last_http_status = ${f.httpStatus},
      consecutive_failures = consecutive_failures + 1, next_poll_at = ${f.nextPollAt},
      retry_after_until = ${f.retryAfterUntil}, last_error = ${f.error}, last_error_code = ${f.errorCode},
      updated_at = now()
    where id = ${id}
    returning *`;
  return row ?? null;
}
