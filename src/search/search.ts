// Runs the analysts' search (analyst.search) and the article-matching test that alerts reuse
// (search_matching_ids): one SQL predicate, so that an alert matches an article exactly when
// `vigie search` with the same query and filters returns it.
import type { Sql } from '../db/client.ts';
import { parseQuery, QueryError, type QueryAst } from './query.ts';

/** Filters of a search: null or empty = no filter; within one list any value matches; lists are AND-ed. */
export interface SearchFilters {
  topics?: string[] | null;
  countries?: string[] | null;
  organizations?: string[] | null;
  regions?: string[] | null;
  langs?: string[] | null;
  feeds?: number[] | null;
  /** Inclusive lower bound of the article date (dated_at). */
  since?: Date | null;
  /** Exclusive upper bound of the article date. */
  until?: Date | null;
}

export interface SearchRequest extends SearchFilters {
  query: string;
  /** Results returned (default 50, at most 1000). */
  limit?: number;
  /** Most recent matches ranked (default 500), see docs/analysts.md "Ranking". */
  candidates?: number;
}

export interface SearchHit {
  articleId: number;
  datedAt: Date;
  lang: string | null;
  siteName: string | null;
  feedId: number | null;
  title: string | null;
  url: string;
  rank: number;
  /** Passages of the text with the matched words between ** and **. */
  snippet: string;
  topics: string[];
  countries: string[];
  organizations: string[];
}

export interface SearchDeps {
  sql: Sql;
}

function list<T>(values: T[] | null | undefined): T[] | null {
  return values && values.length > 0 ? values : null;
}

// PostgreSQL raises 22023 from search_parse/search_ast_tsquery with a message meant for users.
function rethrowQueryError(err: unknown): never {
  const e = err as { code?: string; message?: string };
  if (e.code === '22023' && e.message?.startsWith('search:')) throw new QueryError(e.message);
  throw err;
}

/** Returns the ranked hits of analyst.search; throws QueryError for a bad query or one with only stop words. */
export async function searchArticles(deps: SearchDeps, request: SearchRequest): Promise<SearchHit[]> {
  const { sql } = deps;
  parseQuery(request.query);
  try {
    const rows = await sql`
      select * from analyst.search(
        ${request.query},
        topics => ${list(request.topics)}::text[],
        countries => ${list(request.countries)}::text[],
        organizations => ${list(request.organizations)}::text[],
        regions => ${list(request.regions)}::text[],
        langs => ${list(request.langs)}::text[],
        feeds => ${list(request.feeds)}::bigint[],
        since => ${request.since ?? null}::timestamptz,
        until => ${request.until ?? null}::timestamptz,
        max_results => ${request.limit ?? 50}::integer,
        candidates => ${request.candidates ?? 500}::integer)`;
    return rows as unknown as SearchHit[];
  } catch (err) {
    rethrowQueryError(err);
  }
}

/** Returns the ids among `articleIds` of stored articles that match `query` and `filters`, most recent first; throws QueryError. */
export async function matchArticles(
  deps: SearchDeps,
  query: string | QueryAst,
  filters: SearchFilters,
  articleIds: number[],
): Promise<number[]> {
  const { sql } = deps;
  const ast = typeof query === 'string' ? parseQuery(query) : query;
  if (articleIds.length === 0) return [];
  try {
    const rows = await sql`
      select id from search_matching_ids(
        search_ast_tsquery(${JSON.stringify(ast)}::text::jsonb),
        ${list(filters.topics)}::text[], ${list(filters.countries)}::text[],
        ${list(filters.organizations)}::text[], ${list(filters.regions)}::text[],
        ${list(filters.langs)}::text[], ${list(filters.feeds)}::bigint[],
        ${filters.since ?? null}::timestamptz, ${filters.until ?? null}::timestamptz,
        ${articleIds}::bigint[], ${articleIds.length}::integer)`;
    return rows.map((r) => Number(r.id));
  } catch (err) {
    rethrowQueryError(err);
  }
}

/** Returns the AST that PostgreSQL's search_parse gives for `query` (the psql path); throws QueryError. */
export async function parseQueryInDatabase(deps: SearchDeps, query: string): Promise<QueryAst> {
  try {
    const [row] = await deps.sql`select search_parse(${query}) as ast`;
    return row.ast as QueryAst;
  } catch (err) {
    rethrowQueryError(err);
  }
}
