import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Listing } from '@/components/listing';
import { PageFrame } from '@/components/page-frame';
import { findCategoryPage } from '@/lib/content/pages';
import { categoryUrl } from '@/lib/content/rules';
import { categoryListing, prerenderedCategoryPaths } from '@/lib/pages/listing';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

type Props = { params: Promise<{ path: string[] }> };

export const generateStaticParams = prerenderedCategoryPaths;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = findCategoryPage((await params).path);
  if (!found) return {};
  const { category, page } = found;
  return pageMetadata(siteSeo, {
    title: page.page > 1 ? `${category.name}（第${page.page}页）` : category.name,
    description: category.description,
    path: categoryUrl(category.path, page.page),
    noindex: page.page > 1,
    feed: { title: `${category.name} RSS`, path: `${categoryUrl(category.path)}/feed.xml` },
  });
}

export default async function CategoryPage({ params }: Props) {
  const data = await categoryListing((await params).path);
  if (!data) notFound();
  const { category, page } = data;
  return (
    <PageFrame header={data.header}>
      <Listing
        title={category.name}
        description={category.description}
        crumbs={data.crumbs}
        articles={page.items}
        total={page.total}
        page={page.page}
        totalPages={page.totalPages}
        hrefFor={data.hrefFor}
        categoryNames={data.names}
        subcategories={data.subcategories}
        hot={data.hot}
        latest={data.latest}
      />
    </PageFrame>
  );
}
