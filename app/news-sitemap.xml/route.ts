import { newsSitemapXml, xmlResponse } from '@/lib/seo/feeds';

// Google News reads only the last 48 hours: keep it fresh between deploys.
export const dynamic = 'force-static';
export const revalidate = 300;

export function GET() {
  return xmlResponse(newsSitemapXml(), 'application/xml');
}
