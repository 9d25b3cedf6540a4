// Pure: 热门文章. Ranked by views when there are any; the rest is filled with featured, then
// newest articles, which carry no count so that nothing false is shown. Site notices are read
// (and counted) but never ranked.
import type { ArticleSummary } from '@/lib/content/types';
import type { Score } from './score';

export type HotItem = { article: ArticleSummary; views?: number };

// Runs on every page render. With `positions` (each published article's place in the list,
// built once per list) it walks only the articles that have views, not the archive.
export function hotArticles(
  publishedNewestFirst: ArticleSummary[],
  limit: number,
  scores: ReadonlyMap<string, Score> = new Map(),
  exclude?: string,
  positions?: ReadonlyMap<string, number>,
): HotItem[] {
  const items = new Map<string, HotItem>();
  // Only published articles are ranked: views can never make a draft or future article appear.
  const ranked: { article: ArticleSummary; order: number; score: number; views: number }[] = [];
  if (scores.size > 0) {
    if (positions) {
      for (const [slug, score] of scores) {
        const order = positions.get(slug);
        const article = order === undefined ? undefined : publishedNewestFirst[order];
        if (article && !article.notice && order !== undefined && score.views > 0)
          ranked.push({ article, order, ...score });
      }
    } else {
      publishedNewestFirst.forEach((article, order) => {
        const score = scores.get(article.slug);
        if (score && score.views > 0 && !article.notice) ranked.push({ article, order, ...score });
      });
    }
    ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  }
  for (const { article, views } of ranked) {
    if (items.size >= limit) break;
    if (article.slug !== exclude) items.set(article.slug, { article, views });
  }
  const fill = (wanted: (article: ArticleSummary) => boolean) => {
    for (const article of publishedNewestFirst) {
      if (items.size >= limit) return;
      if (
        wanted(article) &&
        !article.notice &&
        article.slug !== exclude &&
        !items.has(article.slug)
      ) {
        items.set(article.slug, { article });
      }
    }
  };
  fill((article) => article.featured);
  fill(() => true);
  return [...items.values()];
}

/**
 * What the 热门排行 page shows: the rankings when either window has read articles; else why not
 * (a new site has no views yet, or the view store is down), with other articles instead.
 */
export function rankingState(
  windows: (HotItem[] | undefined)[],
): 'ranked' | 'no-views' | 'unavailable' {
  if (windows.some((items) => items && items.length > 0)) return 'ranked';
  return windows.some((items) => items === undefined) ? 'unavailable' : 'no-views';
}
