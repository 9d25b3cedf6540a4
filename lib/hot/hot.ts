import 'server-only';
// 热门文章 has one owner: which views count and how they decay, how fresh the list is, and the
// lists themselves. Content and view counting know nothing of it.
import { siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import { cacheProfiles } from '@/lib/cache/profiles.mjs';
import { getPublishedArticles, getPublishedPositions } from '@/lib/content/repository';
import { hourlyViews } from '@/lib/views/service';
import { hotArticles, type HotItem } from './ranking';
import { hotScores, windowTotals, type Score } from './score';

/** The hot list: views of the last 24 hours, each losing half its weight every 12 hours. */
const HOT = { windowHours: 24, halfLifeHours: 12 };
/** The 热门排行 page's plain totals. */
const WINDOWS = { day: 24, week: 7 * 24 } as const;

type Rankings = { hot: Map<string, Score> } & Record<keyof typeof WINDOWS, Map<string, Score>>;

let memo: { at: number; value: Promise<Rankings | undefined> } | undefined;

/** Every ranking from one read of the store, at most `cacheProfiles.hot.seconds` old; undefined when the store is down. */
function rankings(): Promise<Rankings | undefined> {
  const wall = Date.now();
  if (!memo || wall - memo.at >= cacheProfiles.hot.seconds * 1000) {
    const at = now();
    memo = {
      at: wall,
      value: hourlyViews(WINDOWS.week, at).then(
        (rows) =>
          rows && {
            hot: hotScores(rows, { at, ...HOT }),
            day: windowTotals(rows, { at, windowHours: WINDOWS.day }),
            week: windowTotals(rows, { at, windowHours: WINDOWS.week }),
          },
      ),
    };
  }
  return memo.value;
}

/**
 * 热门文章 for a sidebar: ranked by recent views; featured, then newest articles fill the rest
 * (and all of it when the store is down). `exclude` leaves out the article being read.
 */
export async function getHot(
  limit: number = siteConfig.listSize,
  exclude?: string,
): Promise<HotItem[]> {
  const scores = (await rankings())?.hot;
  return hotArticles(getPublishedArticles(), limit, scores, exclude, getPublishedPositions());
}

/** The 热门排行 page: 24-hour or 7-day totals, only articles with views; undefined when the store is down. */
export async function getTopViewed(
  window: keyof typeof WINDOWS,
  limit = 50,
): Promise<HotItem[] | undefined> {
  const ranked = await rankings();
  if (!ranked) return undefined;
  const published = getPublishedArticles();
  return hotArticles(published, limit, ranked[window], undefined, getPublishedPositions()).filter(
    (item) => item.views,
  );
}
