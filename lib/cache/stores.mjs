// @ts-check
// Where the cache handler (handler.mjs) keeps entries: a bounded in-process LRU, and Redis when
// several instances share one cache. Plain JavaScript: Next loads the handler without bundling.
import { deserialize, serialize } from 'node:v8';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * @typedef {{ value: any; lastModified: number; cacheControl?: { revalidate: number | false; expire?: number }; tags: string[]; expiresAt?: number }} Entry
 * @typedef {{ get(key: string): Promise<Entry | undefined>; set(key: string, entry: Entry, ttlSeconds: number | undefined): Promise<void>; tagTimes(tags: string[]): Promise<number[]>; markTags(tags: string[], at: number, keepSeconds: number): Promise<void> }} Store
 */

/**
 * The bytes an entry holds in this process: its HTML, payload and segments. A string is counted
 * at two bytes per UTF-16 unit, which is what V8 stores for any text with a character past
 * Latin-1 (every Chinese page); a Buffer at its length.
 * @param {Entry} entry
 */
export function entrySize(entry) {
  const value = entry.value ?? {};
  let size = 256;
  const add = (part) => {
    if (typeof part === 'string') size += part.length * 2;
    else if (part && typeof part.byteLength === 'number') size += part.byteLength;
  };
  for (const part of [value.html, value.rscData, value.body, value.data?.body]) add(part);
  if (value.segmentData instanceof Map) for (const part of value.segmentData.values()) add(part);
  return size;
}

/**
 * An LRU bounded by bytes (lru-cache with `sizeCalculation`), with per-entry expiry: however many
 * distinct URLs are requested, it never holds more than `maxBytes`.
 * @param {number} maxBytes
 * @param {() => number} [clock]
 * @returns {Store & { bytes(): number; size(): number; clear(): void }}
 */
export function memoryStore(maxBytes, clock = Date.now) {
  /** @type {LRUCache<string, Entry>} */
  const entries = new LRUCache({
    maxSize: maxBytes,
    sizeCalculation: (entry) => entrySize(entry),
    perf: { now: clock },
    // Exact expiry: no cached "now" between calls.
    ttlResolution: 0,
  });
  // Tag names come from the content (articles, categories, tags), not from requests: a plain map.
  /** @type {Map<string, number>} */
  const tags = new Map();
  return {
    async get(key) {
      return entries.get(key);
    },
    async set(key, entry, ttlSeconds) {
      // An entry larger than the whole store is not kept (lru-cache refuses it too).
      if (entrySize(entry) > maxBytes) entries.delete(key);
      else entries.set(key, entry, ttlSeconds === undefined ? {} : { ttl: ttlSeconds * 1000 });
    },
    async tagTimes(names) {
      return names.map((name) => tags.get(name) ?? 0);
    },
    async markTags(names, at) {
      for (const name of names) tags.set(name, Math.max(at, tags.get(name) ?? 0));
    },
    bytes: () => entries.calculatedSize,
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}

/**
 * Redis, shared by every instance: entries under `<prefix>:e:<key>` (serialised with v8, which
 * keeps the Buffers and Maps Next puts in them) with a TTL, tag revalidation times in one hash.
 * A command fails within `timeoutMs` when Redis is down, so callers can fall back at once.
 * @param {string} url
 * @param {string} prefix
 * @param {{ timeoutMs?: number; onError?: (error: Error) => void }} [options]
 * @returns {Store & { client: Redis }}
 */
export function redisStore(url, prefix, { timeoutMs = 1000, onError = () => undefined } = {}) {
  const client = new Redis(url, {
    // Commands wait for the first connection; when Redis is down (refused) they fail at the next
    // attempt to reconnect, within half a second, and a Redis that stops answering gets
    // timeoutMs. The handler then stops asking it for a moment (handler.mjs). Not much shorter:
    // an answer waiting behind a busy event loop (a cold instance under load) would count as a
    // failure.
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: timeoutMs,
    retryStrategy: () => 500,
  });
  client.on('error', onError);
  const entryKey = (key) => `${prefix}:e:${key}`;
  const tagsKey = `${prefix}:tags`;
  return {
    client,
    async get(key) {
      const raw = await client.getBuffer(entryKey(key));
      return raw ? /** @type {Entry} */ (deserialize(raw)) : undefined;
    },
    async set(key, entry, ttlSeconds) {
      const raw = serialize(entry);
      if (ttlSeconds === undefined) await client.set(entryKey(key), raw);
      else await client.set(entryKey(key), raw, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    },
    async tagTimes(names) {
      if (names.length === 0) return [];
      const times = await client.hmget(tagsKey, ...names);
      return times.map((time) => Number(time) || 0);
    },
    async markTags(names, at, keepSeconds) {
      if (names.length === 0) return;
      const marks = Object.fromEntries(names.map((name) => [name, String(at)]));
      // Every build has its own hash; it goes once no entry it could expire is left.
      await client.multi().hset(tagsKey, marks).expire(tagsKey, keepSeconds).exec();
    },
  };
}
