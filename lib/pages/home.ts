import 'server-only';
// The home page's data, and how long it may be served.
import { siteConfig } from '@/config/site';
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import { planHome } from '@/lib/content/home-plan';
import {
  getAllTags,
  getCategoryArticles,
  getCategoryNames,
  getHeadlines,
  getNewestArticles,
  getNotices,
  getTopCategories,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';
import { header } from './chrome';

/** 头条 (7), 要闻 (8), one reserved article per channel and 最新, with room for site notices. */
const HOME_NEWEST = 7 + 8 + 20 + siteConfig.listSize + 20;

export async function homePage() {
  await cachePage([cacheTags.lists, cacheTags.hot]);
  const plan = planHome({
    headlines: getHeadlines(7),
    // Enough of the newest for 要闻 and 最新 after what the headlines and channel blocks take.
    published: getNewestArticles(HOME_NEWEST),
    channels: getTopCategories().map((category) => ({
      category,
      articles: getCategoryArticles(category.path, 20),
    })),
    topSize: 8,
    latestSize: siteConfig.listSize,
    blockSize: 5,
  });
  return {
    ...plan,
    notices: getNotices(),
    names: getCategoryNames(),
    hot: await getHot(),
    tags: getAllTags().slice(0, siteConfig.listSize * 2),
    header: header('/'),
  };
}
