// Stored articles → alerts queue → deliveries queue → a signed webhook POST on loopback: each
// matching article reaches the receiver exactly once, however often its matching job runs,
// and the others never do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { enqueueArticleMatch } from '../../src/alerts/recover.ts';
import { generateSecret } from '../../src/alerts/signature.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import type { AppDeps } from '../../src/deps.ts';
import { insertSubscription } from '../../src/store/alert-subscriptions.ts';
import { startAlertsWorker } from '../../workers/alerts.ts';
import { startDeliveriesWorker, type DeliveriesWorker } from '../../workers/deliveries.ts';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { waitFor } from '../helpers/processes.ts';
import { clearPrefix, seedArticle, startReceiver, testApp, type WebhookReceiver } from './alerts-fixtures.ts';

const prefix = testQueuePrefix('alerts-webhook');
const secret = generateSecret();
let db: TestDatabase;
let app: AppDeps;
let receiver: WebhookReceiver;
let alertsWorker: ReturnType<typeof startAlertsWorker>;
let deliveries: DeliveriesWorker;

beforeAll(async () => {
  db = await createTestDatabase('alerts_webhook');
  receiver = await startReceiver(() => secret);
  app = testApp(db, prefix, { VIGIE_FETCH_ALLOWLIST: receiver.origin, VIGIE_ALERT_BACKOFF_MS: '200' });
});

afterAll(async () => {
  await alertsWorker?.close();
  await deliveries?.close();
  await receiver?.close();
  if (app) {
    await clearPrefix(app, prefix);
    await app.close();
  }
  await db?.drop();
});

describe('instant webhook alerts', () => {
  it('delivers each matching article exactly once, signed, with a stable idempotency key', async () => {
    const sub = await insertSubscription(
      db.sql,
      validateSubscription({
        name: 'Rosoboronexport et ventes d’armes',
        query: 'Rosoboronexport OR "vente d\'armes" -football',
        channel: 'webhook',
        target: receiver.url,
      }),
      secret,
    );
    const match1 = await seedArticle(db.sql, {
      title: 'Rosoboronexport signe un contrat à Bamako',
      text: 'L’exportateur russe Rosoboronexport a signé un accord de défense avec les autorités maliennes.',
      lang: 'fr',
      topics: ['arms-sales'],
      countries: ['ML', 'RU'],
    });
    const match2 = await seedArticle(db.sql, {
      title: 'Au Sahel, l’inquiétude grandit',
      text: 'La vente d’armes aux régimes militaires de la région inquiète les sociétés civiles.',
      lang: 'fr',
    });
    const excluded = await seedArticle(db.sql, {
      title: 'Rosoboronexport sponsorise un club de football',
      text: 'Le club de football de Moscou affiche un nouveau partenaire, Rosoboronexport.',
      lang: 'fr',
    });
    const unrelated = await seedArticle(db.sql, {
      title: 'La saison des pluies commence à Niamey',
      text: 'Les premières pluies sont tombées sur la capitale nigérienne.',
      lang: 'fr',
    });
    const match3 = await seedArticle(db.sql, {
      title: 'Rosoboronexport reports record arms exports to Africa',
      text: 'The Russian state agency said deliveries to African customers had doubled.',
      lang: 'en',
    });
    const all = [match1, match2, excluded, unrelated, match3];

    // The same articles are matched several times: duplicate jobs and a direct rerun (a retry).
    for (const id of all) await enqueueArticleMatch(app.queues, id);
    for (const id of all) await enqueueArticleMatch(app.queues, id);
    const first = await matchStoredArticles({ sql: app.sql, queues: app.queues, config: app.config }, all);
    expect(first.matched).toBe(3);
    alertsWorker = startAlertsWorker(app);
    deliveries = startDeliveriesWorker(app);
    await matchStoredArticles({ sql: app.sql, queues: app.queues, config: app.config }, all);

    await waitFor('three deliveries sent', async () => {
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from alert_deliveries where status = 'sent'`;
      return row.n === 3;
    });
    await waitFor('queues drained', async () => {
      const a = await app.queues.alerts.getJobCounts('waiting', 'active', 'delayed');
      const d = await app.queues.deliveries.getJobCounts('waiting', 'active', 'delayed');
      return Object.values(a).concat(Object.values(d)).every((n) => n === 0);
    });

    expect(receiver.requests).toHaveLength(3);
    const byArticle = new Map(receiver.requests.map((r) => [r.json.articles[0].id as number, r]));
    expect([...byArticle.keys()].sort((a, b) => a - b)).toEqual([match1, match2, match3].sort((a, b) => a - b));
    for (const [articleId, r] of byArticle) {
      expect(r.signatureValid).toBe(true);
      expect(r.idempotencyKey).toBe(`alert-${sub.id}-${articleId}`);
      expect(r.json.idempotency_key).toBe(r.idempotencyKey);
      expect(r.json.type).toBe('alert');
      expect(r.json.subscription).toEqual({ id: sub.id, name: 'Rosoboronexport et ventes d’armes', owner: null, query: sub.query });
      expect(JSON.stringify(r.json)).not.toContain(secret);
    }
    const a1 = byArticle.get(match1)!.json.articles[0];
    expect(a1.title).toBe('Rosoboronexport signe un contrat à Bamako');
    expect(a1.snippet).toContain('**Rosoboronexport**');
    expect(a1.topics.map((t: { id: string }) => t.id)).toEqual(['arms-sales']);
    expect(a1.countries.sort()).toEqual(['ML', 'RU']);
    expect(byArticle.get(match2)!.json.articles[0].snippet).toMatch(/\*\*vente\*\* d’\*\*armes\*\*/);

    const pairs = await db.sql`select article_id from alert_matches where subscription_id = ${sub.id} order by article_id`;
    expect(pairs.map((p) => p.articleId)).toEqual([match1, match2, match3].sort((a, b) => a - b));
    const marked = await db.sql`select article_id from alert_matched_articles where article_id = any(${all}::bigint[])`;
    expect(marked).toHaveLength(all.length);
  });
});
