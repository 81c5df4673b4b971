// Entry point of the scheduler: rebuilds one BullMQ job scheduler per enabled feed from
// PostgreSQL (idempotent), re-enqueues pending articles, and repeats both periodically so
// that feeds added while Redis was away, or a wiped Redis, are healed without a restart.
import type { AppDeps } from '../src/deps.ts';
import { enqueuePendingArticles } from '../src/articles/recover.ts';
import { syncDigestSchedules } from '../src/alerts/digest.ts';
import { recoverAlerts } from '../src/alerts/recover.ts';
import { describeError } from '../src/errors.ts';
import { syncFeedSchedules } from '../src/feeds/scheduler.ts';
import { runAsMain } from '../src/queue/run-main.ts';

export interface Scheduler {
  /** Runs one synchronization now (also done at start and every `everyMs`). */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the scheduler: synchronizes at once, then every `everyMs` (default VIGIE_SCHEDULER_SYNC_INTERVAL_S). */
export async function startScheduler(app: AppDeps, options: { everyMs?: number } = {}): Promise<Scheduler> {
  const everyMs = options.everyMs ?? app.config.schedulerSyncIntervalS * 1000;
  const syncNow = async () => {
    const schedules = await syncFeedSchedules({ sql: app.sql, queues: app.queues, config: app.config });
    const recovered = await enqueuePendingArticles({ sql: app.sql, queues: app.queues });
    const alertDeps = { sql: app.sql, queues: app.queues, config: app.config };
    const digests = await syncDigestSchedules(alertDeps);
    // Re-enqueueing is idempotent (deterministic job ids): the grace only spares redundant
    // work, so it never exceeds the interval (a wiped Redis is healed at the next sync).
    const alerts = await recoverAlerts(alertDeps, { graceMs: Math.min(60_000, everyMs) });
    app.log.info({ schedules, recovered, digests, alerts }, 'scheduler synchronized');
  };
  await syncNow();
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= syncNow()
      .catch((err) => app.log.error({ err: describeError(err) }, 'scheduler synchronization failed'))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return {
    syncNow,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

await runAsMain(import.meta.url, 'scheduler', async (app) => {
  const scheduler = await startScheduler(app);
  return () => scheduler.close();
});
