import 'server-only';
// What every page's frame needs: the channel bar and which of its links is the page's own, the
// page's own 简体 path (for the 简/繁 switch), and the footer.
import { siteConfig } from '@/config/site';
import { now } from '@/lib/clock';
import { getNavigation, getSitePages } from '@/lib/content/repository';

export type Header = ReturnType<typeof header>;

function footer() {
  return {
    copyrightHolder: siteConfig.copyrightHolder,
    year: now().getFullYear(),
    beian: siteConfig.beian,
    links: [
      ...getSitePages().map((page) => ({ label: page.title, href: page.url })),
      { label: '全部标签', href: '/tags' },
      { label: '网站地图', href: '/sitemap.xml' },
      { label: 'RSS 订阅', href: '/feed.xml' },
    ],
  };
}

/**
 * `current`: the href of the channel-bar link to mark (aria-current="page"), if any.
 * `path`: this page's 简体 path, which the 简/繁 switch links in the other edition.
 */
export function header(current?: string, path = '/') {
  return { nav: getNavigation(), path, footer: footer(), ...(current ? { current } : {}) };
}
