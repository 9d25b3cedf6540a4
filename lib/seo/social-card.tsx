import 'server-only';
// /og/<slug>.png?v=<version>: the social card of an article, rendered once per version and then
// served from the card store (lib/seo/og-cards.ts).
import { ImageResponse } from 'next/og';
import { OgCard } from '@/components/og-card';
import { siteConfig } from '@/config/site';
import { immutableCacheControl, redirectCacheControl } from '@/lib/cache/page-cache';
import { findArticle } from '@/lib/content/pages';
import { getCategoryNames } from '@/lib/content/repository';
import { formatDate } from '@/lib/format/date';
import { ogCardPath, ogCardVersion } from './og';
import { card, coverDataUrl, ogFont } from './og-cards';

export async function socialCardResponse(file: string, version: string | null): Promise<Response> {
  const article = findArticle(file.replace(/\.png$/, ''));
  if (!article) return new Response('Not Found', { status: 404 });
  const category = getCategoryNames()[article.category] ?? article.category;
  const current = ogCardVersion(article, category);
  // Only the current version is immutable: any other ?v= (or none) would pin whatever it gets
  // for a year, so it is sent on to the current URL instead.
  if (version !== current) {
    return new Response(null, {
      status: 308,
      headers: { location: ogCardPath(article, category), 'cache-control': redirectCacheControl() },
    });
  }
  const headers = { 'content-type': 'image/png', 'cache-control': immutableCacheControl() };
  const png = await card(`${article.slug}-${current}`, async () => {
    const image = new ImageResponse(
      <OgCard
        title={article.title}
        siteName={siteConfig.name}
        slogan={siteConfig.slogan}
        category={category}
        date={formatDate(article.date)}
        cover={await coverDataUrl(article.cover)}
        colors={siteConfig.colors}
      />,
      { width: 1200, height: 630, fonts: [{ name: 'OG Sans', data: await ogFont(), weight: 700 }] },
    );
    return Buffer.from(await image.arrayBuffer());
  });
  return new Response(new Uint8Array(png), { headers });
}
