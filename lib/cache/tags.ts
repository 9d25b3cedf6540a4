// Pure: the cache tags a page carries, so that a change to one article, category or tag, or to
// the rankings, can expire exactly the pages that show it (revalidateTag).
const MAX = 200; // Next refuses tags longer than 256 characters.

const tag = (kind: string, name: string) => `${kind}:${encodeURIComponent(name).slice(0, MAX)}`;

export const cacheTags = {
  /** Every page that lists articles: the home page, lists, feeds, sitemaps, the 404 page. */
  lists: 'lists',
  /** Every page that shows 热门文章 or a read count. */
  hot: 'hot',
  article: (slug: string) => tag('article', slug),
  category: (path: string) => tag('category', path),
  tag: (name: string) => tag('tag', name),
};
