import type { Command } from 'commander';
import { VigieError } from '../errors.ts';
import type { IngestSummary } from '../ingest/once.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Poll the feeds now, wait until every resulting article is processed, and print a summary.\nExits non-zero only when PostgreSQL or Redis is unreachable.')
    .requiredOption('--once', 'poll once and exit (the only mode; `vigie start` runs continuously)')
    .option('--feed <url>', 'poll only this registered feed')
    .option('--timeout <seconds>', 'stop waiting after this long', '600')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { feed?: string; timeout: string; json?: boolean }) => {
      const timeoutS = Number(opts.timeout);
      if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
        throw new VigieError(`ingest: --timeout must be a positive number of seconds; got '${opts.timeout}'`, { code: 'usage' });
      }
      const { ingestOnce } = await import('../ingest/once.ts');
      const { openApp } = await import('./runtime.ts');
      const app = await openApp('ingest', { logLevel: 'warn' });
      try {
        const summary = await ingestOnce(app, { feedUrl: opts.feed, timeoutMs: timeoutS * 1000 });
        console.log(opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      } finally {
        await app.close();
      }
    });
}

/** Returns the human-readable summary of an ingest run. */
export function formatSummary(s: IngestSummary): string {
  const lines: string[] = [];
  const failedFeeds = s.feeds.filter((f) => f.error);
  lines.push(`Feeds polled: ${s.feeds.length} (${s.feeds.length - failedFeeds.length} ok, ${failedFeeds.length} failed)`);
  for (const f of s.feeds) {
    const status = f.error ? `✗ ${f.error}` : `✓ HTTP ${f.httpStatus ?? '-'}, ${f.newArticles} new article(s)`;
    lines.push(`  ${f.title ?? f.url}  ${status}`);
  }
  const a = s.articles;
  lines.push(
    `Articles: ${a.discovered} new, ${a.fromPage + a.fromFeed} stored (${a.fromPage} from the page, ${a.fromFeed} from the feed's content), ${a.failed} failed, ${a.pending} pending`,
  );
  lines.push('Articles per topic:');
  if (s.topics.length === 0) lines.push('  (none)');
  for (const t of s.topics) lines.push(`  ${t.topic.padEnd(22)} ${t.articles}`);
  if (s.alerts.matches > 0) lines.push(`Alerts: ${s.alerts.matches} match(es), ${s.alerts.delivered} delivered`);
  lines.push(`Done in ${(s.durationMs / 1000).toFixed(1)} s${s.timedOut ? ' — timed out: some jobs were still running' : ''}.`);
  return lines.join('\n');
}
