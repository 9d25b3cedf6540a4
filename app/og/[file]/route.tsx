import { ImageResponse } from 'next/og';
import { OgCard } from '@/components/og-card';
import { siteConfig } from '@/config/site';
import { getArticleSummary, getCategoryNames } from '@/lib/content/repository';
import { formatDate } from '@/lib/format/date';
import { ogCardPath, ogCardVersion } from '@/lib/seo/og';
import { cachedCard, coverDataUrl, ogFont, storeCard } from '@/lib/seo/og-cards';

const HEADERS = {
  'content-type': 'image/png',
  'cache-control': 'public, max-age=31536000, immutable',
};

// Only the current version is immutable: any other ?v= (or none) would pin whatever it gets for a
// year, so it is sent on to the current URL instead.
const REDIRECT_CACHE = 'public, max-age=300';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const slug = (await params).file.replace(/\.png$/, '');
  const article = getArticleSummary(slug);
  if (!article) return new Response('Not Found', { status: 404 });
  const category = getCategoryNames()[article.category] ?? article.category;
  const version = ogCardVersion(article, category);
  if (new URL(request.url).searchParams.get('v') !== version) {
    return new Response(null, {
      status: 308,
      headers: { location: ogCardPath(article, category), 'cache-control': REDIRECT_CACHE },
    });
  }
  const key = `${article.slug}-${version}`;
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
