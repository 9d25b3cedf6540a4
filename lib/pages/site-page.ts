import 'server-only';
// 关于我们, 联系我们, 版权声明 …: the site's own documents (content/pages).
import { siteConfig } from '@/config/site';
import { cachePage } from '@/lib/cache/page-cache';
import { cacheTags } from '@/lib/cache/tags';
import { getSitePage, getSitePages } from '@/lib/content/repository';
import { header } from './chrome';

export function prerenderedSitePages(): { slug: string }[] {
  return getSitePages().map((page) => ({ slug: page.slug }));
}

export function findSitePage(slug: string) {
  return getSitePages().find((page) => page.slug === slug);
}

export async function sitePage(slug: string) {
  if (!findSitePage(slug)) return undefined;
  await cachePage([cacheTags.lists]);
  const page = await getSitePage(slug);
  return (
    page && {
      page,
      // 联系我们 shows the newsroom's details from the one site config above its text.
      contact: slug === 'contact' ? siteConfig.contact : undefined,
      others: getSitePages(),
      header: header(undefined, page.url),
    }
  );
}
