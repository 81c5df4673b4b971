import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactUrl, VARIABLES } from '../../src/config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/vigie');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.fetchAllowlist).toEqual([]);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    ['VIGIE_FETCH_TIMEOUT_MS', '5s', "VIGIE_FETCH_TIMEOUT_MS must be a positive integer; got '5s'"],
    ['VIGIE_FETCH_TIMEOUT_MS', '0', "VIGIE_FETCH_TIMEOUT_MS must be a positive integer; got '0'"],
    ['VIGIE_FETCH_MAX_REDIRECTS', '-1', "VIGIE_FETCH_MAX_REDIRECTS must be a non-negative integer; got '-1'"],
    ['DATABASE_URL', 'mysql://db/x', "DATABASE_URL must be a URL (postgres: or postgresql:); got 'mysql://db/x'"],
    ['REDIS_URL', 'not a url', "REDIS_URL must be a URL (redis: or rediss:); got 'not a url'"],
    ['VIGIE_LOG_LEVEL', 'loud', "VIGIE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got 'loud'"],
    ['VIGIE_FETCH_ALLOWLIST', 'http://127.0.0.1:8765/path', 'VIGIE_FETCH_ALLOWLIST must be a comma-separated list of origins'],
    ['VIGIE_FETCH_ALLOWLIST', 'ftp://127.0.0.1', 'VIGIE_FETCH_ALLOWLIST must be a comma-separated list of origins'],
    ['VIGIE_EXTRACT_HEAP_MB', '32', "VIGIE_EXTRACT_HEAP_MB must be an integer ≥ 64 (MB); got '32'"],
    ['VIGIE_EXTRACT_HEAP_MB', '1.5', "VIGIE_EXTRACT_HEAP_MB must be a positive integer; got '1.5'"],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('does not print a database password in its error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).not.toThrow(/hunter2/);
  });

  it('accepts a queue prefix in braces (a Redis Cluster hash tag) and rejects other punctuation', () => {
    expect(loadConfig({ VIGIE_QUEUE_PREFIX: '{vigie}' }).queuePrefix).toBe('{vigie}');
    for (const bad of ['vigie:prod', '{vigie', 'a{b}', '{}']) expect(() => loadConfig({ VIGIE_QUEUE_PREFIX: bad }), bad).toThrow(/VIGIE_QUEUE_PREFIX must be/);
  });

  it('normalizes allowlisted origins', () => {
    const c = loadConfig({ VIGIE_FETCH_ALLOWLIST: ' http://127.0.0.1:8765 , HTTPS://Intranet.Example:443 ' });
    expect(c.fetchAllowlist).toEqual(['http://127.0.0.1:8765', 'https://intranet.example']);
  });

  it('checks the poll floor against the ceiling', () => {
    expect(() => loadConfig({ VIGIE_POLL_MIN_INTERVAL_S: '90000' })).toThrow(/VIGIE_POLL_MIN_INTERVAL_S must not exceed/);
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://vigie:s3cret@db:5432/vigie')).toBe('postgres://vigie:***@db:5432/vigie');
    expect(redactUrl('redis://db:6379')).toBe('redis://db:6379');
  });
});

describe('documentation of the configuration', () => {
  const names = Object.values(VARIABLES).map((v) => v.name).sort();

  it("README's configuration table lists exactly the variables config.ts reads", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const table = section.slice(0, section.indexOf('\n## ', 5));
    const documented = [...table.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(names);
  });

  it('.env.example lists every variable', () => {
    const example = readFileSync('.env.example', 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(names);
  });

  it('no other file reads process.env', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('grep', ['-rlE', 'process\\.env\\b', 'src', 'workers'], { encoding: 'utf8' }).trim().split('\n');
    expect(out.filter((f) => f !== 'src/config.ts')).toEqual([]);
  });
});
