// Pure: the contract with editors, shared by the Contentlayer schema and the content check.
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TITLE_MAX = 100;
export const SUMMARY_LENGTH = 120;
/** Chinese is read at about 400 characters a minute. */
export const READING_CHARS_PER_MINUTE = 400;
export const ARTICLE_GLOB = 'articles/**/*.md';
export const CATEGORY_GLOB = 'categories/**/*.yml';

type FieldRule = { type: 'string' | 'date' | 'boolean' | 'string[]'; required?: boolean };

export const ARTICLE_FIELDS = {
  title: { type: 'string', required: true },
  date: { type: 'date', required: true },
  category: { type: 'string', required: true },
  source: { type: 'string', required: true },
  editor: { type: 'string' },
  authors: { type: 'string[]' },
  tags: { type: 'string[]' },
  summary: { type: 'string' },
  cover: { type: 'string' },
  coverAlt: { type: 'string' },
  draft: { type: 'boolean' },
  featured: { type: 'boolean' },
  updated: { type: 'date' },
  related: { type: 'string[]' },
} as const satisfies Record<string, FieldRule>;

export const CATEGORY_FIELDS = {
  name: { type: 'string', required: true },
  description: { type: 'string', required: true },
  order: { type: 'number', required: true },
} as const;

/** ISO 8601 date or date-time; without an offset the time is Asia/Shanghai. */
export const ISO_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function slugFromPath(filePath: string): string {
  const name = filePath.split('/').pop() ?? '';
  return name.replace(/\.md$/, '');
}

export function categoryPathFromFile(filePath: string): string {
  return filePath.replace(/^categories\//, '').replace(/\.yml$/, '');
}

export function articleUrl(slug: string): string {
  return `/articles/${slug}`;
}

export function categoryUrl(path: string, page = 1): string {
  return page > 1 ? `/category/${path}/page/${page}` : `/category/${path}`;
}

export function tagUrl(tag: string, page = 1): string {
  const base = `/tags/${encodeURIComponent(tag)}`;
  return page > 1 ? `${base}/page/${page}` : base;
}
