import { sitemapFileResponse } from '@/lib/seo/sitemap-files';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^(0|[1-9]\d{0,5})\.xml$/.exec((await params).file);
  return sitemapFileResponse(match ? Number(match[1]) : -1, request);
}
