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
    connection: { application_name: options.applicationName ?? 'vigie' },
    // Keep bigint ids as JavaScript numbers: ids stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  }) as unknown as Sql;
}
