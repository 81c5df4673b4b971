// POSTs through the safe fetcher (webhook deliveries): same address checks and limits, a small
// response body, and no redirect followed except 307/308, which keep the method and the body.
import type { FetchResult, Fetcher } from './types.ts';

export interface PostJsonOptions {
  /** Extra headers (signatures, idempotency keys); Content-Type defaults to application/json. */
  headers?: Record<string, string>;
  /** Largest response body read; a webhook answer is short. Default 64 KiB. */
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const POST_RESPONSE_MAX_BYTES = 64 * 1024;

/** Returns the 2xx response to a JSON POST of `payload` to `url`; throws FetchError like Fetcher.fetch (3xx other than 307/308 → 'http_status'). */
export function postJson(fetcher: Fetcher, url: string, payload: unknown, options: PostJsonOptions = {}): Promise<FetchResult> {
  return fetcher.fetch({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json, */*;q=0.5', ...options.headers },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
    maxBytes: options.maxBytes ?? POST_RESPONSE_MAX_BYTES,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
}
