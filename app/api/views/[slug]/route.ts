import { getArticleSummary } from '@/lib/content/repository';
import { SLUG_PATTERN } from '@/lib/content/rules';
import { countView } from '@/lib/views/service';

export const dynamic = 'force-dynamic';

const STATUS = { counted: 204, duplicate: 204, bot: 204, limited: 429, unavailable: 503 } as const;

// The body is never read: whatever a client sends, up to any size, is ignored.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (slug.length > 200 || !SLUG_PATTERN.test(slug) || !getArticleSummary(slug)) {
    return new Response(null, { status: 404 });
  }
  const result = await countView(slug, request.headers);
  return new Response(null, {
    status: STATUS[result],
    headers: {
      'cache-control': 'no-store',
      ...(result === 'limited' ? { 'retry-after': '60' } : {}),
    },
  });
}

function methodNotAllowed() {
  return new Response(null, { status: 405, headers: { allow: 'POST' } });
}

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
