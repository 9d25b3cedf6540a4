import 'server-only';
// /articles/<slug>/qr.svg: the QR code of the article's canonical URL, drawn on the server. A
// file of its own rather than inline SVG: the article page carries one <img> instead of the
// path twice (HTML and React payload), and it loads only when a reader opens 分享.
import { absoluteUrl } from '@/config/site';
import { sharedCacheControl } from '@/lib/cache/page-cache';
import { findArticle } from '@/lib/content/pages';
import { qrPath } from './qr';

export function qrResponse(rawSlug: string): Response {
  const article = findArticle(rawSlug);
  if (!article) return new Response('Not found', { status: 404 });
  const { size, d } = qrPath(absoluteUrl(article.url));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}"/></svg>`;
  return new Response(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': sharedCacheControl(),
      'x-content-type-options': 'nosniff',
    },
  });
}
