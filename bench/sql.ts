// npm run bench:sql [-- --articles 1000000] [--runs 15] [--reuse]
// Fills a separate database (vigie_bench) with synthetic articles through COPY, then prints
// p50/p95 latency of every sql/queries example and of analyst.search with and without filters.
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createSql, type Sql } from '../src/db/client.ts';
import { dropDatabase, ensureDatabase, migrate } from '../src/db/migrate.ts';
import { percentile } from './e2e-stats.ts';
import { buildArticle, buildFeeds, buildVocabulary, copyValue, seededRandom } from './sql-corpus.ts';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '15' },
    feeds: { type: 'string', default: '400' },
    days: { type: 'string', default: '730' },
    reuse: { type: 'boolean', default: false },
    database: { type: 'string', default: 'vigie_bench' },
  },
});
const ARTICLES = Number(args.articles);
const RUNS = Number(args.runs);
const FEEDS = Number(args.feeds);
const SPAN_DAYS = Number(args.days);
const QUERIES_DIR = new URL('../sql/queries/', import.meta.url);

const config = loadConfig();
const benchUrl = new URL(config.databaseUrl);
benchUrl.pathname = '/' + args.database;

async function recreateDatabase(): Promise<void> {
  await dropDatabase(benchUrl.toString());
  await ensureDatabase(benchUrl.toString());
}

async function copyRows(sql: Sql, statement: string, rows: Iterable<string>): Promise<void> {
  function* chunks(): Generator<string> {
    let buffer: string[] = [];
    for (const row of rows) {
      buffer.push(row);
      if (buffer.length >= 2000) {
        yield buffer.join('');
        buffer = [];
      }
    }
    if (buffer.length) yield buffer.join('');
  }
  const writable = await sql.unsafe(statement).writable();
  await pipeline(Readable.from(chunks()), writable);
}

async function load(sql: Sql): Promise<void> {
  const random = seededRandom(20261124);
  const vocab = buildVocabulary(random);
  const feeds = buildFeeds(random, FEEDS);
  const now = new Date();
  await copyRows(sql, 'copy feeds (url, title, language, last_polled_at, last_success_at) from stdin',
    feeds.map((f) => [f.url, f.title, f.language, now.toISOString(), now.toISOString()].map(copyValue).join('\t') + '\n'));
  const topics: string[] = [];
  const entities: string[] = [];
  let nextId = 1;
  function* articleRows(): Generator<string> {
    for (let i = 0; i < ARTICLES; i++) {
      const a = buildArticle(random, vocab, feeds, now, SPAN_DAYS);
      const id = nextId++;
      for (const [topic, score] of a.topics) topics.push(`${id}\t${topic}\t${score}\n`);
      for (const [kind, entity, mentions] of a.entities) entities.push(`${id}\t${kind}\t${entity}\t${mentions}\n`);
      const url = `https://${a.feedId}.example/a/${id}`;
      // The same 'kind:id' strings as article_search_tags() in sql/002_search.sql.
      const tags = [...a.topics.map(([t]) => 't:' + t), ...a.entities.map(([k, e]) => k[0] + ':' + e)].sort();
      yield [a.feedId, url, url, a.status, 'page', a.title, a.text, a.lang, feeds[a.feedId - 1].title,
        a.publishedAt.toISOString(), a.discoveredAt.toISOString(), a.text.split(' ').length, `{${tags.join(',')}}`]
        .map(copyValue).join('\t') + '\n';
      if (id % 50_000 === 0) process.stdout.write(`  … ${id} articles\n`);
    }
  }
  let started = performance.now();
  await copyRows(sql,
    'copy articles (feed_id, canonical_url, url, status, content_source, title, text, lang, site_name, published_at, discovered_at, word_count, search_tags) from stdin',
    articleRows());
  const articleSeconds = (performance.now() - started) / 1000;
  console.log(`loaded ${ARTICLES} articles in ${articleSeconds.toFixed(1)} s (${Math.round(ARTICLES / articleSeconds)} articles/s, tsvector trigger included)`);
  const [{ max }] = await sql`select max(id) as max from articles`;
  if (Number(max) !== ARTICLES) throw new Error(`bench: expected article ids 1..${ARTICLES}, got max ${max} (database not fresh?)`);
  started = performance.now();
  // Bulk load: articles.search_tags was written by the articles COPY itself, so the per-statement
  // tag triggers (which would rewrite every article) are switched off for the tag COPY.
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await copyRows(tx as unknown as Sql, 'copy article_topics (article_id, topic, score) from stdin', topics);
    await copyRows(tx as unknown as Sql, 'copy article_entities (article_id, kind, entity, mentions) from stdin', entities);
  });
  const tagSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await sql`vacuum analyze`;
  console.log(`loaded ${topics.length} topic rows and ${entities.length} entity rows in ${tagSeconds.toFixed(1)} s (${Math.round((topics.length + entities.length) / tagSeconds)} rows/s)`);
  console.log(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function measure(sql: Sql, name: string, text: string): Promise<void> {
  let rows = 0;
  for (let i = 0; i < 2; i++) rows = (await sql.unsafe(text)).length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await sql.unsafe(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(44)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${String(rows).padStart(6)}`);
}

const SEARCHES: [string, string][] = [
  ['search: common word (armes)', `select * from analyst.search('armes')`],
  ['search: common words OR, 3 languages', `select * from analyst.search('armes OR arms OR armas')`],
  ['search: rare word', `select * from analyst.search('Rosoboronexport')`],
  ['search: phrase + exclusion', `select * from analyst.search('"vente d''armes" -Wagner')`],
  ['search: phrases OR, 2 languages, excl.', `select * from analyst.search('"vente d''armes" OR "arms sales" -Wagner -"drones turcs"')`],
  ['search: phrase + country ML + 30 days', `select * from analyst.search('"vente d''armes"', countries => '{ML}', since => now() - interval '30 days')`],
  ['search: word - phrase', `select * from analyst.search('armes -"vente d''armes"')`],
  // The worst case of a phrase: its words are common, but rarely adjacent in this order, so
  // every article holding both words (the index cannot tell more) is read to find a few matches.
  ['search: phrase rarely present (worst)', `select * from analyst.search('"armes vente"')`],
  ['search: accent-free', `select * from analyst.search('securite OR seguranca')`],
  ['search: no match', `select * from analyst.search('introuvablexyz')`],
  ['search + country ML + 30 days', `select * from analyst.search('armes', countries => '{ML}', since => now() - interval '30 days')`],
  ['search + topic arms_trade + lang fr', `select * from analyst.search('drones', topics => '{arms_trade}', langs => '{fr}')`],
  ['search + org wagner', `select * from analyst.search('Mali OR Sahel', organizations => '{wagner}')`],
  ['search + feed + since 1 year', `select * from analyst.search('contrat', feeds => '{1,2,3}', since => now() - interval '365 days')`],
];

async function main(): Promise<void> {
  if (!args.reuse) {
    console.log(`creating ${args.database} with ${ARTICLES} synthetic articles over ${SPAN_DAYS} days, ${FEEDS} feeds`);
    await recreateDatabase();
  }
  const sql = createSql(benchUrl.toString(), { max: 1, applicationName: 'vigie-bench-sql' });
  try {
    // With --reuse, only migrations added since the load are applied (the ledger skips the rest).
    const { applied } = await migrate(sql);
    if (args.reuse && applied.length > 0) console.log(`applied ${applied.join(', ')} to the reused database`);
    if (!args.reuse) await load(sql);
    const [{ n }] = await sql`select count(*)::int as n from analyst.articles`;
    console.log(`\n${n} stored articles; ${RUNS} runs per query after 2 warm-ups; milliseconds\n`);
    console.log(`${'query'.padEnd(44)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'rows'.padStart(6)}`);
    // Words of chosen document frequency (from a sample): the planner's trap lies between
    // the rare words (GIN bitmap) and the very common ones (newest rows first).
    for (const [label, share] of [['~5%', 0.05], ['~1%', 0.01], ['~0.2%', 0.002]] as const) {
      const [{ word }] = await sql`
        select word from ts_stat('select search_tsv from articles where id <= 5000')
        where word ~ '^[a-z]{5,}$' order by abs(ndoc - ${Math.round(5000 * share)}), word limit 1`;
      SEARCHES.push([`search: word in ${label} of articles (${word})`, `select * from analyst.search('${word}')`]);
      SEARCHES.push([`search: ${label} word + country ML`, `select * from analyst.search('${word}', countries => '{ML}')`]);
    }
    for (const [name, text] of SEARCHES) await measure(sql, name, text);
    for (const file of readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      await measure(sql, file, readFileSync(new URL(file, QUERIES_DIR), 'utf8'));
    }
  } finally {
    await sql.end({ timeout: 5 });
    console.log(`\n(database ${args.database} kept: rerun the queries with --reuse; drop it with: dropdb ${args.database})`);
  }
}

await main();
