// Entry point of the `feeds` queue: polls one feed per job (src/feeds/poll.ts).
import { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { pollFeed } from '../src/feeds/poll.ts';
import { QUEUE_NAMES, type PollFeedJob } from '../src/queue/queues.ts';
import { logJobOutcomes } from '../src/queue/worker-events.ts';
import { runAsMain } from '../src/queue/run-main.ts';

/** Starts a worker on the `feeds` queue; close() it to stop taking jobs and finish in-flight ones. */
export function startFeedsWorker(app: AppDeps): Worker<PollFeedJob> {
  const worker = new Worker<PollFeedJob>(
    QUEUE_NAMES.feeds,
    (job) => pollFeed({ sql: app.sql, queues: app.queues, fetcher: app.fetcher, config: app.config, log: app.log }, job.data.feedId),
    {
      connection: app.redis,
      prefix: app.config.queuePrefix,
      concurrency: app.config.feedsConcurrency,
      lockDuration: app.config.jobLockMs,
      stalledInterval: app.config.jobLockMs,
    },
  );
  logJobOutcomes(worker, app.log);
  return worker;
}

await runAsMain(import.meta.url, 'feeds', async (app) => {
  const worker = startFeedsWorker(app);
  return () => worker.close();
});
