import type { Command } from 'commander';
import { loadConfig, redactUrl } from '../config.ts';
import { migrateDatabase } from '../db/migrate.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Create the database if it does not exist and apply pending sql/NNN_*.sql migrations.')
    .action(async () => {
      const config = loadConfig();
      const result = await migrateDatabase(config.databaseUrl);
      if (result.created) console.log(`created database ${redactUrl(config.databaseUrl)}`);
      for (const file of result.applied) console.log(`applied ${file}`);
      console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
    });
}
