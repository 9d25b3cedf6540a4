import type { ReactNode } from 'react';
import { siteConfig } from '@/config/site';
import type { Header } from '@/lib/pages/chrome';
import { Island } from './island';
import { SiteHeader } from './site-header';

type Props = {
  header: Header;
  children: ReactNode;
  /** Client components (the view beacon): outside the static island. */
  leaves?: ReactNode;
};

/**
 * The header with this page's channel marked, and the page's main landmark, as one static
 * island: nothing in them changes in the browser.
 */
export function PageFrame({ header, children, leaves }: Props) {
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
        />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 pt-4 sm:px-4">
          {children}
        </main>
      </Island>
      {leaves}
    </>
  );
}
