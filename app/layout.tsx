import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { siteConfig } from '@/config/site';
import { getSitePages } from '@/lib/content/repository';
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

// Each page renders the header itself (components/page-frame.tsx), with its own channel marked.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={siteConfig.locale}>
      <body>
        {children}
        <SiteFooter
          copyrightHolder={siteConfig.copyrightHolder}
          year={now().getFullYear()}
          beian={siteConfig.beian}
          links={[
            ...getSitePages().map((page) => ({ label: page.title, href: page.url })),
            { label: '全部标签', href: '/tags' },
            { label: '网站地图', href: '/sitemap.xml' },
            { label: 'RSS 订阅', href: '/feed.xml' },
          ]}
        />
      </body>
    </html>
  );
}
