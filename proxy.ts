import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { nonceCsp } from '@/lib/http/csp.mjs';
import { canonicalTagPath, isKnownPath } from '@/lib/http/known-path';
import { PREVIEW_HEADERS } from '@/lib/preview/links';

// Folders whose names start with _ are private in the App Router, so no route can answer this.
const UNKNOWN = '/_unknown';

// Runs before routing, for the URLs below only (every request through the proxy costs
// throughput; see docs/benchmarks.md).
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Next answers a malformed percent-escape in a dynamic segment with a 500. A bad URL is the
  // client's error: answer 400 before routing.
  try {
    decodeURIComponent(pathname);
  } catch {
    return new NextResponse('400 Bad Request: malformed URL encoding', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // An unknown article, tag, category, page, card or sitemap never reaches its (cached) route:
  // it is sent to a path that matches no route, so Next answers with the one site-wide 404 page
  // (app/not-found.tsx), whatever the URL. Distinct bad URLs then cost no disk or memory, and the
  // 404 is real HTML (a page that calls notFound() gets an empty shell in production builds,
  // vercel/next.js#98295).
  if (!isKnownPath(pathname)) {
    // A tag holding a / typed or pasted unescaped (/tags/电力/能源) goes to its page; only an
    // unknown URL pays for this second lookup.
    const tag = canonicalTagPath(pathname);
    if (tag) return redirect(request, tag);
    return NextResponse.rewrite(new URL(UNKNOWN, request.url));
  }
  if (pathname === '/search' || pathname === '/zh-hant/search') return withNonce(request);
  if (pathname.startsWith('/preview/')) return preview(request);
  return NextResponse.next();
}

// A draft's preview, its token checked above: rendered per request like the search, and marked
// so that no cache keeps it, no search engine indexes it and no Referer carries its token
// (docs/adr/022-draft-preview-links.md).
function preview(request: NextRequest) {
  const response = withNonce(request);
  for (const [name, value] of Object.entries(PREVIEW_HEADERS)) response.headers.set(name, value);
  return response;
}

// From request.url, the URL the server was asked (next.config.mjs, skipProxyUrlNormalize), so
// that Next sends the Location as a path of this site.
function redirect(request: NextRequest, path: string) {
  const url = new URL(request.url);
  url.pathname = path;
  return NextResponse.redirect(url, 308);
}

// Search results are rendered per request, so their policy can use a nonce: Next puts the nonce
// of the request's policy on every script it writes. (Cached pages get theirs, with hashes, from
// the cache handler.)
function withNonce(request: NextRequest) {
  const nonce = crypto.randomUUID().replaceAll('-', '');
  const policy = nonceCsp(nonce, { https: env.siteUrl.startsWith('https:') });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    '/articles/:path*',
    '/category/:path*',
    '/tags/:path*',
    '/pages/:path*',
    '/og/:path*',
    '/sitemaps/:path*',
    '/search',
    '/preview/:path*',
    // The 繁體 edition: its unknown pages too must never reach a cached route.
    '/zh-hant',
    '/zh-hant/:path*',
    // Only URLs with a percent sign can hold a malformed escape.
    '/:path(.*%.*)',
  ],
};
