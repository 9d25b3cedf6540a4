import 'server-only';
import type { ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { getCategories, getPublishedArticles } from '@/lib/content/repository';
import { sitemapEntries } from './sitemap-entries';

/** The general sitemap split into files of at most SITEMAP_SIZE URLs (50,000 by the protocol). */
export function sitemapChunks(): ISitemapField[][] {
  const entries = sitemapEntries(
    getPublishedArticles(),
    getCategories(),
    siteConfig.url,
  ) as ISitemapField[];
  const chunks: ISitemapField[][] = [];
  for (let start = 0; start < entries.length; start += siteConfig.sitemapSize) {
    chunks.push(entries.slice(start, start + siteConfig.sitemapSize));
  }
  return chunks.length > 0 ? chunks : [[]];
}

export function sitemapIndexUrls(chunkCount: number): string[] {
  return [
    ...Array.from({ length: chunkCount }, (_, index) => absoluteUrl(`/sitemaps/${index}.xml`)),
    absoluteUrl('/news-sitemap.xml'),
  ];
}
