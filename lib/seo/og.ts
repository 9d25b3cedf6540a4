// Pure: where an article's social card lives. The version changes whenever what the card
// shows changes, so the image itself can be cached forever.
import type { ArticleSummary } from '@/lib/content/types';

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function ogCardVersion(article: ArticleSummary, categoryName: string): string {
  return fnv1a([article.title, categoryName, article.date, article.cover ?? ''].join('\u0000'));
}

export function ogCardPath(article: ArticleSummary, categoryName: string): string {
  return `/og/${article.slug}.png?v=${ogCardVersion(article, categoryName)}`;
}

/** The card for metadata and JSON-LD: the cover when there is one, else the generated card. */
export function articleImagePath(article: ArticleSummary, categoryName: string): string {
  return article.cover ?? ogCardPath(article, categoryName);
}
