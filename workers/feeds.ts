// Entry point of the `feeds` queue: polls one feed per job (src/feeds/poll.ts).
import type { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { pollFeed } from '../src/feeds/poll.ts';
import { QUEUE_NAMES, type PollFeedJob } from '../src/queue/queues.ts';
import { runAsMain } from '../src/queue/run-main.ts';
import { startStageWorker } from '../src/queue/stage-worker.ts';

/** Starts a worker on the `feeds` queue; close() it to stop taking jobs and finish in-flight ones. */
export function startFeedsWorker(app: AppDeps): Worker<PollFeedJob> {
  const deps = { sql: app.sql, queues: app.queues, fetcher: app.fetcher, config: app.config, log: app.log };
  return startStageWorker<PollFeedJob, unknown>(app, QUEUE_NAMES.feeds, app.config.feedsConcurrency, (job) =>
    pollFeed(deps, job.data.feedId),
  );
}

await runAsMain(import.meta.url, 'feeds', async (app) => {
  const worker = startFeedsWorker(app);
  return () => worker.close();
});
