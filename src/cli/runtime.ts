// What the long-running commands share: configuration, migrations, dependencies and a logger.
import { loadConfig, type Config } from '../config.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createAppDeps, type AppDeps } from '../deps.ts';
import { createLogger } from '../log.ts';

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
