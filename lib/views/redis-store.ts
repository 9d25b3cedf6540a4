import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  HOUR_MS,
  RETENTION_HOURS,
  hourKey,
  hourStart,
  type HourlyRow,
  type ViewStore,
} from './store';

// For several `next start` instances behind a load balancer: hourly sorted sets
// (ZINCRBY views:h:<yyyymmddhh> 1 <slug>) that expire a little past the longest window, a total
// per article, and SET NX EX for the 30-minute dedupe.
export function openRedisStore(url: string, prefix = 'views'): ViewStore {
  const redis = new Redis(url, {
    // When Redis is down a command fails within half a second, so the API answers 503 quickly.
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 500,
    retryStrategy: () => 1000,
  });
  // ioredis reports connection errors as events; the callers see failed commands instead.
  redis.on('error', () => undefined);
  const key = (...parts: string[]) => [prefix, ...parts].join(':');

  return {
    async recordView(slug, visitor, at, dedupeSeconds) {
      const fresh = await redis.set(key('seen', visitor, slug), '1', 'EX', dedupeSeconds, 'NX');
      if (fresh !== 'OK') return false;
      const bucket = key('h', hourKey(hourStart(at)));
      const results = await redis
        .multi()
        .zincrby(bucket, 1, slug)
        .expire(bucket, RETENTION_HOURS * 3600)
        .hincrby(key('total'), slug, 1)
        .exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('redis transaction aborted');
      return true;
    },
    async hit(visitor, at) {
      const rateKey = key('rate', visitor, String(Math.floor(at.getTime() / 60_000)));
      const results = await redis.multi().incr(rateKey).expire(rateKey, 120).exec();
      return Number(results?.[0]?.[1] ?? 0);
    },
    async hourly(hours, at) {
      const last = hourStart(at);
      const starts = Array.from({ length: hours }, (_, index) => last - index * HOUR_MS);
      const pipeline = redis.pipeline();
      for (const start of starts)
        pipeline.zrange(key('h', hourKey(start)), '0', '-1', 'WITHSCORES');
      const results = (await pipeline.exec()) ?? [];
      const rows: HourlyRow[] = [];
      results.forEach(([error, value], index) => {
        if (error) throw error;
        const flat = value as string[];
        for (let i = 0; i < flat.length; i += 2) {
          rows.push({
            slug: flat[i] as string,
            hour: starts[index] as number,
            count: Number(flat[i + 1]),
          });
        }
      });
      return rows;
    },
    async totals(slugs) {
      const result = new Map<string, number>();
      if (slugs.length === 0) return result;
      const values = await redis.hmget(key('total'), ...slugs);
      slugs.forEach((slug, index) => {
        const value = values[index];
        if (value) result.set(slug, Number(value));
      });
      return result;
    },
    async secret() {
      await redis.set(key('secret'), randomBytes(32).toString('hex'), 'NX');
      return (await redis.get(key('secret'))) as string;
    },
    async close() {
      redis.disconnect();
    },
  };
}
