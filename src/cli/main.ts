// `vigie` command line: one file per command in src/cli/, each exporting a register function.
import { Command, CommanderError } from 'commander';
import { VigieError } from '../errors.ts';
import { registerMigrate } from './migrate.ts';
import { registerTag } from './tag.ts';
import { registerRetag } from './retag.ts';
import { registerSearch } from './search.ts';
import { registerAlerts } from './alerts.ts';
import { registerStart } from './start.ts';
import { registerIngest } from './ingest.ts';
import { registerDemo } from './demo.ts';
import { registerExtract } from './extract.ts';
import { registerFeeds } from './feeds.ts';

// In the order `vigie --help` lists them: running, feeding, inspecting, querying, maintaining.
const COMMANDS: ((program: Command) => void)[] = [
  registerDemo,
  registerStart,
  registerIngest,
  registerFeeds,
  registerExtract,
  registerTag,
  registerRetag,
  registerSearch,
  registerAlerts,
  registerMigrate,
];

/** Builds the program with every command registered (exported for tests of --help). */
export function buildProgram(): Command {
  const program = new Command('vigie')
    .description('Media monitoring of the arms trade in francophone and African news: feeds → articles → tags → PostgreSQL → alerts.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the command line; prints a clear one-line error and sets a non-zero exit code on failure. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof VigieError) {
      process.stderr.write(`vigie: ${err.message}\n`);
      process.exitCode = err.code === 'usage' ? 2 : 1;
      return;
    }
    // PostgreSQL and network errors are the user's to act on: their message, not our stack.
    const code = (err as { code?: unknown }).code;
    if (err instanceof Error && (err.name === 'PostgresError' || typeof code === 'string')) {
      const hint = code === '3D000' ? ' (create it with: vigie migrate)' : '';
      process.stderr.write(`vigie: ${err.name === 'PostgresError' ? 'PostgreSQL: ' : ''}${err.message}${hint}\n`);
    } else {
      process.stderr.write(`vigie: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 1;
  }
}
