// Oversized bodies (plain, lying Content-Length, decompression bombs) are aborted with memory
// kept flat, and a server dripping one byte at a time is cut at the total timeout.
import { once } from 'node:events';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.ts';
import { createFetcher } from '../../src/fetch/safe-fetch.ts';
import type { Fetcher } from '../../src/fetch/types.ts';
import { fetchFailure, startTestServer, type TestServer } from '../helpers/http-server.ts';

const MiB = 1024 * 1024;


/** Compresses `mib` MiB of zeros without ever holding them: a decompression bomb. */
async function bomb(compressor: zlib.Gzip | zlib.BrotliCompress | zlib.DeflateRaw, mib: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  compressor.on('data', (c: Buffer) => chunks.push(c));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < mib; i++) compressor.write(zeros);
  compressor.end();
  await once(compressor, 'end');
  return Buffer.concat(chunks);
}

/** Returns the peak growth of RSS (bytes) while `run` is pending, sampled every few milliseconds. */
async function peakRssGrowth(run: () => Promise<unknown>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    await run();
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return peak - baseline;
}

let server: TestServer;
let fetcher: Fetcher;
// Accepts TCP connections and never says a word: a TLS handshake with it never completes.
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
let gzipBomb: Buffer;
let brotliBomb: Buffer;
let doubleGzipBomb: Buffer;
let deflateBomb: Buffer;
let dripBytesSent = 0;

beforeAll(async () => {
  gzipBomb = await bomb(zlib.createGzip({ level: 9 }), 50);
  brotliBomb = await bomb(zlib.createBrotliCompress(), 50);
  doubleGzipBomb = zlib.gzipSync(gzipBomb, { level: 9 });
  deflateBomb = await bomb(zlib.createDeflateRaw({ level: 9 }), 50);
  server = await startTestServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/big-chunked') {
      // No Content-Length: only counting while streaming can stop it (5 MiB in 64 KiB chunks).
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 80 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (path === '/declared-big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2 * MiB) });
      res.write(Buffer.alloc(1024, 'b'));
      // The rest never comes: the fetcher must refuse on the header alone.
    } else if (path === '/content-length-lie') {
      // Declares 1,000 bytes and then tries to push 5 MiB down the same connection.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.flushHeaders();
      const socket = res.socket!;
      socket.write(Buffer.alloc(5 * MiB, 'c'));
    } else if (path === '/gzip-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) });
      res.end(gzipBomb);
    } else if (path === '/brotli-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br', 'content-length': String(brotliBomb.length) });
      res.end(brotliBomb);
    } else if (path === '/deflate-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
      res.end(deflateBomb);
    } else if (path === '/double-gzip-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip' });
      res.end(doubleGzipBomb);
    } else if (path === '/gzip-small') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.from('<p>Contrat d’armement signé à Dakar</p>')));
    } else if (path === '/deflate-raw') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' });
      res.end(zlib.deflateRawSync(Buffer.from('<p>Drones livrés à Bamako</p>')));
    } else if (path === '/deflate-zlib') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' });
      res.end(zlib.deflateSync(Buffer.from('<p>Frégates pour le Maroc</p>')));
    } else if (path === '/corrupt-gzip') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip at all, just bytes'));
    } else if (path === '/drip') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => {
        dripBytesSent += 1;
        res.write('x');
      }, 100);
      res.on('close', () => clearInterval(timer));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  fetcher = createFetcher({
    allowlist: [server.origin, `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`],
    connectTimeoutMs: 2_000,
    timeoutMs: 10_000,
    maxBytes: MiB,
    maxRedirects: 5,
    hostConcurrency: 4,
    hostDelayMs: 0,
    userAgent: 'vigie-test',
  });
});

afterAll(async () => {
  await fetcher?.close();
  await server?.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
});

describe('byte limit', () => {
  it('aborts a chunked body past the limit while streaming', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/big-chunked') }));
    expect(err.code).toBe('too_large');
    expect(err.permanent).toBe(true);
    expect(err.message).toBe(`fetch: body exceeded 1 MiB: GET ${server.url('/big-chunked')}`);
  });

  it('refuses a declared Content-Length above the limit before reading the body', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/declared-big') }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('declared Content-Length 2097152 exceeds 1 MiB');
  });

  it('fails on a lying Content-Length instead of reading on', async () => {
    // Node's parser stops the body at the declared 1,000 bytes and rejects what follows as a
    // malformed next response.
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/content-length-lie') }));
    expect(err.code).toBe('network');
    expect(err.message).toBe(`fetch: network error (HPE_INVALID_CONSTANT): GET ${server.url('/content-length-lie')}`);
  });

  it('honours a per-request maxBytes', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/gzip-small'), maxBytes: 10 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('10 B');
  });
});

describe('decompression', () => {
  it.each([
    ['/gzip-small', '<p>Contrat d’armement signé à Dakar</p>'],
    ['/deflate-raw', '<p>Drones livrés à Bamako</p>'],
    ['/deflate-zlib', '<p>Frégates pour le Maroc</p>'],
  ])('decodes %s', async (path, text) => {
    const result = await fetcher.fetch({ url: server.url(path) });
    expect(result.text).toBe(text);
  });

  it.each([
    ['/gzip-bomb', () => gzipBomb],
    ['/brotli-bomb', () => brotliBomb],
    ['/double-gzip-bomb', () => doubleGzipBomb],
    ['/deflate-bomb', () => deflateBomb],
  ])('aborts the 50 MiB bomb %s at 1 MiB after decompression, memory flat', async (path, payload) => {
    // The bombs are tiny on the wire: brotli about 100 bytes, doubly gzipped about 1 KB.
    expect(payload().length).toBeLessThan(60 * 1024);
    let err: FetchError | undefined;
    const growth = await peakRssGrowth(async () => {
      err = await fetchFailure(fetcher.fetch({ url: server.url(path) }));
    });
    expect(err!.code).toBe('too_large');
    expect(err!.message).toBe(`fetch: body exceeded 1 MiB after decompression: GET ${server.url(path)}`);
    expect(growth).toBeLessThan(24 * MiB);
  });

  it('reports a corrupt gzip body as a decompression error', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/corrupt-gzip') }));
    expect(err.code).toBe('decompression');
  });
});

describe('timeouts', () => {
  it('cuts a server that drips one byte at a time at the total timeout', async () => {
    const err = await fetchFailure(fetcher.fetch({ url: server.url('/drip'), timeoutMs: 700 }));
    expect(err.code).toBe('timeout');
    expect(err.permanent).toBe(false);
    expect(err.message).toBe(`fetch: no complete response within 700 ms: GET ${server.url('/drip')}`);
    // The server got to send some bytes but the fetcher gave up: the connection is closed.
    expect(dripBytesSent).toBeGreaterThan(0);
  });

  it('gives up at the connect timeout when the TLS handshake never completes', async () => {
    const url = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}/flux.xml`;
    const err = await fetchFailure(fetcher.fetch({ url }));
    expect(err.code).toBe('connect_timeout');
    expect(err.message).toBe(`fetch: no connection within 2000 ms: GET ${url}`);
  });

  it('the fetcher keeps working after all of this', async () => {
    const result = await fetcher.fetch({ url: server.url('/gzip-small') });
    expect(result.text).toContain('signé à Dakar');
  });
});
