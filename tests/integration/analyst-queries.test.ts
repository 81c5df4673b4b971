// Every worked example of sql/queries/ runs against the seeded corpus and its result is checked,
// so that docs/analysts.md stays true.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedAnalystCorpus, seedDate, SEED_ARTICLES } from './analyst-seed.ts';

const DIR = new URL('../../sql/queries/', import.meta.url);
let db: TestDatabase;
let ids: Record<string, number>;

beforeAll(async () => {
  db = await createTestDatabase('analyst_queries');
  ({ ids } = await seedAnalystCorpus(db.sql));
});

afterAll(async () => {
  await db?.drop();
});

type Row = Record<string, unknown>;
const run = (file: string): Promise<Row[]> => db.sql.unsafe(readFileSync(new URL(file, DIR), 'utf8')) as unknown as Promise<Row[]>;
const keysOf = (rows: Row[]) => rows.map((r) => Object.keys(ids).find((k) => ids[k] === Number(r.articleId)));
const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const mondayOf = (daysAgo: number) => {
  const d = seedDate(daysAgo);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};
const done = SEED_ARTICLES.filter((a) => (a.status ?? 'done') === 'done');

const CHECKS: Record<string, (rows: Row[]) => void> = {
  '01-search-ranked.sql': (rows) => {
    // Рособоронэкспорт (Cyrillic) is another word: the TASS article needs the Cyrillic spelling.
    expect(keysOf(rows).sort()).toEqual(['algeria-jets', 'angola', 'mali-helicos']);
    expect(rows.every((r) => String(r.snippet).includes('**Rosoboronexport**'))).toBe(true);
    const ranks = rows.map((r) => Number(r.rank));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  },
  '02-search-filters.sql': (rows) => {
    expect(keysOf(rows)).toEqual(['mali-helicos', 'sahel-drones']);
    expect(rows[1].countries).toEqual(['BF', 'ML', 'NE', 'TR']);
  },
  '03-search-phrase-exclusion.sql': (rows) => {
    expect(keysOf(rows).sort()).toEqual(['rafale-inde', 'senegal-naval']);
    expect(String(rows.find((r) => Number(r.articleId) === ids['senegal-naval'])!.snippet)).toContain("Une **vente** d'**armes** saluée");
  },
  '04-russian-deals-sahel.sql': (rows) => {
    expect(rows.map((r) => r.title)).toEqual(['Le Mali réceptionne des hélicoptères russes']);
  },
  '05-organization-per-week.sql': (rows) => {
    const expected = new Map<string, number>();
    for (const k of ['mali-helicos', 'algeria-jets', 'angola', 'tass']) {
      const week = mondayOf(SEED_ARTICLES.find((a) => a.key === k)!.daysAgo);
      expected.set(week, (expected.get(week) ?? 0) + 1);
    }
    expect(rows.map((r) => [day(r.week), r.articles])).toEqual([...expected].sort());
  },
  '06-first-to-report.sql': (rows) => {
    expect(rows.map((r) => [r.siteName, Number(r.articles)])).toEqual([
      ['RFI Português', 1], ['ТАСС', 1], ['Le Monde', 1], ['Defense News', 1],
    ]);
  },
  '07-topics-per-day.sql': (rows) => {
    const armsTrade = rows.filter((r) => r.topic === 'arms_trade').reduce((n, r) => n + Number(r.articles), 0);
    expect(armsTrade).toBe(12);
    expect(rows.some((r) => r.topic === 'illicit_arms')).toBe(false); // 40 days old
    expect(rows.find((r) => r.topic === 'arms_trade' && day(r.day) === day(seedDate(2)))!.articles).toBe(2);
  },
  '08-country-topic-weeks.sql': (rows) => {
    const ru = rows.filter((r) => r.country === 'RU').reduce((n, r) => n + Number(r.articles), 0);
    expect(ru).toBe(4); // mali-helicos, algeria-jets, angola, tass
    expect(rows.filter((r) => r.country === 'TR').map((r) => day(r.week)).sort()).toEqual([mondayOf(25), mondayOf(9)].sort());
    expect(rows.some((r) => r.country === 'SD')).toBe(false); // arms_control only
  },
  '09-top-organizations-30d.sql': (rows) => {
    expect(rows.map((r) => [r.organization, Number(r.articles)])).toEqual([
      ['rosoboronexport', 4], ['baykar', 2], ['africa_corps', 1], ['dassault_aviation', 1], ['eu', 1],
      ['leonardo', 1], ['naval_group', 1], ['rheinmetall', 1], ['uac', 1], ['un', 1], ['wagner', 1],
    ]);
  },
  '10-feed-health.sql': (rows) => {
    expect(rows.map((r) => [r.title, r.status])).toEqual([['DW', 'disabled'], ['Jeune Afrique', 'failing'], ['ТАСС', 'new']]);
    expect(rows[1]).toMatchObject({ consecutiveFailures: 3, lastHttpStatus: 503, articles30d: 3 });
  },
  '11-languages-30d.sql': (rows) => {
    const recent = done.filter((a) => a.daysAgo <= 30);
    expect(rows.reduce((n, r) => n + Number(r.articles), 0)).toBe(recent.length);
    expect(rows[0]).toMatchObject({ lang: 'fr', articles: recent.filter((a) => a.lang === 'fr').length, percent: '50.0' });
  },
  '12-topic-evidence.sql': (rows) => {
    expect(rows).toEqual([{ articleId: ids['niger-trafic'], title: "Trafic d'armes au Niger : saisie de fusils d'assaut", score: 0.93, evidence: "trafic d'armes" }]);
  },
  '13-russia-partners.sql': (rows) => {
    expect(rows.map((r) => r.country)).toEqual(['AO', 'DZ', 'ML']);
  },
  '14-accent-insensitive.sql': (rows) => {
    // « sécurité » (fr, title and body), « segurança » (pt), "Security" (en); « sécuriser » is another stem.
    expect(keysOf(rows)).toEqual(['mali-helicos', 'angola', 'sudan-embargo', 'burkina-accord']);
  },
  '15-topic-trend.sql': (rows) => {
    expect(rows[0]).toMatchObject({ topic: 'arms_trade', last30d: 12, previous30d: null });
    expect(rows.find((r) => r.topic === 'illicit_arms')).toMatchObject({ last30d: null, previous30d: 1 });
  },
  '16-outlets-by-topic.sql': (rows) => {
    expect(rows[0]).toMatchObject({ siteName: 'Le Monde', articles: 4, langs: ['fr'] });
    expect(rows.find((r) => r.siteName === 'ТАСС')).toMatchObject({ articles: 1, langs: ['ru'] });
  },
  '17-sahel-regions-orgs.sql': (rows) => {
    expect(rows.map((r) => r.organization)).toEqual(['africa_corps', 'baykar', 'eu', 'rosoboronexport', 'wagner']);
  },
};

describe('sql/queries examples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

  it('has at least 15 examples, each with a check', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(files)('%s', async (file) => {
    const rows = await run(file);
    expect(rows.length).toBeGreaterThan(0);
    CHECKS[file](rows);
  });
});
