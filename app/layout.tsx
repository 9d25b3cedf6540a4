import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { siteConfig } from '@/config/site';
import { rootMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';
import './globals.css';

export const metadata: Metadata = rootMetadata(siteSeo);

export const viewport: Viewport = {
  themeColor: siteConfig.colors.brand,
  width: 'device-width',
  initialScale: 1,
};

// Each page renders the header and footer itself (components/page-frame.tsx), with its own
// channel marked, in its own edition (a 繁體 page's <html lang> is set by lib/edition/document.mjs).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={siteConfig.locale}>
      <body>{children}</body>
    </html>
  );
}
