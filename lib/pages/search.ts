import 'server-only';
// The search page's data: rendered per request (a query string), so no page lifetime here.
import { siteConfig } from '@/config/site';
import { getCategoryNames, getLatest } from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';
import { cleanQuery } from '@/lib/search/engine';
import { siteSearch } from '@/lib/search/site-search';
import { toHans } from '@/lib/edition/hant';
import { requestEdition } from '@/lib/edition/request';
import { header } from './chrome';

export async function searchPage(params: { q?: string | string[]; page?: string | string[] }) {
  const { query, truncated } = cleanQuery(params.q);
  const pageParam = Number(Array.isArray(params.page) ? params.page[0] : params.page);
  const page = Number.isInteger(pageParam) && pageParam > 0 && pageParam < 10_000 ? pageParam : 1;
  // The index holds 简体: a query typed on a 繁體 page is folded first (軟體 → 软件).
  const asked = requestEdition() === 'hant' ? toHans(query) : query;
  const found = query ? await siteSearch.search(asked, page, siteConfig.pageSize) : undefined;
  return {
    query,
    truncated,
    found,
    names: getCategoryNames(),
    hot: await getHot(),
    latest: getLatest(8),
    header: header(undefined, query ? `/search?q=${encodeURIComponent(query)}` : '/search'),
    hrefFor: (n: number) => `/search?q=${encodeURIComponent(query)}${n > 1 ? `&page=${n}` : ''}`,
  };
}
