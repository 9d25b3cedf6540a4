import { NO_STORE } from '@/lib/cache/page-cache';
import { getArticleSummary } from '@/lib/content/repository';
import { SLUG_PATTERN } from '@/lib/content/rules';
import { allowHeader } from '@/lib/http/request-guard';
import { recordView } from '@/lib/observability/metrics.mjs';
import { countView } from '@/lib/views/service';

const STATUS = {
  counted: 204,
  duplicate: 204,
  bot: 204,
  'cross-site': 403,
  limited: 429,
  unavailable: 503,
} as const;

// The body is never read: whatever a client sends, up to any size, is ignored.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (slug.length > 200 || !SLUG_PATTERN.test(slug) || !getArticleSummary(slug)) {
    recordView('not-found');
    return new Response(null, { status: 404 });
  }
  const result = await countView(slug, request.headers);
  recordView(result);
  return new Response(null, {
    status: STATUS[result],
    headers: {
      'cache-control': NO_STORE,
      ...(result === 'limited' ? { 'retry-after': '60' } : {}),
    },
  });
}

// Other methods are answered before Next.js (lib/http/node-server.ts); these cover the moments of
// start-up before that hook is installed.
function methodNotAllowed(request: Request) {
  return new Response(null, {
    status: 405,
    headers: { allow: allowHeader(new URL(request.url).pathname) },
  });
}

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
