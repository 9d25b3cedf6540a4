import 'server-only';
// The home page's data, and how long it may be served.
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import {
  getCategoryArticles,
  getCategoryNames,
  getHeadlines,
  getLatest,
  getTopCategories,
} from '@/lib/content/repository';
import { getHot } from '@/lib/hot/hot';

export async function homePage() {
  await cachePage([cacheTags.lists, cacheTags.hot]);
  const headlines = getHeadlines(3);
  const shown = new Set(headlines.map((article) => article.slug));
  const latest = getLatest(12)
    .filter((article) => !shown.has(article.slug))
    .slice(0, 10);
  const blocks = getTopCategories()
    .map((category) => ({ category, articles: getCategoryArticles(category.path).slice(0, 5) }))
    .filter((block) => block.articles.length > 0);
  return { headlines, latest, blocks, names: getCategoryNames(), hot: await getHot() };
}
