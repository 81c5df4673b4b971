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
  worker.on('error', (err) => log.error({ queue: worker.name, err: err.message }, 'worker error'));
}

function pickOutcome(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== 'object') return {};
  const { status: _status, ...rest } = result as Record<string, unknown>;
  return rest;
}
