// `vigie demo`: serves the bundled francophone sample feeds and pages on 127.0.0.1, ingests
// them end to end through the real queues into a dedicated database, and prints a summary
// and the result of one example analyst query.
import type { Command } from 'commander';
import { loadConfig, redactUrl, type Config } from '../config.ts';

/** The demo's own database (same server, name + '_demo') and queue prefix, so the demo never touches real data. */
export function demoConfig(base: Config, origin: string): Config {
  const url = new URL(base.databaseUrl);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1)) || 'vigie'}_demo`;
  return Object.freeze({
    ...base,
    databaseUrl: url.toString(),
    queuePrefix: `${base.queuePrefix}-demo`,
    fetchAllowlist: [...base.fetchAllowlist, origin],
    fetchHostDelayMs: 0,
    fetchHostConcurrency: 8,
    articlesConcurrency: Math.max(base.articlesConcurrency, 8),
  });
}

export const DEMO_QUERY = `-- Countries named in arms-trade articles, with the organizations cited alongside
-- (analyst.articles: one row per stored article, tags as arrays; see docs/analysts.md)
select country,
       count(distinct a.article_id) as articles,
       string_agg(distinct org, ', ') as organizations
  from analyst.articles a
 cross join unnest(a.countries) as country
  left join lateral unnest(a.organizations) as org on true
 where 'arms_trade' = any(a.topics)
 group by country
 order by articles desc, country
 limit 10`;

/** Returns rows as a plain-text table (psql style), columns in the rows' key order. */
export function formatTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(0 rows)';
  const columns = Object.keys(rows[0]);
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => ' ' + values.map((v, i) => v.padEnd(widths[i])).join(' | ');
  return [line(columns), '-' + widths.map((w) => '-'.repeat(w)).join('-+-') + '-', ...cells.map(line), `(${rows.length} rows)`].join('\n');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Offline demo: serve the bundled sample feeds on 127.0.0.1, ingest them through the real queues into the ' +
        'database <DATABASE_URL name>_demo (recreated at each run), and print a summary and an example query.',
    )
    .option('--keep-serving', 'keep the sample server running after the ingest (Ctrl-C to stop)')
    .action(async (opts: { keepServing?: boolean }) => {
      const { startFixtureServer } = await import('../demo/fixture-server.ts');
      const { resetDemo } = await import('../demo/reset.ts');
      const { openApp } = await import('./runtime.ts');
      const { ingestOnce } = await import('../ingest/once.ts');
      const { formatSummary } = await import('./ingest.ts');
      const { addFeed } = await import('../store/feeds.ts');

      const server = await startFixtureServer();
      try {
        const config = demoConfig(loadConfig(), server.origin);
        console.log(`Serving ${server.feedUrls.length} sample feeds on ${server.origin}`);
        await resetDemo(config);
        const app = await openApp('demo', { config, logLevel: 'warn' });
        try {
          for (const url of server.feedUrls) await addFeed(app.sql, { url, language: 'fr' });
          const summary = await ingestOnce(app, { timeoutMs: 5 * 60_000 });
          console.log(formatSummary(summary));
          console.log(`\nAn analyst query (database ${redactUrl(config.databaseUrl)}):\n\n${DEMO_QUERY}\n`);
          const rows = await app.sql.unsafe(DEMO_QUERY);
          console.log(formatTable(rows.map((r) => ({ ...r }))));
          console.log(`\nExplore: psql ${redactUrl(config.databaseUrl)}`);
        } finally {
          await app.close();
        }
        if (opts.keepServing) {
          const { untilSignal } = await import('../queue/run-main.ts');
          console.log(`Sample server still on ${server.origin}; Ctrl-C to stop.`);
          await untilSignal();
        }
      } finally {
        await server.close();
      }
    });
}
