// Who pushes when several machines publish the same commit (docs/adr/023, docs/deploy.md): each
// change is claimed in the shared Redis with SET NX under a key that names the change (URL, action,
// fingerprint) and the engine; the machine whose name the key holds pushes it. A machine that
// claimed and was killed before it sent finds its own name there on its next run and sends then.
// Redis unreachable: every machine pushes (a URL announced twice costs nothing; one never
// announced is a page the engine finds days later).
import { Redis } from 'ioredis';
import { log } from '../observability/log.mjs';
import type { Claim } from './pusher';

/** Long enough for any machine a publish behind; short enough not to grow Redis for ever. */
const CLAIM_SECONDS = 7 * 24 * 3600;

export function redisClaim(url: string, machine: string): Claim {
  return async (keys) => {
    if (keys.length === 0) return [];
    const redis = new Redis(url, {
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 5000,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      const pipeline = redis.pipeline();
      for (const key of keys) {
        pipeline.set(key, machine, 'EX', CLAIM_SECONDS, 'NX');
        pipeline.get(key);
      }
      const results = (await pipeline.exec()) ?? [];
      return keys.map((_, position) => {
        const [error, owner] = results[position * 2 + 1] ?? [new Error('no reply')];
        if (error) throw error;
        return owner === machine;
      });
    } catch (error) {
      log.warn(
        `[push] could not claim ${keys.length} changes in Redis (${(error as Error).message}): pushing them from this machine`,
      );
      return keys.map(() => true);
    } finally {
      redis.disconnect();
    }
  };
}
