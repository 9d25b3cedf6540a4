// Pure: 相关阅读. Editors' picks first, then shared tags, then the same category, newest first.
import { appendTo } from '@/lib/content/queries';
import type { ArticleSummary } from '@/lib/content/types';

/** Positions in the newest-first published list, by slug, tag and category; built once per list. */
export type RelatedIndex = {
  bySlug: Map<string, number>;
  byTag: Map<string, number[]>;
  /** The articles of exactly this category (not its subcategories). */
  byCategory: Map<string, number[]>;
};

export function relatedIndex(publishedNewestFirst: ArticleSummary[]): RelatedIndex {
  const bySlug = new Map<string, number>();
  const byTag = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  publishedNewestFirst.forEach((article, position) => {
    bySlug.set(article.slug, position);
    for (const tag of new Set(article.tags)) appendTo(byTag, tag, position);
    appendTo(byCategory, article.category, position);
  });
  return { bySlug, byTag, byCategory };
}

// Every article page runs this over the whole archive, so it walks only the articles sharing a
// tag (through the index) instead of every article.
export function relatedArticles(
  article: ArticleSummary,
  publishedNewestFirst: ArticleSummary[],
  limit: number,
  index: RelatedIndex = relatedIndex(publishedNewestFirst),
): ArticleSummary[] {
  const picked = new Map<string, ArticleSummary>();
  // Editors' picks may be anything; what is picked for them is never a site notice.
  const add = (other: ArticleSummary | undefined, picks = false) => {
    if (!other || (other.notice && !picks)) return;
    if (other.slug !== article.slug && picked.size < limit && !picked.has(other.slug))
      picked.set(other.slug, other);
  };
  const at = (position: number | undefined) =>
    position === undefined ? undefined : publishedNewestFirst[position];

  for (const slug of article.related) add(at(index.bySlug.get(slug)), true);

  const shared = new Map<number, number>();
  for (const tag of new Set(article.tags)) {
    for (const position of index.byTag.get(tag) ?? []) {
      shared.set(position, (shared.get(position) ?? 0) + 1);
    }
  }
  // Newest first (the lower position) among equal overlap.
  const byOverlap = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [position] of byOverlap) {
    if (picked.size >= limit) break;
    add(at(position));
  }

  // Through the category's own positions: a small category would otherwise walk the archive.
  for (const position of index.byCategory.get(article.category) ?? []) {
    if (picked.size >= limit) break;
    add(at(position));
  }
  return [...picked.values()];
}
