import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { siteConfig } from '@/config/site';
import { getNavigation } from '@/lib/content/repository';
import { now } from '@/lib/clock';
import { rootMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';
import './globals.css';

export const metadata: Metadata = rootMetadata(siteSeo);

export const viewport: Viewport = {
  themeColor: siteConfig.colors.brand,
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const nav = getNavigation();
  return (
    <html lang={siteConfig.locale}>
      <body className="min-h-screen antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:bg-white focus:p-2"
        >
          跳到正文
        </a>
        <SiteHeader name={siteConfig.name} slogan={siteConfig.slogan} nav={nav} />
        <main id="main" className="mx-auto max-w-6xl px-0 pt-4 sm:px-4">
          {children}
        </main>
        <SiteFooter
          name={siteConfig.name}
          slogan={siteConfig.slogan}
          copyrightHolder={siteConfig.copyrightHolder}
          year={now().getFullYear()}
          nav={[
            { label: '网站地图', href: '/sitemap.xml' },
            { label: 'RSS 订阅', href: '/feed.xml' },
            ...nav.slice(1),
          ]}
        />
      </body>
    </html>
  );
}
