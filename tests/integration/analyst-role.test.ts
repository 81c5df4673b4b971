// The vigie_analyst role reads the analyst schema and nothing else, and can write nothing; a
// login created as docs/analysts.md says gets the same rights and the statement_timeout.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, type Sql } from '../../src/db/client.ts';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedAnalystCorpus } from './analyst-seed.ts';

let db: TestDatabase;
let other: TestDatabase;
const login = `vigie_test_analyst_${randomBytes(4).toString('hex')}`;
let loginSql: Sql | undefined;

beforeAll(async () => {
  // Two databases migrating at once both create (or find) the cluster-wide role.
  [db, other] = await Promise.all([createTestDatabase('analyst_role'), createTestDatabase('analyst_role_b')]);
  await seedAnalystCorpus(db.sql);
  // A table added later by another stage (alert targets, secrets) must stay out of reach too.
  await db.sql`create table alert_secrets (id int primary key, secret text)`;
  await db.sql`insert into alert_secrets values (1, 'hmac-key')`;
});

afterAll(async () => {
  await loginSql?.end({ timeout: 5 });
  await db?.drop();
  await other?.drop();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop role if exists ${login}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
});

/** Runs `statement` as vigie_analyst (SET LOCAL ROLE in a transaction that is rolled back). */
async function asAnalyst(statement: string): Promise<unknown[]> {
  let rows: unknown[] = [];
  await db.sql
    .begin(async (tx) => {
      await tx.unsafe('set local role vigie_analyst');
      rows = await tx.unsafe(statement);
      throw new Error('rollback');
    })
    .catch((err) => {
      if ((err as Error).message !== 'rollback') throw err;
    });
  return rows;
}

describe('vigie_analyst', () => {
  it('reads every analyst view and runs analyst.search', async () => {
    const views = await db.sql`select table_name from information_schema.views where table_schema = 'analyst' order by 1`;
    expect(views.map((v) => v.tableName)).toEqual([
      'article_entities', 'article_topics', 'articles', 'country_topic_weekly', 'feeds', 'organization_weekly', 'organizations', 'topic_daily',
    ]);
    for (const { tableName } of views) await asAnalyst(`select * from analyst.${tableName} limit 1`);
    const rows = await asAnalyst(`select title from analyst.search('Rosoboronexport', langs => '{pt}')`);
    expect(rows).toEqual([{ title: 'Angola assina contrato de compra de armas com a Rússia' }]);
    expect(await asAnalyst(`select count(*)::int as n from analyst.articles where search_vector @@ analyst.query('"vente d''armes"')`)).toEqual([{ n: 3 }]);
  });

  it.each(['articles', 'feeds', 'article_topics', 'article_entities', 'schema_migrations', 'alert_secrets'])(
    'cannot read the internal table %s',
    async (table) => {
      await expect(asAnalyst(`select * from public.${table} limit 1`)).rejects.toThrow(/permission denied for table/);
    },
  );

  it.each([
    ['insert into an internal table', `insert into articles (canonical_url, url) values ('https://x.example/', 'https://x.example/')`, /permission denied for table articles/],
    ['update through a view', `update analyst.feeds set title = 'x'`, /permission denied for view feeds|cannot update view "feeds"/],
    ['delete through a view', `delete from analyst.articles`, /permission denied for view articles|cannot delete from view "articles"/],
    ['create a table in public', `create table public.mine (x int)`, /permission denied for schema public/],
    ['create a table in analyst', `create table analyst.mine (x int)`, /permission denied for schema analyst/],
    ['replace a view', `create or replace view analyst.articles as select 1 as article_id`, /must be owner of view articles|permission denied for schema analyst/],
    ['call internal functions on internal tables', `select * from search_matching_ids(analyst.query('x'), null, null, null, null, null, null, null, null, null, 5)`, /permission denied for table articles/],
  ])('cannot %s', async (_name, statement, error) => {
    await expect(asAnalyst(statement)).rejects.toThrow(error);
  });

  it('holds no write privilege on any analyst view, and no privilege at all on internal tables', async () => {
    const writable = await db.sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'analyst' and c.relkind in ('v', 'm', 'r')
        and has_table_privilege('vigie_analyst', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')`;
    expect(writable).toEqual([]);
    const internal = await db.sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'S')
        and has_table_privilege('vigie_analyst', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')`;
    expect(internal).toEqual([]);
  });

  it('carries the reference settings: statement_timeout 30s, read-only transactions', async () => {
    const [row] = await db.sql`
      select s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname = 'vigie_analyst' and s.setdatabase = 0`;
    expect(row.setconfig).toEqual(expect.arrayContaining(['statement_timeout=30s', 'default_transaction_read_only=on']));
  });

  it('a login created as docs/analysts.md says reads analyst views only, under the timeout, read-only', async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create role ${login} login password 'change-me' in role vigie_analyst`);
      await admin.unsafe(`alter role ${login} set statement_timeout = '30s'`);
      await admin.unsafe(`alter role ${login} set default_transaction_read_only = on`);
      await admin.unsafe(`alter role ${login} set search_path = analyst, public`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const url = new URL(db.url);
    url.username = login;
    url.password = 'change-me';
    loginSql = createSql(url.toString(), { max: 1 });
    const [{ statementTimeout }] = await loginSql`show statement_timeout`;
    expect(statementTimeout).toBe('30s');
    const [{ n }] = await loginSql`select count(*)::int as n from articles`; // analyst.articles via search_path
    expect(n).toBe(17);
    await expect(loginSql`select * from public.articles`).rejects.toThrow(/permission denied/);
    await expect(loginSql`select * from public.alert_secrets`).rejects.toThrow(/permission denied/);
    await expect(loginSql`create temporary table t (x int)`).rejects.toThrow(/read-only transaction/);
  });
});
