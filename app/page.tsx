import type { Metadata } from 'next';
import { ArticleList } from '@/components/article-list';
import { CompactList } from '@/components/compact-list';
import { Headlines } from '@/components/headlines';
import { JsonLd } from '@/components/json-ld';
import { SectionHeading } from '@/components/section-heading';
import { SideLists } from '@/components/side-lists';
import { siteConfig } from '@/config/site';
import { categoryUrl } from '@/lib/content/rules';
import { homePage } from '@/lib/pages/home';
import { organizationJsonLd, websiteJsonLd } from '@/lib/seo/json-ld';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

export const metadata: Metadata = pageMetadata(siteSeo, {
  title: `${siteConfig.name} - ${siteConfig.slogan}`,
  absoluteTitle: true,
  description: siteConfig.description,
  path: '/',
});

export default async function HomePage() {
  const { headlines, latest, blocks, names, hot } = await homePage();
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
      <SideLists hot={hot} />
    </div>
  );
}
