import type { Metadata } from 'next';
import Page, { metadata as hansMetadata } from '@/app/search/page';
import { hantPageMetadata } from '@/lib/edition/pages';
import { setRequestEdition } from '@/lib/edition/request';

type Props = Parameters<typeof Page>[0];

export const metadata: Metadata = hantPageMetadata(hansMetadata);

export default function HantSearchPage(props: Props) {
  setRequestEdition('hant');
  return <Page {...props} />;
}
