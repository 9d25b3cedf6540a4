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
  return articles.filter(
    (a) => !a.notice && (a.category === path || a.category.startsWith(prefix)),
  );
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

/** Appends to the list under `key`, starting it if there is none. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Per category (its subcategories' articles included) and per tag, the articles newest first. */
export type ListIndex = {
  byCategory: Map<string, ArticleSummary[]>;
  byTag: Map<string, ArticleSummary[]>;
  /** Every tag with its article count, most used first (as tagCounts). */
  tags: { tag: string; count: number }[];
};

/**
 * Every category and tag list in one pass over a newest-first list: the same lists as
 * inCategory and withTag, so that a list page or a deep page number costs a lookup.
 */
export function listIndex(newestFirst: ArticleSummary[]): ListIndex {
  const byCategory = new Map<string, ArticleSummary[]>();
  const byTag = new Map<string, ArticleSummary[]>();
  for (const article of newestFirst) {
    // The category and each of its ancestors: qinggan/gushi is listed under qinggan too. Site
    // notices are in no channel list (their tags still list them).
    for (let cut = article.notice ? 0 : article.category.length; cut > 0; cut = article.category.lastIndexOf('/', cut - 1)) {
      appendTo(byCategory, article.category.slice(0, cut), article);
    }
    for (const tag of new Set(article.tags)) appendTo(byTag, tag, article);
  }
  const tags = [...byTag]
    .map(([tag, list]) => ({ tag, count: list.length }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, siteConfig.locale));
  return { byCategory, byTag, tags };
}

/** Featured articles newest first; the newest article when none is featured. Never a notice. */
export function headlines(newestFirst: ArticleSummary[], limit: number): ArticleSummary[] {
  const featured: ArticleSummary[] = [];
  for (const article of newestFirst) {
    if (featured.length >= limit) break;
    if (article.featured && !article.notice) featured.push(article);
  }
  if (featured.length > 0) return featured;
  const newest = newestFirst.find((article) => !article.notice);
  return newest ? [newest] : [];
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

/** Site notices (type: notice), newest first: at most `limit`, none older than `days` before `at`. */
export function recentNotices(
  newestFirst: ArticleSummary[],
  at: Date,
  { limit, days }: { limit: number; days: number },
): ArticleSummary[] {
  const since = at.getTime() - days * 24 * 3600 * 1000;
  const notices: ArticleSummary[] = [];
  for (const article of newestFirst) {
    if (notices.length >= limit || Date.parse(article.date) < since) break;
    if (article.notice) notices.push(article);
  }
  return notices;
}
