// A redirect to a private address is refused while the allowlisted origin works; every notation
// of loopback is refused without the allowlist; non-http schemes in redirects are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/safe-fetch.ts';
import type { Fetcher, FetcherOptions } from '../../src/fetch/types.ts';
import { fetchFailure, startTestServer, type TestServer } from '../helpers/http-server.ts';


let server: TestServer;
let other: TestServer;
let otherHits = 0;
let open: Fetcher;
let guarded: Fetcher;

const options = (allowlist: string[]): FetcherOptions => ({
  allowlist,
  connectTimeoutMs: 2_000,
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  hostConcurrency: 4,
  hostDelayMs: 0,
  userAgent: 'vigie-test',
});

beforeAll(async () => {
  // A second loopback server that is NOT allowlisted: nothing must ever reach it.
  other = await startTestServer((_req, res) => {
    otherHits += 1;
    res.end('secret interne');
  });
  server = await startTestServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<p>Livraison de blindés à Niamey</p>');
    } else if (path === '/to-127.0.0.2') {
      res.writeHead(302, { location: `http://127.0.0.2:${server.port}/article` });
      res.end();
    } else if (path === '/to-other-port') {
      res.writeHead(301, { location: `${other.origin}/` });
      res.end();
    } else if (path === '/to-localhost-name') {
      res.writeHead(302, { location: `http://localhost:${other.port}/` });
      res.end();
    } else if (path === '/to-mapped-v6') {
      res.writeHead(307, { location: `http://[::ffff:127.0.0.1]:${other.port}/` });
      res.end();
    } else if (path === '/to-decimal') {
      res.writeHead(302, { location: `http://2130706433:${other.port}/` });
      res.end();
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (path.startsWith('/to-scheme/')) {
      res.writeHead(302, { location: decodeURIComponent(path.slice('/to-scheme/'.length)) });
      res.end();
    } else if (path === '/relative') {
      res.writeHead(302, { location: '/article' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  open = createFetcher(options([server.origin]));
  guarded = createFetcher(options([]));
});

afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await server?.close();
  await other?.close();
});

describe('allowlisted origin', () => {
  it('fetches the allowlisted loopback origin, following a same-origin redirect', async () => {
    const result = await open.fetch({ url: server.url('/relative') });
    expect(result.status).toBe(200);
    expect(result.text).toBe('<p>Livraison de blindés à Niamey</p>');
    expect(result.url).toBe(server.url('/article'));
    expect(result.redirects).toEqual([server.url('/relative'), server.url('/article')]);
  });

  it.each([
    ['/to-127.0.0.2', '127.0.0.2'],
    ['/to-other-port', '127.0.0.1'],
    ['/to-localhost-name', 'localhost resolves to blocked address'],
    ['/to-mapped-v6', '::ffff:7f00:1'],
    ['/to-decimal', '127.0.0.1'],
    ['/to-metadata', '169.254.169.254'],
  ])('refuses the redirect %s to a private address that is not allowlisted', async (path, named) => {
    const before = otherHits;
    const err = await fetchFailure(open.fetch({ url: server.url(path) }));
    expect(err.code).toBe('blocked_address');
    expect(err.permanent).toBe(true);
    expect(err.message).toContain(named);
    expect(err.message).toContain(`redirected from ${server.url(path)}`);
    expect(otherHits).toBe(before);
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,<h1>x</h1>', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
    ['ftp://ftp.example.org/x', 'ftp:'],
  ])('refuses a redirect to %s', async (target, scheme) => {
    const err = await fetchFailure(open.fetch({ url: server.url('/to-scheme/' + encodeURIComponent(target)) }));
    expect(err.code).toBe('bad_scheme');
    expect(err.message).toContain(`scheme ${scheme} is not allowed`);
  });
});

describe('without the allowlist', () => {
  it.each([
    'http://127.0.0.1:PORT/article',
    'http://2130706433:PORT/article',
    'http://0x7f.1:PORT/article',
    'http://0x7f000001:PORT/article',
    'http://0177.0.0.1:PORT/article',
    'http://017700000001:PORT/article',
    'http://127.1:PORT/article',
    'http://0:PORT/article',
    'http://[::1]:PORT/article',
    'http://[::ffff:127.0.0.1]:PORT/article',
    'http://[::ffff:7f00:1]:PORT/article',
    'http://[64:ff9b::7f00:1]:PORT/article',
    'http://localhost:PORT/article',
  ])('refuses %s', async (template) => {
    const err = await fetchFailure(guarded.fetch({ url: template.replace('PORT', String(server.port)) }));
    expect(err.code).toBe('blocked_address');
  });

  it('refuses URLs with credentials without printing them', async () => {
    const err = await fetchFailure(guarded.fetch({ url: `http://analyste:motdepasse@127.0.0.1:${server.port}/` }));
    expect(err.code).toBe('bad_url');
    expect(err.message).not.toContain('motdepasse');
  });

  it('the same server is reachable once its origin is allowlisted', async () => {
    const result = await open.fetch({ url: `http://2130706433:${server.port}/article` });
    expect(result.text).toContain('blindés');
  });
});
