// @ts-check
// Next's cache handler (next.config.mjs `cacheHandler`): where rendered pages and cached data
// live between requests. Plain JavaScript, because Next loads it without bundling.
//
// - One instance: a bounded LRU in this process. Nothing is written to disk, and however many
//   distinct URLs are requested the cache never holds more than the memory profile.
// - Several instances (REDIS_URL set): Redis, so a page rendered by one is served by all and a
//   tag revalidated on one is expired on all. Every entry is also kept in the local LRU, which
//   answers while Redis is down; Redis is used again as soon as it answers.
// - Every cached page gets its Content-Security-Policy here, where its final HTML is known: the
//   hashes of exactly the inline scripts it carries (docs/adr/008-cache-handler-and-csp.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pageCsp } from '../http/csp.mjs';
import { log } from '../observability/log.mjs';
import { recordCacheLookup, recordRedisError } from '../observability/metrics.mjs';
import { scriptsAfterFirstPaint } from '../render/late-scripts.mjs';
import { cacheProfiles } from './profiles.mjs';
import { memoryStore, redisStore } from './stores.mjs';

const TAGS_HEADER = 'x-next-cache-tags';
/** After Redis failed, requests use memory alone for this long before asking Redis again. */
const RETRY_MS = 2000;
/** How long past its expiry an entry is kept: Next never serves it then, only reads its age. */
const GRACE_SECONDS = 5;
/** Data entries (unstable_cache) carry no expiry of their own. */
const DATA_TTL_SECONDS = 24 * 3600;

/**
 * @typedef {import('./stores.mjs').Store} Store
 * @typedef {{ local: Store; shared?: Store; failing?: boolean; retryAt?: number }} Stores
 */

// On globalThis: Next builds a handler per request, and route bundles must share one cache.
const slot = /** @type {Record<symbol, Stores | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);
const KEY = Symbol.for('news.cache-stores');

/** @param {string | undefined} serverDistDir */
function stores(serverDistDir) {
  const existing = slot[KEY];
  if (existing) return existing;
  /** @type {Stores} */
  const created = { local: memoryStore(cacheProfiles.memory.megabytes * 1024 * 1024) };
  const url = process.env.REDIS_URL?.trim();
  // A build never talks to Redis: what it renders is checked, then served from the first request.
  if (url && serverDistDir && process.env.NEXT_PHASE !== 'phase-production-build') {
    // Entries of another build (other scripts, other styles) must never be served by this one.
    const buildId = readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
    created.shared = redisStore(url, `news:cache:${buildId}`);
  }
  slot[KEY] = created;
  return created;
}

/**
 * Runs `operation` on Redis; on failure logs one line (when Redis goes away, and when it comes
 * back), and answers from the local store instead.
 * @template T
 * @param {Stores} all
 * @param {(store: Store) => Promise<T>} operation
 * @returns {Promise<T>}
 */
async function withShared(all, operation) {
  if (!all.shared || (all.retryAt ?? 0) > Date.now()) return operation(all.local);
  try {
    const result = await operation(all.shared);
    if (all.failing) {
      all.failing = false;
      log.info('[cache] redis is back: the shared cache is in use again');
    }
    return result;
  } catch (error) {
    all.retryAt = Date.now() + RETRY_MS;
    recordRedisError('cache');
    if (!all.failing) {
      all.failing = true;
      log.error(
        `[cache] redis unavailable, serving from this instance's memory: ${/** @type {Error} */ (error).message}`,
      );
    }
    return operation(all.local);
  }
}

/**
 * Marks tags revalidated now, in this process and in Redis: entries carrying one, cached before,
 * are not served again.
 * @param {Stores} all
 * @param {string[]} names
 */
async function markTags(all, names) {
  const at = Date.now();
  // A revalidation only matters to entries stored before it, and none lives longer than a data
  // entry (plus the grace).
  const keep = DATA_TTL_SECONDS + GRACE_SECONDS;
  await all.local.markTags(names, at, keep);
  if (all.shared) await withShared(all, (store) => store.markTags(names, at, keep));
}

/**
 * Expires tags as revalidateTag does, from outside a request: a content reload calls it on every
 * instance (lib/content/reload.ts). A process that has cached nothing yet has nothing to expire;
 * those that cached pages of the old content expire them, in Redis too, on their own reload.
 * @param {string[]} names
 */
export async function expireTags(names) {
  const all = slot[KEY];
  if (all && names.length > 0) await markTags(all, names);
}

/** @param {any} data @param {any} ctx */
function ttlSeconds(data, ctx) {
  if (data.kind === 'FETCH') return DATA_TTL_SECONDS;
  const expire = ctx?.cacheControl?.expire;
  if (typeof expire === 'number') return expire + GRACE_SECONDS;
  const revalidate = ctx?.cacheControl?.revalidate;
  return typeof revalidate === 'number' && revalidate > 0 ? revalidate + GRACE_SECONDS : undefined;
}

/** @param {any} data @param {any} ctx @returns {string[]} */
function tagsOf(data, ctx) {
  if (data.kind === 'FETCH') return [...(ctx?.tags ?? [])];
  const header = data.headers?.[TAGS_HEADER];
  return typeof header === 'string' ? header.split(',').filter(Boolean) : [];
}

export default class CacheHandler {
  /** @param {{ serverDistDir?: string }} ctx */
  constructor(ctx) {
    this.stores = stores(ctx?.serverDistDir);
  }

  /**
   * The entry under `key`, counted by the store that answered (a miss when it is absent or a tag
   * expired it; stale when Next will serve it while it renders it again).
   * @param {string} key
   */
  async get(key) {
    const all = this.stores;
    /** @type {'memory' | 'redis'} */
    let layer = 'memory';
    const entry = await withShared(all, (store) => {
      layer = store === all.shared ? 'redis' : 'memory';
      return store.get(key);
    });
    if (!entry) {
      recordCacheLookup(layer, 'miss');
      return null;
    }
    if (entry.tags.length > 0) {
      const times = await withShared(all, (store) => store.tagTimes(entry.tags));
      if (times.some((time) => time > entry.lastModified)) {
        recordCacheLookup(layer, 'miss');
        return null;
      }
    }
    const revalidate = entry.cacheControl?.revalidate;
    const stale =
      typeof revalidate === 'number' && entry.lastModified + revalidate * 1000 <= Date.now();
    recordCacheLookup(layer, stale ? 'stale' : 'hit');
    return {
      value: entry.value,
      lastModified: entry.lastModified,
      cacheControl: entry.cacheControl,
    };
  }

  /** @param {string} key @param {any} data @param {any} ctx */
  async set(key, data, ctx) {
    if (!data) return;
    if (data.kind === 'APP_PAGE' && typeof data.html === 'string') {
      data.html = scriptsAfterFirstPaint(data.html);
      // The same object becomes this response's headers, so the first reader gets it too.
      data.headers ??= {};
      data.headers['content-security-policy'] = pageCsp(data.html, {
        https: (process.env.SITE_URL ?? '').trim().startsWith('https:'),
      });
    }
    const entry = {
      value: data,
      lastModified: Date.now(),
      ...(ctx?.cacheControl ? { cacheControl: ctx.cacheControl } : {}),
      tags: tagsOf(data, ctx),
    };
    const ttl = ttlSeconds(data, ctx);
    const all = this.stores;
    await all.local.set(key, entry, ttl);
    if (all.shared) await withShared(all, (store) => store.set(key, entry, ttl));
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await markTags(this.stores, Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}
