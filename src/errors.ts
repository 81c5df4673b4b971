// One small family of errors. `code` is machine-readable and stored on feed/article rows;
// `permanent` tells the worker not to retry (it becomes BullMQ's UnrecoverableError).

export interface VigieErrorOptions {
  code: string;
  permanent?: boolean;
  cause?: unknown;
}

export class VigieError extends Error {
  readonly code: string;
  readonly permanent: boolean;

  constructor(message: string, options: VigieErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.permanent = options.permanent ?? false;
  }
}

export class ConfigError extends VigieError {
  constructor(message: string) {
    super(message, { code: 'config', permanent: true });
  }
}

export interface FetchErrorOptions extends VigieErrorOptions {
  /** HTTP status when the server answered. */
  status?: number;
  /** Delay asked by Retry-After on 429/503, in milliseconds. */
  retryAfterMs?: number;
  url?: string;
}

export class FetchError extends VigieError {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly url?: string;

  constructor(message: string, options: FetchErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.url = options.url;
  }
}

export class FeedParseError extends VigieError {
  constructor(message: string, options: Partial<VigieErrorOptions> = {}) {
    super(message, { code: options.code ?? 'feed_parse', permanent: options.permanent ?? true, cause: options.cause });
  }
}

export class ExtractError extends VigieError {
  constructor(message: string, options: Partial<VigieErrorOptions> = {}) {
    super(message, { code: options.code ?? 'extract', permanent: options.permanent ?? true, cause: options.cause });
  }
}

export class RuleError extends VigieError {
  constructor(message: string) {
    super(message, { code: 'rules', permanent: true });
  }
}

/** Returns a short, single-line description of any thrown value, suitable for a `last_error` column. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0].slice(0, 1000);
  return String(err).slice(0, 1000);
}

/** Returns the error's `code` when it is a VigieError, 'internal' otherwise. */
export function errorCode(err: unknown): string {
  return err instanceof VigieError ? err.code : 'internal';
}
