import 'server-only';
// An article page's data, and how long it may be served.
import { absoluteUrl, siteConfig } from '@/config/site';
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import { findArticle } from '@/lib/content/pages';
import {
  getArticle,
  getCategoryCrumbs,
  channelHref,
  getCategoryNames,
  getLatest,
  getNeighbours,
  getNewestArticles,
  getRelated,
} from '@/lib/content/repository';
import type { ArticleSummary } from '@/lib/content/types';
import { getHot } from '@/lib/hot/hot';
import { articleImagePath } from '@/lib/seo/og';
import { responsiveBody } from '@/lib/images/picture';
import { getViewTotal } from '@/lib/views/service';
import { header } from './chrome';

/** The newest articles, which `next build` renders ahead (docs/adr/005-prerender-budget.md). */
export function prerenderedArticleSlugs(): { slug: string }[] {
  return getNewestArticles(siteConfig.prerender.articles).map((article) => ({
    slug: article.slug,
  }));
}

/** The section name and share image for metadata and structured data. */
export function articleSeo(article: ArticleSummary) {
  const section = getCategoryNames()[article.category] ?? article.category;
  // The cover's own size, or the generated card's.
  const size =
    article.cover && article.coverWidth && article.coverHeight
      ? { width: article.coverWidth, height: article.coverHeight }
      : { width: 1200, height: 630 };
  return { section, image: absoluteUrl(articleImagePath(article, section)), imageSize: size };
}

export async function articlePage(slug: string) {
  const summary = findArticle(slug);
  if (!summary) return undefined;
  await cachePage([cacheTags.article(summary.slug), cacheTags.lists, cacheTags.hot]);
  const article = await getArticle(summary.slug);
  if (!article) return undefined;
  return {
    article: { ...article, html: responsiveBody(article.html) },
    url: absoluteUrl(article.url),
    // Where the page script counts the reader's view (app/api/views, lib/render/page-script.mjs).
    viewUrl: `/api/views/${encodeURIComponent(article.slug)}`,
    neighbours: getNeighbours(article),
    header: header(channelHref(article.category), article.url),
    crumbs: getCategoryCrumbs(article.category),
    names: getCategoryNames(),
    related: getRelated(article),
    views: await getViewTotal(article.slug),
    hot: await getHot(undefined, article.slug),
    latest: getLatest(8, article.slug),
    seo: articleSeo(article),
  };
}
