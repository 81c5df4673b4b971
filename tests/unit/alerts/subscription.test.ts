import { describe, expect, it } from 'vitest';
import { normalizeFilters, validateSchedule, validateSubscription, validateTarget } from '../../../src/alerts/subscription.ts';

describe('validateSubscription', () => {
  it('keeps the query as typed and normalizes filters as search does', () => {
    const s = validateSubscription({
      name: '  Sahel ',
      query: 'Rosoboronexport OR « vente d’armes » -football',
      filters: { topics: ['Arms-Sales', 'arms-sales'], countries: ['ml', 'Ne'], organizations: ['Wagner'], langs: ['FR'], regions: [], feeds: [3] },
      channel: 'log',
    });
    expect(s.name).toBe('Sahel');
    expect(s.query).toBe('Rosoboronexport OR « vente d’armes » -football');
    expect(s.filters).toEqual({ topics: ['arms-sales'], countries: ['ML', 'NE'], organizations: ['wagner'], regions: null, langs: ['fr'], feeds: [3] });
    expect(s.target).toBeNull();
    expect(s.schedule).toEqual({ kind: 'instant' });
  });

  it.each([
    [{ name: 'x', query: '-football', channel: 'log' as const }, /not excluded/],
    [{ name: 'x', query: '', channel: 'log' as const }, /empty query/],
    [{ name: '', query: 'armes', channel: 'log' as const }, /--name/],
    [{ name: 'x', query: 'armes', channel: 'email' as const, target: 'pas une adresse' }, /--email/],
    [{ name: 'x', query: 'armes', channel: 'webhook' as const, target: 'ftp://example.org/' }, /--webhook/],
    [{ name: 'x', query: 'armes', channel: 'webhook' as const, target: 'https://u:p@example.org/' }, /credentials/],
    [{ name: 'x', query: 'armes', channel: 'log' as const, schedule: { kind: 'daily' as const, at: '25:00', tz: 'Europe/Paris' } }, /HH:MM/],
    [{ name: 'x', query: 'armes', channel: 'log' as const, schedule: { kind: 'daily' as const, at: '07:00', tz: 'Paris' } }, /IANA/],
  ])('refuses %j', (input, message) => {
    expect(() => validateSubscription(input)).toThrow(message);
  });
});

describe('targets, schedules, filters', () => {
  it.each([
    ['webhook', 'https://hooks.exemple.org/vigie?x=1', 'https://hooks.exemple.org/vigie?x=1'],
    ['webhook', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['email', ' rédaction@journal-bamako.ml ', 'rédaction@journal-bamako.ml'],
    ['log', 'ignored', null],
  ] as const)('%s %s', (channel, target, out) => expect(validateTarget(channel, target)).toBe(out));

  it('accepts digests', () => {
    expect(validateSchedule({ kind: 'daily', at: '07:30', tz: 'Africa/Abidjan' })).toEqual({ kind: 'daily', at: '07:30', tz: 'Africa/Abidjan' });
    expect(validateSchedule({ kind: 'hourly' })).toEqual({ kind: 'hourly' });
    expect(validateSchedule(undefined)).toEqual({ kind: 'instant' });
  });

  it('turns empty lists into no filter', () => {
    expect(normalizeFilters({ topics: [], countries: undefined })).toEqual({
      topics: null, countries: null, organizations: null, regions: null, langs: null, feeds: null,
    });
  });
});
