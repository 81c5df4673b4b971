import { describe, expect, it } from 'vitest';
import { digestRepeat, instantOfWallTime, isTimeZone, nextDigestAt, parseTimeOfDay } from '../../../src/alerts/schedule.ts';

const at = (iso: string) => new Date(iso);

describe('nextDigestAt', () => {
  it.each([
    // Paris in winter (UTC+1) and summer (UTC+2).
    ['Europe/Paris', '07:30', '2026-01-15T05:00:00Z', '2026-01-15T06:30:00Z'],
    ['Europe/Paris', '07:30', '2026-01-15T06:30:00Z', '2026-01-16T06:30:00Z'],
    ['Europe/Paris', '07:30', '2026-07-15T04:00:00Z', '2026-07-15T05:30:00Z'],
    // Spring forward, Sunday 29 March 2026: 02:00 → 03:00. 07:30 is still 07:30 (now UTC+2).
    ['Europe/Paris', '07:30', '2026-03-28T12:00:00Z', '2026-03-29T05:30:00Z'],
    // 02:30 does not exist that day: sent at 03:30 local (01:30Z), the same wall time past the gap.
    ['Europe/Paris', '02:30', '2026-03-28T12:00:00Z', '2026-03-29T01:30:00Z'],
    // The day after, 02:30 exists again (UTC+2).
    ['Europe/Paris', '02:30', '2026-03-29T02:00:00Z', '2026-03-30T00:30:00Z'],
    // Fall back, Sunday 25 October 2026: 03:00 → 02:00. 02:30 happens twice: the first one (UTC+2).
    ['Europe/Paris', '02:30', '2026-10-24T12:00:00Z', '2026-10-25T00:30:00Z'],
    ['Europe/Paris', '07:30', '2026-10-24T12:00:00Z', '2026-10-25T06:30:00Z'],
    // Abidjan is UTC all year, no DST.
    ['Africa/Abidjan', '07:30', '2026-03-29T00:00:00Z', '2026-03-29T07:30:00Z'],
    ['Africa/Abidjan', '00:00', '2026-10-25T23:59:00Z', '2026-10-26T00:00:00Z'],
    // Across a date line: Kinshasa is UTC+1, the digest of 00:15 is the previous UTC day.
    ['Africa/Kinshasa', '00:15', '2026-05-01T12:00:00Z', '2026-05-01T23:15:00Z'],
  ])('%s at %s after %s → %s', (tz, time, after, expected) => {
    expect(nextDigestAt({ kind: 'daily', at: time, tz }, at(after))?.toISOString()).toBe(at(expected).toISOString());
  });

  it('hourly digests go at the next full hour, instant ones never', () => {
    expect(nextDigestAt({ kind: 'hourly' }, at('2026-03-29T01:59:59Z'))?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(nextDigestAt({ kind: 'hourly' }, at('2026-03-29T02:00:00Z'))?.toISOString()).toBe('2026-03-29T03:00:00.000Z');
    expect(nextDigestAt({ kind: 'instant' }, at('2026-03-29T02:00:00Z'))).toBeNull();
  });
});

describe('instantOfWallTime', () => {
  it('maps wall times to instants on ordinary and DST days', () => {
    expect(new Date(instantOfWallTime(Date.UTC(2026, 0, 1, 12, 0), 'Europe/Paris')).toISOString()).toBe('2026-01-01T11:00:00.000Z');
    expect(new Date(instantOfWallTime(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Paris')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(instantOfWallTime(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Paris')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('time of day, zones and cron patterns', () => {
  it.each(['07:30', '00:00', '23:59'])('accepts %s', (s) => expect(() => parseTimeOfDay(s)).not.toThrow());
  it.each(['7:30', '24:00', '12:60', '12h30', ''])('refuses %s', (s) => expect(() => parseTimeOfDay(s)).toThrow(/HH:MM/));
  it('knows IANA zones', () => {
    expect(isTimeZone('Africa/Abidjan')).toBe(true);
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
  it('builds BullMQ repeat options', () => {
    expect(digestRepeat({ kind: 'daily', at: '07:05', tz: 'Europe/Paris' })).toEqual({ pattern: '5 7 * * *', tz: 'Europe/Paris' });
    expect(digestRepeat({ kind: 'hourly' })).toEqual({ pattern: '0 * * * *' });
    expect(digestRepeat({ kind: 'instant' })).toBeNull();
  });
});

describe('BullMQ agrees', () => {
  // The job schedulers fire on BullMQ's cron (cron-parser): it must pick the instants we announce.
  it.each([
    ['Europe/Paris', '02:30', '2026-03-28T12:00:00Z'],
    ['Europe/Paris', '02:30', '2026-10-24T12:00:00Z'],
    ['Europe/Paris', '07:30', '2026-03-28T12:00:00Z'],
    ['Europe/Paris', '00:00', '2026-10-25T12:00:00Z'],
    ['Africa/Abidjan', '07:30', '2026-03-29T00:00:00Z'],
    ['America/Montreal', '06:45', '2026-03-08T00:00:00Z'],
  ])('%s %s after %s', async (tz, time, after) => {
    const { CronExpressionParser } = await import('cron-parser');
    const schedule = { kind: 'daily' as const, at: time, tz };
    const repeat = digestRepeat(schedule)!;
    const cron = CronExpressionParser.parse(repeat.pattern, { currentDate: new Date(after), tz: repeat.tz });
    let t = new Date(after);
    for (let i = 0; i < 3; i++) {
      const ours = nextDigestAt(schedule, t)!;
      expect(cron.next().toISOString()).toBe(ours.toISOString());
      t = ours;
    }
  });
});
