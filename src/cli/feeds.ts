// `vigie feeds …`: the feeds registry (add, list, remove, enable, disable, import, export).
// Every subcommand migrates first, and updates the feed's job scheduler when Redis is
// reachable so that a running `vigie start` picks the change up; without Redis it says so and
// carries on (the scheduler rebuilds every schedule from PostgreSQL when it starts).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Redis } from 'ioredis';
import { loadConfig, redactUrl, type Config } from '../config.ts';
import { createSql, type Sql } from '../db/client.ts';
import { describeError, VigieError } from '../errors.ts';
import { findFeed, formatDuration, importFeeds, parseDurationS, validateFeedInput } from '../feeds/registry.ts';
import { baseIntervalS } from '../feeds/schedule.ts';
import { removeSchedule, rescheduleFeed, syncFeedSchedules } from '../feeds/scheduler.ts';
import { createQueues, feedSchedulerId, type Queues } from '../queue/queues.ts';
import { addFeed, listFeeds, removeFeed, setFeedEnabled, upsertFeed, type FeedRow } from '../store/feeds.ts';
import { migrateDatabase } from '../db/migrate.ts';

export const DEFAULT_FEEDS_OPML = new URL('../feeds/default-feeds.opml', import.meta.url);

interface Session {
  config: Config;
  sql: Sql;
  /** Runs `fn` with the queues when Redis answers; otherwise prints why the schedule was not updated. */
  withQueues(fn: (queues: Queues) => Promise<void>): Promise<void>;
}

async function withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'vigie-feeds' });
  try {
    return await fn({
      config,
      sql,
      async withQueues(inner) {
        const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null });
        let lastError: unknown = null;
        redis.on('error', (err) => {
          lastError = err;
        });
        try {
          await redis.connect();
        } catch (err) {
          console.error(`Redis is unreachable at ${redactUrl(config.redisUrl)} (${describeError(lastError ?? err)}): the schedule will be rebuilt from PostgreSQL when \`vigie start\` runs.`);
          redis.disconnect();
          return;
        }
        const queues = createQueues(redis, config.queuePrefix);
        try {
          await inner(queues);
        } finally {
          await queues.close();
          await redis.quit().catch(() => redis.disconnect());
        }
      },
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function requireFeed(sql: Sql, ref: string): Promise<FeedRow> {
  const feed = await findFeed(sql, ref);
  if (!feed) throw new VigieError(`feeds: no feed with id or URL '${ref}'`, { code: 'usage', permanent: true });
  return feed;
}

function when(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '-';
}

function cut(text: string | null, width: number): string {
  const t = text ?? '-';
  return t.length > width ? t.slice(0, width - 1) + '…' : t;
}

/** Returns the feeds as a readable table; adaptive intervals are shown with a leading '~'. */
export function formatFeedTable(feeds: FeedRow[], limits: Config): string {
  const header = ['id', 'url', 'title', 'lang', 'on', 'interval', 'last poll (UTC)', 'http', 'fail', 'next poll (UTC)', 'last error'];
  const rows = feeds.map((f) => [
    String(f.id), cut(f.url, 60), cut(f.title, 28), f.language ?? '-', f.enabled ? 'yes' : 'no',
    (f.pollIntervalS === null ? '~' : '') + formatDuration(baseIntervalS(f, limits)),
    when(f.lastPolledAt), f.lastHttpStatus === null ? '-' : String(f.lastHttpStatus), String(f.consecutiveFailures),
    when(f.nextPollAt), cut(f.lastError, 50),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function printFeed(feed: FeedRow): void {
  const interval = feed.pollIntervalS === null ? 'adaptive' : formatDuration(feed.pollIntervalS);
  console.log(`${feed.id}\t${feed.url}\tlang=${feed.language ?? '-'}\tcountry=${feed.country ?? '-'}\tinterval=${interval}\tenabled=${feed.enabled ? 'yes' : 'no'}`);
}

/** Registers `vigie feeds` and its subcommands. */
export function registerFeeds(program: Command): void {
  const feeds = program.command('feeds').description('Manage the feeds registry (stored in PostgreSQL).');

  feeds
    .command('add')
    .description('Add a feed (the URL is canonicalized); an existing feed gets the given options.')
    .argument('<url>', 'feed URL (http or https)')
    .option('--lang <code>', 'declared language, ISO 639-1 (e.g. fr)')
    .option('--country <code>', 'country of the outlet, ISO 3166-1 alpha-2 (e.g. ML)')
    .option('--interval <duration>', 'fixed poll interval such as 900s, 30m or 2h (default: adaptive)')
    .action(async (url: string, opts: { lang?: string; country?: string; interval?: string }) => {
      const input = validateFeedInput({
        url,
        ...(opts.lang !== undefined ? { language: opts.lang } : {}),
        ...(opts.country !== undefined ? { country: opts.country } : {}),
        ...(opts.interval !== undefined ? { pollIntervalS: parseDurationS(opts.interval) } : {}),
      });
      await withSession(async (s) => {
        const { added, feed: existing } = await addFeed(s.sql, input);
        const feed = added ? existing : (await upsertFeed(s.sql, input)).feed;
        console.log(added ? 'added' : 'already registered');
        printFeed(feed);
        await s.withQueues(async (queues) => {
          await rescheduleFeed({ sql: s.sql, queues, config: s.config }, feed);
        });
      });
    });

  feeds
    .command('list')
    .description('List the feeds with their polling state.')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }) => {
      await withSession(async (s) => {
        const rows = await listFeeds(s.sql);
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else console.log(rows.length === 0 ? 'no feeds (add one with `vigie feeds add URL` or `vigie feeds import --defaults`)' : formatFeedTable(rows, s.config));
      });
    });

  feeds
    .command('remove')
    .description('Remove a feed (its articles are kept) and its schedule.')
    .argument('<url-or-id>', 'feed URL or numeric id')
    .action(async (ref: string) => {
      await withSession(async (s) => {
        const feed = await requireFeed(s.sql, ref);
        await removeFeed(s.sql, feed.id);
        console.log(`removed ${feed.id}\t${feed.url}`);
        await s.withQueues(async (queues) => {
          await removeSchedule(queues.feeds, feedSchedulerId(feed.id));
        });
      });
    });

  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    feeds
      .command(name)
      .description(enabled ? 'Resume polling a feed.' : 'Stop polling a feed (it stays in the registry).')
      .argument('<url-or-id>', 'feed URL or numeric id')
      .action(async (ref: string) => {
        await withSession(async (s) => {
          const feed = await setFeedEnabled(s.sql, (await requireFeed(s.sql, ref)).id, enabled);
          if (!feed) throw new VigieError(`feeds: feed '${ref}' vanished`, { code: 'usage', permanent: true });
          printFeed(feed);
          await s.withQueues(async (queues) => {
            await rescheduleFeed({ sql: s.sql, queues, config: s.config }, feed);
          });
        });
      });
  }

  feeds
    .command('import')
    .description('Import feeds from an OPML file, or the bundled francophone list with --defaults; re-importing changes nothing.')
    .argument('[file]', 'OPML file')
    .option('--defaults', 'import the bundled list of francophone news and defence outlets')
    .action(async (file: string | undefined, opts: { defaults?: boolean }) => {
      if (!file && !opts.defaults) throw new VigieError('feeds: import needs an OPML file or --defaults', { code: 'usage', permanent: true });
      const source = file ?? DEFAULT_FEEDS_OPML;
      const { parseOpml } = await import('../feeds/opml.ts'); // jsdom: loaded only when needed
      const entries = parseOpml(await readFile(source, 'utf8'), String(file ?? 'default-feeds.opml'));
      await withSession(async (s) => {
        const result = await importFeeds(s.sql, entries);
        for (const bad of result.invalid) console.error(`skipped ${bad.url}: ${bad.reason}`);
        console.log(`feeds: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.invalid.length} invalid`);
        await s.withQueues(async (queues) => {
          await syncFeedSchedules({ sql: s.sql, queues, config: s.config });
        });
      });
    });

  feeds
    .command('export')
    .description('Print the registry as OPML 2.0 on stdout.')
    .action(async () => {
      await withSession(async (s) => {
        const { exportOpml } = await import('../feeds/opml.ts');
        process.stdout.write(exportOpml(await listFeeds(s.sql), { title: 'vigie feeds', dateCreated: new Date() }));
      });
    });
}
