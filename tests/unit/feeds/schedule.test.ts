import { describe, expect, it } from 'vitest';
import {
  adaptiveIntervalS, backoffIntervalS, baseIntervalS, nextPollAt, type FeedScheduleState, type PollResult,
} from '../../../src/feeds/schedule.ts';

const limits = { pollMinIntervalS: 300, pollMaxIntervalS: 86_400, pollDefaultIntervalS: 1800 };
const now = new Date('2024-05-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const state = (s: Partial<FeedScheduleState> = {}): FeedScheduleState => ({
  pollIntervalS: null, adaptiveIntervalS: null, consecutiveFailures: 0, ...s,
});

describe('adaptiveIntervalS', () => {
  it.each([
    ['no dated item', [null, null], null],
    ['one item an hour ago', [minutesAgo(60)], 3600],
    ['ten items over the last 100 minutes', Array.from({ length: 10 }, (_, i) => minutesAgo(10 * (i + 1))), 600],
    ['a burst every minute is clamped to the floor', Array.from({ length: 10 }, (_, i) => minutesAgo(i + 1)), 300],
    ['a dormant feed is clamped to the ceiling', [minutesAgo(60 * 24 * 30), minutesAgo(60 * 24 * 40)], 86_400],
    ['only the 10 newest count', [...Array.from({ length: 10 }, (_, i) => minutesAgo(6 * (i + 1))), minutesAgo(100_000)], 360],
    ['future dates are ignored', [new Date(now.getTime() + 3_600_000), minutesAgo(30)], 1800],
  ] as const)('%s', (_label, dates, expected) => {
    expect(adaptiveIntervalS([...dates], now, limits)).toBe(expected);
  });
});

describe('baseIntervalS and backoffIntervalS', () => {
  it.each([
    [state(), 1800],
    [state({ adaptiveIntervalS: 600 }), 600],
    [state({ adaptiveIntervalS: 60 }), 300],
    [state({ pollIntervalS: 900, adaptiveIntervalS: 600 }), 900],
  ])('base of %o is %i s', (s, expected) => {
    expect(baseIntervalS(s, limits)).toBe(expected);
  });

  it.each([
    [0, 1800], [1, 1800], [2, 3600], [3, 7200], [6, 57_600], [7, 86_400], [50, 86_400], [10_000, 86_400],
  ])('%i failures → %i s', (failures, expected) => {
    expect(backoffIntervalS(failures, 1800, limits)).toBe(expected);
  });
});

describe('nextPollAt', () => {
  const cases: [string, FeedScheduleState, PollResult, number][] = [
    ['new feed, success without dates: default', state(), { kind: 'success', adaptiveIntervalS: null }, 1800],
    ['success learns the rhythm', state(), { kind: 'success', adaptiveIntervalS: 600 }, 600],
    ['fixed interval wins over the rhythm', state({ pollIntervalS: 3600 }), { kind: 'success', adaptiveIntervalS: 600 }, 3600],
    ['304 keeps the learned interval', state({ adaptiveIntervalS: 7200 }), { kind: 'not_modified' }, 7200],
    ['first failure waits one interval', state({ adaptiveIntervalS: 600 }), { kind: 'failure' }, 600],
    ['third failure in a row waits four', state({ adaptiveIntervalS: 600, consecutiveFailures: 2 }), { kind: 'failure' }, 2400],
    ['back-off is capped at the ceiling', state({ consecutiveFailures: 40 }), { kind: 'failure' }, 86_400],
    ['success after failures resets the back-off', state({ adaptiveIntervalS: 600, consecutiveFailures: 9 }), { kind: 'success', adaptiveIntervalS: null }, 600],
    ['304 after failures resets too', state({ adaptiveIntervalS: 600, consecutiveFailures: 3 }), { kind: 'not_modified' }, 600],
    ['Retry-After longer than the back-off is honoured', state({ adaptiveIntervalS: 600 }), { kind: 'failure', retryAfterMs: 7_200_000 }, 7200],
    ['Retry-After shorter than the back-off does not shorten it', state({ adaptiveIntervalS: 600, consecutiveFailures: 3 }), { kind: 'failure', retryAfterMs: 60_000 }, 4800],
    ['Retry-After beyond the ceiling is still honoured', state({ consecutiveFailures: 40 }), { kind: 'failure', retryAfterMs: 2 * 86_400_000 }, 2 * 86_400],
    ['absurd Retry-After is capped at a week', state(), { kind: 'failure', retryAfterMs: 365 * 86_400_000 }, 7 * 86_400],
  ];
  it.each(cases)('%s', (_label, s, outcome, expectedS) => {
    expect((nextPollAt(s, outcome, now, limits).getTime() - now.getTime()) / 1000).toBe(expectedS);
  });
});
