// The bundled sample feeds and pages (samples/, described by samples/manifest.json) served on
// loopback for `vigie demo` and the integration tests. It behaves like a plain news web server:
// exact Content-Type per file (with or without charset), ETag/Last-Modified with 304, gzip when
// asked for, 404 for the page that is gone and for unknown paths. `{{ORIGIN}}` in the files
// becomes the server's own origin, decoded and re-encoded with the file's charset so that
// windows-1252 and ISO-8859-1 files go out byte-exact apart from the origin.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/** Directory of the bundled samples (manifest.json, pages/, feeds/, demo.opml). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export const ORIGIN_PLACEHOLDER = '{{ORIGIN}}';

export interface ExpectedLabels {
  topics: string[];
  countries: string[];
  regions: string[];
  organizations: string[];
}

export interface ManifestEntry {
  /** Path served, e.g. '/pages/x.html'. */
  path: string;
  /** File relative to SAMPLES_DIR. */
  file: string;
  kind: 'page' | 'feed' | 'opml';
  /** Exact Content-Type header sent; without charset when only the document declares it. */
  contentType: string;
  /** The file's real encoding (iconv-lite label). */
  charset: string;
  /** HTTP status when not 200 (404 for the page that is gone). */
  status?: number;
  title?: string;
  outlet?: string;
  lang?: string;
  author?: string;
  publishedAt?: string;
  words?: number;
  negative?: boolean;
  seed?: boolean;
  missing?: boolean;
  charsetDeclared?: ('http' | 'meta')[];
  expected?: ExpectedLabels;
  note?: string;
  format?: 'rss2' | 'atom1';
}

export interface Manifest {
  placeholder: string;
  entries: ManifestEntry[];
}

export interface SamplePage {
  path: string;
  title: string;
  charset: string;
  contentType: string;
  status: number;
  outlet: string;
  publishedAt: string;
  negative: boolean;
  seed: boolean;
  expected: ExpectedLabels;
}

export interface FixtureServerOptions {
  host?: string;
  port?: number;
  /** Delay before each response, to make concurrency observable in demos. */
  latencyMs?: number;
}

export interface FixtureRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
}

export interface FixtureServer {
  /** e.g. 'http://127.0.0.1:41234'. */
  origin: string;
  /** Absolute URLs of the sample feeds, in manifest order. */
  feedUrls: string[];
  /** The demo OPML document, with the origin filled in. */
  opml: string;
  opmlUrl: string;
  /** Every request answered, in order. */
  requests: FixtureRequest[];
  close(): Promise<void>;
}

/** Returns the parsed samples manifest; throws when the file is missing or malformed. */
export function loadManifest(dir: string = SAMPLES_DIR): Manifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (!Array.isArray(manifest.entries)) throw new Error(`demo: samples manifest has no entries: ${dir}manifest.json`);
  return manifest;
}

/** Returns the article pages of the manifest (including the one answered with 404) with their metadata. */
export function listSamplePages(dir: string = SAMPLES_DIR): SamplePage[] {
  return loadManifest(dir)
    .entries.filter((e) => e.kind === 'page')
    .map((e) => ({
      path: e.path,
      title: e.title ?? '',
      charset: e.charset,
      contentType: e.contentType,
      status: e.status ?? 200,
      outlet: e.outlet ?? '',
      publishedAt: e.publishedAt ?? '',
      negative: e.negative === true,
      seed: e.seed === true,
      expected: e.expected ?? { topics: [], countries: [], regions: [], organizations: [] },
    }));
}

/** Returns the bytes with every {{ORIGIN}} replaced, decoding and re-encoding with `charset`; unchanged bytes when absent. */
export function substituteOrigin(bytes: Buffer, charset: string, origin: string): Buffer {
  // The placeholder is ASCII, so a byte search is valid in every charset the samples use.
  if (!bytes.includes(ORIGIN_PLACEHOLDER)) return bytes;
  const text = iconv.decode(bytes, charset).replaceAll(ORIGIN_PLACEHOLDER, origin);
  return iconv.encode(text, charset);
}

/** Returns true when an Accept-Encoding header value accepts gzip (q > 0, directly or through '*'). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | null = null;
  let star: number | null = null;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (name === 'gzip' || name === 'x-gzip') gzip = Number.isFinite(q) ? q : 0;
    else if (name === '*') star = Number.isFinite(q) ? q : 0;
  }
  return (gzip ?? star ?? 0) > 0;
}

/** Returns true when the request's validators match the representation (RFC 9110 §13.1: If-None-Match wins). */
export function isNotModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  etags: string[],
  lastModified: string,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const weakless = (t: string) => t.trim().replace(/^W\//, '');
    const candidates = etags.map(weakless);
    return inm.split(',').some((t) => candidates.includes(weakless(t)));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

interface Resource {
  entry: ManifestEntry;
  status: number;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  etagGzip: string;
  lastModified: string;
}

// Feeds and the OPML were all "rebuilt" at this instant; pages carry their publication time.
const FEEDS_LAST_MODIFIED = 'Mon, 09 Nov 2026 08:00:00 GMT';

function buildResources(manifest: Manifest, dir: string, origin: string): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  for (const entry of manifest.entries) {
    const raw = readFileSync(join(dir, entry.file));
    const body = substituteOrigin(raw, entry.charset, origin);
    const hash = createHash('sha1').update(body).digest('hex').slice(0, 20);
    const published = entry.publishedAt ? Date.parse(entry.publishedAt) : NaN;
    resources.set(entry.path, {
      entry,
      status: entry.status ?? 200,
      body,
      gzipped: gzipSync(body),
      etag: `"${hash}"`,
      etagGzip: `"${hash}-gzip"`,
      lastModified: Number.isFinite(published) ? new Date(published).toUTCString() : FEEDS_LAST_MODIFIED,
    });
  }
  return resources;
}

const NOT_FOUND_BODY = Buffer.from('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Page introuvable</title></head><body><h1>404</h1><p>Page introuvable.</p></body></html>\n');

function respond(req: IncomingMessage, res: ServerResponse, resources: Map<string, Resource>): number {
  const path = new URL(req.url ?? '/', 'http://fixture.invalid').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' }).end();
    return 405;
  }
  const resource = resources.get(path);
  if (!resource) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(NOT_FOUND_BODY.length) });
    res.end(req.method === 'HEAD' ? undefined : NOT_FOUND_BODY);
    return 404;
  }
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const etag = gzip ? resource.etagGzip : resource.etag;
  const headers: Record<string, string> = { Vary: 'Accept-Encoding', 'Content-Type': resource.entry.contentType };
  if (resource.status === 200) {
    headers.ETag = etag;
    headers['Last-Modified'] = resource.lastModified;
    headers['Cache-Control'] = 'public, max-age=60';
    if (isNotModified(req.headers, [resource.etag, resource.etagGzip], resource.lastModified)) {
      delete headers['Content-Type'];
      res.writeHead(304, headers).end();
      return 304;
    }
  }
  const body = gzip ? resource.gzipped : resource.body;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.length);
  res.writeHead(resource.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return resource.status;
}

/** Starts the sample server on 127.0.0.1 (a free port by default); rejects when it cannot listen or a sample file is missing. */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1';
  const latencyMs = options.latencyMs ?? 0;
  const manifest = loadManifest(SAMPLES_DIR);
  const requests: FixtureRequest[] = [];
  let resources = new Map<string, Resource>();

  const server = createServer((req, res) => {
    const answer = () => {
      const status = respond(req, res, resources);
      requests.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://fixture.invalid').pathname, status });
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    resources = buildResources(manifest, SAMPLES_DIR, origin);
  } catch (err) {
    server.close();
    throw err;
  }

  const opmlResource = [...resources.values()].find((r) => r.entry.kind === 'opml');
  return {
    origin,
    feedUrls: manifest.entries.filter((e) => e.kind === 'feed').map((e) => origin + e.path),
    opml: opmlResource ? opmlResource.body.toString('utf8') : '',
    opmlUrl: opmlResource ? origin + opmlResource.entry.path : '',
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
