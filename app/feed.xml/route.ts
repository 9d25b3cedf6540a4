import { feedXml, xmlResponse } from '@/lib/seo/feeds';

// Regenerated at most every five minutes, so scheduled articles appear without a rebuild.
export const dynamic = 'force-static';
export const revalidate = 300;

export async function GET() {
  return xmlResponse((await feedXml()) ?? '', 'application/rss+xml');
}
