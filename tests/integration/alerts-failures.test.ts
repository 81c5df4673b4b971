// A target that keeps failing: retries with back-off, the subscription paused with the reason
// after VIGIE_ALERT_PAUSE_AFTER failed attempts in a row, and `vigie alerts failures` listing
// what did not go out. A private address that is not allowlisted is refused by the safe fetcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFailures } from '../../src/alerts/format.ts';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { generateSecret } from '../../src/alerts/signature.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import type { AppDeps } from '../../src/deps.ts';
import { listFailures } from '../../src/store/alert-deliveries.ts';
import { getSubscription, insertSubscription, resumeSubscription } from '../../src/store/alert-subscriptions.ts';
import { startDeliveriesWorker, type DeliveriesWorker } from '../../workers/deliveries.ts';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { waitFor } from '../helpers/processes.ts';
import { clearPrefix, seedArticle, startReceiver, testApp, type WebhookReceiver } from './alerts-fixtures.ts';

const prefix = testQueuePrefix('alerts-failures');
const secret = generateSecret();
let db: TestDatabase;
let app: AppDeps;
let failing: WebhookReceiver;
let private_: WebhookReceiver;
let deliveries: DeliveriesWorker;

beforeAll(async () => {
  db = await createTestDatabase('alerts_failures');
  failing = await startReceiver(() => secret);
  failing.respond = () => 503;
  // Listening on loopback too, but not allowlisted: the fetcher must refuse it.
  private_ = await startReceiver(() => secret);
  app = testApp(db, prefix, {
    VIGIE_FETCH_ALLOWLIST: failing.origin,
    VIGIE_ALERT_MAX_ATTEMPTS: '3',
    VIGIE_ALERT_BACKOFF_MS: '100',
    VIGIE_ALERT_PAUSE_AFTER: '4',
  });
});

afterAll(async () => {
  await deliveries?.close();
  await failing?.close();
  await private_?.close();
  if (app) {
    await clearPrefix(app, prefix);
    await app.close();
  }
  await db?.drop();
});

describe('failing targets', () => {
  it('retries, pauses the subscription with the reason, refuses private addresses, and lists the failures', async () => {
    const down = await insertSubscription(
      db.sql,
      // A token in the query string, as some webhook services use: never in errors or logs.
      validateSubscription({ name: 'Récepteur en panne', query: 'patrouilleurs', channel: 'webhook', target: `${failing.url}?token=s3cr3t-t0ken` }),
      secret,
    );
    const blocked = await insertSubscription(
      db.sql,
      validateSubscription({ name: 'Adresse privée', query: 'corvette', channel: 'webhook', target: private_.url }),
      secret,
    );
    const ids = [
      await seedArticle(db.sql, { title: 'Dakar reçoit deux patrouilleurs', text: 'La Marine sénégalaise a réceptionné deux patrouilleurs.', lang: 'fr' }),
      await seedArticle(db.sql, { title: 'Nouveaux patrouilleurs pour Abidjan', text: 'Trois patrouilleurs rapides livrés à la Côte d’Ivoire.', lang: 'fr' }),
      await seedArticle(db.sql, { title: 'Une corvette pour Alger', text: 'La corvette commandée en Chine est arrivée.', lang: 'fr' }),
    ];
    deliveries = startDeliveriesWorker(app);
    await matchStoredArticles({ sql: app.sql, queues: app.queues, config: app.config }, ids);

    await waitFor('every delivery settled', async () => {
      const rows = await db.sql`select 1 from alert_deliveries where status = 'pending'`;
      return rows.length === 0;
    });

    const downNow = (await getSubscription(db.sql, down.id))!;
    expect(downNow.active).toBe(false);
    expect(downNow.pausedReason).toMatch(/^4 failed delivery attempts in a row; last: .*503/);
    // Two deliveries of three tries at most; the pause after the fourth failure stops the rest.
    expect(failing.requests.length).toBeGreaterThanOrEqual(4);
    expect(failing.requests.length).toBeLessThanOrEqual(6);
    const keys = new Set(failing.requests.map((r) => r.idempotencyKey));
    expect([...keys].sort()).toEqual([`alert-${down.id}-${ids[0]}`, `alert-${down.id}-${ids[1]}`].sort());
    expect(failing.requests.every((r) => r.signatureValid)).toBe(true);

    // Never sent anywhere: the address is private and not allowlisted.
    expect(private_.requests).toHaveLength(0);
    const [refused] = await db.sql`select status, attempts, last_error_code from alert_deliveries where subscription_id = ${blocked.id}`;
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'blocked_address' });

    const failures = await listFailures(db.sql);
    expect(failures.map((f) => f.subscriptionId).sort()).toEqual([blocked.id, down.id, down.id].sort());
    expect(failures.every((f) => f.status === 'failed')).toBe(true);
    const text = formatFailures(failures);
    expect(text).toContain(`subscription #${down.id} Récepteur en panne — webhook ${failing.url}?token=s3cr3t-t0ken — paused: 4 failed delivery attempts`);
    expect(failures.filter((f) => f.subscriptionId === down.id).every((f) => /HTTP 503|503/.test(f.lastError ?? ''))).toBe(true);
    expect(JSON.stringify(failures.map((f) => f.lastError)) + downNow.pausedReason).not.toContain('s3cr3t');
    expect(text).toContain(`subscription #${blocked.id} Adresse privée — webhook ${private_.url}`);
    expect(text).toContain('error [blocked_address]');
    expect(text).not.toContain(secret);

    // Resuming forgets the failures.
    await resumeSubscription(db.sql, down.id);
    expect(await getSubscription(db.sql, down.id)).toMatchObject({ active: true, pausedReason: null, consecutiveFailures: 0 });
  });
});
