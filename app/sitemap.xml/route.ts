import { textResponse } from '@/lib/seo/feeds';
import { sitemapIndexXml } from '@/lib/seo/sitemaps';

// Served from the content rather than written at build time, so that a scheduled article is
// listed as soon as it is due, without a rebuild.
export function GET() {
  return textResponse(sitemapIndexXml(), 'application/xml');
}
