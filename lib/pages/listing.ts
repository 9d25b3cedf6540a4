import 'server-only';
// Category and tag pages: their data, and how long they may be served.
import { siteConfig } from '@/config/site';
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import { findCategoryPage, findTagPageByParam } from '@/lib/content/pages';
import {
  getAllTags,
  channelHref,
  getCategories,
  getCategoryCount,
  getCategoryCrumbs,
  getCategoryNames,
  getChildCategories,
  getLatest,
  getNewestArticles,
} from '@/lib/content/repository';
import { categoryUrl, tagUrl } from '@/lib/content/rules';
import { getHot } from '@/lib/hot/hot';
import type { ArticleSummary } from '@/lib/content/types';
import { header } from './chrome';

/** The first pages of every category, which `next build` renders ahead. */
export function prerenderedCategoryPaths(): { path: string[] }[] {
  return getCategories().flatMap((category) => {
    const pages = Math.min(
      siteConfig.prerender.listPages,
      Math.max(1, Math.ceil(getCategoryCount(category.path) / siteConfig.pageSize)),
    );
    const segments = category.path.split('/');
    return Array.from({ length: pages }, (_, index) => ({
      path: index === 0 ? segments : [...segments, 'page', String(index + 1)],
    }));
  });
}

/**
 * The first pages of the tags the prerendered articles carry, which `next build` renders ahead.
 * Not every tag: an archive accumulates thousands, and a build rendering each of them would grow
 * with the archive again (docs/adr/015-prerender-a-sample.md).
 */
export function prerenderedTagPaths(): { tag: string; page: string[] }[] {
  const linked = new Set(
    getNewestArticles(siteConfig.prerender.articles).flatMap((article) => article.tags),
  );
  return getAllTags()
    .filter(({ tag }) => linked.has(tag))
    .flatMap(({ tag, count }) =>
      Array.from(
        {
          length: Math.min(siteConfig.prerender.listPages, Math.ceil(count / siteConfig.pageSize)),
        },
        (_, index) => ({ tag, page: index === 0 ? [] : ['page', String(index + 1)] }),
      ),
    );
}

/** 热门文章 and 最新文章 beside a list, leaving out what the list itself shows. */
async function sidebar(shown: ArticleSummary[]) {
  const slugs = new Set(shown.map((article) => article.slug));
  return {
    hot: await getHot(),
    latest: getLatest(8 + slugs.size)
      .filter((article) => !slugs.has(article.slug))
      .slice(0, 8),
    names: getCategoryNames(),
  };
}

/** A channel's sub-channels; on a sub-channel's page, its siblings, the current one marked. */
function subChannels(path: string) {
  const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path;
  return getChildCategories(parent).map((child) => ({
    label: child.name,
    href: categoryUrl(child.path),
    ...(child.path === path ? { current: true } : {}),
  }));
}

export async function categoryListing(segments: string[]) {
  const found = findCategoryPage(segments);
  if (!found) return undefined;
  const { category } = found;
  await cachePage([cacheTags.category(category.path), cacheTags.lists, cacheTags.hot]);
  return {
    ...found,
    crumbs: getCategoryCrumbs(category.path),
    hrefFor: (n: number) => categoryUrl(category.path, n),
    subcategories: subChannels(category.path),
    header: header(channelHref(category.path), categoryUrl(category.path, found.page.page)),
    ...(await sidebar(found.page.items)),
  };
}

export async function tagListing(param: string, pageSegments?: string[]) {
  const found = findTagPageByParam(param, pageSegments);
  if (!found) return undefined;
  const { tag } = found;
  await cachePage([cacheTags.tag(tag), cacheTags.lists, cacheTags.hot]);
  return {
    ...found,
    crumbs: [
      { label: '首页', href: '/' },
      { label: '标签', href: '/tags' },
      { label: tag, href: tagUrl(tag) },
    ],
    hrefFor: (n: number) => tagUrl(tag, n),
    header: header(undefined, tagUrl(tag, found.page.page)),
    ...(await sidebar(found.page.items)),
  };
}

/** /tags: every tag with its number of articles, most used first. */
export async function tagIndex() {
  await cachePage([cacheTags.lists]);
  return { tags: getAllTags(), header: header(undefined, '/tags') };
}
