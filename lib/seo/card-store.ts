// Where rendered social cards are kept, and the rule that renders each one once: files in one
// directory for a single server, or Redis, which every instance of a cluster reaches
// (docs/adr/010-cluster-behind-nginx.md). No server-only import, like the view stores, so the
// unit tests can run two "instances" against one Redis.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';

export type CardStore = {
  get(key: string): Promise<Buffer | undefined>;
  put(key: string, png: Buffer): Promise<void>;
  /**
   * Claims the rendering of `key` for a while: false when another instance holds the claim, so
   * this one waits for that card instead of rendering it too.
   */
  claim(key: string): Promise<boolean>;
  close(): Promise<void>;
};

export function fileCardStore(dir: string): CardStore {
  return {
    async get(key) {
      try {
        return await readFile(path.join(dir, `${key}.png`));
      } catch {
        return undefined;
      }
    },
    async put(key, png) {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${key}.png`);
      // Write then rename: concurrent first requests must never serve half a file.
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, png);
      await rename(temp, file);
    },
    // One process: renderOnce's own map already keeps concurrent requests to one render.
    claim: async () => true,
    close: async () => undefined,
  };
}

/** How long a render may hold its claim: far longer than a render takes (about 100 ms). */
const CLAIM_MS = 10_000;

/**
 * Cards in Redis under `<prefix>:<key>`, each kept `ttlSeconds` from its last request (a card is
 * asked for while its article is being shared, so old ones leave memory by themselves).
 */
export function redisCardStore(url: string, ttlSeconds: number, prefix = 'news:card'): CardStore {
  const redis = new Redis(url, {
    // As the view store: refused commands fail within half a second, a silent Redis gets 1 s.
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: () => 500,
  });
  redis.on('error', () => undefined);
  // After a failure, Redis is not asked again for a moment: a card request while it is down
  // waits for one timeout at most, then renders.
  let downUntil = 0;
  const guarded = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (Date.now() < downUntil) throw new Error('redis unavailable');
    try {
      return await operation();
    } catch (error) {
      downUntil = Date.now() + 2000;
      throw error;
    }
  };
  return {
    async get(key) {
      return (
        (await guarded(() => redis.getexBuffer(`${prefix}:${key}`, 'EX', ttlSeconds))) ?? undefined
      );
    },
    async put(key, png) {
      await guarded(() => redis.set(`${prefix}:${key}`, png, 'EX', ttlSeconds));
    },
    async claim(key) {
      const claimed = await guarded(() =>
        redis.set(`${prefix}-claim:${key}`, '1', 'PX', CLAIM_MS, 'NX'),
      );
      return claimed === 'OK';
    },
    async close() {
      redis.disconnect();
    },
  };
}

// Renders under way, per store (one store per process in the site; two in the tests, as two
// instances would have).
const renders = new WeakMap<CardStore, Map<string, Promise<Buffer>>>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The stored card, or one rendered now and stored. Concurrent requests in this process share one
 * render; an instance that finds another rendering the same card waits for it (up to the claim's
 * time) rather than render it a second time. A store that fails never fails the request: the card
 * is rendered and served, and `onError` hears of it.
 */
export function renderOnce(
  store: CardStore,
  key: string,
  render: () => Promise<Buffer>,
  onError: (error: Error) => void = () => undefined,
): Promise<Buffer> {
  const pending = renders.get(store) ?? new Map<string, Promise<Buffer>>();
  renders.set(store, pending);
  let card = pending.get(key);
  if (!card) {
    card = (async () => {
      const attempt = async <T>(operation: () => Promise<T>, fallback: T): Promise<T> => {
        try {
          return await operation();
        } catch (error) {
          onError(error as Error);
          return fallback;
        }
      };
      const stored = await attempt(() => store.get(key), undefined);
      if (stored) return stored;
      if (!(await attempt(() => store.claim(key), true))) {
        for (let waited = 0; waited < CLAIM_MS; waited += 100) {
          await sleep(100);
          const ready = await attempt(() => store.get(key), undefined);
          if (ready) return ready;
        }
      }
      const png = await render();
      await attempt(() => store.put(key, png), undefined);
      return png;
    })().finally(() => pending.delete(key));
    pending.set(key, card);
  }
  return card;
}
