import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttled } from '../../../src/queue/worker-events.ts';

describe('throttled', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('emits a message once per window, then with the number of identical ones it skipped', () => {
    const emitted: [string, number][] = [];
    const log = throttled(10_000, (m, n) => emitted.push([m, n]));
    log('connect ECONNREFUSED 127.0.0.1:6379');
    log('connect ECONNREFUSED 127.0.0.1:6379');
    log('connect ECONNREFUSED 127.0.0.1:6379');
    log('Missing lock for job article-1. moveToFinished');
    vi.advanceTimersByTime(9_999);
    log('connect ECONNREFUSED 127.0.0.1:6379');
    vi.advanceTimersByTime(1);
    log('connect ECONNREFUSED 127.0.0.1:6379');
    log('connect ECONNREFUSED 127.0.0.1:6379');
    expect(emitted).toEqual([
      ['connect ECONNREFUSED 127.0.0.1:6379', 0],
      ['Missing lock for job article-1. moveToFinished', 0],
      ['connect ECONNREFUSED 127.0.0.1:6379', 3],
    ]);
  });
});
