import { hantFeedXml, textResponse } from '@/lib/seo/feeds';

export async function GET() {
  return textResponse(await hantFeedXml(), 'application/rss+xml');
}
