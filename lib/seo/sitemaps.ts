import 'server-only';
import type { ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { getCategories, getPublishedArticles } from '@/lib/content/repository';
import { sitemapEntries } from './sitemap-entries';

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

export function sitemapIndexUrls(chunkCount: number): string[] {
  return [
    ...Array.from({ length: chunkCount }, (_, index) => absoluteUrl(`/sitemaps/${index}.xml`)),
    absoluteUrl('/news-sitemap.xml'),
  ];
}
