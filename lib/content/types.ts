// The app's own content types: lists get summaries, only the article page gets a body.
export type CategoryInfo = {
  path: string;
  name: string;
  description: string;
  order: number;
  /** Path of the parent category, absent for top-level ones. */
  parent?: string;
};

export type ArticleSummary = {
  slug: string;
  url: string;
  title: string;
  /** ISO 8601 instant (UTC). */
  date: string;
  updated?: string;
  category: string;
  source: string;
  editor?: string;
  authors: string[];
  tags: string[];
  /** The editor's summary, or the first paragraph cut at about 120 characters. */
  excerpt: string;
  hasSummary: boolean;
  /** Site path of the cover picture; only set when the file exists (with its size). */
  cover?: string;
  coverAlt?: string;
  /** Shown under the cover on the article page, e.g. 示意图：…（本站绘制）. */
  coverCaption?: string;
  coverWidth?: number;
  coverHeight?: number;
  draft: boolean;
  featured: boolean;
  /** A site notice (front matter `type: notice`): shown as 公告, left out of every list. */
  notice?: true;
  related: string[];
  readingTime: number;
  /** Commits that changed the file after the one that added it, newest first (更新记录). */
  revisions: { date: string; subject: string }[];
  /** 最后更新, in the site's time (+08:00, +09:00 in summer-time years): the newest of `date`, `updated` and the last correction (index time). */
  lastModified: string;
  /** Present only in development previews. */
  status?: 'draft' | 'scheduled';
  /** Source file, relative to the content directory. */
  file: string;
  /** The hash of the compiled body, which names its file (lib/content/paths.ts, bodyFile). */
  body: string;
};

export type ArticleDetail = ArticleSummary & { html: string };

/** One step of a breadcrumb trail. */
export type Crumb = { label: string; href: string };

/** 关于我们 and the other site documents (content/pages). */
export type SitePage = {
  slug: string;
  url: string;
  title: string;
  description?: string;
  order: number;
  /** The hash of the compiled body, which names its file (lib/content/paths.ts, bodyFile). */
  body: string;
};

export type ContentIndex = {
  articles: ArticleSummary[];
  categories: CategoryInfo[];
  pages: SitePage[];
};
