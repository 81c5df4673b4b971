// Queries of the alert_subscriptions table. The query is compiled once, at creation, by the
// search compiler (search_ast_tsquery of the search parser's AST) and indexed by the lexemes
// a matching article must contain (src/alerts/lexemes.ts).
import type { Sql } from '../db/client.ts';
import { requiredLexemes } from '../alerts/lexemes.ts';
import type { DigestSchedule } from '../alerts/schedule.ts';
import type { Channel, SubscriptionFilters, ValidSubscription } from '../alerts/subscription.ts';
import { parseQuery, QueryError } from '../search/query.ts';

export interface SubscriptionRow extends SubscriptionFilters {
  id: number;
  name: string;
  owner: string | null;
  query: string;
  queryTsq: string;
  requiredLexemes: string[] | null;
  channel: Channel;
  target: string | null;
  schedule: 'instant' | 'hourly' | 'daily';
  digestAt: string | null;
  digestTz: string | null;
  active: boolean;
  pausedReason: string | null;
  pausedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A subscription with its webhook secret, for the delivery stage only. */
export interface SubscriptionWithSecret extends SubscriptionRow {
  secret: string | null;
}

// Every column but the secret.
const COLUMNS = [
  'id', 'name', 'owner', 'query', 'query_tsq', 'required_lexemes', 'topics', 'countries', 'organizations', 'regions',
  'langs', 'feeds', 'channel', 'target', 'schedule', 'digest_at', 'digest_tz', 'active', 'paused_reason', 'paused_at',
  'consecutive_failures', 'created_at', 'updated_at',
];

/** Returns the schedule of a subscription row. */
export function scheduleOf(row: Pick<SubscriptionRow, 'schedule' | 'digestAt' | 'digestTz'>): DigestSchedule {
  if (row.schedule === 'daily') return { kind: 'daily', at: row.digestAt ?? '00:00', tz: row.digestTz ?? 'UTC' };
  return { kind: row.schedule };
}

/** Returns the text of the tsquery that search compiles for `query`; throws QueryError when nothing searchable remains. */
export async function compileQuery(sql: Sql, query: string): Promise<string> {
  const ast = parseQuery(query);
  // A bare string parameter cast to jsonb would be encoded by postgres.js as a JSON string: go through text.
  try {
    const [row] = await sql<{ tsq: string }[]>`select search_ast_tsquery((${JSON.stringify(ast)}::text)::jsonb)::text as tsq`;
    return row.tsq;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '22023' && e.message) throw new QueryError(e.message);
    throw err;
  }
}

/** Inserts a subscription with its compiled query and lexemes; returns the row. Throws QueryError for a query with nothing searchable. */
export async function insertSubscription(sql: Sql, sub: ValidSubscription, secret: string | null): Promise<SubscriptionRow> {
  const tsq = await compileQuery(sql, sub.query);
  const f = sub.filters;
  const s = sub.schedule;
  const [row] = await sql<SubscriptionRow[]>`
    insert into alert_subscriptions (
      name, owner, query, query_tsq, required_lexemes, topics, countries, organizations, regions, langs, feeds,
      channel, target, secret, schedule, digest_at, digest_tz)
    values (
      ${sub.name}, ${sub.owner}, ${sub.query}, ${tsq}::tsquery, ${requiredLexemes(tsq)}::text[],
      ${f.topics}::text[], ${f.countries}::text[], ${f.organizations}::text[], ${f.regions}::text[], ${f.langs}::text[],
      ${f.feeds}::bigint[], ${sub.channel}, ${sub.target}, ${secret}, ${s.kind},
      ${s.kind === 'daily' ? s.at : null}, ${s.kind === 'daily' ? s.tz : null})
    returning ${sql(COLUMNS)}`;
  return row;
}

/** Returns every subscription (without secrets), oldest first. */
export async function listSubscriptions(sql: Sql): Promise<SubscriptionRow[]> {
  return sql<SubscriptionRow[]>`select ${sql(COLUMNS)} from alert_subscriptions order by id`;
}

/** Returns one subscription (without its secret), or null. */
export async function getSubscription(sql: Sql, id: number): Promise<SubscriptionRow | null> {
  const [row] = await sql<SubscriptionRow[]>`select ${sql(COLUMNS)} from alert_subscriptions where id = ${id}`;
  return row ?? null;
}

/** Returns one subscription with its webhook secret, or null (delivery stage only). */
export async function getSubscriptionWithSecret(sql: Sql, id: number): Promise<SubscriptionWithSecret | null> {
  const [row] = await sql<SubscriptionWithSecret[]>`select ${sql(COLUMNS)}, secret from alert_subscriptions where id = ${id}`;
  return row ?? null;
}

/** Pauses a subscription with `reason`; returns false when it does not exist. */
export async function pauseSubscription(sql: Sql, id: number, reason: string): Promise<boolean> {
  const rows = await sql`
    update alert_subscriptions set active = false, paused_reason = ${reason}, paused_at = now(), updated_at = now()
     where id = ${id} returning id`;
  return rows.length > 0;
}

/** Resumes a subscription and forgets its failures; returns false when it does not exist. */
export async function resumeSubscription(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql`
    update alert_subscriptions
       set active = true, paused_reason = null, paused_at = null, consecutive_failures = 0, updated_at = now()
     where id = ${id} returning id`;
  return rows.length > 0;
}

/** Deletes a subscription with its matches and deliveries; returns false when it does not exist. */
export async function removeSubscription(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql`delete from alert_subscriptions where id = ${id} returning id`;
  return rows.length > 0;
}

/** Returns the active digest subscriptions (id and schedule), for the scheduler. */
export async function listDigestSubscriptions(sql: Sql): Promise<Pick<SubscriptionRow, 'id' | 'schedule' | 'digestAt' | 'digestTz'>[]> {
  return sql`select id, schedule, digest_at, digest_tz from alert_subscriptions where active and schedule <> 'instant' order by id`;
}
