import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/breadcrumb';
import { HotPicks } from '@/components/hot-picks';
import { HotRanking } from '@/components/hot-ranking';
import { PageFrame } from '@/components/page-frame';
import { hotPage } from '@/lib/pages/hot';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

export const metadata: Metadata = pageMetadata(siteSeo, {
  title: '热门排行',
  description: '过去 24 小时和 7 天读者阅读最多的文章。',
  path: '/hot',
});

export default async function HotPage() {
  const { day, week, state, picks, names, header } = await hotPage();
  return (
    <PageFrame header={header}>
      <div className="space-y-4">
        <div className="px-4 sm:px-0">
          <Breadcrumb
            items={[
              { label: '首页', href: '/' },
              { label: '热门排行', href: '/hot' },
            ]}
          />
        </div>
        <h1 className="px-4 text-2xl font-bold sm:px-0">热门排行</h1>
        {state === 'ranked' ? (
          <div className="grid gap-6 md:grid-cols-2">
            <HotRanking title="24 小时" id="hot-day" items={day} categoryNames={names} />
            <HotRanking title="7 天" id="hot-week" items={week} categoryNames={names} />
          </div>
        ) : (
          <HotPicks articles={picks} unavailable={state === 'unavailable'} categoryNames={names} />
        )}
      </div>
    </PageFrame>
  );
}
