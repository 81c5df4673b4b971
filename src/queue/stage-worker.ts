// The one way a queue's worker is built: shared connection and prefix, the configured lock,
// permanent errors turned into BullMQ's UnrecoverableError (no retry), one log line per outcome.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AppDeps } from '../deps.ts';
import { VigieError } from '../errors.ts';
import type { QueueName } from './queues.ts';
import { logJobOutcomes } from './worker-events.ts';

/** Starts a worker on `queue` running `processJob` for each job, `concurrency` at a time; close() it to stop. */
export function startStageWorker<T, R>(
  app: AppDeps,
  queue: QueueName,
  concurrency: number,
  processJob: (job: Job<T>) => Promise<R>,
): Worker<T, R> {
  const worker = new Worker<T, R>(
    queue,
    async (job) => {
      try {
        return await processJob(job);
      } catch (err) {
        if (err instanceof VigieError && err.permanent) {
          const unrecoverable = new UnrecoverableError(err.message);
          (unrecoverable as { cause?: unknown }).cause = err;
          throw unrecoverable;
        }
        throw err;
      }
    },
    {
      connection: app.redis,
      prefix: app.config.queuePrefix,
      concurrency,
      lockDuration: app.config.jobLockMs,
      stalledInterval: app.config.jobLockMs,
    },
  );
  logJobOutcomes(worker, app.log);
  return worker;
}
