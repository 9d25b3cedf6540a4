import 'server-only';
import { absoluteUrl, siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import {
  getArticle,
  getCategory,
  getCategoryArticles,
  getCategoryNames,
  getPublishedArticles,
} from '@/lib/content/repository';
import { categoryUrl } from '@/lib/content/rules';
import type { ArticleDetail } from '@/lib/content/types';
import { buildNewsSitemap } from './news-sitemap';
import { buildRss } from './rss';

async function details(slugs: string[]): Promise<ArticleDetail[]> {
  const articles = await Promise.all(slugs.map((slug) => getArticle(slug)));
  return articles.filter((article): article is ArticleDetail => Boolean(article));
}

/** The site feed, or a category's (including its subcategories); undefined for an unknown category. */
export async function feedXml(categoryPath?: string): Promise<string | undefined> {
  const category = categoryPath ? getCategory(categoryPath) : undefined;
  if (categoryPath && !category) return undefined;
  const list = category ? getCategoryArticles(category.path) : getPublishedArticles();
  const articles = await details(list.slice(0, siteConfig.feedSize).map((article) => article.slug));
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
  return buildNewsSitemap(getPublishedArticles(), {
    at: now(),
    siteUrl: siteConfig.url,
    publicationName: siteConfig.name,
  });
}

/**
 * next-sitemap's responses set `Content-Type: text/xml`; a header spelled the same way replaces
 * it, where `content-type` would be sent beside it as a second type.
 */
export const XML_CONTENT_TYPE = { 'Content-Type': 'application/xml; charset=utf-8' };

export function xmlResponse(body: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      'content-type': `${contentType}; charset=utf-8`,
      'cache-control': 'public, max-age=300, stale-while-revalidate=600',
    },
  });
}
