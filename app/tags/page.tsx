import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/breadcrumb';
import { PageFrame } from '@/components/page-frame';
import { tagUrl } from '@/lib/content/rules';
import { tagIndex } from '@/lib/pages/listing';
import { pageMetadata } from '@/lib/seo/metadata';
import { siteSeo } from '@/lib/seo/site';

export const metadata: Metadata = pageMetadata(siteSeo, {
  title: '全部标签',
  description: '按标签浏览本站全部文章。',
  path: '/tags',
});

export default async function TagIndexPage() {
  const { tags, header } = await tagIndex();
  return (
    <PageFrame header={header}>
      <div className="space-y-4">
        <div className="px-4 sm:px-0">
          <Breadcrumb
            items={[
              { label: '首页', href: '/' },
              { label: '标签', href: '/tags' },
            ]}
          />
        </div>
        <section className="bg-white p-4 sm:p-6">
          <h1 className="border-b-2 border-brand pb-3 text-2xl font-bold">全部标签</h1>
          <p className="mt-1 text-xs text-muted">共 {tags.length} 个标签，按文章数排列</p>
          <ul className="mt-4 flex flex-wrap gap-2" data-testid="tag-index">
            {tags.map(({ tag, count }) => (
              <li key={tag}>
                <a href={tagUrl(tag)} className="tag">
                  {tag}
                  <span className="ml-1 text-xs text-muted">{count}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </PageFrame>
  );
}
