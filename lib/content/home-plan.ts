// Pure: what goes where on the home page. 头条 and 要闻 never repeat an article; 最新 (滚动) is the
// newest of the rest, in time order; each channel block prefers what neither shows, and repeats a
// 最新 item only to fill itself. Site notices (type: notice) are in none of them: the page shows
// them in their own 公告 line.
import type { ArticleSummary, CategoryInfo } from './types';

export type ChannelBlock = { category: CategoryInfo; articles: ArticleSummary[] };
export type HomePlan = {
  lead?: ArticleSummary;
  /** 要闻: the other featured articles, then the newest. */
  top: ArticleSummary[];
  /** 最新 (滚动): the newest articles that 头条 and 要闻 do not show, newest first. */
  latest: ArticleSummary[];
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
  latestSize: number;
  blockSize: number;
};

const story = (article: ArticleSummary) => !article.notice;

export function planHome(input: Input): HomePlan {
  const { topSize, latestSize, blockSize } = input;
  const headlines = input.headlines.filter(story);
  const published = input.published.filter(story);
  const channels = input.channels.map(({ category, articles }) => ({
    category,
    articles: articles.filter(story),
  }));
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
  const latest: ArticleSummary[] = [];
  for (const article of published) {
    if (latest.length >= latestSize) break;
    if (!used.has(article.slug)) latest.push(article);
  }
  const inLatest = new Set(latest.map((a) => a.slug));
  const open = channels
    .map(({ category, articles }) => ({
      category,
      articles: articles.filter((a) => !used.has(a.slug)),
    }))
    .filter((block) => block.articles.length > 0);
  // Blocks side by side in a grid: the same number of items each, so none is a stretched box.
  const length = Math.min(blockSize, ...open.map((block) => block.articles.length));
  const blocks = open.map(({ category, articles }) => {
    // What no list above shows first; 最新's own items only to fill, so a small channel keeps its block.
    const chosen = new Set(
      [...articles.filter((a) => !inLatest.has(a.slug)), ...articles.filter((a) => inLatest.has(a.slug))]
        .slice(0, length)
        .map((a) => a.slug),
    );
    return { category, articles: articles.filter((a) => chosen.has(a.slug)) };
  });
  return { ...(lead ? { lead } : {}), top, latest, blocks };
}
