// Applies sql/NNN_name.sql files once each, in order, each in its own transaction under a
// transaction-level advisory lock, and records them in schema_migrations. Two processes
// starting at once serialize on the lock; the second finds the work done.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { VigieError, describeError } from '../errors.ts';
import { redactUrl } from '../config.ts';
import { createSql, type Sql } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));
const LOCK_KEY = 7_212_001; // arbitrary, constant: "vigie migrations"

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Returns the migrations found in `dir`, sorted by version; throws on a badly named or duplicated file. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new VigieError(`migrate: bad migration file name '${file}' (expected NNN_name.sql)`, { code: 'migrate', permanent: true });
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) {
      throw new VigieError(`migrate: two migrations numbered ${m[1]}`, { code: 'migrate', permanent: true });
    }
    const text = await readFile(new URL(file, `file://${dir.endsWith('/') ? dir : dir + '/'}`), 'utf8');
    out.push({ version, name: m[2], file, sql: text, checksum: createHash('sha256').update(text).digest('hex') });
  }
  return out;
}

// Runs `work` with a one-connection client on the `postgres` database of `databaseUrl`'s server,
// given the name of the database `databaseUrl` names (the database itself may not exist yet).
async function onServer<T>(databaseUrl: string, work: (sql: postgres.Sql, name: string) => Promise<T>): Promise<T> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new VigieError(`migrate: DATABASE_URL names no database: ${redactUrl(databaseUrl)}`, { code: 'migrate', permanent: true });
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    return await work(sql, name);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates the database named in `databaseUrl` when it does not exist; returns true when it created it. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  return onServer(databaseUrl, async (sql, name) => {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length > 0) return false;
    try {
      await sql.unsafe(`create database ${quoteIdent(name)}`);
      return true;
    } catch (err) {
      // Another process created it between our check and our CREATE.
      if ((err as { code?: string }).code === '42P04' || (err as { code?: string }).code === '23505') return false;
      throw err;
    }
  });
}

/** Drops the database named in `databaseUrl` if it exists, closing its connections (WITH (FORCE)). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  await onServer(databaseUrl, async (sql, name) => {
    await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  });
}

export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Applies every pending migration; throws when an applied migration's file has changed since. */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<MigrateResult> {
  const list = migrations ?? (await loadMigrations());
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`;
  });
  const result: MigrateResult = { applied: [], alreadyApplied: 0 };
  for (const m of list) {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      const [row] = await tx`select checksum from schema_migrations where version = ${m.version}`;
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new VigieError(
            `migrate: ${m.file} was changed after it was applied; add a new migration instead of editing it`,
            { code: 'migrate', permanent: true },
          );
        }
        result.alreadyApplied++;
        return;
      }
      await tx.unsafe(m.sql);
      await tx`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`;
      result.applied.push(m.file);
    });
  }
  return result;
}

/** Creates the database if needed and applies pending migrations; throws a clear VigieError when PostgreSQL is unreachable. */
export async function migrateDatabase(databaseUrl: string): Promise<MigrateResult & { created: boolean }> {
  let created: boolean;
  try {
    created = await ensureDatabase(databaseUrl);
  } catch (err) {
    if (err instanceof VigieError) throw err;
    throw new VigieError(`PostgreSQL is unreachable: ${describeError(err)}`, { code: 'unreachable', permanent: true, cause: err });
  }
  const sql = createSql(databaseUrl, { max: 1, applicationName: 'vigie-migrate' });
  try {
    return { ...(await migrate(sql)), created };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
