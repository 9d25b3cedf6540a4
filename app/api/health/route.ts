// For load balancers and uptime checks: 204 with the content version this process serves
// (X-Content-Version: compare it across machines to see one that lags), or 503 with one short
// line while a switch to a new version keeps failing (lib/content/reload.ts). Otherwise it does
// nothing, which also makes it the baseline the view benchmark compares against.
import { NO_STORE } from '@/lib/cache/page-cache';
import { contentHealth } from '@/lib/content/reload';

export function GET() {
  const health = contentHealth();
  const headers = {
    'cache-control': NO_STORE,
    ...(health.version ? { 'x-content-version': health.version } : {}),
  };
  if (health.ok) return new Response(null, { status: 204, headers });
  return new Response(`${health.reason}\n`, {
    status: 503,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
  });
}

export const POST = GET;
