// `vigie retag [--since DATE] [--feed URL]`: re-tags stored articles after a rules change.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createSql } from '../db/client.ts';
import { VigieError } from '../errors.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadRules } from '../tag/load-rules.ts';
import { formatRetagSummary, retagArticles } from '../tag/retag.ts';

/** Returns the date of a --since value (YYYY-MM-DD or ISO 8601); throws a usage VigieError otherwise. */
export function parseSince(raw: string): Date {
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new VigieError(`retag: --since must be a date such as 2025-01-31; got '${raw}'`, { code: 'usage' });
  }
  return date;
}

/** Registers `vigie retag [--since DATE] [--feed URL]`. */
export function registerRetag(program: Command): void {
  program
    .command('retag')
    .description('Re-tag stored articles with the current rules; rewrites only the articles whose tags change.')
    .option('--since <date>', 'only articles published (or discovered) on or after this date')
    .option('--feed <url>', 'only articles of this feed')
    .action(async (opts: { since?: string; feed?: string }) => {
      const since = opts.since ? parseSince(opts.since) : null;
      const rules = loadRules();
      const config = loadConfig();
      await migrateDatabase(config.databaseUrl);
      const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'vigie-retag' });
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'retag [{bar}] {value}/{total} articles' }, cliProgress.Presets.shades_classic) : null;
      try {
        let started = false;
        const summary = await retagArticles({
          sql,
          rules,
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        }, { since, feedUrl: opts.feed ?? null });
        bar?.stop();
        for (const line of formatRetagSummary(summary)) console.log(line);
      } finally {
        bar?.stop();
        await sql.end({ timeout: 5 });
      }
    });
}
