// Entry point of the `alerts` queue: matches each newly stored article against every active
// subscription (src/alerts/match.ts) and enqueues the instant deliveries. Jobs that arrive
// while a matching statement runs are matched together by the next one (src/queue/batch.ts).
import type { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { matchStoredArticles } from '../src/alerts/match.ts';
import { QUEUE_NAMES, type MatchArticleJob } from '../src/queue/queues.ts';
import { createBatcher } from '../src/queue/batch.ts';
import { runAsMain } from '../src/queue/run-main.ts';
import { startStageWorker } from '../src/queue/stage-worker.ts';

/** Starts a worker on the `alerts` queue; close() it to stop taking jobs and finish in-flight ones. */
export function startAlertsWorker(app: AppDeps): Worker<MatchArticleJob> {
  const deps = { sql: app.sql, queues: app.queues, config: app.config };
  // The statement's duration and batch size go into each job's outcome log line (and bench/e2e.ts).
  const match = createBatcher(async (ids: number[]) => {
    const started = performance.now();
    const outcome = await matchStoredArticles(deps, [...new Set(ids)]);
    const result = { ...outcome, matchMs: Math.round((performance.now() - started) * 10) / 10 };
    return ids.map(() => result);
  }, app.config.alertsConcurrency);
  return startStageWorker<MatchArticleJob, unknown>(app, QUEUE_NAMES.alerts, app.config.alertsConcurrency, (job) =>
    match(job.data.articleId),
  );
}

await runAsMain(import.meta.url, 'alerts', async (app) => {
  const worker = startAlertsWorker(app);
  return () => worker.close();
});
