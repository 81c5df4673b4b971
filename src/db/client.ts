// The one postgres.js instance of a process. Columns are snake_case in SQL and camelCase in
// TypeScript through the client's transform, set here once.
import postgres from 'postgres';

export type Sql = postgres.Sql<{}>;
export type TransactionSql = postgres.TransactionSql<{}>;

export interface SqlOptions {
  max?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

/** Returns a postgres.js client for `databaseUrl` with the camelCase transform; connects lazily. */
export function createSql(databaseUrl: string, options: SqlOptions = {}): Sql {
  return postgres(databaseUrl, {
    max: options.max ?? 10,
    transform: postgres.camel,
    onnotice: () => {},
    // postgres.js's default reconnect delay grows as 3^failures / 100 s up to 20 s, and the
    // failure count is shared by the whole pool: after a PostgreSQL restart of a few seconds,
    // ten connections failing together left workers idle for up to 20 s more (npm run chaos).
    // Reconnecting is cheap: back off from 100 ms to at most 2 s, with jitter.
    backoff: reconnectDelayS,
    connection: { application_name: options.applicationName ?? 'vigie' },
    // Keep bigint ids as JavaScript numbers: ids stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  }) as unknown as Sql;
}

/** Returns the delay (seconds) before reconnecting after `failures` failed connections in a row: doubling from 0.1 s up to 2 s, jittered by ±25%. */
export function reconnectDelayS(failures: number): number {
  return Math.min(0.1 * 2 ** Math.min(failures, 10), 2) * (0.75 + Math.random() / 2);
}
