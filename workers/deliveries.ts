// Entry point of the `deliveries` queue: 'deliver' jobs send one alert or digest message
// (src/alerts/deliver.ts); 'digest' jobs, fired by each digest subscription's job scheduler,
// gather the waiting matches into one message (src/alerts/digest.ts).
import type { Worker } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { deliverMessage } from '../src/alerts/deliver.ts';
import { assembleDigest } from '../src/alerts/digest.ts';
import { createMailer, type Mailer } from '../src/alerts/deliver/email.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../src/fetch/safe-fetch.ts';
import { QUEUE_NAMES, type DeliveryJob } from '../src/queue/queues.ts';
import { runAsMain } from '../src/queue/run-main.ts';
import { startStageWorker } from '../src/queue/stage-worker.ts';

export interface DeliveriesWorker {
  worker: Worker<DeliveryJob>;
  close(): Promise<void>;
}

/** Starts a worker on the `deliveries` queue; `mailer` replaces the SMTP transport built from config. */
export function startDeliveriesWorker(app: AppDeps, options: { mailer?: Mailer } = {}): DeliveriesWorker {
  let mailer = options.mailer ?? null;
  // Webhooks are our subscribers' endpoints, not publishers we crawl: same address checks and
  // limits, but no politeness delay between two requests to one host.
  const fetcher = createFetcher({
    ...fetcherOptionsFromConfig(app.config),
    hostDelayMs: 0,
    hostConcurrency: app.config.deliveriesConcurrency,
  });
  const deps = {
    sql: app.sql,
    fetcher,
    queues: app.queues,
    log: app.log,
    config: app.config,
    mailer: () => (mailer ??= createMailer(app.config.smtpUrl)),
  };
  const worker = startStageWorker<DeliveryJob, unknown>(app, QUEUE_NAMES.deliveries, app.config.deliveriesConcurrency, async (job) => {
    if ('subscriptionId' in job.data) return assembleDigest(deps, job.data.subscriptionId);
    return deliverMessage(deps, {
      deliveryId: job.data.deliveryId,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
  });
  return {
    worker,
    async close() {
      await worker.close();
      await fetcher.close();
      mailer?.close();
    },
  };
}

await runAsMain(import.meta.url, 'deliveries', async (app) => {
  const w = startDeliveriesWorker(app);
  return () => w.close();
});
