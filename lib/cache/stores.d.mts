export type Entry = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever Next caches
  value: any;
  lastModified: number;
  cacheControl?: { revalidate: number | false; expire?: number };
  tags: string[];
  /** When the entry's time runs out (epoch ms); none for entries without one. */
  expiresAt?: number;
};
export type Store = {
  get(key: string): Promise<Entry | undefined>;
  set(key: string, entry: Entry, ttlSeconds: number | undefined): Promise<void>;
  tagTimes(tags: string[]): Promise<number[]>;
  markTags(tags: string[], at: number, keepSeconds: number): Promise<void>;
};
export declare function entrySize(entry: Entry): number;
export declare function memoryStore(
  maxBytes: number,
  clock?: () => number,
): Store & { bytes(): number; size(): number; clear(): void };
export declare function redisStore(
  url: string,
  prefix: string,
  options?: { timeoutMs?: number; onError?: (error: Error) => void },
): Store;
