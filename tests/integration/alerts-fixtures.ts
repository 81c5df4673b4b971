// Shared by the alerts-*.test.ts files: stored articles seeded straight into PostgreSQL (their
// tsvector maintained by the search trigger), a loopback webhook receiver that verifies
// signatures, and application dependencies pointed at a test database and Redis prefix.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Sql } from '../../src/db/client.ts';
import { createAppDeps, type AppDeps } from '../../src/deps.ts';
import { silentLogger, type Logger } from '../../src/log.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verifySignature } from '../../src/alerts/signature.ts';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';

export interface SeedArticle {
  title: string;
  text: string;
  lang: string;
  feedId?: number | null;
  topics?: string[];
  countries?: string[];
  regions?: string[];
  organizations?: string[];
  publishedAt?: Date;
}

let seq = 0;

/** Inserts a stored ('done') article with its tags; returns its id. */
export async function seedArticle(sql: Sql, a: SeedArticle): Promise<number> {
  const n = ++seq;
  const url = `https://exemple.ml/articles/${n}-${Math.random().toString(36).slice(2, 8)}`;
  const [row] = await sql<{ id: number }[]>`
    insert into articles (feed_id, canonical_url, url, status, content_source, title, text, lang, published_at, site_name, stored_at)
    values (${a.feedId ?? null}, ${url}, ${url}, 'done', 'page', ${a.title}, ${a.text}, ${a.lang},
            ${a.publishedAt ?? new Date()}, 'Le Journal de Bamako', now())
    returning id`;
  for (const topic of a.topics ?? []) {
    await sql`insert into article_topics (article_id, topic, score, evidence)
              values (${row.id}, ${topic}, 0.8, ${sql.json([{ text: a.title.slice(0, 10), start: 0, end: 10, rule: topic }])})`;
  }
  const entities: [string, string[] | undefined][] = [['country', a.countries], ['region', a.regions], ['organization', a.organizations]];
  for (const [kind, values] of entities) {
    for (const entity of values ?? []) {
      await sql`insert into article_entities (article_id, kind, entity) values (${row.id}, ${kind}, ${entity})`;
    }
  }
  return row.id;
}

/** Inserts a feed; returns its id. */
export async function seedFeed(sql: Sql, url: string): Promise<number> {
  const [row] = await sql<{ id: number }[]>`insert into feeds (url, title) values (${url}, 'Flux de test') returning id`;
  return row.id;
}

export interface ReceivedRequest {
  body: string;
  json: any;
  idempotencyKey: string;
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  origin: string;
  requests: ReceivedRequest[];
  /** Decides the answer to each request (default 200); return null to hold the request open. */
  respond: (req: ReceivedRequest, index: number) => number | null;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1 that checks every request's signature with `secret()`. */
export async function startReceiver(secret: () => string): Promise<WebhookReceiver> {
  const held: ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    origin: '',
    requests: [],
    respond: () => 200,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedRequest = {
        body,
        json: JSON.parse(body),
        idempotencyKey: String(req.headers[IDEMPOTENCY_HEADER] ?? ''),
        signatureValid: verifySignature(secret(), String(req.headers[SIGNATURE_HEADER] ?? ''), body, Math.floor(Date.now() / 1000)),
      };
      receiver.requests.push(received);
      const status = receiver.respond(received, receiver.requests.length - 1);
      if (status === null) {
        held.push(res);
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.url = `${receiver.origin}/hooks/vigie`;
  return receiver;
}

/** Returns the environment of a vigie process pointed at the test database and Redis prefix. */
export function testEnv(db: TestDatabase, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: db.url, REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_LOG_LEVEL: 'warn', ...extra };
}

/** Returns connected application dependencies for a test database and Redis prefix. */
export function testApp(db: TestDatabase, prefix: string, extra: Record<string, string> = {}, overrides: Partial<Config> = {}, log: Logger = silentLogger): AppDeps {
  return createAppDeps(loadConfig(testEnv(db, prefix, extra), overrides), log, { applicationName: 'vigie-test-alerts' });
}

export interface TestAppContext {
  /** Set once the file's tests run (beforeAll). */
  db: TestDatabase;
  app: AppDeps;
  prefix: string;
}

/** Registers beforeAll/afterAll hooks giving the enclosing tests a fresh database and application deps under a fresh queue prefix named after `label`, removed afterwards. */
export function useTestApp(label: string): TestAppContext {
  const ctx = { prefix: testQueuePrefix(label) } as TestAppContext;
  beforeAll(async () => {
    ctx.db = await createTestDatabase(label.replace(/-/g, '_'));
    ctx.app = testApp(ctx.db, ctx.prefix);
  });
  afterAll(async () => {
    if (ctx.app) {
      await clearPrefix(ctx.app, ctx.prefix);
      await ctx.app.close();
    }
    await ctx.db?.drop();
  });
  return ctx;
}

/** Deletes every Redis key under `prefix`. */
export async function clearPrefix(app: AppDeps, prefix: string): Promise<void> {
  await deleteQueueKeys(app.config.redisUrl, prefix);
}
