// @ts-check
// Every cache lifetime of the site, in seconds, by name: the only place that says how long
// anything may be served. Plain JavaScript, because next.config.mjs reads it too (expireTime).
// Why these numbers: docs/adr/007-caching-model.md.

export const cacheProfiles = Object.freeze({
  /**
   * Every page (they all carry 热门文章 or 最新文章): regenerated in the background once older
   * than `revalidate`; past `expire` a request waits for a fresh render. Feeds and sitemaps are
   * sent with the same lifetime. Behind a proxy that caches for the same time again, a reader
   * still sees nothing older than 2 × expire + hot.seconds = 55 s.
   */
  pages: Object.freeze({ revalidate: 10, expire: 25 }),
  /** The view rankings behind 热门文章: read from the store at most this often per process. */
  hot: Object.freeze({ seconds: 5 }),
  /**
   * A resized picture from next/image's optimiser (AVIF or WebP): kept on disk and served this
   * long before the source file is read again. A replaced picture shows within this time.
   */
  images: Object.freeze({ seconds: 86_400 }),
  /** A social card under its current version: the URL changes whenever the card would. */
  cards: Object.freeze({ seconds: 31_536_000 }),
  /** Anything a URL answers on the way to another (an old card version): a short while. */
  redirects: Object.freeze({ seconds: 300 }),
  /** Rendered pages kept in each instance's memory, at most (lib/cache/handler.mjs). */
  memory: Object.freeze({ megabytes: 100 }),
});
