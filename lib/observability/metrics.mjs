// @ts-check
// The server's Prometheus metrics (prom-client), served on a port of their own on the loopback
// interface (lib/observability/metrics-server.ts), never on the site's port. Plain JavaScript,
// because the cache handler (lib/cache/handler.mjs), which Next loads without bundling, counts
// its lookups here too: the registry and its metrics live on globalThis, one set per process,
// however many bundles import this file. docs/deploy.md says what each one is for.
import client from 'prom-client';

/** @typedef {import('./metrics.d.mts').Metrics} Metrics */

const KEY = Symbol.for('news.metrics');
const slot = /** @type {Record<symbol, Metrics | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);

/** Request methods are counted by name only when the site answers them; others are "other". */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** Results counted from zero, so that a first increase is a rate and not a new series. */
const VIEW_RESULTS = [
  'counted',
  'duplicate',
  'bot',
  'cross-site',
  'limited',
  'unavailable',
  'not-found',
];

/** @returns {Metrics} */
function create() {
  const registry = new client.Registry();
  const registers = [registry];
  /** @type {Metrics} */
  const created = {
    registry,
    requests: new client.Counter({
      name: 'news_http_requests_total',
      help: 'Requests answered, by route kind, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    requestSeconds: new client.Histogram({
      name: 'news_http_request_duration_seconds',
      help: 'Time from a request to the end of its response, by route kind',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    pageCache: new client.Counter({
      name: 'news_page_cache_total',
      help: "Pages and route answers by Next's cache result (x-nextjs-cache): hit, stale or miss",
      labelNames: ['route', 'result'],
      registers,
    }),
    cacheLookups: new client.Counter({
      name: 'news_cache_lookups_total',
      help: 'Cache handler lookups by the store that answered (memory or redis) and result',
      labelNames: ['layer', 'result'],
      registers,
    }),
    views: new client.Counter({
      name: 'news_views_total',
      help: 'View requests by result: counted, duplicate and bot are accepted, the rest refused',
      labelNames: ['result'],
      registers,
    }),
    contentVersion: new client.Gauge({
      name: 'news_content_version_info',
      help: 'The content version this process serves (1 for the live one)',
      labelNames: ['version'],
      registers,
    }),
    contentSwitchedAt: new client.Gauge({
      name: 'news_content_switched_at_seconds',
      help: 'When this process loaded the content version it serves (Unix time)',
      registers,
    }),
    contentSwitchSeconds: new client.Gauge({
      name: 'news_content_switch_duration_seconds',
      help: 'How long the last switch to a new content version took, cache expiry included',
      registers,
    }),
    contentSwitches: new client.Counter({
      name: 'news_content_switches_total',
      help: 'Switches to a new content version, by result (ok or failed)',
      labelNames: ['result'],
      registers,
    }),
    redisErrors: new client.Counter({
      name: 'news_redis_errors_total',
      help: 'Failed Redis operations, by use (cache, views, cards)',
      labelNames: ['use'],
      registers,
    }),
    pageCacheBytes: new client.Gauge({
      name: 'news_page_cache_bytes',
      help: "Bytes of rendered pages held in this instance's memory (bounded, lib/cache/profiles.mjs)",
      registers,
      collect() {
        this.set(pageCacheBytes());
      },
    }),
  };
  for (const layer of ['memory', 'redis'])
    for (const result of ['hit', 'stale', 'miss']) created.cacheLookups.inc({ layer, result }, 0);
  for (const result of VIEW_RESULTS) created.views.inc({ result }, 0);
  for (const result of ['ok', 'failed']) created.contentSwitches.inc({ result }, 0);
  for (const use of ['cache', 'views', 'cards']) created.redisErrors.inc({ use }, 0);
  return created;
}

const PAGE_CACHE = Symbol.for('news.page-cache-bytes');
const sizes = /** @type {Record<symbol, (() => number) | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);
const pageCacheBytes = () => sizes[PAGE_CACHE]?.() ?? 0;

/**
 * How the cache handler tells the metrics what its in-memory store holds (it is loaded apart
 * from the bundles, so the size is read through globalThis when /metrics is scraped).
 * @param {() => number} bytes
 */
export function reportPageCacheSize(bytes) {
  sizes[PAGE_CACHE] = bytes;
}

/** This process's metrics. */
export function metrics() {
  return (slot[KEY] ??= create());
}

/**
 * One answered request.
 * @param {{ route: string; method: string; status: number; seconds: number; cache?: string }} request
 */
export function recordRequest({ route, method, status, seconds, cache }) {
  const all = metrics();
  const name = METHODS.has(method) ? method : 'other';
  all.requests.inc({ route, method: name, status: String(status) });
  all.requestSeconds.observe({ route }, seconds);
  if (cache) all.pageCache.inc({ route, result: cache.toLowerCase() });
}

/**
 * One cache handler lookup.
 * @param {'memory' | 'redis'} layer
 * @param {'hit' | 'stale' | 'miss'} result
 */
export function recordCacheLookup(layer, result) {
  metrics().cacheLookups.inc({ layer, result });
}

/** @param {string} result what became of one view request (lib/views/service.ts CountResult, or not-found) */
export function recordView(result) {
  metrics().views.inc({ result });
}

/**
 * The content version this process now serves; `switchSeconds` when it replaced another.
 * @param {string} version
 * @param {number} [switchSeconds]
 */
export function recordContentVersion(version, switchSeconds) {
  const all = metrics();
  all.contentVersion.reset();
  all.contentVersion.set({ version }, 1);
  all.contentSwitchedAt.set(Date.now() / 1000);
  if (switchSeconds !== undefined) {
    all.contentSwitchSeconds.set(switchSeconds);
    all.contentSwitches.inc({ result: 'ok' });
  }
}

/** A new content version that could not be loaded (the one before stays live). */
export function recordContentSwitchFailure() {
  metrics().contentSwitches.inc({ result: 'failed' });
}

/** @param {'cache' | 'views' | 'cards'} use */
export function recordRedisError(use) {
  metrics().redisErrors.inc({ use });
}
