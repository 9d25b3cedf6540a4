import { getServerSideSitemapIndex } from 'next-sitemap';
import { sitemapIndexUrls } from '@/lib/seo/sitemaps';
import { XML_CONTENT_TYPE } from '@/lib/seo/feeds';

// Served from the content rather than written at build time, so that a scheduled article is
// listed within five minutes of its time without a rebuild.
export const dynamic = 'force-static';
export const revalidate = 300;

export function GET() {
  return getServerSideSitemapIndex(sitemapIndexUrls(), XML_CONTENT_TYPE);
}
