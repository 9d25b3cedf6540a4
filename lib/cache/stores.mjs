// @ts-check
// Where the cache handler (handler.mjs) keeps entries: a bounded in-process LRU, and Redis when
// several instances share one cache. Plain JavaScript: Next loads the handler without bundling.
import { deserialize, serialize } from 'node:v8';
import { Redis } from 'ioredis';

/**
 * @typedef {{ value: any; lastModified: number; cacheControl?: { revalidate: number | false; expire?: number }; tags: string[] }} Entry
 * @typedef {{ get(key: string): Promise<Entry | undefined>; set(key: string, entry: Entry, ttlSeconds: number | undefined): Promise<void>; tagTimes(tags: string[]): Promise<number[]>; markTags(tags: string[], at: number, keepSeconds: number): Promise<void> }} Store
 */

/** An entry's weight in memory: its HTML, payload and segment bytes. */
export function entrySize(entry) {
  const value = entry.value ?? {};
  let size = 256;
  for (const part of [value.html, value.rscData, value.body, value.data?.body]) {
    if (part) size += part.length ?? 0;
  }
  if (value.segmentData instanceof Map)
    for (const part of value.segmentData.values()) size += part.length;
  return size;
}

/**
 * An LRU bounded by bytes, with per-entry expiry: however many distinct URLs are requested, it
 * never holds more than `maxBytes`.
 * @param {number} maxBytes
 * @param {() => number} [clock]
 * @returns {Store & { bytes(): number; size(): number }}
 */
export function memoryStore(maxBytes, clock = Date.now) {
  /** @type {Map<string, { entry: Entry; size: number; expiresAt: number }>} */
  const entries = new Map();
  /** @type {Map<string, number>} */
  const tags = new Map();
  let bytes = 0;
  const drop = (key) => {
    const slot = entries.get(key);
    if (!slot) return;
    entries.delete(key);
    bytes -= slot.size;
  };
  return {
    async get(key) {
      const slot = entries.get(key);
      if (!slot) return undefined;
      if (slot.expiresAt <= clock()) {
        drop(key);
        return undefined;
      }
      // Most recently used last: eviction takes from the front.
      entries.delete(key);
      entries.set(key, slot);
      return slot.entry;
    },
    async set(key, entry, ttlSeconds) {
      drop(key);
      const size = entrySize(entry);
      if (size > maxBytes) return;
      const expiresAt = ttlSeconds === undefined ? Infinity : clock() + ttlSeconds * 1000;
      entries.set(key, { entry, size, expiresAt });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    async tagTimes(names) {
      return names.map((name) => tags.get(name) ?? 0);
    },
    async markTags(names, at) {
      for (const name of names) tags.set(name, at);
    },
    bytes: () => bytes,
    size: () => entries.size,
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
