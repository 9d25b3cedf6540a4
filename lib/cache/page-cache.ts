import 'server-only';
// How long the page being rendered may be served, decided here and not in the route files.
// An unstable_cache read during a render lowers the page's revalidate time to the entry's and
// adds the entry's tags to the page (next/dist/server/web/spec-extension/unstable-cache.js); the
// entry holds nothing else. The page's expire, after which a request waits for a fresh render,
// is next.config.mjs's expireTime, from the same profile.
import { unstable_cache } from 'next/cache';
import { getContentState } from '@/lib/content/repository';
import { contentVersionTag } from './handler.mjs';
import { cacheProfiles } from './profiles.mjs';

/**
 * Caches the page being rendered with the pages profile, under these tags and the content
 * version it reads: the cache handler keeps it with that version's pages, even when the render
 * ends after a switch (docs/adr/019-content-version-in-the-shared-cache.md).
 */
export async function cachePage(tags: string[]): Promise<void> {
  const version = contentVersionTag(getContentState().version);
  // One shared entry: the tags reach the page from the call's options, whatever the key.
  await unstable_cache(async () => true, ['page-lifetime'], {
    revalidate: cacheProfiles.pages.revalidate,
    tags: [...new Set(tags), version],
  })();
}

/** Cache-Control for route handlers (feeds, sitemaps): what Next sends for the pages. */
export function sharedCacheControl(): string {
  const { revalidate, expire } = cacheProfiles.pages;
  return `public, s-maxage=${revalidate}, stale-while-revalidate=${expire - revalidate}`;
}

export function immutableCacheControl(): string {
  return `public, max-age=${cacheProfiles.cards.seconds}, immutable`;
}

export function redirectCacheControl(): string {
  return `public, max-age=${cacheProfiles.redirects.seconds}`;
}

export const NO_STORE = 'no-store';
