// Webhook channel: a JSON POST through the safe fetcher (private addresses refused unless
// allowlisted), signed with the subscription's secret, with an idempotency key that is the
// same on every try of the message.
import type { Fetcher } from '../../fetch/types.ts';
import { FetchError, VigieError } from '../../errors.ts';
import { webhookPayload, type AlertMessage } from '../message.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signPayload } from '../signature.ts';

const RESPONSE_MAX_BYTES = 64 * 1024;

/** POSTs `message` to `url`, signed at `nowS` (Unix seconds); throws FetchError on a refused address, a timeout or a non-2xx answer. */
export async function sendWebhook(fetcher: Fetcher, url: string, secret: string | null, message: AlertMessage, nowS: number): Promise<number> {
  if (!secret) throw new VigieError(`webhook: subscription ${message.subscription.id} has no secret`, { code: 'no_secret', permanent: true });
  const body = JSON.stringify(webhookPayload(message));
  try {
    return await post(fetcher, url, secret, message, nowS, body);
  } catch (err) {
    throw redactError(err, url);
  }
}

/** Returns `url` with its query string and fragment hidden: webhook URLs often carry tokens there. */
export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search || u.hash ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

// The fetcher's messages name the URL; ours must not carry a token found in its query string.
function redactError(err: unknown, url: string): unknown {
  if (!(err instanceof FetchError)) return err;
  const u = new URL(url);
  const secretParts = [u.search, u.hash].filter((p) => p.length > 1);
  if (secretParts.length === 0) return err;
  let text = err.message;
  for (const part of secretParts) text = text.split(part).join('?…');
  return new FetchError(text, { code: err.code, permanent: err.permanent, status: err.status, retryAfterMs: err.retryAfterMs, url: redactWebhookUrl(url) });
}

async function post(fetcher: Fetcher, url: string, secret: string, message: AlertMessage, nowS: number, body: string): Promise<number> {
  const response = await fetcher.fetch({
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json, */*;q=0.5',
      [SIGNATURE_HEADER]: signPayload(secret, nowS, body),
      [IDEMPOTENCY_HEADER]: message.idempotencyKey,
    },
    body: Buffer.from(body, 'utf8'),
    maxBytes: RESPONSE_MAX_BYTES,
  });
  return response.status;
}
