// A loopback node:http server on a random port for integration tests: start it with a handler,
// read its origin, close it (with every open connection) in afterAll.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { FetchError } from '../../src/errors.ts';

export interface TestServer {
  /** 'http://127.0.0.1:PORT' (or the host given). */
  origin: string;
  port: number;
  server: http.Server;
  /** Returns origin + path. */
  url(path: string): string;
  /** Stops listening and destroys every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Starts an HTTP server on `host` (default 127.0.0.1), port 0, answering with `handler`. */
export async function startTestServer(
  handler: http.RequestListener,
  options: { host?: string } = {},
): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    port,
    server,
    url: (path) => origin + path,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Awaits `promise`, expects it to reject with a FetchError and returns that error. */
export async function fetchFailure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}
