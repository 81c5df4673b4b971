import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/fetch/host-limiter.ts';

// A clock the test steps by hand: timers fire only when advance() passes their time.
function manualClock() {
  let t = 1_000;
  let timers: { at: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => t,
    setTimer(fn: () => void, ms: number) {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return { cancel: () => void (timer.live = false) };
    },
    async advance(ms: number) {
      t += ms;
      const due = timers.filter((x) => x.live && x.at <= t);
      timers = timers.filter((x) => x.live && x.at > t);
      for (const x of due) x.fn();
      await flush();
    },
    pending: () => timers.filter((x) => x.live).length,
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createHostLimiter', () => {
  it('never lets more than `concurrency` requests run on one host, and serves waiters in order', async () => {
    const limiter = createHostLimiter({ concurrency: 2, delayMs: 0 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limiter.acquire('ex.fr').then((release) => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(i);
        releases.push(() => {
          running -= 1;
          release();
        });
      }),
    );
    await flush();
    expect(running).toBe(2);
    expect(limiter.active('ex.fr')).toBe(2);
    while (order.length < 6 || releases.length > 0) {
      releases.shift()?.();
      await flush();
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.active('ex.fr')).toBe(0);
    limiter.close();
  });

  it('does not make one host wait for another', async () => {
    const limiter = createHostLimiter({ concurrency: 1, delayMs: 0 });
    const releaseA = await limiter.acquire('a.fr');
    let gotB = false;
    void limiter.acquire('b.fr').then(() => (gotB = true));
    let gotA2 = false;
    void limiter.acquire('a.fr').then(() => (gotA2 = true));
    await flush();
    expect(gotB).toBe(true);
    expect(gotA2).toBe(false);
    releaseA();
    await flush();
    expect(gotA2).toBe(true);
    limiter.close();
  });

  it('spaces the starts of requests to one host by delayMs', async () => {
    const clock = manualClock();
    const limiter = createHostLimiter({ concurrency: 5, delayMs: 250, now: clock.now, setTimer: clock.setTimer });
    const started: number[] = [];
    for (let i = 0; i < 3; i++) void limiter.acquire('ex.fr').then((release) => (started.push(clock.now()), release()));
    await flush();
    expect(started).toEqual([1_000]);
    await clock.advance(249);
    expect(started).toEqual([1_000]);
    await clock.advance(1);
    expect(started).toEqual([1_000, 1_250]);
    await clock.advance(250);
    expect(started).toEqual([1_000, 1_250, 1_500]);
    // Once idle and past the delay, the host is forgotten: nothing stays scheduled.
    await clock.advance(250);
    expect(clock.pending()).toBe(0);
    limiter.close();
  });

  it('rejects a waiter whose signal aborts, and the next one still gets its turn', async () => {
    const limiter = createHostLimiter({ concurrency: 1, delayMs: 0 });
    const release = await limiter.acquire('ex.fr');
    const controller = new AbortController();
    const aborted = limiter.acquire('ex.fr', controller.signal);
    let third = false;
    void limiter.acquire('ex.fr').then(() => (third = true));
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    release();
    await flush();
    expect(third).toBe(true);
    limiter.close();
  });

  it('a release called twice frees one slot only', async () => {
    const limiter = createHostLimiter({ concurrency: 1, delayMs: 0 });
    const release = await limiter.acquire('ex.fr');
    const next = limiter.acquire('ex.fr');
    let third = false;
    const thirdDone = limiter.acquire('ex.fr').then(() => (third = true));
    release();
    release();
    await next;
    await flush();
    expect(third).toBe(false);
    expect(limiter.active('ex.fr')).toBe(1);
    limiter.close();
    await expect(thirdDone).rejects.toThrow(/closed/);
  });

  it('close() rejects the waiters', async () => {
    const limiter = createHostLimiter({ concurrency: 1, delayMs: 0 });
    await limiter.acquire('ex.fr');
    const waiting = limiter.acquire('ex.fr');
    limiter.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
