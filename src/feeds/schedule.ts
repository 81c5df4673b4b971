// When to poll a feed next. Pure: the feed's state, what the poll gave and the clock go in;
// a date comes out. The rules are in docs/feeds.md.

export interface ScheduleLimits {
  /** Floor of the adaptive interval (VIGIE_POLL_MIN_INTERVAL_S). */
  pollMinIntervalS: number;
  /** Ceiling of the adaptive interval and of the failure back-off (VIGIE_POLL_MAX_INTERVAL_S). */
  pollMaxIntervalS: number;
  /** Interval of a feed whose rhythm is not known yet (VIGIE_POLL_DEFAULT_INTERVAL_S). */
  pollDefaultIntervalS: number;
}

export interface FeedScheduleState {
  /** Fixed interval chosen by the user; null = adaptive. */
  pollIntervalS: number | null;
  /** Interval learned from the feed's publishing rhythm; null = not known yet. */
  adaptiveIntervalS: number | null;
  /** Failures in a row before this poll. */
  consecutiveFailures: number;
}

export type PollResult =
  | { kind: 'success'; adaptiveIntervalS: number | null }
  | { kind: 'not_modified' }
  | { kind: 'failure'; retryAfterMs?: number | null };

// A Retry-After further away than this is treated as a misconfiguration, not a request.
const MAX_RETRY_AFTER_MS = 7 * 24 * 3600 * 1000;
// Items considered when learning the rhythm: enough to smooth a burst, recent enough to follow changes.
const RHYTHM_ITEMS = 10;

function clamp(value: number, limits: ScheduleLimits): number {
  return Math.min(limits.pollMaxIntervalS, Math.max(limits.pollMinIntervalS, Math.round(value)));
}

/**
 * Returns the interval (seconds) matching how often a feed publishes: the mean gap between its
 * most recent dated items and now, clamped to the limits; null when no item is dated.
 */
export function adaptiveIntervalS(publishedAt: (Date | null)[], now: Date, limits: ScheduleLimits): number | null {
  const times = publishedAt
    .filter((d): d is Date => d !== null && d.getTime() <= now.getTime())
    .map((d) => d.getTime())
    .sort((a, b) => b - a)
    .slice(0, RHYTHM_ITEMS);
  if (times.length === 0) return null;
  // Counting the time since the newest item makes a feed that stopped publishing slow down.
  const span = (now.getTime() - times[times.length - 1]) / 1000;
  return clamp(span / times.length, limits);
}

/** Returns the interval (seconds) a healthy feed is polled at: its fixed interval, else its learned one, else the default. */
export function baseIntervalS(state: FeedScheduleState, limits: ScheduleLimits): number {
  if (state.pollIntervalS !== null) return state.pollIntervalS;
  return clamp(state.adaptiveIntervalS ?? limits.pollDefaultIntervalS, limits);
}

/** Returns the back-off (seconds) after `failures` failures in a row: the base interval doubled per extra failure, capped at the ceiling. */
export function backoffIntervalS(failures: number, baseS: number, limits: ScheduleLimits): number {
  if (failures <= 0) return baseS;
  const cap = Math.max(limits.pollMaxIntervalS, baseS);
  return Math.min(cap, baseS * 2 ** Math.min(failures - 1, 30));
}

/** Returns the interval (seconds) until the poll after this one, given the feed's state after it. */
export function currentIntervalS(state: FeedScheduleState, limits: ScheduleLimits): number {
  return backoffIntervalS(state.consecutiveFailures, baseIntervalS(state, limits), limits);
}

/** Returns the feed's state after a poll with result `outcome`: failures counted or reset, interval learned. */
export function nextFeedState(state: FeedScheduleState, outcome: PollResult): FeedScheduleState {
  switch (outcome.kind) {
    case 'success':
      return { ...state, consecutiveFailures: 0, adaptiveIntervalS: outcome.adaptiveIntervalS ?? state.adaptiveIntervalS };
    case 'not_modified':
      return { ...state, consecutiveFailures: 0 };
    case 'failure':
      return { ...state, consecutiveFailures: state.consecutiveFailures + 1 };
  }
}

/**
 * Returns when to poll next after a poll ending at `now` with result `outcome`: the interval on
 * success, the exponential back-off on failure, never before a Retry-After.
 */
export function nextPollAt(state: FeedScheduleState, outcome: PollResult, now: Date, limits: ScheduleLimits): Date {
  const after = nextFeedState(state, outcome);
  let delayMs = currentIntervalS(after, limits) * 1000;
  if (outcome.kind === 'failure' && outcome.retryAfterMs && outcome.retryAfterMs > 0) {
    delayMs = Math.max(delayMs, Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS));
  }
  return new Date(now.getTime() + delayMs);
}

/** Returns the moment before which a server that sent Retry-After must not be asked again, or null without one. */
export function retryAfterUntil(now: Date, retryAfterMs: number | null | undefined): Date | null {
  if (!retryAfterMs || retryAfterMs <= 0) return null;
  return new Date(now.getTime() + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
