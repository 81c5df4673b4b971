// Entry point of the `articles` queue: fetch, extract, tag and store one article per job
// (src/articles/process.ts), then match it against the alert subscriptions (src/alerts/inline.ts).
// Extraction runs in a worker-thread pool so that no page blocks this process's event loop (and
// so its job locks keep being renewed). Storing and matching are batched: the articles of the
// jobs that reach that step while a batch is running go together in the next one, one
// transaction each (src/queue/batch.ts).
import type { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { processArticle, type Tagger } from '../src/articles/process.ts';
import { matchOrEnqueue } from '../src/alerts/inline.ts';
import { createExtractPool } from '../src/extract/pool.ts';
import { createBatcher } from '../src/queue/batch.ts';
import { QUEUE_NAMES, type ProcessArticleJob } from '../src/queue/queues.ts';
import { runAsMain } from '../src/queue/run-main.ts';
import { startStageWorker } from '../src/queue/stage-worker.ts';
import { saveArticles } from '../src/store/save-article.ts';
import { createTagger } from '../src/tag/tagger.ts';

// How long a store or match batch waits for more articles after an idle moment. Each batch costs
// a transaction and the planning and per-statement work of its statements, whatever its size;
// an article waits this long at most, which no alert reader will notice, while the extraction
// threads stay busy with the other jobs in flight (bench/e2e.ts measures the effect).
const BATCH_LINGER_MS = 20;

export interface ArticlesWorker {
  worker: Worker<ProcessArticleJob>;
  close(): Promise<void>;
}

/** Starts a worker on the `articles` queue with its own extraction pool and compiled rules. */
export async function startArticlesWorker(app: AppDeps, options: { tagger?: Tagger } = {}): Promise<ArticlesWorker> {
  const pool = createExtractPool({
    threads: app.config.extractThreads,
    timeoutMs: app.config.extractTimeoutMs,
    dom: app.config.extractDom,
    heapMb: app.config.extractHeapMb,
  });
  const tagger = options.tagger ?? (await createTagger());
  const batchSize = app.config.articlesConcurrency;
  const linger = { lingerMs: BATCH_LINGER_MS };
  // An article the database refuses fails alone: the others of its batch are stored one by one.
  const save = createBatcher((items: Parameters<typeof saveArticles>[1]) => saveArticles(app.sql, items), batchSize, { ...linger, splitOnError: true });
  const match = createBatcher(async (ids: number[]) => {
    const outcome = await matchOrEnqueue({ sql: app.sql, queues: app.queues, config: app.config, log: app.log }, [...new Set(ids)]);
    return ids.map(() => outcome);
  }, batchSize, linger);
  const deps = { sql: app.sql, fetcher: app.fetcher, extract: (input: Parameters<typeof pool.extract>[0]) => pool.extract(input), tagger, save };
  const worker = startStageWorker<ProcessArticleJob, unknown>(app, QUEUE_NAMES.articles, app.config.articlesConcurrency, async (job) => {
    const outcome = await processArticle(deps, {
      articleId: job.data.articleId,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    // Stored (or stored by an earlier try that died before matching): match it against the
    // alert subscriptions. Every step is idempotent; the scheduler heals what a crash leaves.
    if (outcome.status === 'stored') {
      const alerts = await match(outcome.articleId);
      return { ...outcome, alerts: alerts.by, stageMs: { ...outcome.stageMs, ...(alerts.by === 'article stage' ? { match: alerts.matchMs } : {}) } };
    }
    if (outcome.reason === 'already_done') return { ...outcome, alerts: (await match(outcome.articleId)).by };
    return outcome;
  });
  return {
    worker,
    async close() {
      await worker.close();
      await pool.close();
    },
  };
}

await runAsMain(import.meta.url, 'articles', async (app) => {
  const w = await startArticlesWorker(app);
  return () => w.close();
});
