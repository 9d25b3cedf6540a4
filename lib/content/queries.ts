// Pure: selecting and ordering articles. The server-only loader feeds these.
import { siteConfig } from '@/config/site';
import type { ArticleSummary, CategoryInfo } from './types';

export function isPublished(article: ArticleSummary, at: Date): boolean {
  return !article.draft && Date.parse(article.date) <= at.getTime();
}

export function byNewest(a: ArticleSummary, b: ArticleSummary): number {
  return Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug);
}

/** In a non-draft list sorted newest first, where the already published articles begin. */
export function firstPublishedIndex(newestFirst: ArticleSummary[], at: Date): number {
  const cutoff = at.getTime();
  let low = 0;
  let high = newestFirst.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (Date.parse((newestFirst[mid] as ArticleSummary).date) > cutoff) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function publishedNewestFirst(articles: ArticleSummary[], at: Date): ArticleSummary[] {
  return articles.filter((article) => isPublished(article, at)).sort(byNewest);
}

export function inCategory(articles: ArticleSummary[], path: string): ArticleSummary[] {
  const prefix = `${path}/`;
  return articles.filter((a) => a.category === path || a.category.startsWith(prefix));
}

export function withTag(articles: ArticleSummary[], tag: string): ArticleSummary[] {
  return articles.filter((article) => article.tags.includes(tag));
}

export function tagCounts(articles: ArticleSummary[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const tag of article.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, siteConfig.locale));
}

/** Featured articles newest first; the newest article when none is featured. */
export function headlines(newestFirst: ArticleSummary[], limit: number): ArticleSummary[] {
  const featured = newestFirst.filter((article) => article.featured).slice(0, limit);
  if (featured.length > 0) return featured;
  return newestFirst.slice(0, 1);
}

export function sortCategories(categories: CategoryInfo[]): CategoryInfo[] {
  return [...categories].sort(
    (a, b) => a.order - b.order || a.path.localeCompare(b.path),
  );
}

export function topLevelCategories(categories: CategoryInfo[]): CategoryInfo[] {
  return sortCategories(categories.filter((category) => !category.parent));
}

export function childCategories(categories: CategoryInfo[], path: string): CategoryInfo[] {
  return sortCategories(categories.filter((category) => category.parent === path));
}

/** The category and its ancestors, top-level first. */
export function categoryTrail(categories: CategoryInfo[], path: string): CategoryInfo[] {
  const byPath = new Map(categories.map((category) => [category.path, category]));
  const trail: CategoryInfo[] = [];
  for (let current = byPath.get(path); current; current = current.parent ? byPath.get(current.parent) : undefined) {
    trail.unshift(current);
  }
  return trail;
}
