import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Listing } from '@/components/listing';
import { siteConfig } from '@/config/site';
import { findCategoryPage } from '@/lib/content/pages';
import { categoryUrl } from '@/lib/content/rules';
import {
  getCategories,
  getCategoryArticles,
  getCategoryCrumbs,
  getCategoryNames,
  getChildCategories,
  getLatest,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

// Lists refresh every five minutes, so scheduled articles appear without a rebuild.
export const revalidate = 300;

type Props = { params: Promise<{ path: string[] }> };

export function generateStaticParams() {
  return getCategories().flatMap((category) => {
    // Deeper pages render on their first request (see siteConfig.prerender).
    const pages = Math.min(
      siteConfig.prerender.listPages,
      Math.max(1, Math.ceil(getCategoryArticles(category.path).length / siteConfig.pageSize)),
    );
    const segments = category.path.split('/');
    return Array.from({ length: pages }, (_, index) => ({
      path: index === 0 ? segments : [...segments, 'page', String(index + 1)],
    }));
  });
}

async function resolve(params: Props['params']) {
  return findCategoryPage((await params).path);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
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
  const found = await resolve(params);
  if (!found) notFound();
  const { category, page } = found;
  return (
    <Listing
      title={category.name}
      description={category.description}
      crumbs={getCategoryCrumbs(category.path)}
      articles={page.items}
      total={page.total}
      page={page.page}
      totalPages={page.totalPages}
      hrefFor={(n) => categoryUrl(category.path, n)}
      categoryNames={getCategoryNames()}
      subcategories={getChildCategories(category.path).map((child) => ({
        label: child.name,
        href: categoryUrl(child.path),
      }))}
      hot={await getHot()}
      latest={getLatest(8)}
    />
  );
}
