import 'server-only';
// IndexNow's proof that the site asked for a push: the key, as the whole body of /<key>.txt at the
// site's root (the `keyLocation` of each push). next.config.mjs rewrites any /<8–128 letters,
// digits, dashes>.txt here; only the configured key answers, every other name is a 404.
import { NO_STORE } from '@/lib/cache/page-cache';
import { env } from '@/lib/env';

export function indexNowKeyResponse(name: string): Response {
  const key = env.push.indexNow?.key;
  if (!key || name !== key) {
    return new Response('404 Not Found\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': NO_STORE },
    });
  }
  return new Response(key, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      // A changed key is read again within minutes by nginx and the engines.
      'cache-control': 'public, max-age=300',
    },
  });
}
