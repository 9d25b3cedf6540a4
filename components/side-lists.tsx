import type { ArticleSummary } from '@/lib/content/types';
import type { HotItem } from '@/lib/hot/ranking';
import { formatCount } from '@/lib/format/number';
import { tagUrl } from '@/lib/content/rules';
import { CompactList } from './compact-list';
import { SectionHeading } from './section-heading';

/**
 * 热门文章, then 最新文章 (left out on the home page, whose main column has the newest) or the
 * most used tags (the home page).
 */
type Props = { hot: HotItem[]; latest?: ArticleSummary[]; tags?: { tag: string; count: number }[] };

export function SideLists({ hot, latest, tags }: Props) {
  return (
    <aside className="space-y-4 print:hidden">
      <section aria-labelledby="hot-heading" className="bg-white p-4" data-testid="hot-list">
        <SectionHeading id="hot-heading" title="热门文章" href="/hot" more="排行" />
        <CompactList
          numbered
          label="热门文章"
          items={hot.map(({ article, views }) => ({
            article,
            ...(views ? { note: `阅读 ${formatCount(views)}` } : {}),
          }))}
        />
      </section>
      {latest && latest.length > 0 && (
        <section
          aria-labelledby="latest-heading"
          className="bg-white p-4"
          data-testid="latest-list"
        >
          <SectionHeading id="latest-heading" title="最新文章" />
          <CompactList label="最新文章" items={latest.map((article) => ({ article }))} />
        </section>
      )}
      {tags && tags.length > 0 && (
        <section aria-labelledby="tags-heading" className="bg-white p-4" data-testid="tag-cloud">
          <SectionHeading id="tags-heading" title="热门标签" href="/tags" more="全部标签" />
          <ul className="flex flex-wrap gap-2 text-sm">
            {tags.map(({ tag }) => (
              <li key={tag}>
                <a href={tagUrl(tag)} className="tag">
                  {tag}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
