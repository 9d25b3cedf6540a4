// Pure: 热门文章. Ranked by views when there are any; the rest is filled with featured, then
// newest articles, which carry no count so that nothing false is shown.
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
        if (article && order !== undefined && score.views > 0)
          ranked.push({ article, order, ...score });
      }
    } else {
      publishedNewestFirst.forEach((article, order) => {
        const score = scores.get(article.slug);
        if (score && score.views > 0) ranked.push({ article, order, ...score });
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
      if (wanted(article) && article.slug !== exclude && !items.has(article.slug)) {
        items.set(article.slug, { article });
      }
    }
  };
  fill((article) => article.featured);
  fill(() => true);
  return [...items.values()];
}
