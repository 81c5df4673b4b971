// The element-count side of src/extract/guard.ts: a page of a few hundred kilobytes made of
// hundreds of thousands of tiny blocks is refused before jsdom builds it.
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../../src/errors.ts';
import { MAX_ELEMENTS, checkNestingDepth, guardHtml, measureMarkup } from '../../../src/extract/guard.ts';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof ExtractError ? err.code : 'other';
  }
}

describe('measureMarkup', () => {
  it.each([
    ['<p>Été</p>', 1, 0],
    ['<div><p>L’armée</p><br><img src="a.png"/></div>', 4, 1],
    ['<ul><li>un<li>deux<li>trois</ul>', 4, 1],
    ['</div></div><span>x</span>', 1, 1],
    ['<!-- <div> --><!doctype html>texte sans balise', 1, 1],
    ['', 0, 0],
  ])('%s → %i start tags, depth %i', (html, elements, depth) => {
    expect(measureMarkup(html)).toEqual({ elements, depth });
  });
});

describe('element limit', () => {
  const blocks = (n: number) => `<html><body>${'<div>mot</div>'.repeat(n)}</body></html>`;

  it('accepts a page at the limit and refuses one past it, naming the count and the URL', () => {
    expect(() => guardHtml(blocks(MAX_ELEMENTS - 2), 'https://ex.fr/ok')).not.toThrow();
    expect(codeOf(() => guardHtml(blocks(MAX_ELEMENTS), 'https://ex.fr/blocs'))).toBe('too_many_elements');
    expect(() => checkNestingDepth(blocks(200_000), 'https://ex.fr/blocs')).toThrow(/^extract: 200002 elements exceed the limit of 50000: https:\/\/ex\.fr\/blocs$/);
  });

  it('takes a lower limit and reports depth first', () => {
    expect(codeOf(() => guardHtml(blocks(10), null, { maxElements: 5 }))).toBe('too_many_elements');
    expect(codeOf(() => guardHtml('<div>'.repeat(2000), null, { maxElements: 5 }))).toBe('too_deep');
  });
});
