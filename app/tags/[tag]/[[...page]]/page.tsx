import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Listing } from '@/components/listing';
import { siteConfig } from '@/config/site';
import { findTagPage } from '@/lib/content/pages';
import { tagUrl } from '@/lib/content/rules';
import { getAllTags, getCategoryNames, getLatest } from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

// Lists refresh every five minutes, so scheduled articles appear without a rebuild.
export const revalidate = 300;

type Props = { params: Promise<{ tag: string; page?: string[] }> };

export function generateStaticParams() {
  return getAllTags().flatMap(({ tag, count }) =>
    // Deeper pages render on their first request (see siteConfig.prerender).
    Array.from(
      { length: Math.min(siteConfig.prerender.listPages, Math.ceil(count / siteConfig.pageSize)) },
      (_, index) => ({
        tag,
        page: index === 0 ? [] : ['page', String(index + 1)],
      }),
    ),
  );
}

async function resolve(params: Props['params']) {
  const { tag, page } = await params;
  return findTagPage(tag, page);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (!found) return {};
  const { tag, page } = found;
  return pageMetadata(siteSeo, {
    title: page.page > 1 ? `${tag}（第${page.page}页）` : tag,
    description: `标签“${tag}”下的全部文章`,
    path: tagUrl(tag, page.page),
    noindex: page.page > 1,
  });
}

export default async function TagPage({ params }: Props) {
  const found = await resolve(params);
  if (!found) notFound();
  const { tag, page } = found;
  return (
    <Listing
      title={`标签：${tag}`}
      crumbs={[
        { label: '首页', href: '/' },
        { label: tag, href: tagUrl(tag) },
      ]}
      articles={page.items}
      total={page.total}
      page={page.page}
      totalPages={page.totalPages}
      hrefFor={(n) => tagUrl(tag, n)}
      categoryNames={getCategoryNames()}
      hot={await getHot()}
      latest={getLatest(8)}
    />
  );
}
