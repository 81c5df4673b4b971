import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationS, validateFeedInput } from '../../../src/feeds/registry.ts';

describe('parseDurationS', () => {
  it.each([
    ['900', 900], ['900s', 900], ['30m', 1800], ['30min', 1800], ['2h', 7200], ['1d', 86_400], ['1.5h', 5400], [' 45 s ', 45], ['2H', 7200],
  ])('%s → %i s', (raw, expected) => {
    expect(parseDurationS(raw)).toBe(expected);
  });
  it.each([['0'], ['-5m'], ['5x'], ['m'], [''], ['1h30']])('refuses %s', (raw) => {
    expect(() => parseDurationS(raw)).toThrow(/interval must be a duration/);
  });
});

describe('formatDuration', () => {
  it.each([[45, '45s'], [300, '5m'], [1800, '30m'], [3600, '1h'], [5400, '1h30m'], [86_400, '1d'], [172_800, '2d']])('%i → %s', (s, expected) => {
    expect(formatDuration(s)).toBe(expected);
  });
});

describe('validateFeedInput', () => {
  it('canonicalizes the URL and normalizes the codes', () => {
    expect(validateFeedInput({ url: 'HTTPS://WWW.RFI.fr/fr/afrique/rss?xtor=RSS#x', language: 'FR', country: 'ml' }))
      .toEqual({ url: 'https://www.rfi.fr/fr/afrique/rss', language: 'fr', country: 'ML' });
    // Absent attributes stay absent, so that an update leaves them alone.
    expect(validateFeedInput({ url: 'https://ex.fr/rss' })).toEqual({ url: 'https://ex.fr/rss' });
  });
  it.each([
    [{ url: 'javascript:alert(1)' }, /not an http\(s\) feed URL/],
    [{ url: 'feed://ex.fr/rss' }, /not an http\(s\) feed URL/],
    [{ url: 'https://ex.fr/rss', language: 'français' }, /language must be an ISO 639-1 code/],
    [{ url: 'https://ex.fr/rss', country: 'France' }, /country must be an ISO 3166-1 alpha-2 code/],
  ])('refuses %o', (input, pattern) => {
    expect(() => validateFeedInput(input)).toThrow(pattern);
  });
});
