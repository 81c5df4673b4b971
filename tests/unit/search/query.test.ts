import { describe, expect, it } from 'vitest';
import { formatQuery, normalizeQuery, parseQuery, positiveClauses, QueryError } from '../../../src/search/query.ts';
import { QUERY_CASES } from './query-cases.ts';

describe('parseQuery', () => {
  it.each(QUERY_CASES.filter((c) => c.ast))('$name', ({ query, ast }) => {
    expect(parseQuery(query)).toEqual(ast);
  });

  it.each(QUERY_CASES.filter((c) => c.error))('rejects: $name', ({ query, error }) => {
    expect(() => parseQuery(query)).toThrow(QueryError);
    expect(() => parseQuery(query)).toThrow(error!);
  });

  it('accepts exactly 1000 characters', () => {
    expect(parseQuery('a'.repeat(1000)).clauses).toHaveLength(1);
  });

  it('marks its errors permanent with code "query"', () => {
    try {
      parseQuery('-x');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'query', permanent: true });
    }
  });
});

describe('normalizeQuery', () => {
  it.each([
    ['« vente »', '" vente "'],
    ['l’armée ‘x’ ʼy', "l'armée 'x' 'y"],
    ['„a“ ”b”', '"a" "b"'],
    ['e\u0301', 'é'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeQuery(input)).toBe(expected);
  });
});

describe('positiveClauses and formatQuery', () => {
  it('lists the positive clauses, for indexing subscriptions by their terms', () => {
    const ast = parseQuery('Wagner OR "Africa Corps" Mali -football');
    expect(positiveClauses(ast)).toEqual([[{ word: 'Wagner' }, { phrase: 'Africa Corps' }], [{ word: 'Mali' }]]);
  });

  it.each([
    ['Wagner OR "Africa Corps" Mali -football', 'Wagner OR "Africa Corps" Mali -football'],
    ["OU l'armée  -«\u00a0rafale de vent\u00a0»", 'armée -"rafale de vent"'],
  ])('formats %s as %s, which parses back to the same AST', (query, canonical) => {
    const ast = parseQuery(query);
    expect(formatQuery(ast)).toBe(canonical);
    expect(parseQuery(formatQuery(ast))).toEqual(ast);
  });
});
