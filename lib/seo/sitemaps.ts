import 'server-only';
import { SitemapBuilder, type ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { perPublication } from '@/lib/cache/per-publication';
import { now } from '@/lib/clock';
import { getCategories, getPublishedArticles } from '@/lib/content/repository';
import { newsSitemapArticles } from './news-sitemap';
import { sitemapEntries, sitemapFilePaths, withEditions } from './sitemap-entries';

/** The general sitemap split into files of at most SITEMAP_SIZE URLs (50,000 by the protocol). */
export function sitemapChunks(): ISitemapField[][] {
  return perPublication('sitemap-chunks', () => {
    const entries = withEditions(
      sitemapEntries(getPublishedArticles(), getCategories(), siteConfig.url),
      siteConfig.url,
    ) as ISitemapField[];
    const chunks: ISitemapField[][] = [];
    for (let start = 0; start < entries.length; start += siteConfig.sitemapSize) {
      chunks.push(entries.slice(start, start + siteConfig.sitemapSize));
    }
    if (chunks.length === 0) chunks.push([]);
    return chunks;
  });
}

/** One general sitemap file as XML; undefined past the last. */
export function sitemapXml(index: number): string | undefined {
  const chunk = sitemapChunks()[index];
  if (!chunk) return undefined;
  return perPublication(`sitemap-${index}`, () => new SitemapBuilder().buildSitemapXml(chunk));
}

/** The sitemap index as XML. */
export function sitemapIndexXml(): string {
  return new SitemapBuilder().buildSitemapIndexXml(sitemapIndexUrls());
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

/** robots.txt: everything but the API, the index, and the news sitemap while it has articles. */
export function robotsTxt(): string {
  const sitemaps = [
    absoluteUrl('/sitemap.xml'),
    ...(hasNews() ? [absoluteUrl('/news-sitemap.xml')] : []),
  ];
  return [
    'User-Agent: *',
    'Allow: /',
    'Disallow: /api/',
    '',
    ...sitemaps.map((url) => `Sitemap: ${url}`),
    '',
  ].join('\n');
}
