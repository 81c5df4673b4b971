import { Option, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createSql } from '../db/client.ts';
import { searchArticles } from '../search/search.ts';
import { formatHits, type OutputFormat } from '../search/format.ts';
import { parseDateOption, parseFeedIds, parseLimitOption, parseListOption } from '../search/options.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface SearchOptions {
  topic?: string[];
  country?: string[];
  org?: string[];
  region?: string[];
  lang?: string[];
  feed?: string[];
  since?: string;
  until?: string;
  limit: string;
  format: OutputFormat;
}

/** Registers `vigie search "query" [filters]`: ranked full-text search over stored articles. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('Search stored articles: words, "quoted phrases", OR, -exclusion (see docs/analysts.md).')
    .argument('<query>', 'query, e.g. \'Rosoboronexport OR "vente d\'armes" -football\'')
    .option('--topic <ids>', 'topic id(s), comma-separated or repeated (any matches)', collect)
    .option('--country <codes>', 'ISO 3166-1 alpha-2 code(s) named in the article', collect)
    .option('--org <ids>', 'organization id(s) named in the article', collect)
    .option('--region <ids>', 'region id(s) named in the article', collect)
    .option('--lang <codes>', 'article language(s), ISO 639-1', collect)
    .option('--feed <ids>', 'feed id(s)', collect)
    .option('--since <date>', 'from this date: YYYY-MM-DD, ISO date-time or Nd (days ago)')
    .option('--until <date>', 'up to this date, included when YYYY-MM-DD')
    .option('--limit <n>', 'number of results (1-1000)', '50')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action(async (query: string, options: SearchOptions) => {
      const now = new Date();
      const request = {
        query,
        topics: parseListOption(options.topic).map((v) => v.toLowerCase()),
        countries: parseListOption(options.country).map((v) => v.toUpperCase()),
        organizations: parseListOption(options.org).map((v) => v.toLowerCase()),
        regions: parseListOption(options.region).map((v) => v.toLowerCase()),
        langs: parseListOption(options.lang).map((v) => v.toLowerCase()),
        feeds: parseFeedIds(options.feed),
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
