import type { Metadata } from 'next';
import Page, { metadata as hansMetadata } from '@/app/page';
import { hantPageMetadata } from '@/lib/edition/pages';
import { setRequestEdition } from '@/lib/edition/request';

export const metadata: Metadata = hantPageMetadata(hansMetadata);

export default function HantHomePage() {
  setRequestEdition('hant');
  return <Page />;
}
