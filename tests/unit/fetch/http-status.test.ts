import { describe, expect, it } from 'vitest';
import { flattenHeaders, isPermanentStatus, isRedirectStatus, parseRetryAfter } from '../../../src/fetch/http-status.ts';

describe('isPermanentStatus', () => {
  it.each([400, 401, 403, 404, 405, 406, 410, 451, 501, 422])('%i is permanent', (status) => {
    expect(isPermanentStatus(status)).toBe(true);
  });
  it.each([408, 425, 429, 500, 502, 503, 504, 520])('%i is transient', (status) => {
    expect(isPermanentStatus(status)).toBe(false);
  });
});

describe('isRedirectStatus', () => {
  it.each([
    [301, true], [302, true], [303, true], [307, true], [308, true],
    [300, false], [304, false], [305, false], [200, false],
  ])('%i → %s', (status, expected) => {
    expect(isRedirectStatus(status)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 01 Mar 2026 12:01:30 GMT', 90_000],
    ['Sunday, 01-Mar-26 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
  ])('%s → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([[undefined], [null], [''], ['1.5'], ['-3'], ['soon'], ['demain']])('%s → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('flattenHeaders', () => {
  it('lower-cases names and joins repeated values', () => {
    expect(flattenHeaders({ ETag: '"v1"', 'set-cookie': ['a=1', 'b=2'], gone: undefined })).toEqual({
      etag: '"v1"',
      'set-cookie': 'a=1, b=2',
    });
  });
});
