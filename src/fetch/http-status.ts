// Pure reading of HTTP statuses and headers: which failures are worth retrying, how long the
// server asked us to wait, which statuses are redirects we follow.

// Statuses that will not change by asking again (RFC 9110): the feed or article is gone, forbidden
// or not something this server can serve.
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 406, 410, 451, 501]);
// Statuses that say "later": timeouts, rate limits, too early.
const TRANSIENT_STATUSES = new Set([408, 425, 429]);

/** Returns true when a failed HTTP status should not be retried (404, 410, 451…); 408, 425, 429 and 5xx other than 501 are transient. */
export function isPermanentStatus(status: number): boolean {
  if (PERMANENT_STATUSES.has(status)) return true;
  if (TRANSIENT_STATUSES.has(status) || status >= 500) return false;
  // Other 4xx (409, 414, 422…) are the request's own fault; an unfollowed 3xx will not follow itself.
  return status >= 300 && status < 500;
}

/** Returns true for the redirect statuses a GET follows (301, 302, 303, 307, 308). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Returns the delay in milliseconds asked by a Retry-After value (delta-seconds or HTTP-date) at `nowMs`, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday or a month; Date.parse alone accepts too much ("1.5").
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Returns the lower-cased name → value map of Node's response headers, repeated values joined with ', '. */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
