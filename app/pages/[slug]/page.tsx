import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/breadcrumb';
import { ContactDetails } from '@/components/contact-details';
import { PageFrame } from '@/components/page-frame';
import { findSitePage, prerenderedSitePages, sitePage } from '@/lib/pages/site-page';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

type Props = { params: Promise<{ slug: string }> };

export const generateStaticParams = prerenderedSitePages;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = findSitePage((await params).slug);
  if (!page) return {};
  return pageMetadata(siteSeo, {
    title: page.title,
    description: page.description ?? page.title,
    path: page.url,
  });
}

export default async function SitePage({ params }: Props) {
  const data = await sitePage((await params).slug);
  if (!data) notFound();
  const { page, contact, others, header } = data;
  return (
    <PageFrame header={header}>
      <div className="grid gap-4 lg:grid-cols-[200px_1fr] lg:gap-6">
        <nav aria-label="站务信息" className="self-start bg-white p-4 lg:order-first">
          <ul className="flex flex-wrap gap-x-4 gap-y-2 lg:flex-col">
            {others.map((other) => (
              <li key={other.slug}>
                <a
                  href={other.url}
                  aria-current={other.slug === page.slug ? 'page' : undefined}
                  className="aria-[current=page]:font-bold aria-[current=page]:text-brand"
                >
                  {other.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-4 max-lg:order-first">
          <div className="px-4 sm:px-0">
            <Breadcrumb
              items={[
                { label: '首页', href: '/' },
                { label: page.title, href: page.url },
              ]}
            />
          </div>
          <article className="bg-white px-4 py-6 sm:px-8">
            <h1 className="border-b border-line pb-4 text-2xl font-bold">{page.title}</h1>
            {contact && <ContactDetails contact={contact} />}
            <div
              className="article-body document"
              dangerouslySetInnerHTML={{ __html: page.html }}
            />
          </article>
        </div>
      </div>
    </PageFrame>
  );
}
