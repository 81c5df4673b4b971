import type { Command } from 'commander';
import { loadConfig, redactUrl } from '../config.ts';
import { createSql } from '../db/client.ts';
import { ensureDatabase, migrate } from '../db/migrate.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Create the database if it does not exist and apply pending sql/NNN_*.sql migrations.')
    .action(async () => {
      const config = loadConfig();
      const created = await ensureDatabase(config.databaseUrl);
      const sql = createSql(config.databaseUrl, { max: 1, applicationName: 'vigie-migrate' });
      try {
        const result = await migrate(sql);
        if (created) console.log(`created database ${redactUrl(config.databaseUrl)}`);
        for (const file of result.applied) console.log(`applied ${file}`);
        console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    });
}
