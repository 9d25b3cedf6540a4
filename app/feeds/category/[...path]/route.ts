import { feedXml, textResponse } from '@/lib/seo/feeds';

// Served at /category/<path>/feed.xml through a rewrite in next.config.mjs.
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return textResponse(await feedXml((await params).path.join('/')), 'application/rss+xml');
}
