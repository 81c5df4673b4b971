// The sample server serves every manifest path as a real news server would: exact Content-Type,
// byte-exact legacy encodings, {{ORIGIN}} filled in, 304 on conditional requests, gzip on demand.
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  isNotModified,
  listSamplePages,
  loadManifest,
  SAMPLES_DIR,
  startFixtureServer,
  substituteOrigin,
  type FixtureServer,
} from '../../src/demo/fixture-server.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET without any automatic decompression or connection reuse, so headers and bytes are as sent. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Replaces the ASCII placeholder at the byte level: independent of the server's decode/encode path. */
function expectedBytes(file: string, origin: string): Buffer {
  const raw = readFileSync(join(SAMPLES_DIR, file));
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = raw.indexOf('{{ORIGIN}}'); i !== -1; i = raw.indexOf('{{ORIGIN}}', from)) {
    parts.push(raw.subarray(from, i), Buffer.from(origin, 'ascii'));
    from = i + '{{ORIGIN}}'.length;
  }
  parts.push(raw.subarray(from));
  return Buffer.concat(parts);
}

// The team's shared material sits next to the repository (../shared).
const SEED_FILE = fileURLToPath(new URL('../../../shared/seed-article.txt', import.meta.url));
const manifest = loadManifest();
const pages = listSamplePages();
const WIN1252_PAGE = '/pages/africa-corps-mines-or-centrafrique.html';
const HTTP_ONLY_PAGE = '/pages/carnaval-binche-chars-gilles-affluence.html';
const LATIN1_PAGE = '/pages/facilite-europeenne-paix-mauritanie-benin.html';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
});

describe('fixture server', () => {
  it('listens on loopback and lists the three feeds and the OPML', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.feedUrls).toEqual([
      `${server.origin}/feeds/afrique.rss`,
      `${server.origin}/feeds/monde.atom`,
      `${server.origin}/feeds/maghreb-sahel.xml`,
    ]);
    for (const url of server.feedUrls) expect(server.opml).toContain(`xmlUrl="${url}"`);
    expect(server.opml).not.toContain('{{ORIGIN}}');
  });

  it.each(manifest.entries.map((e) => [e.path, e] as const))('serves %s with its status, Content-Type and bytes', async (path, entry) => {
    const res = await get(server.origin + path);
    expect(res.status).toBe(entry.status ?? 200);
    expect(res.headers['content-type']).toBe(entry.contentType);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(expectedBytes(entry.file, server.origin))).toBe(true);
    expect(res.body.includes('{{ORIGIN}}')).toBe(false);
  });

  it('sends the windows-1252 page byte-exact, with ’ « » œ € … as single bytes', async () => {
    const res = await get(server.origin + WIN1252_PAGE);
    expect(res.headers['content-type']).toBe('text/html; charset=windows-1252');
    for (const byte of [0x92, 0xab, 0xbb, 0x9c, 0x80, 0x85]) expect(res.body.includes(byte), `byte 0x${byte.toString(16)}`).toBe(true);
    expect(res.body.includes(Buffer.from('’', 'utf8'))).toBe(false);
    const text = iconv.decode(res.body, 'windows-1252');
    expect(text).toContain('« Ce sont les mêmes visages, les mêmes véhicules, les mêmes méthodes… Seul le nom a changé »');
    expect(text).toContain('entre 40 et 60 millions d’€');
    expect(text).toContain('Une œuvre de restructuration');
    expect(text).toContain(`<link rel="canonical" href="${server.origin}${WIN1252_PAGE}">`);
  });

  it('declares the carnival page’s charset only in HTTP, and the latin-1 page’s only in the document', async () => {
    const carnival = await get(server.origin + HTTP_ONLY_PAGE);
    expect(carnival.headers['content-type']).toBe('text/html; charset=windows-1252');
    expect(carnival.body.toString('latin1')).not.toMatch(/charset|encoding=/i);
    expect(carnival.body.includes(0x92)).toBe(true);
    expect(iconv.decode(carnival.body, 'windows-1252')).toContain('Le coût de l’organisation est estimé à 450 000 €');

    const latin1 = await get(server.origin + LATIN1_PAGE);
    expect(latin1.headers['content-type']).toBe('text/html');
    expect(latin1.body.toString('latin1')).toContain('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">');
    expect([...latin1.body].some((b) => b >= 0x80 && b <= 0x9f)).toBe(false);
    expect(latin1.body.toString('latin1')).toContain('qui avaient déjà reçu une aide de ce type');
  });

  it('fills in the origin in feeds, including the windows-1252 one and the Atom xml:base', async () => {
    const atom = (await get(`${server.origin}/feeds/monde.atom`)).body.toString('utf8');
    expect(atom).toContain(`xml:base="${server.origin}/pages/"`);
    const rss = (await get(`${server.origin}/feeds/afrique.rss`)).body.toString('utf8');
    expect(rss).toContain(`<link>${server.origin}/pages/africa-corps-mines-or-centrafrique.html?xtor=RSS-12</link>`);
    const legacy = await get(`${server.origin}/feeds/maghreb-sahel.xml`);
    expect(legacy.headers['content-type']).toBe('application/rss+xml');
    expect(legacy.body.includes(0x92)).toBe(true);
    const text = iconv.decode(legacy.body, 'windows-1252');
    expect(text.startsWith('<?xml version="1.0" encoding="windows-1252"?>')).toBe(true);
    expect(text).toContain(`<link>${server.origin}/pages/saisie-kalachnikovs-frontiere-libyenne.html</link>`);
    expect(text).toContain('Une œuvre de restructuration qui rapporterait jusqu’à 60 millions d’€ par an…');
  });

  it('links every article page from at least one feed', async () => {
    const feeds = await Promise.all(server.feedUrls.map(async (u) => (await get(u)).body.toString('latin1')));
    for (const page of pages) {
      const slug = page.path.replace('/pages/', '');
      expect(feeds.some((f) => f.includes(slug)), page.path).toBe(true);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since, 200 to a stale validator', async () => {
    const url = `${server.origin}/feeds/afrique.rss`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const byEtag = await get(url, { 'If-None-Match': etag });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body.length).toBe(0);
    expect(byEtag.headers.etag).toBe(etag);
    expect((await get(url, { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '"stale"' })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    expect((await get(url, { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified })).status).toBe(200);
    expect((await get(url, { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status).toBe(200);
  });

  it('gzips when Accept-Encoding allows it, and the inflated body is the identity body', async () => {
    const url = server.origin + WIN1252_PAGE;
    const identity = await get(url);
    const zipped = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(identity.body.length);
    expect(gunzipSync(zipped.body).equals(identity.body)).toBe(true);
    expect((await get(url, { 'Accept-Encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
    const revalidated = await get(url, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(zipped.headers.etag) });
    expect(revalidated.status).toBe(304);
  });

  it('ignores query strings, answers 404 to unknown paths and records every request', async () => {
    const before = server.requests.length;
    const tracked = await get(`${server.origin}/pages/drones-turcs-baykar-togo-tb2.html?utm_source=atom&utm_campaign=drones`);
    expect(tracked.status).toBe(200);
    expect(iconv.decode(tracked.body, 'utf-8')).toContain('les forces armées togolaises ont réceptionné');
    expect((await get(`${server.origin}/pages/nope.html`)).status).toBe(404);
    expect((await get(`${server.origin}/feeds/afrique.rss`, {}, 'POST')).status).toBe(405);
    expect((await get(`${server.origin}/feeds/afrique.rss`, {}, 'HEAD')).body.length).toBe(0);
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: '/pages/drones-turcs-baykar-togo-tb2.html', status: 200 },
      { method: 'GET', path: '/pages/nope.html', status: 404 },
      { method: 'POST', path: '/feeds/afrique.rss', status: 405 },
      { method: 'HEAD', path: '/feeds/afrique.rss', status: 200 },
    ]);
  });

  it('serves pages with the metadata real outlets publish', async () => {
    for (const page of pages.filter((p) => p.status === 200)) {
      const res = await get(server.origin + page.path);
      const html = iconv.decode(res.body, page.charset);
      const outlet = page.outlet.replace(/&/g, '&amp;');
      expect(html, page.path).toMatch(/<html[^>]*\blang="fr(-[A-Z]{2})?"/i);
      expect(html, page.path).toMatch(new RegExp(`<title>[^<]+ - ${outlet}</title>`, 'i'));
      expect(html, page.path).toContain(`<link rel="canonical" href="${server.origin}${page.path}"`.replace(/"$/, ''));
      expect(html, page.path).toContain(`<meta property="article:published_time" content="${page.publishedAt}"`);
      expect(html, page.path).toContain('<meta property="og:title"');
      const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/i.exec(html);
      const data = JSON.parse(ld?.[1] ?? '{}');
      expect(data['@type'], page.path).toBe('NewsArticle');
      expect(data.datePublished).toBe(page.publishedAt);
      expect(data.publisher.name).toBe(page.outlet);
      expect(data.author[0].name.length).toBeGreaterThan(0);
    }
  });
});

describe('samples manifest', () => {
  it('holds at least 17 pages with 4 negatives, the seed, and the required encodings', () => {
    const served = pages.filter((p) => p.status === 200);
    expect(served.length).toBeGreaterThanOrEqual(17);
    expect(served.filter((p) => p.negative).length).toBeGreaterThanOrEqual(4);
    expect(served.filter((p) => p.seed).map((p) => p.publishedAt.slice(0, 7))).toEqual(['2023-11']);
    expect(new Set(served.map((p) => p.charset))).toEqual(new Set(['utf-8', 'windows-1252', 'iso-8859-1']));
    expect(pages.filter((p) => p.status === 404)).toHaveLength(1);
    for (const p of served.filter((x) => x.negative)) expect(p.expected.topics).toEqual([]);
  });

  it.skipIf(!existsSync(SEED_FILE))('keeps the seed article’s text verbatim', async () => {
    const seed = readFileSync(SEED_FILE, 'utf8').split('\n').slice(1).join('\n');
    const page = pages.find((p) => p.seed)!;
    const html = (await get(server.origin + page.path)).body.toString('utf8');
    for (const paragraph of seed.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)) expect(html).toContain(paragraph);
    expect(html).toContain('Share on Telegram');
  });
});

describe('pure helpers', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['deflate, gzip;q=0.5', true],
    ['gzip;q=0', false],
    ['GZIP', true],
    ['br', false],
    ['*', true],
    ['*;q=0', false],
    ['gzip;q=0, *', false],
    ['x-gzip', true],
  ])('acceptsGzip(%j) = %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  const lm = 'Mon, 09 Nov 2026 08:00:00 GMT';
  it.each([
    [{}, false],
    [{ 'if-none-match': '"abc"' }, true],
    [{ 'if-none-match': 'W/"abc"' }, true],
    [{ 'if-none-match': '"x", "abc-gzip"' }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': '"zzz"' }, false],
    [{ 'if-modified-since': lm }, true],
    [{ 'if-modified-since': 'Tue, 10 Nov 2026 08:00:00 GMT' }, true],
    [{ 'if-modified-since': 'Sun, 08 Nov 2026 08:00:00 GMT' }, false],
    [{ 'if-modified-since': 'hier' }, false],
    [{ 'if-none-match': '"zzz"', 'if-modified-since': lm }, false],
  ])('isNotModified(%j) = %s', (headers, expected) => {
    expect(isNotModified(headers, ['"abc"', '"abc-gzip"'], lm)).toBe(expected);
  });

  it.each([
    ['utf-8', 'Défense {{ORIGIN}}/x « ok »', 'Défense http://127.0.0.1:9/x « ok »'],
    ['windows-1252', 'l’œuvre {{ORIGIN}}/p… 5 €', 'l’œuvre http://127.0.0.1:9/p… 5 €'],
    ['iso-8859-1', 'reçu à {{ORIGIN}} «oui»', 'reçu à http://127.0.0.1:9 «oui»'],
  ])('substituteOrigin keeps %s bytes exact', (charset, before, after) => {
    const out = substituteOrigin(iconv.encode(before, charset), charset, 'http://127.0.0.1:9');
    expect(out.equals(iconv.encode(after, charset))).toBe(true);
  });
});
