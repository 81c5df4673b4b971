// Re-enqueues articles that PostgreSQL says are still pending: after a Redis wipe, a crash
// between storing an item and enqueueing it, or a final attempt lost to an outage. Job ids
// are deterministic, so an article whose job is still queued is not enqueued twice.
import type { Sql } from '../db/client.ts';
import { ARTICLE_JOB_OPTIONS, articleJobId, retryIfFailed, type Queues } from '../queue/queues.ts';

export interface RecoverResult {
  pending: number;
  retried: number;
}

/** Enqueues every pending article (in batches), and retries the failed job of any pending article untouched for `staleAfterMs`. */
export async function enqueuePendingArticles(
  deps: { sql: Sql; queues: Queues },
  options: { staleAfterMs?: number; batchSize?: number } = {},
): Promise<RecoverResult> {
  const batchSize = options.batchSize ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
  const result: RecoverResult = { pending: 0, retried: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await deps.sql<{ id: number; canonicalUrl: string; stale: boolean }[]>`
      select id, canonical_url, updated_at < now() - ${staleAfterMs} * interval '1 millisecond' as stale
        from articles
       where status = 'pending' and id > ${afterId}
       order by id
       limit ${batchSize}`;
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    result.pending += rows.length;
    await deps.queues.articles.addBulk(
      rows.map((r) => ({
        name: 'article',
        data: { articleId: r.id },
        opts: { ...ARTICLE_JOB_OPTIONS, jobId: articleJobId(r.canonicalUrl) },
      })),
    );
    for (const r of rows.filter((x) => x.stale)) {
      if (await retryIfFailed(deps.queues.articles, articleJobId(r.canonicalUrl))) result.retried++;
    }
  }
  return result;
}
