// Runs a worker entry point as its own process: builds the dependencies from config, starts,
// and on SIGINT/SIGTERM stops taking jobs, finishes in-flight ones and closes connections.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { createAppDeps, type AppDeps } from '../deps.ts';
import { describeError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** When `moduleUrl` is the process's main script, starts it and wires graceful shutdown; otherwise does nothing. */
export async function runAsMain(
  moduleUrl: string,
  name: string,
  start: (app: AppDeps) => Promise<() => Promise<void>>,
): Promise<void> {
  if (!isMain(moduleUrl)) return;
  const config = loadConfig();
  const log = createLogger(config.logLevel).child({ process: name });
  exitOnUncaught(log, name);
  const app = createAppDeps(config, log, { applicationName: `vigie-${name}` });
  const stop = await start(app);
  log.info({ queuePrefix: config.queuePrefix }, `${name} started`);
  await untilSignal();
  log.info(`${name} stopping: finishing in-flight jobs`);
  await stop();
  await app.close();
  log.info(`${name} stopped`);
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** Logs an uncaught exception or unhandled rejection once, as one JSON line, and exits with code 1. */
export function exitOnUncaught(log: Logger, name: string): void {
  // The process cannot be trusted past this point: it exits, its process manager (docker
  // compose `restart: unless-stopped`, systemd, the chaos harness) starts it again, and the jobs
  // it held are taken up by another worker once their locks expire. Known cause: postgres.js
  // 3.4.9 writes a transaction's ROLLBACK to a connection PostgreSQL has just closed and throws
  // from a setImmediate callback (porsager/postgres#1208), which no caller can catch.
  const die = (err: unknown, origin: string) => {
    log.fatal({ origin, err: describeError(err), stack: err instanceof Error ? err.stack : undefined }, `${name}: ${origin}; exiting`);
    process.exit(1);
  };
  process.on('uncaughtException', (err) => die(err, 'uncaught exception'));
  process.on('unhandledRejection', (err) => die(err, 'unhandled rejection'));
}
