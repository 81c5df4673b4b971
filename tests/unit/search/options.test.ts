import { describe, expect, it } from 'vitest';
import { parseDateOption, parseFeedIds, parseLimitOption, parseListOption } from '../../../src/search/options.ts';

const NOW = new Date('2026-11-24T19:30:00Z');

describe('parseListOption', () => {
  it.each([
    [undefined, []],
    [['ML,NE', 'BF'], ['ML', 'NE', 'BF']],
    [[' ML , ,NE '], ['ML', 'NE']],
    [[''], []],
  ])('%j → %j', (input, expected) => {
    expect(parseListOption(input)).toEqual(expected);
  });
});

describe('parseFeedIds', () => {
  it('parses ids', () => expect(parseFeedIds(['3,12', '7'])).toEqual([3, 12, 7]));
  it.each(['0', '-1', 'https://x.example/feed', '1.5'])('rejects %s', (v) => {
    expect(() => parseFeedIds([v])).toThrow(/--feed expects feed ids/);
  });
});

describe('parseDateOption', () => {
  it.each([
    ['2026-11-01', false, '2026-11-01T00:00:00.000Z'],
    ['2026-11-01', true, '2026-11-02T00:00:00.000Z'],
    ['2024-02-29', true, '2024-03-01T00:00:00.000Z'],
    ['2026-11-01T08:15:00+01:00', false, '2026-11-01T07:15:00.000Z'],
    ['30d', false, '2026-10-25T19:30:00.000Z'],
    ['0d', true, '2026-11-24T19:30:00.000Z'],
  ])('%s (end of day: %s) → %s', (raw, endOfDay, expected) => {
    expect(parseDateOption(raw, NOW, '--since', endOfDay).toISOString()).toBe(expected);
  });

  it.each(['2026-02-30', '01/11/2026', 'hier', '30 jours', '2026-13-01', ''])('rejects %j naming the option', (raw) => {
    expect(() => parseDateOption(raw, NOW, '--until')).toThrow(/search: --until expects YYYY-MM-DD/);
  });
});

describe('parseLimitOption', () => {
  it('accepts 1..max', () => {
    expect(parseLimitOption('1', 1000)).toBe(1);
    expect(parseLimitOption('1000', 1000)).toBe(1000);
  });
  it.each(['0', '1001', '-5', '10.5', 'dix'])('rejects %s', (raw) => {
    expect(() => parseLimitOption(raw, 1000)).toThrow(/--limit expects an integer from 1 to 1000/);
  });
});
