import type { ReactNode } from 'react';
import { siteConfig } from '@/config/site';
import type { Header } from '@/lib/pages/chrome';
import { SiteHeader } from './site-header';

/** The header with this page's channel marked, and the page's main landmark. */
export function PageFrame({ header, children }: { header: Header; children: ReactNode }) {
  return (
    <>
      <SiteHeader
        name={siteConfig.name}
        slogan={siteConfig.slogan}
        nav={header.nav}
        current={header.current}
      />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 pt-4 sm:px-4">
        {children}
      </main>
    </>
  );
}
