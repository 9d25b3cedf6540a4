import type { Metadata } from 'next';
import { ChannelBlock } from '@/components/channel-block';
import { Headlines } from '@/components/headlines';
import { JsonLd } from '@/components/json-ld';
import { LatestNews } from '@/components/latest-news';
import { NoticeBar } from '@/components/notice-bar';
import { PageFrame } from '@/components/page-frame';
import { SideLists } from '@/components/side-lists';
import { siteConfig } from '@/config/site';
import { homePage } from '@/lib/pages/home';
import { organizationJsonLd, websiteJsonLd } from '@/lib/seo/json-ld';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

export const metadata: Metadata = pageMetadata(siteSeo, {
  title: `${siteConfig.name} - ${siteConfig.slogan}`,
  absoluteTitle: true,
  description: siteConfig.description,
  path: '/',
});

export default async function HomePage() {
  const { lead, top, latest, blocks, notices, names, hot, tags, header } = await homePage();
  return (
    <PageFrame header={header}>
      <div className="page-grid">
        <JsonLd data={websiteJsonLd(siteSeo)} />
        <JsonLd data={organizationJsonLd(siteSeo)} />
        <h1 className="sr-only">
          {siteConfig.name}：{siteConfig.slogan}
        </h1>
        <div className="min-w-0 space-y-4">
          <NoticeBar notices={notices} />
          <Headlines lead={lead} top={top} categoryNames={names} />
          <LatestNews articles={latest} categoryNames={names} />
          {/* An odd last block spans the row: no empty half row at any width. */}
          <div className="grid gap-4 md:grid-cols-2 md:[&>:last-child:nth-child(odd)]:col-span-2">
            {blocks.map((block) => (
              <ChannelBlock key={block.category.path} {...block} />
            ))}
          </div>
        </div>
        {/* The main column has the newest articles: the sidebar ranks them and lists tags. */}
        <SideLists hot={hot} tags={tags} />
      </div>
    </PageFrame>
  );
}
