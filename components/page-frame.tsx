import type { ReactNode } from 'react';
import { siteConfig } from '@/config/site';
import { EDITION_LANG, HREFLANG, hantHref } from '@/lib/edition/edition';
import { hantHtml } from '@/lib/edition/hant';
import { requestEdition } from '@/lib/edition/request';
import type { Header } from '@/lib/pages/chrome';
import { Island } from './island';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

type Props = {
  header: Header;
  children: ReactNode;
  /** The header's search box; left out where the page is a search box of its own. */
  headerSearch?: boolean;
};

/**
 * The header with this page's channel marked and the page's main landmark, as one static island,
 * then the footer, another: nothing in them changes in the browser. On a 繁體 page (app/zh-hant) the
 * island's HTML is converted, its links lead to the 繁體 edition, and the switch leads back.
 */
export function PageFrame({ header, children, headerSearch = true }: Props) {
  const hant = requestEdition() === 'hant';
  const other = hant
    ? { href: header.path, label: '简体', lang: 'hans' as const }
    : { href: hantHref(header.path), label: '繁體', lang: 'hant' as const };
  const edition = hant
    ? { convert: (html: string) => hantHtml(html, siteConfig.url), lang: EDITION_LANG.hant }
    : {};
  return (
    <>
      <Island className="contents" {...edition}>
        <a href="#main" className="skip-link">
          跳到正文
        </a>
        <SiteHeader
          name={siteConfig.name}
          slogan={siteConfig.slogan}
          nav={header.nav}
          current={header.current}
          edition={{ ...other, hreflang: HREFLANG[other.lang] }}
          search={headerSearch}
        />
        <main id="main" className="site-main">
          {children}
        </main>
      </Island>
      <SiteFooter {...header.footer} {...edition} />
    </>
  );
}
