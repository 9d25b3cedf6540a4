import type { ReactNode } from 'react';
import type { ArticleSummary } from '@/lib/content/types';
import type { HotItem } from '@/lib/hot/ranking';
import { ArticleList } from './article-list';
import type { Crumb } from '@/lib/content/types';
import { Breadcrumb } from './breadcrumb';
import { Pagination } from './pagination';
import { SideLists } from './side-lists';

type Props = {
  title: string;
  description?: ReactNode;
  crumbs: Crumb[];
  articles: ArticleSummary[];
  total: number;
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  categoryNames: Record<string, string>;
  subcategories?: { label: string; href: string; current?: boolean }[];
  hot: HotItem[];
  latest: ArticleSummary[];
};

export function Listing(props: Props) {
  const { title, description, crumbs, articles, total, page, totalPages, hrefFor } = props;
  return (
    <div className="page-grid">
      <div className="min-w-0 space-y-4">
        <div className="px-4 sm:px-0 print:hidden">
          <Breadcrumb items={crumbs} />
        </div>
        <section className="bg-white p-4 sm:p-6">
          <header className="border-b-2 border-brand pb-3">
            <h1 className="text-2xl font-bold">
              {title}
              {page > 1 && (
                <span className="ml-2 text-base font-normal text-muted">第 {page} 页</span>
              )}
            </h1>
            {description && <p className="mt-1 text-sm text-muted">{description}</p>}
            <p className="mt-1 text-xs text-muted">共 {total} 篇文章</p>
            {props.subcategories && props.subcategories.length > 0 && (
              <ul aria-label="子栏目" className="mt-3 flex flex-wrap gap-2 text-sm">
                {props.subcategories.map((child) => (
                  <li key={child.href}>
                    <a
                      href={child.href}
                      aria-current={child.current ? 'page' : undefined}
                      className="block rounded border border-line px-3 py-1 hover:border-brand aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
                    >
                      {child.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </header>
          <div className="mt-3">
            {articles.length > 0 ? (
              <ArticleList
                articles={articles}
                categoryNames={props.categoryNames}
                headingLevel="h2"
              />
            ) : (
              <p className="py-8 text-center text-muted">暂无文章</p>
            )}
          </div>
          <Pagination page={page} totalPages={totalPages} hrefFor={hrefFor} />
        </section>
      </div>
      <SideLists hot={props.hot} latest={props.latest} />
    </div>
  );
}
