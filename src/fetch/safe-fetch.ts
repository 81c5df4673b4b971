// The one HTTP client of vigie: every outbound request (feeds, article pages, webhooks) goes
// through createFetcher(). It speaks node:http(s) directly so that each connection goes to an
// address we checked (see safe-lookup.ts), follows redirects itself re-checking every hop, and
// bounds time, size and politeness. docs/fetching.md lists the checks and the error codes.
import http from 'node:http';
import https from 'node:https';
import type { Config } from '../config.ts';
import { FetchError } from '../errors.ts';
import { checkFetchUrl, hostIpLiteral, isAllowlisted, isBlockedAddress, urlForLog } from './address.ts';
import { decodeBody } from './charset.ts';
import { createHostLimiter } from './host-limiter.ts';
import { performHop } from './http-hop.ts';
import { flattenHeaders, isPermanentStatus, isRedirectStatus, parseRetryAfter } from './http-status.ts';
import { createCheckedLookup } from './safe-lookup.ts';
import type { FetchRequest, FetchResult, Fetcher, FetcherOptions } from './types.ts';

/** Returns the fetcher options held in the configuration. */
export function fetcherOptionsFromConfig(config: Config): FetcherOptions {
  return {
    allowlist: [...config.fetchAllowlist],
    connectTimeoutMs: config.fetchConnectTimeoutMs,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    maxRedirects: config.fetchMaxRedirects,
    hostConcurrency: config.fetchHostConcurrency,
    hostDelayMs: config.fetchHostDelayMs,
    userAgent: config.userAgent,
  };
}

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
// Credentials are not carried to another origin by a redirect.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Returns the request headers: ours, then the caller's (lower-cased names, the caller's win). */
function buildHeaders(options: FetcherOptions, request: FetchRequest, body: Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if ((request.method ?? 'GET') === 'GET') {
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  }
  if (body) headers['content-length'] = String(body.length);
  return headers;
}

/** Throws FetchError 'blocked_address' when the URL's host is an IP literal in a blocked range (such hosts never reach the DNS lookup). */
function checkLiteralHost(url: URL, describe: string): void {
  const literal = hostIpLiteral(url);
  if (literal !== null && isBlockedAddress(literal)) {
    throw new FetchError(`fetch: blocked address ${literal}: ${describe}`, { code: 'blocked_address', permanent: true, url: urlForLog(url) });
  }
}

function statusError(status: number, headers: Record<string, string>, describe: string, url: string): FetchError {
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers['retry-after'], Date.now()) : undefined;
  return new FetchError(`fetch: HTTP ${status}: ${describe}`, {
    code: 'http_status',
    status,
    permanent: isPermanentStatus(status),
    retryAfterMs,
    url,
  });
}

/** Returns true when this redirect is followed: any for GET, only 307/308 (which keep method and body) for POST. */
function isFollowedRedirect(method: string, status: number): boolean {
  return isRedirectStatus(status) && (method === 'GET' || status === 307 || status === 308);
}

/** Returns the checked next URL of a redirect; throws FetchError 'http_status' (no Location), 'bad_scheme', 'redirect_loop' or 'too_many_redirects'. */
function redirectTarget(
  status: number,
  headers: Record<string, string>,
  from: URL,
  method: string,
  visited: string[],
  maxRedirects: number,
  describe: string,
): URL {
  if (!headers.location) throw statusError(status, headers, `${describe} (redirect without Location)`, urlForLog(from));
  let next: URL;
  try {
    next = checkFetchUrl(headers.location, method, from.href);
  } catch (err) {
    // The Location alone (often just "file:…") does not say which page sent us there.
    if (!(err instanceof FetchError)) throw err;
    throw new FetchError(`${err.message} (redirected from ${describe})`, { code: err.code, permanent: err.permanent, url: urlForLog(from), cause: err });
  }
  // The fragment is never sent: /a#x and /a are the same request.
  next.hash = '';
  if (visited.includes(next.href)) {
    throw new FetchError(`fetch: redirect loop back to ${urlForLog(next)}: ${describe}`, {
      code: 'redirect_loop',
      permanent: true,
      url: urlForLog(from),
    });
  }
  if (visited.length > maxRedirects) {
    throw new FetchError(`fetch: more than ${maxRedirects} redirects: ${describe}`, {
      code: 'too_many_redirects',
      permanent: true,
      url: urlForLog(from),
    });
  }
  return next;
}

/** Methods sent again when a kept-alive connection turns out to be closed before any answer. */
const IDEMPOTENT = new Set(['GET', 'HEAD']);

/** How many request timeouts a request may wait for its turn at a busy host before it fails. */
const SLOT_WAIT_FACTOR = 10;

/** Returns a fetcher enforcing `options` (addresses, timeouts, sizes, redirects, per-host limits); close() drops its idle connections. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  const limiter = createHostLimiter({ concurrency: options.hostConcurrency, delayMs: options.hostDelayMs });

  async function fetchOnce(request: FetchRequest): Promise<FetchResult> {
    const startedAt = Date.now();
    const method = request.method ?? 'GET';
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const maxBytes = request.maxBytes ?? options.maxBytes;
    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    let url = checkFetchUrl(request.url, method);
    let describe = `${method} ${urlForLog(url)}`;
    let headers = buildHeaders(options, request, body);

    // One controller bounds the whole request, redirects and bodies included. Its clock starts
    // when the host's limiter lets the first request go: waiting behind other requests to the
    // same host (politeness) is not the host being slow. That wait has its own, longer bound.
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const turnWaitMs = SLOT_WAIT_FACTOR * timeoutMs;
    const turnTimer = setTimeout(() => {
      controller.abort(new FetchError(`fetch: no turn at this host within ${turnWaitMs} ms (other requests to it in flight): ${describe}`, { code: 'timeout', url: urlForLog(url) }));
    }, turnWaitMs);
    const startClock = (): void => {
      if (timer) return;
      clearTimeout(turnTimer);
      timer = setTimeout(() => {
        controller.abort(new FetchError(`fetch: no complete response within ${timeoutMs} ms: ${describe}`, { code: 'timeout', url: urlForLog(url) }));
      }, timeoutMs);
    };
    const onCallerAbort = (): void => {
      controller.abort(new FetchError(`fetch: aborted by caller: ${describe}`, { code: 'aborted', url: urlForLog(url) }));
    };
    if (request.signal?.aborted) onCallerAbort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const visited = [url.href];
    try {
      for (;;) {
        const allowlisted = isAllowlisted(url, options.allowlist);
        if (!allowlisted) checkLiteralHost(url, describe);
        const release = await limiter.acquire(url.hostname, controller.signal);
        startClock();
        let hop;
        try {
          const hopRequest = {
            url,
            method,
            headers,
            body,
            agent: agents[url.protocol as 'http:' | 'https:'],
            lookup: allowlisted ? undefined : createCheckedLookup(describe),
            connectTimeoutMs: options.connectTimeoutMs,
            maxBytes,
            signal: controller.signal,
            wantsBody: (status: number) => status >= 200 && status < 300,
            describe,
          };
          try {
            hop = await performHop(hopRequest);
          } catch (err) {
            // A pooled connection the server had closed: nothing was answered, so a GET or HEAD
            // is sent again, once, on a fresh connection (the dead one is already destroyed).
            if (!(err instanceof FetchError && err.code === 'stale_connection' && IDEMPOTENT.has(method))) throw err;
            try {
              hop = await performHop(hopRequest);
            } catch (again) {
              if (again instanceof FetchError && again.code === 'stale_connection') {
                throw new FetchError(`fetch: network error (connection closed twice by the server): ${describe}`, { code: 'network', cause: again, url: urlForLog(url) });
              }
              throw again;
            }
          }
        } finally {
          release();
        }
        const responseHeaders = flattenHeaders(hop.headers);

        if (isFollowedRedirect(method, hop.status)) {
          const next = redirectTarget(hop.status, responseHeaders, url, method, visited, options.maxRedirects, describe);
          if (next.origin !== url.origin) {
            headers = { ...headers };
            for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
          }
          visited.push(next.href);
          url = next;
          describe = `${method} ${urlForLog(url)} (redirected from ${urlForLog(visited[0])})`;
          continue;
        }

        const base = {
          status: hop.status,
          url: url.href,
          redirects: visited,
          headers: responseHeaders,
          contentType: responseHeaders['content-type'] ?? null,
          etag: responseHeaders.etag ?? null,
          lastModified: responseHeaders['last-modified'] ?? null,
        };
        if (hop.status === 304) {
          return { ...base, notModified: true, body: Buffer.alloc(0), text: '', charset: 'utf-8', durationMs: Date.now() - startedAt };
        }
        if (hop.status < 200 || hop.status >= 300) throw statusError(hop.status, responseHeaders, describe, urlForLog(url));
        const decoded = decodeBody(hop.body, base.contentType);
        return {
          ...base,
          notModified: false,
          body: hop.body,
          text: decoded.text,
          charset: decoded.charset,
          durationMs: Date.now() - startedAt,
        };
      }
    } finally {
      clearTimeout(turnTimer);
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    fetch: fetchOnce,
    async close() {
      limiter.close();
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
