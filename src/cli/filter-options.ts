// The filter options shared by `vigie search` and `vigie alerts add|test`: the same flags,
// parsed the same way, so that an alert means exactly what the same search means.
import type { Command } from 'commander';
import { parseFeedIds, parseListOption } from '../search/options.ts';

export interface FilterOptions {
  topic?: string[];
  country?: string[];
  org?: string[];
  region?: string[];
  lang?: string[];
  feed?: string[];
}

export interface Filters {
  topics: string[];
  countries: string[];
  organizations: string[];
  regions: string[];
  langs: string[];
  feeds: number[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds --topic, --country, --org, --region, --lang and --feed (repeatable, comma-separated) to `command`. */
export function withFilterOptions(command: Command): Command {
  return command
    .option('--topic <ids>', 'topic id(s), comma-separated or repeated (any matches)', collect)
    .option('--country <codes>', 'ISO 3166-1 alpha-2 code(s) named in the article', collect)
    .option('--org <ids>', 'organization id(s) named in the article', collect)
    .option('--region <ids>', 'region id(s) named in the article', collect)
    .option('--lang <codes>', 'article language(s), ISO 639-1', collect)
    .option('--feed <ids>', 'feed id(s)', collect);
}

/** Returns the filters given by the options (ids case-normalized as the database compares them); throws QueryError on a bad feed id. */
export function filtersOf(o: FilterOptions): Filters {
  return {
    topics: parseListOption(o.topic).map((v) => v.toLowerCase()),
    countries: parseListOption(o.country).map((v) => v.toUpperCase()),
    organizations: parseListOption(o.org).map((v) => v.toLowerCase()),
    regions: parseListOption(o.region).map((v) => v.toLowerCase()),
    langs: parseListOption(o.lang).map((v) => v.toLowerCase()),
    feeds: parseFeedIds(o.feed),
  };
}
