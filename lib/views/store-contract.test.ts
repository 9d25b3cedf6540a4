// The same contract, run against both stores: SQLite on a temp file, Redis on a real server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from './redis-store';
import { openSqliteStore } from './sqlite-store';
import { HOUR_MS, type ViewStore } from './store';

const T0 = new Date('2024-01-24T10:15:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** `open(namespace)` twice with the same namespace opens the same data. */
type Factory = { name: string; open: (namespace: string) => ViewStore };

function contract({ name, open }: Factory) {
  describe(`${name} view store`, () => {
    it('counts a view once per visitor per 30 minutes', async () => {
      const store = open('dedupe');
      expect(await store.recordView('a', 'v1', T0, 1800)).toBe(true);
      expect(await store.recordView('a', 'v1', later(60_000), 1800)).toBe(false);
      expect(await store.recordView('a', 'v2', later(60_000), 1800)).toBe(true);
      expect(await store.recordView('b', 'v1', later(60_000), 1800)).toBe(true);
      expect((await store.totals(['a', 'b', 'none'])).get('a')).toBe(2);
      expect((await store.totals(['a', 'b', 'none'])).has('none')).toBe(false);
      await store.close();
    });

    it('keeps hourly buckets and reads windows of them', async () => {
      const store = open('windows');
      await store.recordView('w', 'x1', T0, 1);
      await store.recordView('w', 'x2', later(HOUR_MS), 1);
      await store.recordView('w', 'x3', later(HOUR_MS), 1);
      await store.recordView('w', 'x4', later(30 * HOUR_MS), 1);
      const lastTwo = (await store.hourly(2, later(HOUR_MS))).filter((row) => row.slug === 'w');
      expect(lastTwo.map((row) => row.count).sort()).toEqual([1, 2]);
      const oneHour = (await store.hourly(1, later(HOUR_MS))).filter((row) => row.slug === 'w');
      expect(oneHour).toEqual([
        { slug: 'w', hour: Math.floor(later(HOUR_MS).getTime() / HOUR_MS) * HOUR_MS, count: 2 },
      ]);
      const day = (await store.hourly(24, later(30 * HOUR_MS))).filter((row) => row.slug === 'w');
      expect(day.reduce((sum, row) => sum + row.count, 0)).toBe(1);
      await store.close();
    });

    it('ranks the top articles of a window', async () => {
      const store = open('top');
      for (let i = 0; i < 5; i += 1) await store.recordView('top', `t${i}`, T0, 1800);
      for (let i = 0; i < 3; i += 1) await store.recordView('second', `s${i}`, T0, 1800);
      const rows = await store.hourly(24, T0);
      const sums = new Map<string, number>();
      for (const row of rows) sums.set(row.slug, (sums.get(row.slug) ?? 0) + row.count);
      const top = [...sums].sort((x, y) => y[1] - x[1]).slice(0, 2);
      expect(top).toEqual([
        ['top', 5],
        ['second', 3],
      ]);
      await store.close();
    });

    it('counts 1,000 concurrent increments exactly', async () => {
      const store = open('concurrent');
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => store.recordView('busy', `c${i}`, T0, 1800)),
      );
      expect(results.every(Boolean)).toBe(true);
      expect((await store.totals(['busy'])).get('busy')).toBe(1000);
      const hour = (await store.hourly(1, T0)).find((row) => row.slug === 'busy');
      expect(hour?.count).toBe(1000);
      await store.close();
    });

    it('counts requests per visitor per minute', async () => {
      const store = open('rate');
      expect(await store.hit('r1', T0)).toBe(1);
      expect(await store.hit('r1', later(1000))).toBe(2);
      expect(await store.hit('r1', later(60_000))).toBe(1);
      await store.close();
    });

    it('shares one secret', async () => {
      const first = open('secret');
      const second = open('secret');
      const secret = await first.secret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(await second.secret()).toBe(secret);
      await first.close();
      await second.close();
    });
  });
}

const sqliteDir = mkdtempSync(path.join(tmpdir(), 'views-'));
contract({
  name: 'SQLite',
  open: (namespace) => openSqliteStore(path.join(sqliteDir, `${namespace}.db`)),
});

describe('SQLite durability', () => {
  it('finds every acknowledged view after reopening the file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'views-')), 'views.db');
    const store = openSqliteStore(file);
    let acknowledged = 0;
    for (let i = 0; i < 500; i += 1)
      if (await store.recordView('durable', `d${i}`, T0, 1800)) acknowledged += 1;
    await store.close();
    const reopened = openSqliteStore(file);
    expect((await reopened.totals(['durable'])).get('durable')).toBe(acknowledged);
    await reopened.close();
  });

  it('drops buckets older than the retention on a later write', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'views-')), 'views.db');
    const store = openSqliteStore(file);
    await store.recordView('old', 'o1', T0, 1);
    await store.recordView('new', 'n1', later(9 * 24 * HOUR_MS), 1);
    expect((await store.hourly(24 * 30, later(9 * 24 * HOUR_MS))).map((row) => row.slug)).toEqual([
      'new',
    ]);
    await store.close();
  });
});

let redis: ChildProcess | undefined;
let redisUrl = '';
const run = Date.now().toString(36);
beforeAll(async () => {
  const port = await freePort();
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  redisUrl = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const probe = openRedisStore(redisUrl);
    try {
      await probe.secret();
      await probe.close();
      return;
    } catch {
      await probe.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('redis-server did not start (is it installed?)');
});
afterAll(() => {
  redis?.kill();
});
// Each namespace is its own key prefix, the equivalent of a fresh database.
contract({
  name: 'Redis',
  open: (namespace) => openRedisStore(redisUrl, `test-${run}-${namespace}`),
});

describe('Redis views are all or nothing', () => {
  it('a view whose counting failed is counted when retried, not taken for a duplicate', async () => {
    const { Redis } = await import('ioredis');
    const prefix = `atomic-${run}`;
    const store = openRedisStore(redisUrl, prefix);
    const client = new Redis(redisUrl);
    // The totals key of the wrong type: the count fails after the dedupe check.
    await client.set(`${prefix}:total`, 'not a hash');
    await expect(store.recordView('x', 'reader', T0, 1800)).rejects.toThrow(/WRONGTYPE/);
    await client.del(`${prefix}:total`);
    expect(await store.recordView('x', 'reader', T0, 1800)).toBe(true);
    expect((await store.totals(['x'])).get('x')).toBe(1);
    client.disconnect();
    await store.close();
  });
});

describe('Redis expiry', () => {
  it('gives hourly buckets a TTL a little past seven days', async () => {
    const { Redis } = await import('ioredis');
    const prefix = `ttl-${run}`;
    const store = openRedisStore(redisUrl, prefix);
    await store.recordView('x', 'v', new Date(), 1800);
    const client = new Redis(redisUrl);
    const keys = await client.keys(`${prefix}:h:*`);
    expect(keys).toHaveLength(1);
    const ttl = await client.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(7 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(8 * 24 * 3600);
    client.disconnect();
    await store.close();
  });
});
