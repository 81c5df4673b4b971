// Webhook signatures: `X-Vigie-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
// the scheme of Stripe's webhooks. The timestamp lets receivers refuse replays; the secret is
// per subscription, shown once by `vigie alerts add`, and never logged.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-vigie-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Returns a new random webhook secret ('whsec_' + 48 hex digits). */
export function generateSecret(): string {
  return 'whsec_' + randomBytes(24).toString('hex');
}

/** Returns the signature header value of `body` sent at `timestampS` (Unix seconds). */
export function signPayload(secret: string, timestampS: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampS}.${body}`, 'utf8').digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

/** True when `header` is a valid signature of `body` by `secret`, made at most `toleranceS` from `nowS`. */
export function verifySignature(secret: string, header: string, body: string, nowS: number, toleranceS = 300): boolean {
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    fields.set(key, [...(fields.get(key) ?? []), part.slice(eq + 1).trim()]);
  }
  const t = Number(fields.get('t')?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(signPayload(secret, t, body).split('v1=')[1], 'hex');
  return (fields.get('v1') ?? []).some((v) => {
    const got = Buffer.from(v, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
