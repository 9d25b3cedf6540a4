import type { ReactNode } from 'react';
import { siteConfig } from '@/config/site';
import type { Header } from '@/lib/pages/chrome';
import { Island } from './island';
import { PageControls } from './page-controls';
import { SiteHeader } from './site-header';

type Props = {
  header: Header;
  children: ReactNode;
  /** Client components (the view beacon): outside the static island, beside PageControls. */
  leaves?: ReactNode;
  /** The header's search box; left out where the page is a search box of its own. */
  headerSearch?: boolean;
};

/**
 * The header with this page's channel marked, and the page's main landmark, as one static
 * island: nothing in them changes in the browser.
 */
export function PageFrame({ header, children, leaves, headerSearch = true }: Props) {
  return (
    <>
      <Island className="contents">
        <a href="#main" className="skip-link">
          跳到正文
        </a>
        <SiteHeader
          name={siteConfig.name}
          slogan={siteConfig.slogan}
          nav={header.nav}
          current={header.current}
          search={headerSearch}
        />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 pt-4 sm:px-4">
          {children}
        </main>
      </Island>
      <PageControls />
      {leaves}
    </>
  );
}
