import 'server-only';
// /articles/<slug>/weibo: sends the reader on to Weibo's share page for the article. A route of
// its own so that the article page carries a short link, not the title percent-encoded.
import { absoluteUrl } from '@/config/site';
import { redirectCacheControl } from '@/lib/cache/page-cache';
import { findArticle } from '@/lib/content/pages';
import { weiboShareUrl } from './qr';

export function weiboResponse(rawSlug: string): Response {
  const article = findArticle(rawSlug);
  if (!article) return new Response('Not found', { status: 404 });
  return new Response(null, {
    status: 302,
    headers: {
      location: weiboShareUrl(absoluteUrl(article.url), article.title),
      'cache-control': redirectCacheControl(),
    },
  });
}
