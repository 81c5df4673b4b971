// The whole pipeline runs as five real worker processes, each logged in as its own LOGIN role
// that is a member of its stage's group role (sql/007_worker_roles.sql): the sample feeds are
// polled (a 404 feed's failure recorded, then 304s on a second poll), their articles stored and
// tagged, matched against an instant and a digest webhook subscription and delivered to a
// loopback receiver (a 503 recorded and retried), with no permission error. Then each login tries what its
// stage must not do (DDL, tables and columns outside its need, another stage's writes, the
// analyst schema) and is refused by PostgreSQL.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSecret } from '../../src/alerts/signature.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import { createSql, type Sql } from '../../src/db/client.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { ALERTS_JOB_OPTIONS, alertsJobId, createRedis, FEED_JOB_OPTIONS, feedPollJobId, QUEUE_NAMES } from '../../src/queue/queues.ts';
import { listSamplePages, startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { ADMIN_URL, createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../helpers/processes.ts';
import { startReceiver, type WebhookReceiver } from './alerts-fixtures.ts';

const STAGES = ['scheduler', 'feeds', 'articles', 'alerts', 'deliveries'] as const;
type Stage = (typeof STAGES)[number];

const suffix = randomBytes(4).toString('hex');
const loginOf = (stage: Stage) => `vigie_test_${stage}_${suffix}`;
const prefix = testQueuePrefix('roles');
const secret = generateSecret();
const linkedPages = listSamplePages().filter((p) => p.path.startsWith('/pages/'));

let db: TestDatabase;
let server: FixtureServer;
let receiver: WebhookReceiver;
let subscriptionId: number;
let digestId: number;
let missingFeedId: number;
const logins = new Map<Stage, Sql>();
const workers = new Map<Stage, WorkerProcess>();

async function admin<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Returns the test database's URL with `stage`'s login in it. */
function urlAs(stage: Stage): string {
  const url = new URL(db.url);
  url.username = loginOf(stage);
  url.password = 'change-me';
  return url.toString();
}

beforeAll(async () => {
  [db, server, receiver] = await Promise.all([createTestDatabase('roles'), startFixtureServer(), startReceiver(() => secret)]);
  // As README says: one login per worker, member of its stage's role.
  await admin(async (sql) => {
    for (const stage of STAGES) await sql.unsafe(`create role ${loginOf(stage)} login password 'change-me' in role vigie_${stage}`);
  });
  for (const stage of STAGES) logins.set(stage, createSql(urlAs(stage), { max: 1, applicationName: `vigie-test-${stage}` }));

  // What an operator does with the owner's login (the CLI): feeds and a subscription.
  for (const url of server.feedUrls) await addFeed(db.sql, { url, language: 'fr' });
  // A feed that answers 404: its failure is recorded by the feeds stage.
  missingFeedId = (await addFeed(db.sql, { url: `${server.origin}/feeds/introuvable.xml`, language: 'fr' })).feed.id;
  const sub = await insertSubscription(
    db.sql,
    validateSubscription({ name: 'Russie', query: 'Russie OR russe OR Rosoboronexport', channel: 'webhook', target: receiver.url }),
    secret,
  );
  subscriptionId = sub.id;
  const digest = await insertSubscription(
    db.sql,
    validateSubscription({ name: 'Drones (digest)', query: 'drones', channel: 'webhook', target: receiver.url, schedule: { kind: 'hourly' } }),
    secret,
  );
  digestId = digest.id;
  // The first webhook request fails: the deliveries stage records the failure, then retries.
  receiver.respond = (_req, index) => (index === 0 ? 503 : 200);

  const env = {
    REDIS_URL,
    VIGIE_QUEUE_PREFIX: prefix,
    VIGIE_FETCH_ALLOWLIST: `${server.origin},${receiver.origin}`,
    VIGIE_FETCH_HOST_DELAY_MS: '0',
    VIGIE_FETCH_HOST_CONCURRENCY: '4',
    VIGIE_EXTRACT_THREADS: '1',
    VIGIE_ALERT_BACKOFF_MS: '200',
    VIGIE_LOG_LEVEL: 'info',
  };
  for (const stage of STAGES) workers.set(stage, spawnWorker(stage, { ...env, DATABASE_URL: urlAs(stage) }));
}, 60_000);

afterAll(async () => {
  for (const w of workers.values()) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all([...workers.values()].map((w) => w.exited));
  for (const sql of logins.values()) await sql.end({ timeout: 5 });
  await receiver?.close();
  await server?.close();
  await deleteQueueKeys(REDIS_URL, prefix);
  await db?.drop();
  await admin(async (sql) => {
    for (const stage of STAGES) await sql.unsafe(`drop role if exists ${loginOf(stage)}`);
  });
});

describe('the pipeline under least-privilege roles', () => {
  it('polls, stores, tags, matches and delivers with each worker logged in as its own stage role', async () => {
    await waitFor(
      'every linked page stored (or recorded as failed)',
      async () => {
        const [{ n }] = await db.sql`select count(*)::int as n from articles where status <> 'pending'`;
        return n === linkedPages.length;
      },
      150_000,
    );
    const [{ done, tagged }] = await db.sql`
      select count(*) filter (where status = 'done')::int as done,
             count(*) filter (where exists (select 1 from article_topics t where t.article_id = articles.id))::int as tagged
        from articles`;
    expect(done).toBe(linkedPages.length);
    expect(tagged).toBeGreaterThan(5);
    const [seed] = await db.sql`select text from articles where url like '%rosoboronexport%'`;
    expect(seed.text).toContain('Rosoboronexport');

    // Every article the subscription's query finds gets one delivery, sent once to the receiver.
    const expected = await db.sql<{ id: number }[]>`
      select id from articles where status = 'done' and search_tsv @@ search_tsquery('Russie OR russe OR Rosoboronexport') order by id`;
    expect(expected.length).toBeGreaterThan(2);
    await waitFor(
      'every matching article delivered',
      async () => {
        const [{ sent }] = await db.sql`select count(*)::int as sent from alert_deliveries where subscription_id = ${subscriptionId} and status = 'sent'`;
        return sent === expected.length;
      },
      60_000,
    );
    // The first request got a 503: recorded on the delivery and the subscription, then resent.
    const keys = [...new Set(receiver.requests.map((r) => r.idempotencyKey))].sort();
    expect(keys).toEqual(expected.map((a) => `alert-${subscriptionId}-${a.id}`).sort());
    expect(receiver.requests).toHaveLength(expected.length + 1);
    // (Other deliveries may be sent between the refused request and its retry.)
    expect(receiver.requests.filter((r) => r.idempotencyKey === receiver.requests[0].idempotencyKey)).toHaveLength(2);
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    expect(receiver.requests.map((r) => r.json.articles[0].title)).toContain(
      (await db.sql`select title from articles where url like '%rosoboronexport%'`)[0].title,
    );
    const [retried] = await db.sql`select attempts, last_error from alert_deliveries where idempotency_key = ${receiver.requests[0].idempotencyKey}`;
    expect(retried).toEqual({ attempts: 2, lastError: null });
    const [subRow] = await db.sql`select consecutive_failures, active from alert_subscriptions where id = ${subscriptionId}`;
    expect(subRow).toEqual({ consecutiveFailures: 0, active: true });

    // The digest subscription's matches wait; a digest job (fired hourly by its job scheduler,
    // here at once) gathers them into one message sent by the deliveries stage.
    const drones = await db.sql<{ id: number }[]>`
      select id from articles where status = 'done' and search_tsv @@ search_tsquery('drones') order by id`;
    expect(drones.length).toBeGreaterThan(0);
    await waitFor('the digest matches recorded', async () => (await db.sql`select 1 from alert_matches where subscription_id = ${digestId}`).length === drones.length);
    const redis = createRedis(REDIS_URL);
    const deliveriesQueue = new Queue(QUEUE_NAMES.deliveries, { connection: redis, prefix });
    await deliveriesQueue.add('digest', { subscriptionId: digestId }, { jobId: `test-digest-${digestId}` });
    const digestRequest = await waitFor('the digest delivered', () => receiver.requests.find((r) => r.idempotencyKey.startsWith(`digest-${digestId}-`)));
    if (!digestRequest) throw new Error('no digest request');
    expect(digestRequest.json.articles.map((a: { id: number }) => a.id).sort()).toEqual(drones.map((d) => d.id).sort());

    // The feeds stage recorded the missing feed's failure, and a second poll's 304s.
    const [missing] = await db.sql`select consecutive_failures, last_http_status, last_error from feeds where id = ${missingFeedId}`;
    expect(missing.consecutiveFailures).toBeGreaterThan(0);
    expect(missing.lastHttpStatus).toBe(404);
    const feeds = await db.sql<{ id: number }[]>`select id from feeds where id <> ${missingFeedId} order by id`;
    const feedsQueue = new Queue(QUEUE_NAMES.feeds, { connection: redis, prefix });
    await feedsQueue.addBulk(feeds.map((f) => ({ name: 'poll', data: { feedId: f.id }, opts: { ...FEED_JOB_OPTIONS, jobId: feedPollJobId(f.id, 'again') } })));
    await waitFor('every feed answered 304', async () =>
      (await db.sql`select 1 from feeds where id <> ${missingFeedId} and last_http_status = 304`).length === feeds.length);
    // The article stage matched every article itself; the alerts stage takes what is handed to
    // it (recovery, a failed inline match): hand it one, as its own role it matches it again,
    // idempotently (nothing new recorded, nothing sent twice).
    const [seedRow] = await db.sql<{ id: number }[]>`select id from articles where url like '%rosoboronexport%'`;
    const alertsQueue = new Queue(QUEUE_NAMES.alerts, { connection: redis, prefix });
    await alertsQueue.add('match', { articleId: seedRow.id }, { ...ALERTS_JOB_OPTIONS, jobId: alertsJobId(seedRow.id) });
    await waitFor('the alerts stage matched it', () => workers.get('alerts')!.output().includes(`"jobId":"${alertsJobId(seedRow.id)}"`));
    expect(workers.get('alerts')!.output()).toMatch(new RegExp(`"jobId":"${alertsJobId(seedRow.id)}".*"outcome":"matched".*"matched":0`));
    await Promise.all([deliveriesQueue.close(), feedsQueue.close(), alertsQueue.close()]);
    await redis.quit();
    expect(receiver.requests).toHaveLength(expected.length + 2);

    // Nothing was refused along the way, and each worker really ran as its own login.
    for (const [stage, w] of workers) {
      expect(w.output(), stage).not.toMatch(/permission denied/);
      const failed = w.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'job failed' && l.outcome === 'failed');
      expect(failed, stage).toEqual([]);
      expect(w.output(), stage).toContain(`${stage} started`);
    }
    const sessions = await db.sql<{ usename: string }[]>`
      select distinct usename from pg_stat_activity where datname = ${db.name} and application_name like 'vigie-%' and application_name not like 'vigie-test%'`;
    expect(sessions.map((s) => s.usename).sort()).toEqual(STAGES.map(loginOf).sort());
  }, 240_000);

  it('shuts every worker down cleanly on SIGTERM', async () => {
    for (const w of workers.values()) w.child.kill('SIGTERM');
    for (const [stage, w] of workers) expect(await w.exited, stage).toBe(0);
  }, 60_000);
});

// Statements each stage must not be able to run (a representative set per stage).
const DENIED: Record<Stage, [string, string, RegExp][]> = {
  scheduler: [
    ['write a feed', `update feeds set enabled = false`, /permission denied for table feeds/],
    ['insert an article', `insert into articles (canonical_url, url) values ('https://x.example/a', 'https://x.example/a')`, /permission denied for table articles/],
    ['read article text', `select text from articles limit 1`, /permission denied for table articles/],
    ['read webhook targets', `select target from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['read webhook secrets', `select secret from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
  ],
  feeds: [
    ['read alert subscriptions', `select id from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['read stored article text', `select text from articles limit 1`, /permission denied for table articles/],
    ['store an article', `update articles set status = 'done'`, /permission denied for table articles/],
    ['delete articles', `delete from articles`, /permission denied for table articles/],
    ['write tags', `insert into article_topics (article_id, topic, score) values (1, 'arms_trade', 1)`, /permission denied for table article_topics/],
    ['add a feed', `insert into feeds (url) values ('https://x.example/rss')`, /permission denied for table feeds/],
    ['disable a feed', `update feeds set enabled = false`, /permission denied for table feeds/],
  ],
  articles: [
    ['read alert subscriptions', `select query from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['read webhook secrets', `select secret from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['insert an article', `insert into articles (canonical_url, url) values ('https://x.example/a', 'https://x.example/a')`, /permission denied for table articles/],
    ['delete articles', `delete from articles`, /permission denied for table articles/],
    ['change a feed', `update feeds set url = 'https://x.example/rss'`, /permission denied for table feeds/],
    ['read feed validators', `select etag from feeds limit 1`, /permission denied for table feeds/],
    // It matches what it stores itself, as the alerts stage (sql/008): no more than that stage may.
    ['read subscription names', `select name from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['mark a delivery sent', `update alert_deliveries set status = 'sent'`, /permission denied for table alert_deliveries/],
    ['change a match', `update alert_matches set delivery_id = null`, /permission denied for table alert_matches/],
  ],
  alerts: [
    ['read webhook targets', `select target from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['read webhook secrets', `select secret from alert_subscriptions limit 1`, /permission denied for table alert_subscriptions/],
    ['read article text', `select text from articles limit 1`, /permission denied for table articles/],
    ['change an article', `update articles set title = 'x'`, /permission denied for table articles/],
    ['mark a delivery sent', `update alert_deliveries set status = 'sent'`, /permission denied for table alert_deliveries/],
    ['resume a subscription', `update alert_subscriptions set active = true`, /permission denied for table alert_subscriptions/],
    ['read feeds', `select url from feeds limit 1`, /permission denied for table feeds/],
  ],
  deliveries: [
    ['insert an article', `insert into articles (canonical_url, url) values ('https://x.example/a', 'https://x.example/a')`, /permission denied for table articles/],
    ['change article text', `update articles set text = 'x'`, /permission denied for table articles/],
    ['delete a subscription', `delete from alert_subscriptions`, /permission denied for table alert_subscriptions/],
    ['change a subscription query', `update alert_subscriptions set query = 'x'`, /permission denied for table alert_subscriptions/],
    ['record matches', `insert into alert_matches (subscription_id, article_id) values (1, 1)`, /permission denied for table alert_matches/],
    ['read feeds', `select etag from feeds limit 1`, /permission denied for table feeds/],
  ],
};

// Every stage: no DDL anywhere, no migration ledger, no analyst schema.
const DENIED_TO_ALL: [string, string, RegExp][] = [
  ['create a table', `create table public.mine (x int)`, /permission denied for schema public/],
  ['drop a table', `drop table articles`, /must be owner of table articles/],
  ['alter a table', `alter table feeds add column x int`, /must be owner of table feeds/],
  ['create a function', `create function public.f() returns int language sql as 'select 1'`, /permission denied for schema public/],
  ['read the migration ledger', `select * from schema_migrations`, /permission denied for table schema_migrations/],
  ['create a view in the analyst schema', `create view analyst.mine as select 1 as x`, /permission denied for schema analyst/],
  ['read the analyst views', `select * from analyst.articles limit 1`, /permission denied for schema analyst/],
  ['truncate the articles', `truncate articles`, /permission denied for table articles/],
];

describe.each(STAGES)('the %s role', (stage) => {
  it.each([...DENIED[stage], ...DENIED_TO_ALL])(`cannot %s`, async (_what, statement, error) => {
    // In a transaction rolled back in any case: a statement that was (wrongly) allowed changes nothing.
    const sql = logins.get(stage)!;
    const attempt = sql.begin(async (tx) => {
      await tx.unsafe(statement);
      throw new Error(`allowed: ${statement}`);
    });
    await expect(attempt).rejects.toThrow(error);
  });
});

describe("docker-compose.yml's logins step", () => {
  it('creates a login per stage in its role with the password from the environment, idempotently', async () => {
    // The compose psql script, run here with psql against the test database, its login names
    // suffixed so that the test never touches an installation's real logins.
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { configs: Record<string, { content: string }> };
    const script = compose.configs['worker-logins'].content.replace(/(vigie_[a-z]+_worker)\b/g, `$1_${suffix}`);
    const url = new URL(db.url);
    const env = {
      PATH: process.env.PATH ?? '',
      PGHOST: url.hostname,
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username),
      PGDATABASE: db.name,
      ...Object.fromEntries(STAGES.map((s) => [`VIGIE_${s.toUpperCase()}_DB_PASSWORD`, `${s}-secret-${suffix}`])),
    };
    try {
      for (let run = 0; run < 2; run++) execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'], { input: script, env, stdio: ['pipe', 'pipe', 'pipe'] });
      const rows = await db.sql<{ login: string; groups: string[]; canLogin: boolean; hasPassword: boolean }[]>`
        select r.rolname as login, r.rolcanlogin as can_login, a.rolpassword is not null as has_password,
               array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid order by 1) as groups
          from pg_roles r join pg_authid a on a.oid = r.oid
         where r.rolname like ${`%\_worker\_${suffix}`} order by 1`;
      expect(rows).toEqual(
        [...STAGES].sort().map((s) => ({ login: `vigie_${s}_worker_${suffix}`, groups: [`vigie_${s}`], canLogin: true, hasPassword: true })),
      );
    } finally {
      await admin(async (sql) => {
        for (const stage of STAGES) await sql.unsafe(`drop role if exists vigie_${stage}_worker_${suffix}`);
      });
    }
  });
});

describe('the catalog', () => {
  it('gives only the deliveries role access to subscription targets and secrets', async () => {
    const rows = await db.sql<{ role: string; col: string }[]>`
      select r.rolname as role, c.col
        from pg_roles r cross join (values ('target'), ('secret'), ('name'), ('owner')) c(col)
       where r.rolname like 'vigie\\_%' and r.rolname not like 'vigie\\_test%'
         and has_column_privilege(r.rolname, 'alert_subscriptions', c.col, 'SELECT')
       order by 1, 2`;
    expect(rows).toEqual([
      { role: 'vigie_deliveries', col: 'name' },
      { role: 'vigie_deliveries', col: 'owner' },
      { role: 'vigie_deliveries', col: 'secret' },
      { role: 'vigie_deliveries', col: 'target' },
    ]);
  });

  it('lets no stage role own an object, log in, or create in any schema', async () => {
    const roles = STAGES.map((s) => `vigie_${s}`);
    const attrs = await db.sql`select rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = any(${roles}) order by 1`;
    expect(attrs).toHaveLength(STAGES.length);
    for (const a of attrs) expect(a, a.rolname).toMatchObject({ rolcanlogin: false, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await db.sql`
      select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = any(${roles})`;
    expect(owned).toEqual([]);
    const creatable = await db.sql`
      select n.nspname, r.rolname from pg_namespace n cross join pg_roles r
       where r.rolname = any(${roles}) and has_schema_privilege(r.rolname, n.oid, 'CREATE')`;
    expect(creatable).toEqual([]);
  });

  it('grants each stage role exactly the tables its stage uses', async () => {
    const rows = await db.sql<{ role: string; tables: string[] }[]>`
      select r.rolname as role, array_agg(c.relname::text order by c.relname) as tables
        from pg_roles r
        join pg_class c on c.relkind = 'r'
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where r.rolname = any(${STAGES.map((s) => `vigie_${s}`)})
         and (has_table_privilege(r.rolname, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
              or has_any_column_privilege(r.rolname, c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
       group by 1 order by 1`;
    expect(Object.fromEntries(rows.map((r) => [r.role, r.tables]))).toEqual({
      vigie_alerts: ['alert_deliveries', 'alert_matched_articles', 'alert_matches', 'alert_subscriptions', 'articles'],
      // Its own tables, and the alerts stage's through membership (it matches what it stores: sql/008).
      vigie_articles: ['alert_deliveries', 'alert_matched_articles', 'alert_matches', 'alert_subscriptions', 'article_entities', 'article_topics', 'articles', 'feeds'],
      vigie_deliveries: ['alert_deliveries', 'alert_matches', 'alert_subscriptions', 'article_entities', 'article_topics', 'articles'],
      vigie_feeds: ['articles', 'feeds'],
      vigie_scheduler: ['alert_deliveries', 'alert_matched_articles', 'alert_subscriptions', 'articles', 'feeds'],
    });
  });

  it('migrating two more databases at once finds the cluster-wide roles and grants in each database', async () => {
    const others = await Promise.all([createTestDatabase('roles_b'), createTestDatabase('roles_c')]);
    try {
      for (const other of others) {
        const [row] = await other.sql`
          select has_column_privilege('vigie_feeds', 'articles', 'canonical_url', 'INSERT') as feeds_insert,
                 has_column_privilege('vigie_feeds', 'articles', 'text', 'SELECT') as feeds_read_text,
                 has_column_privilege('vigie_deliveries', 'alert_subscriptions', 'secret', 'SELECT') as deliveries_secret`;
        expect(row).toEqual({ feedsInsert: true, feedsReadText: false, deliveriesSecret: true });
      }
      const [{ n }] = await db.sql`select count(*)::int as n from pg_roles where rolname = any(${STAGES.map((s) => `vigie_${s}`)})`;
      expect(n).toBe(STAGES.length);
    } finally {
      await Promise.all(others.map((o) => o.drop()));
    }
  });
});
