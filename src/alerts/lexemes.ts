// The lexemes by which subscriptions are indexed. A subscription's compiled query (the very
// tsquery that `vigie search` uses, from search_ast_tsquery) is read back from its text form,
// and we derive a set of lexemes of which every matching document must contain at least one:
// for AND (and phrases) one operand's set suffices, the cheapest; for OR every alternative's;
// negations add nothing. An article's lexemes (tsvector_to_array of its stored tsvector) then
// select candidate subscriptions with `&&` on a GIN index, before the exact `@@` test.
import { VigieError } from '../errors.ts';

/** A tsquery tree as printed by PostgreSQL. */
export type TsQueryNode =
  | { lexeme: string; prefix: boolean }
  | { not: TsQueryNode }
  | { and: [TsQueryNode, TsQueryNode] }
  | { or: [TsQueryNode, TsQueryNode] }
  | { phrase: [TsQueryNode, TsQueryNode]; distance: number };

function fail(text: string, why: string): never {
  throw new VigieError(`alerts: cannot read tsquery (${why}): ${text.slice(0, 200)}`, { code: 'tsquery', permanent: true });
}

/** Returns the tree of a tsquery in PostgreSQL's text output form; throws VigieError when it is not one. */
export function parseTsQuery(text: string): TsQueryNode {
  let i = 0;
  const skip = () => {
    while (i < text.length && text[i] === ' ') i++;
  };
  // Precedence, loosest first: | then & then <N> then !.
  const parseOr = (): TsQueryNode => {
    let left = parseAnd();
    for (skip(); text[i] === '|'; skip()) {
      i++;
      left = { or: [left, parseAnd()] };
    }
    return left;
  };
  const parseAnd = (): TsQueryNode => {
    let left = parsePhrase();
    for (skip(); text[i] === '&'; skip()) {
      i++;
      left = { and: [left, parsePhrase()] };
    }
    return left;
  };
  const parsePhrase = (): TsQueryNode => {
    let left = parseUnary();
    for (skip(); text[i] === '<'; skip()) {
      const m = /^<(-|\d+)>/.exec(text.slice(i));
      if (!m) fail(text, `bad operator at ${i}`);
      i += m[0].length;
      left = { phrase: [left, parseUnary()], distance: m[1] === '-' ? 1 : Number(m[1]) };
    }
    return left;
  };
  const parseUnary = (): TsQueryNode => {
    skip();
    if (text[i] === '!') {
      i++;
      return { not: parseUnary() };
    }
    if (text[i] === '(') {
      i++;
      const inner = parseOr();
      skip();
      if (text[i] !== ')') fail(text, `')' expected at ${i}`);
      i++;
      return inner;
    }
    if (text[i] !== "'") fail(text, `lexeme expected at ${i}`);
    let lexeme = '';
    for (i++; ; i++) {
      if (i >= text.length) fail(text, 'unclosed quote');
      if (text[i] === '\\') lexeme += text[++i];
      else if (text[i] === "'" && text[i + 1] === "'") lexeme += text[i++];
      else if (text[i] === "'") break;
      else lexeme += text[i];
    }
    i++;
    let prefix = false;
    const suffix = /^:([*A-D]+)/.exec(text.slice(i));
    if (suffix) {
      prefix = suffix[1].includes('*');
      i += suffix[0].length;
    }
    return { lexeme, prefix };
  };
  const tree = parseOr();
  skip();
  if (i !== text.length) fail(text, `unexpected '${text[i]}' at ${i}`);
  return tree;
}

/** Returns the relative cost of a candidate set: short lexemes are frequent, so longer and fewer is cheaper. */
export function lexemeSetCost(lexemes: readonly string[]): number {
  return lexemes.reduce((sum, l) => sum + 1 / Math.max(1, [...l].length) ** 2, 0);
}

function required(node: TsQueryNode): string[] | null {
  if ('lexeme' in node) return node.prefix ? null : [node.lexeme];
  if ('not' in node) return null;
  if ('or' in node) {
    const a = required(node.or[0]);
    const b = required(node.or[1]);
    return a && b ? [...new Set([...a, ...b])] : null;
  }
  const [x, y] = 'and' in node ? node.and : node.phrase;
  const a = required(x);
  const b = required(y);
  if (!a) return b;
  if (!b) return a;
  return lexemeSetCost(a) <= lexemeSetCost(b) ? a : b;
}

/** Returns the sorted lexemes of which any document matching the tsquery `text` contains one, or null when no such set exists. */
export function requiredLexemes(text: string): string[] | null {
  const set = required(parseTsQuery(text));
  return set ? [...set].sort() : null;
}
