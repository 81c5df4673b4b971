// The chaos harness's process supervisor: one process per stage, started as in production
// (`node bin/run-ts.js workers/NAME.ts`), restarted 1 s after it exits (killed by the harness or
// not, as docker compose's `restart: unless-stopped` would), and the exits it did not cause
// recorded with the process's last log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const WORKERS = ['scheduler', 'feeds', 'articles', 'alerts', 'deliveries'] as const;
export type WorkerName = (typeof WORKERS)[number];

interface Supervised {
  name: WorkerName;
  child: ChildProcess | null;
  /** Set while the harness itself kills or stops it. */
  expectingExit: boolean;
  tail: string;
}

export interface Supervisor {
  /** Exits the harness did not cause, each with the time and the process's last line. */
  unexpectedExits: string[];
  /** SIGKILLs the worker (it is restarted 1 s later); false when it was not running. */
  kill(name: WorkerName): boolean;
  /** Stops every worker (SIGTERM, SIGKILL after 10 s) and restarts none. */
  stopAll(): Promise<void>;
}

export interface SupervisorOptions {
  env: Record<string, string>;
  /** The pid of every process started is appended here (for removeAbandonedRuns). */
  pidFile: string;
  logsDir?: string;
  /** Milliseconds since the run started, for the exit records. */
  clock: () => number;
  say: (line: string) => void;
}

/** Starts one process per stage under supervision. */
export function superviseWorkers(options: SupervisorOptions): Supervisor {
  const workers = new Map<WorkerName, Supervised>();
  const unexpectedExits: string[] = [];
  let stopping = false;
  if (options.logsDir) mkdirSync(options.logsDir, { recursive: true });

  const start = (w: Supervised) => {
    w.expectingExit = false;
    const child = spawn(process.execPath, ['bin/run-ts.js', `workers/${w.name}.ts`], { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    w.child = child;
    appendFileSync(options.pidFile, `${child.pid}\n`);
    const onData = (d: Buffer) => {
      w.tail = (w.tail + d.toString()).slice(-4000);
      if (options.logsDir) appendFileSync(join(options.logsDir, `${w.name}.log`), d);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      if (w.child === child) w.child = null;
      if (stopping) return;
      if (!w.expectingExit) {
        unexpectedExits.push(`${w.name} exited with ${code ?? signal} at ${(options.clock() / 1000).toFixed(1)} s: ${lastLine(w.tail)}`);
        options.say(`! ${w.name} exited by itself (${code ?? signal}); restarting it`);
      }
      setTimeout(() => {
        if (!stopping && w.child === null) start(w);
      }, 1000);
    });
  };

  for (const name of WORKERS) {
    const w: Supervised = { name, child: null, expectingExit: false, tail: '' };
    workers.set(name, w);
    start(w);
  }

  return {
    unexpectedExits,
    kill(name) {
      const w = workers.get(name)!;
      if (!w.child) return false;
      w.expectingExit = true;
      w.child.kill('SIGKILL');
      return true;
    },
    async stopAll() {
      stopping = true;
      await Promise.all([...workers.values()].map((w) => stop(w)));
    },
  };
}

async function stop(w: Supervised): Promise<void> {
  const child = w.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  w.expectingExit = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
