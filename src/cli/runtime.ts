// What the long-running commands share: configuration, migrations, dependencies and a logger.
import { loadConfig, type Config } from '../config.ts';
import { createSql } from '../db/client.ts';
import { ensureDatabase, migrate } from '../db/migrate.ts';
import { VigieError, describeError } from '../errors.ts';
import { createAppDeps, type AppDeps } from '../deps.ts';
import { createLogger } from '../log.ts';

/** Creates the database if needed and applies pending migrations; throws a clear error when PostgreSQL is unreachable. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  try {
    await ensureDatabase(databaseUrl);
  } catch (err) {
    if (err instanceof VigieError) throw err;
    throw new VigieError(`PostgreSQL is unreachable: ${describeError(err)}`, { code: 'unreachable', permanent: true, cause: err });
  }
  const sql = createSql(databaseUrl, { max: 1, applicationName: 'vigie-migrate' });
  try {
    return (await migrate(sql)).applied;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Loads config (with overrides), migrates, and returns connected dependencies with a logger at `logLevel`. */
export async function openApp(
  name: string,
  options: { config?: Config; logLevel?: string; pretty?: boolean } = {},
): Promise<AppDeps> {
  const config = options.config ?? loadConfig();
  await migrateDatabase(config.databaseUrl);
  const log = createLogger(options.logLevel ?? config.logLevel, { pretty: options.pretty, destination: 2 }).child({ process: name });
  return createAppDeps(config, log, { applicationName: `vigie-${name}` });
}
