import { textResponse } from '@/lib/seo/feeds';
import { sitemapStream } from '@/lib/seo/sitemaps';

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^(0|[1-9]\d{0,5})\.xml$/.exec((await params).file);
  return textResponse(match ? sitemapStream(Number(match[1])) : undefined, 'application/xml');
}
