import 'server-only';
import { env, parseEnv } from '@/lib/env';
import { installServerHook } from '@/lib/http/node-server';
import { viewsDbProblem } from '@/lib/views/sqlite-store';

/**
 * The configuration problems that must stop the server before it serves anything: a server that
 * answers every route with a 500, or serves pages whose canonical URLs name another origin, is
 * worse than one that does not start. Importing this module already throws for an invalid
 * variable (lib/env.ts).
 */
export function startupProblem(): string | undefined {
  // Inlined by `next build` (next.config.mjs, env): the SITE_URL the prerendered pages, sitemaps
  // and feeds were written with.
  const built = parseEnv({ SITE_URL: process.env.NEWS_BUILD_SITE_URL }).siteUrl;
  if (built !== env.siteUrl) {
    return (
      `SITE_URL 与构建时不同 / SITE_URL differs from the build: this build was made with ` +
      `SITE_URL=${built}, the server starts with SITE_URL=${env.siteUrl}. Prerendered pages, ` +
      `sitemaps and feeds keep the build's origin: set SITE_URL for \`npm run build\` too, e.g. ` +
      `SITE_URL=${env.siteUrl} npm run build`
    );
  }
  if (env.views.store === 'sqlite') return viewsDbProblem(env.views.file);
  return undefined;
}

/** Decides client addresses from the socket and, in production, turns bad requests away. */
export function startServerHook() {
  installServerHook({
    trustProxy: env.views.trustProxy,
    guardRequests: process.env.NODE_ENV === 'production',
  });
}
