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
  getNotices,
  getPublishedArticles,
  getTopCategories,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';
import { header } from './chrome';

export async function homePage() {
  await cachePage([cacheTags.lists, cacheTags.hot]);
  const plan = planHome({
    headlines: getHeadlines(7),
    published: getPublishedArticles(),
    channels: getTopCategories().map((category) => ({
      category,
      articles: getCategoryArticles(category.path).slice(0, 20),
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
