import 'server-only';
import { installServerHook } from '@/lib/http/node-server';
import { consoleToLog, log } from '@/lib/observability/log.mjs';
import { startMetricsServer } from '@/lib/observability/metrics-server';
import { viewsDbProblem } from '@/lib/views/sqlite-store';

type EnvModule = typeof import('@/lib/env');

/**
 * The configuration problems that must stop the server before it serves anything: a server that
 * answers every route with a 500, or serves pages whose canonical URLs name another origin, is
 * worse than one that does not start.
 */
function startupProblem({ env, parseEnv }: EnvModule): string | undefined {
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

/**
 * Called once as the server boots (instrumentation.ts): stops the process with one line naming the
 * variable when the configuration is invalid, else decides client addresses from the socket and,
 * in production, turns bad requests away before Next.js sees them, writes everything it logs as
 * JSON lines, and serves its metrics on their own port.
 */
export async function startServer(): Promise<void> {
  const production = process.env.NODE_ENV === 'production';
  if (production) consoleToLog();
  let config: EnvModule;
  try {
    // Importing validates the environment and throws on the first bad variable.
    config = await import('@/lib/env');
    const problem = startupProblem(config);
    if (problem) throw new Error(problem);
  } catch (error) {
    log.error(`配置错误 / invalid configuration: ${(error as Error).message}`);
    process.exit(1);
  }
  installServerHook({
    trustProxy: config.env.views.trustProxy,
    guardRequests: production,
  });
  if (config.env.metrics) startMetricsServer(config.env.metrics);
}
