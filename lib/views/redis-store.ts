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
// per article, and a key per visitor and article for the 30-minute dedupe.

// One view, all or nothing, in one script (Redis runs it without interleaving anything): the
// visitor is marked as seen only after the counts, so a view whose counting failed is counted
// when retried instead of being taken for a duplicate, and an instance that dies in the middle
// leaves nothing half done. KEYS: seen, hour bucket, totals. ARGV: dedupe s, retention s, slug.
const RECORD_VIEW = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('ZINCRBY', KEYS[2], 1, ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return 1
`;

type WithRecordView = {
  recordView(...args: [string, string, string, number, number, string]): Promise<number>;
};

export function openRedisStore(url: string, prefix = 'views'): ViewStore {
  const redis = new Redis(url, {
    // When Redis is down (refused), a command fails at the next attempt to reconnect, within half
    // a second, so the API answers 503 quickly. A Redis that stops answering gets 2 s: a shorter
    // limit also failed commands whose answer was only waiting behind a busy event loop (a
    // restarted instance loading its routes under load answered some views with 503).
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 2000,
    retryStrategy: () => 500,
  });
  // ioredis reports connection errors as events; the callers see failed commands instead.
  redis.on('error', () => undefined);
  redis.defineCommand('recordView', { numberOfKeys: 3, lua: RECORD_VIEW });
  const key = (...parts: string[]) => [prefix, ...parts].join(':');

  return {
    async recordView(slug, visitor, at, dedupeSeconds) {
      const counted = await (redis as unknown as WithRecordView).recordView(
        key('seen', visitor, slug),
        key('h', hourKey(hourStart(at))),
        key('total'),
        dedupeSeconds,
        RETENTION_HOURS * 3600,
        slug,
      );
      return counted === 1;
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
