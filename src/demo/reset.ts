// Recreates the demo's database and empties its queues, so that every demo run starts clean.
import type { Config } from '../config.ts';
import { dropDatabase } from '../db/migrate.ts';
import { createRedis } from '../queue/queues.ts';

/** Drops the demo database (it is re-created by the migration) and deletes the demo prefix's Redis keys. */
export async function resetDemo(config: Config): Promise<void> {
  const target = new URL(config.databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name.endsWith('_demo')) throw new Error(`refusing to reset a database that is not a demo database: ${name}`);
  await dropDatabase(config.databaseUrl);
  await deleteQueueKeys(config.redisUrl, config.queuePrefix);
}

/** Deletes every Redis key under `prefix:` (SCAN, never KEYS). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = createRedis(redisUrl);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}
