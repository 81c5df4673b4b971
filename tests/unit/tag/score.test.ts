// Topic scores: repeated matches of one rule saturate (1, 1/2, 1/4…), other rules add in full.
import { describe, expect, it } from 'vitest';
import { saturatedScore } from '../../../src/tag/score.ts';

describe('saturatedScore', () => {
  it.each([
    ['no hit', [], 0],
    ['one hit', [{ rule: 'a', weight: 2 }], 2],
    ['a repeated rule saturates', [{ rule: 'a', weight: 2 }, { rule: 'a', weight: 2 }, { rule: 'a', weight: 2 }], 3.5],
    ['two rules add up', [{ rule: 'a', weight: 3 }, { rule: 'b', weight: 2.5 }, { rule: 'a', weight: 1 }], 6],
    ['title weights first', [{ rule: 'a', weight: 3.75 }, { rule: 'b', weight: 2 }, { rule: 'a', weight: 2.5 }, { rule: 'b', weight: 2 }], 8],
  ])('%s', (_name, hits, expected) => {
    expect(saturatedScore(hits)).toBeCloseTo(expected, 10);
  });
});
