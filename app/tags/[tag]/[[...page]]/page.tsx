import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Listing } from '@/components/listing';
import { PageFrame } from '@/components/page-frame';
import { findTagPageByParam } from '@/lib/content/pages';
import { tagUrl } from '@/lib/content/rules';
import { prerenderedTagPaths, tagListing } from '@/lib/pages/listing';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

type Props = { params: Promise<{ tag: string; page?: string[] }> };

export const generateStaticParams = prerenderedTagPaths;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag: raw, page: segments } = await params;
  const found = findTagPageByParam(raw, segments);
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
  const { tag: raw, page: segments } = await params;
  const data = await tagListing(raw, segments);
  if (!data) notFound();
  const { tag, page } = data;
  return (
    <PageFrame header={data.header}>
      <Listing
        title={`标签：${tag}`}
        crumbs={data.crumbs}
        articles={page.items}
        total={page.total}
        page={page.page}
        totalPages={page.totalPages}
        hrefFor={data.hrefFor}
        categoryNames={data.names}
        hot={data.hot}
        latest={data.latest}
      />
    </PageFrame>
  );
}
