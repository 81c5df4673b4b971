// The chaos harness's own PostgreSQL 15 cluster and Redis server, on free loopback ports in a
// temporary directory, so that it can restart them without touching the machine's services.
// PostgreSQL refuses to run as root: as root its binaries run as the `postgres` user.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = '/usr/bin/redis-server';
const isRoot = process.getuid?.() === 0;

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function pgCommand(bin: string, args: string[]): Promise<void> {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
  await run(file, argv, { timeout: 120_000 });
}

/** Polls `check` every 100 ms until it returns true; an error it throws ends the wait at once. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`chaos: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PrivateServices {
  dir: string;
  /** postgres://…/vigie_chaos on the private cluster. */
  databaseUrl: string;
  redisUrl: string;
  stopPostgres(mode: 'fast' | 'immediate'): Promise<void>;
  startPostgres(): Promise<void>;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** Stops both servers and removes the directory; safe to call twice. */
  destroy(): Promise<void>;
}

/** Creates a PostgreSQL cluster (fsync off, trust, unaccent available) and a Redis without persistence, both started. */
export async function startPrivateServices(): Promise<PrivateServices> {
  await removeAbandonedRuns();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-chaos-'));
  writeFileSync(join(dir, 'harness.pid'), String(process.pid));
  if (isRoot) chownSync(dir, uid('postgres'), gid('postgres'));
  const pgData = join(dir, 'pg');
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  let redis: ChildProcess | null = null;
  let pgRunning = false;
  let destroyed = false;

  const adminUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
  const services: PrivateServices = {
    dir,
    databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/vigie_chaos`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    async startPostgres() {
      const options = [
        `-p ${pgPort}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        // A throwaway cluster: durability against an OS crash is not what is tested here (a
        // PostgreSQL process crash, `-m immediate`, still replays the WAL).
        '-c fsync=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      await pgCommand('pg_ctl', ['-D', pgData, '-l', join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
      pgRunning = true;
    },
    async stopPostgres(mode) {
      await pgCommand('pg_ctl', ['-D', pgData, '-m', mode, '-w', '-t', '60', 'stop']);
      pgRunning = false;
    },
    async startRedis() {
      const child = spawn(
        REDIS_SERVER,
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--logfile', join(dir, 'redis.log')],
        { stdio: 'ignore' },
      );
      redis = child;
      writeFileSync(join(dir, 'redis.pid'), `${child.pid} ${redisPort}`);
      const probe = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await until('Redis to answer', async () => {
          if (child.exitCode !== null) throw new Error(`chaos: redis-server exited with ${child.exitCode}`);
          if (probe.status !== 'ready') await probe.connect().catch(() => {});
          return (await probe.ping().catch(() => null)) === 'PONG';
        }, 20_000);
      } finally {
        probe.disconnect();
      }
    },
    async stopRedis() {
      const child = redis;
      redis = null;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      // As if the machine lost it: no SHUTDOWN, no save (it keeps nothing on disk anyway).
      child.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await services.stopRedis().catch(() => {});
      if (pgRunning) await services.stopPostgres('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await pgCommand('initdb', ['-D', pgData, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    await services.startPostgres();
    await services.startRedis();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`select 1 from pg_available_extensions where name = 'unaccent'`.then((rows) => {
        if (rows.length === 0) throw new Error('chaos: the unaccent extension is not installed (PostgreSQL contrib)');
      });
    } finally {
      await admin.end({ timeout: 5 });
    }
  } catch (err) {
    await services.destroy();
    throw err;
  }
  return services;
}

function readTitle(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

function readEnviron(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the servers of earlier runs whose harness died without cleaning up (SIGKILL, power loss) and removes their directories. */
async function removeAbandonedRuns(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('vigie-chaos-'))) {
    const dir = join(tmpdir(), name);
    const harness = existsSync(join(dir, 'harness.pid')) ? Number(readFileSync(join(dir, 'harness.pid'), 'utf8')) : NaN;
    if (!Number.isInteger(harness) || isAlive(harness)) continue;
    if (existsSync(join(dir, 'pg', 'postmaster.pid'))) await pgCommand('pg_ctl', ['-D', join(dir, 'pg'), '-m', 'immediate', '-w', 'stop']).catch(() => {});
    // Only the redis-server of that run (a pid may have been reused since): its title names its port.
    const [redisPid, redisPort] = existsSync(join(dir, 'redis.pid')) ? readFileSync(join(dir, 'redis.pid'), 'utf8').split(' ').map(Number) : [];
    const title = redisPid ? readTitle(redisPid) : '';
    if (/(^|\/)redis-server /.test(title) && title.includes(`:${redisPort}`)) process.kill(redisPid, 'SIGKILL');
    // Its worker processes, recorded by the harness as they started (checked the same way).
    const workers = existsSync(join(dir, 'workers.pids')) ? readFileSync(join(dir, 'workers.pids'), 'utf8').split('\n').filter(Boolean).map(Number) : [];
    for (const pid of workers) {
      const ours = /bin\/run-ts\.js workers\/\w+\.ts/.test(readTitle(pid)) && readEnviron(pid).includes(`REDIS_URL=redis://127.0.0.1:${redisPort}`);
      if (ours) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
