// @ts-check
// Next's cache handler (next.config.mjs `cacheHandler`): where rendered pages and cached data
// live between requests. Plain JavaScript, because Next loads it without bundling.
//
// - One instance: a bounded LRU in this process. Nothing is written to disk, and however many
//   distinct URLs are requested the cache never holds more than the memory profile.
// - Several instances (REDIS_URL set): Redis, so a page rendered by one is served by all and a
//   tag revalidated on one is expired on all. The local LRU answers only while Redis is down;
//   Redis is used again as soon as it answers.
// - Every entry belongs to the content version it was rendered from: its key starts with the
//   version, so an instance only ever reads pages of the version it serves, and a machine that
//   lags behind (or whose switch failed) can neither serve nor overwrite another version's pages.
//   Machines holding the same sources and code have the same version id and share again. After a
//   switch, a page of the version before is taken over when none of its tags changed
//   (docs/adr/019-content-version-in-the-shared-cache.md).
// - Every cached page gets its Content-Security-Policy here, where its final HTML is known: the
//   hashes of its inline scripts, the page script's among them (docs/adr/008-cache-handler-and-csp.md),
//   after Next's scripts are replaced by the page script (docs/adr/030-no-react-in-the-browser.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pageCsp } from '../http/csp.mjs';
import { log } from '../observability/log.mjs';
import {
  recordCacheLookup,
  recordRedisError,
  reportPageCacheSize,
} from '../observability/metrics.mjs';
import { documentLanguage } from '../edition/document.mjs';
import { withPageScript } from '../render/page-script.mjs';
import { cacheProfiles } from './profiles.mjs';
import { memoryStore, redisStore } from './stores.mjs';

const TAGS_HEADER = 'x-next-cache-tags';
// Under `next dev` pages keep Next's scripts, for its hot reloading (docs/adr/030).
const DEV = process.env.NODE_ENV === 'development';
/** After Redis failed, requests use memory alone for this long before asking Redis again. */
const RETRY_MS = 2000;
/** How long past its expiry an entry is kept: Next never serves it then, only reads its age. */
const GRACE_SECONDS = 5;
/** Data entries (unstable_cache) carry no expiry of their own. */
const DATA_TTL_SECONDS = 24 * 3600;
/** A revalidation only matters to entries stored before it, and none lives longer than this. */
const KEEP_MARKS_SECONDS = DATA_TTL_SECONDS + GRACE_SECONDS;

/** The tag every page render carries (lib/cache/page-cache.ts): the version it read. */
const VERSION_TAG = 'content-version:';

/**
 * @typedef {import('./stores.mjs').Store} Store
 * @typedef {import('./stores.mjs').Entry} Entry
 * @typedef {{ local: Store & { clear?: () => void }; shared?: Store; failing?: boolean; retryAt?: number; pendingMarks?: Map<string, number> }} Stores
 * @typedef {{ version: string; previous?: { version: string; changed: Set<string> } }} Live
 */

// On globalThis: Next builds a handler per request, and route bundles must share one cache.
const slot = /** @type {Record<symbol, Stores | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);
const KEY = Symbol.for('news.cache-stores');
const LIVE = Symbol.for('news.cache-content-version');
const live = /** @type {Record<symbol, Live | undefined>} */ (/** @type {unknown} */ (globalThis));

/**
 * The content version this process serves, told by the content reload (lib/content/reload.ts) at
 * start and at every switch, with the version before and the cache tags the switch changed: a
 * page of that version carrying none of them shows exactly what a new render would.
 * @param {string} version
 * @param {{ version: string; changedTags: string[] }} [previous]
 */
export function setContentVersion(version, previous) {
  live[LIVE] = {
    version,
    ...(previous && previous.version !== version
      ? { previous: { version: previous.version, changed: new Set(previous.changedTags) } }
      : {}),
  };
}

/** @param {string} version */
export function contentVersionTag(version) {
  return `${VERSION_TAG}${version}`;
}

/** @param {string} key */
function isPreview(key) {
  return key === '/preview' || key.startsWith('/preview/');
}

/**
 * The site-wide 404 page (app/not-found.tsx), which every unknown URL gets. Next writes the URL
 * it was asked into the page's data, so a kept one would hand every later 404 the address the
 * first one asked for (another reader's, or a script's): it is rendered for each request and
 * never kept. A 404 costs a render, and no memory.
 * @param {string} key
 */
function isNotFoundPage(key) {
  return key === '/_not-found' || key.endsWith('/_not-found');
}

/** @param {string[]} tags */
function versionOf(tags) {
  const tag = tags.find((name) => name.startsWith(VERSION_TAG));
  return tag?.slice(VERSION_TAG.length);
}

/** @param {string | undefined} serverDistDir */
function stores(serverDistDir) {
  const existing = slot[KEY];
  if (existing) return existing;
  const local = memoryStore(cacheProfiles.memory.megabytes * 1024 * 1024);
  // Read by news_page_cache_bytes: with the process metrics it says where the memory goes.
  reportPageCacheSize(() => local.bytes());
  /** @type {Stores} */
  const created = { local };
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
    if (all.pendingMarks) await replayMarks(all, all.shared);
    const result = await operation(all.shared);
    if (all.failing) {
      all.failing = false;
      // What was cached here meanwhile is never read while Redis answers.
      all.local.clear?.();
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
  await all.local.markTags(names, at, KEEP_MARKS_SECONDS);
  if (!all.shared) return;
  await withShared(all, async (store) => {
    // Redis did not answer: the marks are written when it does, before anything is read from it.
    if (store === all.local) {
      all.pendingMarks ??= new Map();
      for (const name of names) all.pendingMarks.set(name, at);
    } else await store.markTags(names, at, KEEP_MARKS_SECONDS);
  });
}

/**
 * Writes the marks made while Redis was away (a blip must not bring back what they expired).
 * @param {Stores} all
 * @param {Store} shared
 */
async function replayMarks(all, shared) {
  const marks = all.pendingMarks;
  if (!marks) return;
  const byTime = new Map();
  for (const [name, at] of marks) byTime.set(at, [...(byTime.get(at) ?? []), name]);
  for (const [at, names] of byTime) await shared.markTags(names, at, KEEP_MARKS_SECONDS);
  if (all.pendingMarks === marks) delete all.pendingMarks;
}

/**
 * Expires tags as revalidateTag does, from outside a request. A process that has cached nothing
 * yet has nothing to expire.
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

/**
 * An entry unless a tag it carries was revalidated after it was stored.
 * @param {Stores} all
 * @param {string} key
 * @returns {Promise<Entry | undefined>}
 */
async function read(all, key) {
  /** @type {'memory' | 'redis'} */
  let layer = 'memory';
  const entry = await withShared(all, (store) => {
    layer = store === all.shared ? 'redis' : 'memory';
    return store.get(key);
  });
  if (!entry) return { layer, entry: undefined };
  const tags = entry.tags.filter((tag) => !tag.startsWith(VERSION_TAG));
  if (tags.length > 0) {
    const times = await withShared(all, (store) => store.tagTimes(tags));
    if (times.some((time) => time > entry.lastModified)) return { layer, entry: undefined };
  }
  return { layer, entry };
}

/**
 * Into Redis when there is one (and into this process only while Redis is down), else here.
 * @param {Stores} all
 * @param {string} key
 * @param {Entry} entry
 * @param {number | undefined} ttl
 */
async function write(all, key, entry, ttl) {
  await withShared(all, (store) => store.set(key, entry, ttl));
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
    const current = live[LIVE];
    // Before the process knows its version (the first moments of start-up), nothing is served.
    if (!current || isNotFoundPage(key)) return null;
    let { entry, layer } = await read(all, `${current.version}/${key}`);
    if (!entry && current.previous) {
      const { version, changed } = current.previous;
      const { entry: before, layer: beforeLayer } = await read(all, `${version}/${key}`);
      layer = beforeLayer;
      // Only a page known to be rendered from that version (its render's tag) and carrying
      // none of the changed tags; anything else renders again.
      if (
        before &&
        versionOf(before.tags) === version &&
        !before.tags.some((tag) => changed.has(tag))
      ) {
        // Now known to be what this version renders: it is taken over as this version's.
        entry = {
          ...before,
          tags: before.tags.map((tag) =>
            tag.startsWith(VERSION_TAG) ? contentVersionTag(current.version) : tag,
          ),
        };
        const ttl = before.expiresAt ? (before.expiresAt - Date.now()) / 1000 : undefined;
        if (ttl === undefined || ttl > 0) await write(all, `${current.version}/${key}`, entry, ttl);
      }
    }
    if (!entry) {
      recordCacheLookup(layer, 'miss');
      return null;
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
    // A draft's preview is rendered per request and never cached (lib/pages/preview.ts); should
    // a change in Next ever hand one here, it still reaches neither this process nor Redis
    // (docs/adr/022-draft-preview-links.md).
    if (!data || isPreview(key)) return;
    if (data.kind === 'APP_PAGE' && typeof data.html === 'string') {
      data.html = documentLanguage(withPageScript(data.html, { keepNext: DEV }));
      // The same object becomes this response's headers, so the first reader gets it too.
      data.headers ??= {};
      data.headers['content-security-policy'] = pageCsp(data.html, {
        https: (process.env.SITE_URL ?? '').trim().startsWith('https:'),
      });
    }
    // Nor any other 404 (a route's notFound()): the proxy sends unknown URLs to the 404 page, so a
    // route answers 404 only when a render that began before a content switch read its article
    // after it, tagged with the version before. Kept, it would be served as that version's page,
    // to every instance that still serves it (docs/adr/029).
    if (isNotFoundPage(key) || (data.kind === 'APP_PAGE' && data.status === 404)) return;
    const tags = tagsOf(data, ctx);
    // The version the render read, not the one live now: a render that began before a switch
    // and ended after it shows the version before.
    const version = versionOf(tags) ?? live[LIVE]?.version;
    if (!version) return;
    const ttl = ttlSeconds(data, ctx);
    const now = Date.now();
    /** @type {Entry} */
    const entry = {
      value: data,
      lastModified: now,
      ...(ctx?.cacheControl ? { cacheControl: ctx.cacheControl } : {}),
      tags,
      ...(ttl === undefined ? {} : { expiresAt: now + ttl * 1000 }),
    };
    await write(this.stores, `${version}/${key}`, entry, ttl);
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await markTags(this.stores, Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}
