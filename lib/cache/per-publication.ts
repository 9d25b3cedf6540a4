import 'server-only';
// Values derived from the published articles (feeds, sitemaps), computed once per state of
// publication. The published list is the same object until an article falls due
// (lib/content/repository.ts), so a scheduled article changes the key the moment it is published
// and nothing derived from the old list is served after that.
import { getPublishedArticles } from '@/lib/content/repository';

const memo = new WeakMap<object, Map<string, unknown>>();

export function perPublication<T>(key: string, compute: () => T): T {
  const published = getPublishedArticles();
  let values = memo.get(published);
  if (!values) {
    values = new Map();
    memo.set(published, values);
  }
  if (!values.has(key)) {
    const value = compute();
    values.set(key, value);
    // A failure is not remembered: the next request tries again.
    if (value instanceof Promise) value.catch(() => values.delete(key));
  }
  return values.get(key) as T;
}
