// The delivery stage: load one message (instant alert or digest) with its subscription and
// articles, send it on the subscription's channel, and record the outcome. A failed attempt
// is recorded with its reason and rethrown (BullMQ retries it with exponential back-off); a
// subscription that fails `alertPauseAfter` attempts in a row is paused with the reason.
import type { Sql } from '../db/client.ts';
import { VigieError, describeError, errorCode } from '../errors.ts';
import type { Fetcher } from '../fetch/types.ts';
import type { Logger } from '../log.ts';
import {
  abandonDelivery,
  getDelivery,
  loadDeliveryArticles,
  recordDeliveryFailure,
  recordDeliverySent,
} from '../store/alert-deliveries.ts';
import { getSubscriptionWithSecret } from '../store/alert-subscriptions.ts';
import type { AlertMessage } from './message.ts';
import { sendEmail, type Mailer } from './deliver/email.ts';
import { sendLogLine } from './deliver/log.ts';
import { sendWebhook } from './deliver/webhook.ts';

export interface DeliveryStageDeps {
  sql: Sql;
  fetcher: Fetcher;
  /** Created on first use by the worker, so that processes without e-mail alerts never connect. */
  mailer: () => Mailer;
  log: Logger;
  config: { mailFrom: string; alertPauseAfter: number };
  now?: () => Date;
}

export interface DeliveryAttempt {
  deliveryId: number;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

export type DeliveryOutcome =
  | { status: 'sent'; deliveryId: number; subscriptionId: number; channel: string; articles: number }
  | { status: 'skipped'; deliveryId: number; reason: 'missing' | 'already_sent' | 'already_failed' | 'paused' | 'no_articles' };

/** Sends delivery `deliveryId` once; resolves with the outcome, throws a VigieError (permanent or not) when the send failed. */
export async function deliverMessage(deps: DeliveryStageDeps, job: DeliveryAttempt): Promise<DeliveryOutcome> {
  const delivery = await getDelivery(deps.sql, job.deliveryId);
  if (!delivery) return { status: 'skipped', deliveryId: job.deliveryId, reason: 'missing' };
  if (delivery.status === 'sent') return { status: 'skipped', deliveryId: delivery.id, reason: 'already_sent' };
  if (delivery.status === 'failed') return { status: 'skipped', deliveryId: delivery.id, reason: 'already_failed' };
  const sub = await getSubscriptionWithSecret(deps.sql, delivery.subscriptionId);
  if (!sub || !sub.active) {
    await abandonDelivery(deps.sql, delivery.id, `subscription paused: ${sub?.pausedReason ?? 'removed'}`, 'paused');
    return { status: 'skipped', deliveryId: delivery.id, reason: 'paused' };
  }
  const articles = await loadDeliveryArticles(deps.sql, delivery.id);
  if (articles.length === 0) {
    await abandonDelivery(deps.sql, delivery.id, 'its articles were deleted', 'no_articles');
    return { status: 'skipped', deliveryId: delivery.id, reason: 'no_articles' };
  }
  const message: AlertMessage = {
    kind: delivery.kind,
    idempotencyKey: delivery.idempotencyKey,
    subscription: { id: sub.id, name: sub.name, owner: sub.owner, query: sub.query },
    articles,
  };
  const now = (deps.now ?? (() => new Date()))();
  try {
    if (sub.channel === 'webhook') {
      await sendWebhook(deps.fetcher, sub.target!, sub.secret, message, Math.floor(now.getTime() / 1000));
    } else if (sub.channel === 'email') {
      await sendEmail(deps.mailer(), deps.config.mailFrom, sub.target!, message, sub.digestTz ?? 'Europe/Paris');
    } else {
      sendLogLine(deps.log, message);
    }
  } catch (err) {
    const permanent = err instanceof VigieError && err.permanent;
    const final = permanent || job.attempt >= job.maxAttempts;
    const { paused } = await recordDeliveryFailure(deps.sql, delivery.id, {
      error: describeError(err),
      errorCode: errorCode(err),
      final,
      pauseAfter: deps.config.alertPauseAfter,
    });
    if (paused && !final) {
      await abandonDelivery(deps.sql, delivery.id, `subscription paused after this failure: ${describeError(err)}`, errorCode(err));
      throw new VigieError(`deliver: subscription ${sub.id} paused: ${describeError(err)}`, { code: 'paused', permanent: true, cause: err });
    }
    throw err;
  }
  await recordDeliverySent(deps.sql, delivery.id);
  return { status: 'sent', deliveryId: delivery.id, subscriptionId: sub.id, channel: sub.channel, articles: articles.length };
}
