import { ImageResponse } from 'next/og';
import { OgCard } from '@/components/og-card';
import { siteConfig } from '@/config/site';
import { getArticleSummary, getCategoryNames } from '@/lib/content/repository';
import { formatDate } from '@/lib/format/date';
import { ogCardVersion } from '@/lib/seo/og';
import { cachedCard, coverDataUrl, ogFont, storeCard } from '@/lib/seo/og-cards';

const HEADERS = {
  'content-type': 'image/png',
  'cache-control': 'public, max-age=31536000, immutable',
};

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const slug = (await params).file.replace(/\.png$/, '');
  const article = getArticleSummary(slug);
  if (!article) return new Response('Not Found', { status: 404 });
  const category = getCategoryNames()[article.category] ?? article.category;
  const key = `${article.slug}-${ogCardVersion(article, category)}`;
  const cached = await cachedCard(key);
  if (cached) return new Response(new Uint8Array(cached), { headers: HEADERS });

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
  const png = Buffer.from(await image.arrayBuffer());
  await storeCard(key, png);
  return new Response(new Uint8Array(png), { headers: HEADERS });
}
