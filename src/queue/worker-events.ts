// Logs one line per job outcome (queue, job id, the payload's ids, outcome, duration, error code).
import type { Job, Worker } from 'bullmq';
import { errorCode } from '../errors.ts';
import type { Logger } from '../log.ts';

/** Attaches outcome logging to `worker`; errors are logged here once, at the worker boundary. */
export function logJobOutcomes(worker: Worker, log: Logger): void {
  const base = (job: Job) => ({
    queue: worker.name,
    jobId: job.id,
    ...job.data,
    attempt: job.attemptsMade,
    duration_ms: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined,
  });
  worker.on('completed', (job, result) => {
    log.info({ ...base(job), outcome: result?.status ?? 'done', ...pickOutcome(result) }, 'job completed');
  });
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    log[final ? 'error' : 'warn'](
      { ...base(job), outcome: final ? 'failed' : 'retrying', code: errorCode((err as { cause?: unknown }).cause ?? err), err: err.message },
      'job failed',
    );
  });
  // While Redis is unreachable every reconnection attempt fails with the same message, several
  // times a second: log it once per window, with how many times it was seen meanwhile.
  const logError = throttled(10_000, (message, repeated) =>
    log.error({ queue: worker.name, err: message, ...(repeated ? { repeated } : {}) }, 'worker error'),
  );
  worker.on('error', (err) => logError(err.message));
}

/** Returns a function that calls `emit` for a message at most once per `windowMs`, passing how many identical calls it skipped. */
export function throttled(windowMs: number, emit: (message: string, repeated: number) => void): (message: string) => void {
  const seen = new Map<string, { at: number; skipped: number }>();
  return (message) => {
    const now = Date.now();
    const last = seen.get(message);
    if (last && now - last.at < windowMs) {
      last.skipped++;
      return;
    }
    emit(message, last?.skipped ?? 0);
    seen.set(message, { at: now, skipped: 0 });
    // Bounded: messages differ per job id only in rare cases; forget old ones.
    if (seen.size > 100) for (const [k, v] of seen) if (now - v.at >= windowMs) seen.delete(k);
  };
}

function pickOutcome(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== 'object') return {};
  const { status: _status, ...rest } = result as Record<string, unknown>;
  return rest;
}
