import 'server-only';
// 热门排行 and the 404 page: their data, and how long they may be served.
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import { getCategoryNames, getLatest } from '@/lib/content/repository';
import { getHot, getTopViewed } from '@/lib/hot/hot';
import { rankingState } from '@/lib/hot/ranking';
import { header } from './chrome';

export async function hotPage() {
  await cachePage([cacheTags.lists, cacheTags.hot]);
  const [day, week] = await Promise.all([getTopViewed('day', 20), getTopViewed('week', 20)]);
  const state = rankingState([day, week]);
  return {
    day,
    week,
    state,
    // Without a ranking (a new site, or the view store down): featured, then newest articles.
    picks: state === 'ranked' ? [] : (await getHot()).map((item) => item.article),
    names: getCategoryNames(),
    header: header('/hot', '/hot'),
  };
}

/** The one 404 page every unknown URL gets (proxy.ts): somewhere to go next. */
export async function notFoundPage() {
  await cachePage([cacheTags.lists]);
  return { latest: getLatest(8), names: getCategoryNames(), header: header() };
}
