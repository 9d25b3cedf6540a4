import 'server-only';
import type { ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import { getCategories, getPublishedArticles } from '@/lib/content/repository';
import { newsSitemapArticles } from './news-sitemap';
import { sitemapEntries, sitemapFilePaths } from './sitemap-entries';

// Built once per published list: the list is the same object until an article falls due.
const memo = new WeakMap<object, ISitemapField[][]>();

/** The general sitemap split into files of at most SITEMAP_SIZE URLs (50,000 by the protocol). */
export function sitemapChunks(): ISitemapField[][] {
  const published = getPublishedArticles();
  let chunks = memo.get(published);
  if (!chunks) {
    const entries = sitemapEntries(published, getCategories(), siteConfig.url) as ISitemapField[];
    chunks = [];
    for (let start = 0; start < entries.length; start += siteConfig.sitemapSize) {
      chunks.push(entries.slice(start, start + siteConfig.sitemapSize));
    }
    if (chunks.length === 0) chunks.push([]);
    memo.set(published, chunks);
  }
  return chunks;
}

export function sitemapChunkCount(): number {
  return sitemapChunks().length;
}

function hasNews(): boolean {
  return newsSitemapArticles(getPublishedArticles(), now()).length > 0;
}

/** The sitemap index's entries; the news sitemap only while it has articles. */
export function sitemapIndexUrls(): string[] {
  return sitemapFilePaths(sitemapChunks().length, hasNews()).map((path) => absoluteUrl(path));
}

/** What robots.txt lists: the index, and the news sitemap beside it while it has articles. */
export function robotsSitemapUrls(): string[] {
  return [absoluteUrl('/sitemap.xml'), ...(hasNews() ? [absoluteUrl('/news-sitemap.xml')] : [])];
}
