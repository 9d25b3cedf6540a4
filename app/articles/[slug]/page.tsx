import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/article-list';
import { ArticleView } from '@/components/article-view';
import { Breadcrumb } from '@/components/breadcrumb';
import { SectionHeading } from '@/components/section-heading';
import { JsonLd } from '@/components/json-ld';
import { SideLists } from '@/components/side-lists';
import { ViewBeacon } from '@/components/view-beacon';
import { getViewTotal } from '@/lib/views/service';
import { absoluteUrl, siteConfig } from '@/config/site';
import type { ArticleSummary } from '@/lib/content/types';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { articleMetadata } from '@/lib/seo/metadata';
import { articleImagePath } from '@/lib/seo/og';
import { siteSeo } from '@/lib/seo/site';
import { categoryUrl } from '@/lib/content/rules';
import {
  getArticle,
  getArticleSummary,
  getCategoryCrumbs,
  getCategoryNames,
  getLatest,
  getPublishedArticles,
  getRelated,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';

type Props = { params: Promise<{ slug: string }> };

// The newest articles are prebuilt; older ones and scheduled ones (once due) render on their first
// request. Either way a page is regenerated in the background at most every 30 seconds, so the hot
// list and the read count stay within a minute.
export const revalidate = 30;
export const dynamicParams = true;

export function generateStaticParams() {
  return getPublishedArticles()
    .slice(0, siteConfig.prerender.articles)
    .map((article) => ({ slug: article.slug }));
}

function seoFor(article: ArticleSummary) {
  const section = getCategoryNames()[article.category] ?? article.category;
  return { section, image: absoluteUrl(articleImagePath(article, section)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = getArticleSummary((await params).slug);
  return article ? articleMetadata(siteSeo, article, seoFor(article)) : {};
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const crumbs = getCategoryCrumbs(article.category);
  const names = getCategoryNames();
  const related = getRelated(article);
  const views = await getViewTotal(article.slug);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="min-w-0 space-y-6">
        <JsonLd data={newsArticleJsonLd(article, { site: siteSeo, ...seoFor(article) })} />
        <JsonLd data={breadcrumbJsonLd(crumbs, siteSeo.url)} />
        <div className="px-4 sm:px-0">
          <Breadcrumb items={crumbs} />
        </div>
        <ViewBeacon slug={article.slug} />
        <ArticleView
          article={article}
          views={views}
          categoryName={names[article.category] ?? article.category}
          categoryHref={categoryUrl(article.category)}
        />
        {related.length > 0 && (
          <section
            aria-labelledby="related-heading"
            className="bg-white p-4 sm:p-6"
            data-testid="related"
          >
            <SectionHeading id="related-heading" title="相关阅读" />
            <ArticleList articles={related} categoryNames={names} />
          </section>
        )}
      </div>
      <SideLists hot={await getHot(undefined, article.slug)} latest={getLatest(8, article.slug)} />
    </div>
  );
}
