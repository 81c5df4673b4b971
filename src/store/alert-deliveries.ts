// Queries of alert_deliveries: one row per message (an instant alert or a digest), its
// attempts, its outcome, and the articles it carries (through alert_matches.delivery_id).
import type { Sql } from '../db/client.ts';
import type { AlertArticle } from '../alerts/message.ts';

export interface DeliveryRow {
  id: number;
  subscriptionId: number;
  kind: 'instant' | 'digest';
  idempotencyKey: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  lastErrorCode: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
}

/** Returns one delivery row, or null. */
export async function getDelivery(sql: Sql, id: number): Promise<DeliveryRow | null> {
  const [row] = await sql<DeliveryRow[]>`select * from alert_deliveries where id = ${id}`;
  return row ?? null;
}

/** Returns the articles a delivery carries, oldest match first, with a snippet highlighting the subscription's query. */
export async function loadDeliveryArticles(sql: Sql, deliveryId: number): Promise<AlertArticle[]> {
  const rows = await sql<(Omit<AlertArticle, 'topics'> & { topics: AlertArticle['topics'] | null })[]>`
    select a.id, a.url, coalesce(a.title, a.item_title) as title, a.site_name, a.lang, a.published_at, a.stored_at,
           ts_headline(search_config(a.lang), coalesce(nullif(a.text, ''), a.item_summary, a.title, ''), s.query_tsq,
                       'MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=" … ", StartSel=**, StopSel=**') as snippet,
           (select jsonb_agg(jsonb_build_object('id', t.topic, 'score', t.score, 'evidence', t.evidence) order by t.score desc, t.topic)
              from article_topics t where t.article_id = a.id) as topics,
           array(select e.entity from article_entities e where e.article_id = a.id and e.kind = 'country' order by e.mentions desc, e.entity) as countries,
           array(select e.entity from article_entities e where e.article_id = a.id and e.kind = 'region' order by e.mentions desc, e.entity) as regions,
           array(select e.entity from article_entities e where e.article_id = a.id and e.kind = 'organization' order by e.mentions desc, e.entity) as organizations
      from alert_matches m
      join articles a on a.id = m.article_id
      join alert_subscriptions s on s.id = m.subscription_id
     where m.delivery_id = ${deliveryId}
     order by m.matched_at, a.id`;
  return rows.map((r) => ({ ...r, topics: r.topics ?? [] }));
}

/** Gathers every match of digest subscription `subscriptionId` waiting for a message into a new delivery keyed `key`; returns its id, or null when nothing waits. */
export async function createDigestDelivery(sql: Sql, subscriptionId: number, key: string): Promise<number | null> {
  return sql.begin(async (tx) => {
    // Serialize two digest jobs of one subscription: each match goes into exactly one message.
    const [sub] = await tx`select id from alert_subscriptions where id = ${subscriptionId} and active for update`;
    if (!sub) return null;
    const [waiting] = await tx`select 1 from alert_matches where subscription_id = ${subscriptionId} and delivery_id is null limit 1`;
    if (!waiting) return null;
    const [delivery] = await tx<{ id: number }[]>`
      insert into alert_deliveries (subscription_id, kind, idempotency_key)
      values (${subscriptionId}, 'digest', ${key}) returning id`;
    await tx`update alert_matches set delivery_id = ${delivery.id} where subscription_id = ${subscriptionId} and delivery_id is null`;
    return delivery.id;
  });
}

/** Records a successful send: the delivery is 'sent' and the subscription's failure count goes back to zero. */
export async function recordDeliverySent(sql: Sql, deliveryId: number): Promise<void> {
  await sql.begin(async (tx) => {
    const [d] = await tx<{ subscriptionId: number }[]>`
      update alert_deliveries set status = 'sent', attempts = attempts + 1, sent_at = now(), last_attempt_at = now(),
             last_error = null, last_error_code = null
       where id = ${deliveryId} returning subscription_id`;
    if (d) await tx`update alert_subscriptions set consecutive_failures = 0 where id = ${d.subscriptionId} and consecutive_failures <> 0`;
  });
}

export interface DeliveryFailure {
  error: string;
  errorCode: string;
  /** No further try: the delivery becomes 'failed'. */
  final: boolean;
  /** Failed attempts in a row after which the subscription is paused. */
  pauseAfter: number;
}

/** Records a failed attempt; pauses the subscription when it has failed `pauseAfter` times in a row; returns whether it did. */
export async function recordDeliveryFailure(sql: Sql, deliveryId: number, failure: DeliveryFailure): Promise<{ paused: boolean }> {
  return sql.begin(async (tx) => {
    const [d] = await tx<{ subscriptionId: number }[]>`
      update alert_deliveries
         set attempts = attempts + 1, last_attempt_at = now(), last_error = ${failure.error},
             last_error_code = ${failure.errorCode}, status = case when ${failure.final} then 'failed' else status end
       where id = ${deliveryId} and status = 'pending' returning subscription_id`;
    if (!d) return { paused: false };
    const reason = `${failure.pauseAfter} failed delivery attempts in a row; last: ${failure.error}`;
    const [s] = await tx<{ paused: boolean }[]>`
      update alert_subscriptions
         set consecutive_failures = consecutive_failures + 1,
             active = active and consecutive_failures + 1 < ${failure.pauseAfter},
             paused_reason = case when active and consecutive_failures + 1 >= ${failure.pauseAfter} then ${reason} else paused_reason end,
             paused_at = case when active and consecutive_failures + 1 >= ${failure.pauseAfter} then now() else paused_at end,
             updated_at = now()
       where id = ${d.subscriptionId}
      returning (paused_at = now() and not active) as paused`;
    return { paused: Boolean(s?.paused) };
  });
}

/** Marks a pending delivery 'failed' without an attempt (its subscription is paused or gone). */
export async function abandonDelivery(sql: Sql, deliveryId: number, error: string, errorCode: string): Promise<void> {
  await sql`
    update alert_deliveries set status = 'failed', last_error = ${error}, last_error_code = ${errorCode}, last_attempt_at = now()
     where id = ${deliveryId} and status = 'pending'`;
}

/** Returns the ids of deliveries still pending that were created more than `olderThanMs` ago (to re-enqueue them). */
export async function listPendingDeliveries(sql: Sql, olderThanMs: number, limit = 10_000): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from alert_deliveries
     where status = 'pending' and created_at < now() - ${olderThanMs} * interval '1 millisecond'
     order by id limit ${limit}`;
  return rows.map((r) => r.id);
}

export interface FailureRow {
  deliveryId: number;
  subscriptionId: number;
  name: string;
  channel: 'webhook' | 'email' | 'log';
  target: string | null;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastErrorCode: string | null;
  lastAttemptAt: Date | null;
  articles: number;
  active: boolean;
  pausedReason: string | null;
}

/** Returns deliveries that did not go out (failed, or pending after a failed attempt), most recent first. */
export async function listFailures(sql: Sql, limit = 100): Promise<FailureRow[]> {
  return sql<FailureRow[]>`
    select d.id as delivery_id, s.id as subscription_id, s.name, s.channel, s.target, d.kind, d.status, d.attempts,
           d.last_error, d.last_error_code, d.last_attempt_at, s.active, s.paused_reason,
           (select count(*)::int from alert_matches m where m.delivery_id = d.id) as articles
      from alert_deliveries d join alert_subscriptions s on s.id = d.subscription_id
     where d.status = 'failed' or (d.status = 'pending' and d.attempts > 0)
     order by d.last_attempt_at desc nulls last, d.id desc
     limit ${limit}`;
}

/** Returns the match and message counts of one subscription (for `vigie alerts show`). */
export async function subscriptionStats(
  sql: Sql,
  subscriptionId: number,
): Promise<{ matches: number; waiting: number; sent: number; pending: number; failed: number }> {
  const [row] = await sql<{ matches: number; waiting: number; sent: number; pending: number; failed: number }[]>`
    select (select count(*)::int from alert_matches where subscription_id = ${subscriptionId}) as matches,
           (select count(*)::int from alert_matches where subscription_id = ${subscriptionId} and delivery_id is null) as waiting,
           count(*) filter (where status = 'sent')::int as sent,
           count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'failed')::int as failed
      from alert_deliveries where subscription_id = ${subscriptionId}`;
  return row;
}
