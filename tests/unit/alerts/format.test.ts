import { describe, expect, it } from 'vitest';
import { describeFilters, describeSchedule, formatFailures, formatSubscription, formatSubscriptionList } from '../../../src/alerts/format.ts';
import { alertsJobId, deliveryJobId, digestSchedulerId } from '../../../src/queue/queues.ts';
import type { SubscriptionRow } from '../../../src/store/alert-subscriptions.ts';

const sub: SubscriptionRow = {
  id: 4,
  name: 'Armes au Sahel',
  owner: 'rédaction',
  query: 'Rosoboronexport OR « vente d’armes » -football',
  queryTsq: "'rosoboronexport'",
  requiredLexemes: ['rosoboronexport', 'vent'],
  topics: ['arms-sales'],
  countries: ['ML', 'NE'],
  organizations: null,
  regions: null,
  langs: ['fr'],
  feeds: [3],
  channel: 'webhook',
  target: 'https://hooks.exemple.org/vigie',
  schedule: 'daily',
  digestAt: '07:30',
  digestTz: 'Africa/Abidjan',
  active: false,
  pausedReason: '10 failed delivery attempts in a row; last: HTTP 503',
  pausedAt: new Date('2026-03-29T10:00:00Z'),
  consecutiveFailures: 10,
  createdAt: new Date('2026-03-01T10:00:00Z'),
  updatedAt: new Date('2026-03-29T10:00:00Z'),
};

describe('subscription rendering', () => {
  it('describes schedules and filters in command-line terms', () => {
    expect(describeSchedule(sub)).toBe('daily 07:30 Africa/Abidjan');
    expect(describeSchedule({ schedule: 'hourly', digestAt: null, digestTz: null })).toBe('hourly');
    expect(describeFilters(sub)).toBe('--topic arms-sales --country ML,NE --lang fr --feed 3');
    expect(describeFilters({ ...sub, topics: null, countries: null, langs: null, feeds: null })).toBe('');
  });

  it('lists and shows subscriptions with their state, accents intact', () => {
    expect(formatSubscriptionList([sub])).toBe(
      '#4 [paused] Armes au Sahel — webhook https://hooks.exemple.org/vigie — daily 07:30 Africa/Abidjan — ' +
        'Rosoboronexport OR « vente d’armes » -football --topic arms-sales --country ML,NE --lang fr --feed 3\n',
    );
    expect(formatSubscriptionList([])).toContain('Aucune alerte');
    const shown = formatSubscription(sub, { matches: 12, waiting: 3, sent: 2, pending: 0, failed: 1 }, null);
    expect(shown).toContain('#4 Armes au Sahel (rédaction)');
    expect(shown).toContain('paused since 2026-03-29T10:00:00.000Z: 10 failed delivery attempts in a row; last: HTTP 503');
    expect(shown).toContain('index:     rosoboronexport vent');
    expect(shown).toContain('matches:   12 (3 waiting for a digest)');
  });

  it('lists failures with their error', () => {
    const text = formatFailures([
      {
        deliveryId: 9, subscriptionId: 4, name: 'Armes au Sahel', channel: 'webhook', target: 'https://hooks.exemple.org/vigie',
        kind: 'instant', status: 'failed', attempts: 6, lastError: 'fetch: HTTP 503: POST https://hooks.exemple.org/vigie',
        lastErrorCode: 'http_status', lastAttemptAt: new Date('2026-03-29T10:00:00Z'), articles: 1, active: true, pausedReason: null,
      },
    ]);
    expect(text).toBe(
      'delivery #9 (instant, 1 article(s)) failed after 6 attempt(s), last 2026-03-29T10:00:00.000Z\n' +
        '  subscription #4 Armes au Sahel — webhook https://hooks.exemple.org/vigie\n' +
        '  error [http_status]: fetch: HTTP 503: POST https://hooks.exemple.org/vigie\n',
    );
    expect(formatFailures([])).toBe('Aucun échec de livraison.\n');
  });
});

describe('job ids', () => {
  it.each([alertsJobId(42), deliveryJobId(7), digestSchedulerId(3)])('%s has no colon and is not all digits', (id) => {
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
  });
  it('are deterministic', () => {
    expect(alertsJobId(42)).toBe('match-42');
    expect(deliveryJobId(7)).toBe('delivery-7');
  });
});
