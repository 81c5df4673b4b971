// The analysts' query syntax (docs/analysts.md), parsed into the AST that the SQL compiler
// search_ast_tsquery (sql/003_search_query.sql) turns into a tsquery. search_parse in the same file is
// a port of parseQuery for psql users; tests/integration/analyst-search.test.ts proves that both
// give the same AST (or the same error) on every case of tests/unit/search/query.test.ts.
import { VigieError } from '../errors.ts';

/** A word (elision removed) or a quoted phrase, as typed. */
export type Term = { word: string } | { phrase: string };

/** Clauses are AND-ed: `any` lists OR alternatives, `not` excludes a term. */
export type Clause = { any: Term[] } | { not: Term };

export interface QueryAst {
  clauses: Clause[];
}

export class QueryError extends VigieError {
  constructor(message: string) {
    super(message, { code: 'query', permanent: true });
  }
}

export const MAX_QUERY_LENGTH = 1000;

// Characters that separate words: ASCII white space, no-break space, thin and narrow no-break
// spaces (French typography puts them inside « guillemets »).
const SPACES = ' \t\n\v\f\r\u00a0\u2009\u202f';
const OR_WORDS = new Set(['OR', 'OU', '|']);
const AND_WORDS = new Set(['AND', 'ET', '&']);
const ELISION = /^(l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu)'(?=.)/i;

function isSpace(ch: string): boolean {
  return SPACES.includes(ch);
}

function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s[start])) start++;
  while (end > start && isSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

/** Returns the query with typographic quotes and apostrophes replaced by ASCII ones, in NFC. */
export function normalizeQuery(query: string): string {
  return query.normalize('NFC').replace(/[“”„«»]/g, '"').replace(/[’‘ʼ]/g, "'");
}

type Token = { kind: 'or' } | { kind: 'atom'; negated: boolean; term: Term };

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (isSpace(s[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (s[i] === '-') {
      while (i < s.length && s[i] === '-') i++;
      if (i >= s.length || isSpace(s[i])) continue;
      negated = true;
    }
    if (s[i] === '"') {
      const close = s.indexOf('"', i + 1);
      // An unclosed quote runs to the end of the query.
      const raw = close < 0 ? s.slice(i + 1) : s.slice(i + 1, close);
      i = close < 0 ? s.length : close + 1;
      const phrase = trimSpaces(raw);
      if (phrase !== '') tokens.push({ kind: 'atom', negated, term: { phrase } });
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s[j]) && s[j] !== '"') j++;
    const word = s.slice(i, j);
    i = j;
    if (!negated && OR_WORDS.has(word)) tokens.push({ kind: 'or' });
    else if (!negated && AND_WORDS.has(word)) continue;
    else tokens.push({ kind: 'atom', negated, term: { word: word.replace(ELISION, '') } });
  }
  return tokens;
}

/** Returns the AST of `query`; throws QueryError when it is empty, over 1000 characters, only exclusions, or excludes inside OR. */
export function parseQuery(query: string): QueryAst {
  if ([...query].length > MAX_QUERY_LENGTH) {
    throw new QueryError(`search: a query must be 1 to ${MAX_QUERY_LENGTH} characters long`);
  }
  const clauses: Clause[] = [];
  let orPending = false;
  let prevAtom = false;
  for (const token of tokenize(normalizeQuery(query))) {
    if (token.kind === 'or') {
      // A leading, trailing or doubled OR is ignored.
      orPending = orPending || prevAtom;
      prevAtom = false;
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (orPending) {
      orPending = false;
      if (token.negated || 'not' in last) {
        throw new QueryError(`search: an excluded term cannot be an alternative of OR: '${query}'`);
      }
      last.any.push(token.term);
    } else if (token.negated) {
      clauses.push({ not: token.term });
    } else {
      clauses.push({ any: [token.term] });
    }
    prevAtom = true;
  }
  if (clauses.length === 0) throw new QueryError('search: empty query');
  if (!clauses.some((c) => 'any' in c)) {
    throw new QueryError(`search: a query needs at least one term that is not excluded: '${query}'`);
  }
  return { clauses };
}

/** Returns the text of a term (its word or its phrase). */
export function termText(term: Term): string {
  return 'word' in term ? term.word : term.phrase;
}

/** Returns the terms an article must contain at least one of per clause (the positive clauses), for indexing subscriptions. */
export function positiveClauses(ast: QueryAst): Term[][] {
  return ast.clauses.flatMap((c) => ('any' in c ? [c.any] : []));
}

/** Returns the query written back in canonical syntax (phrases quoted, OR explicit, exclusions with '-'). */
export function formatQuery(ast: QueryAst): string {
  const term = (t: Term) => ('word' in t ? t.word : `"${t.phrase}"`);
  return ast.clauses.map((c) => ('any' in c ? c.any.map(term).join(' OR ') : `-${term(c.not)}`)).join(' ');
}
