// The end-to-end benchmark (bench/e2e.ts) at a small size: its worker processes really ingest
// every generated article exactly once, and the figures it reports come from what happened
// (counts from PostgreSQL and the fixture server, stage durations from the workers' log lines).
// No timing is asserted.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runE2e } from '../../bench/e2e.ts';
import { loadConfig } from '../../src/config.ts';
import { ADMIN_URL, REDIS_URL, testQueuePrefix } from '../helpers/db.ts';

describe('bench e2e (3 feeds × 4 items)', () => {
  it('stores every article once through the worker processes and reports real counts and stages', async () => {
    const progress: string[] = [];
    const report = await runE2e({
      feeds: 3,
      items: 4,
      durationS: null,
      rate: 40,
      subscriptions: 40,
      baselinePages: 12,
      config: loadConfig({ ...process.env, DATABASE_URL: ADMIN_URL, REDIS_URL }),
      databaseName: `vigie_test_bench_e2e_${randomBytes(4).toString('hex')}`,
      queuePrefix: testQueuePrefix('bench-e2e'),
      progress: (line) => progress.push(line),
    });

    // Every article stored once, from its page; every page fetched exactly once.
    expect(report.complete).toBe(true);
    expect(report.articles).toMatchObject({ expected: 12, rows: 12, fromPage: 12, fromFeed: 0, failed: 0, pending: 0, distinctTitles: 12 });
    expect(report.server).toMatchObject({ pagesRequested: 12, maxRequestsPerPage: 1 });
    expect(report.server.feedRequests).toBeGreaterThanOrEqual(3);
    // Every stored article went through alert matching.
    expect(report.articles.alertMatched).toBe(12);

    // One duration per article and stage, read from the workers' log lines.
    for (const stage of ['fetch', 'extract', 'tag', 'store', 'alert match'] as const) {
      const d = report.stages[stage];
      expect(d.count, stage).toBe(12);
      expect(d.mean, stage).toBeGreaterThan(0);
      expect(d.p95, stage).toBeGreaterThanOrEqual(0);
      expect(d.max, stage).toBeGreaterThanOrEqual(d.p95);
    }
    expect(Number.isFinite(report.articlesPerSecond) && report.articlesPerSecond > 0).toBe(true);

    // Memory and CPU of the three worker processes, sampled from /proc.
    expect(report.processes.map((p) => p.name)).toEqual(['feeds', 'articles', 'alerts']);
    for (const p of report.processes) {
      expect(p.rss!.first, p.name).toBeGreaterThan(10_000);
      expect(p.rss!.max, p.name).toBeGreaterThanOrEqual(p.rss!.last);
      // CPU during the run (10 ms ticks): the alerts process may have nothing to do, the article
      // stage matching what it stores itself.
      expect(p.cpuS, p.name).toBeGreaterThanOrEqual(p.name === 'alerts' ? 0 : 0.01);
      // The main thread is part of the process (the rest: extraction threads, GC, libuv); the two
      // are read one after the other, in 10 ms ticks: two ticks of slack.
      expect(p.mainThreadCpuS!, p.name).toBeLessThanOrEqual(p.cpuS! + 0.02);
    }
    // The articles process's extraction threads did most of its work.
    const articles = report.processes.find((p) => p.name === 'articles')!;
    expect(articles.cpuS! - articles.mainThreadCpuS!).toBeGreaterThan(0);
    // Whole-machine CPU over the run covers at least what the worker processes used meanwhile
    // (both in 10 ms ticks: a tick of slack per process).
    const workersMs = report.processes.reduce((sum, p) => sum + (p.cpuS ?? 0), 0) * 1000;
    expect(report.machineCpuMsPerArticle! * 12).toBeGreaterThanOrEqual(workersMs - 30);
    expect(report.redisCpuS!).toBeGreaterThan(0);
    // The recorded (subscription, article) pairs, counted in PostgreSQL.
    expect(report.articles.alertPairs).toBeGreaterThanOrEqual(0);

    // The extraction-only baseline ran over the same number of pages, all extracted.
    expect(report.baseline).toMatchObject({ pages: 12, failed: 0 });
    expect(report.baseline.pagesPerSecond).toBeGreaterThan(0);
    // Two runs, before and after the pipeline; the ratio uses the faster one.
    expect(report.baseline.runs).toHaveLength(2);
    expect(report.baseline.pagesPerSecond).toBe(Math.max(...report.baseline.runs));
    expect(report.ratio).toBeCloseTo(report.articlesPerSecond / report.baseline.pagesPerSecond, 10);
  }, 240_000);
});
