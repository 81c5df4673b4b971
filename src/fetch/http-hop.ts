// One request/response exchange over node:http(s), without following redirects: connect
// timeout, abort by signal (the total timeout), and a body read through the decompressors with
// the byte limit counted on both sides of them.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { pipeline, Transform, Writable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../errors.ts';
import { formatBytes } from './address.ts';

export interface HopRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  agent: http.Agent;
  /** Checked lookup, or undefined to use the system's (allowlisted origins). */
  lookup?: LookupFunction;
  connectTimeoutMs: number;
  maxBytes: number;
  /** Aborts the exchange with the signal's reason (a FetchError). */
  signal: AbortSignal;
  /** Whether to read the body for this status; when false the connection is dropped after the headers. */
  wantsBody: (status: number) => boolean;
  /** "GET https://…" for messages. */
  describe: string;
}

export interface HopResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate: decide on the first byte.
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = (chunk[0] & 0x0f) === 8 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
      this.inner.on('data', (out: Buffer) => this.push(out));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(err: Error | null, done: (error: Error | null) => void): void {
    this.inner?.destroy();
    done(err);
  }
}

/** Returns the decompressors for a Content-Encoding value, outermost last; throws FetchError 'decompression' for an unknown coding. */
function decodersFor(contentEncoding: string | undefined, describe: string): Transform[] {
  const codings = (contentEncoding ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s && s !== 'identity');
  // Codings are listed in the order they were applied: undo them from the last.
  return codings.reverse().map((coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (coding === 'deflate') return new DeflateDecoder();
    if (coding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    throw new FetchError(`fetch: unsupported Content-Encoding '${coding}': ${describe}`, { code: 'decompression', permanent: true });
  });
}

/** Returns a FetchError for a low-level failure, keeping our own FetchErrors as they are. */
function toFetchError(err: unknown, describe: string): FetchError {
  if (err instanceof FetchError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? 'error';
  return new FetchError(`fetch: network error (${code}): ${describe}`, { code: 'network', cause: err });
}

/** Returns the status, headers and (decompressed, size-limited) body of one exchange; rejects with a FetchError. */
export function performHop(hop: HopRequest): Promise<HopResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | null = null;
    let connectTimer: NodeJS.Timeout | null = null;
    const cleanup = (): void => {
      if (connectTimer) clearTimeout(connectTimer);
      hop.signal.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      const error = toFetchError(err, hop.describe);
      // Destroy without the error: once the body is complete the socket may already be detached
      // from the request, and an error passed down would be emitted with no listener.
      req?.destroy();
      reject(error);
    };
    const succeed = (value: HopResponse): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(value);
    };
    const onAbort = (): void => fail(hop.signal.reason);
    if (hop.signal.aborted) return onAbort();
    hop.signal.addEventListener('abort', onAbort, { once: true });

    const { url } = hop;
    const isHttps = url.protocol === 'https:';
    const options: http.RequestOptions = {
      method: hop.method,
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || (isHttps ? 443 : 80),
      path: url.pathname + url.search,
      headers: hop.headers,
      agent: hop.agent,
      ...(hop.lookup ? { lookup: hop.lookup } : {}),
    };
    connectTimer = setTimeout(() => {
      fail(new FetchError(`fetch: no connection within ${hop.connectTimeoutMs} ms: ${hop.describe}`, { code: 'connect_timeout' }));
    }, hop.connectTimeoutMs);

    req = (isHttps ? https : http).request(options);
    let responded = false;
    req.on('error', (err) => {
      // A kept-alive connection that the server closed while it sat idle in the pool: the
      // request died before any answer, on a socket that had served an earlier one.
      const code = (err as NodeJS.ErrnoException).code;
      if (req?.reusedSocket && !responded && (code === 'ECONNRESET' || code === 'EPIPE')) {
        return fail(new FetchError(`fetch: kept-alive connection closed by the server (${code}): ${hop.describe}`, { code: 'stale_connection', cause: err }));
      }
      fail(err);
    });
    req.on('socket', (socket: Socket) => {
      const connected = (): void => {
        if (connectTimer) clearTimeout(connectTimer);
        connectTimer = null;
      };
      if (!socket.connecting) connected();
      else socket.once(isHttps ? 'secureConnect' : 'connect', connected);
    });
    req.on('response', (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      if (!hop.wantsBody(status)) {
        res.destroy();
        return succeed({ status, headers: res.headers, body: Buffer.alloc(0) });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > hop.maxBytes) {
        return fail(tooLarge(hop, `declared Content-Length ${declared} exceeds ${formatBytes(hop.maxBytes)}`));
      }
      let decoders: Transform[];
      try {
        decoders = decodersFor(res.headers['content-encoding'], hop.describe);
      } catch (err) {
        return fail(err);
      }
      // Every failure reaches fail() through pipeline() or the request; a stream destroyed after
      // that must not surface as an unhandled 'error' event.
      res.on('error', () => {});
      let decodeError: unknown = null;
      for (const d of decoders) d.on('error', (err) => (decodeError ??= err));

      // Compressed bytes are limited too: a body larger than the limit is refused before inflating it.
      let raw = 0;
      res.on('data', (chunk: Buffer) => {
        raw += chunk.length;
        if (raw > hop.maxBytes) fail(tooLarge(hop, `body exceeded ${formatBytes(hop.maxBytes)}`));
      });
      const chunks: Buffer[] = [];
      let size = 0;
      const collector = new Writable({
        write(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > hop.maxBytes) return done(tooLarge(hop, `body exceeded ${formatBytes(hop.maxBytes)} after decompression`));
          chunks.push(chunk);
          done();
        },
      });
      pipeline([res, ...decoders, collector], (err) => {
        if (!err) return succeed({ status, headers: res.headers, body: Buffer.concat(chunks, size) });
        // pipeline() hands our own too_large error to every stream it destroys: keep it as it is.
        if (!(err instanceof FetchError) && decodeError && err === decodeError) {
          const code = (err as NodeJS.ErrnoException).code ?? 'error';
          return fail(new FetchError(`fetch: corrupt ${res.headers['content-encoding']} body (${code}): ${hop.describe}`, {
            code: 'decompression',
            permanent: true,
            cause: err,
          }));
        }
        fail(err);
      });
    });
    req.end(hop.body);
  });
}

function tooLarge(hop: HopRequest, what: string): FetchError {
  return new FetchError(`fetch: ${what}: ${hop.describe}`, { code: 'too_large', permanent: true, url: hop.url.href });
}
