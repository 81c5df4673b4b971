import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createSql } from '../../src/db/client.ts';
import { ensureDatabase, migrate, loadMigrations, quoteIdent } from '../../src/db/migrate.ts';
import { ADMIN_URL } from '../helpers/db.ts';

const name = `vigie_test_migrate_${process.pid}_${Date.now()}`;
const url = new URL(ADMIN_URL);
url.pathname = '/' + name;

afterAll(async () => {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.end();
});

describe('vigie migrate', () => {
  it('creates the database, applies every migration once, even from two processes at once', async () => {
    expect(await ensureDatabase(url.toString())).toBe(true);
    expect(await ensureDatabase(url.toString())).toBe(false);
    const a = createSql(url.toString(), { max: 2 });
    const b = createSql(url.toString(), { max: 2 });
    try {
      const files = await loadMigrations();
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      // Between the two runs, each file was applied exactly once.
      expect([...ra.applied, ...rb.applied].sort()).toEqual(files.map((f) => f.file).sort());
      const rows = await a`select version from schema_migrations order by version`;
      expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
      const again = await migrate(a);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBe(files.length);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const sql = createSql(url.toString(), { max: 1 });
    try {
      const files = await loadMigrations();
      const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: 'changed' } : f));
      await expect(migrate(sql, edited)).rejects.toThrow(/001_init\.sql was changed after it was applied/);
    } finally {
      await sql.end();
    }
  });
});
