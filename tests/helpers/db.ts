// Each integration test file gets its own database: created, migrated, dropped.
import { randomBytes } from 'node:crypto';
import { createSql, type Sql } from '../../src/db/client.ts';
import { dropDatabase, ensureDatabase, migrate } from '../../src/db/migrate.ts';

export const ADMIN_URL = process.env.VIGIE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** Creates and migrates a fresh database named after `label`; drop() ends the client and removes it. */
export async function createTestDatabase(label: string, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `vigie_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = '/' + name;
  await ensureDatabase(url.toString());
  const sql = createSql(url.toString(), { max: 5, applicationName: 'vigie-test' });
  if (options.migrate !== false) await migrate(sql);
  return {
    name,
    url: url.toString(),
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await dropDatabase(url.toString());
    },
  };
}

export const REDIS_URL = process.env.VIGIE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Returns a BullMQ prefix unique to one test file, so that files never see each other's jobs. */
export function testQueuePrefix(label: string): string {
  return `vigie-test-${label.replace(/[^a-z0-9]/gi, '-')}-${randomBytes(4).toString('hex')}`;
}
