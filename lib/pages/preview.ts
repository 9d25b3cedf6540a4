import 'server-only';
// A draft's preview page: the article page's data for one signed link, rendered per request and
// never cached (docs/adr/022-draft-preview-links.md). No view count, related list or neighbours:
// a draft is in no list yet, and the preview is not a reading.
import { connection } from 'next/server';
import { absoluteUrl } from '@/config/site';
import {
  channelHref,
  getCategoryCrumbs,
  getCategoryNames,
  getLatest,
  getPreviewArticle,
} from '@/lib/content/repository';
import { formatDateTime } from '@/lib/format/date';
import { getHot } from '@/lib/hot/hot';
import { responsiveBody } from '@/lib/images/picture';
import { findPreview } from '@/lib/preview/links';
import { header } from './chrome';

export async function previewPage(slug: string, token: string) {
  // Per request: no render of a preview is ever stored, in this process, Redis or nginx.
  await connection();
  const found = findPreview(slug, token);
  const article = found && (await getPreviewArticle(found.article.slug));
  if (!found || !article) return undefined;
  return {
    article: { ...article, html: responsiveBody(article.html) },
    banner: {
      status: article.status ?? ('published' as const),
      expires: formatDateTime(found.expiresAt),
      publishes: formatDateTime(article.date),
      publicUrl: article.url,
    },
    url: absoluteUrl(article.url),
    header: header(channelHref(article.category)),
    crumbs: getCategoryCrumbs(article.category),
    names: getCategoryNames(),
    hot: await getHot(undefined, article.slug),
    latest: getLatest(8, article.slug),
  };
}

/** The preview's title; everything else a crawler or a share sheet might use is left out. */
export async function previewTitle(slug: string, token: string): Promise<string | undefined> {
  await connection();
  const found = findPreview(slug, token);
  return found && `【预览】${found.article.title}`;
}
