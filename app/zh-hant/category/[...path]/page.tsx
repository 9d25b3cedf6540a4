import type { Metadata } from 'next';
import Page, { generateMetadata as hansMetadata } from '@/app/category/[...path]/page';
import { hantPageMetadata } from '@/lib/edition/pages';
import { setRequestEdition } from '@/lib/edition/request';

type Props = Parameters<typeof Page>[0];

// Rendered on its first request, then cached like the 简体 page (docs/adr/021).
export const generateStaticParams = () => [];

export async function generateMetadata(props: Props): Promise<Metadata> {
  return hantPageMetadata(await hansMetadata(props));
}

export default function HantCategoryPage(props: Props) {
  setRequestEdition('hant');
  return <Page {...props} />;
}
