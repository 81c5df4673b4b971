// The matching statement of the alerts stage and the queries around it. For a batch of stored
// articles, candidate subscriptions come from the GIN index on their required lexemes (`&&`
// with the article's lexemes), then the exact test runs on those only: the stored search
// tsquery against the stored tsvector (`@@`) and the filters through search_tag_filter, as
// search_matching_ids does (sql/003_search_query.sql). Each (subscription, article) pair is inserted once
// (primary key, ON CONFLICT DO NOTHING); an instant subscription's pair gets its delivery row
// in the same statement, keyed `alert-<subscription>-<article>`.
import type { Sql } from '../db/client.ts';

export interface MatchedPair {
  subscriptionId: number;
  articleId: number;
}

// The pairs of `articleIds` × active subscriptions that match, as a query fragment (columns
// subscription_id, article_id), so that one statement can find and record them.
function matchingPairs(sql: Sql, articleIds: number[], subscriptionIds: number[] | null) {
  return sql`
    with arts as materialized (
      select a.id, a.search_tsv, a.search_tags, a.lang, a.feed_id, tsvector_to_array(a.search_tsv) as lexemes
        from articles a
       where a.id = any(${articleIds}::bigint[]) and a.status = 'done' and a.search_tsv is not null
    )
    select s.id as subscription_id, a.id as article_id, s.schedule
      from arts a
      cross join lateral (
        -- Named columns, not s.*: the alerts stage's role may not read targets or secrets (sql/007).
        select s.id, s.schedule, s.query_tsq, s.topics, s.countries, s.organizations, s.regions, s.langs, s.feeds
          from alert_subscriptions s where s.active and s.required_lexemes && a.lexemes
        union all
        select s.id, s.schedule, s.query_tsq, s.topics, s.countries, s.organizations, s.regions, s.langs, s.feeds
          from alert_subscriptions s where s.active and s.required_lexemes is null
      ) s
     where a.search_tsv @@ s.query_tsq
       and (${subscriptionIds}::bigint[] is null or s.id = any(${subscriptionIds}::bigint[]))
       and (s.topics is null or a.search_tags && search_tag_filter('t', s.topics))
       and (s.countries is null or a.search_tags && search_tag_filter('c', s.countries))
       and (s.organizations is null or a.search_tags && search_tag_filter('o', s.organizations))
       and (s.regions is null or a.search_tags && search_tag_filter('r', s.regions))
       and (s.langs is null or a.lang = any(s.langs))
       and (s.feeds is null or a.feed_id = any(s.feeds))`;
}

/** Returns the (subscription, article) pairs among `articleIds` × active subscriptions (or only `subscriptionIds`) that match, without recording them. */
export async function findMatches(sql: Sql, articleIds: number[], subscriptionIds: number[] | null = null): Promise<MatchedPair[]> {
  if (articleIds.length === 0) return [];
  const rows = await sql<MatchedPair[]>`
    select subscription_id, article_id from (${matchingPairs(sql, articleIds, subscriptionIds)}) m order by 1, 2`;
  return rows.map((r) => ({ subscriptionId: r.subscriptionId, articleId: r.articleId }));
}

export interface RecordMatchesResult {
  /** Pairs recorded by this call (not those recorded by an earlier try). */
  matched: number;
  /** Instant deliveries of these articles still to send (new or left by a crashed try). */
  pendingDeliveryIds: number[];
}

/**
 * Finds and records every match of `articleIds` once, creates the instant deliveries, marks the
 * articles matched, and returns the instant deliveries of these articles still pending, all in
 * one statement. The commit is asynchronous (synchronous_commit off): a commit lost to a
 * PostgreSQL crash loses the "matched" mark with it, and the scheduler's recovery redoes it.
 */
export async function recordMatches(sql: Sql, articleIds: number[]): Promise<RecordMatchesResult> {
  if (articleIds.length === 0) return { matched: 0, pendingDeliveryIds: [] };
  return sql.begin(async (tx) => {
    // Both statements go out in one round trip (postgres.js pipelines them on the connection).
    const [, rows] = await Promise.all([
      tx`set local synchronous_commit = off`,
      tx<{ matched: number; pending: number[] }[]>`
      with pairs as materialized (
        select m.subscription_id, m.article_id, m.schedule,
               'alert-' || m.subscription_id || '-' || m.article_id as idempotency_key
          from (${matchingPairs(tx as unknown as Sql, articleIds, null)}) m
      ),
      deliveries as (
        insert into alert_deliveries (subscription_id, kind, idempotency_key)
        select subscription_id, 'instant', idempotency_key from pairs where schedule = 'instant'
        on conflict (idempotency_key) do nothing
        returning id, idempotency_key
      ),
      inserted as (
        insert into alert_matches (subscription_id, article_id, delivery_id)
        select p.subscription_id, p.article_id, d.id
          from pairs p left join deliveries d on d.idempotency_key = p.idempotency_key
        on conflict do nothing
        returning 1
      ),
      -- Runs although nothing reads it, like every data-modifying CTE.
      marked as (
        insert into alert_matched_articles (article_id)
        select id from articles where id = any(${articleIds}::bigint[]) and status = 'done'
        on conflict do nothing
      ),
      -- Deliveries left pending by an earlier, interrupted try (this statement's snapshot
      -- predates its own inserts, returned by the CTE above).
      earlier as (
        select d.id
          from alert_matches m join alert_deliveries d on d.id = m.delivery_id
         where m.article_id = any(${articleIds}::bigint[]) and d.kind = 'instant' and d.status = 'pending'
      )
      select (select count(*)::int from inserted) as matched,
             array(select id from deliveries union select id from earlier order by 1) as pending`,
    ]);
    return { matched: rows[0].matched, pendingDeliveryIds: rows[0].pending.map(Number) };
  });
}

/** Returns up to `limit` articles stored in the last `withinDays` days, more than `olderThanMs` ago, and never matched; oldest first. */
export async function listUnmatchedArticles(sql: Sql, olderThanMs: number, limit: number, withinDays = 3): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select a.id from articles a
     where a.status = 'done'
       and a.stored_at >= now() - ${withinDays} * interval '1 day'
       and a.stored_at < now() - ${olderThanMs} * interval '1 millisecond'
       and not exists (select 1 from alert_matched_articles m where m.article_id = a.id)
     order by a.id limit ${limit}`;
  return rows.map((r) => r.id);
}
