import { ArticleList } from '@/components/article-list';
import { CompactList } from '@/components/compact-list';
import { Headlines } from '@/components/headlines';
import { SectionHeading } from '@/components/section-heading';
import { SideLists } from '@/components/side-lists';
import type { Metadata } from 'next';
import { JsonLd } from '@/components/json-ld';
import { siteConfig } from '@/config/site';
import { organizationJsonLd, websiteJsonLd } from '@/lib/seo/json-ld';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';
import { categoryUrl } from '@/lib/content/rules';
import {
  getCategoryArticles,
  getCategoryNames,
  getHeadlines,
  getLatest,
  getTopCategories,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';

// Regenerated in the background at most every 30 seconds: the hot list follows readers within a
// minute, and scheduled articles appear without a rebuild.
export const revalidate = 30;

export const metadata: Metadata = pageMetadata(siteSeo, {
  title: `${siteConfig.name} - ${siteConfig.slogan}`,
  absoluteTitle: true,
  description: siteConfig.description,
  path: '/',
});

export default async function HomePage() {
  const headlines = getHeadlines(3);
  const shown = new Set(headlines.map((article) => article.slug));
  const latest = getLatest(12)
    .filter((article) => !shown.has(article.slug))
    .slice(0, 10);
  const names = getCategoryNames();
  const blocks = getTopCategories()
    .map((category) => ({ category, articles: getCategoryArticles(category.path).slice(0, 5) }))
    .filter((block) => block.articles.length > 0);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <JsonLd data={websiteJsonLd(siteSeo)} />
      <JsonLd data={organizationJsonLd(siteSeo)} />
      <h1 className="sr-only">
        {siteConfig.name}：{siteConfig.slogan}
      </h1>
      <div className="min-w-0 space-y-6">
        <Headlines articles={headlines} categoryNames={names} />
        <section aria-labelledby="home-latest" className="bg-white p-4 sm:p-6">
          <SectionHeading id="home-latest" title="最新文章" />
          <ArticleList articles={latest} categoryNames={names} />
        </section>
        <div className="grid gap-6 md:grid-cols-2">
          {blocks.map(({ category, articles }) => (
            <section
              key={category.path}
              aria-labelledby={`cat-${category.path}`}
              className="bg-white p-4"
            >
              <SectionHeading
                id={`cat-${category.path}`}
                title={category.name}
                href={categoryUrl(category.path)}
              />
              <CompactList label={category.name} items={articles.map((article) => ({ article }))} />
            </section>
          ))}
        </div>
      </div>
      {/* No second 最新文章 list beside the one above: one landmark of that name per page. */}
      <SideLists hot={await getHot()} />
    </div>
  );
}
