// Matching at store time: the article stage matches the articles it has just stored against
// the alert subscriptions itself (one statement per batch, src/store/alert-matches.ts), which
// saves the alerts queue a job per article: a Redis round trip, a second worker's job handling
// and a second transaction. Nothing is lost when it fails: the articles then go to the alerts
// queue as before, whose retries and failure records take over, and if even that enqueue
// fails the scheduler's recovery finds them unmatched (src/alerts/recover.ts).
import { describeError, errorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Queues } from '../queue/queues.ts';
import { matchStoredArticles, type AlertsStageDeps } from './match.ts';
import { enqueueArticleMatches } from './recover.ts';

export interface InlineMatchDeps extends AlertsStageDeps {
  queues: Pick<Queues, 'alerts' | 'deliveries'>;
  log: Logger;
}

export type InlineMatch =
  /** Matched here; `matched` pairs recorded, `matchMs` the statement and the deliveries' enqueue. */
  | { by: 'article stage'; matched: number; matchMs: number }
  /** Left to the alerts queue, or to the scheduler's recovery when that enqueue failed too; `code` is the matching failure's. */
  | { by: 'alerts queue' | 'recovery'; code: string };

/**
 * Matches stored articles `articleIds`, or hands them to the alerts queue when that fails; never
 * throws. While Redis is unreachable the enqueue waits for it (the application's Redis client
 * queues commands until it reconnects), as every other step of the worker does.
 */
export async function matchOrEnqueue(deps: InlineMatchDeps, articleIds: number[]): Promise<InlineMatch> {
  const started = performance.now();
  let failure: unknown;
  try {
    const outcome = await matchStoredArticles(deps, articleIds);
    return { by: 'article stage', matched: outcome.matched, matchMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    failure = err;
  }
  const code = errorCode(failure);
  try {
    await enqueueArticleMatches(deps.queues, articleIds);
    deps.log.warn({ articleIds, code, err: describeError(failure) }, 'alert matching failed; left to the alerts queue');
    return { by: 'alerts queue', code };
  } catch (err) {
    deps.log.error({ articleIds, code: errorCode(err), err: describeError(err) }, 'alert matching failed and could not be queued; left to recovery');
    return { by: 'recovery', code };
  }
}
