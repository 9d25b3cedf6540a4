import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/article-list';
import { ArticlePager } from '@/components/article-pager';
import { ArticleView } from '@/components/article-view';
import { Breadcrumb } from '@/components/breadcrumb';
import { JsonLd } from '@/components/json-ld';
import { PageFrame } from '@/components/page-frame';
import { SectionHeading } from '@/components/section-heading';
import { SideLists } from '@/components/side-lists';
import { findArticle } from '@/lib/content/pages';
import { categoryUrl } from '@/lib/content/rules';
import { articlePage, articleSeo, prerenderedArticleSlugs } from '@/lib/pages/article';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { articleMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

type Props = { params: Promise<{ slug: string }> };

export const generateStaticParams = prerenderedArticleSlugs;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = findArticle((await params).slug);
  return article ? articleMetadata(siteSeo, article, articleSeo(article)) : {};
}

export default async function ArticlePage({ params }: Props) {
  const data = await articlePage((await params).slug);
  if (!data) notFound();
  const { article, crumbs, names, related, views, hot, latest, seo, url, viewUrl, neighbours } =
    data;
  return (
    <PageFrame header={data.header}>
      <div className="page-grid">
        <div className="min-w-0 space-y-4">
          <JsonLd data={newsArticleJsonLd(article, { site: siteSeo, ...seo })} />
          <JsonLd data={breadcrumbJsonLd(crumbs, siteSeo.url)} />
          <div className="px-4 sm:px-0 print:hidden">
            <Breadcrumb items={crumbs} />
          </div>
          <ArticleView
            article={article}
            views={views}
            url={url}
            viewUrl={viewUrl}
            categoryName={names[article.category] ?? article.category}
            categoryHref={categoryUrl(article.category)}
          />
          <ArticlePager {...neighbours} channel={crumbs[1]?.label ?? ''} />
          {related.length > 0 && (
            <section
              aria-labelledby="related-heading"
              className="related-box"
              data-testid="related"
            >
              <SectionHeading id="related-heading" title="相关阅读" />
              <ArticleList articles={related} categoryNames={names} evenRows />
            </section>
          )}
        </div>
        <SideLists hot={hot} latest={latest} />
      </div>
    </PageFrame>
  );
}
