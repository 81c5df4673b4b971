// Secrets (database and SMTP passwords, URL credentials, webhook signing secrets and tokens)
// never appear in an error: its message, stack, own fields or causes, which are what the
// workers log and what is stored in last_error / error columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail, createMailer } from '../../src/alerts/deliver/email.ts';
import { sendWebhook } from '../../src/alerts/deliver/webhook.ts';
import type { AlertMessage } from '../../src/alerts/message.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { loadConfig } from '../../src/config.ts';
import { createFetcher } from '../../src/fetch/safe-fetch.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { redirect, startRouteServer, type RouteServer } from '../helpers/hostile-server.ts';

const SECRET = 'S3cr3t-Pa55w0rd';

/** Returns every text an error can show: message, stack, own enumerable fields, and the same for its causes. */
function everythingShown(err: unknown, depth = 0): string {
  if (depth > 5 || err === null || err === undefined) return '';
  if (!(err instanceof Error)) return String(err);
  let own = '';
  try {
    own = JSON.stringify(err);
  } catch {
    own = Object.keys(err).join(' ');
  }
  return [err.message, err.stack ?? '', own, everythingShown((err as { cause?: unknown }).cause, depth + 1)].join('\n');
}

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

const CLOSED_PORT = 1;
let server: RouteServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startRouteServer({
    '/to-credentials': redirect(`http://vigie:${SECRET}@127.0.0.1:${CLOSED_PORT}/`),
    '/to-file': redirect(`file://vigie:${SECRET}@localhost/etc/passwd`),
  });
  fetcher = createFetcher({
    allowlist: [server.origin], connectTimeoutMs: 2000, timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5,
    hostConcurrency: 4, hostDelayMs: 0, userAgent: 'vigie-test',
  });
});

afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

describe('config errors', () => {
  const cases: [string, Record<string, string>][] = [
    ['DATABASE_URL with a wrong scheme', { DATABASE_URL: `mysql://vigie:${SECRET}@db.example.org/vigie` }],
    ['DATABASE_URL that does not parse', { DATABASE_URL: `postgres://vigie:${SECRET}@db.example.org:port/vigie` }],
    ['REDIS_URL with a wrong scheme', { REDIS_URL: `http://:${SECRET}@redis.example.org:6379` }],
    ['REDIS_URL that does not parse', { REDIS_URL: `redis://default:${SECRET}@[redis/0` }],
    ['VIGIE_SMTP_URL with a wrong scheme', { VIGIE_SMTP_URL: `imap://alerts:${SECRET}@mail.example.org` }],
    ['VIGIE_SMTP_URL that does not parse', { VIGIE_SMTP_URL: `smtps://alerts:${SECRET}@mail.example.org:99999` }],
  ];
  it.each(cases)('%s names the variable, not the password', async (_label, env) => {
    const err = await thrown(() => loadConfig(env));
    expect((err as Error).message).toContain(Object.keys(env)[0]);
    expect(everythingShown(err)).not.toContain(SECRET);
  });
});

describe('fetch errors', () => {
  it.each([
    ['credentials in the URL', `http://vigie:${SECRET}@127.0.0.1:${CLOSED_PORT}/feed.xml`],
    ['credentials in an invalid URL', `http://vigie:${SECRET}@[127.0.0.1/feed.xml`],
    ['credentials in a non-http URL', `ftp://vigie:${SECRET}@127.0.0.1/feed.xml`],
  ])('%s', async (_label, url) => {
    const err = await thrown(() => fetcher.fetch({ url }));
    expect((err as Error).message).toMatch(/^fetch: /);
    expect(everythingShown(err)).not.toContain(SECRET);
  });

  it.each([['/to-credentials'], ['/to-file']])('a redirect to a URL with credentials (%s)', async (path) => {
    const err = await thrown(() => fetcher.fetch({ url: server.url(path) }));
    expect((err as Error).message).toContain(server.url(path));
    expect(everythingShown(err)).not.toContain(SECRET);
  });
});

describe('database connection errors', () => {
  it('migrateDatabase on a closed port says PostgreSQL is unreachable without the password', async () => {
    const err = await thrown(() => migrateDatabase(`postgres://vigie:${SECRET}@127.0.0.1:${CLOSED_PORT}/vigie`));
    expect((err as Error).message).toMatch(/PostgreSQL is unreachable/);
    expect(everythingShown(err)).not.toContain(SECRET);
  });
});

describe('alert delivery errors', () => {
  const message: AlertMessage = {
    kind: 'instant',
    idempotencyKey: 'alert-1-1',
    subscription: { id: 1, name: 'Sahel', owner: null, query: 'armes' },
    articles: [],
  };

  it('a webhook that cannot be reached shows neither the signing secret nor the URL token', async () => {
    const url = `${server.url('/missing')}?token=${SECRET}-token`;
    const err = await thrown(() => sendWebhook(fetcher, url, SECRET, message, 1_700_000_000));
    expect((err as Error).message).toMatch(/404/);
    expect(everythingShown(err)).not.toContain(SECRET);
  });

  it('an SMTP server that cannot be reached shows no password', async () => {
    const mailer = createMailer(`smtp://alerts:${SECRET}@127.0.0.1:${CLOSED_PORT}`, { timeoutMs: 2000 });
    const err = await thrown(() => sendEmail(mailer, 'vigie@localhost', 'desk@example.org', message, 'Europe/Paris'));
    expect((err as Error).message).toMatch(/^email: SMTP send/);
    expect(everythingShown(err)).not.toContain(SECRET);
  });
});
