// Pure: the Google News sitemap (articles of the last 48 hours, at most 1,000).
import type { ArticleSummary } from '@/lib/content/types';
import { toShanghaiIso } from '@/lib/format/date';
import { xmlText } from './xml-text';

export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX_ENTRIES = 1000;

function escapeXml(text: string): string {
  return xmlText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Articles published within the window (inclusive of exactly 48 hours), newest first. */
export function newsSitemapArticles(
  publishedNewestFirst: ArticleSummary[],
  at: Date,
): ArticleSummary[] {
  const from = at.getTime() - NEWS_WINDOW_MS;
  return publishedNewestFirst
    .filter((article) => {
      const published = Date.parse(article.date);
      return published >= from && published <= at.getTime();
    })
    .slice(0, NEWS_MAX_ENTRIES);
}

/**
 * The sitemap, or undefined when nothing was published in the window. Google News reads only
 * articles of the last two days ("Include URLs for articles that were published in the last two
 * days", https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap), and
 * the sitemap schema requires at least one <url>: an empty <urlset> is invalid, so the file is
 * then neither served nor listed in the sitemap index or robots.txt.
 */
export function buildNewsSitemap(
  publishedNewestFirst: ArticleSummary[],
  options: { at: Date; siteUrl: string; publicationName: string },
): string | undefined {
  const entries = newsSitemapArticles(publishedNewestFirst, options.at).map((article) =>
    [
      '<url>',
      `<loc>${escapeXml(new URL(article.url, options.siteUrl).toString())}</loc>`,
      '<news:news>',
      '<news:publication>',
      `<news:name>${escapeXml(options.publicationName)}</news:name>`,
      '<news:language>zh-cn</news:language>',
      '</news:publication>',
      `<news:publication_date>${toShanghaiIso(article.date)}</news:publication_date>`,
      `<news:title>${escapeXml(article.title)}</news:title>`,
      '</news:news>',
      '</url>',
    ].join(''),
  );
  if (entries.length === 0) return undefined;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}
