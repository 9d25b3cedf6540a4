import { getCategories } from '@/lib/content/repository';
import { feedXml, xmlResponse } from '@/lib/seo/feeds';

// Served at /category/<path>/feed.xml through a rewrite in next.config.mjs.
export const revalidate = 300;
export const dynamicParams = false;

export function generateStaticParams() {
  return getCategories().map((category) => ({ path: category.path.split('/') }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const xml = await feedXml((await params).path.join('/'));
  if (!xml) return new Response('Not Found', { status: 404 });
  return xmlResponse(xml, 'application/rss+xml');
}
