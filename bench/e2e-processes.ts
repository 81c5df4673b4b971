// The worker processes of the end-to-end benchmark, started as in production
// (`node bin/run-ts.js workers/NAME.ts`), with their log lines read for stage durations and
// their memory and CPU sampled from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseCpuSeconds, parseVmRssKb, stageTimingsOf, type RssSample, type StageTiming } from './e2e-stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BenchProcess {
  name: string;
  rss: RssSample[];
  /** Stage durations read from its 'job completed' lines. */
  timings: StageTiming[];
  /** Samples its RSS now (no-op once it has exited). */
  sample(atS: number): void;
  /** User + system CPU seconds so far, or null once it has exited. */
  cpuSeconds(): number | null;
  /** The same for its main thread alone (the rest is worker threads, GC and libuv threads). */
  mainThreadCpuSeconds(): number | null;
  /** Asks it to stop (SIGTERM: finish in-flight jobs), kills it after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

function readProc(pid: number | undefined, file: string): string | null {
  if (pid === undefined) return null;
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** Returns the user + system CPU seconds of process `pid`, or null when it is gone or unreadable. */
export function readCpuSeconds(pid: number): number | null {
  return parseCpuSeconds(readProc(pid, 'stat') ?? '');
}

/** Spawns `workers/NAME.ts` with `env` and resolves once it has logged that it started; rejects with its output when it exits first. */
export async function spawnBenchProcess(name: string, env: NodeJS.ProcessEnv): Promise<BenchProcess> {
  const child = spawn(process.execPath, ['bin/run-ts.js', `workers/${name}.ts`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Its last lines, for the error when it exits before starting.
  const last: string[] = [];
  const timings: StageTiming[] = [];
  const rss: RssSample[] = [];
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onLine = (line: string) => {
    last.push(line);
    if (last.length > 20) last.shift();
    if (line.includes(`"${name} started"`)) started();
    for (const t of stageTimingsOf(line)) timings.push(t);
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  await Promise.race([
    ready,
    exited.then(() => {
      throw new Error(`bench: ${name} worker exited before starting:\n${last.join('\n')}`);
    }),
  ]);
  return {
    name,
    rss,
    timings,
    sample(atS) {
      const kb = parseVmRssKb(readProc(child.pid, 'status') ?? '');
      if (kb !== null && child.exitCode === null) rss.push({ atS, kb });
    },
    cpuSeconds: () => (child.pid === undefined ? null : readCpuSeconds(child.pid)),
    mainThreadCpuSeconds: () => parseCpuSeconds(readProc(child.pid, `task/${child.pid}/stat`) ?? ''),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
