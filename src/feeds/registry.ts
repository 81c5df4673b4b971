// The feeds registry as the CLI uses it: validated input, idempotent imports, and finding a
// feed by URL or id.
import type { Sql } from '../db/client.ts';
import { VigieError } from '../errors.ts';
import { canonicalUrl } from '../fetch/canonical-url.ts';
import { getFeed, getFeedByUrl, upsertFeed, type FeedInput, type FeedRow } from '../store/feeds.ts';
import type { OpmlFeed } from './opml.ts';

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Outlines that could not be imported, with the reason. */
  invalid: { url: string; reason: string }[];
  feeds: FeedRow[];
}

const LANGUAGE = /^[a-z]{2,3}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** Returns the feed input for the registry with a canonical URL and checked codes; throws VigieError 'usage' on a bad value. */
export function validateFeedInput(input: FeedInput): FeedInput {
  let url: string;
  try {
    url = canonicalUrl(input.url);
  } catch (err) {
    throw new VigieError(`feeds: not an http(s) feed URL: ${input.url}`, { code: 'usage', permanent: true, cause: err });
  }
  const language = input.language?.trim().toLowerCase();
  if (language && !LANGUAGE.test(language)) {
    throw new VigieError(`feeds: language must be an ISO 639-1 code such as 'fr'; got '${input.language}' for ${url}`, { code: 'usage', permanent: true });
  }
  const country = input.country?.trim().toUpperCase();
  if (country && !COUNTRY.test(country)) {
    throw new VigieError(`feeds: country must be an ISO 3166-1 alpha-2 code such as 'ML'; got '${input.country}' for ${url}`, { code: 'usage', permanent: true });
  }
  return {
    ...input,
    url,
    ...(input.language !== undefined ? { language: language || null } : {}),
    ...(input.country !== undefined ? { country: country || null } : {}),
  };
}

/** Adds or updates every OPML feed; re-importing the same list changes nothing. Returns the counts. */
export async function importFeeds(sql: Sql, entries: OpmlFeed[]): Promise<ImportResult> {
  const result: ImportResult = { added: 0, updated: 0, unchanged: 0, invalid: [], feeds: [] };
  for (const e of entries) {
    let input: FeedInput;
    try {
      input = validateFeedInput({
        url: e.url,
        // Absent attributes leave what the registry knows (e.g. the title read from the feed).
        ...(e.title ? { title: e.title } : {}),
        ...(e.htmlUrl ? { siteUrl: e.htmlUrl } : {}),
        ...(e.language ? { language: e.language } : {}),
        ...(e.country ? { country: e.country } : {}),
        ...(e.pollIntervalS ? { pollIntervalS: e.pollIntervalS } : {}),
      });
    } catch (err) {
      result.invalid.push({ url: e.url, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const { feed, result: what } = await upsertFeed(sql, input);
    result[what]++;
    result.feeds.push(feed);
  }
  return result;
}

/** Returns the feed named by `ref` (a numeric id or a URL, canonicalized), or null. */
export async function findFeed(sql: Sql, ref: string): Promise<FeedRow | null> {
  if (/^\d+$/.test(ref.trim())) return getFeed(sql, Number(ref));
  try {
    return await getFeedByUrl(sql, canonicalUrl(ref));
  } catch (err) {
    if (err instanceof VigieError && err.code === 'bad_url') return null;
    throw err;
  }
}

/** Returns the number of seconds in a duration such as '900', '900s', '30m', '2h' or '1d'; throws VigieError 'usage' otherwise. */
export function parseDurationS(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?\s*$/i.exec(raw);
  const unit = { s: 1, m: 60, min: 60, h: 3600, d: 86_400 }[(m?.[2] ?? 's').toLowerCase() as 's'];
  const seconds = m ? Math.round(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new VigieError(`feeds: interval must be a duration such as 900s, 30m or 2h; got '${raw}'`, { code: 'usage', permanent: true });
  }
  return seconds;
}

/** Returns a duration in seconds written the short way: 45s, 30m, 2h, 1d, 1h30m. */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h${Math.round((seconds % 3600) / 60)}m`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return seconds >= 60 ? `${Math.round(seconds / 60)}m` : `${seconds}s`;
}
