// HTTP behaviour of the safe fetcher against loopback servers: redirects (loops, limits, POST),
// conditional GET, statuses and Retry-After, legacy charsets, per-host concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import { postJson } from '../../src/fetch/post.ts';
import { createFetcher } from '../../src/fetch/safe-fetch.ts';
import type { Fetcher, FetcherOptions } from '../../src/fetch/types.ts';
import { fetchFailure, startTestServer, type TestServer } from '../helpers/http-server.ts';


const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// "L’armée française a livré 12 blindés… « Titus » pour 5 M€" in windows-1252 bytes, with the
// charset only in the HTTP header (0x92 ’, 0x85 …, 0xAB/0xBB « », 0x80 €, 0xE9 é, 0xE7 ç).
const CP1252_PAGE = Buffer.concat([
  Buffer.from('<html><body><p>L', 'latin1'), Buffer.from([0x92]),
  Buffer.from('arm\xe9e fran\xe7aise a livr\xe9 12 blind\xe9s', 'latin1'), Buffer.from([0x85]),
  Buffer.from(' ', 'latin1'), Buffer.from([0xab]), Buffer.from(' Titus ', 'latin1'), Buffer.from([0xbb]),
  Buffer.from(' pour 5 M', 'latin1'), Buffer.from([0x80]), Buffer.from(' et un c', 'latin1'), Buffer.from([0x9c]),
  Buffer.from('ur l\xe9ger</p></body></html>', 'latin1'),
]);

let server: TestServer;
let second: TestServer;
let fetcher: Fetcher;
let serialFetcher: Fetcher;
const seen: { path: string; headers: IncomingMessage['headers']; body?: string }[] = [];
let secondSeen: IncomingMessage['headers'] | null = null;

// Concurrency probe: hold each /slow request until two are in flight (or no more will come),
// then answer the oldest a little later, leaving any extra request time to arrive. A limiter
// letting more than two through shows up as a peak above 2; a correct one never blocks here.
const SLOW_TOTAL = 8;
let slowInFlight = 0;
let slowPeak = 0;
let slowArrived = 0;
let slowReleasing = false;
const slowHeld: ServerResponse[] = [];
function answerSlow(): void {
  if (slowReleasing) return;
  if (slowHeld.length < 2 && !(slowHeld.length > 0 && slowArrived === SLOW_TOTAL)) return;
  slowReleasing = true;
  setTimeout(() => {
    slowReleasing = false;
    const res = slowHeld.shift();
    if (!res) return;
    slowInFlight -= 1;
    res.end('ok');
    answerSlow();
  }, 30);
}

const options = (overrides: Partial<FetcherOptions> = {}): FetcherOptions => ({
  allowlist: [server.origin, second.origin],
  connectTimeoutMs: 2_000,
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 3,
  hostConcurrency: 8,
  hostDelayMs: 0,
  userAgent: 'vigie-test/1.0',
  ...overrides,
});

beforeAll(async () => {
  second = await startTestServer((req, res) => {
    secondSeen = req.headers;
    res.end('second');
  });
  server = await startTestServer(async (req, res) => {
    const path = req.url ?? '/';
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    seen.push({ path, headers: req.headers, body });
    const redirect = (status: number, location: string): void => {
      res.writeHead(status, { location });
      res.end();
    };
    if (path === '/loop-a') return redirect(302, '/loop-b');
    if (path === '/loop-b') return redirect(301, '/loop-a#fragment');
    if (path.startsWith('/chain/')) {
      const n = Number(path.slice('/chain/'.length));
      return n === 0 ? void res.end('fin de chaîne') : redirect(302, `/chain/${n - 1}`);
    }
    if (path === '/to-second') return redirect(302, `${second.origin}/landing`);
    if (path === '/no-location') return void (res.writeHead(302), res.end());
    if (path === '/feed') {
      if (req.headers['if-none-match'] === '"v42"') return void (res.writeHead(304, { etag: '"v42"' }), res.end());
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v42"', 'last-modified': 'Sun, 01 Mar 2026 10:00:00 GMT' });
      return void res.end('<rss><channel><title>Défense & Sécurité</title></channel></rss>');
    }
    if (path === '/since') {
      if (req.headers['if-modified-since'] === 'Sun, 01 Mar 2026 10:00:00 GMT') return void (res.writeHead(304), res.end());
      return void res.end('changed');
    }
    if (path === '/cp1252') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      return void res.end(CP1252_PAGE);
    }
    if (path === '/cp1252-undeclared') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(CP1252_PAGE);
    }
    if (path === '/rate-limited') {
      res.writeHead(429, { 'retry-after': '120' });
      return void res.end('trop de requêtes');
    }
    if (path === '/unavailable') {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() });
      return void res.end();
    }
    if (path === '/gone') return void (res.writeHead(410), res.end());
    if (path === '/missing') return void (res.writeHead(404), res.end());
    if (path === '/teapot-5xx') return void (res.writeHead(502), res.end());
    if (path === '/post-302') return redirect(302, '/echo');
    if (path === '/post-307') return redirect(307, '/echo');
    if (path === '/echo') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ method: req.method, body: body ?? null, type: req.headers['content-type'] ?? null }));
    }
    if (path.startsWith('/paced/')) {
      // Answers after 600 ms: four of these through one host slot take 2.4 s in all.
      return void setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      }, 600);
    }
    if (path.startsWith('/slow/')) {
      slowArrived += 1;
      slowInFlight += 1;
      slowPeak = Math.max(slowPeak, slowInFlight);
      slowHeld.push(res);
      return answerSlow();
    }
    res.writeHead(404);
    res.end();
  });
  fetcher = createFetcher(options());
  serialFetcher = createFetcher(options({ hostConcurrency: 2 }));
});

afterAll(async () => {
  await fetcher?.close();
  await serialFetcher?.close();
  await server?.close();
  await second?.close();
});

describe('redirects', () => {
  it('detects a redirect loop (the fragment does not disguise it)', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/loop-a') }));
    expect(err.code).toBe('redirect_loop');
    expect(err.permanent).toBe(true);
    expect(err.message).toContain(`redirect loop back to ${server.url('/loop-a')}`);
  });

  it('follows up to maxRedirects and refuses one more', async () => {
    const ok = await fetcher.fetch({ url: server.url('/chain/3') });
    expect(ok.text).toBe('fin de chaîne');
    expect(ok.redirects).toHaveLength(4);
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/chain/4') }));
    expect(err.code).toBe('too_many_redirects');
    expect(err.message).toContain('more than 3 redirects');
  });

  it('does not carry Authorization or Cookie to another origin', async () => {
    const result = await fetcher.fetch({
      url: server.url('/to-second'),
      headers: { Authorization: 'Bearer jeton', Cookie: 'session=1', 'X-Vigie': 'oui' },
    });
    expect(result.text).toBe('second');
    expect(secondSeen?.authorization).toBeUndefined();
    expect(secondSeen?.cookie).toBeUndefined();
    expect(secondSeen?.['x-vigie']).toBe('oui');
    expect(secondSeen?.['user-agent']).toBe('vigie-test/1.0');
  });

  it('a redirect without Location is an http_status error', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/no-location') }));
    expect(err).toMatchObject({ code: 'http_status', status: 302, permanent: true });
  });
});

describe('conditional GET', () => {
  it('returns validators, then 304 notModified with an empty body', async () => {
    const first = await fetcher.fetch({ url: server.url('/feed') });
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v42"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' });
    expect(first.text).toContain('Défense & Sécurité');
    const again = await fetcher.fetch({ url: server.url('/feed'), etag: first.etag, lastModified: first.lastModified });
    expect(again).toMatchObject({ status: 304, notModified: true, text: '' });
    expect(again.body.length).toBe(0);
    expect(seen.at(-1)?.headers['if-none-match']).toBe('"v42"');
    expect(seen.at(-1)?.headers['if-modified-since']).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
  });

  it('sends If-Modified-Since alone', async () => {
    const again = await fetcher.fetch({ url: server.url('/since'), lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' });
    expect(again.notModified).toBe(true);
  });
});

describe('statuses', () => {
  it('429 with Retry-After in seconds', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/rate-limited') }));
    expect(err).toMatchObject({ code: 'http_status', status: 429, permanent: false, retryAfterMs: 120_000 });
    expect(err.message).toBe(`fetch: HTTP 429: GET ${server.url('/rate-limited')}`);
  });

  it('503 with Retry-After as an HTTP-date', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/unavailable') }));
    expect(err).toMatchObject({ code: 'http_status', status: 503, permanent: false });
    expect(err.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it.each([
    ['/gone', 410, true],
    ['/missing', 404, true],
    ['/teapot-5xx', 502, false],
  ])('%s → %i permanent=%s', async (path, status, permanent) => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url(path) }));
    expect(err).toMatchObject({ code: 'http_status', status, permanent, retryAfterMs: undefined });
  });
});

describe('charsets', () => {
  it.each(['/cp1252', '/cp1252-undeclared'])('decodes the windows-1252 page %s with its accents', async (path) => {
    const result = await fetcher.fetch({ url: server.url(path) });
    expect(result.charset).toBe('windows-1252');
    expect(result.text).toBe(
      '<html><body><p>L’armée française a livré 12 blindés… « Titus » pour 5 M€ et un cœur léger</p></body></html>',
    );
  });
});

describe('POST', () => {
  it('sends a JSON body', async () => {
    const result = await postJson(fetcher, server.url('/echo'), { alerte: 'Exportations d’armes' });
    expect(JSON.parse(result.text)).toEqual({
      method: 'POST',
      body: '{"alerte":"Exportations d’armes"}',
      type: 'application/json; charset=utf-8',
    });
  });

  it('follows 307 with the method and body kept', async () => {
    const result = await postJson(fetcher, server.url('/post-307'), { n: 1 });
    expect(JSON.parse(result.text)).toMatchObject({ method: 'POST', body: '{"n":1}' });
  });

  it('does not follow 302 for POST', async () => {
    const before = seen.filter((s) => s.path === '/echo').length;
    const err = await fetchFailure(postJson(fetcher, server.url('/post-302'), { n: 2 }));
    expect(err).toMatchObject({ code: 'http_status', status: 302 });
    expect(seen.filter((s) => s.path === '/echo').length).toBe(before);
  });
});

describe('per-host concurrency', () => {
  it('never has more than hostConcurrency requests in flight to one host', async () => {
    const results = await Promise.all(
      Array.from({ length: SLOW_TOTAL }, (_, i) => serialFetcher.fetch({ url: server.url(`/slow/${i}`) })),
    );
    expect(results.map((r) => r.text)).toEqual(Array(SLOW_TOTAL).fill('ok'));
    expect(slowArrived).toBe(SLOW_TOTAL);
    expect(slowPeak).toBe(2);
  });
});

describe('waiting for a host slot', () => {
  it('does not count against the request timeout', async () => {
    // One slot and a 1.5 s timeout: the fourth request waits 1.8 s for its turn, then takes
    // 0.6 s itself. Counted from the call, the third and fourth would time out.
    const oneSlot = createFetcher(options({ hostConcurrency: 1, timeoutMs: 1_500 }));
    try {
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => oneSlot.fetch({ url: server.url(`/paced/${i}`) })));
      expect(results.map((r) => r.text)).toEqual(['ok', 'ok', 'ok', 'ok']);
    } finally {
      await oneSlot.close();
    }
  });
});

describe('a kept-alive connection the server has closed', () => {
  // Answers the first request of each connection with keep-alive, and resets the connection
  // when a second request arrives on it: the race of a server closing an idle connection just
  // as the client reuses it, made deterministic.
  async function startResettingServer(): Promise<{ origin: string; connections: () => number; close: () => Promise<void> }> {
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const raw = net.createServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      let requests = 0;
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        while (buffered.includes('\r\n\r\n')) {
          buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
          requests += 1;
          if (requests > 1) return void socket.resetAndDestroy();
          const body = 'Livraison de blindés confirmée à Niamey';
          socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`);
        }
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`;
    return {
      origin,
      connections: () => connections,
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => raw.close(() => resolve()));
      },
    };
  }

  it('is retried once on a fresh connection for a GET', async () => {
    const resetting = await startResettingServer();
    const client = createFetcher(options({ allowlist: [resetting.origin] }));
    try {
      const first = await client.fetch({ url: `${resetting.origin}/a` });
      const second = await client.fetch({ url: `${resetting.origin}/b` });
      expect([first.text, second.text]).toEqual(['Livraison de blindés confirmée à Niamey', 'Livraison de blindés confirmée à Niamey']);
      // The second request went out on the first connection, was reset, and was answered on a new one.
      expect(resetting.connections()).toBe(2);
    } finally {
      await client.close();
      await resetting.close();
    }
  });

  it('is not retried for a POST', async () => {
    const resetting = await startResettingServer();
    const client = createFetcher(options({ allowlist: [resetting.origin] }));
    try {
      await client.fetch({ url: `${resetting.origin}/a` });
      const err = await fetchFailure(client.fetch({ url: `${resetting.origin}/hook`, method: 'POST', body: '{}' }));
      expect(err.code).toBe('stale_connection');
      expect(resetting.connections()).toBe(1);
    } finally {
      await client.close();
      await resetting.close();
    }
  });
});

describe('abort', () => {
  it('rejects with code aborted when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/feed'), signal: controller.signal }));
    expect(err.code).toBe('aborted');
  });
});
