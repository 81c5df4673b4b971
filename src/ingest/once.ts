// `vigie ingest --once` and the demo: poll the feeds now, through the real queues, wait until
// every resulting job has finished, and summarize what PostgreSQL now holds.
import { randomBytes } from 'node:crypto';
import type { Worker } from 'bullmq';
import type { AppDeps } from '../deps.ts';
import { VigieError, describeError } from '../errors.ts';
import { canonicalUrl } from '../fetch/canonical-url.ts';
import { enqueuePolls } from '../queue/queues.ts';
import type { Tagger } from '../articles/process.ts';
import { startFeedsWorker } from '../../workers/feeds.ts';
import { startArticlesWorker } from '../../workers/articles.ts';
import { startAlertsWorker } from '../../workers/alerts.ts';
import { startDeliveriesWorker } from '../../workers/deliveries.ts';

export interface FeedSummary {
  id: number;
  url: string;
  title: string | null;
  httpStatus: number | null;
  error: string | null;
  newArticles: number;
}

export interface IngestSummary {
  feeds: FeedSummary[];
  articles: { discovered: number; fromPage: number; fromFeed: number; failed: number; pending: number };
  topics: { topic: string; articles: number }[];
  /** Alert matches of this run's articles, and how many went out. */
  alerts: { matches: number; delivered: number };
  timedOut: boolean;
  durationMs: number;
}

export interface IngestOptions {
  /** Poll only this feed (it must be registered). */
  feedUrl?: string;
  /** Give up waiting after this long (the jobs stay queued). */
  timeoutMs?: number;
  tagger?: Tagger;
}

/** Throws a VigieError naming PostgreSQL or Redis when either cannot be reached. */
export async function checkConnections(app: AppDeps): Promise<void> {
  try {
    await app.sql`select 1`;
  } catch (err) {
    throw new VigieError(`PostgreSQL is unreachable: ${describeError(err)}`, { code: 'unreachable', permanent: true, cause: err });
  }
  try {
    await Promise.race([
      app.redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref()),
    ]);
  } catch (err) {
    throw new VigieError(`Redis is unreachable: ${describeError(err)}`, { code: 'unreachable', permanent: true, cause: err });
  }
}

/** Polls the enabled feeds (or one) now and waits for every resulting job; returns the summary. */
export async function ingestOnce(app: AppDeps, options: IngestOptions = {}): Promise<IngestSummary> {
  await checkConnections(app);
  const started = Date.now();
  const feeds = await selectFeeds(app, options.feedUrl);
  const [{ runStart }] = await app.sql<{ runStart: Date }[]>`select now() as run_start`;
  const workers: { close(): Promise<void> }[] = [];
  let timedOut = false;
  try {
    const feedsWorker: Worker = startFeedsWorker(app);
    workers.push(feedsWorker);
    workers.push(await startArticlesWorker(app, { tagger: options.tagger }));
    workers.push(startAlertsWorker(app), startDeliveriesWorker(app));
    const runId = randomBytes(6).toString('hex');
    const jobs = await enqueuePolls(app.queues.feeds, feeds.map((f) => f.id), runId);
    timedOut = !(await waitForQuiet(app, jobs.map((j) => j.id!), options.timeoutMs ?? 10 * 60_000));
  } finally {
    for (const w of workers.reverse()) await w.close();
  }
  return { ...(await summarize(app, feeds.map((f) => f.id), runStart)), timedOut, durationMs: Date.now() - started };
}

async function selectFeeds(app: AppDeps, feedUrl?: string): Promise<{ id: number; url: string }[]> {
  if (!feedUrl) return app.sql<{ id: number; url: string }[]>`select id, url from feeds where enabled order by id`;
  const url = canonicalUrl(feedUrl);
  const rows = await app.sql<{ id: number; url: string }[]>`select id, url from feeds where url = ${url} or url = ${feedUrl}`;
  if (rows.length === 0) {
    throw new VigieError(`ingest: feed not registered: ${url} (add it with: vigie feeds add ${url})`, { code: 'usage', permanent: true });
  }
  return rows;
}

/** Waits until the poll jobs have finished and the article, alert and delivery queues have nothing left to run
 * (digests wait for their hour); false on timeout. */
async function waitForQuiet(app: AppDeps, pollJobIds: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const states = await Promise.all(pollJobIds.map((id) => app.queues.feeds.getJobState(id)));
    const pollsDone = states.every((s) => s === 'completed' || s === 'failed' || s === 'unknown');
    if (pollsDone) {
      const queues = [app.queues.articles, app.queues.alerts, app.queues.deliveries];
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function summarize(app: AppDeps, feedIds: number[], runStart: Date): Promise<Omit<IngestSummary, 'timedOut' | 'durationMs'>> {
  const feeds = await app.sql<FeedSummary[]>`
    select f.id, f.url, f.title, f.last_http_status as http_status, f.last_error as error,
           (select count(*)::int from articles a where a.feed_id = f.id and a.discovered_at >= ${runStart}) as new_articles
      from feeds f where f.id = any(${feedIds}) order by f.id`;
  const [articles] = await app.sql<IngestSummary['articles'][]>`
    select count(*)::int as discovered,
           count(*) filter (where status = 'done' and content_source = 'page')::int as from_page,
           count(*) filter (where status = 'done' and content_source = 'feed')::int as from_feed,
           count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where status = 'pending')::int as pending
      from articles where discovered_at >= ${runStart}`;
  const topics = await app.sql<{ topic: string; articles: number }[]>`
    select t.topic, count(*)::int as articles
      from article_topics t join articles a on a.id = t.article_id
     where a.discovered_at >= ${runStart}
     group by t.topic order by articles desc, t.topic`;
  const [alerts] = await app.sql<IngestSummary['alerts'][]>`
    select count(*)::int as matches, count(*) filter (where d.status = 'sent')::int as delivered
      from alert_matches m
      join articles a on a.id = m.article_id
      left join alert_deliveries d on d.id = m.delivery_id
     where a.discovered_at >= ${runStart}`;
  return { feeds, articles, topics, alerts };
}
