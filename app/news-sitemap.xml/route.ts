import { newsSitemapXml, textResponse } from '@/lib/seo/feeds';

// Nothing published in the last 48 hours: a 404, and not listed anywhere (lib/seo/sitemaps.ts),
// rather than an invalid empty file.
export function GET() {
  return textResponse(newsSitemapXml(), 'application/xml');
}
