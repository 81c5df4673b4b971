// The counts of a chaos run (scripts/chaos-run.ts): what PostgreSQL holds for the corpus and
// what the webhook receiver got, against what should be there, and the report's text.
import type { Sql } from '../src/db/client.ts';
import { findMatches } from '../src/store/alert-matches.ts';
import type { Corpus, Delivery } from './chaos-corpus.ts';
import type { ChaosOptions, FaultRecord } from './chaos-run.ts';

export interface ChaosReport {
  expected: number;
  stored: number;
  storedTwice: number;
  missing: number;
  failed: number;
  /** Stored from the feed item's text because the page could not be fetched in any try. */
  fromFeedText: number;
  /** Subscriptions paused after repeated delivery failures (their alerts would go missing unseen). */
  subscriptionsPaused: number;
  alertsExpected: number;
  alertsDelivered: number;
  alertsMissing: number;
  alertsTwiceWithoutSameKey: number;
  redeliveriesSameKey: number;
  invalidSignatures: number;
  /** The first missing articles with their state, to see why. */
  missingDetail: string[];
  /** Worker exits the harness did not cause (each restarted, like a supervisor would). */
  unexpectedExits: string[];
  faults: FaultRecord[];
  /** From the end of the last fault until everything expected was stored and alerted; null when it never was. */
  recoveryMs: number | null;
  totalMs: number;
  ok: boolean;
}

export interface Observation {
  complete: boolean;
  counts: Omit<ChaosReport, 'unexpectedExits' | 'faults' | 'recoveryMs' | 'totalMs' | 'ok'>;
}

/** Returns the counts now; `complete` once every item is stored and every expected alert was received. */
export async function observe(sql: Sql, corpus: Corpus, deliveries: Delivery[]): Promise<Observation> {
  const guids = corpus.items.map((i) => i.guid);
  const known = new Set(guids);
  type Row = { id: number; guid: string; url: string; status: string; contentSource: string | null; attempts: number; errorCode: string | null };
  const rows: Row[] = await sql<Row[]>`select id, guid, url, status, content_source, attempts, error_code from articles order by id`;
  const [{ paused }] = await sql<{ paused: number }[]>`select count(*)::int as paused from alert_subscriptions where not active`;
  const byGuid = new Map<string, Row[]>();
  for (const r of rows) byGuid.set(r.guid, [...(byGuid.get(r.guid) ?? []), r]);
  const isStored = (g: string) => (byGuid.get(g) ?? []).some((r) => r.status === 'done');
  const storedTwice = [...byGuid.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0);
  const unknown = rows.filter((r) => !known.has(r.guid)).length;
  const storedIds = rows.filter((r) => r.status === 'done').map((r) => r.id);
  const urlOf = new Map(rows.map((r) => [r.id, r.url]));

  // What the alerts should be: the matching statement's own answer, computed afresh.
  const pairs = await findMatches(sql, storedIds);
  const expectedPairs = new Set(pairs.map((p) => `${p.subscriptionId} ${urlOf.get(p.articleId)}`));
  const keysByPair = new Map<string, Set<string>>();
  for (const d of deliveries) {
    for (const url of d.articleUrls) {
      const pair = `${d.subscriptionId} ${url}`;
      keysByPair.set(pair, (keysByPair.get(pair) ?? new Set()).add(d.idempotencyKey));
    }
  }
  const distinctKeys = new Set(deliveries.map((d) => d.idempotencyKey));
  const alertsMissing = [...expectedPairs].filter((p) => !keysByPair.has(p)).length;
  const missingGuids = guids.filter((g) => !isStored(g));
  const counts = {
    expected: guids.length,
    stored: guids.length - missingGuids.length,
    storedTwice: storedTwice + unknown,
    missing: missingGuids.length,
    failed: rows.filter((r) => r.status === 'failed').length,
    fromFeedText: rows.filter((r) => r.status === 'done' && r.contentSource === 'feed').length,
    subscriptionsPaused: paused,
    alertsExpected: expectedPairs.size,
    alertsDelivered: distinctKeys.size,
    alertsMissing,
    alertsTwiceWithoutSameKey: [...keysByPair.values()].reduce((n, keys) => n + keys.size - 1, 0),
    redeliveriesSameKey: deliveries.length - distinctKeys.size,
    invalidSignatures: deliveries.filter((d) => !d.signatureValid).length,
    missingDetail: missingGuids.slice(0, 10).map((g) => {
      const row = byGuid.get(g)?.[0];
      return row ? `${g}: ${row.status}, ${row.attempts} attempt(s), ${row.errorCode ?? 'no error recorded'}` : `${g}: never discovered`;
    }),
  };
  return { complete: counts.missing === 0 && alertsMissing === 0, counts };
}

/** True when every count that must be 0 is (stored twice, missing, paused, alerts missing or twice, bad signatures). */
export function passes(c: Observation['counts']): boolean {
  return c.storedTwice === 0 && c.missing === 0 && c.subscriptionsPaused === 0 && c.alertsMissing === 0 && c.alertsTwiceWithoutSameKey === 0 && c.invalidSignatures === 0;
}

/** Returns the report as the lines `npm run chaos` prints. */
export function formatReport(report: ChaosReport, options: ChaosOptions): string {
  const mark = (n: number) => (n === 0 ? '' : '   <-- must be 0');
  const s = (ms: number | null) => (ms === null ? 'never (timed out)' : `${(ms / 1000).toFixed(1)} s`);
  return [
    `chaos: ${options.feeds} feeds × ${options.items} items, seed ${options.seed}, ${options.cycles} round(s) of faults`,
    ...report.faults.map((f, i) => `  fault ${i + 1} at ${(f.atMs / 1000).toFixed(1)} s: ${f.detail}`),
    ...report.unexpectedExits.map((e) => `  worker exit not caused by the harness: ${e}`),
    `articles expected                         ${report.expected}`,
    `articles stored                           ${report.stored}`,
    `articles stored twice                     ${report.storedTwice}${mark(report.storedTwice)}`,
    `articles missing after recovery           ${report.missing}${mark(report.missing)}`,
    ...report.missingDetail.map((m) => `  missing ${m}`),
    `articles failed for good                  ${report.failed}`,
    `articles stored from the feed's text      ${report.fromFeedText}`,
    `subscriptions paused                      ${report.subscriptionsPaused}${mark(report.subscriptionsPaused)}`,
    `alerts expected (subscription × article)  ${report.alertsExpected}`,
    `alerts delivered (distinct keys)          ${report.alertsDelivered}`,
    `alerts missing after recovery             ${report.alertsMissing}${mark(report.alertsMissing)}`,
    `alerts delivered twice, different keys    ${report.alertsTwiceWithoutSameKey}${mark(report.alertsTwiceWithoutSameKey)}`,
    `redeliveries with the same key (allowed)  ${report.redeliveriesSameKey}`,
    `deliveries with a bad signature           ${report.invalidSignatures}${mark(report.invalidSignatures)}`,
    `recovery after the last fault             ${s(report.recoveryMs)}`,
    `total                                     ${s(report.totalMs)}`,
    report.ok ? 'OK' : 'FAILED',
  ].join('\n');
}
