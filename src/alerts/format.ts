// Pure rendering of subscriptions and failed deliveries for `vigie alerts list|show|failures`.
// Secrets never reach these functions (the rows are read without them).
import type { FailureRow } from '../store/alert-deliveries.ts';
import type { SubscriptionRow } from '../store/alert-subscriptions.ts';

/** Returns a subscription's schedule in words: 'instant', 'hourly', 'daily 07:30 Europe/Paris'. */
export function describeSchedule(s: Pick<SubscriptionRow, 'schedule' | 'digestAt' | 'digestTz'>): string {
  return s.schedule === 'daily' ? `daily ${s.digestAt} ${s.digestTz}` : s.schedule;
}

/** Returns a subscription's filters in the syntax of the command line ('--topic a,b --country ML'), or '' when none. */
export function describeFilters(s: Pick<SubscriptionRow, 'topics' | 'countries' | 'organizations' | 'regions' | 'langs' | 'feeds'>): string {
  const parts: [string, (string | number)[] | null][] = [
    ['--topic', s.topics],
    ['--country', s.countries],
    ['--org', s.organizations],
    ['--region', s.regions],
    ['--lang', s.langs],
    ['--feed', s.feeds],
  ];
  return parts
    .filter(([, v]) => v && v.length > 0)
    .map(([flag, v]) => `${flag} ${v!.join(',')}`)
    .join(' ');
}

function target(s: Pick<SubscriptionRow, 'channel' | 'target'>): string {
  return s.channel === 'log' ? 'log' : `${s.channel} ${s.target}`;
}

/** Returns one line per subscription: id, state, name, channel and target, schedule, query and filters. */
export function formatSubscriptionList(rows: SubscriptionRow[]): string {
  if (rows.length === 0) return 'Aucune alerte. Créez-en une avec `vigie alerts add`.\n';
  return (
    rows
      .map((s) => {
        const state = s.active ? 'active' : 'paused';
        const filters = describeFilters(s);
        return `#${s.id} [${state}] ${s.name} — ${target(s)} — ${describeSchedule(s)} — ${s.query}${filters ? ' ' + filters : ''}`;
      })
      .join('\n') + '\n'
  );
}

export interface SubscriptionStats {
  matches: number;
  waiting: number;
  sent: number;
  pending: number;
  failed: number;
}

/** Returns the detailed view of one subscription with its counts and next digest time. */
export function formatSubscription(s: SubscriptionRow, stats: SubscriptionStats, nextDigest: Date | null): string {
  const lines = [
    `#${s.id} ${s.name}${s.owner ? ` (${s.owner})` : ''}`,
    `  state:     ${s.active ? 'active' : `paused since ${s.pausedAt?.toISOString() ?? '?'}: ${s.pausedReason ?? ''}`}`,
    `  query:     ${s.query}`,
    `  filters:   ${describeFilters(s) || '(none)'}`,
    `  channel:   ${target(s)}`,
    `  schedule:  ${describeSchedule(s)}${nextDigest ? ` (next digest ${nextDigest.toISOString()})` : ''}`,
    `  index:     ${s.requiredLexemes ? s.requiredLexemes.join(' ') : '(every article is tested)'}`,
    `  matches:   ${stats.matches} (${stats.waiting} waiting for a digest)`,
    `  messages:  ${stats.sent} sent, ${stats.pending} pending, ${stats.failed} failed`,
    `  failures in a row: ${s.consecutiveFailures}`,
    `  created:   ${s.createdAt.toISOString()}, updated ${s.updatedAt.toISOString()}`,
  ];
  return lines.join('\n') + '\n';
}

/** Returns one block per delivery that did not go out, with its subscription, attempts and last error. */
export function formatFailures(rows: FailureRow[]): string {
  if (rows.length === 0) return 'Aucun échec de livraison.\n';
  return (
    rows
      .map((f) =>
        [
          `delivery #${f.deliveryId} (${f.kind}, ${f.articles} article(s)) ${f.status} after ${f.attempts} attempt(s)` +
            (f.lastAttemptAt ? `, last ${f.lastAttemptAt.toISOString()}` : ''),
          `  subscription #${f.subscriptionId} ${f.name} — ${target(f)}${f.active ? '' : ` — paused: ${f.pausedReason ?? ''}`}`,
          `  error [${f.lastErrorCode ?? '?'}]: ${f.lastError ?? ''}`,
        ].join('\n'),
      )
      .join('\n') + '\n'
  );
}
