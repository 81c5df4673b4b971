// In-process politeness towards each host: at most `concurrency` requests in flight and at least
// `delayMs` between the starts of two requests to the same host. Waiters are served in order.

export interface HostLimiterOptions {
  concurrency: number;
  delayMs: number;
  /** Clock, injectable so that tests can step time instead of waiting on it. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface HostLimiter {
  /** Resolves with a release function once a request to `host` may start; rejects with the signal's reason when aborted. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** Number of requests in flight to `host` (for tests and metrics). */
  active(host: string): number;
  /** Rejects every waiter and cancels every timer. */
  close(): void;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: unknown) => void;
  detach: () => void;
}

interface HostState {
  active: number;
  queue: Waiter[];
  nextStartAt: number;
  timer: { cancel(): void } | null;
}

function realTimer(fn: () => void, ms: number): { cancel(): void } {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
}

/** Returns a per-host limiter of concurrency and spacing between request starts. */
export function createHostLimiter(options: HostLimiterOptions): HostLimiter {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? realTimer;
  const hosts = new Map<string, HostState>();
  let closed = false;

  const stateOf = (host: string): HostState => {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, queue: [], nextStartAt: 0, timer: null };
      hosts.set(host, state);
    }
    return state;
  };

  // Forget an idle host once its delay has passed, so that the map does not grow with every host seen.
  const forgetIfIdle = (host: string, state: HostState): void => {
    if (state.active > 0 || state.queue.length > 0 || state.timer) return;
    const wait = state.nextStartAt - now();
    if (wait <= 0) {
      hosts.delete(host);
      return;
    }
    state.timer = setTimer(() => {
      state.timer = null;
      forgetIfIdle(host, state);
    }, wait);
  };

  const pump = (host: string, state: HostState): void => {
    while (state.active < options.concurrency && state.queue.length > 0) {
      const wait = state.nextStartAt - now();
      if (wait > 0) {
        state.timer?.cancel();
        state.timer = setTimer(() => {
          state.timer = null;
          pump(host, state);
        }, wait);
        return;
      }
      const waiter = state.queue.shift()!;
      waiter.detach();
      state.active += 1;
      state.nextStartAt = now() + options.delayMs;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        state.active -= 1;
        pump(host, state);
      });
    }
    forgetIfIdle(host, state);
  };

  return {
    acquire(host, signal) {
      if (closed) return Promise.reject(new Error('fetch: host limiter is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      const state = stateOf(host);
      if (state.timer && state.queue.length === 0 && state.active === 0) {
        // The pending timer only meant to forget this host; it is needed again.
        state.timer.cancel();
        state.timer = null;
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          const index = state.queue.indexOf(waiter);
          if (index >= 0) state.queue.splice(index, 1);
          reject(signal!.reason);
          pump(host, state);
        };
        const waiter: Waiter = {
          resolve,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        state.queue.push(waiter);
        pump(host, state);
      });
    },
    active(host) {
      return hosts.get(host)?.active ?? 0;
    },
    close() {
      closed = true;
      for (const state of hosts.values()) {
        state.timer?.cancel();
        state.timer = null;
        for (const waiter of state.queue.splice(0)) {
          waiter.detach();
          waiter.reject(new Error('fetch: host limiter closed while waiting'));
        }
      }
      hosts.clear();
    },
  };
}
