// Pure: the contract with editors, shared by the Contentlayer schema and the content check.
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TITLE_MAX = 100;
export const SUMMARY_LENGTH = 120;
/** Chinese is read at about 400 characters a minute. */
export const READING_CHARS_PER_MINUTE = 400;
/** A picture under public/, as the content build and check see it. */
export type ImageInfo = { width: number; height: number; bytes: number };
/**
 * Pictures must be large enough for their biggest slot and no heavier than this. A cover fills
 * the home page's 头条 (about 830 CSS px wide on a desktop) and the article's head; a picture in
 * the body is at most the text column (about 760 px). Readers get resized copies (next/image), so
 * a heavier source only slows the first request for each size.
 */
export const IMAGE_RULES = {
  cover: { minWidth: 1200, minHeight: 675 },
  body: { minWidth: 800, minHeight: 300 },
  maxBytes: 2 * 1024 * 1024,
} as const;

export const ARTICLE_GLOB = 'articles/**/*.md';
export const CATEGORY_GLOB = 'categories/**/*.yml';
/** The site's own documents: 关于我们, 联系我们, 版权声明 … (content/pages/<slug>.md). */
export const PAGE_GLOB = 'pages/*.md';

type FieldRule = {
  type: 'string' | 'date' | 'boolean' | 'string[]' | 'enum';
  required?: boolean;
  /** The values an enum field takes; the first is what an article without the field has. */
  values?: readonly string[];
};

/** What an article is: a story (the default), or a site notice (公告, 编者按 about the site itself). */
export const ARTICLE_TYPES = ['article', 'notice'] as const;

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
  coverCaption: { type: 'string' },
  draft: { type: 'boolean' },
  featured: { type: 'boolean' },
  updated: { type: 'date' },
  related: { type: 'string[]' },
  type: { type: 'enum', values: ARTICLE_TYPES },
} as const satisfies Record<string, FieldRule>;

export const CATEGORY_FIELDS = {
  name: { type: 'string', required: true },
  description: { type: 'string', required: true },
  order: { type: 'number', required: true },
} as const;

export const PAGE_FIELDS = {
  title: { type: 'string', required: true },
  description: { type: 'string' },
  /** Place in the footer, smallest first. */
  order: { type: 'number' },
} as const;

/** ISO 8601 date or date-time; without an offset the time is Asia/Shanghai. */
export const ISO_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether the calendar day and the time of an ISO date exist. JavaScript's Date rolls 2024-02-30
 * over to 1 March without a word; an editor's typo must be an error instead.
 */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** What `npm run new` writes as the body; an article still holding it is not ready. */
export const NEW_ARTICLE_PLACEHOLDER = '（正文第一段将自动作为摘要。）';

export function slugFromPath(filePath: string): string {
  const name = filePath.split('/').pop() ?? '';
  return name.replace(/\.md$/, '');
}

export function categoryPathFromFile(filePath: string): string {
  return filePath.replace(/^categories\//, '').replace(/\.yml$/, '');
}

export function pageUrl(slug: string): string {
  return `/pages/${slug}`;
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
