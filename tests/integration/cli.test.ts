// The command line as users run it: node bin/vigie.js in a child process.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.ts';
import { quoteIdent } from '../../src/db/migrate.ts';
import { deleteQueueKeys } from '../../src/demo/reset.ts';
import { ADMIN_URL, REDIS_URL, testQueuePrefix } from '../helpers/db.ts';
import { waitFor } from '../helpers/processes.ts';

const run = promisify(execFile);
const cleanEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const dbName = `vigie_test_cli_${process.pid}`;
const dbUrl = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const prefix = testQueuePrefix('cli');

async function vigie(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/vigie.js', ...args], { env: { ...cleanEnv, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(async () => {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  for (const name of [dbName, `${dbName}_demo`]) await admin.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.end();
  await deleteQueueKeys(REDIS_URL, prefix);
  await deleteQueueKeys(REDIS_URL, `${prefix}-demo`);
});

describe('vigie --help', () => {
  it('lists the commands from the installed bin, and every command and subcommand has its own help', async () => {
    const top = await vigie(['--help']);
    expect(top.code).toBe(0);
    const listed = [...top.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(listed).toEqual(expect.arrayContaining(['demo', 'start', 'ingest', 'migrate', 'feeds', 'extract']));
    const program = buildProgram();
    expect(program.commands.map((c) => c.name()).sort()).toEqual(listed.sort());
    const visit = (cmd: Command, path: string[]): void => {
      const help = cmd.helpInformation();
      expect(help, path.join(' ')).toContain(`Usage: vigie ${path.join(' ')}`);
      expect(cmd.description().length, path.join(' ')).toBeGreaterThan(10);
      for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
    };
    for (const cmd of program.commands) visit(cmd, [cmd.name()]);
    // One real child process per command would cost seconds each; check one subcommand end to end.
    const feedsHelp = await vigie(['feeds', 'add', '--help']);
    expect(feedsHelp.stdout).toContain('Usage: vigie feeds add');
  });
});

describe('vigie ingest --once', () => {
  it('exits non-zero naming PostgreSQL when it is unreachable', async () => {
    const r = await vigie(['ingest', '--once'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/vigie', REDIS_URL });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PostgreSQL is unreachable/);
  });

  it('exits non-zero naming Redis when it is unreachable', async () => {
    const r = await vigie(['ingest', '--once'], { DATABASE_URL: dbUrl(dbName), REDIS_URL: 'redis://127.0.0.1:1', VIGIE_QUEUE_PREFIX: prefix });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Redis is unreachable/);
  });

  it('exits 0 with a summary when every feed fails', async () => {
    const env = { DATABASE_URL: dbUrl(dbName), REDIS_URL, VIGIE_QUEUE_PREFIX: prefix };
    expect((await vigie(['feeds', 'add', 'http://127.0.0.1:1/rss.xml'], env)).code).toBe(0);
    const r = await vigie(['ingest', '--once', '--json'], env);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.feeds).toHaveLength(1);
    expect(summary.feeds[0].error).toMatch(/blocked|private|127\.0\.0\.1/i);
    expect(summary.articles.discovered).toBe(0);
  });
});

describe('vigie start', () => {
  it('runs until SIGTERM, then stops cleanly with exit code 0', async () => {
    const child = spawn(process.execPath, ['bin/vigie.js', 'start'], {
      env: { ...cleanEnv, DATABASE_URL: dbUrl(dbName), REDIS_URL, VIGIE_QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitFor('vigie start to be up', () => out.includes('vigie started'), 60_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
  });
});

describe('vigie extract URL', () => {
  it('fetches through the safe fetcher: refused when private, extracted when the origin is allowlisted', async () => {
    const { startFixtureServer, listSamplePages } = await import('../../src/demo/fixture-server.ts');
    const server = await startFixtureServer();
    try {
      const page = listSamplePages().find((p) => p.charset === 'windows-1252' && p.status === 200)!;
      const refused = await vigie(['extract', server.origin + page.path]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/blocked|private/i);
      const ok = await vigie(['extract', server.origin + page.path], { VIGIE_FETCH_ALLOWLIST: server.origin });
      expect(ok.code, ok.stderr).toBe(0);
      const article = JSON.parse(ok.stdout);
      expect(article.title).toBe(page.title);
      expect(article.text).toMatch(/’/);
      expect(article.text).not.toMatch(/[\u0080-\u009f]/);
    } finally {
      await server.close();
    }
  });
});

describe('vigie demo', () => {
  it('ingests the bundled feeds into its own database and prints the summary and a query result', async () => {
    const r = await vigie(['demo'], { DATABASE_URL: dbUrl(dbName), REDIS_URL, VIGIE_QUEUE_PREFIX: prefix });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Feeds polled: 3 \(3 ok, 0 failed\)/);
    expect(r.stdout).toMatch(/Articles: 18 new, 18 stored \(17 from the page, 1 from the feed's content\), 0 failed, 0 pending/);
    expect(r.stdout).toMatch(/arms_trade\s+\d+/);
    expect(r.stdout).toContain(`${dbName}_demo`);
    expect(r.stdout).toMatch(/^ RU +\| +\d+ +\| .*rosoboronexport/m);
    // The user's own database was not touched by the demo.
    const sql = postgres(dbUrl(`${dbName}_demo`), { max: 1 });
    const [{ n }] = await sql`select count(*)::int as n from articles where status = 'done'`;
    await sql.end();
    expect(n).toBe(18);
  });
});

describe('vigie search and vigie alerts on the demo database', () => {
  const env = () => ({ DATABASE_URL: dbUrl(`${dbName}_demo`), REDIS_URL, VIGIE_QUEUE_PREFIX: `${prefix}-demo` });

  it('finds the Russian deliveries to the Sahel, accents and case ignored, as JSON', async () => {
    const r = await vigie(['search', 'ROSOBORONEXPORT "armements russes"', '--country', 'ml,ne', '--format', 'json'], env());
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { title: string; snippet: string }[];
    expect(hits.map((h) => h.title)).toContain('Bamako, Ouagadougou et Niamey réceptionnent un nouveau lot d’armements russes');
    expect(hits.some((h) => /\*\*(Rosoboronexport|armements|russes)\*\*/i.test(h.snippet))).toBe(true);
    const excluded = await vigie(['search', 'Rosoboronexport -Niamey', '--format', 'json'], env());
    expect(JSON.parse(excluded.stdout).map((h: { title: string }) => h.title)).not.toContain(
      'Bamako, Ouagadougou et Niamey réceptionnent un nouveau lot d’armements russes',
    );
    const bad = await vigie(['search', '--', '-football'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^vigie: search: .*exclu/m);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('adds, tests, pauses, resumes and removes a subscription', async () => {
    const add = await vigie(['alerts', 'add', '--name', 'Russie au Sahel', '--query', 'Rosoboronexport OR "vente d\'armes" -football', '--log', '--region', 'sahel'], env());
    expect(add.code, add.stderr).toBe(0);
    const id = /#(\d+)/.exec(add.stdout)![1];
    const test = await vigie(['alerts', 'test', id, '--days', '3650'], env());
    expect(test.stdout).toContain('réceptionnent un nouveau lot d’armements russes');
    expect(test.stdout).toMatch(/1 article\(s\)/);
    expect((await vigie(['alerts', 'pause', id, '--reason', 'congés'], env())).code).toBe(0);
    expect((await vigie(['alerts', 'show', id], env())).stdout).toMatch(/paused .*congés/);
    expect((await vigie(['alerts', 'resume', id], env())).code).toBe(0);
    expect((await vigie(['alerts', 'list'], env())).stdout).toMatch(new RegExp(`#${id} \\[active\\] Russie au Sahel`));
    expect((await vigie(['alerts', 'remove', id], env())).code).toBe(0);
    expect((await vigie(['alerts', 'list'], env())).stdout).not.toContain('Russie au Sahel');
  });
});

