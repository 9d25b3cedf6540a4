import type { Metadata } from 'next';
import { PageFrame } from '@/components/page-frame';
import { Pagination } from '@/components/pagination';
import { SearchBox } from '@/components/search-box';
import { SearchPrompt } from '@/components/search-prompt';
import { SearchResults } from '@/components/search-results';
import { SideLists } from '@/components/side-lists';
import { searchPage } from '@/lib/pages/search';
import { QUERY_MAX, RESULTS_MAX } from '@/lib/search/engine';

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export const metadata: Metadata = { title: '搜索', robots: { index: false, follow: true } };

export default async function SearchPage({ searchParams }: Props) {
  const { query, truncated, found, names, hot, latest, header, hrefFor } = await searchPage(
    await searchParams,
  );
  return (
    // Without a query the page's own box is the only one: two stacked boxes said the same thing.
    <PageFrame header={header} headerSearch={Boolean(query)}>
      <div className="page-grid">
        <section className="min-w-0 bg-white p-4 sm:p-6">
          <h1 className="text-2xl font-bold">{query ? `搜索：${query}` : '搜索'}</h1>
          <div className="mt-3">
            <SearchBox
              id="search-page-query"
              name="重新搜索"
              label="搜索关键词"
              defaultValue={query}
            />
          </div>
          {truncated && (
            <p className="mt-2 text-sm text-amber-700">搜索词过长，只按前 {QUERY_MAX} 个字搜索。</p>
          )}
          {found && found.total > 0 ? (
            <>
              <p className="mt-3 text-sm text-muted" data-testid="search-count">
                找到 {found.total} 篇相关文章
                {found.total > RESULTS_MAX ? `，显示前 ${RESULTS_MAX} 篇` : ''}
                {found.totalPages > 1 ? `，第 ${found.page}/${found.totalPages} 页` : ''}
              </p>
              <SearchResults results={found.results} categoryNames={names} />
              <Pagination page={found.page} totalPages={found.totalPages} hrefFor={hrefFor} />
            </>
          ) : query ? (
            <div className="py-8 text-center text-muted" data-testid="search-empty">
              <p>没有找到与“{query}”相关的文章。</p>
              <p className="mt-1 text-sm">试试更短的关键词，或看看热门文章。</p>
            </div>
          ) : (
            <SearchPrompt nav={header.nav} />
          )}
        </section>
        <SideLists hot={hot} latest={latest} />
      </div>
    </PageFrame>
  );
}
