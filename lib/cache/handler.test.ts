import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { metrics } from '../observability/metrics.mjs';
import CacheHandler, { contentVersionTag, expireTags, setContentVersion } from './handler.mjs';
import { entrySize, memoryStore } from './stores.mjs';

const page = (html: string, tags = '_N_T_/x,article:a') => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from('rsc'),
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  headers: { 'x-next-cache-tags': tags },
  status: 200,
});
const ctx = { cacheControl: { revalidate: 10, expire: 25 } };
/** A page rendered from content version `version`, as lib/cache/page-cache.ts tags it. */
const rendered = (version: string, html: string, tags: string) =>
  page(html, `${tags},${contentVersionTag(version)}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STORES = Symbol.for('news.cache-stores');
const globals = globalThis as unknown as Record<symbol, unknown>;

/** The counters of cache lookups and Redis errors, as labels → value. */
async function counters(): Promise<Record<string, number>> {
  const all: Record<string, number> = {};
  for (const metric of [metrics().cacheLookups, metrics().redisErrors]) {
    for (const { labels, value } of (await metric.get()).values)
      all[Object.values(labels).join(':')] = value;
  }
  return all;
}

/** How much each counter grew while `action` ran. */
async function counted(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await counters();
  await action();
  const after = await counters();
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, grew]) => grew > 0),
  );
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Until the port is (or is no longer) open: Redis starting or dying takes its own time. */
async function untilListening(port: number, open: boolean) {
  while ((await listening(port)) !== open) await new Promise((resolve) => setTimeout(resolve, 20));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('memoryStore', () => {
  it('never holds more than its bound, evicting the least recently used', async () => {
    const store = memoryStore(10_000);
    for (let n = 0; n < 200; n += 1) {
      await store.set(`k${n}`, { value: { html: 'x'.repeat(500) }, lastModified: 0, tags: [] }, 60);
    }
    expect(store.bytes()).toBeLessThanOrEqual(10_000);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k199')).toBeDefined();
  });
  it('counts a Chinese page by the bytes it takes, not its UTF-16 length', () => {
    const html = '中'.repeat(10_000);
    expect(entrySize({ value: { html }, lastModified: 0, tags: [] })).toBeGreaterThanOrEqual(
      20_000,
    );
  });
  it('forgets entries past their time', async () => {
    let now = 1_000_000;
    const store = memoryStore(10_000, () => now);
    await store.set('k', { value: {}, lastModified: 0, tags: [] }, 30);
    now += 29_000;
    expect(await store.get('k')).toBeDefined();
    now += 2_000;
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('CacheHandler in memory', () => {
  beforeEach(() => {
    delete globals[STORES];
    setContentVersion('v1');
  });

  it('serves only pages of the content version this process serves', async () => {
    const handler = new CacheHandler({});
    await handler.set('a', rendered('v1', '<p>v1</p>', 'article:a'), ctx);
    setContentVersion('v2', { version: 'v1', changedTags: ['article:a'] });
    expect(await handler.get('a')).toBeNull();
    // A render that began before the switch and ends after it is kept with the version it read.
    await handler.set('a', rendered('v1', '<p>late v1</p>', 'article:a'), ctx);
    expect(await handler.get('a')).toBeNull();
    await handler.set('a', rendered('v2', '<p>v2</p>', 'article:a'), ctx);
    expect((await handler.get('a'))?.value.html).toBe('<p>v2</p>');
  });

  it('takes over the pages of the version before that the switch did not change', async () => {
    const handler = new CacheHandler({});
    await handler.set('a', rendered('v1', '<p>a</p>', 'article:a'), ctx);
    await handler.set('b', rendered('v1', '<p>b</p>', 'article:b'), ctx);
    setContentVersion('v2', { version: 'v1', changedTags: ['article:a'] });
    expect(await handler.get('a')).toBeNull();
    expect((await handler.get('b'))?.value.html).toBe('<p>b</p>');
    // A page that does not say which version it was rendered from is rendered again.
    setContentVersion('v1');
    await handler.set('c', page('<p>c</p>', 'article:c'), ctx);
    setContentVersion('v2', { version: 'v1', changedTags: ['article:a'] });
    expect(await handler.get('c')).toBeNull();
    // Only from the version just before: two switches on, it is rendered again.
    setContentVersion('v3', { version: 'v2', changedTags: [] });
    expect((await handler.get('b'))?.value.html).toBe('<p>b</p>');
    setContentVersion('v4', { version: 'v3', changedTags: ['article:b'] });
    expect(await handler.get('b')).toBeNull();
  });

  it('never keeps a draft preview, whatever Next hands it', async () => {
    const handler = new CacheHandler({});
    for (const key of ['/preview/a/s7wj40.x', '/preview/%E6%98%A5/t', '/preview']) {
      await handler.set(key, rendered('v1', '<p>draft</p>', 'article:a'), ctx);
      expect(await handler.get(key), key).toBeNull();
    }
    await handler.set('/previews', rendered('v1', '<p>page</p>', 'x'), ctx);
    expect((await handler.get('/previews'))?.value.html).toBe('<p>page</p>');
  });

  it('never keeps the site-wide 404 page, which names the URL it was rendered for, but gives it its CSP', async () => {
    const handler = new CacheHandler({});
    for (const key of ['/route-cache/APP_PAGE/41da0e/$/_not-found', '/_not-found']) {
      const data = rendered(
        'v1',
        '<html><script>self.__next_f.push([1,"\\"c\\":[\\"\\",\\"articles\\",\\"first\\"]"])</script></html>',
        'lists',
      );
      await handler.set(key, data, ctx);
      expect(data.headers['content-security-policy' as keyof typeof data.headers], key).toMatch(
        /script-src 'self' 'sha256-[^']+';/,
      );
      expect(await handler.get(key), key).toBeNull();
    }
    await handler.set(
      '/route-cache/APP_PAGE/h/$/not-found-story',
      rendered('v1', '<p>a</p>', 'x'),
      ctx,
    );
    expect((await handler.get('/route-cache/APP_PAGE/h/$/not-found-story'))?.value.html).toBe(
      '<p>a</p>',
    );
  });

  it("never keeps a route's 404: one rendered across a content switch would be the version before's", async () => {
    const handler = new CacheHandler({});
    const key = '/route-cache/APP_PAGE/h/$/articles/taken-down';
    const data = {
      ...rendered('v1', '<html><p>404</p></html>', 'article:taken-down'),
      status: 404,
    };
    await handler.set(key, data, ctx);
    expect(await handler.get(key)).toBeNull();
    await handler.set(key, rendered('v1', '<p>the article</p>', 'article:taken-down'), ctx);
    expect((await handler.get(key))?.value.html).toBe('<p>the article</p>');
  });

  it('serves nothing before the process knows its content version', async () => {
    const handler = new CacheHandler({});
    await handler.set('a', rendered('v1', '<p>a</p>', 'article:a'), ctx);
    delete globals[Symbol.for('news.cache-content-version')];
    expect(await handler.get('a')).toBeNull();
  });

  it('gives a cached page the CSP of its own inline scripts, on the object the response uses', async () => {
    const handler = new CacheHandler({});
    const data = page(
      '<html><script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"a"])</script><script>alert(1)</script></html>',
    );
    await handler.set('/route-cache/APP_PAGE/h/$/a', data, ctx);
    const policy = data.headers['content-security-policy' as keyof typeof data.headers];
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+' 'sha256-[^']+';/);
    const cached = await new CacheHandler({}).get('/route-cache/APP_PAGE/h/$/a');
    expect(cached?.value.headers['content-security-policy']).toBe(policy);
    expect(cached?.value.segmentData.get('/_tree')).toEqual(Buffer.from('tree'));
    expect(cached?.cacheControl).toEqual(ctx.cacheControl);
  });

  it('expires the pages of a revalidated tag', async () => {
    const handler = new CacheHandler({});
    await handler.set('a', page('<p>a</p>', 'article:a'), ctx);
    await handler.set('b', page('<p>b</p>', 'article:b'), ctx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler.revalidateTag(['article:a']);
    expect(await handler.get('a')).toBeNull();
    expect(await handler.get('b')).not.toBeNull();
  });

  it('expires tags outside a request too (a content reload), and does nothing before any cache', async () => {
    await expect(expireTags(['lists'])).resolves.toBeUndefined();
    const handler = new CacheHandler({});
    await handler.set('a', page('<p>a</p>', 'lists,article:a'), ctx);
    await handler.set('b', page('<p>b</p>', 'article:b'), ctx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expireTags(['lists']);
    expect(await handler.get('a')).toBeNull();
    expect(await handler.get('b')).not.toBeNull();
  });

  it('counts each lookup as a hit, a stale hit or a miss of the memory layer', async () => {
    const handler = new CacheHandler({});
    await handler.set('a', page('<p>a</p>', 'article:a'), ctx);
    expect(await counted(() => handler.get('a'))).toEqual({ 'memory:hit': 1 });
    expect(await counted(() => handler.get('nothing'))).toEqual({ 'memory:miss': 1 });
    // Past its revalidate time (10 s), still kept (until 25 + 5 s): Next serves it stale.
    vi.useFakeTimers({ now: Date.now() + 11_000, toFake: ['Date'] });
    try {
      expect(await counted(() => handler.get('a'))).toEqual({ 'memory:stale': 1 });
    } finally {
      vi.useRealTimers();
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler.revalidateTag('article:a');
    // Expired by its tag: as good as absent.
    expect(await counted(() => handler.get('a'))).toEqual({ 'memory:miss': 1 });
  });
});

describe('CacheHandler with Redis', () => {
  let redis: ChildProcess | undefined;
  const dist = mkdtempSync(path.join(tmpdir(), 'cache-handler-'));
  mkdirSync(path.join(dist, 'server'));
  writeFileSync(path.join(dist, 'BUILD_ID'), 'build-1');

  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const server of started) server.kill('SIGCONT');
    for (const server of started) server.kill();
  });

  async function startRedis() {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    started.push(redis);
    // Until it answers (not a fixed pause: a busy machine starts it slowly).
    await untilListening(port, true);
    return `redis://127.0.0.1:${port}`;
  }

  /** A handler as another instance would have it: its own process-wide stores. */
  function instance(url: string) {
    delete globals[STORES];
    process.env.REDIS_URL = url;
    const handler = new CacheHandler({ serverDistDir: path.join(dist, 'server') });
    delete process.env.REDIS_URL;
    return handler;
  }

  it('shares pages and tag revalidations between instances, and falls back to memory when Redis is down', async () => {
    const url = await startRedis();
    setContentVersion('v1');
    const a = instance(url);
    const b = instance(url);
    await a.set('page', page('<script>x()</script>', 'article:a'), ctx);
    const seen = await b.get('page');
    expect(seen?.value.html).toBe('<script>x()</script>');
    expect(Buffer.isBuffer(seen?.value.rscData)).toBe(true);
    // What Redis holds is not kept a second time in the instance's memory.
    expect((globals[STORES] as { local: { size(): number } }).local.size()).toBe(0);
    await sleep(5);
    expect(await counted(() => b.get('page'))).toEqual({ 'redis:hit': 1 });
    await b.revalidateTag('article:a');
    expect(await a.get('page')).toBeNull();
    // The revalidation times of a build do not outlive the entries they could expire.
    const { Redis } = await import('ioredis');
    const client = new Redis(url);
    const ttl = await client.ttl('news:cache:build-1:tags');
    client.disconnect();
    expect(ttl).toBeGreaterThan(24 * 3600);
    expect(ttl).toBeLessThanOrEqual(24 * 3600 + 5);

    redis?.kill();
    await untilListening(Number(new URL(url).port), false);
    // Rendered and served from the instance's own memory while Redis is gone, and the failure
    // counted.
    expect(await counted(() => a.set('kept', page('<p>kept</p>', ''), ctx))).toEqual({ cache: 1 });
    const kept: { html?: string } = {};
    expect(
      await counted(async () => {
        kept.html = (await a.get('kept'))?.value.html;
      }),
    ).toEqual({ 'memory:hit': 1 });
    expect(kept.html).toBe('<p>kept</p>');
  });

  it("never serves a page of another machine's content version, and shares again once both hold the same", async () => {
    const url = await startRedis();
    const ahead = instance(url);
    const behind = instance(url);
    // The machine ahead switched from v1 to v2, which removed an article from the lists; the
    // machine behind still serves v1 and renders the home page after the switch.
    setContentVersion('v2', { version: 'v1', changedTags: ['lists'] });
    await ahead.set('/', rendered('v2', '<p>without</p>', 'lists'), ctx);
    await sleep(5);
    setContentVersion('v1');
    expect(await behind.get('/')).toBeNull();
    await behind.set('/', rendered('v1', '<p>with the removed article</p>', 'lists'), ctx);
    expect((await behind.get('/'))?.value.html).toBe('<p>with the removed article</p>');
    setContentVersion('v2', { version: 'v1', changedTags: ['lists'] });
    expect((await ahead.get('/'))?.value.html).toBe('<p>without</p>');
    // The machine behind catches up: the same sources give the same version id.
    expect((await behind.get('/'))?.value.html).toBe('<p>without</p>');
  });

  it('writes the tag revalidations made while Redis did not answer once it does', async () => {
    const url = await startRedis();
    setContentVersion('v1');
    const a = instance(url);
    const aStores = globals[STORES] as { failing?: boolean };
    const b = instance(url);
    await b.set('page', rendered('v1', '<p>old</p>', 'article:a'), ctx);
    await sleep(5);
    redis?.kill('SIGSTOP');
    try {
      await a.revalidateTag('article:a');
      expect(aStores.failing).toBe(true);
    } finally {
      redis?.kill('SIGCONT');
    }
    // Until a uses Redis again (its first command after the pause), then b must see the mark.
    const deadline = Date.now() + 20_000;
    while (aStores.failing && Date.now() < deadline) {
      await a.get('anything');
      await sleep(100);
    }
    expect(aStores.failing).toBe(false);
    expect(await b.get('page')).toBeNull();
  });
});
