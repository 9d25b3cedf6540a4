import { newsSitemapXml, xmlResponse } from '@/lib/seo/feeds';

// Google News reads only the last 48 hours: keep it fresh between deploys.
export const dynamic = 'force-static';
export const revalidate = 300;

export function GET() {
  const xml = newsSitemapXml();
  // Nothing published in the last 48 hours: not listed anywhere (lib/seo/sitemaps.ts) and no
  // invalid empty file.
  if (!xml) return new Response('Not Found', { status: 404 });
  return xmlResponse(xml, 'application/xml');
}
