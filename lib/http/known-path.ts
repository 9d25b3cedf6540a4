import 'server-only';
// Whether a URL of one of the site's dynamic routes names something that exists. The proxy asks
// before routing, so that an unknown article, tag, category, list page, social card or sitemap
// never reaches a cached route: each distinct bad URL would otherwise be rendered and stored.
import { sitemapChunkCount } from '@/lib/seo/sitemaps';
import { findArticle, findCategoryPage, findTagPage } from '@/lib/content/pages';
import { getCategory, getSitePages } from '@/lib/content/repository';
import { findPreviewPath } from '@/lib/preview/links';
import { tagUrl } from '@/lib/content/rules';
import { HANT_PREFIX, hasHantEdition } from '@/lib/edition/edition';
import { decodeSegment } from '@/lib/url';

/** Path segments after the prefix, decoded; undefined when one is malformed. */
function segments(pathname: string, prefix: string): string[] | undefined {
  const parts = pathname.slice(prefix.length).split('/').filter(Boolean);
  const decoded = parts.map(decodeSegment);
  return decoded.every((part): part is string => part !== null) ? decoded : undefined;
}

/** False for a URL of a dynamic route that names nothing; true for every other URL. */
export function isKnownPath(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // The 繁體 edition (app/zh-hant) has the pages, not the files: known when its 简体 page is.
  if (path === HANT_PREFIX || path.startsWith(`${HANT_PREFIX}/`)) {
    const hans = path.slice(HANT_PREFIX.length) || '/';
    return hasHantEdition(hans) && isKnownPath(hans);
  }
  if (path.startsWith('/articles/')) {
    const parts = segments(path, '/articles/');
    // The article, its QR code or its Weibo share link (app/articles/[slug]/…).
    const known =
      parts?.length === 1 ||
      (parts?.length === 2 && ['qr.svg', 'weibo'].includes(parts[1] as string));
    return Boolean(known && findArticle(parts?.[0] as string));
  }
  if (path.startsWith('/category/')) {
    const parts = segments(path, '/category/');
    if (!parts?.length) return false;
    if (parts.at(-1) === 'feed.xml') return Boolean(getCategory(parts.slice(0, -1).join('/')));
    return Boolean(findCategoryPage(parts));
  }
  if (path.startsWith('/tags/')) {
    const parts = segments(path, '/tags/');
    // The segments were decoded once here: findTagPage must not decode them again.
    return Boolean(parts?.length && findTagPage(parts[0] as string, parts.slice(1)));
  }
  if (path.startsWith('/pages/')) {
    const parts = segments(path, '/pages/');
    return parts?.length === 1 && getSitePages().some((page) => page.slug === parts[0]);
  }
  if (path.startsWith('/og/')) {
    const parts = segments(path, '/og/');
    const file = parts?.length === 1 ? /^(.+)\.png$/.exec(parts[0] as string) : null;
    return Boolean(file && findArticle(file[1] as string));
  }
  if (path.startsWith('/preview/')) {
    // A draft's preview: only with a valid, unexpired token for an article that exists.
    return Boolean(findPreviewPath(path));
  }
  if (path.startsWith('/sitemaps/')) {
    const match = /^\/sitemaps\/(0|[1-9]\d{0,5})\.xml$/.exec(path);
    return Boolean(match && Number(match[1]) < sitemapChunkCount());
  }
  return true;
}

/**
 * Where a URL that names a tag holding a `/` typed or pasted unescaped (/tags/电力/能源) should
 * go; undefined for everything else, which stays a 404. (A bare `%`, as in /tags/50%增长, is
 * escaped by the request guard before Next sees the URL: lib/http/request-guard.ts.)
 */
export function canonicalTagPath(pathname: string): string | undefined {
  if (!pathname.startsWith('/tags/')) return undefined;
  const parts = segments(pathname.replace(/\/+$/, ''), '/tags/');
  const found = parts && parts.length > 1 ? findTagPage(parts.join('/')) : undefined;
  return found && tagUrl(found.tag);
}
