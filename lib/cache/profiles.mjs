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
  /**
   * A rendered social card kept in Redis (lib/seo/og-cards.ts), from its last request: cards are
   * asked for while an article is shared, mostly in its first days, so only those stay in memory.
   */
  sharedCards: Object.freeze({ seconds: 7 * 86_400 }),
  /**
   * nginx in front (deploy/nginx.conf, which cannot read this file; a unit test,
   * scripts/start/nginx-site.test.ts, fails when the two differ). Its page cache drops an entry
   * nobody asked for in `pages.expire`.
   */
  nginx: Object.freeze({
    /** public/: names without a hash, so a changed file must reach readers within this. */
    publicFiles: 3600,
    /** /_next/static/: hashed names, never changed (what Next itself sends for them). */
    buildFiles: 31_536_000,
    /** A cached social card nobody asked for in this long is dropped. */
    idleCards: 7 * 86_400,
  }),
});
