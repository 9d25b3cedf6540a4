import type { Metadata } from 'next';
import Page, { metadata as hansMetadata } from '@/app/hot/page';
import { hantPageMetadata } from '@/lib/edition/pages';
import { setRequestEdition } from '@/lib/edition/request';

export const metadata: Metadata = hantPageMetadata(hansMetadata);

export default function HantHotPage() {
  setRequestEdition('hant');
  return <Page />;
}
