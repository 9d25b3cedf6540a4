import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/article-view';
import { Breadcrumb } from '@/components/breadcrumb';
import { PageFrame } from '@/components/page-frame';
import { PreviewBanner } from '@/components/preview-banner';
import { SideLists } from '@/components/side-lists';
import { categoryUrl } from '@/lib/content/rules';
import { previewPage, previewTitle } from '@/lib/pages/preview';
import { previewMetadata } from '@/lib/seo/metadata';

// A draft's signed preview link (docs/adr/022-draft-preview-links.md). The proxy has checked the
// token already and answers every bad link with the site's 404; this page checks again.
type Props = { params: Promise<{ slug: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, token } = await params;
  return previewMetadata((await previewTitle(slug, token)) ?? '页面不存在');
}

export default async function PreviewPage({ params }: Props) {
  const { slug, token } = await params;
  const data = await previewPage(slug, token);
  if (!data) notFound();
  const { article, banner, crumbs, names, hot, latest, url } = data;
  // No view beacon: a preview is not a reading.
  return (
    <PageFrame header={data.header}>
      <div className="page-grid">
        <div className="min-w-0 space-y-4">
          <PreviewBanner {...banner} />
          <div className="px-4 sm:px-0 print:hidden">
            <Breadcrumb items={crumbs} />
          </div>
          <ArticleView
            article={article}
            url={url}
            shareable={false}
            categoryName={names[article.category] ?? article.category}
            categoryHref={categoryUrl(article.category)}
          />
        </div>
        <SideLists hot={hot} latest={latest} />
      </div>
    </PageFrame>
  );
}
