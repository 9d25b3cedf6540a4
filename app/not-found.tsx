import type { Metadata } from 'next';
import { ArticleList } from '@/components/article-list';
import { PageFrame } from '@/components/page-frame';
import { SearchBox } from '@/components/search-box';
import { SectionHeading } from '@/components/section-heading';
import { notFoundPage } from '@/lib/pages/hot';

export const metadata: Metadata = { title: '页面不存在', robots: { index: false, follow: true } };

// Every unknown URL ends here (proxy.ts sends unknown articles, tags and pages to a path that
// matches no route), so readers and search engines get real HTML with somewhere to go next.
export default async function NotFound() {
  const { latest, names, header } = await notFoundPage();
  return (
    <PageFrame header={header}>
      <div className="space-y-6">
        <div className="bg-white px-4 py-12 text-center">
          <p className="text-6xl font-black text-brand">404</p>
          <h1 className="mt-4 text-2xl font-bold">抱歉，您访问的页面不存在</h1>
          <p className="mt-2 text-muted">文章可能已删除或地址有误。可以搜索，或看看最新文章。</p>
          <div className="mx-auto mt-6 flex max-w-sm justify-center">
            <SearchBox id="not-found-search" name="搜索本站" label="搜索文章" />
          </div>
          <p className="mt-6">
            <a href="/" className="rounded bg-brand px-5 py-2 text-white hover:bg-brand-dark">
              返回首页
            </a>
          </p>
        </div>
        <section aria-labelledby="not-found-latest" className="bg-white p-4 sm:p-6">
          <SectionHeading id="not-found-latest" title="最新文章" />
          <ArticleList articles={latest} categoryNames={names} />
        </section>
      </div>
    </PageFrame>
  );
}
