// The contract of the one safe HTTP fetcher (src/fetch/safe-fetch.ts implements it).

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Extra request headers (Accept, Content-Type, signatures…). */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Conditional GET validators from the previous successful response. */
  etag?: string | null;
  lastModified?: string | null;
  /** Overrides the configured byte limit for this request. */
  maxBytes?: number;
  /** Overrides the configured total timeout for this request. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** 2xx, or 304 when `notModified`. Other statuses throw FetchError (code 'http_status'). */
  status: number;
  notModified: boolean;
  /** URL of the final response, after redirects. */
  url: string;
  /** Every URL visited, the request's first. */
  redirects: string[];
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  contentType: string | null;
  /** The body after decompression (empty on 304). */
  body: Buffer;
  /** The body decoded with the detected charset (empty on 304). */
  text: string;
  /** The charset used to decode `text`, a WHATWG label such as 'utf-8' or 'windows-1252'. */
  charset: string;
  etag: string | null;
  lastModified: string | null;
  durationMs: number;
}

export interface Fetcher {
  /** Resolves with 2xx/304 responses; throws FetchError for anything else. */
  fetch(request: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

export interface FetcherOptions {
  allowlist: string[];
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  hostConcurrency: number;
  hostDelayMs: number;
  userAgent: string;
}
