// Pure: which cache tags a new content version invalidates (lib/cache/tags.ts). An article whose
// body alone changed expires its own page; one added, removed, or changed in anything a list
// shows (title, excerpt, date, category, tags…) expires the lists too, and a changed category
// (names appear in every page's navigation) or site document expires everything that lists.
import { cacheTags } from '@/lib/cache/tags';
import type { ArticleSummary, ContentIndex } from './types';

function ancestors(categoryPath: string): string[] {
  const parts = categoryPath.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) =>
    same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Whether two summaries show the same in lists and metadata (everything but the body's hash). */
function sameListing(a: ArticleSummary, b: ArticleSummary): boolean {
  return same({ ...a, body: '' }, { ...b, body: '' });
}

export function changedTags(before: ContentIndex, after: ContentIndex): string[] {
  const tags = new Set<string>();
  const old = new Map(before.articles.map((article) => [article.slug, article]));
  const fresh = new Map(after.articles.map((article) => [article.slug, article]));
  const listChange = (article: ArticleSummary) => {
    tags.add(cacheTags.lists);
    tags.add(cacheTags.article(article.slug));
    for (const path of ancestors(article.category)) tags.add(cacheTags.category(path));
    for (const tag of article.tags) tags.add(cacheTags.tag(tag));
  };
  for (const [slug, article] of fresh) {
    const previous = old.get(slug);
    if (!previous) listChange(article);
    else if (!sameListing(previous, article)) {
      listChange(previous);
      listChange(article);
    } else if (previous.body !== article.body) tags.add(cacheTags.article(slug));
  }
  for (const [slug, article] of old) if (!fresh.has(slug)) listChange(article);
  if (!same(before.categories, after.categories)) tags.add(cacheTags.lists);
  // Site documents (关于我们 …) are cached with the lists and named in every footer.
  if (!same(before.pages, after.pages)) tags.add(cacheTags.lists);
  return [...tags].sort();
}
