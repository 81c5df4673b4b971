// The chaos harness (`npm run chaos`, tests/integration/chaos.test.ts): ingests a fixed corpus
// through real worker processes while it, in turn, SIGKILLs a worker, restarts PostgreSQL,
// restarts Redis (queue state lost) and cuts the network to the news server; then waits until
// the pipeline has caught up and counts what was stored, stored twice, missed and alerted twice.
// Everything runs against a private PostgreSQL cluster and Redis (scripts/chaos-services.ts).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { generateSecret } from '../src/alerts/signature.ts';
import { validateSubscription } from '../src/alerts/subscription.ts';
import { createSql, type Sql } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { insertSubscription } from '../src/store/alert-subscriptions.ts';
import { addFeed } from '../src/store/feeds.ts';
import { buildCorpus, startCuttableProxy, startNewsServer, startReceiver, type CuttableProxy } from './chaos-corpus.ts';
import { observe, passes, type ChaosReport } from './chaos-report.ts';
import { startPrivateServices, type PrivateServices } from './chaos-services.ts';
import { WORKERS, superviseWorkers, type Supervisor, type WorkerName } from './chaos-workers.ts';
import { seededRandom } from '../bench/sql-corpus.ts';

export { formatReport, type ChaosReport } from './chaos-report.ts';

const QUEUE_PREFIX = 'vigie-chaos';

export interface ChaosOptions {
  feeds: number;
  items: number;
  seed: number;
  /** Rounds of the four faults (kill, PostgreSQL, Redis, network). */
  cycles: number;
  /** Time over which the corpus is published; the faults happen meanwhile. */
  publishMs: number;
  /** How long the network stays cut, and PostgreSQL / Redis stay down. */
  networkCutMs: number;
  serviceDownMs: number;
  /** Give up waiting for recovery after this long past the last fault. */
  recoveryTimeoutMs: number;
  extractThreads: number;
  /** Directory for the worker logs (kept); none by default. */
  logsDir?: string;
  progress?: (line: string) => void;
  /** Aborting it stops the run at its next pause; everything is cleaned up and runChaos rejects. */
  signal?: AbortSignal;
}

export const DEFAULT_OPTIONS: ChaosOptions = {
  feeds: 20,
  items: 10,
  seed: 1,
  cycles: 2,
  publishMs: 60_000,
  networkCutMs: 8_000,
  serviceDownMs: 3_000,
  recoveryTimeoutMs: 180_000,
  extractThreads: 2,
};

export interface FaultRecord {
  kind: 'kill' | 'postgres' | 'redis' | 'network';
  detail: string;
  atMs: number;
  endMs: number;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (Ctrl-C: the run stops and cleans up). */
const pause = (ms: number, signal?: AbortSignal): Promise<void> => sleep(Math.max(0, ms), undefined, { signal });

interface FaultContext {
  options: ChaosOptions;
  services: PrivateServices;
  proxy: CuttableProxy;
  supervisor: Supervisor;
  sql: Sql;
  random: () => number;
}

/** Injects one fault of `kind` and waits until it is over (the service back, the network restored); returns what it did. */
async function injectFault(kind: FaultRecord['kind'], ctx: FaultContext): Promise<string> {
  const { options, services } = ctx;
  const down = `${options.serviceDownMs / 1000} s`;
  if (kind === 'kill') {
    // Preferably a worker in the middle of a job: that is the kill that can lose work.
    const active = await activeJobs(services.redisUrl).catch(() => new Map<WorkerName, number>());
    const busy = WORKERS.filter((name) => (active.get(name) ?? 0) > 0);
    const candidates = busy.length > 0 ? busy : WORKERS;
    const name = candidates[Math.floor(ctx.random() * candidates.length)];
    ctx.supervisor.kill(name);
    return `SIGKILL ${name}${name === 'scheduler' ? '' : ` with ${active.get(name) ?? 0} active job(s)`}`;
  }
  if (kind === 'postgres') {
    const [{ n }] = await ctx.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where application_name like 'vigie-%' and application_name <> 'vigie-chaos'`.catch(() => [{ n: -1 }]);
    await services.stopPostgres('immediate');
    await pause(options.serviceDownMs, options.signal);
    await services.startPostgres();
    return `PostgreSQL crash (stop -m immediate) under ${n} worker connections, down ${down}`;
  }
  if (kind === 'redis') {
    const keys = await countKeys(services.redisUrl);
    await services.stopRedis();
    await pause(options.serviceDownMs, options.signal);
    await services.startRedis();
    return `Redis killed with ${keys} keys, down ${down}, back empty`;
  }
  ctx.proxy.cut();
  try {
    await pause(options.networkCutMs, options.signal);
  } finally {
    ctx.proxy.restore();
  }
  return `network to the news server cut for ${options.networkCutMs / 1000} s`;
}

/** Runs the chaos scenario and returns its counts; every process and file it created is gone when it resolves or rejects. */
export async function runChaos(partial: Partial<ChaosOptions> = {}): Promise<ChaosReport> {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  const say = options.progress ?? (() => {});
  const random = seededRandom(options.seed);
  const t0 = Date.now();
  const at = () => Date.now() - t0;
  const cleanups: (() => Promise<unknown>)[] = [];

  try {
    say('starting a private PostgreSQL cluster and Redis');
    const services = await startPrivateServices();
    cleanups.push(() => services.destroy());

    const corpus = buildCorpus(options.feeds, options.items, options.publishMs, random);
    let proxyOrigin = '';
    const news = await startNewsServer(corpus, () => proxyOrigin, { latencyMs: 20 });
    cleanups.push(() => news.close());
    const proxy = await startCuttableProxy(Number(new URL(news.origin).port));
    proxyOrigin = proxy.origin;
    cleanups.push(() => proxy.close());
    const secret = generateSecret();
    const receiver = await startReceiver(secret);
    cleanups.push(() => receiver.close());

    await migrateDatabase(services.databaseUrl);
    const sql = createSql(services.databaseUrl, { max: 2, applicationName: 'vigie-chaos' });
    cleanups.push(() => sql.end({ timeout: 5 }));
    for (let f = 0; f < corpus.feeds; f++) await addFeed(sql, { url: `${proxy.origin}/feeds/${f}.xml`, language: 'fr' });
    for (const s of SUBSCRIPTIONS) {
      await insertSubscription(sql, validateSubscription({ ...s, channel: 'webhook', target: receiver.url }), secret);
    }

    const supervisor = superviseWorkers({
      env: workerEnv(services, [proxy.origin, receiver.origin], options.extractThreads),
      // So that a later run can stop them if this harness dies without cleaning up.
      pidFile: join(services.dir, 'workers.pids'),
      logsDir: options.logsDir,
      clock: at,
      say,
    });
    cleanups.push(() => supervisor.stopAll());

    say(`publishing ${corpus.items.length} articles in ${corpus.feeds} feeds over ${options.publishMs / 1000} s`);
    news.startPublishing();

    // The faults, in turn, each at a random point of its slot of the publication window.
    const faults: FaultRecord[] = [];
    const kinds: FaultRecord['kind'][] = ['kill', 'postgres', 'redis', 'network'];
    const slotMs = options.publishMs / (kinds.length * options.cycles);
    const publishStart = Date.now();
    const ctx: FaultContext = { options, services, proxy, supervisor, sql, random };
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      for (const [k, kind] of kinds.entries()) {
        const slotStart = publishStart + (cycle * kinds.length + k) * slotMs;
        await pause(slotStart + random() * slotMs * 0.5 - Date.now(), options.signal);
        const atMs = at();
        const detail = await injectFault(kind, ctx);
        faults.push({ kind, detail, atMs, endMs: at() });
        say(`fault ${faults.length}: ${detail} (at ${(atMs / 1000).toFixed(1)} s)`);
      }
    }
    await pause(news.remainingMs(), options.signal);
    const lastFaultEnd = Math.max(...faults.map((f) => f.endMs));

    say('waiting for the pipeline to catch up');
    const deadline = Date.now() + options.recoveryTimeoutMs;
    let state = await observe(sql, corpus, receiver.deliveries).catch(() => null);
    while (!state?.complete && Date.now() < deadline) {
      await pause(500, options.signal);
      state = (await observe(sql, corpus, receiver.deliveries).catch(() => null)) ?? state;
    }
    const recoveryMs = state?.complete ? at() - lastFaultEnd : null;
    // A last look after more than a job lock: a late duplicate (a stalled job run again) shows up too.
    await pause(5_000, options.signal);
    const final = await observe(sql, corpus, receiver.deliveries);
    return { ...final.counts, unexpectedExits: supervisor.unexpectedExits, faults, recoveryMs, totalMs: at(), ok: passes(final.counts) };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

const SUBSCRIPTIONS = [
  { name: 'Ventes d’armes', query: 'armes OR armement OR blindés' },
  { name: 'Afrique', query: 'Afrique OR Sahel' },
  { name: 'Russie', query: 'Russie OR russe OR Rosoboronexport' },
];

/** The workers' environment: the private services, and timings shortened so that a run takes a minute or two. */
function workerEnv(services: PrivateServices, allowlist: string[], extractThreads: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    VIGIE_QUEUE_PREFIX: QUEUE_PREFIX,
    VIGIE_FETCH_ALLOWLIST: allowlist.join(','),
    VIGIE_FETCH_CONNECT_TIMEOUT_MS: '3000',
    VIGIE_FETCH_TIMEOUT_MS: '6000',
    VIGIE_FETCH_HOST_DELAY_MS: '20',
    VIGIE_FETCH_HOST_CONCURRENCY: '4',
    VIGIE_EXTRACT_THREADS: String(extractThreads),
    VIGIE_JOB_LOCK_MS: '4000',
    VIGIE_POLL_MIN_INTERVAL_S: '1',
    VIGIE_POLL_DEFAULT_INTERVAL_S: '2',
    VIGIE_POLL_MAX_INTERVAL_S: '4',
    VIGIE_SCHEDULER_SYNC_INTERVAL_S: '3',
    VIGIE_ALERT_BACKOFF_MS: '1000',
    VIGIE_LOG_LEVEL: 'info',
  };
}

/** Runs `fn` on a short-lived connection to the harness's Redis (which restarts during the run). */
async function withRedis<T>(redisUrl: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

const countKeys = (redisUrl: string): Promise<number> => withRedis(redisUrl, (redis) => redis.dbsize());

/** Returns the number of active jobs in each worker's queue (the scheduler has none). */
function activeJobs(redisUrl: string): Promise<Map<WorkerName, number>> {
  return withRedis(redisUrl, async (redis) => {
    const active = new Map<WorkerName, number>();
    for (const name of WORKERS) if (name !== 'scheduler') active.set(name, await redis.llen(`${QUEUE_PREFIX}:${name}:active`));
    return active;
  });
}
