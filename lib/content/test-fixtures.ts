// Test helper: a minimal valid article summary.
import { lastModified } from '@/lib/pipeline/last-modified';
import type { ArticleSummary } from './types';

export function summary(overrides: Partial<ArticleSummary> & { slug: string }): ArticleSummary {
  const base = {
    url: `/articles/${overrides.slug}`,
    title: overrides.slug,
    date: '2024-01-24T00:00:00.000Z',
    category: 'shehui/minsheng',
    source: '本站综合',
    authors: [],
    tags: [],
    excerpt: '',
    hasSummary: false,
    draft: false,
    featured: false,
    related: [],
    readingTime: 1,
    revisions: [],
    file: `articles/${overrides.slug}.md`,
    body: `body-of-${overrides.slug}`,
    ...overrides,
  };
  return { lastModified: lastModified(base), ...base };
}
