// Pure parsing of `vigie search` options (lists, dates) into SearchFilters values.
import { QueryError } from './query.ts';

const DAY_MS = 86_400_000;

/** Returns the values of a repeatable, comma-separated option ('ML,NE' 'BF' → ['ML','NE','BF']), trimmed, without empties. */
export function parseListOption(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Returns feed ids from a list option; throws QueryError on anything that is not a positive integer. */
export function parseFeedIds(values: string[] | undefined): number[] {
  return parseListOption(values).map((v) => {
    if (!/^\d+$/.test(v) || Number(v) <= 0) throw new QueryError(`search: --feed expects feed ids (positive integers); got '${v}'`);
    return Number(v);
  });
}

/**
 * Returns the instant meant by a date option: 'YYYY-MM-DD' (UTC midnight; with `endOfDay`, the
 * next midnight so that --until includes that day), a full ISO 8601 date-time, or 'Nd' (N days
 * before `now`); throws QueryError otherwise.
 */
export function parseDateOption(raw: string, now: Date, option: string, endOfDay = false): Date {
  const value = raw.trim();
  const relative = /^(\d+)d$/.exec(value);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * DAY_MS);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)) {
      return endOfDay ? new Date(day.getTime() + DAY_MS) : day;
    }
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw new QueryError(`search: ${option} expects YYYY-MM-DD, an ISO 8601 date-time or Nd (days ago); got '${raw}'`);
}

/** Returns a positive integer option value; throws QueryError otherwise. */
export function parseLimitOption(raw: string, max: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0 || Number(raw) > max) {
    throw new QueryError(`search: --limit expects an integer from 1 to ${max}; got '${raw}'`);
  }
  return Number(raw);
}
