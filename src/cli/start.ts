// Heavy modules are imported inside the action so that `vigie --help` and light commands start fast.
import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Run the service until stopped: migrations, the scheduler and every queue worker in one process.\n' +
        'SIGINT/SIGTERM stop taking jobs, finish in-flight ones and close connections.',
    )
    .action(async () => {
      const { exitOnUncaught, untilSignal } = await import('../queue/run-main.ts');
      const { openApp } = await import('./runtime.ts');
      const { checkConnections } = await import('../ingest/once.ts');
      const { startScheduler } = await import('../../workers/scheduler.ts');
      const { startFeedsWorker } = await import('../../workers/feeds.ts');
      const { startArticlesWorker } = await import('../../workers/articles.ts');
      const { startAlertsWorker } = await import('../../workers/alerts.ts');
      const { startDeliveriesWorker } = await import('../../workers/deliveries.ts');
      const app = await openApp('start');
      // As the separate workers do: an uncatchable error ends the process with one fatal line,
      // for its supervisor to restart it (src/queue/run-main.ts).
      exitOnUncaught(app.log, 'start');
      await checkConnections(app);
      const [{ feeds }] = await app.sql<{ feeds: number }[]>`select count(*)::int as feeds from feeds where enabled`;
      if (feeds === 0) {
        app.log.warn('no feeds configured: add some with `vigie feeds import --defaults` or `vigie feeds add URL` (or try `vigie demo`)');
      }
      const scheduler = await startScheduler(app);
      const feedsWorker = startFeedsWorker(app);
      const articles = await startArticlesWorker(app);
      const alertsWorker = startAlertsWorker(app);
      const deliveries = startDeliveriesWorker(app);
      app.log.info({ feeds, queuePrefix: app.config.queuePrefix }, 'vigie started');
      const signal = await untilSignal();
      app.log.info({ signal }, 'stopping: finishing in-flight jobs');
      await scheduler.close();
      await Promise.all([feedsWorker.close(), articles.close(), alertsWorker.close(), deliveries.close()]);
      await app.close();
      app.log.info('stopped');
    });
}
