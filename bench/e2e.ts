// End-to-end throughput: a loopback news site (default 200 feeds × 25 items, pages of 20–300 KB
// made from the bundled samples) ingested through the real queues, PostgreSQL and Redis by the
// feeds, articles and alerts workers running as separate processes, as in production. Prints
// articles/s from first enqueue to last stored, each stage's duration (mean/p95), each
// process's memory, and — measured in the same run, on the same pages, with the same DOM —
// the extraction-only rate (the pool with one thread per core) that bounds the whole.
// The benchmark plays the scheduler: it enqueues one poll of every feed per round.
// Run: npm run bench -- e2e [--feeds 200] [--items 25] [--duration 600 [--rate 15]] [--subscriptions 1000] [--latency MS] [--keep-database]
import { availableParallelism, loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { loadConfig, type Config } from '../src/config.ts';
import { createSql, type Sql } from '../src/db/client.ts';
import { dropDatabase, ensureDatabase, migrate } from '../src/db/migrate.ts';
import { deleteQueueKeys } from '../src/demo/reset.ts';
import { createExtractPool } from '../src/extract/pool.ts';
import { createQueues, createRedis, enqueuePolls } from '../src/queue/queues.ts';
import { addFeed } from '../src/store/feeds.ts';
import { startBenchServer } from './e2e-server.ts';
import { readCpuSeconds, spawnBenchProcess, type BenchProcess } from './e2e-processes.ts';
import { readFileSync } from 'node:fs';
import { STAGES, distribution, evenSample, parseMachineCpuSeconds, parseRedisCpuSeconds, summarizeRss, type Distribution, type RssSummary, type StageName } from './e2e-stats.ts';
import { basePageIndex, buildVariantPage, loadVariantSources, type VariantSources } from './e2e-variants.ts';
import { insertBenchSubscriptions } from './e2e-subscriptions.ts';

export interface E2eOptions {
  feeds: number;
  items: number;
  /** Keep publishing `rate` new items a second for this long (seconds); null: one burst of feeds × items. */
  durationS: number | null;
  rate: number;
  subscriptions: number;
  /** Delay of every answer of the news site (ms), as remote sites have; 0 by default (loopback). */
  latencyMs?: number;
  /** Pages of the extraction-only baseline (spread evenly over the run's pages). */
  baselinePages: number;
  /** Base configuration (database server, Redis, DOM); defaults to loadConfig(). */
  config?: Config;
  /** Database created (on the configured server) and dropped by the run; a fresh random name by default. */
  databaseName?: string;
  /** Keep the database at the end (to study its queries and plans); its name is printed. */
  keepDatabase?: boolean;
  queuePrefix?: string;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

export interface E2eReport {
  dom: string;
  cores: number;
  options: Pick<E2eOptions, 'feeds' | 'items' | 'durationS' | 'rate' | 'subscriptions' | 'latencyMs' | 'baselinePages'>;
  layout: { articlesConcurrency: number; extractThreads: number; alertsConcurrency: number; feedsConcurrency: number };
  articles: { expected: number; rows: number; fromPage: number; fromFeed: number; failed: number; pending: number; distinctTitles: number; alertMatched: number; alertPairs: number };
  server: { pagesRequested: number; maxRequestsPerPage: number; feedRequests: number };
  complete: boolean;
  /** Largest number of articles waiting while new items were being published (duration runs; 0 otherwise). */
  maxBacklog: number;
  /** First article discovered to last stored (PostgreSQL clock). */
  pipelineS: number;
  articlesPerSecond: number;
  stages: Record<StageName, Distribution>;
  processes: { name: string; rss: RssSummary | null; cpuS: number | null; mainThreadCpuS: number | null }[];
  /** Redis's own CPU seconds during the run (INFO cpu), null when unreadable. */
  redisCpuS: number | null;
  /** CPU seconds of this process (the news site, the polls, the progress queries). */
  benchCpuS: number;
  /** CPU seconds of the PostgreSQL backends serving each worker process (by application name). */
  postgresCpuS: Record<string, number>;
  /** The faster of two extraction-only runs, one before the pipeline runs and one after (`runs`: pages/s of each), so that a slow moment of the machine cannot flatter the ratio. */
  baseline: { pages: number; threads: number; seconds: number; pagesPerSecond: number; failed: number; cpuMsPerPage: number; runs: number[] };
  /** CPU milliseconds per stored article of the worker processes and their PostgreSQL backends (the figure that load from elsewhere does not skew). */
  cpuMsPerArticle: number;
  /** How many times the benchmark vacuumed and analyzed the tables itself because the server runs without autovacuum; null when autovacuum is on. */
  vacuumRuns: number | null;
  /** Busy CPU milliseconds of the whole machine per stored article, over the run (everything: Redis, the news site, other load). */
  machineCpuMsPerArticle: number | null;
  /** End to end over extraction-only. */
  ratio: number;
  loadAverage: { start: number[]; end: number[] };
}

const WORKERS = ['feeds', 'articles', 'alerts'] as const;
// No progress for this long while articles are missing: report what was done.
const STALL_MS = 90_000;

// What the wait loop needs, cheaply (it runs every second beside the pipeline it measures).
interface ProgressCounts {
  rows: number;
  pending: number;
  failed: number;
  alertMatched: number;
}

async function progressCounts(sql: Sql): Promise<ProgressCounts> {
  const [row] = await sql<ProgressCounts[]>`
    select count(*)::int as rows, count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'failed')::int as failed,
           (select count(*)::int from alert_matched_articles) as alert_matched
      from articles`;
  return row;
}

async function counts(sql: Sql) {
  const [row] = await sql<{ rows: number; fromPage: number; fromFeed: number; failed: number; pending: number; distinctTitles: number; alertMatched: number; alertPairs: number; firstS: number | null; lastS: number | null }[]>`
    select count(*)::int as rows,
           count(*) filter (where status = 'done' and content_source = 'page')::int as from_page,
           count(*) filter (where status = 'done' and content_source = 'feed')::int as from_feed,
           count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where status = 'pending')::int as pending,
           count(distinct title)::int as distinct_titles,
           (select count(*)::int from alert_matched_articles) as alert_matched,
           (select count(*)::int from alert_matches) as alert_pairs,
           extract(epoch from min(discovered_at))::float8 as first_s,
           extract(epoch from max(stored_at))::float8 as last_s
      from articles`;
  return row;
}

/** Runs the benchmark and returns its report; the database, Redis keys and processes it created are gone when it resolves. */
export async function runE2e(options: E2eOptions): Promise<E2eReport> {
  const base = options.config ?? loadConfig();
  const progress = options.progress ?? ((line: string) => process.stderr.write(line + '\n'));
  const loadStart = loadavg();
  const sources = loadVariantSources();
  const dbUrl = new URL(base.databaseUrl);
  const dbName = options.databaseName ?? `vigie_bench_e2e_${randomBytes(4).toString('hex')}`;
  dbUrl.pathname = '/' + dbName;
  const prefix = options.queuePrefix ?? `vigie-bench-e2e-${randomBytes(4).toString('hex')}`;
  // A burst's pages are built before the run (at most 10,000: ~1.5 GB), a long run's on request.
  const prebuild = !options.durationS && options.feeds * options.items <= 10_000;
  const server = await startBenchServer(sources, { feeds: options.feeds, items: options.items, latencyMs: options.latencyMs, prebuild });
  const redis = createRedis(base.redisUrl);
  const queues = createQueues(redis, prefix);
  const processes: BenchProcess[] = [];
  let sql: Sql | undefined;
  try {
    await ensureDatabase(dbUrl.toString());
    sql = createSql(dbUrl.toString(), { max: 2, applicationName: 'vigie-bench-e2e' });
    await migrate(sql);
    const feedIds: number[] = [];
    for (const url of server.feedUrls) feedIds.push((await addFeed(sql, { url, language: 'fr' })).feed.id);
    await insertBenchSubscriptions(sql, sources, options.subscriptions);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: base.redisUrl,
      VIGIE_QUEUE_PREFIX: prefix,
      VIGIE_FETCH_ALLOWLIST: server.origin,
      // One loopback host stands for many outlets: lift the per-host politeness limits.
      VIGIE_FETCH_HOST_DELAY_MS: '0',
      VIGIE_FETCH_HOST_CONCURRENCY: '64',
      VIGIE_LOG_LEVEL: 'info',
    };
    const workerConfig = loadConfig(env);
    const baselineBefore = await measureExtraction(sources, server.origin, options.feeds, server.itemsPerFeed(), options.baselinePages, workerConfig);
    processes.push(...(await Promise.all(WORKERS.map((name) => spawnBenchProcess(name, env)))));
    const t0 = performance.now();
    // CPU from here on: the workers' start (compiling, loading the tagging rules) is not per-article work.
    const cpuAtStart = {
      machine: machineCpuSeconds(),
      redis: await redisCpuSeconds(redis),
      bench: process.cpuUsage(),
      processes: processes.map((p) => p.cpuSeconds()),
      mainThreads: processes.map((p) => p.mainThreadCpuSeconds()),
    };
    const atS = () => (performance.now() - t0) / 1000;
    const sampler = setInterval(() => processes.forEach((p) => p.sample(atS())), options.durationS ? 5000 : 1000);
    const vacuum = (await sql<{ autovacuum: string }[]>`show autovacuum`)[0].autovacuum === 'on' ? null : startVacuuming(sql);

    let round = 0;
    // One poll of every feed, as the scheduler's job schedulers would enqueue them.
    const poll = () => enqueuePolls(queues.feeds, feedIds, `bench${round++}`);
    await poll();
    let nextReport = performance.now() + 30_000;
    // A progress line every 30 s.
    const reportDue = (counts: ProgressCounts) => {
      if (performance.now() < nextReport) return;
      nextReport += 30_000;
      report(counts, processes, atS(), progress);
    };
    let maxBacklog = 0;
    if (options.durationS) {
      // Every feed gains `perFeed` items per round; rounds are spaced to publish `rate` items a second.
      const perFeed = Math.max(1, Math.round((options.rate * 5) / options.feeds));
      const periodMs = (perFeed * options.feeds * 1000) / options.rate;
      const end = performance.now() + options.durationS * 1000;
      let next = performance.now() + periodMs;
      while (next < end) {
        await new Promise((r) => setTimeout(r, next - performance.now()));
        server.grow(perFeed);
        await poll();
        const counts = await progressCounts(sql);
        maxBacklog = Math.max(maxBacklog, counts.pending);
        next += periodMs;
        reportDue(counts);
      }
    }
    const expected = options.feeds * server.itemsPerFeed();
    let last = await progressCounts(sql);
    let lastChange = performance.now();
    for (;;) {
      const now = await progressCounts(sql);
      const finished = now.rows - now.pending;
      if (now.rows === expected && now.pending === 0 && now.alertMatched >= now.rows - now.failed) break;
      if (finished !== last.rows - last.pending || now.alertMatched !== last.alertMatched) lastChange = performance.now();
      if (performance.now() - lastChange > STALL_MS) break;
      reportDue(now);
      last = now;
      await new Promise((r) => setTimeout(r, 1000));
    }
    clearInterval(sampler);
    const vacuumRuns = (await vacuum?.stop()) ?? null;
    processes.forEach((p) => p.sample(atS()));
    const { firstS, lastS, ...final } = await counts(sql);
    const cpu = processes.map((p, i) => subtract(p.cpuSeconds(), cpuAtStart.processes[i]));
    const mainThreadCpu = processes.map((p, i) => subtract(p.mainThreadCpuSeconds(), cpuAtStart.mainThreads[i]));
    const machineCpuS = subtract(machineCpuSeconds(), cpuAtStart.machine);
    const redisCpuS = subtract(await redisCpuSeconds(redis), cpuAtStart.redis);
    const benchCpu = process.cpuUsage(cpuAtStart.bench);
    const postgresCpuS = await backendCpu(sql, dbName);
    const loadEnd = loadavg();
    await Promise.all(processes.map((p) => p.stop()));

    const stored = final.fromPage + final.fromFeed;
    const pipelineS = firstS !== null && lastS !== null ? lastS - firstS : Number.NaN;
    const timings = processes.flatMap((p) => p.timings);
    const baselineAfter = await measureExtraction(sources, server.origin, options.feeds, server.itemsPerFeed(), options.baselinePages, workerConfig);
    const runs = [baselineBefore.pagesPerSecond, baselineAfter.pagesPerSecond];
    const baseline = { ...(baselineAfter.pagesPerSecond >= baselineBefore.pagesPerSecond ? baselineAfter : baselineBefore), runs };
    const articlesPerSecond = stored / pipelineS;
    return {
      dom: workerConfig.extractDom,
      cores: availableParallelism(),
      options: { feeds: options.feeds, items: options.items, durationS: options.durationS, rate: options.rate, subscriptions: options.subscriptions, latencyMs: options.latencyMs ?? 0, baselinePages: options.baselinePages },
      layout: {
        articlesConcurrency: workerConfig.articlesConcurrency,
        extractThreads: workerConfig.extractThreads,
        alertsConcurrency: workerConfig.alertsConcurrency,
        feedsConcurrency: workerConfig.feedsConcurrency,
      },
      articles: { expected, ...final },
      server: {
        pagesRequested: server.pageRequests.size,
        maxRequestsPerPage: Math.max(0, ...server.pageRequests.values()),
        feedRequests: server.feedRequests(),
      },
      complete: final.rows === expected && final.pending === 0,
      maxBacklog,
      pipelineS,
      articlesPerSecond,
      stages: Object.fromEntries(STAGES.map((s) => [s, distribution(timings.filter((t) => t.stage === s).map((t) => t.ms))])) as Record<StageName, Distribution>,
      processes: processes.map((p, i) => ({ name: p.name, rss: summarizeRss(p.rss), cpuS: cpu[i], mainThreadCpuS: mainThreadCpu[i] })),
      redisCpuS,
      vacuumRuns,
      benchCpuS: (benchCpu.user + benchCpu.system) / 1e6,
      machineCpuMsPerArticle: machineCpuS === null ? null : (machineCpuS * 1000) / stored,
      postgresCpuS,
      baseline,
      ratio: articlesPerSecond / baseline.pagesPerSecond,
      cpuMsPerArticle: ((cpu.reduce<number>((sum, c) => sum + (c ?? 0), 0) + WORKERS.reduce((sum, name) => sum + (postgresCpuS[name] ?? 0), 0)) * 1000) / stored,
      loadAverage: { start: loadStart, end: loadEnd },
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop(5000)));
    await queues.close();
    await redis.quit();
    await deleteQueueKeys(base.redisUrl, prefix);
    await server.close();
    await sql?.end({ timeout: 5 });
    if (options.keepDatabase) progress(`database kept: ${dbName}`);
    else await dropDatabase(dbUrl.toString());
  }
}

// Without autovacuum (this machine's PostgreSQL runs with autovacuum = off, a CI setting) the
// tables are never analyzed, so plans are made without statistics, and never vacuumed, so dead
// row versions and the GIN index's pending list pile up: nothing like production, where
// autovacuum runs (its default). The benchmark then does autovacuum's work itself, about as
// often (autovacuum_naptime is a minute), in a backend whose CPU is counted as `bench-e2e`.
const VACUUM_EVERY_MS = 60_000;
function startVacuuming(sql: Sql): { stop(): Promise<number> } {
  let runs = 0;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      await sql`vacuum (analyze) articles, article_topics, article_entities, alert_matches, alert_deliveries, alert_matched_articles, feeds`;
      runs++;
    }).catch(() => {});
  }, VACUUM_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return runs;
    },
  };
}

const machineCpuSeconds = () => parseMachineCpuSeconds(readFileSync('/proc/stat', 'utf8'));
const redisCpuSeconds = async (redis: ReturnType<typeof createRedis>) => parseRedisCpuSeconds(await redis.info('cpu'));
const subtract = (end: number | null, start: number | null) => (end === null || start === null ? null : end - start);

// PostgreSQL runs on this machine in the usual setup: its backends' CPU is part of the cost.
async function backendCpu(sql: Sql, dbName: string): Promise<Record<string, number>> {
  const rows = await sql<{ pid: number; applicationName: string }[]>`
    select pid, application_name from pg_stat_activity where datname = ${dbName} and application_name like 'vigie-%'`;
  const out: Record<string, number> = {};
  for (const row of rows) {
    const name = row.applicationName.replace(/^vigie-/, '');
    out[name] = (out[name] ?? 0) + (readCpuSeconds(row.pid) ?? 0);
  }
  return out;
}

function report(c: ProgressCounts, processes: BenchProcess[], atS: number, progress: (line: string) => void): void {
  const rss = processes.map((p) => `${p.name} ${Math.round((p.rss.at(-1)?.kb ?? 0) / 1024)} MiB`).join(', ');
  progress(`  ${atS.toFixed(0)} s: ${c.rows - c.pending} stored or failed, ${c.pending} pending · RSS ${rss} · load ${loadavg()[0].toFixed(2)}`);
}

/** Extraction alone: the pool with one thread per core over `n` of the run's pages (decoded as the fetcher does), after a warm-up. */
async function measureExtraction(sources: VariantSources, origin: string, feeds: number, items: number, n: number, config: Config): Promise<Omit<E2eReport['baseline'], 'runs'>> {
  const threads = availableParallelism();
  const inputs = evenSample(feeds * items, n).map((k) => {
    const ref = { feed: k % feeds, item: Math.floor(k / feeds) };
    const page = buildVariantPage(sources, origin, ref);
    return { html: iconv.decode(page.body, sources.pages[basePageIndex(ref, sources.pages.length)].charset), url: page.url, contentLanguage: null };
  });
  const pool = createExtractPool({ threads, timeoutMs: config.extractTimeoutMs, dom: config.extractDom, heapMb: config.extractHeapMb });
  try {
    await Promise.all(inputs.slice(0, threads * 2).map((input) => pool.extract(input).catch(() => null)));
    let failed = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(inputs.map((input) => pool.extract(input).catch(() => failed++)));
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    return { pages: inputs.length, threads, seconds, pagesPerSecond: inputs.length / seconds, failed, cpuMsPerPage: (used.user + used.system) / 1000 / inputs.length };
  } finally {
    await pool.close();
  }
}

const mib = (kb: number | undefined) => (kb === undefined ? '-' : `${Math.round(kb / 1024)}`);
const ms = (d: Distribution) => (d.count ? `mean ${d.mean.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms (n=${d.count})` : 'no samples');

/** Returns the report as the lines `npm run bench -- e2e` prints. */
export function formatE2eReport(r: E2eReport): string {
  const a = r.articles;
  const lines = [
    `DOM ${r.dom} · ${r.cores} cores · articles worker: concurrency ${r.layout.articlesConcurrency}, ${r.layout.extractThreads} extraction threads · ` +
      `${r.options.feeds} feeds × ${r.options.items} items${r.options.durationS ? `, growing ${r.options.rate} items/s for ${r.options.durationS} s` : ''} · ${r.options.subscriptions} alert subscriptions${r.options.latencyMs ? ` · site answers after ${r.options.latencyMs} ms` : ''}`,
    `articles: ${a.fromPage + a.fromFeed}/${a.expected} stored (${a.fromPage} from the page, ${a.fromFeed} from the feed), ${a.failed} failed, ${a.pending} pending; ` +
      `${a.alertMatched} matched against the subscriptions (${a.alertPairs} subscription–article pairs recorded); ${r.server.pagesRequested} pages fetched, at most ${r.server.maxRequestsPerPage}× each${r.complete ? '' : ' · INCOMPLETE (stalled)'}`,
    r.options.durationS
      ? `paced by publishing: ${r.articlesPerSecond.toFixed(1)} articles/s stored for ${r.options.rate} published/s over ${r.pipelineS.toFixed(0)} s; ` +
        `largest backlog ${r.maxBacklog} articles (the burst rate and the ratio below are the figures of a run without --duration)`
      : `end to end: ${r.articlesPerSecond.toFixed(1)} articles/s (first enqueue → last stored: ${r.pipelineS.toFixed(1)} s; target ≥ 40)`,
    ...STAGES.map((s) => `  ${s.padEnd(11)} ${ms(r.stages[s])}`),
    `extraction only (same ${r.baseline.pages} pages, same DOM, ${r.baseline.threads} threads): ${r.baseline.pagesPerSecond.toFixed(1)} pages/s ` +
      `(the faster of ${r.baseline.runs.map((x) => x.toFixed(1)).join(' before and ')} after) · ` +
      `end to end / extraction only: ${(r.ratio * 100).toFixed(0)}% (target ≥ 80%)`,
    `CPU per article: ${r.cpuMsPerArticle.toFixed(1)} ms end to end (worker processes and their PostgreSQL backends), ` +
      `${r.baseline.cpuMsPerPage.toFixed(1)} ms extraction only: ${((100 * r.baseline.cpuMsPerPage) / r.cpuMsPerArticle).toFixed(0)}%; ` +
      `whole machine ${r.machineCpuMsPerArticle?.toFixed(1) ?? '-'} ms (also Redis ${r.redisCpuS?.toFixed(1) ?? '-'} s, news site and bench ${r.benchCpuS.toFixed(1)} s)`,
    'memory (RSS MiB: first / middle / last / max; late growth) and CPU seconds per process:',
    ...r.processes.map((p) => `  ${p.name.padEnd(9)} ${mib(p.rss?.first)} / ${mib(p.rss?.middle)} / ${mib(p.rss?.last)} / ${mib(p.rss?.max)}; ${p.rss ? (p.rss.lateGrowth / 1024).toFixed(0) : '-'} · CPU ${p.cpuS?.toFixed(1) ?? '-'} s (main thread ${p.mainThreadCpuS?.toFixed(1) ?? '-'} s)`),
    `  PostgreSQL backends, CPU s: ${Object.entries(r.postgresCpuS).map(([name, s]) => `${name} ${s.toFixed(1)}`).join(', ') || 'not readable'}`,
    ...(r.vacuumRuns === null ? [] : [`autovacuum is off on this server: the benchmark vacuumed and analyzed the tables itself every ${VACUUM_EVERY_MS / 1000} s (${r.vacuumRuns}×; CPU in bench-e2e)`]),
    `load average: ${r.loadAverage.start.map((x) => x.toFixed(2)).join(' ')} at start, ${r.loadAverage.end.map((x) => x.toFixed(2)).join(' ')} at the end`,
  ];
  return lines.join('\n');
}

/** `npm run bench -- e2e [options]`: runs the benchmark with the command-line options and prints the report. */
export async function benchE2e(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      feeds: { type: 'string' },
      items: { type: 'string' },
      duration: { type: 'string' },
      rate: { type: 'string' },
      subscriptions: { type: 'string' },
      latency: { type: 'string' },
      'baseline-pages': { type: 'string' },
      'keep-database': { type: 'boolean' },
    },
  });
  const int = (name: keyof typeof values, fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) <= 0) throw new Error(`bench e2e: --${name} must be a positive integer; got '${raw}'`);
    return Number(raw);
  };
  const durationS = values.duration === undefined ? null : int('duration', 600);
  const report = await runE2e({
    feeds: int('feeds', 200),
    items: int('items', 25),
    durationS,
    rate: int('rate', 40),
    subscriptions: int('subscriptions', 1000),
    latencyMs: int('latency', 0),
    baselinePages: int('baseline-pages', 800),
    keepDatabase: values['keep-database'] === true,
  });
  console.log(formatE2eReport(report));
}
