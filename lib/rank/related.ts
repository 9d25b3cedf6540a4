// Pure: 相关阅读. Editors' picks first, then shared tags, then the same category, newest first.
import type { ArticleSummary } from '@/lib/content/types';

export function relatedArticles(
  article: ArticleSummary,
  publishedNewestFirst: ArticleSummary[],
  limit: number,
): ArticleSummary[] {
  const candidates = publishedNewestFirst.filter((other) => other.slug !== article.slug);
  const bySlug = new Map(candidates.map((other) => [other.slug, other]));
  const picked = new Map<string, ArticleSummary>();
  const add = (other: ArticleSummary | undefined) => {
    if (other && picked.size < limit && !picked.has(other.slug)) picked.set(other.slug, other);
  };

  for (const slug of article.related) add(bySlug.get(slug));

  const tags = new Set(article.tags);
  const shared = (other: ArticleSummary) => other.tags.filter((tag) => tags.has(tag)).length;
  candidates
    .map((other, order) => ({ other, order, score: shared(other) }))
    .filter(({ score }) => score > 0)
    // Stable on the newest-first order for equal overlap.
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .forEach(({ other }) => add(other));

  candidates.filter((other) => other.category === article.category).forEach(add);
  return [...picked.values()];
}
