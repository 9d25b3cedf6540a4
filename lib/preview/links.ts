import 'server-only';
// Which preview URL opens which article (docs/adr/022-draft-preview-links.md). The proxy asks
// before routing, so that a wrong, expired or forged link gets the site's one 404 page and never
// reaches the preview route; the route asks again and renders only what this allows.
import { now } from '@/lib/clock';
import { getPreviewSummary } from '@/lib/content/repository';
import type { ArticleSummary } from '@/lib/content/types';
import { env } from '@/lib/env';
import { decodeSegment } from '@/lib/url';
import { verifyPreview } from './token';

export type Preview = { article: ArticleSummary; expiresAt: Date };

/**
 * The article a preview link opens and when the link expires; undefined when previews are off
 * (no PREVIEW_SECRET), or the token is not valid for this slug now, or there is no such article.
 * The signature is checked before any lookup: an unsigned request costs one HMAC.
 */
export function findPreview(rawSlug: string, token: string): Preview | undefined {
  const secret = env.previewSecret;
  const slug = decodeSegment(rawSlug);
  if (!secret || !slug) return undefined;
  const expiresAt = verifyPreview(secret, slug, token, now());
  const article = expiresAt && getPreviewSummary(slug);
  return article && expiresAt ? { article, expiresAt } : undefined;
}

/** /preview/<slug>/<token> → findPreview; anything else under /preview/ → undefined. */
export function findPreviewPath(pathname: string): Preview | undefined {
  const match = /^\/preview\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  return match ? findPreview(match[1] as string, match[2] as string) : undefined;
}

/**
 * What every preview response carries besides its page: kept out of search engines, out of every
 * cache between the server and the editor (nginx, a CDN, a company proxy), and its URL, which
 * holds the token, out of the Referer of any link followed from it.
 */
export const PREVIEW_HEADERS: Record<string, string> = {
  'cache-control': 'private, no-store',
  'x-robots-tag': 'noindex, nofollow, noarchive',
  'referrer-policy': 'no-referrer',
};
