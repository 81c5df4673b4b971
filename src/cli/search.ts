import { Option, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createSql } from '../db/client.ts';
import { searchArticles } from '../search/search.ts';
import { formatHits, type OutputFormat } from '../search/format.ts';
import { parseDateOption, parseLimitOption } from '../search/options.ts';
import { filtersOf, withFilterOptions, type FilterOptions } from './filter-options.ts';

interface SearchOptions extends FilterOptions {
  since?: string;
  until?: string;
  limit: string;
  format: OutputFormat;
}

/** Registers `vigie search "query" [filters]`: ranked full-text search over stored articles. */
export function registerSearch(program: Command): void {
  withFilterOptions(
    program
      .command('search')
      .description('Search stored articles: words, "quoted phrases", OR, -exclusion (see docs/analysts.md).')
      .argument('<query>', 'query, e.g. \'Rosoboronexport OR "vente d\'armes" -football\''),
  )
    .option('--since <date>', 'from this date: YYYY-MM-DD, ISO date-time or Nd (days ago)')
    .option('--until <date>', 'up to this date, included when YYYY-MM-DD')
    .option('--limit <n>', 'number of results (1-1000)', '50')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action(async (query: string, options: SearchOptions) => {
      const now = new Date();
      const request = {
        query,
        ...filtersOf(options),
        since: options.since ? parseDateOption(options.since, now, '--since') : null,
        until: options.until ? parseDateOption(options.until, now, '--until', true) : null,
        limit: parseLimitOption(options.limit, 1000),
      };
      const config = loadConfig();
      const sql = createSql(config.databaseUrl, { max: 1, applicationName: 'vigie-search' });
      try {
        const hits = await searchArticles({ sql }, request);
        process.stdout.write(formatHits(hits, options.format));
      } finally {
        await sql.end({ timeout: 5 });
      }
    });
}
