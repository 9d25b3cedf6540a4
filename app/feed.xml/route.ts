import { feedXml, textResponse } from '@/lib/seo/feeds';

export async function GET() {
  return textResponse(await feedXml(), 'application/rss+xml');
}
