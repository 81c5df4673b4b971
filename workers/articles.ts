// Entry point of the `articles` queue: fetch, extract, tag and store one article per job
// (src/articles/process.ts). Extraction runs in a worker-thread pool so that no page blocks
// this process's event loop (and so its job locks keep being renewed).
import type { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { processArticle, type Tagger } from '../src/articles/process.ts';
import { enqueueArticleMatch } from '../src/alerts/recover.ts';
import { createExtractPool } from '../src/extract/pool.ts';
import { QUEUE_NAMES, type ProcessArticleJob } from '../src/queue/queues.ts';
import { runAsMain } from '../src/queue/run-main.ts';
import { startStageWorker } from '../src/queue/stage-worker.ts';
import { createTagger } from '../src/tag/tagger.ts';

export interface ArticlesWorker {
  worker: Worker<ProcessArticleJob>;
  close(): Promise<void>;
}

/** Starts a worker on the `articles` queue with its own extraction pool and compiled rules. */
export async function startArticlesWorker(app: AppDeps, options: { tagger?: Tagger } = {}): Promise<ArticlesWorker> {
  const pool = createExtractPool({ threads: app.config.extractThreads, timeoutMs: app.config.extractTimeoutMs, dom: app.config.extractDom });
  const tagger = options.tagger ?? (await createTagger());
  const deps = { sql: app.sql, fetcher: app.fetcher, extract: (input: Parameters<typeof pool.extract>[0]) => pool.extract(input), tagger };
  const worker = startStageWorker<ProcessArticleJob, unknown>(app, QUEUE_NAMES.articles, app.config.articlesConcurrency, async (job) => {
    const outcome = await processArticle(deps, {
      articleId: job.data.articleId,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    // Stored (or stored by an earlier try that died before this line): match it against the
    // alert subscriptions. The job id is deterministic; the scheduler heals a lost enqueue.
    if (outcome.status === 'stored' || outcome.reason === 'already_done') await enqueueArticleMatch(app.queues, outcome.articleId);
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
