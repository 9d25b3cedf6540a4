import 'server-only';
// What each dynamic URL of the site resolves to. The route files and the proxy (which turns an
// unknown URL into an uncached 404 before it reaches a cached route) ask the same questions here.
import { siteConfig } from '@/config/site';
import { splitPagedSegments, type Page } from '@/lib/pagination';
import { decodeSegment, segmentCandidates } from '@/lib/url';
import { getArticleSummary, getCategory, getCategoryPage, getTagPage } from './repository';
import type { ArticleSummary, CategoryInfo } from './types';

export type CategoryPage = { category: CategoryInfo; page: Page<ArticleSummary> };
export type TagPage = { tag: string; page: Page<ArticleSummary> };

/** /category/<path>[/page/N]: a known category and a page within its range. */
export function findCategoryPage(segments: string[]): CategoryPage | undefined {
  const split = splitPagedSegments(segments);
  const category = split && getCategory(split.path.join('/'));
  if (!split || !category) return undefined;
  const page = getCategoryPage(category.path, split.page, siteConfig.pageSize);
  return page ? { category, page } : undefined;
}

/**
 * /tags/<tag>[/page/N]: a tag that has published articles, and a page within its range. `tag` is
 * decoded once, by the caller: a tag may hold a `%` (50%增长), which a second decoding refuses.
 */
export function findTagPage(tag: string, pageSegments: string[] = []): TagPage | undefined {
  const split = splitPagedSegments(pageSegments);
  if (!split || split.path.length > 0) return undefined;
  const page = getTagPage(tag.normalize('NFC'), split.page, siteConfig.pageSize);
  return page && page.total > 0 ? { tag: tag.normalize('NFC'), page } : undefined;
}

/**
 * The tag page for the route's parameter, which Next hands over decoded (on demand) or still
 * percent-encoded (prerendered): as it came first, then decoded.
 */
export function findTagPageByParam(param: string, pageSegments: string[] = []): TagPage | undefined {
  for (const tag of segmentCandidates(param)) {
    const found = findTagPage(tag, pageSegments);
    if (found) return found;
  }
  return undefined;
}

/** /articles/<slug>: a published article (in development, drafts and scheduled ones too). */
export function findArticle(rawSlug: string): ArticleSummary | undefined {
  const slug = decodeSegment(rawSlug);
  return slug ? getArticleSummary(slug) : undefined;
}
