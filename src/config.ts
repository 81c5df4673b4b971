// The only reader of process.env: every setting is declared once here (name, default, parser,
// check, secret or not), parsed and validated at start, and frozen. README's configuration
// table lists exactly these variables (a test keeps the two in step).
import { ConfigError } from './errors.ts';
import { DEFAULT_DOM, DOM_NAMES } from './extract/dom.ts';

type Parser<T> = (raw: string, name: string) => T;

interface VariableSpec<T> {
  name: string;
  default: string;
  parse: Parser<T>;
  secret?: boolean;
  doc: string;
}

function fail(name: string, raw: string, expected: string): never {
  throw new ConfigError(`${name} must be ${expected}; got '${raw}'`);
}

const positiveInt: Parser<number> = (raw, name) => {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0) fail(name, raw, 'a positive integer');
  return Number(raw);
};

/** The smallest VIGIE_EXTRACT_HEAP_MB: below it a thread cannot even load jsdom, and piscina stops replacing threads that die while starting. */
export const MIN_EXTRACT_HEAP_MB = 64;

const heapMb: Parser<number> = (raw, name) => {
  const mb = positiveInt(raw, name);
  if (mb < MIN_EXTRACT_HEAP_MB) fail(name, raw, `an integer ≥ ${MIN_EXTRACT_HEAP_MB} (MB)`);
  return mb;
};

const nonNegativeInt: Parser<number> = (raw, name) => {
  if (!/^\d+$/.test(raw.trim())) fail(name, raw, 'a non-negative integer');
  return Number(raw);
};

const text: Parser<string> = (raw) => raw;

function url(protocols: string[]): Parser<string> {
  return (raw, name) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      fail(name, redactUrl(raw), `a URL (${protocols.join(' or ')})`);
    }
    if (!protocols.includes(parsed.protocol)) fail(name, redactUrl(raw), `a URL (${protocols.join(' or ')})`);
    return raw;
  };
}

function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw, name) => {
    if (!values.includes(raw as T)) fail(name, raw, `one of ${values.join(', ')}`);
    return raw as T;
  };
}

/** Parses a comma-separated list of origins (scheme://host[:port]) into normalized origins. */
const origins: Parser<string[]> = (raw, name) => {
  const out: string[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    let parsed: URL;
    try {
      parsed = new URL(part);
    } catch {
      fail(name, raw, "a comma-separated list of origins such as 'http://127.0.0.1:8765'");
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || (parsed.pathname !== '/' && parsed.pathname !== '')) {
      fail(name, raw, "a comma-separated list of origins such as 'http://127.0.0.1:8765'");
    }
    out.push(parsed.origin);
  }
  return out;
};

/** Replaces the password of a URL with '***' so that it can be logged. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

export const VARIABLES = {
  databaseUrl: {
    name: 'DATABASE_URL',
    default: 'postgres://postgres@127.0.0.1:5432/vigie',
    parse: url(['postgres:', 'postgresql:']),
    secret: true,
    doc: 'PostgreSQL connection string (the database is created by `vigie migrate` if missing).',
  },
  dbPoolMax: {
    name: 'VIGIE_DB_POOL_MAX',
    default: '10',
    parse: positiveInt,
    doc: 'Most PostgreSQL connections one worker process opens (keep processes × this ≤ max_connections; docs/operations.md).',
  },
  redisUrl: {
    name: 'REDIS_URL',
    default: 'redis://127.0.0.1:6379',
    parse: url(['redis:', 'rediss:']),
    secret: true,
    doc: 'Redis connection string; Redis holds queue state only.',
  },
  queuePrefix: {
    name: 'VIGIE_QUEUE_PREFIX',
    default: 'vigie',
    // '{name}' is a Redis Cluster hash tag: every key of every queue in one slot (docs/operations.md).
    parse: (raw, name) =>
      /^(?:[a-zA-Z0-9_-]+|\{[a-zA-Z0-9_-]+\})$/.test(raw) ? raw : fail(name, raw, "letters, digits, _ or -, optionally in braces ('{vigie}', for Redis Cluster)"),
    doc: 'Prefix of every BullMQ key in Redis (lets several installations share one Redis); in braces, e.g. `{vigie}`, on Redis Cluster.',
  },
  fetchAllowlist: {
    name: 'VIGIE_FETCH_ALLOWLIST',
    default: '',
    parse: origins,
    doc: 'Comma-separated origins (e.g. `http://127.0.0.1:8765`) that may be fetched although their address is private.',
  },
  fetchConnectTimeoutMs: {
    name: 'VIGIE_FETCH_CONNECT_TIMEOUT_MS',
    default: '10000',
    parse: positiveInt,
    doc: 'Time allowed to resolve and connect to a host.',
  },
  fetchTimeoutMs: {
    name: 'VIGIE_FETCH_TIMEOUT_MS',
    default: '30000',
    parse: positiveInt,
    doc: 'Total time allowed for one request, redirects and body included.',
  },
  fetchMaxBytes: {
    name: 'VIGIE_FETCH_MAX_BYTES',
    default: String(10 * 1024 * 1024),
    parse: positiveInt,
    doc: 'Largest body accepted, counted after decompression.',
  },
  fetchMaxRedirects: {
    name: 'VIGIE_FETCH_MAX_REDIRECTS',
    default: '5',
    parse: nonNegativeInt,
    doc: 'Redirects followed before giving up; every hop is checked again.',
  },
  fetchHostConcurrency: {
    name: 'VIGIE_FETCH_HOST_CONCURRENCY',
    default: '2',
    parse: positiveInt,
    doc: 'Requests in flight at once to one host.',
  },
  fetchHostDelayMs: {
    name: 'VIGIE_FETCH_HOST_DELAY_MS',
    default: '250',
    parse: nonNegativeInt,
    doc: 'Pause between two requests to the same host.',
  },
  userAgent: {
    name: 'VIGIE_USER_AGENT',
    default: 'vigie/0.1 (+https://github.com/vigie-osint/vigie; media monitoring)',
    parse: text,
    doc: 'User-Agent header of every request.',
  },
  feedsConcurrency: {
    name: 'VIGIE_FEEDS_CONCURRENCY',
    default: '4',
    parse: positiveInt,
    doc: 'Feed polls processed at once per worker process.',
  },
  articlesConcurrency: {
    name: 'VIGIE_ARTICLES_CONCURRENCY',
    // Several jobs per extraction thread: while some fetch or store, the threads always have a
    // page waiting (bench/e2e.ts; a real fetch takes 0.2–2 s, an extraction 15–40 ms).
    default: '16',
    parse: positiveInt,
    doc: 'Articles processed at once per worker process (fetching, waiting for an extraction thread, storing).',
  },
  extractThreads: {
    name: 'VIGIE_EXTRACT_THREADS',
    default: '2',
    parse: positiveInt,
    doc: 'Worker threads that run Readability (CPU-bound) per process.',
  },
  extractHeapMb: {
    name: 'VIGIE_EXTRACT_HEAP_MB',
    default: '512',
    parse: heapMb,
    doc: 'Heap limit (MB, V8 old generation) of each extraction thread: memory stays bounded whatever the pages; a page that needs more fails that attempt (`thread_failed`, retried) and its thread is replaced.',
  },
  extractTimeoutMs: {
    name: 'VIGIE_EXTRACT_TIMEOUT_MS',
    default: '15000',
    parse: positiveInt,
    doc: 'Time allowed to extract one page; the thread is killed past it.',
  },
  extractDom: {
    name: 'VIGIE_EXTRACT_DOM',
    default: DEFAULT_DOM,
    parse: oneOf(DOM_NAMES),
    doc: 'DOM that Readability runs on: `linkedom`, `jsdom-reused` (one jsdom window per thread) or `jsdom` (a fresh window per page); figures in docs/extraction.md.',
  },
  jobLockMs: {
    name: 'VIGIE_JOB_LOCK_MS',
    default: '30000',
    parse: positiveInt,
    doc: 'BullMQ job lock: a job whose worker died is taken up again after about this long.',
  },
  pollMinIntervalS: {
    name: 'VIGIE_POLL_MIN_INTERVAL_S',
    default: '300',
    parse: positiveInt,
    doc: 'Floor of the adaptive poll interval.',
  },
  pollMaxIntervalS: {
    name: 'VIGIE_POLL_MAX_INTERVAL_S',
    default: '86400',
    parse: positiveInt,
    doc: 'Ceiling of the adaptive poll interval and of the failure back-off.',
  },
  pollDefaultIntervalS: {
    name: 'VIGIE_POLL_DEFAULT_INTERVAL_S',
    default: '1800',
    parse: positiveInt,
    doc: 'Interval of a new feed until its publishing rhythm is known.',
  },
  schedulerSyncIntervalS: {
    name: 'VIGIE_SCHEDULER_SYNC_INTERVAL_S',
    default: '300',
    parse: positiveInt,
    doc: 'How often the scheduler rebuilds feed schedules and re-enqueues pending work from PostgreSQL (heals a restarted or wiped Redis).',
  },
  maxFeedItems: {
    name: 'VIGIE_MAX_FEED_ITEMS',
    default: '500',
    parse: positiveInt,
    doc: 'Items taken from one poll of one feed (newest first); the rest are left for later polls.',
  },
  alertsConcurrency: {
    name: 'VIGIE_ALERTS_CONCURRENCY',
    default: '16',
    parse: positiveInt,
    doc: 'Matching jobs taken at once per alerts worker process (the article stage matches what it stores itself; the alerts queue gets recovery and failed inline matching); those that arrive while a matching statement runs are matched together by the next one.',
  },
  deliveriesConcurrency: {
    name: 'VIGIE_DELIVERIES_CONCURRENCY',
    default: '8',
    parse: positiveInt,
    doc: 'Alert deliveries (webhook, e-mail, log) sent at once per worker process.',
  },
  smtpUrl: {
    name: 'VIGIE_SMTP_URL',
    default: 'smtp://127.0.0.1:25',
    parse: url(['smtp:', 'smtps:']),
    secret: true,
    doc: 'SMTP server of e-mail alerts, e.g. `smtps://user:password@mail.example.org:465`.',
  },
  mailFrom: {
    name: 'VIGIE_MAIL_FROM',
    default: 'Vigie <vigie@localhost>',
    parse: text,
    doc: 'From address of e-mail alerts.',
  },
  alertMaxAttempts: {
    name: 'VIGIE_ALERT_MAX_ATTEMPTS',
    default: '6',
    parse: positiveInt,
    doc: 'Tries of one alert delivery (exponential back-off) before it is recorded as failed.',
  },
  alertBackoffMs: {
    name: 'VIGIE_ALERT_BACKOFF_MS',
    default: '10000',
    parse: positiveInt,
    doc: 'First retry delay of a failed alert delivery; doubled at each further try.',
  },
  alertPauseAfter: {
    name: 'VIGIE_ALERT_PAUSE_AFTER',
    default: '10',
    parse: positiveInt,
    doc: 'Failed delivery attempts in a row after which a subscription is paused (with the reason).',
  },
  logLevel: {
    name: 'VIGIE_LOG_LEVEL',
    default: 'info',
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    doc: 'pino log level.',
  },
} satisfies Record<string, VariableSpec<unknown>>;

type Variables = typeof VARIABLES;
export type Config = Readonly<{ [K in keyof Variables]: ReturnType<Variables[K]['parse']> }>;

/** Returns the validated, frozen configuration from `env`; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(VARIABLES) as [string, VariableSpec<unknown>][]) {
    const raw = env[spec.name];
    out[key] = spec.parse(raw === undefined || raw === '' ? spec.default : raw, spec.name);
  }
  const config = { ...out, ...overrides } as Config;
  if (config.pollMinIntervalS > config.pollMaxIntervalS) {
    throw new ConfigError(
      `VIGIE_POLL_MIN_INTERVAL_S must not exceed VIGIE_POLL_MAX_INTERVAL_S; got ${config.pollMinIntervalS} > ${config.pollMaxIntervalS}`,
    );
  }
  return Object.freeze(config);
}
