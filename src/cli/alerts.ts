// `vigie alerts add|list|show|pause|resume|remove|test|failures`: keyword alert subscriptions
// (docs/alerts.md). Queries and filters are exactly those of `vigie search`.
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createSql, type Sql } from '../db/client.ts';
import { VigieError, describeError } from '../errors.ts';
import { formatFailures, formatSubscription, formatSubscriptionList } from '../alerts/format.ts';
import { nextDigestAt, type DigestSchedule } from '../alerts/schedule.ts';
import { generateSecret } from '../alerts/signature.ts';
import { validateSubscription, type Channel } from '../alerts/subscription.ts';
import { listFailures, subscriptionStats } from '../store/alert-deliveries.ts';
import {
  getSubscription,
  insertSubscription,
  listSubscriptions,
  pauseSubscription,
  removeSubscription,
  resumeSubscription,
  scheduleOf,
} from '../store/alert-subscriptions.ts';
import { formatHits } from '../search/format.ts';
import { parseLimitOption } from '../search/options.ts';
import { filtersOf, withFilterOptions, type FilterOptions } from './filter-options.ts';
import { searchArticles } from '../search/search.ts';


interface AddOptions extends FilterOptions {
  name: string;
  query: string;
  owner?: string;
  webhook?: string;
  email?: string;
  log?: boolean;
  digest?: 'hourly' | 'daily';
  at?: string;
  tz: string;
}

function usage(message: string): never {
  throw new VigieError(`alerts: ${message}`, { code: 'usage', permanent: true });
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) usage(`expected a subscription id (a positive integer); got '${raw}'`);
  return Number(raw);
}

async function withSql<T>(run: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = createSql(loadConfig().databaseUrl, { max: 2, applicationName: 'vigie-alerts' });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// Digest schedulers live in Redis: rebuild them now rather than at the scheduler's next pass.
async function syncSchedulers(): Promise<void> {
  const { openApp } = await import('./runtime.ts');
  const { syncDigestSchedules } = await import('../alerts/digest.ts');
  const app = await openApp('alerts', { logLevel: 'warn' });
  try {
    await syncDigestSchedules({ sql: app.sql, queues: app.queues, config: app.config });
  } catch (err) {
    // PostgreSQL has the change; the scheduler process applies it at its next pass.
    process.stderr.write(`vigie: digest schedules not updated now (${describeError(err)}); the scheduler will within 5 minutes\n`);
  } finally {
    await app.close();
  }
}

function channelOf(o: AddOptions): { channel: Channel; target: string | null } {
  const chosen = [o.webhook !== undefined, o.email !== undefined, Boolean(o.log)].filter(Boolean).length;
  if (chosen !== 1) usage('choose exactly one of --webhook URL, --email ADDRESS, --log');
  if (o.webhook !== undefined) return { channel: 'webhook', target: o.webhook };
  if (o.email !== undefined) return { channel: 'email', target: o.email };
  return { channel: 'log', target: null };
}

function scheduleOfOptions(o: AddOptions): DigestSchedule {
  if (!o.digest) {
    if (o.at) usage('--at needs --digest daily');
    return { kind: 'instant' };
  }
  if (o.digest === 'hourly') return { kind: 'hourly' };
  if (!o.at) usage('--digest daily needs --at HH:MM');
  return { kind: 'daily', at: o.at, tz: o.tz };
}

/** Registers `vigie alerts` and its subcommands. */
export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Keyword alert subscriptions: instant or digest, by webhook, e-mail or log (docs/alerts.md).');

  withFilterOptions(
    alerts
      .command('add')
      .description('Add a subscription; a webhook\'s signing secret is printed once, here only.')
      .requiredOption('--name <name>', 'name shown in messages')
      .requiredOption('--query <query>', 'query in the syntax of `vigie search`')
      .option('--owner <label>', 'who the subscription is for')
      .option('--webhook <url>', 'POST signed JSON to this URL')
      .option('--email <address>', 'send e-mails to this address')
      .option('--log', 'write one log line per message'),
  )
    .addOption(new Option('--digest <period>', 'gather matches into one message per period').choices(['hourly', 'daily']))
    .option('--at <HH:MM>', 'time of the daily digest')
    .option('--tz <zone>', 'IANA time zone of --at', 'Europe/Paris')
    .action(async (o: AddOptions) => {
      const { channel, target } = channelOf(o);
      const valid = validateSubscription({
        name: o.name,
        owner: o.owner,
        query: o.query,
        filters: filtersOf(o),
        channel,
        target,
        schedule: scheduleOfOptions(o),
      });
      const secret = channel === 'webhook' ? generateSecret() : null;
      const row = await withSql((sql) => insertSubscription(sql, valid, secret));
      if (row.schedule !== 'instant') await syncSchedulers();
      process.stdout.write(formatSubscriptionList([row]));
      if (secret) {
        process.stdout.write(`\nWebhook signing secret (shown only now, keep it safe):\n${secret}\n`);
      }
    });

  alerts
    .command('list')
    .description('List subscriptions.')
    .action(async () => {
      process.stdout.write(formatSubscriptionList(await withSql(listSubscriptions)));
    });

  alerts
    .command('show')
    .description('Show one subscription with its counts.')
    .argument('<id>')
    .action(async (raw: string) => {
      const id = parseId(raw);
      await withSql(async (sql) => {
        const sub = await getSubscription(sql, id);
        if (!sub) usage(`no subscription #${id}`);
        const next = sub.active ? nextDigestAt(scheduleOf(sub), new Date()) : null;
        process.stdout.write(formatSubscription(sub, await subscriptionStats(sql, id), next));
      });
    });

  alerts
    .command('pause')
    .description('Pause a subscription (no matching, no delivery) until resumed.')
    .argument('<id>')
    .option('--reason <text>', 'why', 'paused by hand')
    .action(async (raw: string, o: { reason: string }) => {
      const id = parseId(raw);
      if (!(await withSql((sql) => pauseSubscription(sql, id, o.reason)))) usage(`no subscription #${id}`);
      await syncSchedulers();
      console.log(`subscription #${id} paused`);
    });

  alerts
    .command('resume')
    .description('Resume a paused subscription and reset its failure count.')
    .argument('<id>')
    .action(async (raw: string) => {
      const id = parseId(raw);
      if (!(await withSql((sql) => resumeSubscription(sql, id)))) usage(`no subscription #${id}`);
      await syncSchedulers();
      console.log(`subscription #${id} resumed`);
    });

  alerts
    .command('remove')
    .description('Delete a subscription with its matches and messages.')
    .argument('<id>')
    .action(async (raw: string) => {
      const id = parseId(raw);
      if (!(await withSql((sql) => removeSubscription(sql, id)))) usage(`no subscription #${id}`);
      await syncSchedulers();
      console.log(`subscription #${id} removed`);
    });

  withFilterOptions(
    alerts
      .command('test')
      .description('Show what a subscription (or --query with filters) would have matched among articles of the last N days.')
      .argument('[id]', 'subscription id')
      .option('--query <query>', 'query to try instead of a subscription\'s'),
  )
    .option('--days <n>', 'look back this many days', '7')
    .option('--limit <n>', 'number of results (1-1000)', '50')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action(async (raw: string | undefined, o: FilterOptions & { query?: string; days: string; limit: string; format: 'table' | 'json' | 'csv' }) => {
      const days = parseLimitOption(o.days, 3650);
      const limit = parseLimitOption(o.limit, 1000);
      const since = new Date(Date.now() - days * 86_400_000);
      await withSql(async (sql) => {
        let request;
        if (raw !== undefined) {
          const sub = await getSubscription(sql, parseId(raw));
          if (!sub) usage(`no subscription #${raw}`);
          request = { ...sub, query: sub.query };
        } else {
          if (!o.query) usage('give a subscription id or --query');
          request = { query: o.query, ...filtersOf(o) };
        }
        // Exactly `vigie search` with the subscription's query and filters.
        const hits = await searchArticles({ sql }, { ...request, since, limit, candidates: Math.max(500, limit) });
        process.stdout.write(formatHits(hits, o.format));
      });
    });

  alerts
    .command('failures')
    .description('List messages that did not go out (failed, or retrying after a failure).')
    .option('--limit <n>', 'number of rows (1-1000)', '100')
    .action(async (o: { limit: string }) => {
      const limit = parseLimitOption(o.limit, 1000);
      process.stdout.write(formatFailures(await withSql((sql) => listFailures(sql, limit))));
    });
}
