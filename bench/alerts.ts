// Alert matching throughput (articles/s) with 1,000 and 10,000 active subscriptions of
// realistic shapes, next to the naive baseline (every subscription's tsquery tested against
// every article, no lexeme index) measured in the same run; then the time from an article
// being stored to its webhook being received (p50/p95) under a steady ingest load through the
// real alerts and deliveries queues. Uses its own database and Redis prefix, dropped at the end.
// Run: npm run bench -- alerts   (about a minute; PostgreSQL and Redis on their default ports)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { createSql, type Sql } from '../src/db/client.ts';
import { dropDatabase, ensureDatabase, migrate } from '../src/db/migrate.ts';
import { deleteQueueKeys } from '../src/demo/reset.ts';
import { createAppDeps } from '../src/deps.ts';
import { silentLogger } from '../src/log.ts';
import { requiredLexemes } from '../src/alerts/lexemes.ts';
import { recordMatches } from '../src/store/alert-matches.ts';
import { enqueueArticleMatch } from '../src/alerts/recover.ts';
import { ALERTS_JOB_OPTIONS, alertsJobId } from '../src/queue/queues.ts';
import { generateSecret } from '../src/alerts/signature.ts';
import { parseQuery } from '../src/search/query.ts';
import { startAlertsWorker } from '../workers/alerts.ts';
import { startDeliveriesWorker } from '../workers/deliveries.ts';

// A deterministic generator, so that two runs measure the same work.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const DOMAIN = [
  'armes', 'munitions', 'drones', 'hélicoptères', 'blindés', 'fusils', 'missiles', 'patrouilleurs', 'corvette', 'radars',
  'embargo', 'contrat', 'livraison', 'mercenaires', 'trafic', 'armement', 'sécurité', 'défense', 'frontière', 'coopération',
  'Rosoboronexport', 'Wagner', 'Rheinmetall', 'Thales', 'Dassault', 'Safran', 'Baykar', 'Norinco', 'Elbit', 'Naval',
  'Bamako', 'Niamey', 'Ouagadougou', 'Dakar', 'Abidjan', 'Conakry', 'Kinshasa', 'Alger', 'Rabat', 'Tunis', 'Tripoli',
  'Sahel', 'Mali', 'Niger', 'Burkina', 'Sénégal', 'Tchad', 'Soudan', 'Libye', 'Mozambique', 'Cameroun', 'Nigeria',
];
// Proper nouns of a long tail (outlets, officials, units, programmes) complete a 1,500-term vocabulary.
const SYLLABLES = ['ka', 'ro', 'vi', 'ten', 'mal', 'dor', 'sa', 'lu', 'ber', 'ni', 'ko', 'tra', 'mi', 'zan', 'gou', 'fel'];
const VOCABULARY = [...DOMAIN];
while (VOCABULARY.length < 1500) {
  const w = pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES);
  if (!VOCABULARY.includes(w)) VOCABULARY.push(w[0].toUpperCase() + w.slice(1));
}
const FILLER = (
  'le la les un une des du de et à au aux en dans sur pour par avec sans selon après avant pendant contre entre ' +
  'gouvernement ministre président armée forces pays région capitale accord annonce semaine mois année jour ' +
  'officiel source rapport conférence presse déclaration autorités population situation question projet ' +
  'nouveau grand premier dernier important national international militaire politique économique ' +
  'a été est sont ont fait dit annoncé signé confirmé indiqué expliqué rappelé souligné'
).split(' ');
const COUNTRIES = ['ML', 'NE', 'BF', 'SN', 'TD', 'SD', 'LY', 'MZ', 'CM', 'NG', 'RU', 'FR', 'TR', 'CN'];
const TOPICS = ['arms-sales', 'arms-transfers', 'security', 'mercenaries', 'embargo', 'defence-industry'];

/** Returns a subscription query of one of the shapes analysts write. */
function randomQuery(): string {
  const term = () => pick(VOCABULARY);
  const r = random();
  if (r < 0.45) return `${term()} ${term()}`;
  if (r < 0.65) return `${term()} OR ${term()} ${term()}`;
  if (r < 0.8) return `"${term()} ${term()}"`;
  if (r < 0.9) return `${term()} ${term()} -${term()}`;
  return term();
}

function randomArticle(): { title: string; text: string } {
  const words: string[] = [];
  for (let i = 0; i < 260; i++) words.push(random() < 0.04 ? pick(VOCABULARY) : pick(FILLER));
  return { title: [pick(DOMAIN), pick(FILLER), pick(VOCABULARY), pick(FILLER), pick(DOMAIN)].join(' '), text: words.join(' ') };
}

async function insertSubscriptions(sql: Sql, count: number, extra: { webhook?: string; secret?: string } = {}): Promise<void> {
  for (let done = 0; done < count; done += 1000) {
    const n = Math.min(1000, count - done);
    const queries = Array.from({ length: n }, randomQuery);
    const asts = queries.map((q) => JSON.stringify(parseQuery(q)));
    const compiled = await sql<{ tsq: string | null }[]>`
      select (select search_ast_tsquery(x::jsonb)::text) as tsq from unnest(${asts}::text[]) with ordinality as t (x, i) order by i`;
    const rows = queries.map((query, i) => {
      const filtered = random() < 0.15;
      return {
        name: `bench ${done + i}`,
        query,
        query_tsq: compiled[i].tsq!,
        required_lexemes: requiredLexemes(compiled[i].tsq!),
        countries: filtered ? [pick(COUNTRIES)] : null,
        topics: filtered && random() < 0.5 ? [pick(TOPICS)] : null,
        channel: 'log',
        target: null,
      };
    });
    await sql`insert into alert_subscriptions ${sql(rows)}`;
  }
}

async function insertArticles(sql: Sql, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = randomArticle();
    const url = `https://bench.example/${randomBytes(8).toString('hex')}`;
    const [row] = await sql<{ id: number }[]>`
      insert into articles (canonical_url, url, status, title, text, lang, stored_at)
      values (${url}, ${url}, 'done', ${a.title}, ${a.text}, 'fr', now()) returning id`;
    await sql`insert into article_topics (article_id, topic, score) values (${row.id}, ${pick(TOPICS)}, 0.7)`;
    await sql`insert into article_entities (article_id, kind, entity) values (${row.id}, 'country', ${pick(COUNTRIES)})`;
    ids.push(row.id);
  }
  return ids;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measureMatching(sql: Sql, articleIds: number[], batch = 1): Promise<{ perSecond: number; matchesPerArticle: number }> {
  const t = performance.now();
  let matched = 0;
  for (let i = 0; i < articleIds.length; i += batch) {
    matched += (await recordMatches(sql, articleIds.slice(i, i + batch))).matched;
  }
  return { perSecond: articleIds.length / ((performance.now() - t) / 1000), matchesPerArticle: matched / articleIds.length };
}

// The baseline: no index, every active subscription's tsquery against the article.
async function measureNaive(sql: Sql, articleIds: number[]): Promise<number> {
  const t = performance.now();
  for (const id of articleIds) {
    await sql`select s.id from alert_subscriptions s join articles a on a.id = ${id} where s.active and a.search_tsv @@ s.query_tsq`;
  }
  return articleIds.length / ((performance.now() - t) / 1000);
}

/** Prints matching throughput at 1,000 and 10,000 subscriptions (and the naive baseline), then store-to-webhook latency p50/p95. */
export async function benchAlerts(): Promise<void> {
  const base = loadConfig();
  const url = new URL(base.databaseUrl);
  const dbName = `vigie_bench_alerts_${randomBytes(4).toString('hex')}`;
  url.pathname = '/' + dbName;
  await ensureDatabase(url.toString());
  const sql = createSql(url.toString(), { max: 4, applicationName: 'vigie-bench-alerts' });
  const prefix = `vigie-bench-alerts-${randomBytes(4).toString('hex')}`;
  try {
    await migrate(sql);
    for (const total of [1_000, 10_000]) {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from alert_subscriptions`;
      await insertSubscriptions(sql, total - n);
      const articles = await insertArticles(sql, 300);
      await sql`analyze`;
      await measureMatching(sql, articles.slice(0, 20)); // warm-up
      const m = await measureMatching(sql, articles.slice(20, 160));
      const b = await measureMatching(sql, articles.slice(160), 20);
      const naive = await measureNaive(sql, articles.slice(0, 40));
      const [{ unindexed }] = await sql<{ unindexed: number }[]>`select count(*)::int as unindexed from alert_subscriptions where required_lexemes is null`;
      console.log(
        `matching, ${total} subscriptions: ${m.perSecond.toFixed(0)} articles/s one by one, ${b.perSecond.toFixed(0)} in batches of 20 ` +
          `(${m.matchesPerArticle.toFixed(1)} matches/article, ` +
          `${unindexed} unindexed) · naive every-subscription scan: ${naive.toFixed(0)} articles/s (target ≥ 200 at 10,000)`,
      );
    }

    // Steady ingest: 20 articles/s for 12 s through the real queues, one webhook subscription that matches them all.
    const received = new Map<number, number>();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        received.set(body.articles[0].id, performance.now());
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [{ tsq }] = await sql<{ tsq: string }[]>`select search_ast_tsquery(${JSON.stringify(parseQuery('Sahel'))}::text::jsonb)::text as tsq`;
    await sql`insert into alert_subscriptions (name, query, query_tsq, required_lexemes, channel, target, secret)
              values ('bench webhook', 'Sahel', ${tsq}::tsquery, ${requiredLexemes(tsq)}, 'webhook', ${origin + '/hook'}, ${generateSecret()})`;
    const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), VIGIE_QUEUE_PREFIX: prefix, VIGIE_FETCH_ALLOWLIST: origin });
    const app = createAppDeps(config, silentLogger, { applicationName: 'vigie-bench-alerts' });
    const alerts = startAlertsWorker(app);
    const deliveries = startDeliveriesWorker(app);
    const storedAt = new Map<number, number>();
    const end = performance.now() + 12_000;
    while (performance.now() < end) {
      const a = randomArticle();
      const u = `https://bench.example/${randomBytes(8).toString('hex')}`;
      const [row] = await sql<{ id: number }[]>`
        insert into articles (canonical_url, url, status, title, text, lang, stored_at)
        values (${u}, ${u}, 'done', ${'Sahel : ' + a.title}, ${a.text}, 'fr', now()) returning id`;
      storedAt.set(row.id, performance.now());
      await enqueueArticleMatch(app.queues, row.id);
      await new Promise((r) => setTimeout(r, 50));
    }
    const deadline = performance.now() + 20_000;
    while (received.size < storedAt.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const latencies = [...storedAt].filter(([id]) => received.has(id)).map(([id, t]) => received.get(id)! - t).sort((a, b) => a - b);
    console.log(
      `store-to-webhook under ${(storedAt.size / 12).toFixed(0)} articles/s with 10,001 subscriptions: ` +
        `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms ` +
        `(${received.size}/${storedAt.size} received; target p95 < 2000 ms)`,
    );
    // Throughput of the alerts stage itself, through its queue (deliveries stopped so that they
    // do not compete for the CPU): a burst of stored articles enqueued at once.
    await deliveries.close();
    const burst = await insertArticles(sql, 400);
    const t = performance.now();
    await app.queues.alerts.addBulk(burst.map((articleId) => ({ name: 'match', data: { articleId }, opts: { ...ALERTS_JOB_OPTIONS, jobId: alertsJobId(articleId) } })));
    for (;;) {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from alert_matched_articles where article_id = any(${burst}::bigint[])`;
      if (n === burst.length || performance.now() - t > 30_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(`alerts worker alone (through the queue, batched), 10,001 subscriptions: ${(burst.length / ((performance.now() - t) / 1000)).toFixed(0)} articles/s over a burst of ${burst.length}`);
    await alerts.close();
    await app.close();
    await deleteQueueKeys(base.redisUrl, prefix);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  } finally {
    await sql.end({ timeout: 5 });
    await dropDatabase(url.toString());
  }
}
