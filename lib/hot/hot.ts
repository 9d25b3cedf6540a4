import 'server-only';
// 热门文章 has one owner: which views count and how they decay, how fresh the list is, and the
// lists themselves. Content and view counting know nothing of it.
import { siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import { cacheProfiles } from '@/lib/cache/profiles.mjs';
import { getArticleSummary, getFeatured, getNewestArticles } from '@/lib/content/repository';
import { byNewest } from '@/lib/content/queries';
import type { ArticleSummary } from '@/lib/content/types';
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
 * The articles hotArticles can choose from, newest first, read from the catalog: the published
 * stories with the highest scores (down to the score of the limit-th, so that ties keep their
 * order), then enough featured and newest ones to fill the list, whatever the size of the archive.
 */
function candidates(
  limit: number,
  scores: ReadonlyMap<string, Score> | undefined,
): ArticleSummary[] {
  const found = new Map<string, ArticleSummary>();
  // One more than the limit: the article being read may be left out.
  const wanted = limit + 1;
  if (scores && scores.size > 0) {
    let ranked = 0;
    let last = Number.POSITIVE_INFINITY;
    for (const [slug, score] of [...scores].sort((a, b) => b[1].score - a[1].score)) {
      if (ranked >= wanted && score.score < last) break;
      if (score.views <= 0) continue;
      const article = getArticleSummary(slug);
      if (!article || article.notice) continue;
      found.set(slug, article);
      ranked += 1;
      last = score.score;
    }
  }
  for (const article of [...getFeatured(wanted * 2), ...getNewestArticles(wanted * 2 + 20)])
    if (!found.has(article.slug)) found.set(article.slug, article);
  return [...found.values()].sort(byNewest);
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
  return hotArticles(candidates(limit, scores), limit, scores, exclude);
}

/** The 热门排行 page: 24-hour or 7-day totals, only articles with views; undefined when the store is down. */
export async function getTopViewed(
  window: keyof typeof WINDOWS,
  limit = 50,
): Promise<HotItem[] | undefined> {
  const ranked = await rankings();
  if (!ranked) return undefined;
  return hotArticles(candidates(limit, ranked[window]), limit, ranked[window]).filter(
    (item) => item.views,
  );
}
