import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { hantPageMetadata } from '@/lib/edition/pages';
import { rootMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

// The 繁體 edition (docs/adr/021): each route renders its 简体 page's component in the 繁體
// edition. This layout gives them the site's defaults (title template, description) in 繁體.
export const metadata: Metadata = hantPageMetadata(rootMetadata(siteSeo));

export default function HantLayout({ children }: { children: ReactNode }) {
  return children;
}
