// Types for the tests and the content reload; Next loads handler.mjs itself.
type Entry = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever Next caches
  value: any;
  lastModified: number;
  cacheControl?: { revalidate: number | false; expire?: number };
};
export default class CacheHandler {
  constructor(ctx: { serverDistDir?: string });
  get(key: string): Promise<Entry | null>;
  set(key: string, data: unknown, ctx?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
/** Expires tags as revalidateTag does, from outside a request. */
export function expireTags(names: string[]): Promise<void>;
/** The content version this process serves, and the one before with the tags the switch changed. */
export function setContentVersion(
  version: string,
  previous?: { version: string; changedTags: string[] },
): void;
/** The tag a page render carries: the content version it read. */
export function contentVersionTag(version: string): string;
