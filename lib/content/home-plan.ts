// Pure: what goes where on the home page. 头条, 要闻 and the channel blocks never repeat an
// article among themselves, so with the sidebar's one list no article is shown more than twice.
import type { ArticleSummary, CategoryInfo } from './types';

export type ChannelBlock = { category: CategoryInfo; articles: ArticleSummary[] };
export type HomePlan = {
  lead?: ArticleSummary;
  /** 要闻: the other featured articles, then the newest. */
  top: ArticleSummary[];
  /** One block per channel that has something not shown above, all of the same length. */
  blocks: ChannelBlock[];
};

type Input = {
  /** Featured articles, newest first (the newest article when none is). */
  headlines: ArticleSummary[];
  /** Published articles, newest first. */
  published: ArticleSummary[];
  channels: { category: CategoryInfo; articles: ArticleSummary[] }[];
  topSize: number;
  blockSize: number;
};

export function planHome({ headlines, published, channels, topSize, blockSize }: Input): HomePlan {
  const lead = headlines[0] ?? published[0];
  const used = new Set(lead ? [lead.slug] : []);
  // Each channel keeps its newest article for its own block, so that 要闻 cannot empty it.
  const reserved = new Set(
    channels.flatMap(({ articles }) => articles.find((a) => !used.has(a.slug))?.slug ?? []),
  );
  const top: ArticleSummary[] = [];
  for (const article of [...headlines.slice(1), ...published]) {
    if (top.length >= topSize) break;
    if (used.has(article.slug) || reserved.has(article.slug)) continue;
    used.add(article.slug);
    top.push(article);
  }
  const filled = channels
    .map(({ category, articles }) => ({
      category,
      articles: articles.filter((a) => !used.has(a.slug)).slice(0, blockSize),
    }))
    .filter((block) => block.articles.length > 0);
  // Blocks side by side in a grid: the same number of items each, so none is a stretched box.
  const length = Math.min(blockSize, ...filled.map((block) => block.articles.length));
  const blocks = filled.map((block) => ({ ...block, articles: block.articles.slice(0, length) }));
  return { ...(lead ? { lead } : {}), top, blocks };
}
