import 'server-only';
import { connection } from 'next/server';
import { absoluteUrl, siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import {
  getArticle,
  getCategory,
  getCategoryArticles,
  getCategoryNames,
  getNewestArticles,
  getPublishedSince,
} from '@/lib/content/repository';
import { categoryUrl } from '@/lib/content/rules';
import type { ArticleDetail, CategoryInfo } from '@/lib/content/types';
import { perPublication } from '@/lib/cache/per-publication';
import { hantFeed } from '@/lib/edition/hant';
import { sharedCacheControl } from '@/lib/cache/page-cache';
import { NEWS_MAX_ENTRIES, NEWS_WINDOW_MS, buildNewsSitemap } from './news-sitemap';
import { buildRss } from './rss';

async function details(slugs: string[]): Promise<ArticleDetail[]> {
  const articles = await Promise.all(slugs.map((slug) => getArticle(slug)));
  return articles.filter((article): article is ArticleDetail => Boolean(article));
}

/** The site feed, or a category's (including its subcategories); undefined for an unknown category. */
export function feedXml(categoryPath?: string): Promise<string | undefined> | undefined {
  const category = categoryPath ? getCategory(categoryPath) : undefined;
  if (categoryPath && !category) return undefined;
  return perPublication(`feed:${category?.path ?? ''}`, () => buildFeed(category));
}

/** The site feed of the 繁體 edition (/zh-hant/feed.xml): the same items, converted. */
export function hantFeedXml(): Promise<string> {
  return perPublication('feed:zh-hant', async () =>
    hantFeed((await feedXml()) ?? '', new URL(siteConfig.url).origin),
  );
}

async function buildFeed(category: CategoryInfo | undefined): Promise<string> {
  const list = category
    ? getCategoryArticles(category.path, siteConfig.feedSize)
    : getNewestArticles(siteConfig.feedSize);
  const articles = await details(list.map((article) => article.slug));
  const link = absoluteUrl(category ? categoryUrl(category.path) : '/');
  return buildRss(
    {
      title: category ? `${category.name} - ${siteConfig.name}` : siteConfig.name,
      description: category?.description ?? siteConfig.description,
      siteUrl: siteConfig.url,
      feedUrl: category ? `${link}/feed.xml` : absoluteUrl('/feed.xml'),
      link,
      copyright: `© ${now().getFullYear()} ${siteConfig.copyrightHolder}`,
      image: absoluteUrl(siteConfig.logo),
      language: siteConfig.locale,
    },
    articles,
    getCategoryNames(),
  );
}

/** Undefined while nothing was published in the last 48 hours (see buildNewsSitemap). */
export function newsSitemapXml(): string | undefined {
  const at = now();
  return buildNewsSitemap(getPublishedSince(at.getTime() - NEWS_WINDOW_MS, NEWS_MAX_ENTRIES), {
    at,
    siteUrl: siteConfig.url,
    publicationName: siteConfig.name,
  });
}

/**
 * Feeds, sitemaps and robots.txt, with the pages' lifetime; 404 for what does not exist. They are
 * answered per request from values kept per state of publication (lib/cache/per-publication.ts),
 * never from a copy made at build time: `next build` would otherwise freeze them.
 */
export async function textResponse(
  body: string | ReadableStream<Uint8Array> | undefined,
  contentType: 'application/rss+xml' | 'application/xml' | 'text/plain',
): Promise<Response> {
  await connection();
  if (body === undefined) return new Response('Not Found', { status: 404 });
  return new Response(body, {
    headers: {
      'content-type': `${contentType}; charset=utf-8`,
      'cache-control': sharedCacheControl(),
    },
  });
}
