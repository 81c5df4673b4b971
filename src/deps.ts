// Builds the dependencies every stage receives (one argument, so tests pass real ones
// pointed at a test database) and closes them in order.
import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { createSql, type Sql } from './db/client.ts';
import { createFetcher, fetcherOptionsFromConfig } from './fetch/safe-fetch.ts';
import type { Fetcher } from './fetch/types.ts';
import type { Logger } from './log.ts';
import { createQueues, createRedis, type Queues } from './queue/queues.ts';

export interface AppDeps {
  config: Config;
  log: Logger;
  sql: Sql;
  redis: Redis;
  queues: Queues;
  fetcher: Fetcher;
  /** Closes queues, Redis, the fetcher and PostgreSQL, in that order. */
  close(): Promise<void>;
}

/** Returns connected dependencies for `config`; connections are opened lazily by the clients. */
export function createAppDeps(config: Config, log: Logger, options: { applicationName?: string } = {}): AppDeps {
  const sql = createSql(config.databaseUrl, { applicationName: options.applicationName ?? 'vigie', max: config.dbPoolMax });
  const redis = createRedis(config.redisUrl);
  // Unreachable Redis is reported by the first command; keep ioredis from logging every retry.
  redis.on('error', () => {});
  const queues = createQueues(redis, config.queuePrefix, (err) => log.debug({ err: err.message }, 'redis connection error'));
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  return {
    config,
    log,
    sql,
    redis,
    queues,
    fetcher,
    async close() {
      if (redis.status === 'ready') {
        await queues.close();
        await redis.quit().catch(() => redis.disconnect());
      } else {
        // Redis unreachable: QUIT would wait for a reconnection forever.
        redis.disconnect();
        await queues.close();
      }
      await fetcher.close();
      await sql.end({ timeout: 5 });
    },
  };
}
