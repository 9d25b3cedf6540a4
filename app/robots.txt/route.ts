import { textResponse } from '@/lib/seo/feeds';
import { robotsTxt } from '@/lib/seo/sitemaps';

// A route rather than app/robots.ts: the news sitemap is listed only while it has articles.
export function GET() {
  return textResponse(robotsTxt(), 'text/plain');
}
