import { fileURLToPath } from 'node:url';
import { cacheProfiles } from './lib/cache/profiles.mjs';
import { securityHeaders } from './lib/http/security-headers.mjs';
import { defaultSiteUrl } from './lib/listen-address.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The proxy (proxy.ts) sees the request's own URL. Normalised, a loopback host becomes
  // `localhost`, which no longer matches the `-H 127.0.0.1` the server was started with, so Next
  // took the proxy's rewrite of an unknown URL for an external one and fetched it from itself
  // over HTTP: every 404 cost two requests and a warning, and behind a TLS proxy
  // (X-Forwarded-Proto: https) it was a 500 (vercel/next.js#94745).
  skipProxyUrlNormalize: true,
  // Past this age a page is never served: the next request waits for a fresh render (the pages
  // profile, docs/adr/007-caching-model.md). Each page's revalidate time comes from the data
  // layer (lib/cache/page-cache.ts).
  expireTime: cacheProfiles.pages.expire,
  // Our cache handler keeps pages in a bounded LRU, or in Redis for several instances, and gives
  // each cached page its Content-Security-Policy; Next's own memory cache would be a second copy.
  cacheHandler: fileURLToPath(new URL('./lib/cache/handler.mjs', import.meta.url)),
  cacheMaxMemorySize: 0,
  // Pictures go through next/image's optimiser (getImageProps in server components, no client
  // code): AVIF or WebP as the browser accepts, at the widths below, made on first request and
  // kept on disk (docs/adr/009-image-pipeline.md). Few widths: short srcsets, few variants.
  images: {
    formats: ['image/avif', 'image/webp'],
    deviceSizes: [640, 828, 1080, 1280, 1600],
    imageSizes: [120, 160, 240, 320, 480],
    qualities: [70],
    minimumCacheTTL: cacheProfiles.images.seconds,
  },
  experimental: {
    // Static generation defaults to one worker fewer than the cores, i.e. one on a 2-core
    // machine, although the main build process idles while pages render.
    cpus: Math.max(2, (await import('node:os')).availableParallelism()),
  },
  env: {
    // Pages, sitemaps and feeds prerendered now keep this origin: the server refuses to start
    // with another SITE_URL (lib/server-start.ts). Unset, it is the default the server uses.
    NEWS_BUILD_SITE_URL: process.env.SITE_URL?.trim() || defaultSiteUrl(process.env),
  },
  // Loaded from node_modules at run time, not bundled: one logger and one metrics registry per
  // process (lib/observability), and pino's worker files where it expects them.
  serverExternalPackages: ['pino', 'prom-client'],
  // Tests start a second server on a copy of the build; nothing else sets it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Read from disk at run time, so kept out of the bundles. The content versions are not listed:
  // they change while the server runs (docs/adr/013), and tracing the archive's files made
  // `next build` take minutes and gigabytes at 100,000 articles.
  outputFileTracingIncludes: { '/*': ['./assets/fonts/**'] },
  async headers() {
    return securityHeaders({ https: (process.env.SITE_URL ?? '').trim().startsWith('https:') });
  },
  async rewrites() {
    return {
      // Before the filesystem, or the category catch-all page would claim feed.xml as a path.
      beforeFiles: [{ source: '/category/:path+/feed.xml', destination: '/feeds/category/:path+' }],
      // IndexNow's key file, /<INDEXNOW_KEY>.txt: the key is read at run time, so every name of
      // its shape goes to the route, which answers the configured one and 404s the rest.
      afterFiles: [
        { source: '/:key([A-Za-z0-9-]{8,128}).txt', destination: '/api/indexnow-key/:key' },
      ],
    };
  },
};

export default nextConfig;
