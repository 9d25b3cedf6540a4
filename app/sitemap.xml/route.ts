import { getServerSideSitemapIndex } from 'next-sitemap';
import { sitemapChunks, sitemapIndexUrls } from '@/lib/seo/sitemaps';

// Served from the content rather than written at build time, so that a scheduled article is
// listed within five minutes of its time without a rebuild.
export const dynamic = 'force-static';
export const revalidate = 300;

export function GET() {
  return getServerSideSitemapIndex(sitemapIndexUrls(sitemapChunks().length), {
    'content-type': 'application/xml; charset=utf-8',
  });
}
