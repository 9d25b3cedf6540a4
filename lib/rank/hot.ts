// Pure: 热门文章. Ranked by views when there are any; the rest is filled with featured, then
// newest articles, which carry no count so that nothing false is shown.
import type { ArticleSummary } from '@/lib/content/types';
import type { Score } from './hot-score';

export type HotItem = { article: ArticleSummary; views?: number };

export function hotArticles(
  publishedNewestFirst: ArticleSummary[],
  limit: number,
  scores: ReadonlyMap<string, Score> = new Map(),
): HotItem[] {
  const items = new Map<string, HotItem>();
  // Only published articles are ranked: views can never make a draft or future article appear.
  const ranked = publishedNewestFirst
    .map((article, order) => ({
      article,
      order,
      ...(scores.get(article.slug) ?? { score: 0, views: 0 }),
    }))
    .filter((item) => item.views > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  for (const { article, views: count } of ranked) {
    if (items.size >= limit) break;
    items.set(article.slug, { article, views: count });
  }
  const fallback = [
    ...publishedNewestFirst.filter((article) => article.featured),
    ...publishedNewestFirst,
  ];
  for (const article of fallback) {
    if (items.size >= limit) break;
    if (!items.has(article.slug)) items.set(article.slug, { article });
  }
  return [...items.values()];
}
