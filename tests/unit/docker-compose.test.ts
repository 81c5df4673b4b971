// There is no Docker engine on the build machines: this test keeps docker-compose.yml and the
// Dockerfile true by reading them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VARIABLES } from '../../src/config.ts';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  healthcheck?: unknown;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  configs?: Record<string, { content?: string }>;
};
const services = compose.services;
const knownVariables = new Set(Object.values(VARIABLES).map((v) => v.name));

describe('docker-compose.yml', () => {
  it('has PostgreSQL 15 (contrib, so unaccent) and Redis with AOF and noeviction, both health-checked', () => {
    expect(services.postgres.image).toMatch(/^postgres:15/);
    expect(services.postgres.healthcheck).toBeDefined();
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    const args = (redis.command as string[]).join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(redis.healthcheck).toBeDefined();
  });

  it('runs a one-shot migration before the scheduler and every queue worker', () => {
    const migrate = services.migrate;
    expect(migrate.restart).toBe('no');
    expect(migrate.command).toEqual(['migrate']);
    expect(migrate.depends_on?.postgres.condition).toBe('service_healthy');
    for (const name of ['scheduler', 'feeds', 'articles', 'alerts', 'deliveries']) {
      const s = services[name];
      expect(s, name).toBeDefined();
      expect(s.depends_on?.migrate.condition, name).toBe('service_completed_successfully');
      expect(s.entrypoint?.slice(0, 2), name).toEqual(['node', 'bin/run-ts.js']);
      const entry = s.entrypoint![2];
      expect(existsSync(entry), `${name}: ${entry}`).toBe(true);
      expect(s.restart, name).toBe('unless-stopped');
    }
  });

  it('every worker file in workers/ has a service', () => {
    for (const file of ['scheduler', 'feeds', 'articles', 'alerts', 'deliveries']) {
      expect(Object.values(services).some((s) => s.entrypoint?.includes(`workers/${file}.ts`))).toBe(true);
    }
  });

  it('sets only variables that vigie reads, pointing at the compose services', () => {
    for (const [name, s] of Object.entries(services)) {
      if (!s.build) continue;
      for (const key of Object.keys(s.environment ?? {})) expect(knownVariables.has(key), `${name}: ${key}`).toBe(true);
      expect(s.environment?.DATABASE_URL).toContain('@postgres:5432/');
      expect(s.environment?.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('connects each stage with its own login, created in that stage\'s role by a one-shot step after the migration', () => {
    const logins = services.logins;
    expect(logins.restart).toBe('no');
    expect(logins.image).toMatch(/^postgres:15/); // psql 15: \getenv
    expect(logins.depends_on?.migrate.condition).toBe('service_completed_successfully');
    const script = compose.configs?.['worker-logins']?.content ?? '';
    const migrations = readdirSync('sql').filter((f) => f.endsWith('.sql')).map((f) => readFileSync(`sql/${f}`, 'utf8')).join('\n');
    for (const stage of ['scheduler', 'feeds', 'articles', 'alerts', 'deliveries']) {
      const s = services[stage];
      expect(s.depends_on?.logins.condition, stage).toBe('service_completed_successfully');
      const url = new URL(s.environment!.DATABASE_URL.replace(/\$\{([A-Z_]+):-[^}]*\}/g, '$1'));
      expect(url.username, stage).toBe(`vigie_${stage}_worker`);
      expect(url.password, stage).toBe(`VIGIE_${stage.toUpperCase()}_DB_PASSWORD`);
      expect(logins.environment?.[`VIGIE_${stage.toUpperCase()}_DB_PASSWORD`], stage).toBeDefined();
      expect(script, stage).toContain(`('vigie_${stage}_worker')`);
      expect(script, stage).toContain(`grant vigie_${stage} to vigie_${stage}_worker;`);
      expect(script, stage).toContain(`alter role vigie_${stage}_worker password :'${stage}_password';`);
      expect(script, stage).toContain(`\\getenv ${stage}_password VIGIE_${stage.toUpperCase()}_DB_PASSWORD`);
      // The group role is created by a migration.
      expect(migrations, stage).toContain(`'vigie_${stage}'`);
    }
    // Migrations and the CLI keep the owner's login.
    expect(services.migrate.environment?.DATABASE_URL).toMatch(/^postgres:\/\/postgres:/);
  });

  it('builds from a Dockerfile whose copied paths exist', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY\s+(.+)\s+\S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(copied.length).toBeGreaterThan(3);
    for (const path of copied) expect(existsSync(path), path).toBe(true);
  });
});
