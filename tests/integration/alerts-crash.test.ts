// A deliveries worker process killed with SIGKILL while its webhook request is in flight: the
// job is taken up again by another process once its lock expires, and the resent request
// carries the same idempotency key (and a valid signature), so the receiver can drop it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { generateSecret } from '../../src/alerts/signature.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import type { AppDeps } from '../../src/deps.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../helpers/processes.ts';
import { clearPrefix, seedArticle, startReceiver, testApp, testEnv, type WebhookReceiver } from './alerts-fixtures.ts';

const prefix = testQueuePrefix('alerts-crash');
const secret = generateSecret();
let db: TestDatabase;
let app: AppDeps;
let receiver: WebhookReceiver;
const children: WorkerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase('alerts_crash');
  receiver = await startReceiver(() => secret);
  // The first request is held open: the worker is killed while waiting for the answer.
  receiver.respond = (_req, index) => (index === 0 ? null : 200);
  app = testApp(db, prefix, { VIGIE_FETCH_ALLOWLIST: receiver.origin });
});

afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await receiver?.close();
  if (app) {
    await clearPrefix(app, prefix);
    await app.close();
  }
  await db?.drop();
});

describe('a deliveries worker killed mid-delivery', () => {
  it('is resent by another worker with the same idempotency key, and recorded as sent once', async () => {
    const sub = await insertSubscription(
      db.sql,
      validateSubscription({ name: 'Wagner', query: '"groupe Wagner"', channel: 'webhook', target: receiver.url }),
      secret,
    );
    const articleId = await seedArticle(db.sql, {
      title: 'Le groupe Wagner quitte le Mali',
      text: 'Les paramilitaires du groupe Wagner ont annoncé leur départ, remplacés par l’Africa Corps.',
      lang: 'fr',
    });
    await matchStoredArticles({ sql: app.sql, queues: app.queues, config: app.config }, [articleId]);

    const env = testEnv(db, prefix, { VIGIE_FETCH_ALLOWLIST: receiver.origin, VIGIE_JOB_LOCK_MS: '2000', VIGIE_LOG_LEVEL: 'info' });
    const first = spawnWorker('deliveries', env);
    children.push(first);
    await waitFor('the first request', () => receiver.requests.length === 1, 30_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = spawnWorker('deliveries', env);
    children.push(second);
    const sent = await waitFor(
      'the delivery recorded as sent',
      async () => {
        const [row] = await db.sql`select status, idempotency_key from alert_deliveries where subscription_id = ${sub.id} and status = 'sent'`;
        return row;
      },
      45_000,
    );

    expect(receiver.requests).toHaveLength(2);
    const [a, b] = receiver.requests;
    expect(a.idempotencyKey).toBe(`alert-${sub.id}-${articleId}`);
    expect(b.idempotencyKey).toBe(a.idempotencyKey);
    expect(sent.idempotencyKey).toBe(a.idempotencyKey);
    expect(a.signatureValid && b.signatureValid).toBe(true);
    expect(b.json.articles[0].title).toBe('Le groupe Wagner quitte le Mali');
    expect(await db.sql`select 1 from alert_deliveries where subscription_id = ${sub.id}`).toHaveLength(1);
    expect(second.output()).not.toContain(secret);
  });
});
