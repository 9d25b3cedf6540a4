import { getServerSideSitemap } from 'next-sitemap';
import { XML_CONTENT_TYPE } from '@/lib/seo/feeds';
import { sitemapChunks } from '@/lib/seo/sitemaps';

export const revalidate = 300;

export function generateStaticParams() {
  return sitemapChunks().map((_, index) => ({ file: `${index}.xml` }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^(0|[1-9]\d{0,4})\.xml$/.exec((await params).file);
  const chunk = match ? sitemapChunks()[Number(match[1])] : undefined;
  if (!chunk) return new Response('Not Found', { status: 404 });
  return getServerSideSitemap(chunk, XML_CONTENT_TYPE);
}
