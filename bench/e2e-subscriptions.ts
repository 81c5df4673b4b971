// Alert subscriptions for the end-to-end benchmark, so that the alert-matching stage does real
// work: queries of the shapes analysts write, over words of the sample articles (so that some
// match), on daily digests (matches are recorded; nothing is delivered during the run).
import type { Sql } from '../src/db/client.ts';
import { requiredLexemes } from '../src/alerts/lexemes.ts';
import { parseQuery } from '../src/search/query.ts';
import { unitHash, type VariantSources } from './e2e-variants.ts';

/** Returns `count` deterministic subscription queries over the words (6+ letters) of `sources`' sentences. */
export function benchQueries(sources: VariantSources, count: number): string[] {
  const words = [...new Set(sources.sentences.flatMap((s) => s.match(/\p{L}{6,}/gu) ?? []))].sort();
  const word = (seed: number) => words[Math.floor(unitHash(seed) * words.length)];
  return Array.from({ length: count }, (_, i) => {
    const r = unitHash(i * 31 + 7);
    const [a, b, c] = [word(i * 3 + 1), word(i * 3 + 2), word(i * 3 + 3)];
    if (r < 0.45) return `${a} ${b}`;
    if (r < 0.65) return `${a} OR ${b} ${c}`;
    if (r < 0.8) return `"${a} ${b}"`;
    if (r < 0.9) return `${a} ${b} -${c}`;
    return a;
  });
}

/** Inserts `count` active daily-digest subscriptions (channel log) with their compiled tsquery and required lexemes. */
export async function insertBenchSubscriptions(sql: Sql, sources: VariantSources, count: number): Promise<void> {
  const queries = benchQueries(sources, count);
  for (let done = 0; done < queries.length; done += 500) {
    const batch = queries.slice(done, done + 500);
    const compiled = await sql<{ tsq: string }[]>`
      select search_ast_tsquery(x::jsonb)::text as tsq
        from unnest(${batch.map((q) => JSON.stringify(parseQuery(q)))}::text[]) with ordinality as t (x, i) order by i`;
    const rows = batch.map((query, i) => ({
      name: `bench ${done + i + 1}`,
      query,
      query_tsq: compiled[i].tsq,
      required_lexemes: requiredLexemes(compiled[i].tsq),
      channel: 'log',
      schedule: 'daily',
      digest_at: '08:00',
      digest_tz: 'Africa/Dakar',
    }));
    await sql`insert into alert_subscriptions ${sql(rows)}`;
  }
}
